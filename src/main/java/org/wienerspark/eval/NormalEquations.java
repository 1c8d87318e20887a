package org.wienerspark.eval;

import org.ejml.EjmlParameters;
import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.block.linsol.chol.CholeskyOuterSolver_DDRB;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The normal equations of the distortion filters, {@code (G + load I) X = D}, over chosen
 * reference channels (G, from the lags of {@link CrossCorrelations}) and estimate channels (the
 * right-hand sides D): solved by the block-Toeplitz path ({@link BlockToeplitz}) when it keeps
 * positive definiteness and accuracy, else by EJML's blocked Cholesky, museval's LU with
 * partial pivoting, or its least-squares fallback, in that order (see {@link DistortionFilters}
 * for when each applies and {@link DistortionFilters#note} for what a summary says).
 */
final class NormalEquations {

    private NormalEquations() {
    }

    /** A solution X, row-major {@code (rows * L, cols)}, and the solver path that produced it. */
    record Solution(double[] x, String solver) {
    }

    /**
     * Solves {@code (G + load I) X = D} over the given reference channels (rows) and estimate
     * channels (columns); X row-major {@code (rows.length * L, cols.length)}.
     *
     * <p>Reference channels with identical samples (a mono source stored as stereo is common)
     * make G exactly singular, and with a load of 2.2e-16 its Cholesky factorisation meets
     * rounding noise as pivots. Their rows of the system are identical but for the load, so
     * the exact solution gives each of k identical channels the same filter {@code z / k}, where
     * z solves the system with one copy of the channel and a load of {@code eps / k}: that is
     * what is solved. museval's LU returns the same solution plus a rounding-noise component in
     * the null space of G, which the projections cancel.
     *
     * <p>The diagonal load: museval adds {@link #DIAGONAL_LOAD}, mir_eval solves the Gram matrix as
     * it is ({@code diagonalLoad = 0}).
     */
    static Solution solve(CrossCorrelations xc, int[] rows, int[] cols, double diagonalLoad, boolean mergeIdentical) {
        return solve(xc, rows, cols, diagonalLoad, mergeIdentical, true);
    }

    /** With {@code fast = false}, straight to the dense factorisation (for tests and benchmarks). */
    static Solution solve(CrossCorrelations xc, int[] rows, int[] cols, double diagonalLoad, boolean mergeIdentical,
                          boolean fast) {
        int l = xc.taps();
        int[] group = new int[rows.length];
        int[] reps = new int[rows.length];
        int[] members = new int[rows.length];
        int groups = 0;
        for (int i = 0; i < rows.length; i++) {
            group[i] = -1;
            for (int g = 0; g < groups && group[i] < 0; g++) {
                if (mergeIdentical && xc.identicalChannels(rows[i], reps[g])) {
                    group[i] = g;
                }
            }
            if (group[i] < 0) {
                group[i] = groups;
                reps[groups++] = rows[i];
            }
            members[group[i]]++;
        }
        int[] chans = java.util.Arrays.copyOf(reps, groups);
        double[] load = new double[groups];
        for (int g = 0; g < groups; g++) {
            load[g] = diagonalLoad / members[g];
        }
        Solution reduced = solveReduced(xc, chans, load, cols, fast);
        if (groups == rows.length) {
            return reduced;
        }
        int m = cols.length;
        double[] x = new double[rows.length * l * m];
        for (int i = 0; i < rows.length; i++) {
            int g = group[i];
            for (int k = 0; k < l * m; k++) {
                x[i * l * m + k] = reduced.x()[g * l * m + k] / members[g];
            }
        }
        return new Solution(x, reduced.solver());
    }

    /**
     * Solves {@code (G + diag(load) (x) I_L) X = D} over distinct channels: by the block-Toeplitz
     * recursion ({@link BlockToeplitz}) when {@code fast} and it keeps positive definiteness and
     * accuracy, else by the dense factorisations.
     */
    private static Solution solveReduced(CrossCorrelations xc, int[] rows, double[] load, int[] cols, boolean fast) {
        int l = xc.taps();
        int n = rows.length * l;
        int m = cols.length;
        if (fast) {
            Solution s = solveToeplitz(xc, rows, load, cols);
            if (s != null) {
                return s;
            }
        }
        int block = EjmlParameters.BLOCK_WIDTH;
        DMatrixRBlock g = new DMatrixRBlock(n, n, block);
        fillGram(xc, rows, load, (r, c, v) -> g.unsafe_set(r, c, v));
        DMatrixRBlock d = new DMatrixRBlock(n, m, block);
        fillRhs(xc, rows, cols, (r, c, v) -> d.unsafe_set(r, c, v));
        CholeskyOuterSolver_DDRB chol = new CholeskyOuterSolver_DDRB();
        if (chol.setA(g)) {
            DMatrixRBlock x = new DMatrixRBlock(n, m, block);
            chol.solve(d, x);
            double[] out = toRowMajor(x);
            if (allFinite(out)) {
                return new Solution(out, "cholesky");
            }
        }
        // Not numerically positive definite: museval's LU with partial pivoting (unblocked in
        // EJML: slow for thousands of rows, but rare).
        DMatrixRMaj gd = new DMatrixRMaj(n, n);
        fillGram(xc, rows, load, (r, c, v) -> gd.unsafe_set(r, c, v));
        DMatrixRMaj dd = new DMatrixRMaj(n, m);
        fillRhs(xc, rows, cols, (r, c, v) -> dd.unsafe_set(r, c, v));
        DMatrixRMaj xd = new DMatrixRMaj(n, m);
        LinearSolverDense<DMatrixRMaj> lu = LinearSolverFactory_DDRM.lu(n);
        if (lu.setA(gd)) {
            lu.solve(dd, xd);
            if (allFinite(xd.data)) {
                return new Solution(xd.data, "lu");
            }
        }
        // Singular: museval's least-squares fallback (without the diagonal load, as there).
        fillGram(xc, rows, new double[rows.length], (r, c, v) -> gd.unsafe_set(r, c, v));
        LinearSolverDense<DMatrixRMaj> pinv = LinearSolverFactory_DDRM.pseudoInverse(true);
        if (!pinv.setA(gd)) {
            throw new ArithmeticException("the distortion filters' normal equations could not be solved (n=" + n + ")");
        }
        pinv.solve(dd, xd);
        return new Solution(xd.data, "lstsq");
    }

    /** The block-Toeplitz path, or null if the recursion declined (dense fallback). */
    private static Solution solveToeplitz(CrossCorrelations xc, int[] rows, double[] load, int[] cols) {
        int l = xc.taps();
        int m = rows.length;
        int r = cols.length;
        double[] gamma = lagBlocks(xc, rows, load);
        double[] d = delayMajorRhs(xc, rows, cols);
        BlockToeplitz.Result res = new BlockToeplitz(gamma, m, l).solve(d, r);
        if (res == null) {
            return null;
        }
        double[] x = new double[l * m * r];
        for (int pi = 0; pi < m; pi++) {
            for (int k = 0; k < l; k++) {
                System.arraycopy(res.x(), (k * m + pi) * r, x, (pi * l + k) * r, r);
            }
        }
        return new Solution(x, res.refinements() == 0 ? "levinson" : "levinson+refined");
    }

    /**
     * {@code Gamma(k)[pi][qi] = G[(pi, a), (qi, b)]} for {@code a - b = k = 0 .. L-1} (see
     * {@link #fillGram}), the load on {@code Gamma(0)}'s diagonal. Shape (L, m, m).
     */
    static double[] lagBlocks(CrossCorrelations xc, int[] rows, double[] load) {
        int l = xc.taps();
        int m = rows.length;
        int mm = m * m;
        double[] gamma = new double[l * mm];
        for (int pi = 0; pi < m; pi++) {
            for (int qi = 0; qi < m; qi++) {
                int p = rows[pi];
                int q = rows[qi];
                double[] lags = q <= p ? xc.referenceLags(q, p) : xc.referenceLags(p, q);
                int sign = q <= p ? 1 : -1;
                for (int k = 0; k < l; k++) {
                    gamma[k * mm + pi * m + qi] = lags[sign * k + l - 1];
                }
            }
            gamma[pi * m + pi] += load[pi];
        }
        return gamma;
    }

    /** The right-hand sides of {@link #fillRhs} in delay-major order: shape (L, rows, cols). */
    static double[] delayMajorRhs(CrossCorrelations xc, int[] rows, int[] cols) {
        int l = xc.taps();
        int m = rows.length;
        int r = cols.length;
        double[] d = new double[l * m * r];
        for (int pi = 0; pi < m; pi++) {
            for (int qi = 0; qi < r; qi++) {
                double[] lags = xc.estimateLags(rows[pi], cols[qi]);
                for (int k = 0; k < l; k++) {
                    d[(k * m + pi) * r + qi] = lags[l - 1 - k];
                }
            }
        }
        return d;
    }

    private interface Sink {
        void set(int row, int col, double value);
    }

    /**
     * {@code G[(p, a), (q, b)] = <x_p(. - a), x_q(. - b)> = r_qp[a - b]}, plus the diagonal load of each channel;
     * rows and columns ordered (channel, delay) as museval orders them.
     */
    private static void fillGram(CrossCorrelations xc, int[] chans, double[] load, Sink g) {
        int l = xc.taps();
        for (int pi = 0; pi < chans.length; pi++) {
            for (int qi = 0; qi < chans.length; qi++) {
                int p = chans[pi];
                int q = chans[qi];
                // r_qp[k] is stored for q <= p; otherwise r_qp[k] = r_pq[-k].
                double[] lags = q <= p ? xc.referenceLags(q, p) : xc.referenceLags(p, q);
                int sign = q <= p ? 1 : -1;
                for (int a = 0; a < l; a++) {
                    int row = pi * l + a;
                    for (int b = 0; b < l; b++) {
                        double v = lags[sign * (a - b) + l - 1];
                        g.set(row, qi * l + b, row == qi * l + b ? v + load[pi] : v);
                    }
                }
            }
        }
    }

    /** {@code D[(p, d), q] = <x_p(. - d), e_q> = r_{p,e_q}[-d]}. */
    private static void fillRhs(CrossCorrelations xc, int[] rows, int[] cols, Sink d) {
        int l = xc.taps();
        for (int pi = 0; pi < rows.length; pi++) {
            for (int qi = 0; qi < cols.length; qi++) {
                double[] lags = xc.estimateLags(rows[pi], cols[qi]);
                for (int k = 0; k < l; k++) {
                    d.set(pi * l + k, qi, lags[l - 1 - k]);
                }
            }
        }
    }

    private static double[] toRowMajor(DMatrixRBlock x) {
        int rows = x.getNumRows();
        int cols = x.getNumCols();
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                out[r * cols + c] = x.unsafe_get(r, c);
            }
        }
        return out;
    }

    private static boolean allFinite(double[] a) {
        for (double v : a) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
