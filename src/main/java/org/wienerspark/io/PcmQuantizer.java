package org.wienerspark.io;

/**
 * The one rounding and clipping rule of every integer writer (WAV and FLAC): a sample x of a
 * {@code b}-bit format becomes {@code round(x * 2^(b-1))} (round half to even), clipped to
 * {@code [-2^(b-1), 2^(b-1) - 1]}; a value out of that range, or NaN (written as 0), counts as
 * clipped. 8-bit values are kept signed here; the WAV writer adds its offset of 128.
 *
 * <p>Public so that a Spark job can quantize in the task that makes the samples and ship 16-bit
 * integers instead of doubles to the task that writes them ({@link AudioWriter#appendPcm}): the
 * bytes written are the same as from {@link AudioWriter#append}.
 */
public final class PcmQuantizer {

    private PcmQuantizer() {
    }

    /** Whether the quantized samples of {@code format} fit a {@code short} (integer, 16 bits or fewer). */
    public static boolean fitsShort(WavFormat format) {
        return !format.isFloat() && format.bitsPerSample() <= 16;
    }

    /**
     * Quantizes {@code count} samples from {@code x[from]} into {@code out[o]}, for a format that
     * {@link #fitsShort fits a short}.
     *
     * @return how many were clipped (or NaN)
     */
    public static long quantize(double[] x, int from, int count, WavFormat format, short[] out, int o) {
        checkInteger(format);
        double scale = 1L << (format.bitsPerSample() - 1);
        double max = scale - 1;
        double min = -scale;
        long clip = 0;
        for (int i = 0; i < count; i++) {
            double v = Math.rint(x[from + i] * scale);
            if (v >= min && v <= max) {
                out[o + i] = (short) v;
            } else {
                out[o + i] = (short) (v > max ? max : v < min ? min : 0);
                clip++;
            }
        }
        return clip;
    }

    /**
     * Quantizes {@code count} samples from {@code x[from]} into {@code out[o]}, for any integer format.
     *
     * @return how many were clipped (or NaN)
     */
    public static long quantize(double[] x, int from, int count, WavFormat format, int[] out, int o) {
        checkInteger(format);
        double scale = 1L << (format.bitsPerSample() - 1);
        double max = scale - 1;
        double min = -scale;
        long clip = 0;
        for (int i = 0; i < count; i++) {
            double v = Math.rint(x[from + i] * scale);
            if (v >= min && v <= max) {
                out[o + i] = (int) v;
            } else {
                out[o + i] = v > max ? (int) max : v < min ? (int) min : 0;
                clip++;
            }
        }
        return clip;
    }

    /** The value a quantized sample stands for: {@code q / 2^(b-1)}, exact, and quantized back to {@code q}. */
    static double value(int q, WavFormat format) {
        return q * (1.0 / (1L << (format.bitsPerSample() - 1)));
    }

    private static void checkInteger(WavFormat format) {
        if (format.isFloat()) {
            throw new IllegalArgumentException(format + " is a float format: its samples are not quantized");
        }
    }
}
