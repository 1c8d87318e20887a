package org.wienerspark.core;

/**
 * The E-step of norbert's EM, fused for the map stage: the posterior mean of every source,
 * {@code y_j = v_j R_j Cxx^-1 x} with {@code Cxx = sum_j v_j R_j + sqrt(eps) I}, per
 * time-frequency bin of a block of frames [1]. It never forms the Wiener gain
 * ({@link WienerGain}): per bin it builds Cxx, solves {@code z = Cxx^-1 x} once (closed form for
 * two channels, {@link MatrixInverse} for more) and shares z across sources.
 *
 * <p>R is (B, S, C, C) complex, as {@link SpatialCovariance#covariances} makes it (see the
 * package notes). An instance is one (channels, sources) configuration with its scratch buffers
 * (v grows once to the largest block when the caller keeps none), so it serves any number of
 * frames without allocating per call; not thread-safe, cheap to create (one per task).
 *
 * <p>[1] N.Q.K. Duong, E. Vincent, R. Gribonval, IEEE TASLP 18(7), 2010 (see {@link WienerGain}).
 */
public final class PosteriorMean {
    private final int c;
    private final int s;
    /** v of the frames in hand when the caller gives y and no buffer for v. */
    private double[] vScratch = new double[0];
    private final double[] cxx;
    private final double[] inv;
    private final double[] z;
    private final MatrixInverse.Kernel inverse;

    public PosteriorMean(int channels, int sources) {
        if (channels < 1 || sources < 1) {
            throw new IllegalArgumentException("need channels >= 1 and sources >= 1, got " + channels + ", "
                    + sources);
        }
        this.c = channels;
        this.s = sources;
        this.cxx = new double[2 * channels * channels];
        this.inv = new double[2 * channels * channels];
        this.z = new double[2 * channels];
        this.inverse = new MatrixInverse.Kernel(channels);
    }

    /**
     * One EM map step on a block of frames: from the current estimates {@code yIn} and the
     * spatial covariances R, computes {@code v_j = mean_c |y_j|^2}, the regularised mixture
     * covariance {@code Cxx = sum_j v_j R_j + sqrt(eps) I}, its inverse (with eps as in
     * {@link MatrixInverse}) and the new estimates {@code y_j = v_j R_j Cxx^-1 x}.
     *
     * @param r      (B, S, C, C) complex spatial covariances, input; Hermitian with a real
     *               diagonal, as {@link SpatialCovariance#covariances} makes them (the 1- and
     *               2-channel kernels rely on it)
     * @param x      (frames, B, C) complex mixture from {@code xOff}, input, not modified
     * @param yIn    (frames, B, C, S) complex current estimates from {@code yInOff}, input
     * @param yOut   (frames, B, C, S) complex new estimates from {@code yOutOff}, output,
     *               overwritten; may be the same region as {@code yIn}
     * @param vOut   (frames, B, S) power spectral densities used, output, or null
     */
    public void separate(double[] r, int bins, double eps, double[] x, int xOff, double[] yIn, int yInOff,
                         double[] yOut, int yOutOff, double[] vOut, int vOff, int frames) {
        double[] v = vOut;
        int o = vOff;
        if (v == null) {
            int n = frames * bins * s;
            if (vScratch.length < n) {
                vScratch = new double[n];
            }
            v = vScratch;
            o = 0;
        }
        // v first, in its own pass (yOut may overwrite yIn): the kernels then read v only;
        // a branch in them on where v comes from cost the stereo kernel 20%.
        LocalGaussianModel.powerSpectralDensity(yIn, yInOff, frames * bins, c, s, v, o);
        separateFromPsd(r, bins, eps, x, xOff, v, o, yOut, yOutOff, frames);
    }

    /**
     * The same map step from the power spectral densities {@code v} of the current
     * estimates (as {@link LocalGaussianModel#powerSpectralDensity} computes them) instead
     * of the estimates: all the step needs besides x and R.
     *
     * @param vIn (frames, B, S) from {@code vInOff}, input, not modified
     */
    public void separateFromPsd(double[] r, int bins, double eps, double[] x, int xOff, double[] vIn,
                                int vInOff, double[] yOut, int yOutOff, int frames) {
        // One dispatch per block; the 1- and 2-channel kernels keep everything in registers.
        if (c == 1) {
            separateMono(r, bins, eps, x, xOff, vIn, vInOff, yOut, yOutOff, frames);
        } else if (c == 2) {
            separateStereo(r, bins, eps, x, xOff, vIn, vInOff, yOut, yOutOff, frames);
        } else {
            separateGeneral(r, bins, eps, x, xOff, vIn, vInOff, yOut, yOutOff, frames);
        }
    }

    private void separateMono(double[] r, int bins, double eps, double[] x, int xOff, double[] vIn, int vInOff,
                              double[] yOut, int yOutOff, int frames) {
        double reg = Math.sqrt(eps);
        for (int t = 0; t < frames; t++) {
            for (int f = 0; f < bins; f++) {
                int tf = t * bins + f;
                int vi = vInOff + tf * s;
                int yo = yOutOff + 2 * tf * s;
                int rf = 2 * f * s;
                // R_j(f) of one channel is real: sum |y|^2 / (eps + sum v).
                double cxx = 0;
                for (int j = 0; j < s; j++) {
                    cxx += vIn[vi + j] * r[rf + 2 * j];
                }
                double denominator = cxx + reg + eps;
                // A zero model with eps = 0: the pseudo-inverse of 0 is 0, not inf.
                double inv = denominator > 0 ? 1.0 / denominator : 0.0;
                double zr = inv * x[xOff + 2 * tf];
                double zi = inv * x[xOff + 2 * tf + 1];
                for (int j = 0; j < s; j++) {
                    double g = vIn[vi + j] * r[rf + 2 * j];
                    yOut[yo + 2 * j] = g * zr;
                    yOut[yo + 2 * j + 1] = g * zi;
                }
            }
        }
    }

    private void separateStereo(double[] r, int bins, double eps, double[] x, int xOff, double[] vIn,
                                int vInOff, double[] yOut, int yOutOff, int frames) {
        double reg = Math.sqrt(eps);
        int s = this.s;
        for (int t = 0; t < frames; t++) {
            for (int f = 0; f < bins; f++) {
                int tf = t * bins + f;
                int vi = vInOff + tf * s;
                int yo = yOutOff + 4 * tf * s;
                int rf = 8 * f * s;
                // Cxx is Hermitian: its diagonal is real and c10 = conj(c01).
                double c00 = 0, c01r = 0, c01i = 0, c11 = 0;
                for (int j = 0; j < s; j++) {
                    double vj = vIn[vi + j];
                    int rj = rf + 8 * j;
                    c00 += vj * r[rj];
                    c01r += vj * r[rj + 2];
                    c01i += vj * r[rj + 3];
                    c11 += vj * r[rj + 6];
                }
                c00 += reg;
                c11 += reg;
                int xi = xOff + 4 * tf;
                double x0r = x[xi], x0i = x[xi + 1];
                double x1r = x[xi + 2], x1i = x[xi + 3];
                double z0r, z0i, z1r, z1i;
                // Closed-form inverse of [[c00, c01], [conj(c01), c11]]: the determinant is real.
                double det = c00 * c11 - (c01r * c01r + c01i * c01i);
                if (det > MatrixInverse.SINGULAR * c00 * c11) {
                    double invDet = 1.0 / det;
                    // z = Cxx^-1 x = invDet [[c11, -c01], [-conj(c01), c00]] x
                    z0r = invDet * (c11 * x0r - (c01r * x1r - c01i * x1i));
                    z0i = invDet * (c11 * x0i - (c01r * x1i + c01i * x1r));
                    z1r = invDet * (c00 * x1r - (c01r * x0r + c01i * x0i));
                    z1i = invDet * (c00 * x1i - (c01r * x0i - c01i * x0r));
                } else {
                    // Singular or numerically so (only possible with eps = 0 or extreme
                    // dynamics; the reference returns inf/NaN): the pseudo-inverse.
                    MatrixInverse.pseudoInverse2(c00, c01r, c01i, c11, x0r, x0i, x1r, x1i, z);
                    z0r = z[0];
                    z0i = z[1];
                    z1r = z[2];
                    z1i = z[3];
                }
                for (int j = 0; j < s; j++) {
                    int rj = rf + 8 * j;
                    double vj = vIn[vi + j];
                    double r00 = r[rj], r01r = r[rj + 2], r01i = r[rj + 3];
                    double r10r = r[rj + 4], r10i = r[rj + 5], r11 = r[rj + 6];
                    // R_j is Hermitian too (real diagonal).
                    int q0 = yo + 2 * j;
                    int q1 = q0 + 2 * s;
                    yOut[q0] = vj * (r00 * z0r + r01r * z1r - r01i * z1i);
                    yOut[q0 + 1] = vj * (r00 * z0i + r01r * z1i + r01i * z1r);
                    yOut[q1] = vj * (r10r * z0r - r10i * z0i + r11 * z1r);
                    yOut[q1 + 1] = vj * (r10r * z0i + r10i * z0r + r11 * z1i);
                }
            }
        }
    }

    private void separateGeneral(double[] r, int bins, double eps, double[] x, int xOff, double[] vIn,
                                 int vInOff, double[] yOut, int yOutOff, int frames) {
        double reg = Math.sqrt(eps);
        int cc = 2 * c * c;
        for (int tf = 0, f = 0; tf < frames * bins; tf++, f = f + 1 == bins ? 0 : f + 1) {
            int yo = yOutOff + 2 * tf * c * s;
            int xi = xOff + 2 * tf * c;
            int rf = f * s * cc;
            int vi = vInOff + tf * s;
            java.util.Arrays.fill(cxx, 0.0);
            for (int j = 0; j < s; j++) {
                double vj = vIn[vi + j];
                int rj = rf + j * cc;
                for (int k = 0; k < cc; k++) {
                    cxx[k] += vj * r[rj + k];
                }
            }
            for (int a = 0; a < c; a++) {
                cxx[2 * (a * c + a)] += reg;
            }
            // Cxx is Hermitian: Cholesky when well-conditioned, else the SVD pseudo-inverse.
            if (!inverse.solveHermitian(cxx, 0, eps, x, xi, z, 0)) {
                inverse.invert(cxx, 0, eps, inv, 0);
                for (int a = 0; a < c; a++) {
                    double re = 0;
                    double im = 0;
                    for (int b = 0; b < c; b++) {
                        int pm = 2 * (a * c + b);
                        int px = xi + 2 * b;
                        re += inv[pm] * x[px] - inv[pm + 1] * x[px + 1];
                        im += inv[pm] * x[px + 1] + inv[pm + 1] * x[px];
                    }
                    z[2 * a] = re;
                    z[2 * a + 1] = im;
                }
            }
            for (int j = 0; j < s; j++) {
                double vj = vIn[vi + j];
                int rj = rf + j * cc;
                for (int a = 0; a < c; a++) {
                    double re = 0;
                    double im = 0;
                    for (int b = 0; b < c; b++) {
                        int pm = rj + 2 * (a * c + b);
                        re += r[pm] * z[2 * b] - r[pm + 1] * z[2 * b + 1];
                        im += r[pm] * z[2 * b + 1] + r[pm + 1] * z[2 * b];
                    }
                    int p = yo + 2 * (a * s + j);
                    yOut[p] = vj * re;
                    yOut[p + 1] = vj * im;
                }
            }
        }
    }
}
