package org.wienerspark.eval;

import java.util.Arrays;

/**
 * The multichannel Levinson recursion (Whittle 1963; Wiggins and Robinson 1965) for a symmetric
 * positive definite block Toeplitz matrix T, block (a, b) = {@code Gamma(a - b)}, in its monic
 * form: the forward and backward predictors A and B of the leading k-block sections,
 * {@code T_k A_k = [P_k; 0 ...]} with {@code A_k[0] = I}, {@code T_k B_k = [... 0; Q_k]} with
 * {@code B_k[k-1] = I}, extended one block per step:
 * {@code A' = [A; 0] + [0; B] Ka}, {@code B' = [0; B] + [A; 0] Kb}, with
 * {@code Delta = sum_i Gamma(k - i) A[i]}, {@code Ka = -Q^-1 Delta}, {@code Kb = -P^-1 Delta^T}.
 *
 * <p>Why this form: T symmetric makes the backward error matrix the transpose of the forward
 * one, so a step costs one set of m x m block dot products and two block updates
 * ({@code 3 k m^3} multiply-adds), half of the normalised recursion with both error matrices and
 * four updates. The right-hand sides never enter the recursion: the end products (A, B,
 * {@code P^-1}, {@code Q^-1}) generate {@code T^-1} by the Gohberg-Semencul formula
 * ({@link GohbergSemencul}), which applies it to all right-hand sides at once by FFT.
 *
 * <p>P and Q are the Schur complements of the leading sections: their Cholesky factorisation at
 * every step is the positive-definiteness test (null result if it fails).
 */
final class WhittleRecursion {

    /**
     * The generators of {@code T^-1}: A and B channel-major (column c of block i, row q at
     * {@code c * L * m + i * m + q}), and {@code P^-1}, {@code Q^-1} row-major m x m.
     */
    record Generators(double[] a, double[] b, double[] pInv, double[] qInv, int m, int taps) {
    }

    private static final RecursionKernels KERNELS = RecursionKernels.INSTANCE;

    private WhittleRecursion() {
    }

    /**
     * Runs the recursion over all L blocks.
     *
     * @param gamma {@code Gamma(k)} for {@code k = 0 .. L-1}, each m x m row-major
     * @return the generators, or null if T is not numerically positive definite
     */
    static Generators factor(double[] gamma, int m, int taps) {
        int mm = m * m;
        int span = taps * m;
        int stride = stride(span);
        // Row p: Gamma(j)_pq at (L - 1 - j) * m + q, so that sum_i Gamma(k - i) v[i] is one dot product per row.
        double[] reversed = new double[m * stride];
        for (int j = 0; j < taps; j++) {
            for (int p = 0; p < m; p++) {
                System.arraycopy(gamma, j * mm + p * m, reversed, p * stride + (taps - 1 - j) * m, m);
            }
        }
        // Column c of A and B at o + c * stride, after o = m zeros: the update of B's column 0, shifted
        // down one block, reads them as its first block (see the loop).
        int o = m;
        double[] a = new double[o + m * stride];
        double[] b = new double[o + m * stride];
        double[] na = new double[o + m * stride];
        double[] nb = new double[o + m * stride];
        for (int c = 0; c < m; c++) {
            a[o + c * stride + c] = 1.0;
            b[o + c * stride + c] = 1.0;
        }
        double[] p = Arrays.copyOf(gamma, mm);
        double[] q = Arrays.copyOf(gamma, mm);
        double[] lp = new double[mm];
        double[] lq = new double[mm];
        if (!SmallMatrices.choleskySym(p, 0, lp, m) || !SmallMatrices.choleskySym(q, 0, lq, m)) {
            return null;
        }
        double[] delta = new double[mm];
        double[] deltaT = new double[mm];
        double[] ka = new double[mm];
        double[] kb = new double[mm];
        for (int k = 0; k + 1 < taps; k++) {
            int len = (k + 1) * m;
            KERNELS.dots(reversed, (taps - 2 - k) * m, a, o, delta, len, m, stride);
            SmallMatrices.transpose(delta, deltaT, m);
            SmallMatrices.negSolve(lq, delta, ka, m, m);
            SmallMatrices.negSolve(lp, deltaT, kb, m, m);
            // A' = [A; 0] + [0; B] Ka and B' = [0; B] + [A; 0] Kb, each written in one pass from A and B.
            // A column holds zeros beyond its len values (each step writes a longer prefix of
            // zeroed arrays), so [A; 0] and [0; B] are A and B read at an offset: A' past its first
            // block is A from its second block on plus [B Ka], and B' up to its last block is B
            // from one block before its start (zeros: the previous column's padding, or the
            // leading one) plus [A Kb], the rounding of filling, copying and adding in place.
            for (int c = 0; c < m; c++) {
                int col = o + c * stride;
                System.arraycopy(a, col, na, col, m);
                System.arraycopy(b, col + len - m, nb, col + len, m);
            }
            // Two columns per pass share the loads of the block they multiply.
            int c = 0;
            for (; c + 1 < m; c += 2) {
                int col = o + c * stride;
                KERNELS.updatePair(na, col + m, col + stride + m, a, col + m, col + stride + m, b, o, ka, c, c + 1, m,
                        stride, len);
                KERNELS.updatePair(nb, col, col + stride, b, col - m, col + stride - m, a, o, kb, c, c + 1, m, stride,
                        len);
            }
            if (c < m) {
                int col = o + c * stride;
                KERNELS.update(na, col + m, a, col + m, b, o, ka, c, m, stride, len);
                KERNELS.update(nb, col, b, col - m, a, o, kb, c, m, stride, len);
            }
            double[] t = a;
            a = na;
            na = t;
            t = b;
            b = nb;
            nb = t;
            // P' = P + Delta^T Ka, Q' = Q + Delta Kb: the next Schur complements.
            SmallMatrices.addTransposedProduct(delta, ka, p, m);
            SmallMatrices.addProduct(delta, kb, q, m);
            if (!SmallMatrices.choleskySym(p, 0, lp, m) || !SmallMatrices.choleskySym(q, 0, lq, m)) {
                return null;
            }
        }
        double[] pInv = new double[mm];
        double[] qInv = new double[mm];
        SmallMatrices.inverse(lp, pInv, m);
        SmallMatrices.inverse(lq, qInv, m);
        return new Generators(unpad(a, o, stride, m, span), unpad(b, o, stride, m, span), pInv, qInv, m, taps);
    }

    /**
     * The distance between columns: span rounded up to 512 doubles, plus 64 (512 bytes). With a
     * stride that is a multiple of 4 KiB, as span = 512 m is, the same row of all m columns falls
     * in one set of L1 and the block updates, which read eight columns at a time, evict their own
     * lines; 512 bytes more puts each column eight sets further on (measured at m = 8 and 4096 rows:
     * the kernels alone 28-37% cheaper, the whole recursion about 4%).
     */
    private static int stride(int span) {
        return (span + 511) / 512 * 512 + 64;
    }

    /** The columns, from o at the given stride, contiguous. */
    private static double[] unpad(double[] x, int o, int stride, int m, int span) {
        double[] out = new double[m * span];
        for (int c = 0; c < m; c++) {
            System.arraycopy(x, o + c * stride, out, c * span, span);
        }
        return out;
    }
}
