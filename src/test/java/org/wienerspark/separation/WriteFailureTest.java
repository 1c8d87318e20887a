package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;

/**
 * A failure in the write stage fails the tracks it touched and lets the others finish; the
 * report is written in every case, and a rerun after the cause is gone gives the same bytes.
 */
class WriteFailureTest {

    @TempDir
    static Path base;
    /** Real small filesystems (tmpfs), mounted by the tests when they may (root on Linux). */
    private static final List<Path> MOUNTED = new ArrayList<>();

    @AfterAll
    static void unmount() throws Exception {
        for (Path p : MOUNTED) {
            // Lazy: detached at once even while a file of the failed run is still open.
            run("umount", "-l", p.toString());
        }
    }

    /** A tmpfs of this size at a new folder, or the test is skipped where it may not mount. */
    private static Path smallDisk(String name, String size) throws IOException, InterruptedException {
        Path disk = Files.createDirectories(base.resolve(name));
        assumeTrue(run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", disk.toString()) == 0,
                "needs root to mount a small tmpfs");
        MOUNTED.add(disk);
        return disk;
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        return p.waitFor();
    }

    private static String[] args(Path corpus, Path out, String... extra) {
        List<String> a = new ArrayList<>(List.of("separate", "--mixtures", corpus.resolve("mixtures").toString(),
                "--estimates", corpus.resolve("estimates").toString(), "--output", out.toString(), "--n-fft", "256",
                "--hop", "64", "--block-frames", "16", "--quiet", "--output-format", "float64"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    static JsonNode report(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("_report.json").toFile());
    }

    static JsonNode track(JsonNode report, String name) {
        for (JsonNode t : report.path("tracks")) {
            if (t.path("track").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no track " + name + " in " + report);
    }

    static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    static void assertNoTemporaryFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            List<Path> left = files.filter(p -> p.getFileName().toString().endsWith(".inprogress")).toList();
            assertEquals(List.of(), left, "temporary files left");
        }
    }

    /** Every file of a finished output but the report, relative path to bytes. */
    static java.util.Map<String, byte[]> outputs(Path out) throws IOException {
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        try (Stream<Path> walk = Files.walk(out)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = out.relativize(p).toString();
                if (!rel.equals("_report.json")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    @Test
    void aFullDiskFailsTheTrackItHitWithTheReasonAndTheRerunCompletesIt() throws Exception {
        SparkTestSession.get();
        Path corpus = base.resolve("full-disk-corpus");
        // Float64 stereo stems: 'a' and 'c' 2 x 32 KB each, 'b-long' 2 x 320 KB, more than the disk.
        TestCorpus.track(corpus, "a", 2, 2000, 2, 1.0, 1);
        TestCorpus.track(corpus, "b-long", 2, 20000, 2, 1.0, 2);
        TestCorpus.track(corpus, "c", 2, 2000, 2, 1.0, 3);
        Path disk = smallDisk("small-disk", "256k");
        Path out = disk.resolve("out");
        // One write task: the tracks are written one after the other, a, b-long, c (no EM
        // iteration: the write stage is the same, the test shorter).
        assertEquals(1, Main.run(args(corpus, out, "--partitions", "1", "--iterations", "0")));

        JsonNode r = report(out);
        assertEquals("ok", track(r, "a").path("status").asText());
        assertEquals("ok", track(r, "c").path("status").asText(), "the track after the failed one finishes");
        JsonNode b = track(r, "b-long");
        assertEquals("failed", b.path("status").asText());
        assertTrue(b.path("error").path("message").asText().contains("No space left on device"), b.toString());
        assertTrue(b.path("error").path("file").asText().contains("b-long"), b.toString());
        assertEquals(List.of("a", "c"), names(r.path("outcome").path("done")));
        assertEquals(List.of("b-long"), names(r.path("outcome").path("failed")));
        assertEquals(List.of(), names(r.path("outcome").path("not_run")));
        assertNoTemporaryFiles(out);
        assertFalse(Files.exists(out.resolve("b-long/_SUCCESS")));

        // The cause gone (a bigger disk, same files): the rerun does b-long only, with the bytes of
        // an undisturbed run.
        assertEquals(0, run("mount", "-o", "remount,size=8m", disk.toString()));
        // As a killed run would leave it: the rerun removes it with the track it redoes.
        Files.write(out.resolve("b-long/.s0.wav.12345.inprogress"), new byte[4096]);
        assertEquals(0, Main.run(args(corpus, out, "--partitions", "1", "--iterations", "0")));
        assertEquals("skipped", track(report(out), "a").path("status").asText());
        assertEquals("ok", track(report(out), "b-long").path("status").asText());
        assertNoTemporaryFiles(out);
        Path undisturbed = base.resolve("undisturbed");
        assertEquals(0, Main.run(args(corpus, undisturbed, "--partitions", "1", "--iterations", "0")));
        java.util.Map<String, byte[]> expected = outputs(undisturbed);
        java.util.Map<String, byte[]> actual = outputs(out);
        assertEquals(expected.keySet(), actual.keySet());
        for (String f : expected.keySet()) {
            assertArrayEquals(expected.get(f), actual.get(f), f);
        }
    }

    /** Runs the command line, returning the exit code and what it printed on stderr. */
    private static String[] runCapturingErr(String... args) {
        java.io.PrintStream err = System.err;
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        System.setErr(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(err);
        }
        return new String[] {Integer.toString(code), bytes.toString(java.nio.charset.StandardCharsets.UTF_8)};
    }

    @Test
    void aSparkAbortOnAFullDiskIsReportedInTheReportOrOnTheConsole() throws Exception {
        SparkTestSession.get();
        Path corpus = base.resolve("abort-corpus");
        TestCorpus.track(corpus, "a", 2, 20000, 2, 1.0, 1);
        Path out = smallDisk("abort-disk", "256k").resolve("out");
        // The blocks' checkpoint (MBs, written by the executors to <out>/_checkpoints) fills the
        // disk: its task fails with FSError and Spark aborts the job, outside any track's write.
        // Spark's aborted checkpoint tasks may keep their files open, so the disk may stay full
        // and the report not fit: then the console is the account.
        java.io.PrintStream stdout = System.out;
        java.io.ByteArrayOutputStream table = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(table, true, java.nio.charset.StandardCharsets.UTF_8));
        String[] run;
        try {
            run = runCapturingErr(args(corpus, out, "--iterations", "2", "--checkpoint-every", "1"));
        } finally {
            System.setOut(stdout);
        }
        assertEquals("1", run[0]);
        if (Files.exists(out.resolve("_report.json"))) {
            assertTrue(run[1].contains("the job stopped"), run[1]);
            JsonNode outcome = report(out).path("outcome");
            assertTrue(outcome.path("stopped").asText().contains("No space left on device"), outcome.toString());
            assertEquals(List.of("a"), names(outcome.path("not_run")));
        } else {
            assertTrue(run[1].contains("cannot write the report") && run[1].contains("No space left on device"),
                    run[1]);
        }
        String printed = table.toString(java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(printed.contains("not run: the job stopped: Job aborted"), printed);
        assertTrue(printed.contains("No space left on device"), printed);
        assertNoTemporaryFiles(out);
    }

    @Test
    void aJobStoppedOnTheDriverOrByFailFastWritesAFinalReport() throws Exception {
        SparkTestSession.get();
        Path corpus = base.resolve("stop-corpus");
        TestCorpus.track(corpus, "a", 2, 2000, 2, 1.0, 1);
        TestCorpus.track(corpus, "b-broken", 2, 2000, 2, 1.0, 2);
        TestCorpus.track(corpus, "c", 2, 2000, 2, 1.0, 3);
        Files.write(corpus.resolve("estimates/b-broken/s1.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0});
        Path out = base.resolve("stop-out");
        assertEquals(1, Main.run(args(corpus, out, "--iterations", "2")));
        Files.delete(out.resolve("c/_SUCCESS"));

        // A driver error mid-run: the checkpoint folder cannot be made (a file is in its way).
        Files.writeString(out.resolve("_checkpoints"), "in the way");
        String[] run = runCapturingErr(args(corpus, out, "--iterations", "2", "--checkpoint-every", "1"));
        assertEquals("1", run[0]);
        assertTrue(run[1].contains("the job stopped"), run[1]);
        JsonNode r = report(out);
        JsonNode outcome = r.path("outcome");
        assertTrue(outcome.path("stopped").asText().contains("_checkpoints"), outcome.toString());
        assertEquals(List.of("a"), names(outcome.path("done")), "complete from the first run");
        assertEquals(List.of("b-broken"), names(outcome.path("failed")));
        assertEquals(List.of("c"), names(outcome.path("not_run")));
        assertEquals("skipped", track(r, "c").path("status").asText());
        assertTrue(track(r, "c").path("reason").asText().startsWith("not run: the job stopped"), r.toString());
        assertEquals(1, r.path("summary").path("not_run").asInt());
        assertNoTemporaryFiles(out);
        Files.delete(out.resolve("_checkpoints"));

        // --fail-fast: stopped at the plan's failure, before any track ran.
        assertEquals(1, Main.run(args(corpus, out, "--iterations", "2", "--fail-fast")));
        outcome = report(out).path("outcome");
        assertTrue(outcome.path("stopped").asText().contains("--fail-fast"), outcome.toString());
        assertEquals(List.of("a"), names(outcome.path("done")));
        assertEquals(List.of("b-broken"), names(outcome.path("failed")));
        assertEquals(List.of("c"), names(outcome.path("not_run")));
    }

    @Test
    void aReportThatCannotBeWrittenIsSaidOnTheConsoleWithANonZeroExit() throws Exception {
        SparkTestSession.get();
        Path corpus = base.resolve("report-corpus");
        TestCorpus.track(corpus, "a", 2, 2000, 2, 1.0, 1);
        Path out = base.resolve("report-out");
        // A non-empty folder where the report goes: the commit cannot replace it.
        Files.createDirectories(out.resolve("_report.json/in-the-way"));
        String[] run = runCapturingErr(args(corpus, out));
        assertEquals("1", run[0], "the tracks are done, but the run is not reported");
        assertTrue(run[1].contains("cannot write the report " + out.resolve("_report.json").toUri().getPath()
                .replaceAll("/$", "")), run[1]);
        assertTrue(Files.exists(out.resolve("a/_SUCCESS")));
        assertNoTemporaryFiles(out);
    }
}
