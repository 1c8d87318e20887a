package org.wienerspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.demo.DemoCorpus;

/**
 * The local launcher's scratch space (spark.local.dir): a killed run's folder under the scratch
 * root, shuffle files and FLAC spool files alike, is removed by the next run, and a run that ends
 * leaves nothing there. A FLAC-output run spools its frames there, never in {@code java.io.tmpdir}.
 */
class ScratchSpaceIT {

    @TempDir
    Path dir;

    @Test
    void aKilledRunsScratchSpaceIsRemovedByTheNextRun() throws Exception {
        DemoCorpus.write(new Configuration(), dir.resolve("data").toString(), 1, 2);
        Path root = dir.resolve("scratch");
        Process killed = new ProcessBuilder("sleep", "60").start();
        Path left = Files.createDirectories(root.resolve("run-" + killed.pid()).resolve("blockmgr-x/0c"));
        Files.write(left.resolve("shuffle_0_0_0.data"), new byte[4 << 20]);
        Files.write(root.resolve("run-" + killed.pid()).resolve("wienerspark-flac-1.spool"), new byte[1 << 20]);
        Files.writeString(root.resolve("run-" + killed.pid()).resolve("owner"),
                killed.pid() + " " + killed.info().startInstant().orElseThrow(), StandardCharsets.UTF_8);
        killed.destroyForcibly().waitFor();

        // The run's own java.io.tmpdir, watched for spool files; frames spool beyond 4 kB, so every
        // FLAC stem of the corpus (a few seconds each) goes through a spool file.
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> created = new java.util.ArrayList<>();
        Path log = dir.resolve("separate.log");
        int exit;
        try (WatchService watch = tmp.getFileSystem().newWatchService()) {
            tmp.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
            exit = JobScripts.run(log, Map.of("DRIVER_MEMORY", "1g", "JAVA_OPTS", "-Djava.io.tmpdir=" + tmp
                    + " -Dwienerspark.flac.spoolInMemory=4096"), "separate", List.of(
                    "--mixtures", dir.resolve("data/mixtures").toString(),
                    "--estimates", dir.resolve("data/estimates").toString(),
                    "--output", dir.resolve("out").toString(), "--n-fft", "512", "--hop", "128", "--quiet",
                    "--output-format", "flac",
                    "--conf", "spark.wienerspark.scratch.dir=" + root));
            for (WatchKey key = watch.poll(); key != null; key = watch.poll()) {
                key.pollEvents().forEach(e -> created.add(String.valueOf(e.context())));
            }
        }
        assertEquals(0, exit, JobScripts.tail(log));
        assertEquals(List.of(), created.stream().filter(n -> n.endsWith(".spool")).toList(),
                "no FLAC spool file in java.io.tmpdir");
        try (var stems = Files.list(dir.resolve("out").resolve("demo-01"))) {
            assertTrue(stems.anyMatch(f -> f.getFileName().toString().endsWith(".flac")), "FLAC stems written");
        }
        assertFalse(Files.exists(root.resolve("run-" + killed.pid())), "the killed run's folder is removed");
        String text = Files.readString(log);
        assertTrue(text.contains("removed the scratch space of 1 killed run(s)"), JobScripts.tail(log));
        try (var runs = Files.list(root)) {
            assertEquals(List.of(), runs.toList(), "a run that ends leaves no scratch folder");
        }
    }
}
