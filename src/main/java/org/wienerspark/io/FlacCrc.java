package org.wienerspark.io;

/** The two checksums of a FLAC frame: CRC-8 of its header and CRC-16 of the whole frame. */
final class FlacCrc {

    private static final int[] CRC8 = new int[256];
    private static final int[] CRC16 = new int[256];

    static {
        for (int i = 0; i < 256; i++) {
            int c = i;
            int d = i << 8;
            for (int k = 0; k < 8; k++) {
                c = (c & 0x80) != 0 ? (c << 1) ^ 0x07 : c << 1;
                d = (d & 0x8000) != 0 ? (d << 1) ^ 0x8005 : d << 1;
            }
            CRC8[i] = c & 0xff;
            CRC16[i] = d & 0xffff;
        }
    }

    private FlacCrc() {
    }

    /** CRC-8, polynomial x^8 + x^2 + x + 1, initial 0, of {@code b[off, off + len)}. */
    static int crc8(byte[] b, int off, int len) {
        int c = 0;
        for (int i = off, end = off + len; i < end; i++) {
            c = CRC8[(c ^ b[i]) & 0xff];
        }
        return c;
    }

    /** CRC-16, polynomial x^16 + x^15 + x^2 + 1, initial 0, of {@code b[off, off + len)}. */
    static int crc16(byte[] b, int off, int len) {
        int c = 0;
        for (int i = off, end = off + len; i < end; i++) {
            c = ((c << 8) ^ CRC16[((c >>> 8) ^ b[i]) & 0xff]) & 0xffff;
        }
        return c;
    }
}
