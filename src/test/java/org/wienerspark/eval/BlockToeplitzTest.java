package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The block-Toeplitz path of the distortion filters against the dense factorisation. */
class BlockToeplitzTest {

    private static CrossCorrelations correlations(double[] x, double[] e, int s, int n, int ch, int taps) {
        CrossCorrelations xc = new CrossCorrelations(s, ch, taps);
        xc.add(x, e, n);
        return xc.finish();
    }

    private static int[] all(int m) {
        int[] r = new int[m];
        for (int i = 0; i < m; i++) {
            r[i] = i;
        }
        return r;
    }

    @Test
    void recursionSolvesWhatTheDenseCholeskySolves() {
        SplittableRandom rnd = new SplittableRandom(5);
        int s = 3;
        int ch = 2;
        int n = 7000;
        int taps = 64;
        double[] x = BssEvalV4Test.noise(rnd, s, n, ch);
        double[] e = BssEvalV4Test.noise(rnd, s, n, ch);
        CrossCorrelations xc = correlations(x, e, s, n, ch, taps);
        int[] rows = all(s * ch);
        NormalEquations.Solution fast = NormalEquations.solve(xc, rows, rows, DistortionFilters.DIAGONAL_LOAD,
                true, true);
        NormalEquations.Solution dense = NormalEquations.solve(xc, rows, rows, DistortionFilters.DIAGONAL_LOAD,
                true, false);
        assertEquals("levinson", fast.solver());
        assertEquals("cholesky", dense.solver());
        double scale = 0;
        for (double v : dense.x()) {
            scale = Math.max(scale, Math.abs(v));
        }
        for (int i = 0; i < dense.x().length; i++) {
            assertEquals(dense.x()[i], fast.x()[i], 1e-9 * scale, "x[" + i + "]");
        }
    }

    @Test
    void indefiniteMatrixIsDeclinedForTheDenseFallback() {
        int m = 2;
        int taps = 3;
        // Gamma(0) = [[1, 2], [2, 1]] is indefinite.
        double[] gamma = new double[taps * m * m];
        gamma[0] = 1;
        gamma[1] = 2;
        gamma[2] = 2;
        gamma[3] = 1;
        assertNull(new BlockToeplitz(gamma, m, taps).solve(new double[taps * m], 1));
        // A positive definite Gamma(0) but a lag that makes T indefinite at the second step.
        double[] lagged = new double[taps * m * m];
        lagged[0] = 1;
        lagged[3] = 1;
        lagged[4] = 2;
        lagged[7] = 2;
        assertNull(new BlockToeplitz(lagged, m, taps).solve(new double[taps * m], 1));
    }

    @Test
    void illConditionedMusicKeepsTheDenseMetrics() {
        // Band-limited references rounded to 16 bits: a Gram matrix with a condition number near
        // 1e12, where the plain recursion's backward error exceeds a dense solve's.
        SplittableRandom rnd = new SplittableRandom(11);
        int s = 2;
        int ch = 2;
        int n = 12000;
        double[] x = new double[s * n * ch];
        for (int j = 0; j < s; j++) {
            for (int c = 0; c < ch; c++) {
                double y1 = 0;
                double y2 = 0;
                for (int i = 0; i < n; i++) {
                    double in = rnd.nextDouble() - 0.5;
                    y1 = 0.97 * y1 + 0.03 * in;
                    y2 = 0.97 * y2 + 0.03 * y1;
                    x[(j * n + i) * ch + c] = Math.rint(y2 * 32768 * 20) / 32768;
                }
            }
        }
        double[] e = x.clone();
        for (int i = 0; i < e.length; i++) {
            e[i] += 1e-3 * (rnd.nextDouble() - 0.5) + 0.2 * x[(i + n * ch) % e.length];
        }
        CrossCorrelations xc = correlations(x, e, s, n, ch, 512);
        DistortionFilters fast = DistortionFilters.fit(xc);
        DistortionFilters dense = DistortionFilters.fit(xc, true, false);
        System.out.println("ill-conditioned: fast path " + fast.solver() + ", dense " + dense.solver());
        BssEvalV4 a = new BssEvalV4(fast);
        BssEvalV4 b = new BssEvalV4(dense);
        for (int from = 0; from < n; from += 4000) {
            double[] r = BssEvalV4.slice(x, s, n, ch, from, 4000);
            double[] est = BssEvalV4.slice(e, s, n, ch, from, 4000);
            double[] ma = a.scoreFrame(r, est, 4000);
            double[] mb = b.scoreFrame(r, est, 4000);
            for (int k = 0; k < ma.length; k++) {
                assertEquals(mb[k], ma[k], 1e-3, "metric " + k);
            }
        }
    }

    @Test
    void recursionReportsItsBackwardError() {
        SplittableRandom rnd = new SplittableRandom(3);
        int s = 2;
        int ch = 1;
        int n = 3000;
        int taps = 32;
        double[] x = BssEvalV4Test.noise(rnd, s, n, ch);
        double[] e = BssEvalV4Test.noise(rnd, s, n, ch);
        CrossCorrelations xc = correlations(x, e, s, n, ch, taps);
        int m = s * ch;
        double[] gamma = new double[taps * m * m];
        for (int p = 0; p < m; p++) {
            for (int q = 0; q < m; q++) {
                double[] lags = q <= p ? xc.referenceLags(q, p) : xc.referenceLags(p, q);
                int sign = q <= p ? 1 : -1;
                for (int k = 0; k < taps; k++) {
                    gamma[k * m * m + p * m + q] = lags[sign * k + taps - 1];
                }
            }
        }
        double[] d = new double[taps * m];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble() - 0.5;
        }
        BlockToeplitz.Result r = new BlockToeplitz(gamma, m, taps).solve(d, 1);
        assertNotNull(r);
        assertTrue(r.backwardError() <= BlockToeplitz.ACCEPT, "backward error " + r.backwardError());
        // Direct product: T x reproduces d.
        for (int a = 0; a < taps; a++) {
            for (int p = 0; p < m; p++) {
                double y = 0;
                for (int b = 0; b < taps; b++) {
                    for (int q = 0; q < m; q++) {
                        int k = a - b;
                        double g = k >= 0 ? gamma[k * m * m + p * m + q] : gamma[-k * m * m + q * m + p];
                        y += g * r.x()[b * m + q];
                    }
                }
                assertEquals(d[a * m + p], y, 1e-9, "row (" + a + ", " + p + ")");
            }
        }
    }
}
