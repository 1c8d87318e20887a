package org.wienerspark.separation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.wienerspark.dsp.Range;
import org.wienerspark.dsp.Stft;
import scala.Tuple2;

/**
 * How an iteration's models reach the blocks for the map ({@link EmPass}): by broadcast when
 * all of them fit under {@code --broadcast-limit-mb}, else by a co-partitioned join that sends
 * each (track, group) model only to the partitions holding a block that needs it.
 */
final class ModelRouting {

    private ModelRouting() {
    }

    /**
     * The map of an iteration: new estimates for every block from its groups' models, and
     * with {@code statistics} the next iteration's partials and the blocks' v ({@link EmPass}).
     */
    static JavaRDD<BlockRecord> applyModels(BatchContext batch, JavaRDD<BlockRecord> blocks,
                                            JavaPairRDD<Long, GroupModel> models, boolean statistics) {
        Set<Integer> skip = batch.failedTracks();
        double eps = batch.config.eps();
        boolean single = batch.config.singlePrecision();
        long bytes = models.count() * batch.modelBytes;
        if (bytes <= batch.config.broadcastLimitBytes()) {
            Broadcast<Map<Long, GroupModel>> b = batch.jsc.broadcast(new HashMap<>(models.collectAsMap()));
            return blocks.mapPartitionsWithIndex((p, it) -> new EmPass(p, it, b.value(), skip, eps, single,
                    statistics), true);
        }
        // Too large to broadcast: send each model to the partitions whose blocks need it.
        Broadcast<Map<Long, int[]>> whereB = batch.jsc.broadcast(partitionsOfGroups(batch));
        JavaPairRDD<Long, Tuple2<Long, GroupModel>> routed = models.flatMapToPair(m -> {
            int[] ps = whereB.value().getOrDefault(m._1(), new int[0]);
            List<Tuple2<Long, Tuple2<Long, GroupModel>>> r = new ArrayList<>();
            for (int p : ps) {
                r.add(new Tuple2<>((long) p << 32, m));
            }
            return r.iterator();
        }).partitionBy(new TrackPartitioner(batch.partitions));
        return blocks.zipPartitions(routed, (it, ms) -> {
            Map<Long, GroupModel> local = new HashMap<>();
            ms.forEachRemaining(m -> local.put(m._2()._1(), m._2()._2()));
            return new EmPass(TaskContext.getPartitionId(), it, local, skip, eps, single, statistics);
        });
    }

    /** For every (track, group), the partitions holding a block whose frames (halo included) touch it. */
    private static Map<Long, int[]> partitionsOfGroups(BatchContext batch) {
        SeparationConfig config = batch.config;
        Stft stft = new Stft(config.nFft(), config.hop());
        List<TrackPlan> ps = batch.plans.value();
        Map<Long, Set<Integer>> where = new HashMap<>();
        for (int p = 0; p < batch.slices.size(); p++) {
            for (BlockSpec s : batch.slices.get(p)) {
                Range held = stft.haloFrames(ps.get(s.track()).samples(), s.ownedStart(), s.ownedEnd());
                int w = config.emWindowFrames();
                for (int g = FrameBlock.group(held.start(), w); g <= FrameBlock.group(held.end() - 1, w); g++) {
                    where.computeIfAbsent(FrameBlock.groupKey(s.track(), g), k -> new HashSet<>()).add(p);
                }
            }
        }
        Map<Long, int[]> out = new HashMap<>();
        where.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).sorted().toArray()));
        return out;
    }
}
