package org.wienerspark.io;

import java.util.Arrays;

/** Bits into a growable byte array, MSB first; reused for every frame. */
final class FlacBitWriter {

    byte[] buf = new byte[1 << 16];
    int bytes;
    private long acc;
    private int accBits;

    void reset() {
        bytes = 0;
        acc = 0;
        accBits = 0;
    }

    /** Writes the low {@code n} bits of {@code v} (n at most 32). */
    void bits(long v, int n) {
        if (n == 0) {
            return;
        }
        acc = acc << n | (v & (-1L >>> (64 - n)));
        accBits += n;
        if (accBits >= 32) {
            if (bytes + 8 > buf.length) {
                buf = Arrays.copyOf(buf, buf.length * 2);
            }
            while (accBits >= 8) {
                accBits -= 8;
                buf[bytes++] = (byte) (acc >>> accBits);
            }
        }
    }

    /** Writes {@code v} as a Rice code of parameter {@code k} (v non-negative). */
    void rice(long v, int k) {
        long q = v >>> k;
        if (q + 1 + k <= 32) {
            bits(1L << k | (v & ((1L << k) - 1)), (int) q + 1 + k);
            return;
        }
        while (q >= 32) {
            bits(0, 32);
            q -= 32;
        }
        bits(1, (int) q + 1);
        bits(v, k);
    }

    /** Pads with zero bits to a byte boundary and writes out what is pending. */
    void align() {
        if ((accBits & 7) != 0) {
            bits(0, 8 - (accBits & 7));
        }
        if (bytes + 8 > buf.length) {
            buf = Arrays.copyOf(buf, buf.length * 2);
        }
        while (accBits >= 8) {
            accBits -= 8;
            buf[bytes++] = (byte) (acc >>> accBits);
        }
    }
}
