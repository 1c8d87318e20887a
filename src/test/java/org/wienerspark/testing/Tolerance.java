package org.wienerspark.testing;

/** The tolerance of the tests that compare two double-precision computations (not the golden files'). */
public final class Tolerance {

    /**
     * Two double-precision computations of the same quantity, in different orders of operations
     * (blocks against whole tracks, fused kernels against the reference-shaped API), agree to this
     * fraction of the data's scale (its peak, or 1 for values of order one): a few thousand
     * roundings of 1.1e-16. The golden parity tests use their manifests' tolerances instead.
     */
    public static final double OF_PEAK = 1e-12;

    private Tolerance() {
    }
}
