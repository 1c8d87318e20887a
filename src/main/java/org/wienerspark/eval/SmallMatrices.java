package org.wienerspark.eval;

/**
 * Dense m x m kernels for the block recursions ({@link WhittleRecursion}): row-major, m small
 * (the reference channels of one system), no allocation; offsets let a caller keep several
 * matrices in one array.
 */
final class SmallMatrices {

    private SmallMatrices() {
    }

    /**
     * Cholesky factor (lower, row-major into l) of the symmetric part of a[off..]: the symmetric
     * part, because the recursion's Schur complements are symmetric only to rounding.
     *
     * @return false if not numerically positive definite
     */
    static boolean choleskySym(double[] a, int off, double[] l, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0.5 * (a[off + i * m + j] + a[off + j * m + i]);
                for (int k = 0; k < j; k++) {
                    s -= l[i * m + k] * l[j * m + k];
                }
                if (i == j) {
                    if (!(s > 0) || !Double.isFinite(s)) {
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

    /** {@code out = -(L L^T)^-1 b} for an m x cols right-hand side b (row-major); out may be b. */
    static void negSolve(double[] l, double[] b, double[] out, int m, int cols) {
        for (int c = 0; c < cols; c++) {
            // Forward: L y = b; backward: L^T z = y.
            for (int i = 0; i < m; i++) {
                double s = b[i * cols + c];
                for (int k = 0; k < i; k++) {
                    s -= l[i * m + k] * out[k * cols + c];
                }
                out[i * cols + c] = s / l[i * m + i];
            }
            for (int i = m - 1; i >= 0; i--) {
                double s = out[i * cols + c];
                for (int k = i + 1; k < m; k++) {
                    s -= l[k * m + i] * out[k * cols + c];
                }
                out[i * cols + c] = s / l[i * m + i];
            }
            for (int i = 0; i < m; i++) {
                out[i * cols + c] = -out[i * cols + c];
            }
        }
    }

    /** The inverse {@code (L L^T)^-1} from a Cholesky factor, into out (m x m). */
    static void inverse(double[] l, double[] out, int m) {
        java.util.Arrays.fill(out, 0, m * m, 0.0);
        for (int i = 0; i < m; i++) {
            out[i * m + i] = -1.0;
        }
        negSolve(l, out, out, m, m);
    }

    /** {@code a^T} of an m x m matrix into out (not a). */
    static void transpose(double[] a, double[] out, int m) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                out[j * m + i] = a[i * m + j];
            }
        }
    }

    /** {@code c += a^T b}, all m x m. */
    static void addTransposedProduct(double[] a, double[] b, double[] c, int m) {
        for (int k = 0; k < m; k++) {
            for (int i = 0; i < m; i++) {
                double v = a[k * m + i];
                for (int j = 0; j < m; j++) {
                    c[i * m + j] += v * b[k * m + j];
                }
            }
        }
    }

    /** {@code c += a b}, all m x m. */
    static void addProduct(double[] a, double[] b, double[] c, int m) {
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < m; k++) {
                double v = a[i * m + k];
                for (int j = 0; j < m; j++) {
                    c[i * m + j] += v * b[k * m + j];
                }
            }
        }
    }
}
