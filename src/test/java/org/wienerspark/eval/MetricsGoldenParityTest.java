package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.wienerspark.io.Npy;

/**
 * Runs every case of a folder of museval reference values (format in the folder's README:
 * references/estimates .npy, framewise SDR/ISR/SIR/SAR, medians, medians_q5, global SDR, and a
 * manifest with per-case tolerances) through {@link BssEvalV4} and compares every value. The
 * folder is {@code $WIENER_GOLDEN_METRICS_DIR}, by default the copy in
 * {@code src/test/resources/golden-metrics}. A case the test cannot run as described fails.
 */
class MetricsGoldenParityTest {

    private static final String[] FRAMEWISE = {"SDR", "ISR", "SIR", "SAR"};
    /** Rows of medians.npy and medians_q5.npy. */
    private static final Metric[] MEDIAN_ROWS = {Metric.SDR, Metric.ISR, Metric.SIR, Metric.SAR};

    private static final Map<String, Double> WORST = new LinkedHashMap<>();
    private static int cases;

    static Path folder() throws URISyntaxException {
        return GoldenCases.folder("WIENER_GOLDEN_METRICS_DIR", "golden-metrics");
    }

    @TestFactory
    List<DynamicTest> everyCaseMatchesMuseval() throws Exception {
        Path dir = folder();
        JsonNode manifest = GoldenCases.manifest(dir);
        JsonNode call = manifest.path("bss_eval_call");
        return GoldenCases.everyCase(manifest, c -> runCase(dir, manifest, call, c));
    }

    private static void runCase(Path dir, JsonNode manifest, JsonNode call, JsonNode c) throws IOException {
        String name = c.path("name").asText();
        // Only the call this implementation makes is comparable: refuse any other.
        assertFalse(call.path("compute_permutation").asBoolean(true), name + ": compute_permutation must be false");
        assertFalse(call.path("framewise_filters").asBoolean(true), name + ": framewise_filters must be false");
        assertFalse(call.path("bsseval_sources_version").asBoolean(true),
                name + ": bsseval_sources_version must be false");
        // Every output a case lists must be compared: an unknown one fails the case.
        List<String> known = List.of("references", "estimates", "SDR", "ISR", "SIR", "SAR", "medians", "medians_q5",
                "global_sdr");
        c.path("files").fieldNames().forEachRemaining(f -> assertTrue(known.contains(f),
                name + ": manifest lists a file '" + f + "' this test does not know how to compare"));
        int taps = c.path("filters_len").asInt(call.path("filters_len").asInt(BssEvalV4.FILTER_TAPS));
        Npy.Array refs = GoldenCases.read(dir, c, "references");
        Npy.Array ests = GoldenCases.read(dir, c, "estimates");
        int[] shape = refs.shape();
        assertEquals(3, shape.length, name + ": references must be (sources, samples, channels)");
        assertTrue(Arrays.equals(shape, ests.shape()), name + ": estimates shape differs from references");
        int sources = shape[0];
        int samples = shape[1];
        int channels = shape[2];
        int win = c.path("win").asInt(-1);
        int hop = c.path("hop").asInt(-1);
        TrackMetrics m = BssEvalV4.evaluate(refs.data(), ests.data(), sources, samples, channels, win, hop, taps);
        assertEquals(c.path("nb_frames").asInt(-1), m.frames(), name + ": number of frames");
        JsonNode frames = c.path("frames");
        for (int t = 0; t < m.frames(); t++) {
            assertEquals(frames.path(t).path(0).asInt(), m.framing().start(t), name + ": start of frame " + t);
            assertEquals(frames.path(t).path(1).asInt(), m.framing().end(t), name + ": end of frame " + t);
        }
        JsonNode tol = c.path("suggested_atol_db");
        for (String metric : FRAMEWISE) {
            double atol = tolerance(tol, metric);
            double[] expected = GoldenCases.read(dir, c, metric).data();
            compare(name, metric, expected, m.values(Metric.valueOf(metric)), atol);
        }
        double[] medians = GoldenCases.read(dir, c, "medians").data();
        double[] medians5 = GoldenCases.read(dir, c, "medians_q5").data();
        double q5tol = tolerance(c.path("suggested_atol_db").has("medians_q5") ? c.path("suggested_atol_db")
                : manifest.path("suggested_atol_db"), "medians_q5");
        double[] gotMedians = new double[4 * sources];
        double[] gotMedians5 = new double[4 * sources];
        for (int r = 0; r < 4; r++) {
            for (int j = 0; j < sources; j++) {
                gotMedians[r * sources + j] = m.median(MEDIAN_ROWS[r], j);
                gotMedians5[r * sources + j] = m.quantizedMedian(MEDIAN_ROWS[r], j);
            }
            compare(name, "median " + MEDIAN_ROWS[r], Arrays.copyOfRange(medians, r * sources, (r + 1) * sources),
                    Arrays.copyOfRange(gotMedians, r * sources, (r + 1) * sources),
                    tolerance(tol, MEDIAN_ROWS[r].name()));
        }
        compare(name, "medians_q5", medians5, gotMedians5, q5tol);
        compare(name, "global_sdr", GoldenCases.read(dir, c, "global_sdr").data(), m.globalSdr(),
                tolerance(tol, "global_sdr"));
        synchronized (WORST) {
            MetricsGoldenParityTest.cases++;
        }
    }

    private static double tolerance(JsonNode tol, String key) {
        JsonNode v = tol.path(key);
        if (!v.isNumber()) {
            throw new AssertionError("manifest gives no suggested_atol_db." + key);
        }
        return v.asDouble();
    }

    /** Every value within atol (see {@link GoldenCases#compare}); keeps the largest error for the summary. */
    private static void compare(String name, String what, double[] expected, double[] actual, double atol) {
        double worst = GoldenCases.compare(name + " " + what, expected, actual, atol);
        String key = what.startsWith("median ") ? "medians" : what;
        synchronized (WORST) {
            WORST.merge(key, worst, Math::max);
            WORST.merge(name + " " + key, worst, Math::max);
        }
    }

    @AfterAll
    static void summary() {
        StringBuilder sb = new StringBuilder("golden metrics: " + cases + " cases passed; max |error| dB:");
        WORST.forEach((k, v) -> {
            if (!k.contains(" ")) {
                sb.append(String.format(" %s %.2e", k, v));
            }
        });
        System.out.println(sb);
        StringBuilder per = new StringBuilder("golden metrics per case:");
        WORST.forEach((k, v) -> {
            if (k.contains(" ")) {
                per.append(String.format("%n  %s %.2e", k, v));
            }
        });
        System.out.println(per);
    }
}
