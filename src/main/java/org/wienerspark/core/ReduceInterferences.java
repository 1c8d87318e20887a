package org.wienerspark.core;

import java.util.Arrays;

/**
 * Interference reduction between source spectrograms (norbert's
 * {@code contrib.reduce_interferences}), inspired by [1] with norbert's ad-hoc changes.
 *
 * <p>Sources are rarely all loud in the same time-frequency bin, so each source keeps its energy
 * where it dominates a smoothed version of the mixture model and loses it elsewhere:
 * <pre>
 *   vsmooth = Smooth.apply(v, 10, false)             // sigma 10, truncate 10: radius 100, all axes
 *   share   = vsmooth / (FLOAT_EPS + sum over sources of vsmooth)
 *   out     = logistic(share; threshold 0.4, slope 15) * v
 * </pre>
 *
 * <p><b>Reference quirk, kept on purpose:</b> norbert 0.2.1 accepts {@code thresh} and
 * {@code slope} but never uses them; it always compresses with threshold 0.4 and slope 15.
 * {@link #apply(RealTensor, double, double)} does the same, so any values give the output of
 * {@link #apply(RealTensor)}. The epsilon is float32's machine epsilon
 * ({@link Tensors#FLOAT_EPS}), as in the reference.
 *
 * <p>[1] T. Prätzlich, R. Bittner, A. Liutkus, M. Müller, "Kernel additive modeling for
 * interference reduction in multi-channel music recordings", Proc. ICASSP 2015.
 */
public final class ReduceInterferences {

    /** norbert's default (and ignored) {@code thresh}. */
    public static final double DEFAULT_THRESH = 0.6;
    /** norbert's default (and ignored) {@code slope}. */
    public static final double DEFAULT_SLOPE = 15;

    /** The smoothing width: Gaussian sigma and truncate, hence kernel radius 100. */
    static final double SMOOTH_WIDTH = 10;
    /** The threshold actually used by the reference. */
    static final double THRESHOLD = 0.4;
    /** The slope actually used by the reference. */
    static final double SLOPE = 15;

    private ReduceInterferences() {
    }

    /**
     * Reduces interferences with the reference defaults. Shape: v (..., nb_sources), output the same.
     *
     * @param v nonnegative spectrograms, sources on the last axis; input, not modified
     * @return a new tensor of the shape of {@code v}
     */
    public static RealTensor apply(RealTensor v) {
        return apply(v, DEFAULT_THRESH, DEFAULT_SLOPE);
    }

    /**
     * Reduces interferences. Shape: v (..., nb_sources), output the same.
     *
     * @param v      nonnegative spectrograms, sources on the last axis; input, not modified
     * @param thresh ignored, as in the reference (which always uses 0.4)
     * @param slope  ignored, as in the reference (which always uses 15)
     * @return a new tensor of the shape of {@code v}
     */
    public static RealTensor apply(RealTensor v, double thresh, double slope) {
        if (v.rank() == 0) {
            throw new IllegalArgumentException("v must have shape (..., nb_sources), got "
                    + Arrays.toString(v.shape()));
        }
        Tensors.requireFinite("v", v);
        double[] vs = Smooth.gaussian(v, SMOOTH_WIDTH, SMOOTH_WIDTH, v.rank()).data();
        double[] x = v.data();
        int nbSources = v.dim(v.rank() - 1);
        double[] out = new double[x.length];
        for (int g = 0; g < x.length; g += nbSources) {
            double total = 0;
            for (int j = 0; j < nbSources; j++) {
                total += vs[g + j];
            }
            total = Tensors.FLOAT_EPS + total;
            for (int j = 0; j < nbSources; j++) {
                out[g + j] = Logistic.logistic(vs[g + j] / total, THRESHOLD, SLOPE) * x[g + j];
            }
        }
        return new RealTensor(v.shape().clone(), out);
    }
}
