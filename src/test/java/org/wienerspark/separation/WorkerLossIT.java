package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.spark.Status;
import org.wienerspark.core.Tensors;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;

/**
 * A Worker JVM killed (SIGKILL, by its pid) in the middle of an EM iteration: Spark retries
 * the lost tasks and recomputes the lost blocks from lineage, and the output is byte for byte
 * that of an undisturbed run.
 */
class WorkerLossIT {

    @TempDir
    Path dir;

    @Test
    void killedWorkerDoesNotChangeTheOutput() throws Exception {
        Path corpus = dir.resolve("corpus");
        for (int k = 0; k < 4; k++) {
            TestCorpus.track(corpus, "t" + k, 2, 120_000, 3, 10.0, 100 + k);
        }
        Path undisturbed = dir.resolve("undisturbed");
        SeparationConfig config = SeparationConfig.builder().mixtures(corpus.resolve("mixtures").toString())
                .estimates(corpus.resolve("estimates").toString()).output(undisturbed.toString()).iterations(4)
                .nFft(512).hop(128).blockFrames(32).outputFormat(AudioOutputFormat.FLOAT64).quiet(true).checkpointEvery(2)
                .build();
        assertEquals(4, SeparationJob.run(SparkTestSession.get(), config).count(Status.OK));

        Path disturbed = dir.resolve("disturbed");
        Path log = dir.resolve("submit.log");
        try (StandaloneCluster c = new StandaloneCluster(dir.resolve("cluster-run"))) {
            c.start(2);
            List<String> args = new ArrayList<>(List.of("separate", "--mixtures", corpus.resolve("mixtures").toString(),
                    "--estimates", corpus.resolve("estimates").toString(), "--output", disturbed.toString(),
                    "--iterations", "4", "--n-fft", "512", "--hop", "128", "--block-frames", "32",
                    "--output-format", "float64", "--checkpoint-every", "2"));
            Process submit = c.submitAsync(log, args.toArray(String[]::new));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (!Files.readString(log).contains("EM iteration 2/4") && submit.isAlive()
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(submit.isAlive(), "the job was still running when the worker was killed; log:\n"
                    + Files.readString(log));
            Process victim = c.workers().get(0);
            System.out.println("[worker-loss] killing worker pid " + victim.pid() + " during EM iteration 2/4");
            victim.destroyForcibly();
            assertTrue(submit.waitFor(8, TimeUnit.MINUTES), "job finished");
            assertEquals(0, submit.exitValue(), "exit code; log:\n" + Files.readString(log));
        }
        String logText = Files.readString(log);
        assertTrue(logText.contains("4 ok, 0 failed"), logText);
        // Evidence that the kill reached the job: Spark's own account of the lost executor.
        List<String> losses = logText.lines().filter(l -> l.contains("Lost executor") || l.contains("Lost task")
                || l.contains("Executor lost") || l.contains("Removed executor") || l.contains("FetchFailed")).toList();
        losses.forEach(l -> System.out.println("[worker-loss] " + l));
        assertTrue(!losses.isEmpty(), "the driver saw no lost executor or task; log:\n" + logText);
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(Files.readAllBytes(undisturbed.resolve("t" + k + "/s" + j + ".wav")),
                        Files.readAllBytes(disturbed.resolve("t" + k + "/s" + j + ".wav")), "t" + k + "/s" + j);
            }
        }
    }
}
