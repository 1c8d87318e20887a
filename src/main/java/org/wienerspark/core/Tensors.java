package org.wienerspark.core;

import java.util.Arrays;

/**
 * Shape arithmetic and the argument checks of the core's public entry points. Every failure
 * names the argument, its shape and, for bad values, the first bad index.
 */
public final class Tensors {

    /** numpy's {@code finfo(float64).eps}: the default eps of softmask, wiener and EM. */
    public static final double DOUBLE_EPS = Math.ulp(1.0);
    /** numpy's {@code finfo(float32).eps}, used by {@code reduce_interferences}. */
    public static final double FLOAT_EPS = Math.ulp(1.0f);

    private Tensors() {
    }

    /** Number of elements of a shape; rejects negative axes and products beyond a Java array. */
    public static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative axis length in shape " + Arrays.toString(shape));
            }
            n *= d;
            if (n > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape)
                        + " has more elements than a Java array can hold");
            }
        }
        return n;
    }

    /** Checks the rank of a tensor argument. */
    public static void requireRank(String name, int[] shape, int rank, String axes) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(name + " must have shape " + axes + ", got "
                    + Arrays.toString(shape));
        }
    }

    /** Checks that one axis of an argument has the expected length. */
    public static void requireDim(String name, int[] shape, int axis, int expected, String axes) {
        if (shape[axis] != expected) {
            throw new IllegalArgumentException(name + " must have shape " + axes + " with axis " + axis
                    + " = " + expected + ", got " + Arrays.toString(shape));
        }
    }

    /** Checks that every value of a real argument is finite. */
    public static void requireFinite(String name, RealTensor t) {
        double[] a = t.data();
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " " + Arrays.toString(t.shape())
                        + " has a non-finite value " + a[i] + " at index " + Arrays.toString(unravel(i, t.shape())));
            }
        }
    }

    /** Checks that every value of a real argument is finite and nonnegative (spectrograms). */
    public static void requireFiniteNonNegative(String name, RealTensor t) {
        requireFinite(name, t);
        double[] a = t.data();
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0) {
                throw new IllegalArgumentException(name + " " + Arrays.toString(t.shape())
                        + " must be nonnegative, got " + a[i] + " at index " + Arrays.toString(unravel(i, t.shape())));
            }
        }
    }

    /** Checks that every value of a complex argument is finite. */
    public static void requireFinite(String name, ComplexTensor t) {
        double[] a = t.data();
        for (int i = 0; i < a.length; i++) {
            if (!Double.isFinite(a[i])) {
                throw new IllegalArgumentException(name + " " + Arrays.toString(t.shape())
                        + " has a non-finite " + ((i & 1) == 0 ? "real" : "imaginary") + " part " + a[i]
                        + " at index " + Arrays.toString(unravel(i >> 1, t.shape())));
            }
        }
    }

    /** Checks a regularisation constant. */
    public static void requireEps(double eps) {
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("eps must be finite and >= 0, got " + eps);
        }
    }

    /** The multi-index of a flat row-major element index. */
    public static int[] unravel(int flat, int[] shape) {
        int[] idx = new int[shape.length];
        for (int k = shape.length - 1; k >= 0; k--) {
            int d = shape[k];
            idx[k] = d == 0 ? 0 : flat % d;
            flat = d == 0 ? 0 : flat / d;
        }
        return idx;
    }
}
