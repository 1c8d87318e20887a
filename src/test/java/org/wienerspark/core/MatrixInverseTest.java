package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Cholesky solve of the EM map against the SVD pseudo-inverse it stands in for. */
class MatrixInverseTest {

    /** A Hermitian positive semi-definite G G^H of rank {@code rank}, plus {@code ridge} I; (C, C) complex. */
    static double[] hermitian(long seed, int c, int rank, double ridge) {
        double[] g = CoreTestData.complex(seed, 1.0, c, rank).data();
        double[] m = new double[2 * c * c];
        for (int i = 0; i < c; i++) {
            for (int k = 0; k < c; k++) {
                double re = 0;
                double im = 0;
                for (int l = 0; l < rank; l++) {
                    double ar = g[2 * (i * rank + l)], ai = g[2 * (i * rank + l) + 1];
                    double br = g[2 * (k * rank + l)], bi = g[2 * (k * rank + l) + 1];
                    re += ar * br + ai * bi;
                    im += ai * br - ar * bi;
                }
                m[2 * (i * c + k)] = re + (i == k ? ridge : 0);
                m[2 * (i * c + k) + 1] = i == k ? 0 : im;
            }
        }
        return m;
    }

    @ParameterizedTest(name = "channels={0}")
    @ValueSource(ints = {3, 4, 6})
    void hermitianSolveEqualsPseudoInverseTimesX(int c) {
        MatrixInverse.Kernel k = new MatrixInverse.Kernel(c);
        for (int seed = 0; seed < 50; seed++) {
            double[] m = hermitian(seed, c, c + 1, 1e-3);
            double[] x = CoreTestData.complex(1000 + seed, 1.0, c).data();
            double[] z = new double[2 * c];
            assertTrue(k.solveHermitian(m, 0, Tensors.DOUBLE_EPS, x, 0, z, 0), "well-conditioned: solved");
            double[] inv = new double[2 * c * c];
            k.invert(m, 0, Tensors.DOUBLE_EPS, inv, 0);
            double scale = 0;
            for (double d : z) {
                scale = Math.max(scale, Math.abs(d));
            }
            for (int a = 0; a < c; a++) {
                double re = 0;
                double im = 0;
                for (int b = 0; b < c; b++) {
                    re += inv[2 * (a * c + b)] * x[2 * b] - inv[2 * (a * c + b) + 1] * x[2 * b + 1];
                    im += inv[2 * (a * c + b)] * x[2 * b + 1] + inv[2 * (a * c + b) + 1] * x[2 * b];
                }
                assertEquals(re, z[2 * a], 1e3 * OF_PEAK * scale);
                assertEquals(im, z[2 * a + 1], 1e3 * OF_PEAK * scale);
            }
        }
    }

    @ParameterizedTest(name = "channels={0}")
    @ValueSource(ints = {3, 4})
    void hermitianSolveDeclinesWhatThePseudoInverseWouldCut(int c) {
        MatrixInverse.Kernel k = new MatrixInverse.Kernel(c);
        double[] x = CoreTestData.complex(7, 1.0, c).data();
        double[] z = new double[2 * c];
        // Singular: not positive definite.
        assertFalse(k.solveHermitian(hermitian(1, c, 1, 0.0), 0, Tensors.DOUBLE_EPS, x, 0, z, 0));
        // Rank one plus a ridge of 1e-4 of its size: fine for machine epsilon, not for rcond 1e-3.
        double[] m = hermitian(2, c, 1, 1e-4);
        assertTrue(k.solveHermitian(m, 0, Tensors.DOUBLE_EPS, x, 0, z, 0));
        assertFalse(k.solveHermitian(m, 0, 1e-3, x, 0, z, 0));
        // Indefinite.
        double[] n = hermitian(3, c, c, 0.0);
        n[0] = -1;
        assertFalse(k.solveHermitian(n, 0, Tensors.DOUBLE_EPS, x, 0, z, 0));
    }
}
