package org.wienerspark.eval;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * An exact solver for the normal equations of the distortion filters, {@code T X = D}, where T is
 * the Gram matrix of the delayed reference channels: with rows ordered by (delay, channel), T is
 * symmetric block Toeplitz, block (a, b) being the m x m matrix {@code Gamma(a - b)},
 * {@code Gamma(k)_pq = <x_p(. - k), x_q>}, {@code Gamma(-k) = Gamma(k)^T}, m distinct reference
 * channels, L delays.
 *
 * <h2>Is museval's Gram matrix exactly block Toeplitz?</h2>
 * Yes, at the edges too. museval (and mir_eval) zero-pad every reference by L - 1 samples and take
 * FFTs of at least {@code n + L - 1} points, so each entry is the inner product over the whole
 * padded support: {@code <x_p(. - a), x_q(. - b)>} sums {@code x_p[i - a] x_q[i - b]} over all i
 * where both are defined, which depends on {@code a - b} only (the "autocorrelation method"; the
 * "covariance method", summing over {@code i} in {@code [L - 1, n)} only, would not be Toeplitz).
 * Neither does the circular FFT wrap: lags up to {@code L - 1} never alias when the FFT has
 * {@code n + L - 1} points or more. museval even builds each block with {@code scipy.linalg.toeplitz}
 * from one correlation vector, so its matrix is block Toeplitz bit for bit; the diagonal load
 * {@code eps I} keeps the structure (it only adds to {@code Gamma(0)}). The one asymmetry is at
 * rounding level: museval writes each diagonal block as the transpose of the Toeplitz matrix of an
 * autocorrelation computed by FFT, which is symmetric only to rounding; the structure holds.
 *
 * <h2>Method</h2>
 * The multichannel Levinson recursion in Whittle's monic form ({@link WhittleRecursion},
 * {@code O(L^2 m^3)}, once per system whatever the number of right-hand sides) gives the
 * generators of {@code T^-1}; the Gohberg-Semencul formula ({@link GohbergSemencul}) applies
 * {@code T^-1} to all right-hand sides by FFT, {@code O(m^2 r L log L)}. Positive definiteness is
 * checked at every step of the recursion (the Schur complements must have Cholesky factors); if
 * it fails, {@link #solve} returns null and the caller falls back to the dense factorisation.
 *
 * <p>Neither the recursion nor the formula is backward stable: on ill-conditioned music their
 * backward error can exceed a Cholesky factorisation's. So the residual {@code D - T X} is
 * computed with the exact block-Toeplitz product (every lag pair by FFT convolution,
 * {@code O(L log L m^2 r)}), and the solution refined ({@code X += T_gs^-1 R}, again by FFT)
 * until the normwise backward error is at the level of a dense solve ({@link #TARGET}), at most
 * {@link #MAX_REFINEMENTS} times; if it stays above {@link #ACCEPT}, null again (dense fallback).
 * A refinement step costs a few FFTs per right-hand side, so it is cheap next to the recursion.
 * Not thread-safe; one instance per system.
 */
final class BlockToeplitz {

    /** Backward error at which the solution is as good as a dense backward-stable solve. */
    static final double TARGET = 1e-15;
    /** Largest backward error accepted after refinement; above it the dense factorisation is used. */
    static final double ACCEPT = 1e-13;
    /** Refinement steps at most. */
    static final int MAX_REFINEMENTS = 4;

    /** Outcome: solution X in delay-major layout ({@code (L * m, r)}) and the number of refinements. */
    record Result(double[] x, int refinements, double backwardError) {
    }

    private final int m;
    private final int taps;
    private final int mm;
    private final int size;
    private final DoubleFFT_1D fft;
    /** {@code Gamma(k)} for k = 0 .. L-1, row-major m x m each. */
    private final double[] gamma;
    /** Spectra of the lag sequences {@code k -> Gamma(k)_pq}, k in -(L-1) .. L-1 (negative lags wrapped); index p * m + q. */
    private double[][] lagSpectra;

    /**
     * @param gamma {@code Gamma(k)} for {@code k = 0 .. L-1}, each m x m row-major, diagonal load included
     */
    BlockToeplitz(double[] gamma, int m, int taps) {
        this.m = m;
        this.taps = taps;
        this.mm = m * m;
        this.gamma = gamma;
        this.size = GohbergSemencul.fftSize(taps);
        this.fft = new DoubleFFT_1D(size);
    }

    /**
     * Solves {@code T X = D}. D delay-major {@code (L * m, r)}, not modified.
     *
     * @return the solution, or null if the recursion lost positive definiteness or the refined
     *         solution's backward error stays above {@link #ACCEPT}
     */
    Result solve(double[] d, int r) {
        WhittleRecursion.Generators g = WhittleRecursion.factor(gamma, m, taps);
        if (g == null) {
            return null;
        }
        GohbergSemencul inverse = new GohbergSemencul(g);
        double[] x = new double[d.length];
        inverse.apply(d, x, r);
        double normT = norm();
        double[] res = new double[d.length];
        double eta = residual(d, x, r, res, normT);
        int steps = 0;
        double[] dx = new double[d.length];
        double[] trial = new double[d.length];
        double[] trialRes = new double[d.length];
        while (eta > TARGET && steps < MAX_REFINEMENTS && Double.isFinite(eta)) {
            inverse.apply(res, dx, r);
            for (int i = 0; i < trial.length; i++) {
                trial[i] = x[i] + dx[i];
            }
            double trialEta = residual(d, trial, r, trialRes, normT);
            steps++;
            if (!(trialEta < eta)) {
                break;
            }
            double[] t = x;
            x = trial;
            trial = t;
            t = res;
            res = trialRes;
            trialRes = t;
            eta = trialEta;
        }
        return eta <= ACCEPT ? new Result(x, steps, eta) : null;
    }

    /** The normwise backward error of a delay-major solution x (as {@link #solve} measures it). */
    double backwardError(double[] d, double[] x, int r) {
        return residual(d, x, r, new double[d.length], norm());
    }

    /** An upper bound on the infinity norm of T: the largest row sum over all lags. */
    private double norm() {
        double worst = 0;
        for (int p = 0; p < m; p++) {
            double s = 0;
            for (int k = 0; k < taps; k++) {
                for (int q = 0; q < m; q++) {
                    s += Math.abs(gamma[k * mm + p * m + q]);
                    if (k > 0) {
                        s += Math.abs(gamma[k * mm + q * m + p]);
                    }
                }
            }
            worst = Math.max(worst, s);
        }
        return worst;
    }

    private double[][] lagSpectra() {
        if (lagSpectra == null) {
            lagSpectra = new double[mm][size];
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    double[] h = lagSpectra[p * m + q];
                    for (int k = 0; k < taps; k++) {
                        h[k] = gamma[k * mm + p * m + q];
                        if (k > 0) {
                            h[size - k] = gamma[k * mm + q * m + p];
                        }
                    }
                    fft.realForward(h);
                }
            }
        }
        return lagSpectra;
    }

    /**
     * {@code res = D - T X} with the exact block-Toeplitz product by FFT convolution of each lag
     * sequence; returns the normwise backward error
     * {@code max_col |res|_inf / (|T|_inf |x|_inf + |d|_inf)}.
     */
    private double residual(double[] d, double[] x, int r, double[] res, double normT) {
        double[][] g = lagSpectra();
        double[][] xs = new double[m][size];
        double[] acc = new double[size];
        double eta = 0;
        int mr = m * r;
        for (int col = 0; col < r; col++) {
            for (int q = 0; q < m; q++) {
                double[] v = xs[q];
                Arrays.fill(v, 0.0);
                for (int k = 0; k < taps; k++) {
                    v[k] = x[k * mr + q * r + col];
                }
                fft.realForward(v);
            }
            double resMax = 0;
            double xMax = 0;
            double dMax = 0;
            for (int p = 0; p < m; p++) {
                Arrays.fill(acc, 0.0);
                for (int q = 0; q < m; q++) {
                    SpectralOps.addProduct(acc, g[p * m + q], xs[q], size);
                }
                fft.realInverse(acc, true);
                for (int k = 0; k < taps; k++) {
                    int at = k * mr + p * r + col;
                    res[at] = d[at] - acc[k];
                    resMax = Math.max(resMax, Math.abs(res[at]));
                    xMax = Math.max(xMax, Math.abs(x[at]));
                    dMax = Math.max(dMax, Math.abs(d[at]));
                }
            }
            double den = normT * xMax + dMax;
            eta = Math.max(eta, den == 0 ? 0 : resMax / den);
        }
        return eta;
    }
}
