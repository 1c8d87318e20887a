package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/**
 * Faults on a real standalone cluster (a Master and two single-core Workers on loopback, one of
 * them named {@code localhost} so that Spark may place a speculative copy beside the original):
 * speculative execution with aggressive settings, and executor JVMs killed repeatedly during a
 * 20-track run. Both give byte for byte the output of local mode, and leave no other file.
 */
class ClusterFaultsIT {

    private static final int TRACKS = 20;

    @TempDir
    static Path dir;
    private static StandaloneCluster cluster;
    private static Map<String, byte[]> local;

    @BeforeAll
    static void corpusReferenceAndCluster() throws Exception {
        Path corpus = dir.resolve("corpus");
        for (int k = 0; k < TRACKS; k++) {
            // 1.5 to 2.6 s of stereo at 8 kHz: tasks of unequal length, which speculation acts on.
            TestCorpus.track(corpus, "t" + k, 2, 12_000 + 900 * (k % 13), 3, 1.0 + k, 300 + k);
        }
        Path reference = dir.resolve("local");
        SeparationConfig config = SeparationConfig.builder().mixtures(corpus.resolve("mixtures").toString())
                .estimates(corpus.resolve("estimates").toString()).output(reference.toString()).iterations(2)
                .nFft(512).hop(128).blockFrames(16).outputFormat(AudioOutputFormat.FLOAT64).quiet(true).build();
        assertEquals(TRACKS, SeparationJob.run(SparkTestSession.get(), config).count(Status.OK));
        local = files(reference);
        cluster = new StandaloneCluster(dir.resolve("cluster-run"));
        cluster.start(2, true);
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void speculativeTasksLeaveOneCompleteCopyOfEachFile() throws Exception {
        Path out = dir.resolve("speculation");
        Path events = Files.createDirectories(dir.resolve("events"));
        Path log = dir.resolve("speculation.log");
        Process submit = cluster.submitAsync(log, List.of("spark.speculation=true",
                "spark.speculation.interval=100ms", "spark.speculation.multiplier=1.05",
                "spark.speculation.quantile=0.1", "spark.speculation.minTaskRuntime=10ms",
                // Spark 3.4+ speculates only tasks it judges inefficient; every slow one here.
                "spark.speculation.efficiency.enabled=false",
                // A straggler for certain: the first attempt of the write stage's partition 0
                // waits until killed (FaultPoint), so its copy on the other worker finishes first
                // and Spark kills the original in the middle of its write; the job waits for the
                // killed attempt to end (RunningAttempts), so the event log records how it ended
                // (the vector flag kept from conf/).
                "spark.executor.extraJavaOptions=-XX:+UseParallelGC --add-modules=jdk.incubator.vector "
                        + "-Dwienerspark.test.slowFirstAttemptAt=write",
                // One plain JSON-lines file (Spark 4 rolls and compresses event logs by default).
                "spark.eventLog.enabled=true", "spark.eventLog.rolling.enabled=false",
                "spark.eventLog.compress=false", "spark.eventLog.dir=" + events.toUri()), args(out));
        // The speculative run took over 8 minutes under a load average of 40 on 2 cores.
        assertTrue(submit.waitFor(20, TimeUnit.MINUTES), "job finished");
        assertEquals(0, submit.exitValue(), "exit code; log:\n" + Files.readString(log));
        long speculative = 0;
        // How the attempts of each task (stage, index) ended.
        Map<String, List<String>> ends = new TreeMap<>();
        StringBuilder attempts = new StringBuilder();
        ObjectMapper json = new ObjectMapper();
        try (Stream<Path> logs = Files.walk(events).filter(Files::isRegularFile)
                .filter(f -> !f.getFileName().toString().startsWith("."))) {
            for (Path f : logs.toList()) {
                for (String l : Files.readAllLines(f)) {
                    JsonNode e = json.readTree(l);
                    String type = e.path("Event").asText();
                    if (!type.equals("SparkListenerTaskStart") && !type.equals("SparkListenerTaskEnd")) {
                        continue;
                    }
                    JsonNode info = e.path("Task Info");
                    boolean start = type.endsWith("Start");
                    String reason = e.path("Task End Reason").path("Reason").asText()
                            + " " + e.path("Task End Reason").path("Kill Reason").asText();
                    attempts.append(String.format("%s stage %d task %d attempt %d%s on executor %s%s%n",
                            start ? "start" : "end  ", e.path("Stage ID").asInt(), info.path("Index").asInt(),
                            info.path("Attempt").asInt(), info.path("Speculative").asBoolean() ? " (speculative)" : "",
                            info.path("Executor ID").asText(), start ? "" : ": " + reason.trim()));
                    if (start && info.path("Speculative").asBoolean()) {
                        speculative++;
                    }
                    if (!start) {
                        ends.computeIfAbsent(e.path("Stage ID").asInt() + "/" + info.path("Index").asInt(),
                                k -> new ArrayList<>()).add(reason.trim());
                    }
                }
            }
        }
        // Killed when its twin succeeded: Spark says "another attempt succeeded", or "Stage
        // finished" when the twin was the stage's last task and the stage's end came first.
        long lost = ends.values().stream().filter(r -> r.contains("Success")
                && r.stream().anyMatch(x -> x.startsWith("TaskKilled"))).count();
        System.out.println("[speculation] speculative task attempts launched: " + speculative
                + ", attempts killed because their twin finished first: " + lost);
        assertTrue(speculative > 0, "Spark launched no speculative task; the test proves nothing:\n" + attempts);
        assertTrue(lost > 0, "no attempt was killed by its twin's success: the race under test did not happen:\n"
                + attempts + "log:\n" + Files.readString(log));
        assertSameOutput(out);
    }

    @Test
    void executorsKilledRepeatedlyDuringA20TrackRun() throws Exception {
        Path out = dir.resolve("executor-kills");
        Path log = dir.resolve("executor-kills.log");
        Process submit = cluster.submitAsync(log, List.of(), args(out));
        int kills = 0;
        // One kill in each phase of the job, on the workers in turn (the master starts a new
        // executor on a worker whose executor died). A phase took over 4 minutes under a load
        // average of 40: wait for each as long as the job runs.
        for (String phase : List.of("] scale", "EM iteration 1/2", "EM iteration 2/2", "] write")) {
            ProcessHandle victim = null;
            while (submit.isAlive()) {
                List<ProcessHandle> executors = cluster.executors();
                if (Files.readString(log).contains(phase) && !executors.isEmpty()) {
                    victim = executors.get(kills % executors.size());
                    break;
                }
                Thread.sleep(50);
            }
            if (victim == null) {
                break;
            }
            System.out.println("[executor-kills] killing executor pid " + victim.pid() + " at '" + phase + "'");
            victim.destroyForcibly();
            kills++;
        }
        assertTrue(submit.waitFor(20, TimeUnit.MINUTES), "job finished");
        String text = Files.readString(log);
        assertEquals(0, submit.exitValue(), "exit code; log:\n" + text);
        assertTrue(kills >= 3, kills + " kills before the job ended; log:\n" + text);
        assertTrue(text.contains(TRACKS + " ok, 0 failed"), text);
        assertTrue(text.lines().anyMatch(l -> l.contains("Lost executor") || l.contains("Executor lost")
                || l.contains("Removed executor") || l.contains("lost executor")), "no lost executor in the log:\n" + text);
        assertSameOutput(out);
    }

    private static String[] args(Path out) {
        return new String[] {"separate", "--mixtures", dir.resolve("corpus/mixtures").toString(), "--estimates",
                dir.resolve("corpus/estimates").toString(), "--output", out.toString(), "--iterations", "2",
                "--n-fft", "512", "--hop", "128", "--block-frames", "16", "--output-format", "float64"};
    }

    /** The same files as local mode (no duplicate, no temporary), the stems byte for byte. */
    private static void assertSameOutput(Path out) throws IOException {
        Map<String, byte[]> actual = files(out);
        assertEquals(local.keySet(), actual.keySet(), "the output's files");
        for (String f : local.keySet()) {
            if (f.endsWith(".wav")) {
                assertArrayEquals(local.get(f), actual.get(f), f);
            }
        }
    }

    /** Every regular file under {@code root}, hidden ones included, but the run's report. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.equals("_report.json")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }
}
