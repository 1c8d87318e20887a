package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local scratch space: a killed run's folder is removed by the next run, a live one is kept. */
class ScratchSpaceTest {

    @TempDir
    Path root;

    @Test
    void aKilledRunsFolderIsRemovedAndALiveRunsKept() throws Exception {
        Process killed = new ProcessBuilder("sleep", "30").start();
        Path dead = run(killed.pid(), killed.info().startInstant().orElseThrow().toString());
        Files.createDirectories(dead.resolve("blockmgr-1/0a"));
        Files.write(dead.resolve("blockmgr-1/0a/shuffle_0_0_0.data"), new byte[1 << 20]);
        killed.destroyForcibly().waitFor();

        Process other = new ProcessBuilder("sleep", "30").start();
        try {
            Path live = run(other.pid(), other.info().startInstant().orElseThrow().toString());
            try (ScratchSpace scratch = ScratchSpace.claim(root)) {
                assertFalse(Files.exists(dead), "the killed run's scratch space is removed");
                assertEquals(1, scratch.cleaned().folders().size());
                assertTrue(scratch.cleaned().bytes() >= 1 << 20);
                assertTrue(Files.exists(live), "a live run's scratch space stays");
                assertTrue(Files.isDirectory(scratch.dir()));
                assertEquals("run-" + ProcessHandle.current().pid(), scratch.dir().getFileName().toString());
                Files.write(scratch.dir().resolve("spill"), new byte[10]);
            }
            assertFalse(Files.exists(root.resolve("run-" + ProcessHandle.current().pid())), "own folder removed");
        } finally {
            other.destroyForcibly().waitFor();
        }
    }

    @Test
    void aReusedPidWithAnotherStartTimeIsADeadRun() throws IOException {
        Path stale = run(ProcessHandle.current().pid() == 1 ? 2 : 1, "1970-01-01T00:00:00Z");
        // pid 1 is alive (init) but did not start in 1970: not the run that made the folder
        assertFalse(ScratchSpace.isLive(stale));
        ScratchSpace.cleanDead(root);
        assertFalse(Files.exists(stale));
    }

    private Path run(long pid, String started) throws IOException {
        Path dir = Files.createDirectories(root.resolve("run-" + pid));
        Files.writeString(dir.resolve("owner"), pid + " " + started, StandardCharsets.UTF_8);
        return dir;
    }
}
