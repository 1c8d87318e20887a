package org.wienerspark.separation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.wienerspark.spark.RunningAttempts;

/**
 * One run of the stages over a batch of tracks ({@link SeparationJob#batches}): the blocks cut
 * into tasks ({@link BatchContext}), then {@link ScaleStage}, {@link EmPassStage} (load and the
 * EM passes, with {@link ModelRouting} bringing each iteration's models to the blocks) and
 * {@link WriteStage}.
 */
final class Batch {

    /**
     * Blocks between stages: serialised on local disk, i.e. in the OS page cache while it has
     * room. Measured against MEMORY_AND_DISK_SER (jobs/bench, README): the same serialisation,
     * but no gigabytes of cached bytes in the heap for the collector to copy, so 6x less GC time
     * and a heap set by the blocks in flight, not by the track.
     */
    static final StorageLevel BLOCK_STORAGE = StorageLevel.DISK_ONLY();

    /** How long a batch waits for attempts killed at its end to finish (a kill takes ms). */
    static final long STRAGGLER_WAIT_MILLIS = 60_000L;

    private final BatchContext ctx;

    Batch(BatchContext ctx) {
        this.ctx = ctx;
    }

    void run() {
        int blocks = ctx.slices.stream().mapToInt(List::size).sum();
        RunningAttempts attempts = new RunningAttempts();
        ctx.jsc.sc().addSparkListener(attempts);
        ctx.report.attach(ctx.jsc.sc(), blocks);
        try {
            attempts.track(ctx.jsc.sc(), this::stages);
        } finally {
            // A speculative twin killed when its copy won is still ending, and removing its
            // temporary files: the batch is over when it has.
            attempts.awaitNone(ctx.jsc.sc(), STRAGGLER_WAIT_MILLIS);
            ctx.jsc.sc().removeSparkListener(attempts);
            ctx.report.detach(ctx.jsc.sc());
        }
    }

    private void stages() {
        JavaRDD<BlockSpec> specs = ctx.jsc.parallelize(ctx.slices, ctx.partitions).flatMap(List::iterator);
        Map<Integer, double[]> scales = ScaleStage.run(ctx, specs);
        ctx.stopIfFailed();
        Broadcast<Map<Integer, double[]>> scalesB = ctx.jsc.broadcast(scales);
        JavaRDD<BlockRecord> blocks = EmPassStage.load(ctx, specs, scalesB);
        // Cached (the default): each pass reads the previous one's blocks (x and v),
        // Kryo-serialised, from local disk. Not cached (--no-cache-blocks): each stage
        // recomputes them from the inputs (WAV ranges, STFTs) and the earlier iterations'
        // models, which stay cached. Measured (jobs/bench corpus, 4 x 30 s stereo, 4 sources,
        // local[2], warm JVM): 5.8 s cached vs 6.1 s recomputed for 1 iteration, 9.6 s vs
        // 12.5 s for 3; 4 x 128 s, local[1] on one CPU, cold, 1 iteration: 49-50 s of task CPU
        // cached vs 60-61 s recomputed. (When blocks held y, 2.5x the bytes, recomputing had won.)
        boolean cache = ctx.config.cacheBlocks();
        List<JavaPairRDD<Long, GroupModel>> release = new ArrayList<>();
        JavaRDD<BlockRecord> previous = null;
        try {
            if (ctx.config.iterations() > 0) {
                // The first pass: the statistics of the loaded estimates, and their v.
                blocks = EmPassStage.firstPass(ctx, blocks);
                if (cache) {
                    blocks.persist(BLOCK_STORAGE);
                }
            }
            for (int it = 1; it <= ctx.config.iterations(); it++) {
                // Blocks are loaded lazily, by the first stage that needs them.
                ctx.report.progress((it == 1 ? "load, " : "") + "EM iteration " + it + "/" + ctx.config.iterations());
                JavaPairRDD<Long, GroupModel> models = EmPassStage.models(ctx, blocks, it);
                release.add(models);
                ctx.stopIfFailed();
                if (cache && previous != null) {
                    // The aggregation above materialised this iteration's blocks. Blocking: the
                    // next pass must not write its blocks before these are gone, so the local
                    // disks hold two iterations' blocks at most.
                    previous.unpersist(true);
                }
                boolean last = it == ctx.config.iterations();
                // The map, fused with the next iteration's statistics unless it is the last.
                JavaRDD<BlockRecord> next = ModelRouting.applyModels(ctx, blocks, models, !last);
                // The last map's blocks are read once, by the write stage: not stored.
                if (cache && !last) {
                    next.persist(BLOCK_STORAGE);
                }
                if (ctx.config.checkpointEvery() > 0 && it % ctx.config.checkpointEvery() == 0 && !last) {
                    // Reliable checkpoint (to the job's filesystem, which survives a lost
                    // executor): the lineage of later iterations starts here, not at the inputs.
                    ctx.jsc.setCheckpointDir(ctx.out.checkpointDir(ctx.jsc.sc().applicationId()).toString());
                    next.checkpoint();
                }
                previous = blocks;
                blocks = next;
            }
            WriteStage.run(ctx, blocks);
        } finally {
            for (JavaPairRDD<Long, GroupModel> r : release) {
                r.unpersist(false);
            }
            // Blocking: the next batch's blocks must not meet these on the local disks.
            blocks.unpersist(true);
            if (previous != null) {
                previous.unpersist(true);
            }
            scalesB.destroy();
            ctx.out.deleteCheckpoints(ctx.jsc.sc().applicationId());
        }
    }
}
