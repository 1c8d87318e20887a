package org.wienerspark.eval;

/**
 * museval's test for a silent source: the sum over channels is exactly zero at every sample. A
 * stereo source with {@code left == -right} is therefore "silent" too, as in museval.
 */
final class Silence {

    private Silence() {
    }

    /**
     * The channel sum of sample {@code i} of a {@code (samples, channels)} block starting at
     * {@code offset}, added in numpy's order for a reduction over the last axis (the first value,
     * plus the sum of the others), so that exact zeros are found exactly where numpy finds them.
     */
    static double channelSum(double[] a, int offset, int channels) {
        if (channels == 1) {
            return a[offset];
        }
        double rest = 0.0;
        for (int c = 1; c < channels; c++) {
            rest += a[offset + c];
        }
        return a[offset] + rest;
    }

    /**
     * Whether source {@code j} of a {@code (sources, samples, channels)} array is silent over
     * samples {@code [from, to)}.
     */
    static boolean isSilent(double[] x, int samples, int channels, int j, int from, int to) {
        int base = j * samples * channels;
        for (int i = from; i < to; i++) {
            if (channelSum(x, base + i * channels, channels) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Whether any source of a {@code (sources, samples, channels)} array is silent over {@code [from, to)}. */
    static boolean anySilent(double[] x, int sources, int samples, int channels, int from, int to) {
        for (int j = 0; j < sources; j++) {
            if (isSilent(x, samples, channels, j, from, to)) {
                return true;
            }
        }
        return false;
    }
}
