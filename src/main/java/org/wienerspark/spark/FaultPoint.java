package org.wienerspark.spark;

/**
 * Test-only: named points of a job where an integration test can stop it, to kill it there
 * deterministically (KillAtEachStageIT). Off unless the JVM runs with
 * {@code -Dwienerspark.test.pauseAt=NAME}: then every thread that reaches the point NAME prints
 * {@code [wiener-spark] test pause at NAME} and sleeps until the JVM is killed. With
 * {@code -Dwienerspark.test.slowFirstAttemptAt=NAME} (on the executors), the first attempt of
 * partition 0 that reaches NAME waits until it is killed (at most {@value #SLOW_SECONDS} s), once
 * per JVM, so that Spark's speculation has a straggler to copy whose copy wins for certain
 * (ClusterFaultsIT); killed, it ends as Spark's own interruptible iterators do. Users never set either; when unset, {@link #reach} is two
 * comparisons with an empty string. The properties are read here only, once, in the JVM that runs
 * the task (local mode: the job's one JVM).
 */
public final class FaultPoint {

    /** The point to stop at, or "" (the default: never stop). */
    private static final String PAUSE_AT = System.getProperty("wienerspark.test.pauseAt", "");
    /** The point where partition 0's first attempt is slowed, or "" (the default: never). */
    private static final String SLOW_AT = System.getProperty("wienerspark.test.slowFirstAttemptAt", "");
    static final int SLOW_SECONDS = 300;
    private static final java.util.concurrent.atomic.AtomicBoolean SLOWED =
            new java.util.concurrent.atomic.AtomicBoolean();

    private FaultPoint() {
    }

    /** Stops the calling thread for good when {@code name} is the point the test asked for. */
    public static void reach(String name) {
        if (!SLOW_AT.isEmpty() && SLOW_AT.equals(name)) {
            slowFirstAttempt(name);
        }
        if (PAUSE_AT.isEmpty() || !PAUSE_AT.equals(name)) {
            return;
        }
        System.out.println("[wiener-spark] test pause at " + name);
        System.out.flush();
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            // A killed task: let it end as Spark asked.
            Thread.currentThread().interrupt();
        }
    }

    private static void slowFirstAttempt(String name) {
        org.apache.spark.TaskContext tc = org.apache.spark.TaskContext.get();
        if (tc == null || tc.attemptNumber() != 0 || tc.partitionId() != 0 || !SLOWED.compareAndSet(false, true)) {
            return;
        }
        System.out.println("[wiener-spark] test slow first attempt at " + name);
        try {
            Thread.sleep(SLOW_SECONDS * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            tc.killTaskIfInterrupted(); // the speculative copy won: end this attempt as killed
        }
    }
}
