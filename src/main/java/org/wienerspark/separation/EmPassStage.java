package org.wienerspark.separation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.FaultPoint;
import org.wienerspark.spark.HadoopConf;
import org.wienerspark.spark.Iterators;
import scala.Tuple2;

/**
 * Load and the EM passes: each block reads its samples and computes its STFTs and initial
 * estimates ({@link BlockLoader}); the first pass ({@link EmPass}) then takes their statistics
 * and power spectral densities; each iteration aggregates the partials into the models of
 * every (track, group), merged in partition order so that reruns are byte-identical.
 */
final class EmPassStage {

    private static final Logger LOG = LoggerFactory.getLogger(EmPassStage.class);

    private EmPassStage() {
    }

    /** The loaded blocks, lazily: a block that cannot be loaded becomes a {@link FailedBlock}. */
    static JavaRDD<BlockRecord> load(BatchContext batch, JavaRDD<BlockSpec> specs, Broadcast<Map<Integer, double[]>> scales) {
        SeparationConfig cfg = batch.config;
        HadoopConf conf = batch.hadoop;
        Broadcast<List<TrackPlan>> plansB = batch.plans;
        return specs.mapPartitions(it -> {
            BlockLoader loader = new BlockLoader(cfg, conf.get());
            List<TrackPlan> ps = plansB.value();
            Map<Integer, double[]> sc = scales.value();
            return Iterators.map(it, spec -> load(loader, ps.get(spec.track()), spec, sc.get(spec.track())));
        });
    }

    private static BlockRecord load(BlockLoader loader, TrackPlan plan, BlockSpec spec, double[] trackScales) {
        try {
            return loader.load(plan, spec, trackScales);
        } catch (IOException | RuntimeException e) {
            return new FailedBlock(spec.track(), spec.block(), Failure.caught(LOG, e, plan.mixture(),
                    "load block " + spec.block() + " of track '" + plan.name() + "'"));
        }
    }

    /** The first pass: the statistics of the loaded estimates, and the blocks' v. */
    static JavaRDD<BlockRecord> firstPass(BatchContext batch, JavaRDD<BlockRecord> blocks) {
        Set<Integer> skip = batch.failedTracks();
        double eps = batch.config.eps();
        boolean single = batch.config.singlePrecision();
        return blocks.mapPartitionsWithIndex((p, it) -> new EmPass(p, it, null, skip, eps, single, true), true);
    }

    /**
     * The aggregation of an iteration: per (track, group), R from the partials that the
     * previous pass ({@link EmPass}) left on the blocks, merged in partition order. A failed
     * partial fails its track.
     */
    static JavaPairRDD<Long, GroupModel> models(BatchContext batch, JavaRDD<BlockRecord> blocks, int iteration) {
        Set<Integer> skip = batch.failedTracks();
        double eps = batch.config.eps();
        String point = "em-" + iteration;
        JavaPairRDD<Long, GroupModel> models = blocks.flatMapToPair(b -> {
                    FaultPoint.reach(point);
                    List<Tuple2<Long, GroupStats>> ps = new ArrayList<>(b.partials().length);
                    for (GroupStats p : b.partials()) {
                        if (!skip.contains(FrameBlock.trackOf(p.key))) {
                            ps.add(new Tuple2<>(p.key, p));
                        }
                    }
                    return ps.iterator();
                })
                .groupByKey()
                .mapValues(ps -> GroupStats.merge(ps, eps))
                .persist(StorageLevel.MEMORY_AND_DISK_SER());
        for (Tuple2<Long, GroupModel> f : models.filter(t -> t._2().failure != null).collect()) {
            batch.fail(FrameBlock.trackOf(f._1()), f._2().failure);
        }
        return models;
    }
}
