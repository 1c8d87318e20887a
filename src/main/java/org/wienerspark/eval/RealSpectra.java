package org.wienerspark.eval;

import org.wienerspark.core.RealFft;

/**
 * Real FFTs of many equal-length signals through {@link RealFft}, in batches of
 * {@link RealFft#preferredLanes} lanes, with each signal's time samples and spectrum in arrays of
 * their own: spectra split into real and imaginary parts, bins {@code 0 .. n/2} (the imaginary
 * parts of bins 0 and n/2 zero). The per-signal layout keeps the spectral products of the
 * correlations and projections long contiguous loops ({@link SpectralOps}); the transposition to
 * and from the FFT's lanes-innermost layout costs one pass over the samples.
 *
 * <p>Not thread-safe (scratch buffers); one instance per thread.
 */
final class RealSpectra {

    /** Bins per tile of the transpositions: a tile of 16 lanes is 8 KiB per array. */
    private static final int TILE = 64;

    private final RealFft fft;
    private final int n;
    private final int half;
    private final int maxLanes;
    /** {@link #TILE}, or a quarter of the bins when that is smaller: a tile never spans two quarters. */
    private final int tile;
    private final double[] re;
    private final double[] im;
    private final double[] scratchRe;
    private final double[] scratchIm;

    /** Transforms of size n, a power of two {@code >= 4}. */
    RealSpectra(int n) {
        this.fft = new RealFft(n);
        this.n = n;
        this.half = n / 2;
        this.maxLanes = RealFft.preferredLanes(n);
        this.tile = Math.min(TILE, Math.max(1, half / 4));
        // The transform's padded layout (RealFft#index): unpadded, the eighths a radix-8 stage
        // reads are a power of two apart and share one L1 set (measured 8-15% slower).
        this.re = new double[fft.paddedLength(maxLanes)];
        this.im = new double[fft.paddedLength(maxLanes)];
        this.scratchRe = new double[fft.scratchLength(maxLanes)];
        this.scratchIm = new double[fft.scratchLength(maxLanes)];
    }

    /** Transform size. */
    int size() {
        return n;
    }

    /** Bins per spectrum, {@code n/2 + 1}. */
    int bins() {
        return half + 1;
    }

    /**
     * Forward transforms of signals {@code 0 .. count-1}: samples {@code time[i][0 .. n)} to
     * {@code (specRe, specIm)[i][0 .. n/2]}, unnormalised. Inputs not modified.
     */
    void forward(double[][] time, int count, double[][] specRe, double[][] specIm) {
        forward(time, null, null, count, specRe, specIm);
    }

    /**
     * Forward transforms of segments: signal i is {@code time[i][offset[i] .. offset[i] + valid[i])}
     * followed by zeros up to n samples ({@code valid[i] <= n}), so that callers transform a
     * window of a longer buffer, zero-padded, without copying it out first; null offset and
     * valid mean 0 and n for every signal. Otherwise as {@link #forward(double[][], int, double[][], double[][])}.
     */
    void forward(double[][] time, int[] offset, int[] valid, int count, double[][] specRe, double[][] specIm) {
        for (int first = 0; first < count; first += maxLanes) {
            int lanes = Math.min(maxLanes, count - first);
            // Transposed in tiles of `tile` bins, so that the strided side of each copy stays in L1
            // (whole-lane or whole-bin loops cost more than the transform itself).
            for (int k0 = 0; k0 < half; k0 += tile) {
                int k1 = Math.min(half, k0 + tile);
                for (int l = 0; l < lanes; l++) {
                    double[] x = time[first + l];
                    int from = offset == null ? 0 : offset[first + l];
                    int length = valid == null ? n : valid[first + l];
                    // Whole pairs of samples, then at most one last sample, then zeros.
                    int full = Math.max(k0, Math.min(k1, length / 2));
                    int k = k0;
                    int at = fft.index(k0, l, lanes);
                    for (int src = from + 2 * k0; k < full; k++, at += lanes, src += 2) {
                        re[at] = x[src];
                        im[at] = x[src + 1];
                    }
                    if (k < k1 && 2 * k < length) {
                        re[at] = x[from + 2 * k];
                        im[at] = 0.0;
                        k++;
                        at += lanes;
                    }
                    for (; k < k1; k++, at += lanes) {
                        re[at] = 0.0;
                        im[at] = 0.0;
                    }
                }
            }
            fft.forwardPadded(re, im, scratchRe, scratchIm, lanes);
            for (int k0 = 0; k0 <= half; k0 += tile) {
                int k1 = Math.min(half + 1, k0 + tile);
                for (int l = 0; l < lanes; l++) {
                    double[] yr = specRe[first + l];
                    double[] yi = specIm[first + l];
                    for (int k = k0, at = fft.index(k0, l, lanes); k < k1; k++, at += lanes) {
                        yr[k] = re[at];
                        yi[k] = im[at];
                    }
                }
            }
        }
    }

    /**
     * Inverse transforms of spectra {@code 0 .. count-1}, scaled by {@code 1/n}: the first
     * {@code keep} samples of signal i to {@code time[i][0 .. keep)}. Inputs not modified.
     */
    void inverse(double[][] specRe, double[][] specIm, int count, double[][] time, int keep) {
        for (int first = 0; first < count; first += maxLanes) {
            int lanes = Math.min(maxLanes, count - first);
            for (int k0 = 0; k0 <= half; k0 += tile) {
                int k1 = Math.min(half + 1, k0 + tile);
                for (int l = 0; l < lanes; l++) {
                    double[] yr = specRe[first + l];
                    double[] yi = specIm[first + l];
                    for (int k = k0, at = fft.index(k0, l, lanes); k < k1; k++, at += lanes) {
                        re[at] = yr[k];
                        im[at] = yi[k];
                    }
                }
            }
            fft.inversePadded(re, im, scratchRe, scratchIm, lanes);
            int pairs = keep / 2;
            for (int k0 = 0; k0 < pairs; k0 += tile) {
                int k1 = Math.min(pairs, k0 + tile);
                for (int l = 0; l < lanes; l++) {
                    double[] x = time[first + l];
                    for (int k = k0, at = fft.index(k0, l, lanes); k < k1; k++, at += lanes) {
                        x[2 * k] = re[at];
                        x[2 * k + 1] = im[at];
                    }
                }
            }
            if (keep % 2 == 1) {
                for (int l = 0; l < lanes; l++) {
                    time[first + l][keep - 1] = re[fft.index(pairs, l, lanes)];
                }
            }
        }
    }
}
