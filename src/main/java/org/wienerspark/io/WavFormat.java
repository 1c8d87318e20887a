package org.wienerspark.io;

/**
 * The sample encodings read and written as WAV: integer PCM (8-bit unsigned, 16/24/32-bit signed
 * two's complement, little-endian) and IEEE float (32 and 64 bit).
 *
 * <p>Scaling, the same both ways: an integer sample {@code n} of {@code b} bits is the value
 * {@code n / 2^(b-1)}, in {@code [-1, 1)} (8-bit: {@code (n - 128) / 128}); floats are taken as
 * stored, without clipping.
 */
public enum WavFormat {
    /** 8-bit unsigned PCM (offset 128). */
    PCM_U8(8, false),
    /** 16-bit signed PCM. */
    PCM_16(16, false),
    /** 24-bit signed PCM (packed, 3 bytes a sample). */
    PCM_24(24, false),
    /** 32-bit signed PCM. */
    PCM_32(32, false),
    /** 32-bit IEEE float. */
    FLOAT_32(32, true),
    /** 64-bit IEEE float. */
    FLOAT_64(64, true);

    private final int bits;
    private final boolean isFloat;

    WavFormat(int bits, boolean isFloat) {
        this.bits = bits;
        this.isFloat = isFloat;
    }

    /** Bits a sample occupies in the file (the container size). */
    public int bitsPerSample() {
        return bits;
    }

    /** Bytes a sample occupies in the file. */
    public int bytesPerSample() {
        return bits / 8;
    }

    /** Whether samples are IEEE floats (stored as is) rather than integers (scaled, clipped). */
    public boolean isFloat() {
        return isFloat;
    }

    /**
     * The integer encoding of a bit depth, or the float encoding of 32/64 bits.
     *
     * @return the format, or {@code null} when no format has that size
     */
    static WavFormat of(boolean isFloat, int bits) {
        for (WavFormat f : values()) {
            if (f.isFloat == isFloat && f.bits == bits) {
                return f;
            }
        }
        return null;
    }
}
