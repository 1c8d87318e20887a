package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import org.junit.jupiter.api.Test;

class CompressFilterTest {

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], OF_PEAK * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }

    @Test
    void logisticIsOneHalfAtThreshold() {
        assertEquals(0.5, Logistic.logistic(0.6, 0.6, 15), 0);
        assertEquals(1 / (1 + Math.exp(-15 * 0.3)), Logistic.logistic(0.9, 0.6, 15), 0);
        assertEquals(0, Logistic.logistic(-1e3, 0.6, 15), 0);
        assertEquals(1, Logistic.logistic(1e3, 0.6, 15), 0);
    }

    @Test
    void compressFilterOneChannelIsElementwiseLogistic() {
        double[] w = {0.1, 0.45, 0.6, 0.95, -2, 3};
        RealTensor out = CompressFilter.apply(new RealTensor(new int[] {6, 1, 1}, w), 0.4, 10);
        for (int i = 0; i < w.length; i++) {
            assertEquals(1 / (1 + Math.exp(-10 * (w[i] - 0.4))), out.data()[i], 0, "index " + i);
        }
        // a complex filter with real values gives the same, with zero imaginary parts
        double[] wc = new double[2 * w.length];
        for (int i = 0; i < w.length; i++) {
            wc[2 * i] = w[i];
        }
        double[] outc = CompressFilter.apply(new ComplexTensor(new int[] {6, 1, 1}, wc), 0.4, 10).data();
        for (int i = 0; i < w.length; i++) {
            assertEquals(out.data()[i], outc[2 * i], OF_PEAK);
            assertEquals(0, outc[2 * i + 1], 0);
        }
    }

    @Test
    void oneChannelComplexLogisticMatchesNumpy() {
        // numpy 2.4.6: norbert.contrib.compress_filter(W, 0.5, 8), W = [0.3+0.2j, 0.9-0.4j, 0.6+0j] as (3, 1, 1)
        double[] w = {0.3, 0.2, 0.9, -0.4, 0.6, 0};
        double[] expected = {0.033885211929856045, 0.19612827219467488, 1.042412418598036,
                0.002585592051094277, 0.6899744811276125, 0.0};
        assertClose(expected, CompressFilter.apply(new ComplexTensor(new int[] {3, 1, 1}, w), 0.5, 8).data());
    }

    @Test
    void multichannelComplexFilterUsesComplexTrace() {
        // numpy 2.4.6: norbert.contrib.compress_filter(W, 0.6, 15), W = [[0.7+0.1j, 0.2-0.3j], [-0.1+0.05j, 0.15-0.2j]]
        double[] w = {0.7, 0.1, 0.2, -0.3, -0.1, 0.05, 0.15, -0.2};
        double[] expected = {0.8018161482341365, 0.19247422778819911, 0.26493769739408163, -0.326491098074299,
                -0.12155877977137568, 0.047141803728606414, 0.19597575581414495, -0.2158423872285885};
        assertClose(expected, CompressFilter.apply(new ComplexTensor(new int[] {1, 2, 2}, w)).data());
    }

    @Test
    void multichannelRealFilterIsScaledByCompressedTraceOverTrace() {
        double[] w = {0.7, 0.2, -0.1, 0.15};
        double trace = 0.85;
        double factor = Logistic.logistic(trace, 0.6, 15) / (Tensors.DOUBLE_EPS + trace);
        double[] out = CompressFilter.apply(new RealTensor(new int[] {1, 2, 2}, w)).data();
        for (int i = 0; i < 4; i++) {
            assertEquals(w[i] * factor, out[i], 0);
        }
        // numpy 2.4.6: norbert.contrib.compress_filter(W, 0.6, 15)
        assertClose(new double[] {0.8046068718388022, 0.22988767766822923, -0.11494383883411462,
            0.17241575825117192}, out);
    }

    @Test
    void overflowingComplexLogisticGivesItsLimitZero() {
        // exp(-15 (g - 0.6)) overflows for a trace g = -100 + 0.5i; the logistic tends to 0
        double[] w = {-50, 0.25, 1, 0, 1, 0, -50, 0.25};
        double[] out = CompressFilter.apply(new ComplexTensor(new int[] {2, 2}, w)).data();
        for (double y : out) {
            assertEquals(0, y, 0);
        }
        double[] real = CompressFilter.apply(new ComplexTensor(new int[] {1, 1}, new double[] {-1000, 0})).data();
        assertEquals(0, real[0], 0);
        assertEquals(0, real[1], 0);
    }

    @Test
    void inputsAreNotModified() {
        double[] w = {0.7, 0.1, 0.2, -0.3, -0.1, 0.05, 0.15, -0.2};
        ComplexTensor wc = new ComplexTensor(new int[] {1, 2, 2}, w.clone());
        CompressFilter.apply(wc);
        assertArrayEquals(w, wc.data());
        double[] wr = {0.7, 0.2, -0.1, 0.15};
        RealTensor r = new RealTensor(new int[] {2, 2}, wr.clone());
        CompressFilter.apply(r);
        assertArrayEquals(wr, r.data());
    }

    @Test
    void nonSquareFilterIsRejectedWithItsShape() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompressFilter.apply(ComplexTensor.zeros(4, 2, 3)));
        assertTrue(e.getMessage().contains("W must have shape") && e.getMessage().contains("[4, 2, 3]"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CompressFilter.apply(RealTensor.zeros(3)));
    }

    @Test
    void nonFiniteFilterIsRejected() {
        RealTensor w = new RealTensor(new int[] {1, 1}, new double[] {Double.POSITIVE_INFINITY});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CompressFilter.apply(w));
        assertTrue(e.getMessage().startsWith("W [1, 1]"), e.getMessage());
    }
}
