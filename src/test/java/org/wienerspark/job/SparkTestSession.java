package org.wienerspark.job;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** One local Spark session for the test JVM (a session takes seconds to start). */
final class SparkTestSession {

    private static SparkSession session;

    private SparkTestSession() {
    }

    static synchronized SparkSession get() {
        if (session == null) {
            SparkConf conf = SparkSetup.configure(new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("wiener-spark tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.sql.shuffle.partitions", "4"));
            session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
