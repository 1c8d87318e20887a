package org.wienerspark.core;

/**
 * EM refinement of source estimates (norbert's {@code expectation_maximization}) [1, 3, 4]: each
 * iteration re-estimates the local Gaussian model of every source from the current estimates
 * (power spectral densities and spatial covariance matrices, {@link SpatialCovariance}), then
 * separates the mixture again with the multichannel Wiener filter of that model
 * ({@link PosteriorMean}). As in the reference, this is the simplified scheme of [5]
 * refined in [3, 4] (empirical covariances of the estimates), not the exact EM of [2].
 *
 * <p>Each iteration streams over the data twice: one aggregation (the statistics) and one map
 * (the new estimates, written in place into the output). No other full-size temporary exists.
 *
 * <p>[1] S. Uhlich et al., "Improving music source separation based on deep neural networks
 * through data augmentation and network blending", ICASSP 2017.
 * [2] N.Q.K. Duong, E. Vincent, R. Gribonval, "Under-determined reverberant audio source
 * separation using a full-rank spatial covariance model", IEEE TASLP 18(7), 2010.
 * [3] A.A. Nugraha, A. Liutkus, E. Vincent, "Multichannel audio source separation with deep
 * neural networks", IEEE/ACM TASLP 24(9), 2016.
 * [4] A.A. Nugraha, A. Liutkus, E. Vincent, "Multichannel music separation with deep neural
 * networks", EUSIPCO 2016.
 * [5] A. Liutkus, R. Badeau, G. Richard, "Kernel additive models for source separation", IEEE
 * TSP 62(16), 2014.
 */
public final class ExpectationMaximization {

    /** The reference's default number of iterations. */
    public static final int DEFAULT_ITERATIONS = 2;

    /**
     * The outputs: y (F, B, C, S) the refined estimates, v (F, B, S) and R (B, C, C, S) the model
     * of the last iteration (zeros when there was none).
     */
    public record Result(ComplexTensor y, RealTensor v, ComplexTensor r) {
    }

    private ExpectationMaximization() {
    }

    /**
     * Shapes: y (F, B, C, S) initial estimates, x (F, B, C) mixture, both complex and not
     * modified -> {@link Result}.
     */
    public static Result apply(ComplexTensor y, ComplexTensor x, int iterations, double eps) {
        Tensors.requireRank("x", x.shape(), 3, "(F, B, C)");
        Tensors.requireRank("y", y.shape(), 4, "(F, B, C, S)");
        int frames = x.dim(0), bins = x.dim(1), c = x.dim(2), s = y.dim(3);
        for (int axis = 0; axis < 3; axis++) {
            Tensors.requireDim("y", y.shape(), axis, x.dim(axis), "(F, B, C, S) with x (F, B, C)");
        }
        if (c < 1 || s < 1) {
            throw new IllegalArgumentException("need at least one channel and one source, got x "
                    + java.util.Arrays.toString(x.shape()) + " and y " + java.util.Arrays.toString(y.shape()));
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("iterations must be >= 0, got " + iterations);
        }
        Tensors.requireEps(eps);
        Tensors.requireFinite("x", x);
        Tensors.requireFinite("y", y);
        double[] out = y.data().clone();
        double[] v = new double[frames * bins * s];
        double[] r = new double[2 * bins * s * c * c];
        PosteriorMean separator = new PosteriorMean(c, s);
        for (int it = 0; it < iterations; it++) {
            // The statistics pass also gives v, all the map needs from the current estimates.
            SpatialCovariance stats = new SpatialCovariance(bins, c, s);
            stats.add(out, 0, frames, v, 0);
            r = stats.covariances(eps);
            separator.separateFromPsd(r, bins, eps, x.data(), 0, v, 0, out, 0, frames);
        }
        return new Result(new ComplexTensor(y.shape().clone(), out), new RealTensor(new int[] {frames, bins, s}, v),
                SpatialCovariance.toReferenceLayout(r, bins, c, s));
    }

    /** With the default eps (machine epsilon of double). */
    public static Result apply(ComplexTensor y, ComplexTensor x, int iterations) {
        return apply(y, x, iterations, Tensors.DOUBLE_EPS);
    }
}
