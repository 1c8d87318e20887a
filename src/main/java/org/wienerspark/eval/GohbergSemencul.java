package org.wienerspark.eval;

import java.util.Arrays;

/**
 * {@code T^-1 D} for a symmetric positive definite block Toeplitz T from the generators of
 * {@link WhittleRecursion}, by the block Gohberg-Semencul (Gohberg-Heinig) formula
 * <pre>  T^-1 = L(A) (I (x) P^-1) L(A)^T - L(B') (I (x) Q^-1) L(B')^T,</pre>
 * L(.) the lower block-triangular Toeplitz matrix with the given first block column and
 * {@code B' = [0; B_0 .. B_{L-2}]}, the backward predictor shifted down one block. Each factor
 * is a block convolution (or, transposed, a block correlation) of length-L sequences, computed
 * with real FFTs of {@code N >= 2L - 1} points, so one right-hand side costs
 * {@code O(m^2 N + m N log N)} instead of the {@code O(L^2 m^2)} of replaying the recursion.
 *
 * <p>The formula is exact, but its two terms can be large and of opposite sign when T is
 * ill-conditioned: its result is a good approximate inverse, which {@link BlockToeplitz} refines
 * against the exact product. Not thread-safe (scratch buffers).
 */
final class GohbergSemencul {

    private final int m;
    private final int taps;
    private final int size;
    private final RealSpectra fft;
    private final int bins;
    private final double[] pInv;
    private final double[] qInv;
    /**
     * Spectra (real, imaginary) of the generator sequences {@code j -> A_j[q][c]} and
     * {@code j -> B'_j[q][c]}, index q * m + c.
     */
    private final double[][] aRe;
    private final double[][] aIm;
    private final double[][] bRe;
    private final double[][] bIm;
    /** Per channel: time samples, and spectra of d's column and of the intermediate sequences. */
    private final double[][] time;
    private final double[][] inRe;
    private final double[][] inIm;
    private final double[][] midRe;
    private final double[][] midIm;
    private final double[][] mid;
    /** Spectra of the term's output per channel. */
    private final double[][] inTermRe;
    private final double[][] inTermIm;
    private final double[] acc;
    private final double[] u;

    GohbergSemencul(WhittleRecursion.Generators g) {
        this.m = g.m();
        this.taps = g.taps();
        this.size = Math.max(4, fftSize(taps)); // RealFft takes sizes >= 4
        this.fft = new RealSpectra(size);
        this.bins = fft.bins();
        this.pInv = g.pInv();
        this.qInv = g.qInv();
        int span = taps * m;
        double[][] ha = new double[m * m][size];
        double[][] hb = new double[m * m][size];
        for (int q = 0; q < m; q++) {
            for (int c = 0; c < m; c++) {
                for (int j = 0; j < taps; j++) {
                    ha[q * m + c][j] = g.a()[c * span + j * m + q];
                    if (j + 1 < taps) {
                        hb[q * m + c][j + 1] = g.b()[c * span + j * m + q];
                    }
                }
            }
        }
        this.aRe = new double[m * m][bins];
        this.aIm = new double[m * m][bins];
        this.bRe = new double[m * m][bins];
        this.bIm = new double[m * m][bins];
        fft.forward(ha, m * m, aRe, aIm);
        fft.forward(hb, m * m, bRe, bIm);
        this.time = new double[m][size];
        this.inRe = new double[m][bins];
        this.inIm = new double[m][bins];
        this.midRe = new double[m][bins];
        this.midIm = new double[m][bins];
        this.mid = new double[m][size];
        this.inTermRe = new double[m][bins];
        this.inTermIm = new double[m][bins];
        this.acc = new double[m];
        this.u = new double[m];
    }

    /** The FFT size for lag sequences of L taps: the power of two at or above {@code 2L - 1}. */
    static int fftSize(int taps) {
        return Integer.highestOneBit(Math.max(2 * taps - 1, 2) - 1) << 1;
    }

    /** {@code x = T^-1 d}; d and x delay-major {@code (L * m, r)}, x overwritten. */
    void apply(double[] d, double[] x, int r) {
        int mr = m * r;
        for (int col = 0; col < r; col++) {
            for (int q = 0; q < m; q++) {
                double[] v = time[q];
                Arrays.fill(v, 0.0);
                for (int k = 0; k < taps; k++) {
                    v[k] = d[k * mr + q * r + col];
                }
            }
            fft.forward(time, m, inRe, inIm);
            for (int k = 0; k < taps; k++) {
                for (int p = 0; p < m; p++) {
                    x[k * mr + p * r + col] = 0.0;
                }
            }
            term(aRe, aIm, pInv, x, col, r, 1.0);
            term(bRe, bIm, qInv, x, col, r, -1.0);
        }
    }

    /** {@code x[:, col] += sign L(G) (I (x) W) L(G)^T d[:, col]}, the spectra of d's column in {@link #inRe}, {@link #inIm}. */
    private void term(double[][] gRe, double[][] gIm, double[] w, double[] x, int col, int r, double sign) {
        // u_c = sum_q corr(G_qc, d_q): row c of L(G)^T d.
        for (int c = 0; c < m; c++) {
            Arrays.fill(midRe[c], 0.0);
            Arrays.fill(midIm[c], 0.0);
            for (int q = 0; q < m; q++) {
                SpectralOps.addProductConj(midRe[c], midIm[c], inRe[q], inIm[q], gRe[q * m + c], gIm[q * m + c], bins);
            }
        }
        fft.inverse(midRe, midIm, m, mid, taps);
        // v_k = W u_k at every delay, then back to spectra (zero beyond L).
        for (int k = 0; k < taps; k++) {
            for (int c = 0; c < m; c++) {
                u[c] = mid[c][k];
            }
            for (int p = 0; p < m; p++) {
                double s = 0;
                for (int c = 0; c < m; c++) {
                    s += w[p * m + c] * u[c];
                }
                acc[p] = s;
            }
            for (int p = 0; p < m; p++) {
                mid[p][k] = acc[p];
            }
        }
        for (int p = 0; p < m; p++) {
            Arrays.fill(mid[p], taps, size, 0.0);
        }
        fft.forward(mid, m, midRe, midIm);
        // x_p += sign sum_c conv(G_pc, v_c), truncated to L delays.
        int mr = m * r;
        for (int p = 0; p < m; p++) {
            Arrays.fill(inTermRe[p], 0.0);
            Arrays.fill(inTermIm[p], 0.0);
            for (int c = 0; c < m; c++) {
                SpectralOps.addProduct(inTermRe[p], inTermIm[p], gRe[p * m + c], gIm[p * m + c], midRe[c], midIm[c],
                        bins);
            }
        }
        fft.inverse(inTermRe, inTermIm, m, time, taps);
        for (int p = 0; p < m; p++) {
            double[] y = time[p];
            for (int k = 0; k < taps; k++) {
                x[k * mr + p * r + col] += sign * y[k];
            }
        }
    }
}
