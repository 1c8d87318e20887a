package org.wienerspark.eval;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

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
    private final DoubleFFT_1D fft;
    private final double[] pInv;
    private final double[] qInv;
    /** Spectra of the generator sequences {@code j -> A_j[q][c]} and {@code j -> B'_j[q][c]}, index q * m + c. */
    private final double[][] aSpectra;
    private final double[][] bSpectra;
    private final double[][] in;
    private final double[][] mid;
    private final double[] acc;
    private final double[] u;

    GohbergSemencul(WhittleRecursion.Generators g) {
        this.m = g.m();
        this.taps = g.taps();
        this.size = fftSize(taps);
        this.fft = new DoubleFFT_1D(size);
        this.pInv = g.pInv();
        this.qInv = g.qInv();
        int span = taps * m;
        this.aSpectra = new double[m * m][];
        this.bSpectra = new double[m * m][];
        for (int q = 0; q < m; q++) {
            for (int c = 0; c < m; c++) {
                double[] ha = new double[size];
                double[] hb = new double[size];
                for (int j = 0; j < taps; j++) {
                    ha[j] = g.a()[c * span + j * m + q];
                    if (j + 1 < taps) {
                        hb[j + 1] = g.b()[c * span + j * m + q];
                    }
                }
                fft.realForward(ha);
                fft.realForward(hb);
                aSpectra[q * m + c] = ha;
                bSpectra[q * m + c] = hb;
            }
        }
        this.in = new double[m][size];
        this.mid = new double[m][size];
        this.acc = new double[size];
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
                double[] v = in[q];
                Arrays.fill(v, 0.0);
                for (int k = 0; k < taps; k++) {
                    v[k] = d[k * mr + q * r + col];
                }
                fft.realForward(v);
            }
            for (int k = 0; k < taps; k++) {
                for (int p = 0; p < m; p++) {
                    x[k * mr + p * r + col] = 0.0;
                }
            }
            term(aSpectra, pInv, x, col, r, 1.0);
            term(bSpectra, qInv, x, col, r, -1.0);
        }
    }

    /** {@code x[:, col] += sign L(G) (I (x) W) L(G)^T d[:, col]}, the spectra of d's column in {@link #in}. */
    private void term(double[][] spectra, double[] w, double[] x, int col, int r, double sign) {
        // u_c = sum_q corr(G_qc, d_q): row c of L(G)^T d.
        for (int c = 0; c < m; c++) {
            Arrays.fill(acc, 0.0);
            for (int q = 0; q < m; q++) {
                SpectralOps.addProductConj(acc, in[q], spectra[q * m + c], size);
            }
            fft.realInverse(acc, true);
            System.arraycopy(acc, 0, mid[c], 0, taps);
        }
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
            fft.realForward(mid[p]);
        }
        // x_p += sign sum_c conv(G_pc, v_c), truncated to L delays.
        int mr = m * r;
        for (int p = 0; p < m; p++) {
            Arrays.fill(acc, 0.0);
            for (int c = 0; c < m; c++) {
                SpectralOps.addProduct(acc, spectra[p * m + c], mid[c], size);
            }
            fft.realInverse(acc, true);
            for (int k = 0; k < taps; k++) {
                x[k * mr + p * r + col] += sign * acc[k];
            }
        }
    }
}
