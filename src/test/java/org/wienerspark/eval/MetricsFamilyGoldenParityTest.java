package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.opentest4j.AssertionFailedError;
import org.wienerspark.io.Npy;

/**
 * Runs every case of the BSS Eval family's reference values (museval v3, mir_eval
 * bss_eval_sources / bss_eval_images and their framewise variants, fast_bss_eval's scale-invariant
 * family; format in the folder's README) through {@link FamilyEvaluation} and compares every
 * output the manifest lists with the case's {@code atol_db}: NaN and infinities at exactly the
 * same positions, the permutation exactly. The folder is {@code $WIENER_GOLDEN_FAMILY_DIR}, by
 * default the copy in {@code src/test/resources/golden-metrics-family}. A case the test cannot
 * run as described (an unknown set, output or parameter) fails. Each case also checks that the
 * comparison notices a 1e-4 dB change in an expected value.
 */
class MetricsFamilyGoldenParityTest {

    /** The change every comparison must notice. */
    static final double DETECTABLE_DB = 1e-4;

    private static final Map<String, Double> WORST = new TreeMap<>();
    private static final Map<String, Double> TOLERANCE = new TreeMap<>();

    static Path folder() throws URISyntaxException {
        return GoldenCases.folder("WIENER_GOLDEN_FAMILY_DIR", "golden-metrics-family");
    }

    @TestFactory
    List<DynamicTest> everyCaseMatchesItsReference() throws Exception {
        Path dir = folder();
        return GoldenCases.everyCase(GoldenCases.manifest(dir), c -> runCase(dir, c));
    }

    private static void runCase(Path dir, JsonNode c) throws IOException {
        String name = c.path("name").asText();
        MetricSet set = MetricSet.of(c.path("metric_set").asText());
        int expectedTaps = set == MetricSet.SI ? 1 : FamilyEvaluation.FILTER_TAPS;
        assertEquals(expectedTaps, c.path("filters_len").asInt(-1), name + ": filters_len this set computes with");
        List<String> known = new ArrayList<>(List.of("references", "estimates", "perm"));
        known.addAll(set.metrics());
        c.path("files").fieldNames().forEachRemaining(f -> assertTrue(known.contains(f),
                name + ": manifest lists an output '" + f + "' that set " + set.id() + " does not compute"));
        for (String metric : set.metrics()) {
            assertTrue(c.path("files").has(metric), name + ": manifest has no expected " + metric);
        }
        Npy.Array refs = GoldenCases.read(dir, c, "references");
        Npy.Array ests = GoldenCases.read(dir, c, "estimates");
        int[] shape = refs.shape();
        assertEquals(3, shape.length, name + ": references must be (sources, samples, channels)");
        assertTrue(Arrays.equals(shape, ests.shape()), name + ": estimates shape differs from references");
        int sources = shape[0];
        int samples = shape[1];
        int channels = shape[2];
        EvalWindow window = c.path("window").isNull() ? EvalWindow.full()
                : EvalWindow.samples(c.path("window").asInt(), c.path("hop").asInt());
        boolean permutation = c.path("compute_permutation").asBoolean();
        SetScores got = FamilyEvaluation.score(set, refs.data(), ests.data(), sources, samples, channels, window,
                permutation);
        JsonNode frames = c.path("frames");
        assertEquals(frames.size(), got.frames().count(), name + ": number of frames");
        for (int t = 0; t < frames.size(); t++) {
            assertEquals(frames.path(t).path(0).asInt(), got.frames().start(t), name + ": start of frame " + t);
            assertEquals(frames.path(t).path(1).asInt(), got.frames().end(t), name + ": end of frame " + t);
        }
        boolean perChannelAxes = c.path("output_axes").asText().contains("nb_channels");
        assertEquals(perChannelAxes ? channels : 1, got.groups(), name + ": output axes "
                + c.path("output_axes").asText());
        double atol = c.path("atol_db").asDouble(Double.NaN);
        assertTrue(atol > 0 && atol < DETECTABLE_DB, name + ": atol_db " + atol);
        for (String metric : set.metrics()) {
            double[] expected = GoldenCases.read(dir, c, metric).data();
            double[] actual = got.values(metric);
            double err = GoldenCases.compare(name + " " + metric, expected, actual, atol);
            synchronized (WORST) {
                WORST.merge(set.id() + " " + metric, err, Math::max);
                TOLERANCE.merge(set.id() + " " + metric, atol, Math::max);
            }
            assertThrows(AssertionFailedError.class,
                    () -> GoldenCases.compare(name + " " + metric, nudged(expected), actual, atol),
                    name + " " + metric + ": a change of " + DETECTABLE_DB + " dB went unnoticed");
        }
        if (c.path("files").has("perm")) {
            double[] expected = GoldenCases.read(dir, c, "perm").data();
            int[] actual = got.permutation();
            assertEquals(expected.length, actual.length, name + " perm: length");
            for (int i = 0; i < expected.length; i++) {
                int e = Double.isNaN(expected[i]) ? -1 : (int) expected[i];
                assertEquals(e, actual[i], name + " perm[" + i + "]");
            }
        } else if (permutation) {
            throw new AssertionFailedError(name + ": a permutation search without an expected perm to compare");
        }
    }

    /** The expected values with the first finite one moved by {@link #DETECTABLE_DB}. */
    private static double[] nudged(double[] expected) {
        double[] out = expected.clone();
        for (int i = 0; i < out.length; i++) {
            if (Double.isFinite(out[i])) {
                out[i] += DETECTABLE_DB;
                return out;
            }
        }
        throw new AssertionFailedError("no finite expected value to nudge");
    }

    @AfterAll
    static void summary() {
        StringBuilder sb = new StringBuilder("golden metrics family: max |error| dB (tolerance):");
        WORST.forEach((k, v) -> sb.append(String.format("%n  %s %.2e (%.0e)", k, v, TOLERANCE.get(k))));
        System.out.println(sb);
    }
}
