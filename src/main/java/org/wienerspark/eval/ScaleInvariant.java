package org.wienerspark.eval;

/**
 * The scale-invariant BSS Eval family of one single-channel segment [4]: BSS Eval with 1-tap
 * distortion filters, as fast_bss_eval's {@code si_bss_eval_sources} computes it (no mean
 * removal, no clamping), plus the scale-dependent SDR.
 *
 * <p>Each reference and estimate is first divided by its norm (at least 1e-6, fast_bss_eval's
 * floor). With {@code rho_jk = <r_j, e_k>} and the references' Gram matrix {@code A}, the squared
 * cosines are {@code c_sdr(j,k) = rho_jk^2} (estimate k against reference j alone) and
 * {@code c_sar(k) = rho_k^T A^{-1} rho_k} (against the span of all references); then
 * {@code SI-SDR = 10 log10(c_sdr / (1 - c_sdr))}, {@code SI-SAR} the same of {@code c_sar} and
 * {@code SI-SIR} of {@code c_sdr / c_sar}, each cosine clamped to [0, 1] first (so 1 gives +inf
 * and 0 gives -inf). {@code SD-SDR = 10 log10(|a s|^2 / |s - s_hat|^2)}, {@code a = <s_hat, s> / |s|^2},
 * on the raw signals of the matched pair.
 *
 * <p>[4] J. Le Roux, S. Wisdom, H. Erdogan, J. R. Hershey, "SDR - half-baked or well done?",
 * ICASSP 2019.
 */
final class ScaleInvariant {

    /** fast_bss_eval's floor on a norm before normalising. */
    static final double NORM_FLOOR = 1e-6;

    private ScaleInvariant() {
    }

    /**
     * Scores one segment. References and estimates are (sources, n) rows taken from channel
     * {@code c} of (sources, samples, channels) arrays at sample offset {@code from}.
     * Returns (4, sources, sources): SI-SDR, SI-SIR, SI-SAR, SD-SDR of reference j against
     * estimate k at {@code (m * sources + j) * sources + k}.
     */
    static double[] score(double[] references, double[] estimates, int sources, int samples, int channels, int c,
                          int from, int n) {
        double[] refNorm = new double[sources];
        double[] estNorm = new double[sources];
        double[] refEnergy = new double[sources];
        for (int j = 0; j < sources; j++) {
            refEnergy[j] = dot(references, references, samples, channels, c, from, n, j, j);
            refNorm[j] = Math.max(Math.sqrt(refEnergy[j]), NORM_FLOOR);
            estNorm[j] = Math.max(Math.sqrt(dot(estimates, estimates, samples, channels, c, from, n, j, j)),
                    NORM_FLOOR);
        }
        // rho (reference j, estimate k) and the Gram matrix of the normalised references.
        double[] rho = new double[sources * sources];
        double[] raw = new double[sources * sources];
        double[] gram = new double[sources * sources];
        for (int j = 0; j < sources; j++) {
            for (int k = 0; k < sources; k++) {
                raw[j * sources + k] = dot(references, estimates, samples, channels, c, from, n, j, k);
                rho[j * sources + k] = raw[j * sources + k] / (refNorm[j] * estNorm[k]);
                if (k >= j) {
                    double g = dot(references, references, samples, channels, c, from, n, j, k)
                            / (refNorm[j] * refNorm[k]);
                    gram[j * sources + k] = g;
                    gram[k * sources + j] = g;
                }
            }
        }
        double[] sol = solve(gram, rho, sources);
        double[] out = new double[4 * sources * sources];
        int s2 = sources * sources;
        for (int k = 0; k < sources; k++) {
            double cSar = 0;
            for (int j = 0; j < sources; j++) {
                cSar += rho[j * sources + k] * sol[j * sources + k];
            }
            for (int j = 0; j < sources; j++) {
                int at = j * sources + k;
                double cSdr = rho[at] * rho[at];
                out[at] = decibels(cSdr);
                out[s2 + at] = decibels(cSdr / cSar);
                out[2 * s2 + at] = decibels(cSar);
                double errEnergy = 0;
                int rb = (j * samples + from) * channels + c;
                int eb = (k * samples + from) * channels + c;
                for (int i = 0; i < n; i++, rb += channels, eb += channels) {
                    double d = references[rb] - estimates[eb];
                    errEnergy += d * d;
                }
                double a = raw[at] / refEnergy[j];
                out[3 * s2 + at] = 10 * Math.log10(a * a * refEnergy[j] / errEnergy);
            }
        }
        return out;
    }

    /** fast_bss_eval's map from a squared cosine to dB: minus {@code 10 log10((1 - c) / c)}, c clamped to [0, 1]. */
    static double decibels(double coherence) {
        double c = Math.min(Math.max(coherence, 0.0), 1.0);
        return -(10 * Math.log10((1 - c) / c));
    }

    /**
     * Inner product of two channel rows, with Neumaier's compensated summation: over a window of
     * 44100 samples a plain running sum loses about 1e-14 relative accuracy, which near a squared
     * cosine of 1 becomes 1e-10 dB; numpy's pairwise sums lose far less.
     */
    private static double dot(double[] x, double[] y, int samples, int channels, int c, int from, int n, int j, int k) {
        double s = 0;
        double comp = 0;
        int a = (j * samples + from) * channels + c;
        int b = (k * samples + from) * channels + c;
        for (int i = 0; i < n; i++, a += channels, b += channels) {
            double v = x[a] * y[b];
            double t = s + v;
            comp += Math.abs(s) >= Math.abs(v) ? (s - t) + v : (v - t) + s;
            s = t;
        }
        return s + comp;
    }

    /** {@code A^{-1} B} for a small dense A, (n, n) and (n, n) row-major, by LU with partial pivoting (LAPACK gesv). */
    static double[] solve(double[] a, double[] b, int n) {
        double[] lu = a.clone();
        double[] x = b.clone();
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(lu[r * n + col]) > Math.abs(lu[piv * n + col])) {
                    piv = r;
                }
            }
            if (piv != col) {
                for (int q = 0; q < n; q++) {
                    double t = lu[col * n + q];
                    lu[col * n + q] = lu[piv * n + q];
                    lu[piv * n + q] = t;
                    t = x[col * n + q];
                    x[col * n + q] = x[piv * n + q];
                    x[piv * n + q] = t;
                }
            }
            double d = lu[col * n + col];
            for (int r = col + 1; r < n; r++) {
                double f = lu[r * n + col] / d;
                if (f == 0) {
                    continue;
                }
                for (int q = col; q < n; q++) {
                    lu[r * n + q] -= f * lu[col * n + q];
                }
                for (int q = 0; q < n; q++) {
                    x[r * n + q] -= f * x[col * n + q];
                }
            }
        }
        for (int col = n - 1; col >= 0; col--) {
            double d = lu[col * n + col];
            for (int q = 0; q < n; q++) {
                double s = x[col * n + q];
                for (int r = col + 1; r < n; r++) {
                    s -= lu[col * n + r] * x[r * n + q];
                }
                x[col * n + q] = s / d;
            }
        }
        return x;
    }
}
