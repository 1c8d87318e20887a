package org.wienerspark.spark;

import java.io.PrintStream;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * The console progress line: the job's phase (scale, load, EM iteration i/n, write), tasks done
 * in the running stage with the blocks they stand for, elapsed time and the stage's ETA.
 * Rewritten in place at most twice a second; a new line at each phase.
 */
public final class ProgressListener extends SparkListener {

    private final PrintStream out;
    private final int blocks;
    /** What {@code blocks} counts, for the line ("blocks", "tracks"). */
    private final String unit;
    /** When the run started (System.nanoTime): elapsed time counts over all batches. */
    private final long start;
    private volatile String phase = "plan";
    private long stageStart;
    private int stageTasks;
    private int stageDone;
    private long lastPrint;

    public ProgressListener(PrintStream out, int blocks, long start) {
        this(out, blocks, start, "blocks");
    }

    /** A line counting {@code total} {@code unit} (the evaluation counts tracks). */
    public ProgressListener(PrintStream out, int total, long start, String unit) {
        this.out = out;
        this.start = start;
        this.blocks = total;
        this.unit = unit;
    }

    public synchronized void phase(String name) {
        if (lastPrint != 0) {
            out.println();
        }
        phase = name;
        lastPrint = 0;
        print(true);
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
        stageTasks = event.stageInfo().numTasks();
        stageDone = 0;
        stageStart = System.nanoTime();
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
        stageDone++;
        print(stageDone == stageTasks);
    }

    public synchronized void done() {
        if (lastPrint != 0) {
            out.println();
        }
    }

    private void print(boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastPrint < 500_000_000L) {
            return;
        }
        lastPrint = now;
        double elapsed = (now - start) / 1e9;
        StringBuilder line = new StringBuilder("\r[wiener-spark] ").append(phase);
        if (stageTasks > 0) {
            double fraction = (double) stageDone / stageTasks;
            line.append(String.format(" | tasks %d/%d (~%d/%d %s)", stageDone, stageTasks,
                    Math.round(fraction * blocks), blocks, unit));
            double stageElapsed = (now - stageStart) / 1e9;
            if (stageDone > 0 && stageDone < stageTasks) {
                line.append(" | stage ETA ").append(clock(stageElapsed / fraction - stageElapsed));
            }
        }
        line.append(" | elapsed ").append(clock(elapsed)).append("   ");
        out.print(line);
        out.flush();
    }

    private static String clock(double seconds) {
        long s = Math.round(seconds);
        return String.format("%d:%02d", s / 60, s % 60);
    }
}
