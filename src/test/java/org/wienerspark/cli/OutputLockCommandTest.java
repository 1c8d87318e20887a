package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.demo.DemoCorpus;
import org.wienerspark.io.OutputLease;
import org.wienerspark.spark.SparkTestSession;

/**
 * One writer per output folder, through the commands: a second run is refused with exit code 2
 * and the holder named, or waits with {@code --wait-for-lock}; the lease is released at the end,
 * and the refused command, rerun once the holder is gone, writes an undisturbed run's bytes.
 */
class OutputLockCommandTest {

    @TempDir
    static Path dir;

    @BeforeAll
    static void corpus() throws Exception {
        SparkTestSession.get();
        DemoCorpus.write(new Configuration(), dir.resolve("data").toString(), 1, 2);
    }

    private static String[] separate(Path out, String... more) {
        String[] base = {"separate", "--mixtures", dir.resolve("data/mixtures").toString(), "--estimates",
                dir.resolve("data/estimates").toString(), "--output", out.toString(), "--quiet", "--n-fft", "512",
                "--hop", "128"};
        String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
        System.arraycopy(more, 0, all, base.length, more.length);
        return all;
    }

    @Test
    void aSecondRunOnAHeldFolderIsRefusedWithTheHolderNamed() throws Exception {
        Path out = dir.resolve("held");
        try (OutputLease first = OutputLease.acquire(new Configuration(), new org.apache.hadoop.fs.Path(out.toUri()),
                "the first run", OutputLease.Timing.DEFAULT)) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream old = System.err;
            int exit;
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            try {
                exit = Main.run(separate(out));
            } finally {
                System.setErr(old);
            }
            assertEquals(2, exit);
            String message = err.toString(StandardCharsets.UTF_8);
            assertTrue(message.contains("in use by another run") && message.contains("the first run"), message);
            assertFalse(Files.exists(out.resolve("_report.json")), "the refused run wrote nothing");
            first.checkHeld();
        }
        // The holder gone, the same command runs, with an undisturbed run's bytes.
        assertEquals(0, Main.run(separate(out)));
        Path undisturbed = dir.resolve("held-undisturbed");
        assertEquals(0, Main.run(separate(undisturbed)));
        try (java.util.stream.Stream<Path> files = Files.walk(undisturbed)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                org.junit.jupiter.api.Assertions.assertArrayEquals(Files.readAllBytes(f),
                        Files.readAllBytes(out.resolve(undisturbed.relativize(f))), f.toString());
            }
        }
    }

    @Test
    void withWaitForLockTheRunStartsWhenTheHolderEnds() throws Exception {
        Path out = dir.resolve("waited");
        OutputLease first = OutputLease.acquire(new Configuration(), new org.apache.hadoop.fs.Path(out.toUri()),
                "the first run", OutputLease.Timing.DEFAULT);
        CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(3000);
                first.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals(0, Main.run(separate(out, "--wait-for-lock", "120")));
        release.join();
        assertTrue(Files.exists(out.resolve("_report.json")));
        assertFalse(Files.exists(out.resolve(OutputLease.NAME)), "the lease is released at the end");
    }

    @Test
    void aWaitThatRunsOutIsRefusedByTheJobWithExitCode2() throws Exception {
        Path out = dir.resolve("timeout");
        try (OutputLease first = OutputLease.acquire(new Configuration(), new org.apache.hadoop.fs.Path(out.toUri()),
                "the first run", OutputLease.Timing.DEFAULT.waitingFor(Duration.ZERO))) {
            assertEquals(2, Main.run(separate(out, "--wait-for-lock", "1")));
            first.checkHeld();
        }
    }

    @Test
    void evaluateTakesTheLeaseToo() throws Exception {
        Path out = dir.resolve("scores");
        try (OutputLease first = OutputLease.acquire(new Configuration(), new org.apache.hadoop.fs.Path(out.toUri()),
                "the first run", OutputLease.Timing.DEFAULT)) {
            assertEquals(2, Main.run("evaluate", "--references", dir.resolve("data/references").toString(),
                    "--estimates", dir.resolve("data/estimates").toString(), "--output", out.toString()));
        }
    }
}
