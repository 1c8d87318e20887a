package org.wienerspark.cli;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.spark.SparkSetup;

/**
 * What the Spark commands share: the session's lifecycle and the exit codes (0: every track
 * succeeded; 1: some track failed, or the job could not run; 2: a usage error).
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

    /**
     * Runs a job on the session: spark-submit and the launch scripts supply the master; an
     * embedding program's session is reused and left running, one made here is stopped.
     */
    static int run(String command, Class<?> registrator, Job job) {
        boolean owned = SparkSession.getDefaultSession().isEmpty();
        SparkConf conf = SparkSetup.configure(new SparkConf().setAppName("wiener-spark " + command), registrator);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            return job.run(spark);
        } catch (Exception e) {
            LOG.error("wiener-spark {} failed", command, e);
            System.err.println("wiener-spark " + command + ": " + e.getMessage());
            return TRACK_FAILED;
        } finally {
            if (owned) {
                spark.stop();
            }
        }
    }

    /** A usage error: the message, exit code 2. */
    static int usage(String command, IllegalArgumentException e) {
        System.err.println("wiener-spark " + command + ": " + e.getMessage());
        return USAGE;
    }
}
