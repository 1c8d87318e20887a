package org.wienerspark.core;

/**
 * The multichannel Wiener gain of a source, {@code G_j = v_j R_j Cxx^-1}, whose product with the
 * mixture is the posterior mean of the source [1].
 *
 * <p>{@link #apply} is norbert's {@code wiener_gain} on whole tensors, for the reference-shaped
 * API. The EM map stage never forms G: {@link PosteriorMean} computes {@code G_j x} directly.
 *
 * <p>[1] N.Q.K. Duong, E. Vincent, R. Gribonval, "Under-determined reverberant audio source
 * separation using a full-rank spatial covariance model", IEEE TASLP 18(7), 2010.
 */
public final class WienerGain {

    private WienerGain() {
    }

    /**
     * norbert's {@code wiener_gain}: {@code G = v_j * (R_j @ inv_Cxx)}.
     *
     * <p>Shapes: v_j (F, B), R_j (B, C, C), inv_Cxx (F, B, C, C) -> G (F, B, C, C); inputs not
     * modified.
     */
    public static ComplexTensor apply(RealTensor vj, ComplexTensor rj, ComplexTensor invCxx) {
        Tensors.requireRank("inv_Cxx", invCxx.shape(), 4, "(F, B, C, C)");
        int frames = invCxx.dim(0), bins = invCxx.dim(1), c = invCxx.dim(2);
        Tensors.requireDim("inv_Cxx", invCxx.shape(), 3, c, "(F, B, C, C)");
        Tensors.requireRank("v_j", vj.shape(), 2, "(F, B)");
        Tensors.requireDim("v_j", vj.shape(), 0, frames, "(F, B)");
        Tensors.requireDim("v_j", vj.shape(), 1, bins, "(F, B)");
        Tensors.requireRank("R_j", rj.shape(), 3, "(B, C, C)");
        Tensors.requireDim("R_j", rj.shape(), 0, bins, "(B, C, C)");
        Tensors.requireDim("R_j", rj.shape(), 1, c, "(B, C, C)");
        Tensors.requireDim("R_j", rj.shape(), 2, c, "(B, C, C)");
        Tensors.requireFinite("v_j", vj);
        Tensors.requireFinite("R_j", rj);
        Tensors.requireFinite("inv_Cxx", invCxx);
        int cc = 2 * c * c;
        double[] g = new double[invCxx.data().length];
        for (int t = 0; t < frames; t++) {
            for (int f = 0; f < bins; f++) {
                int o = (t * bins + f) * cc;
                ComplexOps.matMul(rj.data(), f * cc, invCxx.data(), o, c, g, o);
                double v = vj.data()[t * bins + f];
                for (int k = o; k < o + cc; k++) {
                    g[k] *= v;
                }
            }
        }
        return new ComplexTensor(invCxx.shape().clone(), g);
    }
}
