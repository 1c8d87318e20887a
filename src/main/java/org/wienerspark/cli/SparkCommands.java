package org.wienerspark.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.io.OutputLease;
import org.wienerspark.io.ScratchSpace;
import org.wienerspark.spark.OutputLock;
import org.wienerspark.spark.SparkSetup;

/**
 * What the Spark commands share: the session's lifecycle, the output folder's lease, the local
 * scratch space and the exit codes (0: every track succeeded; 1: some track failed, or the job
 * could not run; 2: a usage error, or the output folder is in use by another run).
 */
final class SparkCommands {

    static final int OK = 0;
    static final int TRACK_FAILED = 1;
    static final int USAGE = 2;

    private static final Logger LOG = LoggerFactory.getLogger(SparkCommands.class);

    private SparkCommands() {
    }

    /** A job on a session; returns the exit code. */
    interface Job {
        int run(SparkSession spark) throws Exception;
    }

    /** Where local runs keep Spark's scratch space (spark.local.dir), unless spark.local.dir is set. */
    static final String SCRATCH_DIR = "spark.wienerspark.scratch.dir";

    /**
     * Runs a job on the session: spark-submit and the launch scripts supply the master; an
     * embedding program's session is reused and left running, one made here is stopped. A run
     * whose output folder is in use by another is refused before Spark starts (exit 2); a local
     * run keeps its scratch space in its own folder under {@link #SCRATCH_DIR}, after removing the
     * folders of killed runs there.
     */
    static int run(String command, Class<?> registrator, String output, RunOptions options, Job job) {
        if (options.waitForLockSeconds < 0) {
            return usage(command, new IllegalArgumentException("--wait-for-lock must be >= 0 seconds, not "
                    + options.waitForLockSeconds));
        }
        if (options.waitForLockSeconds == 0) {
            Optional<OutputLease.Holder> holder = liveHolder(output);
            if (holder.isPresent()) {
                System.err.println("wiener-spark " + command + ": " + output + " is in use by another run: "
                        + holder.get().describe() + " (--wait-for-lock waits for it)");
                return USAGE;
            }
        }
        boolean owned = SparkSession.getDefaultSession().isEmpty();
        SparkConf conf = SparkSetup.configure(new SparkConf().setAppName("wiener-spark " + command), registrator);
        ScratchSpace scratch = null;
        try {
            if (owned && conf.get("spark.master", "local").startsWith("local") && !conf.contains("spark.local.dir")
                    && System.getenv("SPARK_LOCAL_DIRS") == null) {
                scratch = ScratchSpace.claim(Path.of(conf.get(SCRATCH_DIR, ScratchSpace.defaultRoot().toString())));
                conf.set("spark.local.dir", scratch.dir().toString());
            }
        } catch (IOException e) {
            LOG.error("cannot make the scratch space under {}", conf.get(SCRATCH_DIR, "the default"), e);
            System.err.println("wiener-spark " + command + ": cannot make the scratch space: " + e.getMessage()
                    + " (set " + SCRATCH_DIR + " with --conf)");
            return TRACK_FAILED;
        }
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        spark.conf().set(OutputLock.WAIT_SECONDS, Long.toString(options.waitForLockSeconds));
        try {
            return job.run(spark);
        } catch (OutputLease.HeldException e) {
            System.err.println("wiener-spark " + command + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            LOG.error("wiener-spark {} failed", command, e);
            System.err.println("wiener-spark " + command + ": " + e.getMessage());
            return TRACK_FAILED;
        } finally {
            if (owned) {
                spark.stop();
            }
            closeQuietly(scratch);
        }
    }

    /** The live holder of the output folder's lease, looked at before Spark starts. */
    private static Optional<OutputLease.Holder> liveHolder(String output) {
        org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path(output);
        // A private instance, closed here, so the job's FileSystem.get does not return one made
        // without the session's settings.
        try (FileSystem fs = FileSystem.newInstance(out.toUri(), OptionChecks.driverHadoopConf())) {
            return OutputLease.liveHolder(fs, out, OutputLease.Timing.DEFAULT);
        } catch (IOException | RuntimeException e) {
            LOG.debug("no look at the lease of {} before the run (the job takes it)", output, e);
            return Optional.empty();
        }
    }

    private static void closeQuietly(ScratchSpace scratch) {
        if (scratch == null) {
            return;
        }
        try {
            scratch.close();
        } catch (IOException e) {
            LOG.warn("could not remove the scratch space {}", scratch.dir(), e);
        }
    }

    /** A usage error: the message, exit code 2. */
    static int usage(String command, IllegalArgumentException e) {
        System.err.println("wiener-spark " + command + ": " + e.getMessage());
        return USAGE;
    }
}
