package org.wienerspark.spark;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.SparkListenerTaskStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task attempts of one caller's jobs still running. A job's action returns once each
 * partition has one successful attempt; a speculative twin (or a zombie attempt of a retried
 * stage) may still be running then, killed by Spark but not yet ended: its temporary files are
 * removed only when it ends (the write task's failure listener). A run waits for those attempts
 * ({@link #awaitNone}) before it reports and its folder is final, so a finished run never shows
 * a twin's temporaries, and the event log records how each attempt ended.
 *
 * <p>Only the jobs submitted from a thread inside {@link #track} count: on a session shared with
 * other work (the library API), other jobs' tasks are not waited for.
 */
public final class RunningAttempts extends SparkListener {

    private static final Logger LOG = LoggerFactory.getLogger(RunningAttempts.class);
    /** The Spark local property that marks the jobs of one tracker. */
    static final String PROPERTY = "wienerspark.attempts.tracker";

    private final String id = java.util.UUID.randomUUID().toString();
    private final Set<Integer> stages = new HashSet<>();
    private final Set<Long> running = new HashSet<>();

    /**
     * Runs {@code body} with the jobs it submits from this thread marked as this tracker's (a
     * Spark local property, restored afterwards).
     */
    public void track(SparkContext sc, Runnable body) {
        String previous = sc.getLocalProperty(PROPERTY);
        sc.setLocalProperty(PROPERTY, id);
        try {
            body.run();
        } finally {
            sc.setLocalProperty(PROPERTY, previous);
        }
    }

    @Override
    public synchronized void onJobStart(SparkListenerJobStart event) {
        java.util.Properties p = event.properties();
        if (p != null && id.equals(p.getProperty(PROPERTY))) {
            for (Object stage : scala.jdk.javaapi.CollectionConverters.asJava(event.stageIds())) {
                stages.add((Integer) stage);
            }
        }
    }

    @Override
    public synchronized void onTaskStart(SparkListenerTaskStart event) {
        if (stages.contains(event.stageId())) {
            running.add(event.taskInfo().taskId());
        }
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        running.remove(event.taskInfo().taskId());
        notifyAll();
    }

    /** Attempts started and not ended, as heard so far. */
    public synchronized int count() {
        return running.size();
    }

    /**
     * Waits until every attempt started so far has ended, or {@code millis} have passed (then
     * logs what is left: an attempt that ignores its kill must not hold the run forever).
     */
    public void awaitNone(SparkContext sc, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        try {
            // Events reach listeners asynchronously: first hear every start posted so far.
            // (private[spark] in Scala, public to Java.)
            sc.listenerBus().waitUntilEmpty(millis);
            synchronized (this) {
                long left;
                while (!running.isEmpty() && (left = deadline - System.currentTimeMillis()) > 0) {
                    wait(left);
                }
                if (!running.isEmpty()) {
                    LOG.warn("{} task attempt(s) still running {} ms after the stage ended: ids {}",
                            running.size(), millis, running);
                }
            }
        } catch (TimeoutException e) {
            LOG.warn("Spark's listener bus did not drain in {} ms", millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
