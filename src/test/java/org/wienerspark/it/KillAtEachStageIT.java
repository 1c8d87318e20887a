package org.wienerspark.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.spark.TestCorpus;

/**
 * The whole job ({@code jobs/separate}, one local JVM) killed with SIGKILL at each stage: in the
 * scale stage, the first EM pass, the second, the write stage (temporary files partly written)
 * and between a track's stems and its marker. Each kill is followed by a rerun of the same
 * command on the same output, which is itself killed at the next point, until the last rerun
 * finishes: its output equals an undisturbed run's byte for byte, with nothing left behind.
 * After every kill, every file visible under its final name is complete (equal to the
 * undisturbed run's) and every track with a marker has all its stems. The job stops at each
 * point through the test-only {@code -Dwienerspark.test.pauseAt=POINT} ({@code FaultPoint}).
 * Without the removal of a killed run's temporary files and checkpoints by the next run, the
 * last comparison fails (hidden {@code .inprogress} files and {@code _checkpoints/} left).
 */
class KillAtEachStageIT {

    private static final List<String> POINTS = List.of("scale", "em-1", "em-2", "write", "marker");
    private static final List<String> TRACKS = List.of("a", "b");

    @TempDir
    Path dir;

    @Test
    void aRunKilledAtEachStageThenRerunGivesTheUndisturbedOutput() throws Exception {
        Path corpus = dir.resolve("corpus");
        // 3 s and 2 s of stereo at 8 kHz: 6 and 4 blocks of 32 frames, so a write stopped
        // after its first block has partly written files.
        TestCorpus.track(corpus, "a", 2, 24_000, 3, 5.0, 21);
        TestCorpus.track(corpus, "b", 2, 16_000, 3, 0.5, 22);
        Path reference = dir.resolve("reference");
        assertEquals(0, JobScripts.run(dir.resolve("reference.log"), env(""), "separate", args(corpus, reference)),
                JobScripts.tail(dir.resolve("reference.log")));
        Map<String, byte[]> expected = files(reference);
        assertTrue(expected.containsKey("a/_SUCCESS") && expected.containsKey("b/s2.wav"), expected.keySet()::toString);

        Path out = dir.resolve("out");
        for (String point : POINTS) {
            Path log = dir.resolve("killed-at-" + point + ".log");
            List<String> args = args(corpus, out);
            if (point.equals("write")) {
                // This run also checkpoints its blocks (a setting that does not change the
                // output): it leaves checkpoints, and its write tasks have other attempt
                // numbers than the rerun's, as they do whenever a rerun's work differs (some
                // tracks done), so its temporary files are not simply overwritten.
                args = JobScripts.concat(args, List.of("--checkpoint-every", "1"));
            }
            Process run = JobScripts.start(log, env(point), "separate", args);
            try {
                awaitPause(run, log, point);
            } finally {
                JobScripts.kill(run);
            }
            System.out.println("[kill-at-each-stage] killed the job at " + point + "; left: " + files(out).keySet());
            checkNothingHalfWritten(out, expected, point);
        }
        Path log = dir.resolve("rerun.log");
        assertEquals(0, JobScripts.run(log, env(""), "separate", args(corpus, out)), JobScripts.tail(log));
        Map<String, byte[]> actual = files(out);
        assertEquals(expected.keySet(), actual.keySet(), "the files after the last rerun (no temporary, no leftover)");
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), actual.get(f), f);
        }
    }

    private static List<String> args(Path corpus, Path out) {
        return List.of("--mixtures", corpus.resolve("mixtures").toString(), "--estimates",
                corpus.resolve("estimates").toString(), "--output", out.toString(), "--iterations", "2", "--n-fft",
                "512", "--hop", "128", "--block-frames", "32", "--output-format", "float64");
    }

    private static Map<String, String> env(String point) {
        return Map.of("DRIVER_MEMORY", "1g", "SPARK_MASTER", "local[2]",
                "JAVA_OPTS", point.isEmpty() ? "" : "-Dwienerspark.test.pauseAt=" + point);
    }

    private static void awaitPause(Process run, Path log, String point) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (Files.readString(log).contains("[wiener-spark] test pause at " + point)) {
                return;
            }
            if (!run.isAlive()) {
                fail("the job ended (exit " + run.exitValue() + ") before reaching " + point + ":\n" + JobScripts.tail(log));
            }
            Thread.sleep(50);
        }
        fail("the job did not reach " + point + " in 5 minutes:\n" + JobScripts.tail(log));
    }

    /**
     * What a killed run may leave: hidden temporary files, its lease and checkpoints, stems
     * without a marker; never a visible file that differs from the undisturbed run's, nor a
     * marker on an incomplete track.
     */
    private static void checkNothingHalfWritten(Path out, Map<String, byte[]> expected, String point)
            throws IOException {
        Map<String, byte[]> left = files(out);
        for (Map.Entry<String, byte[]> e : left.entrySet()) {
            String f = e.getKey();
            if (hidden(f) || f.equals("_lease") || f.equals("_report.json") || f.startsWith("_checkpoints/")) {
                continue;
            }
            assertTrue(expected.containsKey(f), "after a kill at " + point + ": unexpected visible file " + f);
            if (!f.endsWith("_SUCCESS")) {
                assertArrayEquals(expected.get(f), e.getValue(), "after a kill at " + point + ": " + f + " is not complete");
            }
        }
        for (String track : TRACKS) {
            if (left.containsKey(track + "/_SUCCESS")) {
                for (String f : expected.keySet()) {
                    if (f.startsWith(track + "/")) {
                        assertTrue(left.containsKey(f), "after a kill at " + point + ": " + track
                                + " has its marker but not " + f);
                    }
                }
            }
        }
        // Evidence that each kill hit what it names.
        if (point.equals("write")) {
            assertTrue(left.keySet().stream().anyMatch(f -> hidden(f) && f.endsWith(".inprogress")),
                    "a kill in the write stage leaves temporary files: " + left.keySet());
            assertTrue(TRACKS.stream().noneMatch(t -> left.containsKey(t + "/_SUCCESS")), left.keySet()::toString);
        } else if (point.equals("marker")) {
            // The stems are renamed into place before the marker is written: complete files,
            // but the track is not complete without its marker (README, Failure behaviour).
            assertTrue(TRACKS.stream().anyMatch(t -> left.containsKey(t + "/s0.wav") && !left.containsKey(t + "/_SUCCESS")),
                    "a kill between stems and marker: " + left.keySet());
        } else {
            assertTrue(left.keySet().stream().noneMatch(f -> f.endsWith(".wav") || f.endsWith("_SUCCESS")),
                    "nothing is written before the write stage: " + left.keySet());
        }
    }

    private static boolean hidden(String relative) {
        for (String part : relative.split("/")) {
            if (part.startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    /** Every regular file under {@code root} by relative path, but the run's report (it holds timings). */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        if (!Files.exists(root)) {
            return files;
        }
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
