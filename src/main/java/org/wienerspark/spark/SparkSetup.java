package org.wienerspark.spark;

import java.util.Arrays;
import java.util.stream.Collectors;
import org.apache.spark.SparkConf;

/** The Spark settings the jobs rely on, applied unless the user set them. */
public final class SparkSetup {

    private SparkSetup() {
    }

    /**
     * Kryo with the given jobs' classes registered (each job has its registrator, a
     * {@link org.apache.spark.serializer.KryoRegistrator}), and a buffer
     * large enough for a block.
     */
    public static SparkConf configure(SparkConf conf, Class<?>... registrators) {
        conf.setIfMissing("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
        conf.setIfMissing("spark.kryo.registrator", Arrays.stream(registrators).map(Class::getName)
                .collect(Collectors.joining(",")));
        conf.setIfMissing("spark.kryoserializer.buffer.max", "1g");
        conf.setIfMissing("spark.ui.showConsoleProgress", "false");
        return conf;
    }
}
