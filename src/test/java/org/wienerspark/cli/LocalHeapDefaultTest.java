package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The heap the local launchers give the JVM when the user sets none ({@code default_heap} of
 * {@code jobs/lib.sh}): 2g for one task slot and 1g per further slot, as the master that wins on
 * the command line says, at most half the machine's memory and never under 2g. Runs the real
 * lib.sh function in bash; no JVM is started.
 */
class LocalHeapDefaultTest {

    @Test
    void oneSlotGetsTwoGigabytes() throws Exception {
        assertEquals("2048m", heap("local[1]", ""));
        assertEquals("2048m", heap("local", ""));
    }

    @Test
    void eachFurtherSlotAddsOneGigabyte() throws Exception {
        assertEquals(capped(3072), heap("local[2]", ""));
        assertEquals(capped(5120), heap("local[4,2]", ""), "local[N,F]: N slots, F retries");
    }

    @Test
    void allCoresCountsTheCores() throws Exception {
        assertEquals(capped(1024 + 1024 * Runtime.getRuntime().availableProcessors()), heap("local[*]", ""));
    }

    @Test
    void confMasterWinsOverTheEnvironment() throws Exception {
        assertEquals(capped(4096), heap("local[1]", "SPARK_CONF_OPTS=(-Dspark.master=local[3]);"));
    }

    @Test
    void manySlotsAreCappedAtHalfTheMemoryButNotUnderTwoGigabytes() throws Exception {
        long half = memTotalMb() / 2;
        assertEquals(Math.max(2048, Math.min(1024 + 1024 * 512, half)) + "m", heap("local[512]", ""));
        assertTrue(half < 1024 + 1024 * 512, "this machine has more than a terabyte: the cap is not exercised");
    }

    private static String capped(long mb) throws Exception {
        return Math.max(2048, Math.min(mb, memTotalMb() / 2)) + "m";
    }

    private static long memTotalMb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024;
            }
        }
        throw new IllegalStateException("no MemTotal in /proc/meminfo");
    }

    private static String heap(String master, String setup) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source jobs/lib.sh; " + setup + " default_heap");
        pb.environment().put("SPARK_MASTER", master);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "default_heap did not finish");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), err);
        return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
