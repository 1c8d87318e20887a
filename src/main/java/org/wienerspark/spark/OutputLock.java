package org.wienerspark.spark;

import java.io.IOException;
import java.time.Duration;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.io.OutputLease;

/**
 * One writer per output folder, for every job: the lease ({@link OutputLease}) of the output
 * folder, taken on the driver before anything is written and held until the job returns. How long
 * to wait for another run's lease is a Spark setting, so that the command line
 * ({@code --wait-for-lock}), {@code spark-submit --conf} and an embedding program set it alike.
 */
public final class OutputLock {

    /** Seconds to wait for a live holder to finish (0: refuse at once). */
    public static final String WAIT_SECONDS = "spark.wienerspark.lock.waitSeconds";

    private OutputLock() {
    }

    /** The lease timing of this session: the default heartbeat and staleness, its wait. */
    public static OutputLease.Timing timing(SparkSession spark) {
        long wait = Long.parseLong(spark.conf().get(WAIT_SECONDS, "0"));
        if (wait < 0) {
            throw new IllegalArgumentException(WAIT_SECONDS + " (--wait-for-lock) must be >= 0 seconds, not " + wait);
        }
        return OutputLease.Timing.DEFAULT.waitingFor(Duration.ofSeconds(wait));
    }

    /**
     * Takes the lease of {@code output} for {@code command}.
     *
     * @throws OutputLease.HeldException when another live run holds it past the wait
     */
    public static OutputLease take(SparkSession spark, String output, String command) throws IOException {
        return OutputLease.acquire(spark.sparkContext().hadoopConfiguration(), new Path(output),
                command + " --output " + output + " (application " + spark.sparkContext().applicationId() + ")",
                timing(spark));
    }
}
