package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.wienerspark.io.Npy;

/**
 * What the metric parity tests ({@link MetricsGoldenParityTest}, {@link MetricsFamilyGoldenParityTest})
 * share about a folder of reference values: where it is, how a case's arrays are read as its
 * manifest lists them, and how expected and computed values are compared.
 */
final class GoldenCases {

    private GoldenCases() {
    }

    /** The folder named by {@code envVar}, else the copy in {@code src/test/resources/<resource>}. */
    static Path folder(String envVar, String resource) throws URISyntaxException {
        String env = System.getenv(envVar);
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(GoldenCases.class.getResource("/" + resource + "/manifest.json").toURI()).getParent();
    }

    /** The folder's {@code manifest.json}, which must list at least one case. */
    static JsonNode manifest(Path dir) throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        JsonNode cases = manifest.path("cases");
        assertTrue(cases.isArray() && cases.size() > 0, dir + "/manifest.json lists no cases");
        return manifest;
    }

    /** A case's checks. */
    interface CaseCheck {
        void run(JsonNode c) throws Throwable;
    }

    /** One test per case of the manifest, named after the case. */
    static List<DynamicTest> everyCase(JsonNode manifest, CaseCheck check) {
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : manifest.path("cases")) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText(), () -> check.run(c)));
        }
        return tests;
    }

    /** The array the case lists as {@code key}, checked against the shape the manifest gives. */
    static Npy.Array read(Path dir, JsonNode c, String key) throws IOException {
        JsonNode f = c.path("files").path(key);
        if (!f.has("path")) {
            throw new AssertionFailedError(c.path("name").asText() + ": manifest lists no file '" + key + "'");
        }
        Npy.Array a = Npy.read(dir.resolve(f.path("path").asText()));
        int[] shape = new int[f.path("shape").size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = f.path("shape").path(i).asInt();
        }
        assertTrue(Arrays.equals(shape, a.shape()), key + ": shape " + Arrays.toString(a.shape())
                + " differs from the manifest's " + Arrays.toString(shape));
        return a;
    }

    /** Every value within atol; NaN and infinities exactly where expected. Returns the largest error. */
    static double compare(String what, double[] expected, double[] actual, double atol) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        for (int i = 0; i < expected.length; i++) {
            double e = expected[i];
            double a = actual[i];
            if (Double.isNaN(e) || Double.isNaN(a)) {
                assertEquals(Double.isNaN(e), Double.isNaN(a), what + "[" + i + "]: expected " + e + ", got " + a
                        + " (NaN positions must match)");
                continue;
            }
            if (Double.isInfinite(e) || Double.isInfinite(a)) {
                assertEquals(e, a, what + "[" + i + "]: infinities must match");
                continue;
            }
            double err = Math.abs(e - a);
            worst = Math.max(worst, err);
            assertTrue(err <= atol, what + "[" + i + "]: expected " + e + ", got " + a + " (|error| " + err + " > "
                    + atol + ")");
        }
        return worst;
    }
}
