package org.wienerspark.eval;

import org.ejml.EjmlParameters;
import org.ejml.data.DMatrixRBlock;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.block.linsol.chol.CholeskyOuterSolver_DDRB;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.wienerspark.core.Tensors;

/**
 * BSSEval v4's time-invariant distortion filters [1, 2]: least-squares FIR filters of L taps from
 * every reference channel to every estimate channel, fitted once over the whole track.
 *
 * <p>For estimate j, the interference filters {@code C_j} project it on the delayed channels of
 * all references; the spatial filters {@code Cj_j} on those of reference j only. Both solve the
 * normal equations {@code (G + eps I) C = D}, with G the Gram matrix of the delayed reference
 * channels, D their inner products with the estimate's channels, and museval's diagonal load eps,
 * the machine epsilon of double (absolute, not scaled by G).
 *
 * <p>G has {@code n = sources * channels * L} rows and is exactly block Toeplitz (see
 * {@link BlockToeplitz} for why, edges included): it is solved for all estimates at once, where
 * museval runs one dense LU per estimate, by the multichannel Levinson recursion in
 * {@code O(L^2 m^3)} with iterative refinement against the exact block-Toeplitz product when the
 * recursion's backward error falls short of a dense solve's. If the recursion loses positive
 * definiteness or the refinement does not reach a dense solve's accuracy, G is assembled from the
 * lags of {@link CrossCorrelations} and factored by EJML's blocked Cholesky; if G + eps I is not
 * numerically positive definite, by LU with partial pivoting (museval's solver), then by a
 * least-squares pseudo-inverse if that gives non-finite values (museval's fallback for a singular
 * system). Reference channels with identical samples are solved as one (see {@link #solve}).
 * {@link #solver()} tells which path was taken.
 *
 * <p>Layouts: {@code interference(j)} is {@code (sources*channels, L, channels)} over (reference
 * channel, delay, estimate channel); {@code spatial(j)} is {@code (channels, L, channels)} over
 * (channel of reference j, delay, estimate channel).
 */
public final class DistortionFilters implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    /** museval's diagonal load: numpy's {@code finfo(float).eps}. */
    public static final double DIAGONAL_LOAD = Tensors.DOUBLE_EPS;

    private final int sources;
    private final int channels;
    private final int taps;
    private final double[][] interference;
    private final double[][] spatial;
    private final String solver;

    private DistortionFilters(int sources, int channels, int taps, double[][] interference, double[][] spatial,
                              String solver) {
        this.sources = sources;
        this.channels = channels;
        this.taps = taps;
        this.interference = interference;
        this.spatial = spatial;
        this.solver = solver;
    }

    /**
     * Fits the filters from the finished correlations of a track.
     *
     * @throws IllegalArgumentException if a reference or an estimate is silent over the whole
     *                                  track (museval refuses such input: the system is
     *                                  underdetermined)
     */
    public static DistortionFilters fit(CrossCorrelations xc) {
        return fit(xc, true);
    }

    /** {@link #fit(CrossCorrelations)}, optionally without merging identical channels (for tests). */
    static DistortionFilters fit(CrossCorrelations xc, boolean mergeIdentical) {
        return fit(xc, mergeIdentical, true);
    }

    /** {@link #fit(CrossCorrelations, boolean)}, with {@code fast = false} straight to the dense factorisation. */
    static DistortionFilters fit(CrossCorrelations xc, boolean mergeIdentical, boolean fast) {
        for (int j = 0; j < xc.sources(); j++) {
            if (!xc.referenceSounds(j)) {
                throw new IllegalArgumentException("reference source " + j + " is silent over the whole track "
                        + "(its channel sum is 0 at every sample); BSSEval cannot score it");
            }
            if (!xc.estimateSounds(j)) {
                throw new IllegalArgumentException("estimate " + j + " is silent over the whole track "
                        + "(its channel sum is 0 at every sample); BSSEval cannot score it");
            }
        }
        int s = xc.sources();
        int ch = xc.channels();
        int l = xc.taps();
        int signals = s * ch;
        // Interference filters: all references, all estimates' channels as right-hand sides.
        int[] all = new int[signals];
        for (int p = 0; p < signals; p++) {
            all[p] = p;
        }
        Solution full = solve(xc, all, all, DIAGONAL_LOAD, mergeIdentical, fast);
        double[][] interference = new double[s][];
        for (int j = 0; j < s; j++) {
            interference[j] = columns(full.x, signals * l, signals, j * ch, ch);
        }
        // Spatial filters: reference j alone, estimate j's channels.
        double[][] spatial = new double[s][];
        String solver = full.solver;
        for (int j = 0; j < s; j++) {
            int[] own = new int[ch];
            for (int c = 0; c < ch; c++) {
                own[c] = j * ch + c;
            }
            Solution one = solve(xc, own, own, DIAGONAL_LOAD, mergeIdentical, fast);
            spatial[j] = one.x;
            if (rank(one.solver) > rank(solver)) {
                solver = one.solver;
            }
        }
        return new DistortionFilters(s, ch, l, interference, spatial, solver);
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
                x[i * l * m + k] = reduced.x[g * l * m + k] / members[g];
            }
        }
        return new Solution(x, reduced.solver);
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

    /** Columns {@code [from, from + count)} of a row-major (rows, cols) matrix. */
    private static double[] columns(double[] x, int rows, int cols, int from, int count) {
        double[] out = new double[rows * count];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * cols + from, out, r * count, count);
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

    public int sources() {
        return sources;
    }

    public int channels() {
        return channels;
    }

    /** Filter length L. */
    public int taps() {
        return taps;
    }

    /** Interference filters of estimate j; a copy. Shape (sources*channels, L, channels). */
    public double[] interference(int j) {
        return interference[j].clone();
    }

    /** Spatial filters of estimate j; a copy. Shape (channels, L, channels). */
    public double[] spatial(int j) {
        return spatial[j].clone();
    }

    double[] interferenceShared(int j) {
        return interference[j];
    }

    double[] spatialShared(int j) {
        return spatial[j];
    }

    /**
     * What a summary should say about a solver path, or null for the plain block-Toeplitz
     * recursion (the normal case). For the job's notes:
     * {@code String n = DistortionFilters.note(m.solver()); if (n != null) notes.add(n);}
     */
    public static String note(String solver) {
        return switch (solver) {
            case "levinson" -> null;
            case "levinson+refined" -> "filters solved by the block-Toeplitz recursion with iterative refinement "
                    + "(ill-conditioned Gram matrix)";
            case "cholesky" -> "filters solved by dense Cholesky (the block-Toeplitz recursion lost positive "
                    + "definiteness or accuracy)";
            case "lu" -> "filters solved by dense LU (Gram matrix not numerically positive definite)";
            default -> "filters solved by least squares (singular Gram matrix)";
        };
    }

    /**
     * Rank of a solver path in the fallback chain, higher for a later resort: the block-Toeplitz
     * recursion, the recursion with iterative refinement, Cholesky, LU, least squares.
     */
    static int rank(String solver) {
        return switch (solver) {
            case "levinson" -> 0;
            case "levinson+refined" -> 1;
            case "cholesky" -> 2;
            case "lu" -> 3;
            default -> 4;
        };
    }

    /**
     * The path of the least favourable of the track's systems: {@code levinson} (the block-Toeplitz
     * recursion, {@link BlockToeplitz}), {@code levinson+refined} (the same with iterative
     * refinement), or a dense fallback: {@code cholesky} (the recursion lost positive definiteness
     * or accuracy), {@code lu} (not numerically positive definite) or {@code lstsq} (singular).
     * Anything past {@code levinson+refined} is worth a note ({@link #rank}).
     */
    public String solver() {
        return solver;
    }
}
