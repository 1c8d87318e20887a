package org.wienerspark.core;

import java.util.Arrays;

/**
 * A real tensor: a shape and its row-major {@code double[]} data (see the package layout).
 * The record holds the array it is given (no copy); the core never writes into an input.
 *
 * @param shape axis lengths, each {@code >= 0}
 * @param data  {@code product(shape)} values, row-major
 */
public record RealTensor(int[] shape, double[] data) {

    public RealTensor {
        long n = Tensors.size(shape);
        if (data.length != n) {
            throw new IllegalArgumentException("real tensor of shape " + Arrays.toString(shape)
                    + " needs " + n + " values, got " + data.length);
        }
    }

    /** A zero tensor of the given shape. */
    public static RealTensor zeros(int... shape) {
        return new RealTensor(shape.clone(), new double[Math.toIntExact(Tensors.size(shape))]);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** A deep copy (shape and data). */
    public RealTensor copy() {
        return new RealTensor(shape.clone(), data.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RealTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RealTensor" + Arrays.toString(shape);
    }
}
