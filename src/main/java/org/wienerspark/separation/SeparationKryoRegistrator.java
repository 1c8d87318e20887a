package org.wienerspark.separation;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;
import org.wienerspark.spark.Failure;

/**
 * Registers the separation's classes with Kryo: the bulky ones (blocks, statistics, audio) with
 * Kryo's field serializer, the records (plans, results, specs: small and few) with Java
 * serialisation, since Kryo's field serializer cannot build records.
 */
public final class SeparationKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : List.of(FrameBlock.class, FailedBlock.class, PartialsCarrier.class, GroupStats.class,
                GroupStats[].class, GroupModel.class, BlockAudio.class, TrackScale.class, double[].class,
                float[].class, int[].class, long[].class, short[].class)) {
            kryo.register(c);
        }
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : List.of(BlockSpec.class, TrackPlan.class, TrackResult.class, SeparationConfig.class,
                Failure.class)) {
            kryo.register(c, java);
        }
    }
}
