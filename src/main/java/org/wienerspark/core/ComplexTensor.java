package org.wienerspark.core;

import java.util.Arrays;

/**
 * A complex tensor: a shape and its row-major data, each element interleaved as (re, im)
 * (see the package layout).
 * The record holds the array it is given (no copy); the core never writes into an input.
 *
 * @param shape axis lengths, each {@code >= 0}
 * @param data  {@code 2 * product(shape)} values, row-major, re then im
 */
public record ComplexTensor(int[] shape, double[] data) {

    public ComplexTensor {
        long n = 2 * Tensors.size(shape);
        if (data.length != n) {
            throw new IllegalArgumentException("complex tensor of shape " + Arrays.toString(shape)
                    + " needs " + n + " values, got " + data.length);
        }
    }

    /** A zero tensor of the given shape. */
    public static ComplexTensor zeros(int... shape) {
        return new ComplexTensor(shape.clone(), new double[Math.toIntExact(2 * Tensors.size(shape))]);
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** A deep copy (shape and data). */
    public ComplexTensor copy() {
        return new ComplexTensor(shape.clone(), data.clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ComplexTensor t && Arrays.equals(shape, t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(shape) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "ComplexTensor" + Arrays.toString(shape);
    }
}
