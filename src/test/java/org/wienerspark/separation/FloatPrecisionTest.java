package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wienerspark.spark.Status;
import org.wienerspark.core.Tensors;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;

/** {@code --precision float}: blocks in float32, the output within a documented bound of double. */
class FloatPrecisionTest {

    /** Documented bound (README): max |float job - double core| over the peak of the output. */
    static final double BOUND_OF_PEAK = 1e-6;

    @TempDir
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        TestCorpus.track(corpus.resolve("stereo"), "loud", 2, 5000, SeparationJobTest.SOURCES, 40.0, 1);
        TestCorpus.track(corpus.resolve("mono"), "quiet", 1, 4100, SeparationJobTest.SOURCES, 0.5, 3);
    }

    @ParameterizedTest(name = "{0} iterations={1} softmask={2}")
    @CsvSource({"stereo, 1, true", "stereo, 3, false", "mono, 3, true", "stereo, 0, true"})
    void floatBlocksStayWithinBoundOfDoubleCore(String layout, int iterations, boolean softmask, @TempDir Path out)
            throws IOException {
        Path root = corpus.resolve(layout);
        JobConfig config = new JobConfig(root.resolve("mixtures").toString(), root.resolve("estimates").toString(),
                null, null, out.toString(), List.of(), iterations, softmask, Tensors.DOUBLE_EPS, 1.0, false,
                SeparationJobTest.N_FFT, SeparationJobTest.HOP, 16, 0, "float64", 64L << 20, 3, true, true,
                false, false, 0, JobConfig.FLOAT);
        Report report = SeparationJob.run(SparkTestSession.get(), config);
        assertEquals(report.plans().size(), report.count(Status.OK), "every track ok");
        for (TrackPlan p : report.plans()) {
            double error = SeparationJobTest.errorOfPeak(p, config, out);
            System.out.printf("[float-vs-double] %s iterations=%d softmask=%s: max |job - core| / peak = %.2e%n",
                    p.name(), iterations, softmask, error);
            assertTrue(error <= BOUND_OF_PEAK, p.name() + ": " + error + " > " + BOUND_OF_PEAK);
            if (iterations > 0) {
                assertTrue(error > 0, "float32 blocks do round");
            } else {
                // Without EM no block is stored between stages: nothing is narrowed, the error
                // stays at double's level (float32 rounding would be above 1e-8).
                assertTrue(error < 1e-12, "no EM, nothing stored in float32: " + error);
            }
        }
    }

    @Test
    void commandLineOptionReachesTheReport(@TempDir Path out) throws IOException {
        SparkTestSession.get();
        Path root = corpus.resolve("stereo");
        int exit = org.wienerspark.cli.Main.run("separate", "--mixtures", root.resolve("mixtures").toString(),
                "--estimates", root.resolve("estimates").toString(), "--output", out.toString(), "--n-fft", "256",
                "--hop", "64", "--precision", "float", "--quiet");
        assertEquals(0, exit);
        com.fasterxml.jackson.databind.JsonNode report = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(out.resolve("_report.json").toFile());
        assertEquals("float", report.path("settings").path("precision").asText());
        assertEquals(2, org.wienerspark.cli.Main.run("separate", "--mixtures", root.resolve("mixtures").toString(),
                "--estimates", root.resolve("estimates").toString(), "--output", out.resolve("x").toString(),
                "--precision", "half", "--quiet"));
    }

    @Test
    void otherPrecisionsAreRefused() {
        JobConfig bad = new JobConfig("m", "e", null, null, "o", List.of(), 1, true, Tensors.DOUBLE_EPS, 1.0, false,
                256, 64, 16, 0, "same", 64L << 20, 0, true, true, false, false, 0, "half");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, bad::validate);
        assertTrue(e.getMessage().contains("--precision"), e.getMessage());
        assertEquals(JobConfig.DOUBLE, JobConfig.defaults("m", "e", "o").precision());
    }
}
