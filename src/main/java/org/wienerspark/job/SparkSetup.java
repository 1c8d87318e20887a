package org.wienerspark.job;

import org.apache.spark.SparkConf;

/** The Spark settings the job relies on, applied unless the user set them. */
public final class SparkSetup {

    private SparkSetup() {
    }

    /** Kryo with the job's classes registered, and a buffer large enough for a block. */
    public static SparkConf configure(SparkConf conf) {
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", JobKryoRegistrator.class.getName());
        conf.setIfMissing("spark.kryoserializer.buffer.max", "1g");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }
}
