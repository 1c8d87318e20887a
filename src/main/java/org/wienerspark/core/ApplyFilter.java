package org.wienerspark.core;

/** Applies per-bin C x C filters to a mixture: {@code y[c] = sum_i W[c, i] x[i]} (norbert's {@code apply_filter}). */
public final class ApplyFilter {

    private ApplyFilter() {
    }

    /** Shapes: x (F, B, C), W (F, B, C, C) -> y (F, B, C), all complex; inputs not modified. */
    public static ComplexTensor apply(ComplexTensor x, ComplexTensor w) {
        Tensors.requireRank("x", x.shape(), 3, "(F, B, C)");
        int frames = x.dim(0), bins = x.dim(1), c = x.dim(2);
        Tensors.requireRank("W", w.shape(), 4, "(F, B, C, C)");
        for (int axis = 0; axis < 4; axis++) {
            Tensors.requireDim("W", w.shape(), axis, new int[] {frames, bins, c, c}[axis], "(F, B, C, C)");
        }
        Tensors.requireFinite("x", x);
        Tensors.requireFinite("W", w);
        double[] xd = x.data();
        double[] wd = w.data();
        double[] y = new double[xd.length];
        for (int tf = 0; tf < frames * bins; tf++) {
            for (int a = 0; a < c; a++) {
                double re = 0;
                double im = 0;
                for (int b = 0; b < c; b++) {
                    int pw = 2 * ((tf * c + a) * c + b);
                    int px = 2 * (tf * c + b);
                    re += wd[pw] * xd[px] - wd[pw + 1] * xd[px + 1];
                    im += wd[pw] * xd[px + 1] + wd[pw + 1] * xd[px];
                }
                y[2 * (tf * c + a)] = re;
                y[2 * (tf * c + a) + 1] = im;
            }
        }
        return new ComplexTensor(x.shape().clone(), y);
    }
}
