package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import java.util.Random;
import org.junit.jupiter.api.Test;

class SmoothTest {

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], OF_PEAK * Math.max(scale, 1e-300), "index " + i);
        }
    }

    @Test
    void matchesScipyWhenRadiusExceedsBothAxes() {
        // scipy 1.17.1: gaussian_filter(a, sigma=2, truncate=2) -> radius 4 on axes of length 3 and 4
        double[] a = {0.25, 2, 3, 4, 5, 6, -3.5, 8, 9, 10, 11, 12};
        double[] expected = {4.874822886473572, 5.002956804776156, 5.290557616446445, 5.456257562098914,
                5.281092862314812, 5.403628287677559, 5.684855400449637, 5.846050634268112,
                5.706225296305995, 5.828315569740932, 6.107347953549882, 6.267889125898002};
        RealTensor out = Smooth.apply(new RealTensor(new int[] {3, 4}, a), 2, false);
        assertArrayEquals(new int[] {3, 4}, out.shape());
        assertClose(expected, out.data());
    }

    @Test
    void matchesScipyAllAxesWidthOne() {
        // scipy 1.17.1: gaussian_filter(np.arange(6.).reshape(2, 3)**2, sigma=1, truncate=1)
        double[] b = {0, 1, 4, 9, 16, 25};
        double[] expected = {3.191367838336639, 5.659166524040349, 8.482553495376877,
                8.001181114152939, 12.43710795220444, 17.228623075888763};
        assertClose(expected, Smooth.apply(new RealTensor(new int[] {2, 3}, b), 1, false).data());
    }

    @Test
    void temporalMatchesScipyGaussianFilter1d() {
        // scipy 1.17.1: gaussian_filter1d([3, -1, 4, 1, -5], sigma=1) (truncate 4 -> radius 4)
        double[] x = {3, -1, 4, 1, -5};
        double[] expected = {1.8643706672453053, 1.4840961595781226, 1.4789278993429196,
                -0.14831047997230112, -2.6790842461940465};
        assertClose(expected, Smooth.apply(new RealTensor(new int[] {5}, x), 1, true).data());
    }

    @Test
    void temporalBlursFramesOnly() {
        // scipy 1.17.1: gaussian_filter1d([[1, 0], [0, 2], [5, -1]], sigma=0.7, axis=0)
        double[] c = {1, 0, 0, 2, 5, -1};
        double[] expected = {0.8239253367967262, 0.4203011868340958, 1.2901115006855224,
                0.9249070827620649, 3.8859631625177515, -0.3452082695961606};
        assertClose(expected, Smooth.apply(new RealTensor(new int[] {3, 2}, c), 0.7, true).data());
    }

    @Test
    void smoothOfConstantIsConstant() {
        double[] data = new double[4 * 5 * 2 * 3];
        java.util.Arrays.fill(data, 2.5);
        RealTensor v = new RealTensor(new int[] {4, 5, 2, 3}, data);
        for (double width : new double[] {0.3, 1, 2.5, 10}) {
            for (boolean temporal : new boolean[] {false, true}) {
                for (double y : Smooth.apply(v, width, temporal).data()) {
                    assertEquals(2.5, y, 2.5 * OF_PEAK, "width " + width + " temporal " + temporal);
                }
            }
        }
    }

    @Test
    void reflectModeRepeatsEdgeSample() {
        // sigma 0.25, truncate 4 -> radius 1; taps w1, w0, w1 with w1 / w0 = exp(-8)
        double e = Math.exp(-8);
        double w0 = 1 / (1 + 2 * e);
        double w1 = e / (1 + 2 * e);
        double[] out = Smooth.apply(new RealTensor(new int[] {4}, new double[] {1, 0, 0, 0}), 0.25, true).data();
        // out[0] = w1 * x[-1] + w0 * x[0] + w1 * x[1], with x[-1] = x[0] (not x[1] as in 'mirror')
        assertEquals(w0 + w1, out[0], OF_PEAK);
        assertEquals(w1, out[1], OF_PEAK);
        assertEquals(0, out[2], OF_PEAK);
    }

    @Test
    void axisOfLengthOneIsLeftAsIs() {
        double[] data = {1, -2, 7};
        RealTensor v = new RealTensor(new int[] {1, 3}, data);
        assertClose(data, Smooth.apply(v, 3, true).data());
    }

    @Test
    void kernelWiderThanAxisKeepsMirroring() {
        Random rnd = new Random(17);
        // short axis (n = 3, radius 7, taps summed per sample), and a long one (n = 600,
        // radius 800, index map wrapping around more than once)
        int[][] cases = {{3, 7}, {5, 13}, {600, 800}};
        for (int[] cs : cases) {
            int n = cs[0];
            double sigma = cs[1] / 4.0;
            double[] x = new double[n];
            for (int i = 0; i < n; i++) {
                x[i] = rnd.nextGaussian();
            }
            double[] actual = Smooth.apply(new RealTensor(new int[] {n}, x), sigma, true).data();
            assertClose(naiveReflectBlur(x, sigma, cs[1]), actual);
        }
    }

    /** Direct sum over the periodic mirror x0..x(n-1) x(n-1)..x0 x0.. of the normalised kernel. */
    private static double[] naiveReflectBlur(double[] x, double sigma, int radius) {
        int n = x.length;
        double[] period = new double[2 * n];
        for (int i = 0; i < n; i++) {
            period[i] = x[i];
            period[2 * n - 1 - i] = x[i];
        }
        double[] w = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            w[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += w[k + radius];
        }
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            for (int k = -radius; k <= radius; k++) {
                y[i] += w[k + radius] / sum * period[Math.floorMod(i + k, 2 * n)];
            }
        }
        return y;
    }

    @Test
    void allAxesBlurIsSeparable() {
        Random rnd = new Random(3);
        int[] shape = {6, 7, 2, 3};
        double[] data = new double[6 * 7 * 2 * 3];
        for (int i = 0; i < data.length; i++) {
            data[i] = rnd.nextDouble();
        }
        RealTensor out = Smooth.apply(new RealTensor(shape, data), 1.5, false);
        // radius (int) (1.5 * 1.5 + 0.5) = 2 on every axis, checked line by line with the naive blur
        double[] expected = data.clone();
        for (int axis = 0; axis < 4; axis++) {
            int inner = 1;
            for (int a = axis + 1; a < 4; a++) {
                inner *= shape[a];
            }
            int n = shape[axis];
            double[] next = new double[expected.length];
            for (int start = 0; start < expected.length; start++) {
                if ((start / inner) % n != 0) {
                    continue;
                }
                double[] line = new double[n];
                for (int i = 0; i < n; i++) {
                    line[i] = expected[start + i * inner];
                }
                double[] blurred = naiveReflectBlur(line, 1.5, 2);
                for (int i = 0; i < n; i++) {
                    next[start + i * inner] = blurred[i];
                }
            }
            expected = next;
        }
        assertClose(expected, out.data());
    }

    @Test
    void inputsAreNotModified() {
        double[] data = {1, 2, 3, 4, 5, 6};
        RealTensor v = new RealTensor(new int[] {2, 3}, data.clone());
        Smooth.apply(v, 1, false);
        Smooth.apply(v, 1, true);
        assertArrayEquals(data, v.data());
    }

    @Test
    void nonPositiveWidthIsRejected() {
        RealTensor v = RealTensor.zeros(2, 2);
        for (double width : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Smooth.apply(v, width, false));
            assertTrue(e.getMessage().contains("width"), e.getMessage());
        }
    }

    @Test
    void nonFiniteValueIsRejected() {
        RealTensor v = new RealTensor(new int[] {2, 2}, new double[] {1, Double.NaN, 0, 0});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Smooth.apply(v, 1, true));
        assertTrue(e.getMessage().startsWith("v [2, 2]"), e.getMessage());
    }

    @Test
    void temporalBlurOfScalarIsRejected() {
        RealTensor v = new RealTensor(new int[0], new double[] {1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Smooth.apply(v, 1, true));
        assertTrue(e.getMessage().contains("v must have shape"), e.getMessage());
        assertEquals(1, Smooth.apply(v, 1, false).data()[0]);
    }
}
