package org.wienerspark.io;

/**
 * A FLAC frame header, parsed from bytes with its CRC-8 checked; one mutable instance is reused
 * for every frame (no allocation per frame).
 */
final class FlacFrameHeader {

    /** The longest header: sync and codes (4), coded number (7), block size (2), rate (2), CRC (1). */
    static final int MAX_BYTES = 16;

    /** Channel assignments 8-10: left/side, side/right, mid/side; 0-7 are independent channels. */
    static final int LEFT_SIDE = 8;
    static final int SIDE_RIGHT = 9;
    static final int MID_SIDE = 10;

    private static final int[] RATES = {0, 88200, 176400, 192000, 8000, 16000, 22050, 24000, 32000, 44100, 48000,
        96000};
    private static final int[] BITS = {0, 8, 12, -1, 16, 20, 24, 32};

    boolean variable;
    int blockSize;
    /** Sample rate in Hz, or 0 when the header defers to STREAMINFO. */
    int sampleRate;
    int assignment;
    int channels;
    /** Bits per sample, or 0 when the header defers to STREAMINFO. */
    int bits;
    /** Frame number (fixed block size) or number of the first sample (variable block size). */
    long number;
    /** Header length in bytes, CRC-8 included. */
    int length;

    /**
     * Parses the header at {@code b[off]}, of which {@code avail} bytes are present; false when
     * the bytes there are not a valid header (wrong sync, reserved codes, bad CRC-8, too short).
     */
    boolean parse(byte[] b, int off, int avail) {
        if (avail < 6 || (b[off] & 0xff) != 0xFF || (b[off + 1] & 0xfe) != 0xF8) {
            return false;
        }
        variable = (b[off + 1] & 1) != 0;
        int b2 = b[off + 2] & 0xff;
        int b3 = b[off + 3] & 0xff;
        int bsCode = b2 >>> 4;
        int rateCode = b2 & 15;
        assignment = b3 >>> 4;
        int bitsCode = (b3 >>> 1) & 7;
        if (bsCode == 0 || rateCode == 15 || assignment > MID_SIDE || BITS[bitsCode] < 0 || (b3 & 1) != 0) {
            return false;
        }
        channels = assignment < LEFT_SIDE ? assignment + 1 : 2;
        bits = BITS[bitsCode];
        int p = off + 4;
        // The coded number: UTF-8's scheme stretched to 36 bits.
        int first = b[p++] & 0xff;
        int extra;
        long v;
        if (first < 0x80) {
            extra = 0;
            v = first;
        } else if (first >= 0xC0 && first < 0xFF) {
            extra = Integer.numberOfLeadingZeros(~first << 24) - 1;
            v = first & (0x3F >>> extra);
        } else {
            return false;
        }
        if (extra > (variable ? 6 : 5) || avail < 4 + 1 + extra + 1) {
            return false;
        }
        for (int k = 0; k < extra; k++) {
            int c = b[p++] & 0xff;
            if ((c & 0xC0) != 0x80) {
                return false;
            }
            v = v << 6 | (c & 0x3F);
        }
        number = v;
        int need = (p - off) + (bsCode == 6 ? 1 : bsCode == 7 ? 2 : 0) + (rateCode == 12 ? 1 : rateCode >= 13 ? 2 : 0)
                + 1;
        if (avail < need) {
            return false;
        }
        if (bsCode == 1) {
            blockSize = 192;
        } else if (bsCode <= 5) {
            blockSize = 576 << (bsCode - 2);
        } else if (bsCode == 6) {
            blockSize = (b[p++] & 0xff) + 1;
        } else if (bsCode == 7) {
            blockSize = ((b[p] & 0xff) << 8 | (b[p + 1] & 0xff)) + 1;
            p += 2;
        } else {
            blockSize = 256 << (bsCode - 8);
        }
        if (rateCode < 12) {
            sampleRate = RATES[rateCode];
        } else if (rateCode == 12) {
            sampleRate = (b[p++] & 0xff) * 1000;
        } else {
            int r = (b[p] & 0xff) << 8 | (b[p + 1] & 0xff);
            p += 2;
            sampleRate = rateCode == 13 ? r : r * 10;
        }
        if (FlacCrc.crc8(b, off, p - off) != (b[p] & 0xff)) {
            return false;
        }
        length = p + 1 - off;
        return true;
    }
}
