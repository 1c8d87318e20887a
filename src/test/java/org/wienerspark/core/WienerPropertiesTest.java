package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.core.CoreTestData.complex;
import static org.wienerspark.core.CoreTestData.magnitudes;
import static org.wienerspark.core.CoreTestData.maxAbs;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Properties of softmask, wiener and EM beyond the golden cases: channels 1-3, sources 1/2/4. */
class WienerPropertiesTest {

    @ParameterizedTest(name = "channels={0} sources={1} monoV={2}")
    @CsvSource({"1,1,false", "1,2,false", "2,4,false", "2,2,true", "3,4,false", "3,1,true"})
    void softMaskEstimatesSumToMaskedMixture(int c, int s, boolean monoV) {
        ComplexTensor x = complex(1, 3.0, 7, 9, c);
        RealTensor v = magnitudes(2, 2.0, 7, 9, monoV ? 1 : c, s);
        double eps = 1e-3;
        ComplexTensor y = Wiener.apply(v, x, 0, true, eps);
        int cv = monoV ? 1 : c;
        for (int tf = 0; tf < 7 * 9; tf++) {
            for (int ch = 0; ch < c; ch++) {
                double total = 0;
                for (int j = 0; j < s; j++) {
                    total += v.data()[(tf * cv + (monoV ? 0 : ch)) * s + j];
                }
                double gain = total / (eps + total);
                double re = 0;
                double im = 0;
                for (int j = 0; j < s; j++) {
                    re += y.data()[2 * ((tf * c + ch) * s + j)];
                    im += y.data()[2 * ((tf * c + ch) * s + j) + 1];
                }
                assertEquals(gain * x.data()[2 * (tf * c + ch)], re, OF_PEAK * 10);
                assertEquals(gain * x.data()[2 * (tf * c + ch) + 1], im, OF_PEAK * 10);
            }
        }
    }

    @ParameterizedTest(name = "channels={0} sources={1} iterations={2}")
    @CsvSource({"1,1,1", "1,2,3", "2,1,2", "2,4,1", "3,2,2", "3,4,1"})
    void emKeepsShapesAndLeavesInputsUnchanged(int c, int s, int iterations) {
        ComplexTensor x = complex(3, 25.0, 6, 5, c);
        ComplexTensor y0 = SoftMask.apply(magnitudes(4, 1.0, 6, 5, c, s), x);
        ComplexTensor xCopy = x.copy();
        ComplexTensor yCopy = y0.copy();
        ExpectationMaximization.Result r = ExpectationMaximization.apply(y0, x, iterations);
        assertArrayEquals(new int[] {6, 5, c, s}, r.y().shape());
        assertArrayEquals(new int[] {6, 5, s}, r.v().shape());
        assertArrayEquals(new int[] {5, c, c, s}, r.r().shape());
        assertEquals(xCopy, x);
        assertEquals(yCopy, y0);
        assertTrue(java.util.Arrays.stream(r.y().data()).allMatch(Double::isFinite));
    }

    @ParameterizedTest(name = "channels={0} sources={1}")
    @CsvSource({"1,2", "2,4", "3,2"})
    void wienerLeavesInputsUnchanged(int c, int s) {
        // A loud mixture, so the reference's in-place rescaling of x would apply.
        ComplexTensor x = complex(5, 100.0, 5, 4, c);
        RealTensor v = magnitudes(6, 30.0, 5, 4, c, s);
        ComplexTensor xCopy = x.copy();
        RealTensor vCopy = v.copy();
        for (boolean sm : new boolean[] {true, false}) {
            Wiener.apply(v, x, 2, sm, Tensors.DOUBLE_EPS);
        }
        assertEquals(xCopy, x);
        assertEquals(vCopy, v);
    }

    @Test
    void silentSourcesGiveZerosNotNaN() {
        int c = 2;
        int s = 3;
        ComplexTensor x = complex(7, 20.0, 8, 6, c);
        RealTensor v = magnitudes(8, 5.0, 8, 6, c, s);
        // Source 1 is silent everywhere, and every source is silent in frame 3 (with x too).
        for (int tf = 0; tf < 8 * 6; tf++) {
            for (int ch = 0; ch < c; ch++) {
                v.data()[(tf * c + ch) * s + 1] = 0;
            }
        }
        for (int i = 3 * 6 * c * s; i < 4 * 6 * c * s; i++) {
            v.data()[i] = 0;
        }
        for (int i = 2 * 3 * 6 * c; i < 2 * 4 * 6 * c; i++) {
            x.data()[i] = 0;
        }
        for (int iterations : new int[] {0, 1, 3}) {
            for (boolean sm : new boolean[] {true, false}) {
                ComplexTensor y = Wiener.apply(v, x, iterations, sm, Tensors.DOUBLE_EPS);
                for (int tf = 0; tf < 8 * 6; tf++) {
                    for (int ch = 0; ch < c; ch++) {
                        int p = 2 * ((tf * c + ch) * s + 1);
                        assertEquals(0.0, y.data()[p], 0.0, "silent source, iterations " + iterations);
                        assertEquals(0.0, y.data()[p + 1], 0.0);
                    }
                }
                assertTrue(java.util.Arrays.stream(y.data()).allMatch(Double::isFinite));
            }
        }
    }

    @Test
    void emWithoutIterationsReturnsTheInitialEstimates() {
        ComplexTensor x = complex(9, 1.0, 4, 3, 2);
        ComplexTensor y0 = complex(10, 1.0, 4, 3, 2, 2);
        ExpectationMaximization.Result r = ExpectationMaximization.apply(y0, x, 0);
        assertEquals(y0, r.y());
        assertEquals(0.0, maxAbs(r.v().data()));
        assertEquals(0.0, maxAbs(r.r().data()));
    }

    @Test
    void emIterationIsOneAggregationAndOneMapOverBlocks() {
        // The distributed form: statistics summed over frame blocks, then the map per block,
        // gives the whole-track result.
        int frames = 11, bins = 5, c = 2, s = 3;
        ComplexTensor x = complex(11, 4.0, frames, bins, c);
        ComplexTensor y = SoftMask.apply(magnitudes(12, 1.0, frames, bins, c, s), x);
        double eps = 1e-6;
        double[] whole = ExpectationMaximization.apply(y, x, 1, eps).y().data();

        int[] blockStarts = {0, 4, 5, 9};
        SpatialCovariance total = new SpatialCovariance(bins, c, s);
        int frameDoubles = 2 * bins * c * s;
        for (int b = 0; b < blockStarts.length; b++) {
            int start = blockStarts[b];
            int end = b + 1 < blockStarts.length ? blockStarts[b + 1] : frames;
            total.merge(new SpatialCovariance(bins, c, s).add(y.data(), start * frameDoubles, end - start));
        }
        double[] r = total.covariances(eps);
        double[] blocked = new double[whole.length];
        PosteriorMean sep = new PosteriorMean(c, s);
        for (int b = 0; b < blockStarts.length; b++) {
            int start = blockStarts[b];
            int end = b + 1 < blockStarts.length ? blockStarts[b + 1] : frames;
            sep.separate(r, bins, eps, x.data(), 2 * start * bins * c, y.data(), start * frameDoubles, blocked,
                    start * frameDoubles, null, 0, end - start);
        }
        double scale = maxAbs(whole);
        for (int i = 0; i < whole.length; i++) {
            assertEquals(whole[i], blocked[i], OF_PEAK * scale);
        }
    }

    @ParameterizedTest(name = "channels={0} sources={1}")
    @CsvSource({"1,2", "2,4", "3,3"})
    void mapFromPsdEqualsMapFromEstimatesToTheBit(int c, int s) {
        // Between EM iterations the job keeps v = mean_c |y|^2, not y: the map from v must be the
        // map from y, bit for bit, and v the same whether the statistics or psd compute it.
        int frames = 6, bins = 7;
        ComplexTensor x = complex(21, 3.0, frames, bins, c);
        double[] y = SoftMask.apply(magnitudes(22, 2.0, frames, bins, c, s), x).data();
        double eps = 1e-6;
        double[] vStats = new double[frames * bins * s];
        SpatialCovariance stats = new SpatialCovariance(bins, c, s);
        stats.add(y, 0, frames, vStats, 0);
        double[] r = stats.covariances(eps);
        double[] v = new double[frames * bins * s];
        LocalGaussianModel.powerSpectralDensity(y, 0, frames * bins, c, s, v, 0);
        assertArrayEquals(vStats, v, 0.0);

        PosteriorMean sep = new PosteriorMean(c, s);
        double[] fromY = new double[y.length];
        double[] vUsed = new double[v.length];
        sep.separate(r, bins, eps, x.data(), 0, y, 0, fromY, 0, vUsed, 0, frames);
        assertArrayEquals(v, vUsed, 0.0);
        // From frame 2 on, to check the offsets too.
        int t0 = 2;
        double[] fromV = new double[y.length];
        sep.separateFromPsd(r, bins, eps, x.data(), 2 * t0 * bins * c, v, t0 * bins * s, fromV, 2 * t0 * bins * c * s,
                frames - t0);
        for (int i = 2 * t0 * bins * c * s; i < y.length; i++) {
            assertEquals(fromY[i], fromV[i], 0.0, "element " + i);
        }
    }

    @Test
    void badShapesAndValuesAreRejectedWithTheArgumentNamed() {
        ComplexTensor x = complex(13, 1.0, 4, 3, 2);
        RealTensor wrongBins = magnitudes(14, 1.0, 4, 2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SoftMask.apply(wrongBins, x));
        assertTrue(e.getMessage().startsWith("v must have shape"), e.getMessage());
        assertTrue(e.getMessage().contains("[4, 2, 2, 2]"), e.getMessage());

        RealTensor v = magnitudes(15, 1.0, 4, 3, 2, 2);
        ComplexTensor bad = x.copy();
        bad.data()[2 * ((2 * 3 + 1) * 2 + 1) + 1] = Double.NaN;
        e = assertThrows(IllegalArgumentException.class, () -> Wiener.apply(v, bad));
        assertEquals("x [4, 3, 2] has a non-finite imaginary part NaN at index [2, 1, 1]", e.getMessage());

        assertThrows(IllegalArgumentException.class, () -> Wiener.apply(v, x, -1, true, 1e-3));
        assertThrows(IllegalArgumentException.class, () -> Wiener.apply(v, x, 1, true, -1));
        e = assertThrows(IllegalArgumentException.class,
                () -> ExpectationMaximization.apply(complex(16, 1.0, 4, 3, 3, 2), x, 1));
        assertTrue(e.getMessage().startsWith("y must have shape"), e.getMessage());
    }
}
