package org.wienerspark.core;

import java.util.Arrays;

/**
 * Logistic compression of a separation filter (norbert's {@code contrib.compress_filter}): it
 * pushes a filter towards a binary mask, reducing interferences at the price of distortion.
 *
 * <ul>
 *   <li>One channel: each element is replaced by {@code logistic(W)} (see {@link Logistic}).</li>
 *   <li>C &gt; 1 channels: each C x C filter is read as a beamformer times a single-channel mask
 *       whose value is its trace {@code g}; only the mask is compressed:
 *       {@code W_out = W * logistic(g) / (eps + g)}, with {@code eps = }{@link Tensors#DOUBLE_EPS}.</li>
 * </ul>
 * For complex W the logistic is evaluated in complex arithmetic (the trace of a general complex
 * filter is complex), as in the reference.
 *
 * <p>Unlike the reference, which scales a multichannel W in place, the input is never modified:
 * the result is a new tensor.
 */
public final class CompressFilter {

    /** norbert's default threshold. */
    public static final double DEFAULT_THRESH = 0.6;
    /** norbert's default slope. */
    public static final double DEFAULT_SLOPE = 15;

    private CompressFilter() {
    }

    /** Compresses a complex filter with the defaults (thresh 0.6, slope 15). */
    public static ComplexTensor apply(ComplexTensor w) {
        return apply(w, DEFAULT_THRESH, DEFAULT_SLOPE);
    }

    /** Compresses a real filter with the defaults (thresh 0.6, slope 15). */
    public static RealTensor apply(RealTensor w) {
        return apply(w, DEFAULT_THRESH, DEFAULT_SLOPE);
    }

    /**
     * Compresses a complex filter. Shape: W (..., C, C), output the same.
     *
     * @param w      the filters; input, not modified
     * @param thresh the mask value mapped to 1/2, typically in (0, 1); closer to 1 removes more
     * @param slope  the steepness of the compression
     * @return a new tensor of the shape of {@code w}
     */
    public static ComplexTensor apply(ComplexTensor w, double thresh, double slope) {
        int nbChannels = checkedChannels(w.shape(), thresh, slope);
        Tensors.requireFinite("W", w);
        double[] in = w.data();
        double[] out = new double[in.length];
        if (nbChannels == 1) {
            for (int i = 0; i < in.length; i += 2) {
                Logistic.logistic(in[i], in[i + 1], thresh, slope, out, i);
            }
            return new ComplexTensor(w.shape().clone(), out);
        }
        int matrix = 2 * nbChannels * nbChannels;
        double[] factor = new double[2];
        for (int m = 0; m < in.length; m += matrix) {
            double gr = 0;
            double gi = 0;
            for (int c = 0; c < nbChannels; c++) {
                int d = m + 2 * (c * nbChannels + c);
                gr += in[d];
                gi += in[d + 1];
            }
            Logistic.logistic(gr, gi, thresh, slope, factor, 0);
            ComplexOps.div(factor[0], factor[1], Tensors.DOUBLE_EPS + gr, gi, factor, 0);
            double fr = factor[0];
            double fi = factor[1];
            for (int i = m; i < m + matrix; i += 2) {
                out[i] = in[i] * fr - in[i + 1] * fi;
                out[i + 1] = in[i] * fi + in[i + 1] * fr;
            }
        }
        return new ComplexTensor(w.shape().clone(), out);
    }

    /**
     * Compresses a real filter. Shape: W (..., C, C), output the same.
     *
     * @param w      the filters; input, not modified
     * @param thresh the mask value mapped to 1/2, typically in (0, 1); closer to 1 removes more
     * @param slope  the steepness of the compression
     * @return a new tensor of the shape of {@code w}
     */
    public static RealTensor apply(RealTensor w, double thresh, double slope) {
        int nbChannels = checkedChannels(w.shape(), thresh, slope);
        Tensors.requireFinite("W", w);
        double[] in = w.data();
        double[] out = new double[in.length];
        if (nbChannels == 1) {
            for (int i = 0; i < in.length; i++) {
                out[i] = Logistic.logistic(in[i], thresh, slope);
            }
            return new RealTensor(w.shape().clone(), out);
        }
        int matrix = nbChannels * nbChannels;
        for (int m = 0; m < in.length; m += matrix) {
            double gain = 0;
            for (int c = 0; c < nbChannels; c++) {
                gain += in[m + c * nbChannels + c];
            }
            double factor = Logistic.logistic(gain, thresh, slope) / (Tensors.DOUBLE_EPS + gain);
            for (int i = m; i < m + matrix; i++) {
                out[i] = in[i] * factor;
            }
        }
        return new RealTensor(w.shape().clone(), out);
    }

    private static int checkedChannels(int[] shape, double thresh, double slope) {
        int rank = shape.length;
        if (rank < 2 || shape[rank - 1] != shape[rank - 2]) {
            throw new IllegalArgumentException("W must have shape (..., nb_channels, nb_channels), got "
                    + Arrays.toString(shape));
        }
        if (!Double.isFinite(thresh) || !Double.isFinite(slope)) {
            throw new IllegalArgumentException("thresh and slope must be finite, got thresh " + thresh
                    + ", slope " + slope);
        }
        return shape[rank - 1];
    }
}
