package org.wienerspark.eval;

/**
 * The inner loops of {@link WhittleRecursion}: plain Java, or the Vector API when the JVM runs
 * with {@code --add-modules jdk.incubator.vector} (HotSpot's SuperWord does not vectorise them:
 * their loads and stores are at loop-invariant offsets of arrays it cannot prove distinct). Both
 * do the same IEEE operations in the same order on each of {@link #LANES} lanes (no fused
 * multiply-add), so their results are bit-identical. Vectors are rows of length n at
 * {@code row * span + offset} of flat arrays.
 */
interface RecursionKernels {

    /** Lanes of the dot products' partial sums: element i goes to partial sum {@code i % LANES}. */
    int LANES = 4;

    /** The kernels of this JVM (system property {@code wienerspark.eval.scalar} forces plain Java). */
    RecursionKernels INSTANCE = choose();

    /**
     * {@code out[p * m + c] = dot(a row p from aOff, v row c from vOff, n)} for p, c < m; each dot
     * product as {@link LANES} interleaved partial sums added pairwise, then the tail beyond a
     * multiple of the lanes in order.
     */
    void dots(double[] a, int aOff, double[] v, int vOff, double[] out, int n, int m, int span);

    /**
     * {@code out[outOff + s] = base[baseOff + s] + sum_l k[l * m + c] x[xOff + l * span + s]}
     * for {@code s < n}: column c of the block product {@code X K} added to base, input rows four at a
     * time, each group's products summed left to right before they are added, group after group
     * (the rounding of copying base to out and adding the groups to it in place). base may be out
     * at the same offset; otherwise the ranges must not overlap, nor overlap x.
     */
    void update(double[] out, int outOff, double[] base, int baseOff, double[] x, int xOff, double[] k, int c,
                int m, int span, int n);

    /**
     * {@link #update} for columns c0 and c1 into {@code out} at {@code off0} and {@code off1}
     * (disjoint ranges, not overlapping x) from base at {@code base0} and {@code base1}, bitwise
     * the same as two calls; implementations may share each load of x between the two columns.
     */
    default void updatePair(double[] out, int off0, int off1, double[] base, int base0, int base1, double[] x,
                            int xOff, double[] k, int c0, int c1, int m, int span, int n) {
        update(out, off0, base, base0, x, xOff, k, c0, m, span, n);
        update(out, off1, base, base1, x, xOff, k, c1, m, span, n);
    }

    private static RecursionKernels choose() {
        if (Boolean.getBoolean("wienerspark.eval.scalar")
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return new ScalarRecursionKernels();
        }
        try {
            return (RecursionKernels) Class.forName(RecursionKernels.class.getPackageName()
                    + ".VectorRecursionKernels").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            System.getLogger(RecursionKernels.class.getName()).log(System.Logger.Level.WARNING,
                    "block-Toeplitz recursion: the Vector API module is loaded but not usable; plain-Java loops", e);
            return new ScalarRecursionKernels();
        }
    }
}
