package org.wienerspark.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The paired Wilcoxon signed-rank test against independent computations: an exact enumeration of
 * the 2^n sign assignments written here, and scipy 1.17.1's {@code scipy.stats.wilcoxon} values
 * pinned with the call that computed them.
 */
public class SignedRankTestTest {

    /**
     * Two-sided exact p-value by enumeration: under the null hypothesis each rank is positive or
     * negative with probability 1/2; p = P(|W+ - n(n+1)/4| >= |w - n(n+1)/4|). Differences must be
     * nonzero with distinct magnitudes.
     */
    public static double exactByEnumeration(double[] x, double[] y) {
        int n = x.length;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            d[i] = y[i] - x[i];
        }
        int[] rank = new int[n];
        for (int i = 0; i < n; i++) {
            int r = 1;
            for (int j = 0; j < n; j++) {
                if (Math.abs(d[j]) < Math.abs(d[i])) {
                    r++;
                }
            }
            rank[i] = r;
        }
        int w = 0;
        for (int i = 0; i < n; i++) {
            if (d[i] > 0) {
                w += rank[i];
            }
        }
        double mean = n * (n + 1) / 4.0;
        double observed = Math.abs(w - mean);
        long extreme = 0;
        for (long mask = 0; mask < (1L << n); mask++) {
            int s = 0;
            for (int k = 0; k < n; k++) {
                if ((mask & (1L << k)) != 0) {
                    s += k + 1;
                }
            }
            if (Math.abs(s - mean) >= observed - 1e-9) {
                extreme++;
            }
        }
        return (double) extreme / (1L << n);
    }

    @Test
    void exactPValueEqualsEnumerationOfSignAssignments() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int n : new int[]{1, 2, 3, 5, 8, 13, 18}) {
            for (int rep = 0; rep < 4; rep++) {
                double[] x = new double[n];
                double[] y = new double[n];
                for (int i = 0; i < n; i++) {
                    x[i] = 5 + 3 * rnd.nextDouble();
                    y[i] = x[i] + (rnd.nextDouble() - 0.3 - 0.1 * rep) * 2;
                }
                SignedRankTest.Result r = SignedRankTest.test(x, y);
                assertTrue(r.exact());
                assertEquals(n, r.n());
                assertEquals(exactByEnumeration(x, y), r.p(), 1e-12, "n=" + n + " rep=" + rep);
            }
        }
    }

    @Test
    void exactPValueIsAtMostOne() {
        // Rank sums 3 and 3 (commons-math3 alone says 1.25).
        SignedRankTest.Result r = SignedRankTest.test(new double[]{0, 0, 0}, new double[]{1, 2, -3});
        assertEquals(1.0, r.p(), 0);
    }

    @Test
    void largeSamplesUseTheNormalApproximationAsScipy() {
        double[] x = new double[40];
        double[] y = new double[40];
        for (int i = 1; i <= 40; i++) {
            x[i - 1] = i;
            y[i - 1] = i + (((i * 37) % 83 - 30) + i * 0.001);
        }
        // x = [float(i) for i in range(1, 41)]; y = [a + ((i*37) % 83 - 30) + i*0.001 ...]
        // scipy.stats.wilcoxon(x, y, method='approx').pvalue (correction=False, zero_method='wilcox')
        SignedRankTest.Result r = SignedRankTest.test(x, y);
        assertFalse(r.exact());
        assertEquals(0.011505333027757155, r.p(), 1e-12);
    }

    @Test
    void tiesUseTheNormalApproximationWithScipysTieCorrection() {
        double[] d = {1, 1, -2, 3, 3, 3, -4, 5, 6, -7, 8, 9};
        double[] x = new double[d.length];
        double[] y = new double[d.length];
        for (int i = 0; i < d.length; i++) {
            x[i] = 10;
            y[i] = 10 + d[i];
        }
        // scipy.stats.wilcoxon([10.0]*12, [10.0 + v for v in d], method='approx').pvalue
        SignedRankTest.Result r = SignedRankTest.test(x, y);
        assertFalse(r.exact());
        assertEquals(0.1353437010448462, r.p(), 1e-12);
    }

    @Test
    void zeroDifferencesAreDropped() {
        double[] x = {1, 2, 3, 4, 5, 6, 7};
        double[] y = {1.5, 2, 2.2, 5, 5, 8.5, 9};
        SignedRankTest.Result r = SignedRankTest.test(x, y);
        assertEquals(5, r.n());
        assertEquals(2, r.zeros());
        assertEquals(exactByEnumeration(new double[]{1, 3, 4, 6, 7}, new double[]{1.5, 2.2, 5, 8.5, 9}), r.p(), 1e-12);
        SignedRankTest.Result same = SignedRankTest.test(x, x.clone());
        assertEquals(1.0, same.p(), 0);
        assertTrue(Double.isNaN(SignedRankTest.test(new double[0], new double[0]).p()));
    }

    @Test
    void holmStepDownAdjustment() {
        // Sorted: 0.01 x 4 = 0.04, 0.02 x 3 = 0.06, 0.03 x 2 = 0.06 (monotone), 0.5 x 1 = 0.5.
        double[] p = {0.03, 0.5, 0.01, Double.NaN, 0.02};
        assertArrayEquals(new double[]{0.06, 0.5, 0.04, Double.NaN, 0.06}, SignedRankTest.holm(p), 1e-15);
        assertArrayEquals(new double[]{1.0, 1.0}, SignedRankTest.holm(new double[]{0.6, 0.7}), 0);
    }
}
