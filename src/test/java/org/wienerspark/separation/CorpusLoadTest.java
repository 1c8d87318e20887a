package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/** A corpus of 200 short tracks in one local[2] job: no exhausted memory or file handles, all reported. */
class CorpusLoadTest {

    @Test
    void twoHundredTracksInOneJob(@TempDir Path dir) throws Exception {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        for (int k = 0; k < 200; k++) {
            TestCorpus.track(corpus, String.format("track-%03d", k), 2, 3000 + 37 * k, 2, 1.0 + k % 7, k);
        }
        long fdsBefore = openFiles();
        Path out = dir.resolve("out");
        SeparationReport r = SeparationJob.run(SparkTestSession.get(), SeparationConfig.builder()
                .mixtures(corpus.resolve("mixtures").toString()).estimates(corpus.resolve("estimates").toString())
                .output(out.toString()).nFft(256).hop(64).iterations(2).quiet(true).build());
        assertEquals(200, r.count(Status.OK));
        JsonNode report = new ObjectMapper().readTree(out.resolve("_report.json").toFile());
        assertEquals(200, report.path("tracks").size());
        assertEquals(200, report.path("summary").path("ok").asInt());
        long fdsAfter = openFiles();
        System.out.printf("[load] 200 tracks ok; open file descriptors %d before, %d after%n", fdsBefore, fdsAfter);
        // Every input and output was closed (a leak would keep hundreds open).
        assertEquals(true, fdsAfter - fdsBefore < 50, "open files grew from " + fdsBefore + " to " + fdsAfter);
    }

    private static long openFiles() {
        java.io.File fd = new java.io.File("/proc/self/fd");
        String[] names = fd.list();
        return names == null ? 0 : names.length;
    }
}
