package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Behaviour of the BSSEval v4 pieces against direct computations on small random signals. */
class BssEvalV4Test {

    static final double TOL = 1e-9;

    /** (sources, samples, channels) of smoothed noise, so that the Gram matrix is well conditioned. */
    static double[] noise(SplittableRandom rnd, int sources, int samples, int channels) {
        double[] x = new double[sources * samples * channels];
        for (int j = 0; j < sources; j++) {
            for (int c = 0; c < channels; c++) {
                double prev = 0;
                for (int i = 0; i < samples; i++) {
                    prev = 0.5 * prev + rnd.nextDouble() - 0.5;
                    x[(j * samples + i) * channels + c] = prev;
                }
            }
        }
        return x;
    }

    @Test
    void framingKeepsOnlyFullWindowsOrOneShortWindow() {
        Framing f = new Framing(100, 100, 350);
        assertEquals(3, f.count());
        assertEquals(200, f.start(2));
        assertEquals(300, f.end(2));
        Framing overlap = new Framing(120, 90, 350);
        assertEquals(3, overlap.count()); // floor((350 - 120 + 90) / 90)
        assertEquals(300, overlap.end(2));
        Framing shortTrack = new Framing(1000, 1000, 350);
        assertEquals(1, shortTrack.count());
        assertEquals(0, shortTrack.start(0));
        assertEquals(350, shortTrack.end(0));
        assertEquals(44100, Framing.ofSeconds(1.0, 1.0, 44100, 10).win());
        assertEquals(6615, Framing.ofSeconds(0.15, 0.15, 44100, 10).hop()); // int(0.15 * 44100) = int(6615.0)
        assertThrows(IllegalArgumentException.class, () -> new Framing(0, 1, 10));
    }

    @Test
    void crossCorrelationsEqualDirectSumsWhateverTheChunks() {
        SplittableRandom rnd = new SplittableRandom(7);
        int s = 2;
        int ch = 2;
        int n = 9000;
        int taps = 40;
        double[] x = noise(rnd, s, n, ch);
        double[] e = noise(rnd, s, n, ch);
        for (int chunk : new int[] {n, 1000, 4093, 1}) {
            CrossCorrelations xc = new CrossCorrelations(s, ch, taps);
            for (int from = 0; from < n; from += chunk) {
                int len = Math.min(chunk, n - from);
                xc.add(BssEvalV4.slice(x, s, n, ch, from, len), BssEvalV4.slice(e, s, n, ch, from, len), len);
            }
            xc.finish();
            for (int p = 0; p < s * ch; p++) {
                for (int q = 0; q < s * ch; q++) {
                    for (int k = -(taps - 1); k < taps; k++) {
                        double direct = 0;
                        double directE = 0;
                        for (int i = 0; i < n; i++) {
                            int m = i + k;
                            if (m >= 0 && m < n) {
                                direct += at(x, n, ch, p, m) * at(x, n, ch, q, i);
                                directE += at(x, n, ch, p, m) * at(e, n, ch, q, i);
                            }
                        }
                        if (p <= q) {
                            assertEquals(direct, xc.referenceLags(p, q)[k + taps - 1], TOL * n, "r_" + p + q + "[" + k + "]");
                        }
                        assertEquals(directE, xc.estimateLags(p, q)[k + taps - 1], TOL * n);
                    }
                }
            }
        }
    }

    private static double at(double[] x, int n, int ch, int p, int i) {
        return x[((p / ch) * n + i) * ch + p % ch];
    }

    @Test
    void spatialFiltersRecoverAShortFilterOfTheReference() {
        SplittableRandom rnd = new SplittableRandom(3);
        int s = 2;
        int ch = 2;
        int n = 12000;
        double[] x = noise(rnd, s, n, ch);
        double[] e = new double[x.length];
        // Estimate j, channel c = 0.8 x_j,c[n] + 0.3 x_j,1-c[n - 5]: a spatial error only.
        for (int j = 0; j < s; j++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < ch; c++) {
                    double other = i >= 5 ? x[(j * n + i - 5) * ch + 1 - c] : 0;
                    e[(j * n + i) * ch + c] = 0.8 * x[(j * n + i) * ch + c] + 0.3 * other;
                }
            }
        }
        TrackMetrics m = BssEvalV4.evaluate(x, e, s, n, ch, 4000, 4000);
        double[] own = DistortionFilters.fit(feed(x, e, s, n, ch)).spatial(0);
        // Not exact: the delayed references run L-1 samples past the track's end, where the
        // estimate is zero (as in museval).
        assertEquals(0.8, own[(0 * 512 + 0) * ch + 0], 1e-3);
        assertEquals(0.3, own[(1 * 512 + 5) * ch + 0], 1e-3);
        assertEquals(0.0, own[(1 * 512 + 4) * ch + 0], 1e-3);
        for (int t = 0; t < m.frames(); t++) {
            // Except at the frame edges the projection is the estimate: interference and artifacts
            // are tiny, SIR and SAR high; ISR measures the spatial error, which is large.
            assertTrue(m.value(Metric.SAR, 0, t) > 25, "SAR " + m.value(Metric.SAR, 0, t));
            assertTrue(m.value(Metric.ISR, 0, t) < 15, "ISR " + m.value(Metric.ISR, 0, t));
        }
    }

    private static CrossCorrelations feed(double[] x, double[] e, int s, int n, int ch) {
        CrossCorrelations xc = new CrossCorrelations(s, ch, BssEvalV4.FILTER_TAPS);
        xc.add(x, e, n);
        return xc.finish();
    }

    @Test
    void halvedEstimateHasSdrOfSixDecibelsAndExactEstimateInfinite() {
        SplittableRandom rnd = new SplittableRandom(5);
        int s = 2;
        int ch = 1;
        int n = 8000;
        double[] x = noise(rnd, s, n, ch);
        double[] e = x.clone();
        for (int i = 0; i < n; i++) {
            e[i] *= 0.5;
        }
        TrackMetrics m = BssEvalV4.evaluate(x, e, s, n, ch, 4000, 4000);
        for (int t = 0; t < 2; t++) {
            assertEquals(10 * Math.log10(4), m.value(Metric.SDR, 0, t), 1e-12);
            assertEquals(Double.POSITIVE_INFINITY, m.value(Metric.SDR, 1, t));
        }
        assertEquals(10 * Math.log10(4), m.globalSdr()[0], 1e-7); // up to the 1e-7 regulariser
        assertTrue(Double.isNaN(m.quantizedMedian(Metric.SDR, 1)), "museval writes infinities as NaN");
    }

    @Test
    void silentSourceInAFrameMakesEveryMetricOfEverySourceNaN() {
        SplittableRandom rnd = new SplittableRandom(9);
        int s = 3;
        int ch = 2;
        int n = 9000;
        double[] x = noise(rnd, s, n, ch);
        double[] e = noise(rnd, s, n, ch);
        // Estimate 2 silent over the second frame; reference 1 has left == -right in the third
        // (channel sum 0: silent by museval's rule).
        for (int i = 3000; i < 6000; i++) {
            e[(2 * n + i) * ch] = 0;
            e[(2 * n + i) * ch + 1] = 0;
        }
        for (int i = 6000; i < 9000; i++) {
            x[(n + i) * ch + 1] = -x[(n + i) * ch];
        }
        TrackMetrics m = BssEvalV4.evaluate(x, e, s, n, ch, 3000, 3000);
        for (Metric metric : Metric.values()) {
            for (int j = 0; j < s; j++) {
                assertTrue(Double.isFinite(m.value(metric, j, 0)));
                assertTrue(Double.isNaN(m.value(metric, j, 1)), metric + " source " + j);
                assertTrue(Double.isNaN(m.value(metric, j, 2)), metric + " source " + j);
            }
        }
    }

    @Test
    void sourceSilentOverTheWholeTrackIsRefused() {
        SplittableRandom rnd = new SplittableRandom(13);
        double[] x = noise(rnd, 2, 3000, 1);
        double[] e = noise(rnd, 2, 3000, 1);
        java.util.Arrays.fill(x, 3000, 6000, 0.0);
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> BssEvalV4.evaluate(x, e, 2, 3000, 1, 1000, 1000));
        assertTrue(ex.getMessage().contains("reference source 1 is silent"), ex.getMessage());
        double[] x2 = noise(rnd, 2, 3000, 1);
        java.util.Arrays.fill(e, 0, 3000, 0.0);
        ex = assertThrows(IllegalArgumentException.class, () -> BssEvalV4.evaluate(x2, e, 2, 3000, 1, 1000, 1000));
        assertTrue(ex.getMessage().contains("estimate 0 is silent"), ex.getMessage());
    }

    @Test
    void nonFiniteInputIsRefusedWithItsIndex() {
        double[] x = noise(new SplittableRandom(1), 1, 100, 2);
        double[] e = x.clone();
        e[2 * 17 + 1] = Double.NaN;
        IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
                () -> BssEvalV4.evaluate(x, e, 1, 100, 2, 50, 50));
        assertTrue(ex.getMessage().contains("estimates has a non-finite value NaN at (0, 17, 1)"), ex.getMessage());
    }

    @Test
    void globalSdrFollowsTheMdxDefinition() {
        double[] s = {1, 2, 3, 4};
        double[] e = {1, 2, 3, 3};
        double[] v = GlobalSdr.of(s, e, 1, 2, 2);
        assertEquals(10 * Math.log10((30 + 1e-7) / (1 + 1e-7)), v[0], 1e-12);
        GlobalSdr chunks = new GlobalSdr(1, 2).add(new double[] {1, 2}, new double[] {1, 2}, 1)
                .merge(new GlobalSdr(1, 2).add(new double[] {3, 4}, new double[] {3, 3}, 1));
        assertEquals(v[0], chunks.values()[0], 1e-12);
    }

    @Test
    void identicalChannelsAreSolvedAsOneWithTheSameMetricsAsTheFullSystem() {
        SplittableRandom rnd = new SplittableRandom(17);
        int s = 2;
        int ch = 2;
        int n = 6000;
        double[] x = noise(rnd, s, n, ch);
        double[] e = noise(rnd, s, n, ch);
        for (int i = 0; i < n; i++) {
            x[(n + i) * ch + 1] = x[(n + i) * ch]; // source 1: mono stored as stereo
            e[i * ch] += 3 * x[i * ch];
            e[(n + i) * ch] += 2 * x[(n + i) * ch];
        }
        CrossCorrelations xc = new CrossCorrelations(s, ch, 48);
        xc.add(x, e, n);
        xc.finish();
        assertTrue(xc.identicalChannels(2, 3));
        assertTrue(!xc.identicalChannels(0, 1));
        DistortionFilters merged = DistortionFilters.fit(xc);
        DistortionFilters full = DistortionFilters.fit(xc, false);
        assertEquals("levinson", merged.solver());
        // The full system is singular: the recursion loses positive definiteness, and so does Cholesky.
        assertTrue(DistortionFilters.rank(full.solver()) > DistortionFilters.rank("cholesky"),
                "the full system is singular: " + full.solver());
        // Both solve the system; they differ only in the null space, which the projections cancel.
        BssEvalV4 a = new BssEvalV4(merged);
        BssEvalV4 b = new BssEvalV4(full);
        for (int from = 0; from < n; from += 2000) {
            double[] r = BssEvalV4.slice(x, s, n, ch, from, 2000);
            double[] est = BssEvalV4.slice(e, s, n, ch, from, 2000);
            double[] ma = a.scoreFrame(r, est, 2000);
            double[] mb = b.scoreFrame(r, est, 2000);
            for (int k = 0; k < ma.length; k++) {
                assertEquals(mb[k], ma[k], 1e-6, "metric " + k);
            }
        }
    }

    @Test
    void padOrTruncateCutsLongAndZeroPadsShortEstimates() {
        double[] est = {1, 2, 3, 4, 5, 6}; // 3 stereo samples
        assertArrayEquals(new double[] {1, 2, 3, 4}, PadOrTruncate.align(est, 2, 2));
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 6, 0, 0}, PadOrTruncate.align(est, 2, 4));
        assertEquals(1, PadOrTruncate.available(3, 2, 5));
        assertEquals(0, PadOrTruncate.available(3, 7, 5));
        assertEquals("bass: estimate 2 samples shorter than the reference, zero-padded",
                PadOrTruncate.note("bass", 3, 5));
        assertEquals(null, PadOrTruncate.note("bass", 5, 5));
    }
}
