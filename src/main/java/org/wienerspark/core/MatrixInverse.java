package org.wienerspark.core;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;

/**
 * Inverse of the C x C complex matrices of a tensor (norbert's {@code _invert}): the scalar case
 * is {@code 1 / (M + eps)}, two channels use the closed form (no eps; a singular matrix gives
 * inf/NaN, as in the reference), and more channels use the Moore-Penrose pseudo-inverse with
 * singular values {@code s <= eps * max(s)} dropped (numpy's {@code pinv(M, rcond=eps)}).
 */
public final class MatrixInverse {

    private MatrixInverse() {
    }

    /**
     * Inverts every trailing C x C matrix.
     *
     * <p>Shapes: M (..., C, C) complex, input, not modified; returns the same shape.
     */
    public static ComplexTensor apply(ComplexTensor m, double eps) {
        int[] s = m.shape();
        if (s.length < 2 || s[s.length - 1] != s[s.length - 2]) {
            throw new IllegalArgumentException("M must have shape (..., C, C), got " + java.util.Arrays.toString(s));
        }
        Tensors.requireEps(eps);
        Tensors.requireFinite("M", m);
        int c = s[s.length - 1];
        int stride = 2 * c * c;
        double[] out = new double[m.data().length];
        Kernel k = new Kernel(c);
        for (int o = 0; o < out.length; o += stride) {
            k.invert(m.data(), o, eps, out, o);
        }
        return new ComplexTensor(s.clone(), out);
    }

    /** The inverse of one C x C matrix, with scratch space for the general case. */
    static final class Kernel {
        private final int c;
        private final SingularValueDecomposition_F64<DMatrixRMaj> svd;
        private final DMatrixRMaj real;
        private final DMatrixRMaj u;
        private final DMatrixRMaj v;
        /** Scratch of {@link #solveHermitian}: L, L^-1 (C x C complex) and L^-1 x. */
        private final double[] chol;
        private final double[] cholInv;
        private final double[] w;

        Kernel(int channels) {
            this.c = channels;
            if (channels > 2) {
                int n = 2 * channels;
                svd = DecompositionFactory_DDRM.svd(n, n, true, true, true);
                real = new DMatrixRMaj(n, n);
                u = new DMatrixRMaj(n, n);
                v = new DMatrixRMaj(n, n);
            } else {
                svd = null;
                real = u = v = null;
            }
            chol = new double[2 * channels * channels];
            cholInv = new double[2 * channels * channels];
            w = new double[2 * channels];
        }

        /**
         * {@code z = M^+ x} for a Hermitian M through its Cholesky factor {@code M = L L^H}, when
         * that is provably what the pseudo-inverse of {@link #invert} gives: M positive definite
         * and its condition number bounded by {@code trace(M) trace(M^-1) < 1 / (8 rcond)}
         * (and {@code < 1e13}), so that no singular value falls under the cut-off
         * {@code rcond * max(s)}. Otherwise returns false and leaves z undefined; the caller then
         * uses {@link #invert}. Reads only the lower triangle of M.
         *
         * @param m (C, C) complex from {@code mo}, Hermitian, input, not modified
         * @param x (C) complex from {@code xo}, input, not modified
         * @param z (C) complex from {@code zo}, output, overwritten
         */
        boolean solveHermitian(double[] m, int mo, double rcond, double[] x, int xo, double[] z, int zo) {
            double[] l = chol;
            double[] li = cholInv;
            double trace = 0;
            for (int i = 0; i < c; i++) {
                trace += m[mo + 2 * (i * c + i)];
            }
            for (int j = 0; j < c; j++) {
                double d = m[mo + 2 * (j * c + j)];
                for (int k = 0; k < j; k++) {
                    double ar = l[2 * (j * c + k)], ai = l[2 * (j * c + k) + 1];
                    d -= ar * ar + ai * ai;
                }
                if (!(d > 0)) {
                    return false;
                }
                double ljj = Math.sqrt(d);
                l[2 * (j * c + j)] = ljj;
                l[2 * (j * c + j) + 1] = 0;
                for (int i = j + 1; i < c; i++) {
                    double sr = m[mo + 2 * (i * c + j)], si = m[mo + 2 * (i * c + j) + 1];
                    for (int k = 0; k < j; k++) {
                        // L_ik conj(L_jk)
                        double ar = l[2 * (i * c + k)], ai = l[2 * (i * c + k) + 1];
                        double br = l[2 * (j * c + k)], bi = l[2 * (j * c + k) + 1];
                        sr -= ar * br + ai * bi;
                        si -= ai * br - ar * bi;
                    }
                    l[2 * (i * c + j)] = sr / ljj;
                    l[2 * (i * c + j) + 1] = si / ljj;
                }
            }
            // L^-1, lower triangular, column by column; trace(M^-1) = ||L^-1||_F^2.
            double traceInv = 0;
            for (int j = 0; j < c; j++) {
                double wjj = 1.0 / l[2 * (j * c + j)];
                li[2 * (j * c + j)] = wjj;
                li[2 * (j * c + j) + 1] = 0;
                traceInv += wjj * wjj;
                for (int i = j + 1; i < c; i++) {
                    double sr = 0, si = 0;
                    for (int k = j; k < i; k++) {
                        double ar = l[2 * (i * c + k)], ai = l[2 * (i * c + k) + 1];
                        double br = li[2 * (k * c + j)], bi = li[2 * (k * c + j) + 1];
                        sr += ar * br - ai * bi;
                        si += ar * bi + ai * br;
                    }
                    double inv = -1.0 / l[2 * (i * c + i)];
                    li[2 * (i * c + j)] = sr * inv;
                    li[2 * (i * c + j) + 1] = si * inv;
                    traceInv += (sr * sr + si * si) * (inv * inv);
                }
            }
            // lambda_min >= 1 / trace(M^-1) and lambda_max <= trace(M).
            double bound = trace * traceInv;
            if (!(bound * rcond < 0.125 && bound < 1e13)) {
                return false;
            }
            // z = L^-H (L^-1 x)
            for (int i = 0; i < c; i++) {
                double sr = 0, si = 0;
                for (int k = 0; k <= i; k++) {
                    double ar = li[2 * (i * c + k)], ai = li[2 * (i * c + k) + 1];
                    double br = x[xo + 2 * k], bi = x[xo + 2 * k + 1];
                    sr += ar * br - ai * bi;
                    si += ar * bi + ai * br;
                }
                w[2 * i] = sr;
                w[2 * i + 1] = si;
            }
            for (int i = 0; i < c; i++) {
                double sr = 0, si = 0;
                for (int k = i; k < c; k++) {
                    // conj(Linv_ki) w_k
                    double ar = li[2 * (k * c + i)], ai = li[2 * (k * c + i) + 1];
                    double br = w[2 * k], bi = w[2 * k + 1];
                    sr += ar * br + ai * bi;
                    si += ar * bi - ai * br;
                }
                z[zo + 2 * i] = sr;
                z[zo + 2 * i + 1] = si;
            }
            return true;
        }

        /** {@code out[oo..] = inverse of m[mo..]}; out must not overlap m. */
        void invert(double[] m, int mo, double eps, double[] out, int oo) {
            if (c == 1) {
                ComplexOps.div(1.0, 0.0, m[mo] + eps, m[mo + 1], out, oo);
            } else if (c == 2) {
                invert2(m, mo, out, oo);
            } else {
                pseudoInverse(m, mo, eps, out, oo);
            }
        }

        /**
         * Pseudo-inverse through the real 2C x 2C representation [[A, -B], [B, A]] of M = A + iB:
         * it maps products, conjugate transposes and hence pseudo-inverses to the same of M, and
         * carries each singular value of M twice, so the cut-off {@code eps * max(s)} is unchanged.
         */
        private void pseudoInverse(double[] m, int mo, double rcond, double[] out, int oo) {
            for (int i = 0; i < c; i++) {
                for (int k = 0; k < c; k++) {
                    double re = m[mo + 2 * (i * c + k)];
                    double im = m[mo + 2 * (i * c + k) + 1];
                    real.unsafe_set(i, k, re);
                    real.unsafe_set(i + c, k + c, re);
                    real.unsafe_set(i, k + c, -im);
                    real.unsafe_set(i + c, k, im);
                }
            }
            if (!svd.decompose(real)) {
                throw new ArithmeticException("SVD did not converge for a " + c + "x" + c + " matrix");
            }
            double[] sv = svd.getSingularValues();
            int rank = svd.numberOfSingularValues();
            svd.getU(u, false);
            svd.getV(v, false);
            double max = 0;
            for (int i = 0; i < rank; i++) {
                max = Math.max(max, sv[i]);
            }
            double cutoff = rcond * max;
            // pinv = V diag(1/s) U^T = [[P11, P12], [P21, P22]], in exact arithmetic P11 = P22 = Re
            // and P21 = -P12 = Im. Rounding breaks that symmetry by an error that is not complex
            // linear; averaging the two copies cancels it (it matters for ill-conditioned Cxx).
            for (int i = 0; i < c; i++) {
                for (int k = 0; k < c; k++) {
                    double p11 = 0, p22 = 0, p21 = 0, p12 = 0;
                    for (int l = 0; l < rank; l++) {
                        if (sv[l] > cutoff) {
                            double w = 1.0 / sv[l];
                            double uk = u.unsafe_get(k, l) * w;
                            double ukc = u.unsafe_get(k + c, l) * w;
                            p11 += v.unsafe_get(i, l) * uk;
                            p21 += v.unsafe_get(i + c, l) * uk;
                            p12 += v.unsafe_get(i, l) * ukc;
                            p22 += v.unsafe_get(i + c, l) * ukc;
                        }
                    }
                    out[oo + 2 * (i * c + k)] = 0.5 * (p11 + p22);
                    out[oo + 2 * (i * c + k) + 1] = 0.5 * (p21 - p12);
                }
            }
        }
    }

    /** The closed-form 2 x 2 inverse, in the reference's order of operations. */
    static void invert2(double[] m, int mo, double[] out, int oo) {
        double ar = m[mo], ai = m[mo + 1];
        double br = m[mo + 2], bi = m[mo + 3];
        double cr = m[mo + 4], ci = m[mo + 5];
        double dr = m[mo + 6], di = m[mo + 7];
        double detR = (ar * dr - ai * di) - (br * cr - bi * ci);
        double detI = (ar * di + ai * dr) - (br * ci + bi * cr);
        ComplexOps.div(1.0, 0.0, detR, detI, out, oo);
        double ir = out[oo], ii = out[oo + 1];
        out[oo] = ir * dr - ii * di;
        out[oo + 1] = ir * di + ii * dr;
        out[oo + 2] = -ir * br + ii * bi;
        out[oo + 3] = -ir * bi - ii * br;
        out[oo + 4] = -ir * cr + ii * ci;
        out[oo + 5] = -ir * ci - ii * cr;
        out[oo + 6] = ir * ar - ii * ai;
        out[oo + 7] = ir * ai + ii * ar;
    }

    /**
     * Below this ratio of the determinant of a Hermitian 2 x 2 matrix to the product of its
     * diagonal (a condition number beyond about 1e14), the closed form is not trusted and
     * {@link #pseudoInverse2} is used. In EM, with eps > 0 the regularisation keeps Cxx far from
     * it, so results equal the reference's.
     */
    static final double SINGULAR = 1e-14;

    /**
     * {@code z = pinv(C) x} for a Hermitian positive semi-definite 2 x 2 matrix
     * [[a, b], [conj(b), d]]: eigenvalues at or below {@code 1e-14} of the largest are dropped.
     */
    static void pseudoInverse2(double a, double br, double bi, double d, double x0r, double x0i, double x1r,
                               double x1i, double[] z) {
        double mean = 0.5 * (a + d);
        double half = 0.5 * (a - d);
        double b2 = br * br + bi * bi;
        double r = Math.sqrt(half * half + b2);
        double l1 = mean + r;
        double l2 = mean - r;
        z[0] = z[1] = z[2] = z[3] = 0;
        if (!(l1 > 0)) {
            return;
        }
        // Unit eigenvector of l1: (b, l1 - a) or (l1 - d, conj(b)), whichever is better scaled.
        double u0r, u0i, u1r, u1i;
        if (half >= 0) {
            u0r = l1 - d;
            u0i = 0;
            u1r = br;
            u1i = -bi;
        } else {
            u0r = br;
            u0i = bi;
            u1r = l1 - a;
            u1i = 0;
        }
        double n = Math.sqrt(u0r * u0r + u0i * u0i + u1r * u1r + u1i * u1i);
        if (n == 0) {
            // b = 0 and a = d: C = a I.
            u0r = 1;
            n = 1;
        }
        u0r /= n;
        u0i /= n;
        u1r /= n;
        u1i /= n;
        // Projections of x on u1 and on its orthogonal complement u2 = (-conj(u1[1]), conj(u1[0])).
        double p1r = u0r * x0r + u0i * x0i + u1r * x1r + u1i * x1i;
        double p1i = u0r * x0i - u0i * x0r + u1r * x1i - u1i * x1r;
        double w1 = 1.0 / l1;
        z[0] = w1 * (u0r * p1r - u0i * p1i);
        z[1] = w1 * (u0r * p1i + u0i * p1r);
        z[2] = w1 * (u1r * p1r - u1i * p1i);
        z[3] = w1 * (u1r * p1i + u1i * p1r);
        if (l2 > SINGULAR * l1) {
            double v0r = -u1r, v0i = u1i, v1r = u0r, v1i = -u0i;
            double p2r = v0r * x0r + v0i * x0i + v1r * x1r + v1i * x1i;
            double p2i = v0r * x0i - v0i * x0r + v1r * x1i - v1i * x1r;
            double w2 = 1.0 / l2;
            z[0] += w2 * (v0r * p2r - v0i * p2i);
            z[1] += w2 * (v0r * p2i + v0i * p2r);
            z[2] += w2 * (v1r * p2r - v1i * p2i);
            z[3] += w2 * (v1r * p2i + v1i * p2r);
        }
    }
}
