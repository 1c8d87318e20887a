package org.wienerspark.io;

import java.io.EOFException;
import java.io.IOException;
import java.util.Arrays;

/**
 * Decodes one FLAC frame at a time into per-channel integer samples: the frame header, each
 * channel's subframe (constant, verbatim, fixed orders 0-4, LPC orders 1-32, wasted bits), the
 * Rice and Rice2 residual partitions with escape codes, the CRC-16, and the stereo decorrelation
 * (left/side, side/right, mid/side).
 *
 * <p>Errors in a frame are {@link FlacFrameException}s (and {@link EOFException} when the file
 * ends inside it); {@link FlacReader} names the file and the byte offset. The sample buffers grow
 * only to the block size of frames actually met.
 */
final class FlacFrameDecoder {

    private final FlacBitReader br;
    private final FlacFrameIndex index;
    private final FlacStreamInfo info;
    private final long length;
    private final FlacFrameHeader hdr = new FlacFrameHeader();
    private long[][] chan = new long[0][];
    private final long[] coefs = new long[32];

    /** The last frame decoded: its first sample, block size and end. */
    private long decodedSample = -1;
    private int decodedSize;
    private long decodedEnd;

    FlacFrameDecoder(FlacBitReader br, FlacFrameIndex index, FlacStreamInfo info, long length) {
        this.br = br;
        this.index = index;
        this.info = info;
        this.length = length;
    }

    /** The first sample of the last frame decoded, or -1 when none is (a failed decode clears it). */
    long sample() {
        return decodedSample;
    }

    /** The block size of the last frame decoded. */
    int size() {
        return decodedSize;
    }

    /** The byte offset just after the last frame decoded: where the next frame starts. */
    long end() {
        return decodedEnd;
    }

    /** The decoded samples of channel {@code c} (valid in [0, {@link #size()})). */
    long[] channel(int c) {
        return chan[c];
    }

    /** Decodes the frame at byte {@code pos}, which must start at sample {@code s}. */
    void decode(long pos, long s) throws IOException {
        int n = br.window(pos, FlacFrameHeader.MAX_BYTES);
        if (!hdr.parse(br.buf, br.frameBase, n) || !index.consistent(hdr)) {
            if (n < FlacFrameHeader.MAX_BYTES && pos + n >= length) {
                throw new EOFException();
            }
            throw new FlacFrameException("no valid frame header");
        }
        long expected = index.expectedNumber(s);
        if (hdr.number != expected) {
            throw new FlacFrameException("numbered " + hdr.number + " where " + expected + " was expected");
        }
        int bs = hdr.blockSize;
        int channels = info.channels();
        int bits = info.bitsPerSample();
        int fixedBlockSize = index.fixedBlockSize();
        if (!index.variable() && bs != fixedBlockSize && s + bs < index.frames()) {
            throw new FlacFrameException("block size " + bs + " in a stream of fixed block size " + fixedBlockSize);
        }
        decodedSample = -1;
        if (chan.length != channels || chan[0].length < bs) {
            chan = new long[channels][bs];
        }
        // Real encoders never exceed the verbatim size by much; refusing more bounds the window.
        br.setFrameLimit((int) Math.min(Integer.MAX_VALUE - 64, 2L * bs * channels * (bits + 1) / 8 + (1 << 16)));
        br.skip(hdr.length * 8);
        int a = hdr.assignment;
        for (int c = 0; c < channels; c++) {
            boolean side = a == FlacFrameHeader.LEFT_SIDE && c == 1 || a == FlacFrameHeader.SIDE_RIGHT && c == 0
                    || a == FlacFrameHeader.MID_SIDE && c == 1;
            subframe(chan[c], bs, bits + (side ? 1 : 0));
        }
        br.alignToByte();
        int crcAt = br.frameBytes();
        int crc = (int) br.bits(16);
        if (FlacCrc.crc16(br.buf, br.frameBase, crcAt) != crc) {
            throw new FlacFrameException("CRC-16 mismatch");
        }
        decorrelate(a, bs);
        decodedSample = s;
        decodedSize = bs;
        decodedEnd = pos + crcAt + 2;
    }

    private void decorrelate(int a, int bs) {
        if (a < FlacFrameHeader.LEFT_SIDE) {
            return;
        }
        long[] x = chan[0];
        long[] y = chan[1];
        if (a == FlacFrameHeader.LEFT_SIDE) {
            for (int i = 0; i < bs; i++) {
                y[i] = x[i] - y[i];
            }
        } else if (a == FlacFrameHeader.SIDE_RIGHT) {
            for (int i = 0; i < bs; i++) {
                x[i] += y[i];
            }
        } else {
            for (int i = 0; i < bs; i++) {
                long side = y[i];
                long mid = x[i] << 1 | (side & 1);
                x[i] = (mid + side) >> 1;
                y[i] = (mid - side) >> 1;
            }
        }
    }

    private void subframe(long[] x, int n, int bits) throws IOException {
        if (br.bit() != 0) {
            throw new FlacFrameException("subframe padding bit set");
        }
        int type = (int) br.bits(6);
        int wasted = 0;
        if (br.bit() == 1) {
            long w = br.unary() + 1;
            if (w >= bits) {
                throw new FlacFrameException(w + " wasted bits in a " + bits + "-bit subframe");
            }
            wasted = (int) w;
            bits -= wasted;
        }
        if (type == 0) {
            Arrays.fill(x, 0, n, br.signed(bits));
        } else if (type == 1) {
            for (int i = 0; i < n; i++) {
                x[i] = br.signed(bits);
            }
        } else if (type >= 8 && type <= 12) {
            int order = type - 8;
            warmUp(x, n, order, bits);
            residual(x, n, order);
            restoreFixed(x, n, order);
        } else if (type >= 32) {
            int order = type - 31;
            warmUp(x, n, order, bits);
            int precision = (int) br.bits(4) + 1;
            if (precision == 16) {
                throw new FlacFrameException("invalid LPC coefficient precision");
            }
            int shift = (int) br.signed(5);
            if (shift < 0) {
                throw new FlacFrameException("negative LPC shift");
            }
            for (int j = 0; j < order; j++) {
                coefs[j] = br.signed(precision);
            }
            residual(x, n, order);
            restoreLpc(x, n, order, shift);
        } else {
            throw new FlacFrameException("reserved subframe type " + type);
        }
        if (wasted > 0) {
            for (int i = 0; i < n; i++) {
                x[i] <<= wasted;
            }
        }
    }

    private void warmUp(long[] x, int n, int order, int bits) throws IOException {
        if (order > n) {
            throw new FlacFrameException("predictor order " + order + " exceeds the block size " + n);
        }
        for (int i = 0; i < order; i++) {
            x[i] = br.signed(bits);
        }
    }

    /** Reads the residual of samples [order, n) into x (restored in place afterwards). */
    private void residual(long[] x, int n, int order) throws IOException {
        int method = (int) br.bits(2);
        if (method > 1) {
            throw new FlacFrameException("reserved residual coding method " + method);
        }
        int paramBits = method == 0 ? 4 : 5;
        int escape = (1 << paramBits) - 1;
        int partitionOrder = (int) br.bits(4);
        int partitions = 1 << partitionOrder;
        int size = n >> partitionOrder;
        if ((n & (partitions - 1)) != 0 || size < order) {
            throw new FlacFrameException("partition order " + partitionOrder + " does not fit a block of " + n
                    + " with predictor order " + order);
        }
        int i = order;
        for (int p = 0; p < partitions; p++) {
            int end = (p + 1) * size;
            int k = (int) br.bits(paramBits);
            if (k == escape) {
                int raw = (int) br.bits(5);
                for (; i < end; i++) {
                    x[i] = br.signed(raw);
                }
            } else {
                br.rice(x, i, end, k);
                i = end;
            }
        }
    }

    private static void restoreFixed(long[] x, int n, int order) {
        switch (order) {
            case 0 -> {
            }
            case 1 -> {
                for (int i = 1; i < n; i++) {
                    x[i] += x[i - 1];
                }
            }
            case 2 -> {
                for (int i = 2; i < n; i++) {
                    x[i] += 2 * x[i - 1] - x[i - 2];
                }
            }
            case 3 -> {
                for (int i = 3; i < n; i++) {
                    x[i] += 3 * (x[i - 1] - x[i - 2]) + x[i - 3];
                }
            }
            default -> {
                for (int i = 4; i < n; i++) {
                    x[i] += 4 * (x[i - 1] + x[i - 3]) - 6 * x[i - 2] - x[i - 4];
                }
            }
        }
    }

    private void restoreLpc(long[] x, int n, int order, int shift) {
        long[] q = coefs;
        for (int i = order; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < order; j++) {
                sum += q[j] * x[i - 1 - j];
            }
            x[i] += sum >> shift;
        }
    }
}
