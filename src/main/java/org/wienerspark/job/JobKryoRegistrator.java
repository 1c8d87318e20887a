package org.wienerspark.job;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the job's classes with Kryo: the bulky ones (blocks, statistics, audio) with
 * Kryo's field serializer, the records (plans, results, specs: small and few) with Java
 * serialisation, since Kryo's field serializer cannot build records.
 */
public final class JobKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        for (Class<?> c : List.of(FrameBlock.class, GroupStats.class, GroupStats[].class, GroupModel.class,
                BlockAudio.class, TrackScale.class, double[].class, float[].class, int[].class, long[].class)) {
            kryo.register(c);
        }
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : List.of(BlockSpec.class, TrackPlan.class, TrackResult.class, JobConfig.class,
                EvaluationConfig.class, EvaluationTrack.class, EvaluationResult.class, EvaluationResult.Group.class,
                org.wienerspark.eval.TrackMetrics.class, org.wienerspark.eval.Framing.class,
                org.wienerspark.eval.DistortionFilters.class, TrackEvaluator.GroupPlan.class, TrackEvaluator.GroupFit.class,
                TrackEvaluator.TrackFit.class, TrackEvaluator.FrameTask.class, TrackEvaluator.FrameScores.class)) {
            kryo.register(c, java);
        }
    }
}
