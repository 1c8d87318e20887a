package org.wienerspark.io;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A window of a file that FLAC frames are decoded from, bit by bit, MSB first. The window keeps
 * the current frame from its first byte (so its CRC-16 can be checked once it is decoded) and
 * grows only as far as the file and {@link #setFrameLimit a frame size limit} allow, so a hostile
 * file cannot make it allocate more than the bytes it has.
 */
final class FlacBitReader {

    private static final VarHandle LONG_BE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final int CHUNK = 1 << 16;
    /** Bytes after {@link #limit} that a 64-bit read may touch (their contents are never used). */
    private static final int SLACK = 8;

    private final RandomAccessInput in;
    private final long fileLength;
    byte[] buf;
    /** File position of buf[0]. */
    private long bufStart;
    /** Bytes of buf that hold file data. */
    private int limit;
    /** Index in buf of the current frame's first byte; bytes before it may be discarded. */
    int frameBase;
    /** Bit position in buf of the next bit. */
    private long bitPos;
    private int frameLimit = Integer.MAX_VALUE;

    FlacBitReader(RandomAccessInput in, long fileLength) {
        this.in = in;
        this.fileLength = fileLength;
        this.buf = new byte[(int) Math.min(CHUNK, fileLength) + SLACK];
    }

    /** File position of the next whole byte (the bit position rounded up). */
    long filePosition() {
        return bufStart + ((bitPos + 7) >>> 3);
    }

    /**
     * Makes the bytes {@code [pos, pos + n)} present and starts a frame at {@code pos}.
     *
     * @return how many of the {@code n} bytes are present (fewer at the end of the file)
     */
    int window(long pos, int n) throws IOException {
        if (pos >= bufStart && pos <= bufStart + limit) {
            frameBase = (int) (pos - bufStart);
        } else {
            bufStart = pos;
            limit = 0;
            frameBase = 0;
        }
        bitPos = (long) frameBase << 3;
        while (limit - frameBase < n && more(n - (limit - frameBase))) {
            // read until n bytes are present or the file ends
        }
        return Math.min(n, limit - frameBase);
    }

    /** Caps the bytes of the current frame (from {@link #frameBase}); exceeding it is refused. */
    void setFrameLimit(int bytes) {
        frameLimit = bytes;
    }

    /**
     * Reads at least {@code want} more bytes (fewer at the end of the file), keeping the frame.
     *
     * @return false when the file has no more bytes
     */
    private boolean more(int want) throws IOException {
        long left = fileLength - (bufStart + limit);
        if (left <= 0) {
            return false;
        }
        if (frameBase > 0 && limit + want + SLACK > buf.length) {
            System.arraycopy(buf, frameBase, buf, 0, limit - frameBase);
            bufStart += frameBase;
            limit -= frameBase;
            bitPos -= (long) frameBase << 3;
            frameBase = 0;
        }
        if (limit + want + SLACK > buf.length) {
            // The frame itself outgrows the window (the caller checked it against the limit).
            long size = Math.min(Math.max(buf.length * 2L, limit + (long) want + SLACK),
                    Math.min(limit + left + SLACK, Integer.MAX_VALUE - 16));
            buf = java.util.Arrays.copyOf(buf, (int) size);
        }
        int read = (int) Math.min(left, Math.max(want, Math.min(CHUNK, buf.length - SLACK - limit)));
        in.readFully(bufStart + limit, buf, limit, read);
        limit += read;
        return true;
    }

    private void need(long bits) throws IOException {
        while (bitPos + bits > (long) limit << 3) {
            long frameBytes = ((bitPos + bits + 7) >>> 3) - frameBase;
            if (frameBytes > frameLimit) {
                throw new FlacFrameException("frame longer than " + frameLimit + " bytes");
            }
            if (!more((int) ((bitPos + bits + 7 >>> 3) - limit))) {
                throw new EOFException();
            }
        }
    }

    /** Reads {@code n} bits (0 to 57), unsigned. */
    long bits(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        need(n);
        long w = (long) LONG_BE.get(buf, (int) (bitPos >>> 3));
        long v = (w << (bitPos & 7)) >>> (64 - n);
        bitPos += n;
        return v;
    }

    /** Reads one bit. */
    int bit() throws IOException {
        need(1);
        int v = (buf[(int) (bitPos >>> 3)] >>> (7 - (bitPos & 7))) & 1;
        bitPos++;
        return v;
    }

    /** Reads {@code n} bits (0 to 57) as a two's complement number. */
    long signed(int n) throws IOException {
        if (n == 0) {
            return 0;
        }
        long v = bits(n);
        return (v << (64 - n)) >> (64 - n);
    }

    /** Reads a unary number: the count of 0 bits before the next 1 bit. */
    long unary() throws IOException {
        long count = 0;
        while (true) {
            long avail = ((long) limit << 3) - bitPos;
            if (avail <= 0) {
                need(1);
                continue;
            }
            int shift = (int) (bitPos & 7);
            long w = ((long) LONG_BE.get(buf, (int) (bitPos >>> 3))) << shift;
            int usable = (int) Math.min(64 - shift, avail);
            int z = Long.numberOfLeadingZeros(w);
            if (z < usable) {
                bitPos += z + 1;
                return count + z;
            }
            bitPos += usable;
            count += usable;
        }
    }

    /**
     * Reads Rice codes of parameter {@code k} (0 to 30) into {@code x[from, to)}, zigzag-decoded
     * to signed values. The hot loop of decoding: while the window holds 16 bytes past the bit
     * position, a code is read from two 64-bit words without bounds checks per bit.
     */
    void rice(long[] x, int from, int to, int k) throws IOException {
        long fastEnd = ((long) limit << 3) - 128;
        long pos = bitPos;
        byte[] b = buf;
        for (int i = from; i < to; i++) {
            long u;
            if (pos <= fastEnd) {
                long w = ((long) LONG_BE.get(b, (int) (pos >>> 3))) << (pos & 7);
                int z = Long.numberOfLeadingZeros(w);
                if (z <= 56) {
                    pos += z + 1;
                    long r = k == 0 ? 0 : ((long) LONG_BE.get(b, (int) (pos >>> 3))) << (pos & 7) >>> (64 - k);
                    pos += k;
                    u = (long) z << k | r;
                    x[i] = (u >>> 1) ^ -(u & 1);
                    continue;
                }
            }
            bitPos = pos;
            u = unary() << k | bits(k);
            x[i] = (u >>> 1) ^ -(u & 1);
            // the window may have moved or grown
            pos = bitPos;
            b = buf;
            fastEnd = ((long) limit << 3) - 128;
        }
        bitPos = pos;
    }

    /** Skips to the next byte boundary. */
    void alignToByte() {
        bitPos = (bitPos + 7) & ~7L;
    }

    /** Bytes of the current frame read so far (the bit position must be byte aligned). */
    int frameBytes() {
        return (int) (bitPos >>> 3) - frameBase;
    }

    /** Skips {@code n} bits. */
    void skip(int n) throws IOException {
        need(n);
        bitPos += n;
    }
}
