package org.wienerspark.eval;

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
 * system). Reference channels with identical samples are solved as one (see
 * {@link NormalEquations#solve}).
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
        NormalEquations.Solution full = NormalEquations.solve(xc, all, all, DIAGONAL_LOAD, mergeIdentical, fast);
        double[][] interference = new double[s][];
        for (int j = 0; j < s; j++) {
            interference[j] = columns(full.x(), signals * l, signals, j * ch, ch);
        }
        // Spatial filters: reference j alone, estimate j's channels.
        double[][] spatial = new double[s][];
        String solver = full.solver();
        for (int j = 0; j < s; j++) {
            int[] own = new int[ch];
            for (int c = 0; c < ch; c++) {
                own[c] = j * ch + c;
            }
            NormalEquations.Solution one = NormalEquations.solve(xc, own, own, DIAGONAL_LOAD, mergeIdentical, fast);
            spatial[j] = one.x();
            if (rank(one.solver()) > rank(solver)) {
                solver = one.solver();
            }
        }
        return new DistortionFilters(s, ch, l, interference, spatial, solver);
    }

    /** Columns {@code [from, from + count)} of a row-major (rows, cols) matrix. */
    private static double[] columns(double[] x, int rows, int cols, int from, int count) {
        double[] out = new double[rows * count];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(x, r * cols + from, out, r * count, count);
        }
        return out;
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
