package org.wienerspark.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;
import org.wienerspark.io.Npy;

/**
 * Parity with the Open-Unmix STFT reference in {@code golden-stft} (a copy of
 * {@code shared/golden-stft}; the folder can be overridden with {@code WIENER_GOLDEN_STFT_DIR}):
 * one test per manifest case, every case. The reference stores signals as (channels, samples);
 * the project's layout is (samples, channels), so the signal is transposed on reading.
 */
class StftGoldenParityTest {

    private static final double RELATIVE = 1e-9;
    private static final double PEAK_RELATIVE = 1e-10;
    private static final double ROUND_TRIP = 1e-12;

    private static int cases;
    private static int passed;
    private static double maxSpectrumError;
    private static double maxRoundTripError;

    @TestFactory
    List<DynamicTest> everyManifestCase() throws Exception {
        Path dir = goldenDir();
        JsonNode manifest = new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
        JsonNode list = manifest.path("cases");
        assertTrue(list.isArray() && list.size() > 0, "manifest in " + dir + " lists no cases");
        cases = list.size();
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : list) {
            tests.add(DynamicTest.dynamicTest(c.path("name").asText("<unnamed case>"), () -> runCase(dir, c)));
        }
        return tests;
    }

    @AfterAll
    static void summary() {
        System.out.printf("golden-stft parity: %d/%d cases passed, max |X - ref| / max|ref| = %.3e, "
                + "max |istft(stft(s)) - s| = %.3e%n", passed, cases, maxSpectrumError, maxRoundTripError);
    }

    private static void runCase(Path dir, JsonNode c) throws Exception {
        String name = c.path("name").asText();
        if (!"stft".equals(c.path("function").asText())) {
            fail("case " + name + ": unknown function '" + c.path("function").asText() + "'");
        }
        assertEquals(Set.of("signal"), fieldNames(c.path("inputs")), "case " + name + ": inputs");
        assertEquals(Set.of("X"), fieldNames(c.path("outputs")), "case " + name + ": outputs");
        JsonNode params = c.path("params");
        int nFft = params.path("n_fft").asInt();
        int hop = params.path("hop").asInt();
        int length = params.path("length").asInt();

        RealTensor raw = Npy.read(dir.resolve(c.path("inputs").path("signal").path("file").asText())).asReal();
        ComplexTensor expected = Npy.read(dir.resolve(c.path("outputs").path("X").path("file").asText())).asComplex();
        assertArrayEquals(ints(c.path("inputs").path("signal").path("shape")), raw.shape(), name + ": signal shape");
        assertArrayEquals(ints(c.path("outputs").path("X").path("shape")), expected.shape(), name + ": X shape");
        assertEquals(length, raw.dim(1), name + ": signal length");
        RealTensor signal = transpose(raw);

        Stft stft = new Stft(nFft, hop);
        ComplexTensor x = stft.forward(signal);
        assertArrayEquals(expected.shape(), x.shape(), name + ": (frames, bins, channels)");
        double peak = 0;
        for (int i = 0; i < expected.data().length; i += 2) {
            peak = Math.max(peak, Math.hypot(expected.data()[i], expected.data()[i + 1]));
        }
        double worst = 0;
        for (int i = 0; i < x.data().length; i += 2) {
            double ref = Math.hypot(expected.data()[i], expected.data()[i + 1]);
            double err = Math.hypot(x.data()[i] - expected.data()[i], x.data()[i + 1] - expected.data()[i + 1]);
            if (err > RELATIVE * ref + PEAK_RELATIVE * peak) {
                fail(name + ": element " + (i / 2) + " differs by " + err + " (reference magnitude " + ref + ")");
            }
            worst = Math.max(worst, err / peak);
        }

        RealTensor back = stft.inverse(x, length);
        double roundTrip = 0;
        for (int i = 0; i < back.data().length; i++) {
            roundTrip = Math.max(roundTrip, Math.abs(back.data()[i] - signal.data()[i]));
        }
        assertTrue(roundTrip <= ROUND_TRIP, name + ": istft(stft(s)) differs from s by " + roundTrip);
        record(worst, roundTrip);
    }

    private static synchronized void record(double spectrumError, double roundTripError) {
        passed++;
        maxSpectrumError = Math.max(maxSpectrumError, spectrumError);
        maxRoundTripError = Math.max(maxRoundTripError, roundTripError);
    }

    private static Path goldenDir() throws Exception {
        String env = System.getenv("WIENER_GOLDEN_STFT_DIR");
        Path dir = env != null && !env.isBlank() ? Path.of(env)
                : Path.of(StftGoldenParityTest.class.getResource("/golden-stft/manifest.json").toURI()).getParent();
        assertTrue(Files.isRegularFile(dir.resolve("manifest.json")), "no manifest.json in " + dir);
        return dir;
    }

    /** (channels, samples) -> (samples, channels). */
    private static RealTensor transpose(RealTensor t) {
        int channels = t.dim(0);
        int samples = t.dim(1);
        double[] out = new double[t.data().length];
        for (int c = 0; c < channels; c++) {
            for (int s = 0; s < samples; s++) {
                out[s * channels + c] = t.data()[c * samples + s];
            }
        }
        return new RealTensor(new int[] {samples, channels}, out);
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    private static int[] ints(JsonNode array) {
        int[] a = new int[array.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = array.get(i).asInt();
        }
        return a;
    }
}
