package org.wienerspark.core;

/**
 * The covariance of the mixture under the local Gaussian model: the sum over sources of
 * {@code v_j R_j} (norbert's {@code get_mix_model}).
 */
public final class MixModel {

    private MixModel() {
    }

    /**
     * Shapes: v (F, B, S) real, R (B, C, C, S) complex -> Cxx (F, B, C, C) complex; inputs not
     * modified.
     */
    public static ComplexTensor apply(RealTensor v, ComplexTensor r) {
        Tensors.requireRank("v", v.shape(), 3, "(F, B, S)");
        Tensors.requireRank("R", r.shape(), 4, "(B, C, C, S)");
        int frames = v.dim(0), bins = v.dim(1), s = v.dim(2), c = r.dim(1);
        Tensors.requireDim("R", r.shape(), 0, bins, "(B, C, C, S)");
        Tensors.requireDim("R", r.shape(), 2, c, "(B, C, C, S)");
        Tensors.requireDim("R", r.shape(), 3, s, "(B, C, C, S)");
        Tensors.requireFinite("v", v);
        Tensors.requireFinite("R", r);
        int cc = c * c;
        double[] rd = r.data();
        double[] out = new double[2 * frames * bins * cc];
        for (int t = 0; t < frames; t++) {
            for (int f = 0; f < bins; f++) {
                int o = 2 * (t * bins + f) * cc;
                for (int j = 0; j < s; j++) {
                    double vj = v.data()[(t * bins + f) * s + j];
                    for (int k = 0; k < cc; k++) {
                        int p = 2 * ((f * cc + k) * s + j);
                        out[o + 2 * k] += vj * rd[p];
                        out[o + 2 * k + 1] += vj * rd[p + 1];
                    }
                }
            }
        }
        return new ComplexTensor(new int[] {frames, bins, c, c}, out);
    }
}
