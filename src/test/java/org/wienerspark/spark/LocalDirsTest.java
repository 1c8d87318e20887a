package org.wienerspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task's local folder is the first of the folders Spark uses, by Spark's precedence. */
class LocalDirsTest {

    private static Path pick(Map<String, String> env, String sparkLocalDir) {
        return LocalDirs.pick(env::get, sparkLocalDir);
    }

    @Test
    void yarnContainerDirsComeFirst() {
        assertEquals(Path.of("/nm/appcache/app_1"), pick(Map.of("CONTAINER_ID", "container_1",
                "LOCAL_DIRS", "/nm/appcache/app_1,/nm2/appcache/app_1", "SPARK_LOCAL_DIRS", "/other"), "/scratch"));
    }

    @Test
    void localDirsOutsideAContainerAreNotYarns() {
        assertEquals(Path.of("/scratch/run-1"), pick(Map.of("LOCAL_DIRS", "/nm/x"), "/scratch/run-1"));
    }

    @Test
    void standaloneExecutorDirsThenSparkLocalDirsThenTheSetting() {
        assertEquals(Path.of("/w/executor-1"), pick(Map.of("SPARK_EXECUTOR_DIRS", "/w/executor-1:/w2/executor-1",
                "SPARK_LOCAL_DIRS", "/other"), "/scratch"));
        assertEquals(Path.of("/other"), pick(Map.of("SPARK_LOCAL_DIRS", "/other, /more"), "/scratch"));
        assertEquals(Path.of("/scratch/run-1"), pick(Map.of(), "/scratch/run-1,/more"));
    }

    @Test
    void nothingConfiguredMeansTheJvmsTemporaryFolder() {
        assertNull(pick(Map.of(), null));
        assertNull(pick(Map.of("SPARK_LOCAL_DIRS", " "), ""));
    }
}
