package org.wienerspark.evaluation;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers the evaluation's classes with Kryo, all with Java serialisation: they are records
 * (which Kryo's field serializer cannot build), and few (one per track or per window range).
 */
public final class EvaluationKryoRegistrator implements KryoRegistrator {

    @Override
    public void registerClasses(Kryo kryo) {
        JavaSerializer java = new JavaSerializer();
        for (Class<?> c : List.of(EvaluationConfig.class, EvaluationTrack.class, EvaluationResult.class,
                EvaluationResult.Group.class, org.wienerspark.eval.TrackMetrics.class,
                org.wienerspark.eval.Framing.class, org.wienerspark.eval.DistortionFilters.class,
                TrackEvaluator.GroupPlan.class, TrackEvaluator.GroupFit.class, TrackEvaluator.TrackFit.class,
                TrackEvaluator.FrameTask.class, TrackEvaluator.FrameScores.class, FamilyScores.class,
                org.wienerspark.eval.SetScores.class, org.wienerspark.eval.Frames.class,
                org.wienerspark.eval.EvalWindow.class, org.wienerspark.eval.MetricSet.class)) {
            kryo.register(c, java);
        }
    }
}
