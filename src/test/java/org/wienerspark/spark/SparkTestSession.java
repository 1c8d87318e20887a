package org.wienerspark.spark;

import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.evaluation.EvaluationKryoRegistrator;
import org.wienerspark.separation.SeparationKryoRegistrator;

/** One local Spark session for the test JVM (a session takes seconds to start). */
public final class SparkTestSession {

    private static SparkSession session;

    private SparkTestSession() {
    }

    public static synchronized SparkSession get() {
        if (session == null) {
            SparkConf conf = SparkSetup.configure(new SparkConf()
                    .setMaster("local[2]")
                    .setAppName("wiener-spark tests")
                    .set("spark.ui.enabled", "false")
                    .set("spark.driver.host", "127.0.0.1")
                    .set("spark.driver.bindAddress", "127.0.0.1")
                    .set("spark.sql.shuffle.partitions", "4"),
                    SeparationKryoRegistrator.class, EvaluationKryoRegistrator.class);
            session = SparkSession.builder().config(conf).getOrCreate();
            session.sparkContext().setLogLevel("WARN");
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
