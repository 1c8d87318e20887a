package org.wienerspark.eval;

/**
 * Per-bin products of spectra held in {@link org.wienerspark.core.RealFft}'s lanes-innermost
 * layout, where the values of one bin for every signal are adjacent: a bin's outputs are a small
 * complex matrix product, vectorised over the output lanes. Implementations give bitwise the
 * same results (same operations in the same order per lane, no fused multiply-add).
 */
interface LaneProducts {

    /** The kernels of this JVM (system property {@code wienerspark.eval.scalar} forces plain Java). */
    LaneProducts INSTANCE = choose();

    /**
     * {@code out[outOff + l] = sum_{p < inputs} in[inOff + p] * g[gOff + p * gStride + l]} for
     * {@code l < lanes}, complex, real and imaginary parts in separate arrays: the first term
     * assigned, the others added in p order, each product formed as
     * {@code (ar br - ai bi, ar bi + ai br)}.
     */
    void mix(double[] inRe, double[] inIm, int inOff, int inputs, double[] gRe, double[] gIm, int gOff, int gStride,
             double[] outRe, double[] outIm, int outOff, int lanes);

    private static LaneProducts choose() {
        if (Boolean.getBoolean("wienerspark.eval.scalar")
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarLaneProducts();
        }
        try {
            return (LaneProducts) Class.forName(LaneProducts.class.getPackageName() + ".VectorLaneProducts")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.getLogger(LaneProducts.class.getName()).log(System.Logger.Level.WARNING,
                    "spectral products: the Vector API module is loaded but not usable; plain-Java loops", e);
            return new ScalarLaneProducts();
        }
    }
}
