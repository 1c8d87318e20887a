package org.wienerspark.core;

/**
 * Separation by ratio masks, {@code y_j = v_j / (eps + sum_k v_k) * x} (norbert's
 * {@code softmask}): the Wiener filter of power spectrograms [1], the "ratio mask" of fractional
 * ones [2]. It ignores inter-channel correlations; it is the usual initial estimate for EM.
 *
 * <p>Compression ({@code logit}): the reference's {@code softmask(..., logit=...)} raises a
 * TypeError (its call to {@code compress_filter} does not match that function's signature). We
 * implement what its documentation describes: each element of the ratio mask goes through the
 * logistic {@code 1 / (1 + exp(-15 (mask - logit)))} before it multiplies x, as the golden case
 * {@code softmask_logit0.5_elementwise_variant} pins. A zero mask then becomes
 * {@code 1 / (1 + exp(15 logit)) > 0}.
 *
 * <p>[1] N. Wiener, "Extrapolation, Interpolation, and Smoothing of Stationary Time Series", 1949.
 * [2] A. Liutkus, R. Badeau, "Generalized Wiener filtering with fractional power spectrograms",
 * ICASSP 2015.
 */
public final class SoftMask {

    /** Slope of the logistic compression (that of {@code compress_filter}'s default). */
    public static final double LOGIT_SLOPE = 15.0;

    private SoftMask() {
    }

    /**
     * Shapes: v (F, B, 1 or C, S) real, x (F, B, C) complex -> y (F, B, C, S) complex; inputs not
     * modified. A one-channel v applies to every channel.
     *
     * @param logit threshold of the mask compression in [0, 1], or {@code Double.NaN} for none
     */
    public static ComplexTensor apply(RealTensor v, ComplexTensor x, double logit, double eps) {
        Shapes sh = Shapes.check(v, x);
        Tensors.requireEps(eps);
        boolean compress = !Double.isNaN(logit);
        if (compress && !(logit >= 0 && logit <= 1)) {
            throw new IllegalArgumentException("logit must be in [0, 1], got " + logit);
        }
        int c = sh.channels, s = sh.sources, cv = sh.vChannels;
        double[] vd = v.data();
        double[] xd = x.data();
        double[] y = new double[2 * sh.frames * sh.bins * c * s];
        for (int tf = 0; tf < sh.frames * sh.bins; tf++) {
            for (int ch = 0; ch < c; ch++) {
                int vo = (tf * cv + (cv == 1 ? 0 : ch)) * s;
                double total = 0;
                for (int j = 0; j < s; j++) {
                    total += vd[vo + j];
                }
                double denominator = eps + total;
                double xr = xd[2 * (tf * c + ch)];
                double xi = xd[2 * (tf * c + ch) + 1];
                int yo = 2 * (tf * c + ch) * s;
                for (int j = 0; j < s; j++) {
                    // 0/0 (silent sources with eps = 0; NaN in the reference) is a zero mask.
                    double mask = denominator == 0 ? 0.0 : vd[vo + j] / denominator;
                    if (compress) {
                        mask = Logistic.logistic(mask, logit, LOGIT_SLOPE);
                    }
                    y[yo + 2 * j] = mask * xr;
                    y[yo + 2 * j + 1] = mask * xi;
                }
            }
        }
        return new ComplexTensor(new int[] {sh.frames, sh.bins, c, s}, y);
    }

    /** Without compression, with the default eps (machine epsilon of double). */
    public static ComplexTensor apply(RealTensor v, ComplexTensor x) {
        return apply(v, x, Double.NaN, Tensors.DOUBLE_EPS);
    }

    /** The axis lengths shared by v (F, B, 1 or C, S) and x (F, B, C), checked. */
    record Shapes(int frames, int bins, int channels, int vChannels, int sources) {

        static Shapes check(RealTensor v, ComplexTensor x) {
            Tensors.requireRank("x", x.shape(), 3, "(F, B, C)");
            Tensors.requireRank("v", v.shape(), 4, "(F, B, 1 or C, S)");
            int frames = x.dim(0), bins = x.dim(1), c = x.dim(2);
            Tensors.requireDim("v", v.shape(), 0, frames, "(F, B, 1 or C, S) with x (F, B, C)");
            Tensors.requireDim("v", v.shape(), 1, bins, "(F, B, 1 or C, S) with x (F, B, C)");
            if (v.dim(2) != 1 && v.dim(2) != c) {
                Tensors.requireDim("v", v.shape(), 2, c, "(F, B, 1 or C, S) with x (F, B, C)");
            }
            if (v.dim(3) < 1) {
                throw new IllegalArgumentException("v must have at least one source, got shape "
                        + java.util.Arrays.toString(v.shape()));
            }
            if (c < 1) {
                throw new IllegalArgumentException("x must have at least one channel, got shape "
                        + java.util.Arrays.toString(x.shape()));
            }
            Tensors.requireFinite("v", v);
            Tensors.requireFinite("x", x);
            return new Shapes(frames, bins, c, v.dim(2), v.dim(3));
        }
    }
}
