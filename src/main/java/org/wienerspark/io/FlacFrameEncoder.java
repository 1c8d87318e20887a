package org.wienerspark.io;

/**
 * Encodes one block of integer samples as a FLAC frame for {@link FlacWriter}: the frame header
 * (sync code, block size and rate codes, the frame or sample number in FLAC's UTF-8-like coding,
 * CRC-8), the channels' subframes ({@link FlacSubframeEncoder}) and the CRC-16. For stereo it
 * picks the cheapest of independent, left/side, side/right and mid/side, judged by the prices of
 * their fixed-predictor or verbatim subframes. The frame is left in a reused buffer ({@link #buf()}, {@link #bytes()}).
 */
final class FlacFrameEncoder {

    private final FlacBitWriter bw = new FlacBitWriter();
    private final FlacSubframeEncoder subframes;
    private final int channels;
    private final int sampleRate;
    private final int bits;
    private final boolean variable;
    private final long[] side;
    private final long[] mid;
    private int headerBytes;

    /** Frames of up to {@code blockSize} samples; {@code variable}: numbered by sample, not frame. */
    FlacFrameEncoder(int channels, int sampleRate, int bits, int blockSize, boolean variable) {
        this.channels = channels;
        this.sampleRate = sampleRate;
        this.bits = bits;
        this.variable = variable;
        this.subframes = new FlacSubframeEncoder(bw, blockSize);
        this.side = new long[blockSize];
        this.mid = new long[blockSize];
    }

    /**
     * Encodes samples [0, n) of {@code block} (one array a channel) as the frame coded with
     * {@code number}: its frame number, or in a variable-block-size stream its first sample.
     */
    void encode(long[][] block, int n, long number) {
        bw.reset();
        header(n, number);
        int assignment = channels - 1;
        if (channels == 2) {
            assignment = stereo(block, n);
        } else {
            for (int c = 0; c < channels; c++) {
                subframes.subframe(block[c], n, bits, true);
            }
        }
        bw.align();
        // The header was written before the stereo mode was chosen: patch it in, then the CRC-8.
        byte[] f = bw.buf;
        f[3] = (byte) (assignment << 4 | (f[3] & 0x0F));
        f[headerBytes] = (byte) FlacCrc.crc8(f, 0, headerBytes);
        int crc = FlacCrc.crc16(f, 0, bw.bytes);
        bw.bits(crc, 16);
        bw.align();
    }

    /** The encoded frame: its first {@link #bytes()} bytes. */
    byte[] buf() {
        return bw.buf;
    }

    int bytes() {
        return bw.bytes;
    }

    private void header(int n, long number) {
        bw.bits(variable ? 0xFFF9 : 0xFFF8, 16);
        int bsCode = n == FlacWriter.BLOCK_SIZE ? 12 : n <= 256 ? 6 : 7;
        int rateCode = rateCode(sampleRate);
        bw.bits(bsCode, 4);
        bw.bits(rateCode, 4);
        bw.bits(0, 4); // channel assignment, patched when chosen
        bw.bits(bits == 8 ? 1 : bits == 16 ? 4 : 6, 3);
        bw.bits(0, 1);
        utf8(number);
        if (bsCode == 6) {
            bw.bits(n - 1, 8);
        } else if (bsCode == 7) {
            bw.bits(n - 1, 16);
        }
        if (rateCode == 12) {
            bw.bits(sampleRate / 1000, 8);
        } else if (rateCode == 13) {
            bw.bits(sampleRate, 16);
        } else if (rateCode == 14) {
            bw.bits(sampleRate / 10, 16);
        }
        bw.align();
        headerBytes = bw.bytes;
        bw.bits(0, 8); // CRC-8, patched
    }

    private void utf8(long v) {
        if (v < 0x80) {
            bw.bits(v, 8);
            return;
        }
        int extra = 1;
        while (v >= 1L << (5 * extra + 6)) {
            extra++;
        }
        bw.bits((0xFF00 >>> (extra + 1) & 0xFF) | v >>> (6 * extra), 8);
        for (int k = extra - 1; k >= 0; k--) {
            bw.bits(0x80 | (v >>> (6 * k) & 0x3F), 8);
        }
    }

    private static int rateCode(int rate) {
        return switch (rate) {
            case 88200 -> 1;
            case 176400 -> 2;
            case 192000 -> 3;
            case 8000 -> 4;
            case 16000 -> 5;
            case 22050 -> 6;
            case 24000 -> 7;
            case 32000 -> 8;
            case 44100 -> 9;
            case 48000 -> 10;
            case 96000 -> 11;
            default -> rate % 1000 == 0 && rate <= 255000 ? 12 : rate <= 0xFFFF ? 13
                    : rate % 10 == 0 && rate <= 655350 ? 14 : 0;
        };
    }

    /** Chooses and writes the stereo mode; returns the channel assignment. */
    private int stereo(long[][] block, int n) {
        long[] l = block[0];
        long[] r = block[1];
        for (int i = 0; i < n; i++) {
            side[i] = l[i] - r[i];
            mid[i] = (l[i] + r[i]) >> 1;
        }
        long cl = subframes.cost(l, n, bits);
        long cr = subframes.cost(r, n, bits);
        long cs = subframes.cost(side, n, bits + 1);
        long cm = subframes.cost(mid, n, bits);
        long best = Math.min(Math.min(cl + cr, cl + cs), Math.min(cs + cr, cm + cs));
        int a;
        if (best == cl + cr) {
            a = 1;
            subframes.subframe(l, n, bits, true);
            subframes.subframe(r, n, bits, true);
        } else if (best == cl + cs) {
            a = FlacFrameHeader.LEFT_SIDE;
            subframes.subframe(l, n, bits, true);
            subframes.subframe(side, n, bits + 1, true);
        } else if (best == cs + cr) {
            a = FlacFrameHeader.SIDE_RIGHT;
            subframes.subframe(side, n, bits + 1, true);
            subframes.subframe(r, n, bits, true);
        } else {
            a = FlacFrameHeader.MID_SIDE;
            subframes.subframe(mid, n, bits, true);
            subframes.subframe(side, n, bits + 1, true);
        }
        return a;
    }
}
