package org.wienerspark.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.demo.DemoCorpus;

/**
 * The local launcher's scratch space (spark.local.dir): a killed run's folder under the scratch
 * root is removed by the next run, and a run that ends leaves nothing there.
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
        Files.writeString(root.resolve("run-" + killed.pid()).resolve("owner"),
                killed.pid() + " " + killed.info().startInstant().orElseThrow(), StandardCharsets.UTF_8);
        killed.destroyForcibly().waitFor();

        Path log = dir.resolve("separate.log");
        int exit = JobScripts.run(log, Map.of("DRIVER_MEMORY", "1g"), "separate", List.of(
                "--mixtures", dir.resolve("data/mixtures").toString(),
                "--estimates", dir.resolve("data/estimates").toString(),
                "--output", dir.resolve("out").toString(), "--n-fft", "512", "--hop", "128", "--quiet",
                "--conf", "spark.wienerspark.scratch.dir=" + root));
        assertEquals(0, exit, JobScripts.tail(log));
        assertFalse(Files.exists(root.resolve("run-" + killed.pid())), "the killed run's folder is removed");
        String text = Files.readString(log);
        assertTrue(text.contains("removed the scratch space of 1 killed run(s)"), JobScripts.tail(log));
        try (var runs = Files.list(root)) {
            assertEquals(List.of(), runs.toList(), "a run that ends leaves no scratch folder");
        }
    }
}
