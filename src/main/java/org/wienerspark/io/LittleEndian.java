package org.wienerspark.io;

/** Little-endian reads and writes on byte arrays, for the RIFF structures of WAV files. */
final class LittleEndian {

    private LittleEndian() {
    }

    static int u16(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8;
    }

    static long u32(byte[] b, int i) {
        return ((b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (long) (b[i + 3] & 0xff) << 24);
    }

    /** A 64-bit field; values of 2^63 and more come back negative, which callers refuse. */
    static long s64(byte[] b, int i) {
        return u32(b, i) | u32(b, i + 4) << 32;
    }

    static void putU16(byte[] b, int i, int v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
    }

    static void putU32(byte[] b, int i, long v) {
        b[i] = (byte) v;
        b[i + 1] = (byte) (v >>> 8);
        b[i + 2] = (byte) (v >>> 16);
        b[i + 3] = (byte) (v >>> 24);
    }

    static void putU64(byte[] b, int i, long v) {
        putU32(b, i, v);
        putU32(b, i + 4, v >>> 32);
    }

    /** A four-character code, with unprintable bytes escaped so that messages stay readable. */
    static String fourcc(byte[] b, int i) {
        StringBuilder s = new StringBuilder(4);
        for (int k = i; k < i + 4; k++) {
            int c = b[k] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                s.append((char) c);
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }

    static void putFourcc(byte[] b, int i, String id) {
        for (int k = 0; k < 4; k++) {
            b[i + k] = (byte) id.charAt(k);
        }
    }
}
