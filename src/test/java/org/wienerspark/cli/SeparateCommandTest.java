package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;

/** The {@code separate} command end to end: options reach the job, bad options exit with 2. */
class SeparateCommandTest {

    @Test
    void precisionOptionReachesTheReportAndAnUnknownOneIsAUsageError(@TempDir Path corpus, @TempDir Path out)
            throws IOException {
        SparkTestSession.get();
        TestCorpus.track(corpus, "loud", 2, 5000, 3, 40.0, 1);
        int exit = Main.run("separate", "--mixtures", corpus.resolve("mixtures").toString(),
                "--estimates", corpus.resolve("estimates").toString(), "--output", out.toString(), "--n-fft", "256",
                "--hop", "64", "--precision", "float", "--quiet");
        assertEquals(0, exit);
        JsonNode report = new ObjectMapper().readTree(out.resolve("_report.json").toFile());
        assertEquals("float", report.path("settings").path("precision").asText());
        assertEquals(2, Main.run("separate", "--mixtures", corpus.resolve("mixtures").toString(),
                "--estimates", corpus.resolve("estimates").toString(), "--output", out.resolve("x").toString(),
                "--precision", "half", "--quiet"));
    }
}
