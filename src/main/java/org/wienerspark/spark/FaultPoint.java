package org.wienerspark.spark;

/**
 * Test-only: named points of a job where an integration test can stop it, to kill it there
 * deterministically (KillAtEachStageIT). Off unless the JVM runs with
 * {@code -Dwienerspark.test.pauseAt=NAME}: then every thread that reaches the point NAME prints
 * {@code [wiener-spark] test pause at NAME} and sleeps until the JVM is killed. Users never set
 * it; when unset, {@link #reach} is one comparison with an empty string. The property is read
 * here only, once, in the JVM that runs the task (local mode: the job's one JVM).
 */
public final class FaultPoint {

    /** The point to stop at, or "" (the default: never stop). */
    private static final String PAUSE_AT = System.getProperty("wienerspark.test.pauseAt", "");

    private FaultPoint() {
    }

    /** Stops the calling thread for good when {@code name} is the point the test asked for. */
    public static void reach(String name) {
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
}
