package org.wienerspark.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaFutureAction;
import org.apache.spark.api.java.JavaSparkContext;
import org.junit.jupiter.api.Test;

/** Waiting for task attempts still running, as a batch does at its end, on real Spark tasks. */
class RunningAttemptsTest {

    @Test
    void awaitNoneReturnsOnceEveryStartedAttemptHasEnded() throws Exception {
        SparkContext sc = SparkTestSession.get().sparkContext();
        RunningAttempts attempts = new RunningAttempts();
        sc.addSparkListener(attempts);
        try {
            JavaFutureAction<Void> job = tracked(attempts, sc, 1500);
            waitForAStart(attempts);
            attempts.awaitNone(sc, 60_000);
            assertEquals(0, attempts.count(), "attempts left");
            job.get();
        } finally {
            sc.removeSparkListener(attempts);
        }
    }

    @Test
    void awaitNoneGivesUpAfterItsTimeoutAndLeavesTheTasksRunning() throws Exception {
        SparkContext sc = SparkTestSession.get().sparkContext();
        RunningAttempts attempts = new RunningAttempts();
        sc.addSparkListener(attempts);
        try {
            JavaFutureAction<Void> job = tracked(attempts, sc, 5000);
            waitForAStart(attempts);
            attempts.awaitNone(sc, 100);
            assertTrue(attempts.count() > 0, "the tasks were still running");
            assertFalse(job.isDone(), "the job was still running");
            job.get();
        } finally {
            sc.removeSparkListener(attempts);
        }
    }

    @Test
    void jobsSubmittedOutsideTrackAreNotWaitedFor() throws Exception {
        SparkContext sc = SparkTestSession.get().sparkContext();
        RunningAttempts attempts = new RunningAttempts();
        sc.addSparkListener(attempts);
        try {
            // Another job of a shared session, from this thread but outside track().
            JavaFutureAction<Void> other = sleepingTasks(sc, 3000);
            while (sc.statusTracker().getActiveJobIds().length == 0) {
                Thread.sleep(20);
            }
            attempts.awaitNone(sc, 60_000);
            assertEquals(0, attempts.count(), "the other job's attempts were counted");
            assertFalse(other.isDone(), "awaitNone waited for the other job");
            other.get();
        } finally {
            sc.removeSparkListener(attempts);
        }
    }

    /** Tasks sleeping {@code millis}, submitted inside {@code attempts.track}. */
    private static JavaFutureAction<Void> tracked(RunningAttempts attempts, SparkContext sc, long millis) {
        List<JavaFutureAction<Void>> job = new java.util.ArrayList<>();
        attempts.track(sc, () -> job.add(sleepingTasks(sc, millis)));
        return job.get(0);
    }

    private static JavaFutureAction<Void> sleepingTasks(SparkContext sc, long millis) {
        return JavaSparkContext.fromSparkContext(sc).parallelize(List.of(1, 2), 2).foreachAsync(x -> Thread.sleep(millis));
    }

    private static void waitForAStart(RunningAttempts attempts) throws InterruptedException {
        for (int i = 0; i < 600 && attempts.count() == 0; i++) {
            Thread.sleep(50);
        }
        assertTrue(attempts.count() > 0, "no task started in 30 s");
    }
}
