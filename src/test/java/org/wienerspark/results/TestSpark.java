package org.wienerspark.results;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.job.SparkSetup;

/**
 * The local Spark session of the results, compare and report tests: the jobs' settings (Kryo with
 * their registrator, as the job tests' session), so that whichever test class starts the JVM's
 * one session first, every test runs with what the jobs run with.
 */
public final class TestSpark {

    private TestSpark() {
    }

    public static synchronized SparkSession get() {
        SparkSession s = SparkSession.builder().config(SparkSetup.configure(new SparkConf()
                .setMaster("local[2]")
                .setAppName("wiener-spark tests")
                .set("spark.ui.enabled", "false")
                .set("spark.driver.host", "127.0.0.1")
                .set("spark.driver.bindAddress", "127.0.0.1")
                .set("spark.sql.shuffle.partitions", "4"))).getOrCreate();
        s.sparkContext().setLogLevel("WARN");
        return s;
    }
}
