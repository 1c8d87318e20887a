package org.wienerspark.core;

/**
 * The reference's numerical scaling around EM, per group of frames: x and the initial estimates
 * are divided by {@code m = max(1, max|x| / 10)} before EM and the result is multiplied back
 * before the inverse STFT (see {@link Wiener}). A track separated in EM windows of {@code window}
 * frames has one group, and one scale, per window ({@code window = 0}: one group for the track);
 * a distributed job takes the maximum of {@link #maxAbsPerGroup} over a track's blocks.
 *
 * <p>Arrays hold consecutive frames of {@code stride} doubles from frame {@code first}; scales
 * are indexed from the group of {@code first}.
 */
public final class EmScale {

    private EmScale() {
    }

    /** The group of a frame: its EM window, 0 for all frames when {@code window <= 0}. */
    public static int group(int frame, int window) {
        return window > 0 ? frame / window : 0;
    }

    /** The scale {@code max(1, maxAbs / 10)} of a group whose largest mixture modulus is maxAbs. */
    public static double of(double maxAbs) {
        return Wiener.scaleOf(maxAbs);
    }

    /** max |x| of each group of frames [first, first + frames) of x, from {@code group(first)} on. */
    public static double[] maxAbsPerGroup(double[] x, int stride, int first, int frames, int window) {
        int g0 = group(first, window);
        double[] max = new double[group(first + frames - 1, window) - g0 + 1];
        for (int t = 0; t < frames; t++) {
            int g = group(first + t, window) - g0;
            max[g] = Math.max(max[g], Wiener.maxAbs(x, t * stride, (t + 1) * stride));
        }
        return max;
    }

    /** Divides every frame of {@code a} by its group's scale, in place. */
    public static void divide(double[] a, int stride, int first, int frames, int window, double[] scales) {
        int g0 = group(first, window);
        for (int t = 0; t < frames; t++) {
            double m = scales[group(first + t, window) - g0];
            if (m != 1.0) {
                // Divide, as the reference does, rather than multiply by 1/m.
                for (int i = t * stride; i < (t + 1) * stride; i++) {
                    a[i] /= m;
                }
            }
        }
    }

    /**
     * Source j of estimates y (F, B, C, S) complex ({@code cells = B C} per frame), each frame
     * multiplied by its group's scale, into {@code out} (F, B, C) complex, overwritten.
     */
    public static void sourceTimesScale(double[] y, int cells, int sources, int j, int first, int frames,
                                        int window, double[] scales, double[] out) {
        int g0 = group(first, window);
        for (int t = 0; t < frames; t++) {
            double m = scales[group(first + t, window) - g0];
            for (int fc = 0; fc < cells; fc++) {
                int src = 2 * ((t * cells + fc) * sources + j);
                int dst = 2 * (t * cells + fc);
                out[dst] = y[src] * m;
                out[dst + 1] = y[src + 1] * m;
            }
        }
    }

    /**
     * Every source of y, as {@link #sourceTimesScale} makes one, into {@code out[j]}, in one
     * pass over y: one source at a time reads all of y (its sources are interleaved) once per
     * source.
     */
    public static void sourcesTimesScale(double[] y, int cells, int sources, int first, int frames, int window,
                                         double[] scales, double[][] out) {
        int g0 = group(first, window);
        for (int t = 0; t < frames; t++) {
            double m = scales[group(first + t, window) - g0];
            for (int fc = t * cells; fc < (t + 1) * cells; fc++) {
                int src = 2 * fc * sources;
                int dst = 2 * fc;
                for (int j = 0; j < sources; j++) {
                    double[] o = out[j];
                    o[dst] = y[src + 2 * j] * m;
                    o[dst + 1] = y[src + 2 * j + 1] * m;
                }
            }
        }
    }
}
