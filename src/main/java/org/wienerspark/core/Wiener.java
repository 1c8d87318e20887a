package org.wienerspark.core;

/**
 * Multichannel Wiener separation (norbert's {@code wiener}) [1-4]: an initial estimate from the
 * source spectrograms (a {@link SoftMask}, or the spectrograms with the mixture's phase), then
 * {@link ExpectationMaximization} refinement.
 *
 * <p>Before EM (only when {@code iterations > 0}), x and the initial estimates are divided by
 * {@code m = max(1, max|x| / 10)} and the result multiplied back, as the reference does for
 * numerical stability; eps is not rescaled, so its meaning depends on that scale exactly as in
 * the reference. Unlike the reference, x is not modified.
 *
 * <p>[1] S. Uhlich et al., ICASSP 2017. [2] A.A. Nugraha, A. Liutkus, E. Vincent, IEEE/ACM TASLP
 * 24(9), 2016. [3] A.A. Nugraha, A. Liutkus, E. Vincent, EUSIPCO 2016. [4] A. Liutkus, R.
 * Badeau, G. Richard, IEEE TSP 62(16), 2014 (full titles in {@link ExpectationMaximization}).
 */
public final class Wiener {

    /** The reference's default number of EM iterations for {@code wiener}. */
    public static final int DEFAULT_ITERATIONS = 1;

    private Wiener() {
    }

    /**
     * Shapes: v (F, B, 1 or C, S) real (magnitudes when {@code useSoftmask} is false), x (F, B, C)
     * complex -> y (F, B, C, S) complex; inputs not modified.
     */
    public static ComplexTensor apply(RealTensor v, ComplexTensor x, int iterations, boolean useSoftmask,
                                      double eps) {
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        ComplexTensor y = useSoftmask ? SoftMask.apply(v, x, Double.NaN, eps) : withMixturePhase(v, x);
        if (iterations == 0) {
            return y;
        }
        double scale = scale(x.data(), 0, x.data().length);
        ComplexTensor xs = new ComplexTensor(x.shape().clone(), divide(x.data(), scale));
        ComplexTensor ys = new ComplexTensor(y.shape(), divide(y.data(), scale));
        double[] out = ExpectationMaximization.apply(ys, xs, iterations, eps).y().data();
        for (int i = 0; i < out.length; i++) {
            out[i] *= scale;
        }
        return new ComplexTensor(y.shape(), out);
    }

    /** With the reference's defaults: one iteration, soft mask, machine epsilon. */
    public static ComplexTensor apply(RealTensor v, ComplexTensor x) {
        return apply(v, x, DEFAULT_ITERATIONS, true, Tensors.DOUBLE_EPS);
    }

    /**
     * The reference's scale {@code max(1, max|x| / 10)} of complex values {@code x[from, to)}
     * (in doubles); a distributed job takes the maximum of {@link #maxAbs} over blocks instead.
     */
    public static double scale(double[] x, int from, int to) {
        return scaleOf(maxAbs(x, from, to));
    }

    /** The reference's scale {@code max(1, maxAbs / 10)} for a mixture whose largest modulus is {@code maxAbs}. */
    public static double scaleOf(double maxAbs) {
        return Math.max(1.0, maxAbs / 10.0);
    }

    /** {@code max |x|} over the complex values {@code x[from, to)} (in doubles), 0 when empty. */
    public static double maxAbs(double[] x, int from, int to) {
        double best = -1;
        int at = -1;
        for (int i = from; i < to; i += 2) {
            double p = x[i] * x[i] + x[i + 1] * x[i + 1];
            if (p > best) {
                best = p;
                at = i;
            }
        }
        // The modulus as numpy computes it (hypot), for the winning element only.
        return at < 0 ? 0.0 : Math.hypot(x[at], x[at + 1]);
    }

    /**
     * Initial estimates from magnitude spectrograms and the mixture phase:
     * {@code y_j = v_j exp(i angle(x))}, where a zero x has angle 0.
     *
     * <p>Shapes: v (F, B, 1 or C, S) real, x (F, B, C) complex -> y (F, B, C, S) complex.
     */
    public static ComplexTensor withMixturePhase(RealTensor v, ComplexTensor x) {
        SoftMask.Shapes sh = SoftMask.Shapes.check(v, x);
        int c = sh.channels(), s = sh.sources(), cv = sh.vChannels();
        double[] vd = v.data();
        double[] xd = x.data();
        double[] y = new double[2 * sh.frames() * sh.bins() * c * s];
        for (int tf = 0; tf < sh.frames() * sh.bins(); tf++) {
            for (int ch = 0; ch < c; ch++) {
                double xr = xd[2 * (tf * c + ch)];
                double xi = xd[2 * (tf * c + ch) + 1];
                double cos;
                double sin;
                double big = Math.max(Math.abs(xr), Math.abs(xi));
                if (big == 0) {
                    // atan2(0, +0) = 0, atan2(0, -0) = pi, as numpy's angle.
                    cos = Double.doubleToRawLongBits(xr) < 0 ? -1.0 : 1.0;
                    sin = 0.0;
                } else {
                    // Scale first so that neither square under- nor overflows.
                    double a = xr / big;
                    double b = xi / big;
                    double norm = Math.sqrt(a * a + b * b);
                    cos = a / norm;
                    sin = b / norm;
                }
                int vo = (tf * cv + (cv == 1 ? 0 : ch)) * s;
                int yo = 2 * (tf * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    y[yo + 2 * j] = vd[vo + j] * cos;
                    y[yo + 2 * j + 1] = vd[vo + j] * sin;
                }
            }
        }
        return new ComplexTensor(new int[] {sh.frames(), sh.bins(), c, s}, y);
    }

    private static double[] divide(double[] a, double d) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = a[i] / d;
        }
        return out;
    }
}
