package org.wienerspark.core;

import java.util.Arrays;

/**
 * Gaussian blur of a real tensor (norbert's {@code contrib.smooth}), with the semantics of
 * scipy.ndimage's {@code gaussian_filter} / {@code gaussian_filter1d}.
 *
 * <p>The kernel is {@code w[k] = exp(-k^2 / (2 sigma^2))} for {@code |k| <= radius}, divided by
 * its sum, with {@code radius = (int) (truncate * sigma + 0.5)}. Borders use scipy's
 * {@code 'reflect'} mode: the axis is mirrored about its edges with the edge sample repeated
 * ({@code d c b a | a b c d | d c b a}), periodically (period {@code 2n}) when the radius exceeds
 * the axis length {@code n}. Axes are filtered one after the other, starting with axis 0, and the
 * intermediate results are kept in double precision.
 *
 * <p>Two implementation details do not change the result beyond rounding: kernel taps that
 * underflow to exactly 0 (beyond about {@code 38.6 sigma}) are dropped, and on an axis much
 * shorter than the kernel the taps that land on the same sample are summed before filtering.
 */
public final class Smooth {

    /** scipy's default {@code truncate} of {@code gaussian_filter1d}, used by the temporal blur. */
    static final double TEMPORAL_TRUNCATE = 4.0;
    /** Largest kernel radius (after dropping underflowed taps); widths beyond ~4e5 are refused. */
    static final int MAX_RADIUS = 1 << 24;
    /** Axes up to this length use summed ("folded") taps when the kernel is wider than the axis. */
    private static final int MAX_FOLDED_LENGTH = 512;
    /** Axes with at least this many values after them are filtered a whole row at a time. */
    private static final int ROW_MIN_INNER = 32;

    private Smooth() {
    }

    /**
     * Blurs {@code v} with a Gaussian of standard deviation {@code width} samples.
     * Shape: v (nb_frames, ...) of any rank, output the same shape.
     *
     * @param v        input, not modified
     * @param width    the standard deviation, in samples, {@code > 0}
     * @param temporal {@code true}: blur along axis 0 (frames) only, kernel truncated at
     *                 {@code 4 width}; {@code false}: blur along every axis, kernel truncated at
     *                 {@code width * width} (norbert passes {@code truncate=width})
     * @return a new tensor of the shape of {@code v}
     */
    public static RealTensor apply(RealTensor v, double width, boolean temporal) {
        if (!(width > 0) || Double.isInfinite(width)) {
            throw new IllegalArgumentException("width must be finite and > 0, got " + width);
        }
        if (temporal && v.rank() == 0) {
            throw new IllegalArgumentException("v must have shape (nb_frames, ...) for a temporal blur, got "
                    + Arrays.toString(v.shape()));
        }
        Tensors.requireFinite("v", v);
        return temporal
                ? gaussian(v, width, TEMPORAL_TRUNCATE, 1)
                : gaussian(v, width, width, v.rank());
    }

    /**
     * Gaussian filter of axes {@code 0 .. axes-1} of {@code v}, unchecked: {@code sigma > 0}.
     * Returns a new tensor; {@code v} is not modified.
     */
    static RealTensor gaussian(RealTensor v, double sigma, double truncate, int axes) {
        int[] shape = v.shape();
        double[] w = halfKernel(sigma, truncate);
        double[] data = v.data();
        if (axes == 0 || data.length == 0) {
            return new RealTensor(shape.clone(), data.clone());
        }
        double[] a = new double[data.length];
        double[] b = axes > 1 ? new double[data.length] : null;
        double[] src = data;
        double[] dst = a;
        int outer = 1;
        for (int axis = 0; axis < axes; axis++) {
            int n = shape[axis];
            int inner = data.length / outer / n;
            AxisPlan plan = new AxisPlan(n, w);
            plan.filter(src, dst, outer, inner);
            outer *= n;
            src = dst;
            dst = dst == a ? b : a;
        }
        return new RealTensor(shape.clone(), src);
    }

    /**
     * The normalised kernel {@code w[0..r]} (symmetric: {@code w[-k] = w[k]}) of scipy's
     * {@code _gaussian_kernel1d}, with its zero tails dropped.
     */
    static double[] halfKernel(double sigma, double truncate) {
        double radius = Math.floor(truncate * sigma + 0.5);
        // exp(-x^2/2) is exactly 0 in double for x > 38.6, so taps beyond 40 sigma are all 0
        double bound = Math.min(radius, Math.ceil(40 * sigma));
        if (bound > MAX_RADIUS) {
            throw new IllegalArgumentException("Gaussian kernel for sigma " + sigma + " (truncate " + truncate
                    + ") needs radius " + (long) bound + ", beyond the supported " + MAX_RADIUS);
        }
        int r = (int) bound;
        double c = -0.5 / (sigma * sigma);
        double[] phi = new double[r + 1];
        phi[0] = 1.0;
        for (int k = 1; k <= r; k++) {
            phi[k] = Math.exp((c * k) * k);
        }
        while (r > 0 && phi[r] == 0) {
            r--;
        }
        double sum = 0;
        for (int k = r; k >= 1; k--) {
            sum += phi[k];
        }
        for (int k = 0; k <= r; k++) {
            sum += phi[k];
        }
        double[] w = new double[r + 1];
        for (int k = 0; k <= r; k++) {
            w[k] = phi[k] / sum;
        }
        return w;
    }

    /** Source index of position {@code p} (any integer) of an axis of length n in 'reflect' mode. */
    static int reflect(long p, int n) {
        long period = 2L * n;
        long q = Math.floorMod(p, period);
        return (int) (q < n ? q : period - 1 - q);
    }

    /** The 1-D correlation of one axis: precomputed source indices or, for short axes, summed taps. */
    private static final class AxisPlan {
        private final int n;
        private final int r;
        private final double[] w;
        /** Direct form: {@code map[p + r]} is the source of extended position p in [-r, n + r). */
        private final int[] map;
        /** Folded form: {@code fold[i * n + s]}, the total weight of source s in output i. */
        private final double[] fold;

        AxisPlan(int n, double[] w) {
            this.n = n;
            this.w = w;
            this.r = w.length - 1;
            if (r >= n && n <= MAX_FOLDED_LENGTH) {
                map = null;
                int period = 2 * n;
                double[] byPhase = new double[period];
                for (int k = -r; k <= r; k++) {
                    byPhase[Math.floorMod(k, period)] += w[Math.abs(k)];
                }
                fold = new double[n * n];
                for (int i = 0; i < n; i++) {
                    for (int m = 0; m < period; m++) {
                        fold[i * n + reflect((long) i + m, n)] += byPhase[m];
                    }
                }
            } else {
                fold = null;
                map = new int[n + 2 * r];
                for (int p = 0; p < map.length; p++) {
                    map[p] = reflect((long) p - r, n);
                }
            }
        }

        /** dst (outer, n, inner) = this filter applied along the middle axis of src (outer, n, inner). */
        void filter(double[] src, double[] dst, int outer, int inner) {
            if (fold != null) {
                filterFolded(src, dst, outer, inner);
            } else {
                filterDirect(src, dst, outer, inner);
            }
        }

        // out[i] = w0 x[i] + sum over j = r..1 of w_j (x[i - j] + x[i + j]): scipy's symmetric order
        private void filterDirect(double[] src, double[] dst, int outer, int inner) {
            if (inner < ROW_MIN_INNER) {
                filterDirectLines(src, dst, outer, inner);
                return;
            }
            // long rows: accumulate whole rows of `inner` contiguous values per tap
            double w0 = w[0];
            for (int o = 0; o < outer; o++) {
                int base = o * n * inner;
                for (int i = 0; i < n; i++) {
                    int d = base + i * inner;
                    int s0 = base + map[i + r] * inner;
                    for (int t = 0; t < inner; t++) {
                        dst[d + t] = src[s0 + t] * w0;
                    }
                    for (int j = r; j >= 1; j--) {
                        int left = base + map[i + r - j] * inner;
                        int right = base + map[i + r + j] * inner;
                        double wj = w[j];
                        for (int t = 0; t < inner; t++) {
                            dst[d + t] += (src[left + t] + src[right + t]) * wj;
                        }
                    }
                }
            }
        }

        // short rows: copy each line with its reflected extension into a buffer (as scipy does),
        // then compute four outputs at a time with independent accumulators
        private void filterDirectLines(double[] src, double[] dst, int outer, int inner) {
            double w0 = w[0];
            double[] ext = new double[n + 2 * r];
            for (int o = 0; o < outer; o++) {
                int base = o * n * inner;
                for (int t = 0; t < inner; t++) {
                    for (int p = 0; p < ext.length; p++) {
                        ext[p] = src[base + map[p] * inner + t];
                    }
                    int i = 0;
                    for (; i + 4 <= n; i += 4) {
                        int c = i + r;
                        double a0 = ext[c] * w0;
                        double a1 = ext[c + 1] * w0;
                        double a2 = ext[c + 2] * w0;
                        double a3 = ext[c + 3] * w0;
                        for (int j = r; j >= 1; j--) {
                            double wj = w[j];
                            a0 += (ext[c - j] + ext[c + j]) * wj;
                            a1 += (ext[c + 1 - j] + ext[c + 1 + j]) * wj;
                            a2 += (ext[c + 2 - j] + ext[c + 2 + j]) * wj;
                            a3 += (ext[c + 3 - j] + ext[c + 3 + j]) * wj;
                        }
                        int d = base + i * inner + t;
                        dst[d] = a0;
                        dst[d + inner] = a1;
                        dst[d + 2 * inner] = a2;
                        dst[d + 3 * inner] = a3;
                    }
                    for (; i < n; i++) {
                        int c = i + r;
                        double a = ext[c] * w0;
                        for (int j = r; j >= 1; j--) {
                            a += (ext[c - j] + ext[c + j]) * w[j];
                        }
                        dst[base + i * inner + t] = a;
                    }
                }
            }
        }

        private void filterFolded(double[] src, double[] dst, int outer, int inner) {
            for (int o = 0; o < outer; o++) {
                int base = o * n * inner;
                for (int i = 0; i < n; i++) {
                    int d = base + i * inner;
                    int row = i * n;
                    if (inner == 1) {
                        double acc = 0;
                        for (int s = 0; s < n; s++) {
                            acc += fold[row + s] * src[base + s];
                        }
                        dst[d] = acc;
                    } else {
                        Arrays.fill(dst, d, d + inner, 0.0);
                        for (int s = 0; s < n; s++) {
                            double ws = fold[row + s];
                            int from = base + s * inner;
                            for (int t = 0; t < inner; t++) {
                                dst[d + t] += src[from + t] * ws;
                            }
                        }
                    }
                }
            }
        }
    }
}
