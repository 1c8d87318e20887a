package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The output folder's lease on {@code file://} (HDFS: {@link HdfsIoTest}). */
class OutputLeaseTest {

    static final OutputLease.Timing FAST = new OutputLease.Timing(Duration.ofMillis(100),
            Duration.ofMillis(1500), Duration.ZERO);

    @TempDir
    java.nio.file.Path dir;

    private final Configuration conf = new Configuration();

    private Path folder() {
        return new Path(dir.toUri().toString(), "out");
    }

    @Test
    void secondRunIsRefusedWithTheHolderNamedAndMayTakeItAfterRelease() throws IOException {
        Path out = folder();
        try (OutputLease first = OutputLease.acquire(conf, out, "separate --output out", FAST)) {
            assertTrue(Files.exists(dir.resolve("out").resolve(OutputLease.NAME)));
            OutputLease.HeldException e = assertThrows(OutputLease.HeldException.class,
                    () -> OutputLease.acquire(conf, out, "separate again", FAST));
            assertEquals(first.holder().id(), e.holder().id());
            assertTrue(e.getMessage().contains("pid " + ProcessHandle.current().pid()), e.getMessage());
            assertTrue(e.getMessage().contains("separate --output out"), e.getMessage());
            first.checkHeld();
        }
        assertFalse(Files.exists(dir.resolve("out").resolve(OutputLease.NAME)), "released on close");
        try (OutputLease again = OutputLease.acquire(conf, out, "separate again", FAST)) {
            again.checkHeld();
        }
    }

    @Test
    void heartbeatKeepsALongRunLive() throws Exception {
        Path out = folder();
        try (OutputLease first = OutputLease.acquire(conf, out, "long run", FAST)) {
            Thread.sleep(3 * FAST.staleAfter().toMillis()); // several stale periods, beaten through
            assertThrows(OutputLease.HeldException.class, () -> OutputLease.acquire(conf, out, "b", FAST));
            first.checkHeld();
        }
    }

    @Test
    void leaseWithoutHeartbeatIsStaleAndTakenOver() throws IOException {
        Path out = folder();
        long old = System.currentTimeMillis() - 10 * FAST.staleAfter().toMillis();
        writeLease(out, new OutputLease.Holder("gone", "another-host", 42, "u", "old run", old, old));
        try (OutputLease lease = OutputLease.acquire(conf, out, "new run", FAST)) {
            assertNotEquals("gone", lease.holder().id());
            lease.checkHeld();
        }
        assertEquals(List.of(), leftovers(), "no stale copy left beside the lease");
    }

    @Test
    void leaseOfADeadProcessOnThisHostIsStaleAtOnce() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        Path out = folder();
        long now = System.currentTimeMillis();
        writeLease(out, new OutputLease.Holder("dead", InetAddress.getLocalHost().getHostName(), p.pid(),
                "u", "killed run", now, now));
        try (OutputLease lease = OutputLease.acquire(conf, out, "rerun", FAST)) {
            lease.checkHeld();
        }
    }

    @Test
    void liveLeaseOfAnotherHostIsRespected() throws IOException {
        Path out = folder();
        long now = System.currentTimeMillis() + 60_000; // beats in the future: live for the whole test
        writeLease(out, new OutputLease.Holder("remote", "another-host", 7, "u", "remote run", now, now));
        OutputLease.HeldException e = assertThrows(OutputLease.HeldException.class,
                () -> OutputLease.acquire(conf, out, "local run", FAST));
        assertTrue(e.getMessage().contains("another-host"), e.getMessage());
    }

    @Test
    void unreadableLeaseFileIsHeldUntilItsModificationTimeIsStale() throws IOException {
        Path out = folder();
        java.nio.file.Path file = Files.createDirectories(dir.resolve("out")).resolve(OutputLease.NAME);
        Files.write(file, "{\"id\": \"cut sh".getBytes(StandardCharsets.UTF_8));
        assertThrows(OutputLease.HeldException.class, () -> OutputLease.acquire(conf, out, "run", FAST));
        assertTrue(file.toFile().setLastModified(System.currentTimeMillis() - 60_000));
        try (OutputLease lease = OutputLease.acquire(conf, out, "run", FAST)) {
            lease.checkHeld();
        }
    }

    @Test
    void waitForLockTakesTheLeaseWhenTheHolderEnds() throws Exception {
        Path out = folder();
        OutputLease first = OutputLease.acquire(conf, out, "first", FAST);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<OutputLease> second = pool.submit(
                    () -> OutputLease.acquire(conf, out, "second", FAST.waitingFor(Duration.ofSeconds(20))));
            Thread.sleep(500);
            assertFalse(second.isDone(), "waits while the first run holds the lease");
            first.close();
            try (OutputLease lease = second.get()) {
                lease.checkHeld();
                assertEquals("second", lease.holder().command());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void takenOverLeaseIsReportedLostToItsHolder() throws Exception {
        Path out = folder();
        try (OutputLease lease = OutputLease.acquire(conf, out, "first", FAST)) {
            long now = System.currentTimeMillis();
            writeLease(out, new OutputLease.Holder("intruder", "h", 1, "u", "other", now, now));
            OutputLease.LostException e = assertThrows(OutputLease.LostException.class, lease::checkHeld);
            assertTrue(e.getMessage().contains("intruder"), e.getMessage());
        }
        assertTrue(Files.exists(dir.resolve("out").resolve(OutputLease.NAME)), "the new holder's lease stays");
    }

    @Test
    void ofManyRunsStartedTogetherExactlyOneGetsTheLease() throws Exception {
        for (boolean stale : new boolean[] {false, true}) {
            Path out = new Path(folder(), stale ? "stale" : "empty");
            if (stale) {
                long old = System.currentTimeMillis() - 60_000;
                writeLease(out, new OutputLease.Holder("gone", "another-host", 42, "u", "old", old, old));
            }
            int n = 8;
            ExecutorService pool = Executors.newFixedThreadPool(n);
            CountDownLatch start = new CountDownLatch(1);
            List<Future<OutputLease>> runs = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String name = "run" + i;
                runs.add(pool.submit(() -> {
                    start.await();
                    try {
                        return OutputLease.acquire(conf, out, name, FAST);
                    } catch (OutputLease.HeldException e) {
                        return null;
                    }
                }));
            }
            start.countDown();
            List<OutputLease> winners = new ArrayList<>();
            for (Future<OutputLease> f : runs) {
                if (f.get() != null) {
                    winners.add(f.get());
                }
            }
            pool.shutdown();
            assertEquals(1, winners.size(), (stale ? "stale" : "empty") + " folder: one winner");
            winners.get(0).checkHeld();
            winners.get(0).close();
        }
    }

    private void writeLease(Path out, OutputLease.Holder h) throws IOException {
        FileSystem fs = out.getFileSystem(conf);
        fs.mkdirs(out);
        java.nio.file.Path file = dir.resolve(out.toUri().getPath().substring(dir.toString().length() + 1))
                .resolve(OutputLease.NAME);
        Files.write(file, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(h));
    }

    private List<String> leftovers() throws IOException {
        try (var s = Files.list(dir.resolve("out"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(OutputLease.NAME)).toList();
        }
    }
}
