package org.wienerspark.core;

import java.util.Arrays;

/**
 * A spectrogram model for whatever the given sources do not explain (norbert's
 * {@code contrib.residual_model}), by spectral subtraction.
 *
 * <p>With {@code vx = max(eps, |x|^alpha)} the mixture spectrogram and {@code v_total} the sum
 * of the source models over sources:
 * <ol>
 *   <li>optionally ({@code autoscale}), each bin and channel of the models is scaled by the
 *       least-squares gain over frames that fits {@code v_total} to {@code vx}:
 *       {@code gain(b, c) = sum_t vx v_total / (eps + sum_t v_total^2)}, and {@code v_total} is
 *       summed again;</li>
 *   <li>the residual is {@code max(0, vx - v_total)}, appended as one more source.</li>
 * </ol>
 * {@code eps} is {@link Tensors#DOUBLE_EPS}. {@code alpha} must match {@code v}: 1 for
 * magnitudes, 2 for powers.
 *
 * <p><b>Channels.</b> {@code v} may be mono while {@code x} is multichannel; the output is then
 * multichannel, the mono models being used for every channel (broadcast). norbert's documentation
 * promises this, but its code raises a {@code ValueError} for a mono {@code v} with a
 * multichannel {@code x}: here we differ from the reference and broadcast. A mono {@code x} with
 * a multichannel {@code v} is broadcast likewise, as numpy does in the reference.
 * Unlike the reference with {@code autoscale}, the caller's {@code v} is not scaled in place.
 */
public final class ResidualModel {

    private ResidualModel() {
    }

    /**
     * Appends a residual model with the reference defaults ({@code alpha = 1}, no autoscale).
     *
     * @see #apply(RealTensor, ComplexTensor, double, boolean)
     */
    public static RealTensor apply(RealTensor v, ComplexTensor x) {
        return apply(v, x, 1, false);
    }

    /**
     * Appends a residual model to the source models.
     * Shapes: v (F, B, 1 or C, S), x (F, B, C) -> (F, B, C, S + 1); with a mono x, C is v's channel count.
     *
     * @param v         source spectrograms, homogeneous to {@code |x|^alpha}; input, not modified
     * @param x         the complex mixture STFT; input, not modified
     * @param alpha     the exponent relating {@code v} to {@code |x|}, finite
     * @param autoscale whether to fit the models to the mixture, per bin and channel, first
     * @return a new tensor: the (scaled) sources followed by the residual on the last axis
     */
    public static RealTensor apply(RealTensor v, ComplexTensor x, double alpha, boolean autoscale) {
        Tensors.requireRank("v", v.shape(), 4, "(nb_frames, nb_bins, 1 or nb_channels, nb_sources)");
        Tensors.requireRank("x", x.shape(), 3, "(nb_frames, nb_bins, nb_channels)");
        int nbFrames = x.dim(0);
        int nbBins = x.dim(1);
        int cx = x.dim(2);
        int cv = v.dim(2);
        if (v.dim(0) != nbFrames || v.dim(1) != nbBins || (cv != cx && cv != 1 && cx != 1)) {
            throw new IllegalArgumentException("v must have shape (nb_frames, nb_bins, 1 or nb_channels, nb_sources)"
                    + " matching x " + Arrays.toString(x.shape()) + ", got " + Arrays.toString(v.shape()));
        }
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("alpha must be finite, got " + alpha);
        }
        Tensors.requireFinite("v", v);
        Tensors.requireFinite("x", x);

        int nbChannels = Math.max(cx, cv);
        int nbSources = v.dim(3);
        int stride = nbSources + 1;
        double eps = Tensors.DOUBLE_EPS;
        double[] vd = v.data();
        double[] xd = x.data();

        // out holds the models broadcast to nbChannels, then (scaled), then the residual
        int cells = nbFrames * nbBins * nbChannels;
        double[] out = new double[cells * stride];
        double[] vx = new double[cells];
        for (int f = 0; f < nbFrames; f++) {
            for (int b = 0; b < nbBins; b++) {
                for (int c = 0; c < nbChannels; c++) {
                    int cell = (f * nbBins + b) * nbChannels + c;
                    int xi = 2 * ((f * nbBins + b) * cx + (cx == 1 ? 0 : c));
                    vx[cell] = Math.max(eps, power(Math.hypot(xd[xi], xd[xi + 1]), alpha));
                    int vi = ((f * nbBins + b) * cv + (cv == 1 ? 0 : c)) * nbSources;
                    System.arraycopy(vd, vi, out, cell * stride, nbSources);
                }
            }
        }

        if (autoscale) {
            int plane = nbBins * nbChannels;
            double[] gain = new double[plane];
            double[] weights = new double[plane];
            Arrays.fill(weights, eps);
            for (int f = 0; f < nbFrames; f++) {
                for (int k = 0; k < plane; k++) {
                    int cell = f * plane + k;
                    double total = sumSources(out, cell * stride, nbSources);
                    gain[k] += vx[cell] * total;
                    weights[k] += total * total;
                }
            }
            for (int k = 0; k < plane; k++) {
                gain[k] /= weights[k];
            }
            for (int cell = 0; cell < cells; cell++) {
                double g = gain[cell % plane];
                int o = cell * stride;
                for (int j = 0; j < nbSources; j++) {
                    out[o + j] *= g;
                }
            }
        }

        for (int cell = 0; cell < cells; cell++) {
            int o = cell * stride;
            out[o + nbSources] = Math.max(0.0, vx[cell] - sumSources(out, o, nbSources));
        }
        return new RealTensor(new int[] {nbFrames, nbBins, nbChannels, stride}, out);
    }

    private static double sumSources(double[] a, int off, int nbSources) {
        double total = 0;
        for (int j = 0; j < nbSources; j++) {
            total += a[off + j];
        }
        return total;
    }

    /** {@code m^alpha}, with numpy's exact shortcuts for the usual exponents. */
    private static double power(double m, double alpha) {
        if (alpha == 1) {
            return m;
        }
        if (alpha == 2) {
            return m * m;
        }
        if (alpha == 0.5) {
            return Math.sqrt(m);
        }
        return Math.pow(m, alpha);
    }
}
