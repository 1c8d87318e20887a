package org.wienerspark.eval;

/**
 * Element-wise kernels on spectra, in two layouts: split into real and imaginary arrays (as
 * {@link RealSpectra} gives them), over bins {@code 0 .. bins-1}, plain contiguous loops that
 * HotSpot compiles to SIMD instructions; and JTransforms' packed real-FFT layout for an even size
 * n: {@code a[0] = Re X[0]}, {@code a[1] = Re X[n/2]}, {@code a[2k], a[2k+1] = Re, Im X[k]} for
 * {@code 0 < k < n/2}. No checks, no allocation.
 */
final class SpectralOps {

    private SpectralOps() {
    }

    /** {@code acc += a * conj(b)}, element-wise; the spectrum of the cross-correlation of a with b. */
    static void addProductConj(double[] accRe, double[] accIm, double[] aRe, double[] aIm, double[] bRe,
                               double[] bIm, int bins) {
        for (int k = 0; k < bins; k++) {
            double ar = aRe[k];
            double ai = aIm[k];
            double br = bRe[k];
            double bi = bIm[k];
            accRe[k] += ar * br + ai * bi;
            accIm[k] += ai * br - ar * bi;
        }
    }

    /** {@code acc += a * b}, element-wise; the spectrum of the convolution of a with b. */
    static void addProduct(double[] accRe, double[] accIm, double[] aRe, double[] aIm, double[] bRe, double[] bIm,
                           int bins) {
        for (int k = 0; k < bins; k++) {
            double ar = aRe[k];
            double ai = aIm[k];
            double br = bRe[k];
            double bi = bIm[k];
            accRe[k] += ar * br - ai * bi;
            accIm[k] += ar * bi + ai * br;
        }
    }

    /** {@code acc += a * b} in the packed layout, size n (BlockToeplitz's residual products). */
    static void addProduct(double[] acc, double[] a, double[] b, int n) {
        acc[0] += a[0] * b[0];
        acc[1] += a[1] * b[1];
        for (int i = 2; i < n; i += 2) {
            double ar = a[i];
            double ai = a[i + 1];
            double br = b[i];
            double bi = b[i + 1];
            acc[i] += ar * br - ai * bi;
            acc[i + 1] += ar * bi + ai * br;
        }
    }
}
