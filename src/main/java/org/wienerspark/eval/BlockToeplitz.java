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
 * The multichannel Levinson recursion (Whittle, Wiggins-Robinson; Akaike's block form): forward
 * and backward solutions {@code f_k}, {@code b_k} of the leading k-block systems with the first /
 * last block column of the identity, extended one block at a time, and the solution of
 * {@code T_k X_k = D_k} extended with {@code b_{k+1}}. {@code O(L^2 m^3 + L^2 m^2 r)} for r
 * right-hand sides, against {@code O(L^3 m^3)} for a dense factorisation. Positive definiteness is
 * checked at every step (the last block of {@code b_k} is the inverse of a Schur complement: it
 * must have a Cholesky factor); if it fails, {@link #solve} returns null and the caller falls back
 * to the dense factorisation.
 *
 * <p>The recursion is weakly stable only: on ill-conditioned music its backward error can exceed a
 * Cholesky factorisation's. So the residual {@code D - T X} is computed with the exact block
 * Toeplitz product (every lag pair by FFT convolution, {@code O(L log L m^2 r)}), and the solution
 * refined ({@code X += T_levinson^{-1} R}, replaying the recursion from its stored coefficients)
 * until the normwise backward error is at the level of a dense solve ({@link #TARGET}), at most
 * {@link #MAX_REFINEMENTS} times; if it stays above {@link #ACCEPT}, null again (dense fallback).
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
    /** Row length of the channel-major layouts: {@code L * m}. */
    private final int span;
    /** {@code Gamma(k)} for k = 0 .. L-1, row-major m x m each (for the residual). */
    private final double[] gamma;
    /** Row p: {@code Gamma(j)_pq} at {@code (L - 1 - j) * m + q}, so that {@code sum_i Gamma(k - i) v[i]} is one dot product. */
    private final double[] reversed;
    /** Row p: {@code Gamma(j)_qp} at {@code j * m + q}, for {@code sum_i Gamma(i + 1)^T v[i]}. */
    private final double[] transposed;
    /** Per step k = 1 .. L-1: alpha, beta, gamma, delta (m x m each, row-major). */
    private final double[] coef;
    /** Forward and backward solutions, channel-major: column c of block i, row q at {@code c * span + i * m + q}. */
    private double[] f;
    private double[] b;
    private double[] nf;
    private double[] nb;

    /**
     * @param gamma {@code Gamma(k)} for {@code k = 0 .. L-1}, each m x m row-major, diagonal load included
     */
    BlockToeplitz(double[] gamma, int m, int taps) {
        this.m = m;
        this.taps = taps;
        this.mm = m * m;
        this.span = taps * m;
        this.gamma = gamma;
        this.reversed = new double[m * span];
        this.transposed = new double[m * span];
        for (int j = 0; j < taps; j++) {
            for (int p = 0; p < m; p++) {
                for (int q = 0; q < m; q++) {
                    reversed[p * span + (taps - 1 - j) * m + q] = gamma[j * mm + p * m + q];
                    transposed[p * span + j * m + q] = gamma[j * mm + q * m + p];
                }
            }
        }
        this.coef = new double[4 * mm * Math.max(taps, 1)];
        this.f = new double[m * span];
        this.b = new double[m * span];
        this.nf = new double[m * span];
        this.nb = new double[m * span];
    }

    /**
     * Solves {@code T X = D}. D delay-major {@code (L * m, r)}, not modified.
     *
     * @return the solution, or null if the recursion lost positive definiteness or the refined
     *         solution's backward error stays above {@link #ACCEPT}
     */
    Result solve(double[] d, int r) {
        double[] xt = new double[r * span];
        if (!recursion(d, r, xt, true)) {
            return null;
        }
        double[] x = delayMajor(xt, r);
        double normT = norm();
        double[] res = new double[d.length];
        double eta = residual(d, x, r, res, normT);
        int steps = 0;
        while (eta > TARGET && steps < MAX_REFINEMENTS) {
            double[] dt = new double[r * span];
            recursion(res, r, dt, false);
            double[] dx = delayMajor(dt, r);
            double[] trial = x.clone();
            for (int i = 0; i < trial.length; i++) {
                trial[i] += dx[i];
            }
            double[] trialRes = new double[d.length];
            double trialEta = residual(d, trial, r, trialRes, normT);
            steps++;
            if (!(trialEta < eta)) {
                break;
            }
            x = trial;
            res = trialRes;
            eta = trialEta;
        }
        return eta <= ACCEPT ? new Result(x, steps, eta) : null;
    }

    /** The normwise backward error of a delay-major solution x (as {@link #solve} measures it). */
    double backwardError(double[] d, double[] x, int r) {
        return residual(d, x, r, new double[d.length], norm());
    }

    /** The plain recursion's solution, delay-major, without refinement; null if not positive definite. */
    double[] unrefined(double[] d, int r) {
        double[] xt = new double[r * span];
        return recursion(d, r, xt, true) ? delayMajor(xt, r) : null;
    }

    /** Channel-major (r, L * m) to delay-major (L * m, r). */
    private double[] delayMajor(double[] xt, int r) {
        double[] x = new double[span * r];
        for (int col = 0; col < r; col++) {
            for (int t = 0; t < span; t++) {
                x[t * r + col] = xt[col * span + t];
            }
        }
        return x;
    }

    /**
     * The recursion for right-hand sides D (delay-major), solution channel-major into xt (zeros
     * on entry). With {@code fit}, computes and stores the coefficients and checks positive
     * definiteness (false if lost); otherwise replays the stored coefficients.
     */
    private boolean recursion(double[] d, int r, double[] xt, boolean fit) {
        double[] inv = new double[mm];
        double[] chol = new double[mm];
        if (!choleskySym(gamma, 0, chol) || !invert(Arrays.copyOfRange(gamma, 0, mm), inv, 0)) {
            return false;
        }
        Arrays.fill(f, 0.0);
        Arrays.fill(b, 0.0);
        for (int q = 0; q < m; q++) {
            for (int c = 0; c < m; c++) {
                f[c * span + q] = inv[q * m + c];
                b[c * span + q] = inv[q * m + c];
            }
        }
        for (int col = 0; col < r; col++) {
            for (int q = 0; q < m; q++) {
                double s = 0;
                for (int p = 0; p < m; p++) {
                    s += inv[q * m + p] * d[p * r + col];
                }
                xt[col * span + q] = s;
            }
        }
        double[] ef = new double[mm];
        double[] eb = new double[mm];
        double[] work = new double[mm];
        double[] rhs = new double[m * r];
        double[] theta = new double[m * r];
        for (int k = 1; k < taps; k++) {
            int len = k * m;
            int c0 = (k - 1) * 4 * mm;
            if (fit) {
                // eps_f = sum_i Gamma(k - i) f[i], eps_b = sum_i Gamma(i + 1)^T b[i]: m x m dot products.
                int revOff = (taps - 1 - k) * m;
                dots(reversed, revOff, f, ef, len, m);
                dots(transposed, m, b, eb, len, m);
                // alpha = (I - eb ef)^-1, beta = -ef alpha, delta = (I - ef eb)^-1, gamma = -eb delta.
                if (!coefficients(eb, ef, work, coef, c0) || !coefficients(ef, eb, work, coef, c0 + 3 * mm)) {
                    return false;
                }
                negProduct(ef, coef, c0, coef, c0 + mm);
                negProduct(eb, coef, c0 + 3 * mm, coef, c0 + 2 * mm);
            }
            // f' = [f; 0] alpha + [0; b] beta, b' = [f; 0] gamma + [0; b] delta.
            int newLen = len + m;
            for (int c = 0; c < m; c++) {
                int out = c * span;
                Arrays.fill(nf, out, out + newLen, 0.0);
                Arrays.fill(nb, out, out + newLen, 0.0);
                for (int l = 0; l < m; l++) {
                    axpy2(coef[c0 + l * m + c], coef[c0 + 2 * mm + l * m + c], f, l * span, nf, nb, out, len);
                    axpy2(coef[c0 + mm + l * m + c], coef[c0 + 3 * mm + l * m + c], b, l * span, nf, nb, out + m, len);
                }
            }
            double[] t = f;
            f = nf;
            nf = t;
            t = b;
            b = nb;
            nb = t;
            if (fit) {
                // The last block of b is the inverse of a Schur complement: positive definite.
                for (int q = 0; q < m; q++) {
                    for (int c = 0; c < m; c++) {
                        work[q * m + c] = b[c * span + len + q];
                    }
                }
                if (!choleskySym(work, 0, chol)) {
                    return false;
                }
            }
            // X_{k+1} = [X_k; 0] + b_{k+1} (D_k - sum_i Gamma(k - i) X_k[i]).
            dots(reversed, (taps - 1 - k) * m, xt, theta, len, r);
            for (int p = 0; p < m; p++) {
                for (int col = 0; col < r; col++) {
                    rhs[p * r + col] = d[(k * m + p) * r + col] - theta[p * r + col];
                }
            }
            for (int col = 0; col < r; col++) {
                for (int l = 0; l < m; l++) {
                    axpy(rhs[l * r + col], b, l * span, xt, col * span, newLen);
                }
            }
        }
        return true;
    }

    /**
     * {@code out[p * cols + c] = dot(a row p from aOff, v row c, n)} for p < m, c < cols: the
     * block products of the recursion, two rows by two columns per pass (half the loads of single
     * dots).
     */
    private void dots(double[] a, int aOff, double[] v, double[] out, int n, int cols) {
        int p = 0;
        for (; p + 1 < m; p += 2) {
            int a0 = p * span + aOff;
            int a1 = a0 + span;
            int c = 0;
            for (; c + 1 < cols; c += 2) {
                int v0 = c * span;
                int v1 = v0 + span;
                double s00 = 0;
                double s01 = 0;
                double s10 = 0;
                double s11 = 0;
                for (int i = 0; i < n; i++) {
                    double x0 = a[a0 + i];
                    double x1 = a[a1 + i];
                    double y0 = v[v0 + i];
                    double y1 = v[v1 + i];
                    s00 += x0 * y0;
                    s01 += x0 * y1;
                    s10 += x1 * y0;
                    s11 += x1 * y1;
                }
                out[p * cols + c] = s00;
                out[p * cols + c + 1] = s01;
                out[(p + 1) * cols + c] = s10;
                out[(p + 1) * cols + c + 1] = s11;
            }
            for (; c < cols; c++) {
                out[p * cols + c] = dot(a, a0, v, c * span, n);
                out[(p + 1) * cols + c] = dot(a, a1, v, c * span, n);
            }
        }
        for (; p < m; p++) {
            for (int c = 0; c < cols; c++) {
                out[p * cols + c] = dot(a, p * span + aOff, v, c * span, n);
            }
        }
    }

    /** {@code y[yOff + i] += a * x[xOff + i]} and {@code z[yOff + i] += b * x[xOff + i]}: one load of x for two outputs. */
    private static void axpy2(double a, double b, double[] x, int xOff, double[] y, double[] z, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            double v = x[xOff + i];
            y[yOff + i] += a * v;
            z[yOff + i] += b * v;
        }
    }

    private static double dot(double[] a, int aOff, double[] b, int bOff, int n) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            s0 += a[aOff + i] * b[bOff + i];
            s1 += a[aOff + i + 1] * b[bOff + i + 1];
            s2 += a[aOff + i + 2] * b[bOff + i + 2];
            s3 += a[aOff + i + 3] * b[bOff + i + 3];
        }
        for (; i < n; i++) {
            s0 += a[aOff + i] * b[bOff + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** {@code y[yOff + i] += a * x[xOff + i]} for i < n. */
    private static void axpy(double a, double[] x, int xOff, double[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) {
            y[yOff + i] += a * x[xOff + i];
        }
    }

    /** c[cOff..] += a[aOff..] (rows x inner) * b[bOff..] (inner x cols), row-major. */
    private static void multiplyAdd(double[] a, int aOff, double[] b, int bOff, double[] c, int cOff, int rows,
                                    int inner, int cols) {
        for (int i = 0; i < rows; i++) {
            int ci = cOff + i * cols;
            for (int l = 0; l < inner; l++) {
                double v = a[aOff + i * inner + l];
                int bl = bOff + l * cols;
                for (int j = 0; j < cols; j++) {
                    c[ci + j] += v * b[bl + j];
                }
            }
        }
    }

    /** out[c..] = (I - p q)^-1; false if singular. */
    private boolean coefficients(double[] p, double[] q, double[] work, double[] out, int c) {
        Arrays.fill(work, 0.0);
        multiplyAdd(p, 0, q, 0, work, 0, m, m, m);
        for (int i = 0; i < mm; i++) {
            work[i] = -work[i];
        }
        for (int i = 0; i < m; i++) {
            work[i * m + i] += 1.0;
        }
        return invert(work, out, c);
    }

    private void negProduct(double[] p, double[] q, int qOff, double[] out, int off) {
        Arrays.fill(out, off, off + mm, 0.0);
        multiplyAdd(p, 0, q, qOff, out, off, m, m, m);
        for (int i = off; i < off + mm; i++) {
            out[i] = -out[i];
        }
    }



    /** Inverse of a general m x m matrix by Gauss-Jordan with partial pivoting into out[off..]; false if singular. */
    private boolean invert(double[] a, double[] out, int off) {
        double[] w = a.clone();
        Arrays.fill(out, off, off + mm, 0.0);
        for (int i = 0; i < m; i++) {
            out[off + i * m + i] = 1.0;
        }
        for (int col = 0; col < m; col++) {
            int piv = col;
            for (int r = col + 1; r < m; r++) {
                if (Math.abs(w[r * m + col]) > Math.abs(w[piv * m + col])) {
                    piv = r;
                }
            }
            double p = w[piv * m + col];
            if (p == 0 || !Double.isFinite(p)) {
                return false;
            }
            if (piv != col) {
                for (int q = 0; q < m; q++) {
                    double t = w[col * m + q];
                    w[col * m + q] = w[piv * m + q];
                    w[piv * m + q] = t;
                    t = out[off + col * m + q];
                    out[off + col * m + q] = out[off + piv * m + q];
                    out[off + piv * m + q] = t;
                }
            }
            double inv = 1.0 / p;
            for (int q = 0; q < m; q++) {
                w[col * m + q] *= inv;
                out[off + col * m + q] *= inv;
            }
            for (int r = 0; r < m; r++) {
                double fct = w[r * m + col];
                if (r == col || fct == 0) {
                    continue;
                }
                for (int q = 0; q < m; q++) {
                    w[r * m + q] -= fct * w[col * m + q];
                    out[off + r * m + q] -= fct * out[off + col * m + q];
                }
            }
        }
        return true;
    }


    /** Cholesky factor of the symmetric part of a[off..]; false if not positive definite. */
    private boolean choleskySym(double[] a, int off, double[] l) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.5 * (a[off + i * m + j] + a[off + j * m + i]);
                for (int k = 0; k < j; k++) {
                    s -= l[i * m + k] * l[j * m + k];
                }
                if (i == j) {
                    if (!(s > 0)) {
                        return false;
                    }
                    l[i * m + i] = Math.sqrt(s);
                } else {
                    l[i * m + j] = s / l[j * m + j];
                }
            }
        }
        return true;
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

    /**
     * {@code res = D - T X} with the exact block-Toeplitz product by FFT convolution of each lag
     * sequence; returns the normwise backward error
     * {@code max_col |res|_inf / (|T|_inf |x|_inf + |d|_inf)}.
     */
    private double residual(double[] d, double[] x, int r, double[] res, double normT) {
        int size = Integer.highestOneBit(Math.max(2 * taps - 1, 2) - 1) << 1;
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        // Spectra of the lag sequences g_pq[k] = Gamma(k)_pq, k in -(L-1) .. L-1, negative lags wrapped.
        double[][] g = new double[mm][size];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                double[] h = g[p * m + q];
                for (int k = 0; k < taps; k++) {
                    h[k] = gamma[k * mm + p * m + q];
                    if (k > 0) {
                        h[size - k] = gamma[k * mm + q * m + p];
                    }
                }
                fft.realForward(h);
            }
        }
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
