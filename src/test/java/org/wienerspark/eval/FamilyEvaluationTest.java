package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The family's framing, permutation, silence and improvement rules on small signals. */
class FamilyEvaluationTest {

    private static final int S = 2;
    private static final int CH = 2;
    private static final int N = 6000;

    /** References and estimates that leak 20% of the other source. */
    private static double[][] pair(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = BssEvalV4Test.noise(rnd, S, N, CH);
        double[] e = new double[x.length];
        for (int j = 0; j < S; j++) {
            for (int i = 0; i < N * CH; i++) {
                e[j * N * CH + i] = x[j * N * CH + i] + 0.2 * x[(1 - j) * N * CH + i] + 0.01 * (rnd.nextDouble() - 0.5);
            }
        }
        return new double[][] {x, e};
    }

    private static double[] swapped(double[] e) {
        double[] out = new double[e.length];
        System.arraycopy(e, N * CH, out, 0, N * CH);
        System.arraycopy(e, 0, out, N * CH, N * CH);
        return out;
    }

    @Test
    void eachSetFramesAsItsReference() {
        // floor((1400 - 1000 + 500) / 500) = 1 window: museval scores it, mir_eval the whole signal.
        assertArrayEquals(new int[] {1000}, Frames.museval(1000, 500, 1400).ends());
        assertArrayEquals(new int[] {1400}, Frames.mirEval(1000, 500, 1400).ends());
        assertArrayEquals(new int[] {0, 500, 1000}, Frames.mirEval(1000, 500, 2100).starts());
        assertEquals(Frames.full(1400), EvalWindow.full().frames(MetricSet.V3, 1400));
        assertEquals(Frames.full(1400), EvalWindow.samples(100, 100).frames(MetricSet.SDR, 1400));
        assertEquals(Frames.mirEval(300, 200, 1400), EvalWindow.samples(300, 200).frames(MetricSet.SOURCES, 1400));
        assertEquals(44100, EvalWindow.seconds(1.0, 1.0, 44100).win());
    }

    @Test
    void permutationSearchKeepsNumpysArgmax() {
        // Ties: the first candidate in itertools order (the identity).
        assertArrayEquals(new int[] {0, 1, 2}, Permutations.best(new double[9], 3));
        // A NaN mean wins where numpy's argmax finds it first.
        assertArrayEquals(new int[] {1, 0}, Permutations.best(new double[] {1, Double.NaN, 0, 1}, 2));
        assertArrayEquals(new int[] {2, 0, 1}, Permutations.best(new double[] {0, 0, 9, 9, 0, 0, 0, 9, 0}, 3));
        assertThrows(IllegalArgumentException.class, () -> Permutations.best(new double[121], 11));
    }

    @Test
    void swappedEstimatesAreFoundAndReported() {
        double[][] p = pair(1);
        double[] e = swapped(p[1]);
        for (MetricSet set : List.of(MetricSet.V4, MetricSet.IMAGES, MetricSet.V3, MetricSet.SOURCES, MetricSet.SI)) {
            SetScores straight = FamilyEvaluation.score(set, p[0], p[1], S, N, CH, EvalWindow.samples(3000, 3000),
                    false);
            SetScores found = FamilyEvaluation.score(set, p[0], e, S, N, CH, EvalWindow.samples(3000, 3000), true);
            for (int i = 0; i < found.permutation().length; i++) {
                int j = i / (found.groups() * found.frames().count());
                assertEquals(1 - j, found.permutation()[i], set.id() + " permutation[" + i + "]");
            }
            for (String metric : set.metrics()) {
                double[] a = straight.values(metric);
                double[] b = found.values(metric);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-6, set.id() + " " + metric + "[" + i + "]");
                }
            }
        }
    }

    @Test
    void silentFramesAreNaNWithEachReferencesPermutation() {
        double[][] p = pair(2);
        // Reference 1 silent over the second half: frame 1 of 2 is skipped.
        for (int i = N / 2; i < N; i++) {
            for (int c = 0; c < CH; c++) {
                p[0][(N + i) * CH + c] = 0;
            }
        }
        SetScores images = FamilyEvaluation.score(MetricSet.IMAGES, p[0], p[1], S, N, CH,
                EvalWindow.samples(3000, 3000), true);
        SetScores v3 = FamilyEvaluation.score(MetricSet.V3, p[0], p[1], S, N, CH, EvalWindow.samples(3000, 3000),
                true);
        for (int j = 0; j < S; j++) {
            assertTrue(Double.isFinite(images.value("SDR", j, 0, 0)));
            assertTrue(Double.isNaN(images.value("SDR", j, 0, 1)));
            assertTrue(Double.isNaN(v3.value("SAR", j, 0, 1)));
            assertEquals(-1, images.matched(j, 0, 1), "mir_eval reports NaN");
            assertEquals(j, v3.matched(j, 0, 1), "museval's argmax over NaN means is the identity");
        }
        // Silent over the whole track: refused, as the references refuse it.
        for (int i = 0; i < N * CH; i++) {
            p[0][N * CH + i] = 0;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FamilyEvaluation.score(
                MetricSet.IMAGES, p[0], p[1], S, N, CH, EvalWindow.full(), false));
        assertTrue(e.getMessage().contains("reference source 1"), e.getMessage());
    }

    @Test
    void sourcesScoresEachChannelAsItsOwnSignal() {
        double[][] p = pair(3);
        SetScores stereo = FamilyEvaluation.score(MetricSet.SOURCES, p[0], p[1], S, N, CH, EvalWindow.full(), false);
        assertEquals(CH, stereo.groups());
        for (int c = 0; c < CH; c++) {
            SetScores mono = FamilyEvaluation.score(MetricSet.SOURCES, FamilyEvaluation.channel(p[0], S, N, CH, c),
                    FamilyEvaluation.channel(p[1], S, N, CH, c), S, N, 1, EvalWindow.full(), false);
            for (int j = 0; j < S; j++) {
                assertEquals(mono.value("SIR", j, 0, 0), stereo.value("SIR", j, c, 0), 0.0);
            }
        }
    }

    @Test
    void oneSourceHasNothingToInterfere() {
        double[][] p = pair(4);
        double[] x = java.util.Arrays.copyOf(p[0], N * CH);
        double[] e = java.util.Arrays.copyOf(p[1], N * CH);
        // museval and mir_eval: the two projections coincide, so the interference is exactly zero.
        // fast_bss_eval: c_sdr / c_sar is 1 up to rounding, so SI-SIR is +inf or about 150 dB.
        SetScores si = FamilyEvaluation.score(MetricSet.SI, x, e, 1, N, CH, EvalWindow.full(), true);
        assertTrue(si.value("SI-SIR", 0, 0, 0) > 120, "SI-SIR " + si.value("SI-SIR", 0, 0, 0));
        SetScores images = FamilyEvaluation.score(MetricSet.IMAGES, x, e, 1, N, CH, EvalWindow.full(), true);
        assertEquals(Double.POSITIVE_INFINITY, images.value("SIR", 0, 0, 0));
    }

    @Test
    void mixtureGivesTheImprovement() {
        double[][] p = pair(5);
        double[] mixture = new double[N * CH];
        for (int j = 0; j < S; j++) {
            for (int i = 0; i < N * CH; i++) {
                mixture[i] += p[0][j * N * CH + i];
            }
        }
        FamilyEvaluation.TrackScores t = FamilyEvaluation.evaluate(p[0], p[1], mixture, S, N, CH,
                new FamilyEvaluation.Request(FamilyEvaluation.Request.parse("si,sdr"), EvalWindow.full(), false));
        assertEquals(2, t.improvement().size());
        SetScores imp = t.improvement().get(0);
        assertEquals(List.of("SI-SDRi", "SI-SIRi", "SI-SARi", "SD-SDRi"), imp.metrics());
        for (int j = 0; j < S; j++) {
            double gain = t.estimates().get(0).value("SI-SDR", j, 0, 0) - t.mixture().get(0).value("SI-SDR", j, 0, 0);
            assertEquals(gain, imp.value("SI-SDRi", j, 0, 0), 0.0);
            assertTrue(gain > 5, "the estimates are better than the mixture: " + gain);
        }
        assertThrows(IllegalArgumentException.class, () -> FamilyEvaluation.Request.parse("v4,v4"));
        assertThrows(IllegalArgumentException.class, () -> MetricSet.of("pesq"));
    }
}
