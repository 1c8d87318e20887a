package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wienerspark.io.AudioOutputFormat;
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
        SeparationConfig config = SeparationConfig.builder().mixtures(root.resolve("mixtures").toString())
                .estimates(root.resolve("estimates").toString()).output(out.toString()).iterations(iterations)
                .softmask(softmask).nFft(SeparationJobTest.N_FFT).hop(SeparationJobTest.HOP).blockFrames(16)
                .outputFormat(AudioOutputFormat.FLOAT64).partitions(3).quiet(true).checkpointEvery(0)
                .precision(Precision.FLOAT).build();
        SeparationReport report = SeparationJob.run(SparkTestSession.get(), config);
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
                assertTrue(error < OF_PEAK, "no EM, nothing stored in float32: " + error);
            }
        }
    }

    @Test
    void otherPrecisionsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Precision.parse("half"));
        assertTrue(e.getMessage().contains("--precision"), e.getMessage());
        assertEquals(Precision.DOUBLE, SeparationConfig.builder().mixtures("m").estimates("e").output("o").build()
                .precision());
    }
}
