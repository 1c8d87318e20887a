package org.wienerspark.separation;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.FaultPoint;
import org.wienerspark.spark.HadoopConf;
import org.wienerspark.spark.Iterators;
import scala.Tuple2;

/**
 * The scale stage: each block's largest mixture modulus over its owned frames, reduced per
 * (track, group) by maximum (exact in any order), gives norbert's scale
 * {@code max(1, max|x| / 10)} ({@link org.wienerspark.core.Wiener#scaleOf}). Runs only when EM
 * does; a mixture that cannot be read fails its track here.
 */
final class ScaleStage {

    private static final Logger LOG = LoggerFactory.getLogger(ScaleStage.class);

    private ScaleStage() {
    }

    /** Per track, the scale of each group (an empty map without EM: scale 1). */
    static Map<Integer, double[]> run(BatchContext batch, JavaRDD<BlockSpec> specs) {
        if (batch.config.iterations() == 0) {
            return new HashMap<>();
        }
        batch.report.progress("scale");
        SeparationConfig cfg = batch.config;
        HadoopConf conf = batch.hadoop;
        Broadcast<List<TrackPlan>> plansB = batch.plans;
        Map<Integer, TrackScale> perTrack = specs.mapPartitionsToPair(it -> {
            FaultPoint.reach("scale");
            BlockLoader loader = new BlockLoader(cfg, conf.get());
            List<TrackPlan> ps = plansB.value();
            return Iterators.map(it, spec -> new Tuple2<>(spec.track(), blockMax(loader, ps.get(spec.track()), spec,
                    cfg.emWindowFrames())));
        }).reduceByKey(TrackScale::merge).collectAsMap();
        Map<Integer, double[]> scales = new HashMap<>();
        for (Map.Entry<Integer, TrackScale> e : perTrack.entrySet()) {
            TrackScale s = e.getValue();
            if (s.failure != null) {
                batch.fail(e.getKey(), s.failure);
            } else {
                scales.put(e.getKey(), s.scales());
            }
        }
        return scales;
    }

    /** One block's maxima, placed among its track's groups; or why its mixture could not be read. */
    private static TrackScale blockMax(BlockLoader loader, TrackPlan p, BlockSpec spec, int emWindow) {
        int groups = FrameBlock.group(p.frames() - 1, emWindow) + 1;
        try {
            double[] max = loader.ownedMaxAbs(p, spec);
            double[] all = new double[groups];
            System.arraycopy(max, 0, all, FrameBlock.group(spec.ownedStart(), emWindow), max.length);
            return TrackScale.of(all);
        } catch (IOException | RuntimeException e) {
            return TrackScale.failed(spec.block(), Failure.caught(LOG, e, p.mixture(),
                    "scale of block " + spec.block() + " of track '" + p.name() + "'"));
        }
    }
}
