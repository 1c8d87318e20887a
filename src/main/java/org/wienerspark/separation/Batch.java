package org.wienerspark.separation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.storage.StorageLevel;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.HadoopConf;

/**
 * One run of the stages over a batch of tracks ({@link SeparationJob#batches}): the blocks cut
 * into tasks, then {@link ScaleStage}, {@link EmPassStage} (load and the EM passes, with
 * {@link ModelRouting} bringing each iteration's models to the blocks) and {@link WriteStage}.
 * Holds what the stages share on the driver: the settings, the plans, the partitioning and the
 * tracks failed so far.
 */
final class Batch {

    /**
     * Blocks between stages: serialised on local disk, i.e. in the OS page cache while it has
     * room. Measured against MEMORY_AND_DISK_SER (jobs/bench, README): the same serialisation,
     * but no gigabytes of cached bytes in the heap for the collector to copy, so 6x less GC time
     * and a heap set by the blocks in flight, not by the track.
     */
    static final StorageLevel BLOCK_STORAGE = StorageLevel.DISK_ONLY();
    /** Blocks per task by default: a stereo 4-source block of 128 frames is about 45 MB. */
    static final int BLOCKS_PER_TASK = 4;

    final JavaSparkContext jsc;
    final SeparationConfig config;
    final SeparationReport report;
    final Broadcast<List<TrackPlan>> plans;
    final HadoopConf hadoop;
    /** The blocks of each task, in (track, block) order. */
    final List<List<BlockSpec>> slices;
    final int partitions;
    /** Size of the largest (track, group) model, to decide between broadcast and join. */
    final long modelBytes;
    final OutputLayout out;
    private final Set<Integer> failed = new HashSet<>();

    Batch(JavaSparkContext jsc, SeparationConfig config, List<TrackPlan> all, List<TrackPlan> todo, SeparationReport report,
          OutputLayout out) {
        this.jsc = jsc;
        this.out = out;
        this.config = config;
        this.report = report;
        this.plans = jsc.broadcast(all);
        this.hadoop = new HadoopConf(jsc.hadoopConfiguration());
        List<BlockSpec> specs = new ArrayList<>();
        long largest = 0;
        this.slices = new ArrayList<>();
        int bf = config.blockFrames();
        for (TrackPlan p : todo) {
            largest = Math.max(largest, 16L * (config.nFft() / 2 + 1) * p.sources().size() * p.channels()
                    * p.channels());
            List<BlockSpec> track = new ArrayList<>();
            for (int k = 0; k < p.blocks(bf); k++) {
                track.add(new BlockSpec(p.index(), k, k * bf, Math.min((k + 1) * bf, p.frames())));
            }
            specs.addAll(track);
            if (config.partitions() == 0) {
                // Canonical tasks: fixed groups of a track's blocks, whatever the rest of the
                // corpus or the cluster. The statistics are summed in this grouping, so a track's
                // output bytes depend only on its own inputs and settings (a rerun of part of a
                // corpus reproduces them exactly).
                for (int k = 0; k < track.size(); k += BLOCKS_PER_TASK) {
                    slices.add(new ArrayList<>(track.subList(k, Math.min(track.size(), k + BLOCKS_PER_TASK))));
                }
            }
        }
        this.modelBytes = largest;
        if (config.partitions() > 0) {
            // Contiguous slices in (track, block) order: a track's statistics come from few
            // partitions, and the driver knows where each block is.
            int n = Math.max(1, Math.min(config.partitions(), specs.size()));
            for (int i = 0; i < n; i++) {
                int from = (int) ((long) i * specs.size() / n);
                int to = (int) ((long) (i + 1) * specs.size() / n);
                slices.add(new ArrayList<>(specs.subList(from, to)));
            }
        }
        this.partitions = slices.size();
    }

    void run() {
        int blocks = slices.stream().mapToInt(List::size).sum();
        report.attach(jsc.sc(), blocks);
        try {
            stages();
        } finally {
            report.detach(jsc.sc());
        }
    }

    private void stages() {
        JavaRDD<BlockSpec> specs = jsc.parallelize(slices, partitions).flatMap(List::iterator);
        Map<Integer, double[]> scales = ScaleStage.run(this, specs);
        stopIfFailed();
        Broadcast<Map<Integer, double[]>> scalesB = jsc.broadcast(scales);
        JavaRDD<BlockRecord> blocks = EmPassStage.load(this, specs, scalesB);
        // Cached (the default): each pass reads the previous one's blocks (x and v),
        // Kryo-serialised, from local disk. Not cached (--no-cache-blocks): each stage
        // recomputes them from the inputs (WAV ranges, STFTs) and the earlier iterations'
        // models, which stay cached. Measured (jobs/bench corpus, 4 x 30 s stereo, 4 sources,
        // local[2], warm JVM): 5.8 s cached vs 6.1 s recomputed for 1 iteration, 9.6 s vs
        // 12.5 s for 3. (When blocks held y, 2.5x the bytes, recomputing had won.)
        boolean cache = config.cacheBlocks();
        List<JavaPairRDD<Long, GroupModel>> release = new ArrayList<>();
        JavaRDD<BlockRecord> previous = null;
        try {
            if (config.iterations() > 0) {
                // The first pass: the statistics of the loaded estimates, and their v.
                blocks = EmPassStage.firstPass(this, blocks);
                if (cache) {
                    blocks.persist(BLOCK_STORAGE);
                }
            }
            for (int it = 1; it <= config.iterations(); it++) {
                // Blocks are loaded lazily, by the first stage that needs them.
                report.progress((it == 1 ? "load, " : "") + "EM iteration " + it + "/" + config.iterations());
                JavaPairRDD<Long, GroupModel> models = EmPassStage.models(this, blocks);
                release.add(models);
                stopIfFailed();
                if (cache && previous != null) {
                    // The aggregation above materialised this iteration's blocks. Blocking: the
                    // next pass must not write its blocks before these are gone, so the local
                    // disks hold two iterations' blocks at most.
                    previous.unpersist(true);
                }
                boolean last = it == config.iterations();
                // The map, fused with the next iteration's statistics unless it is the last.
                JavaRDD<BlockRecord> next = ModelRouting.applyModels(this, blocks, models, !last);
                // The last map's blocks are read once, by the write stage: not stored.
                if (cache && !last) {
                    next.persist(BLOCK_STORAGE);
                }
                if (config.checkpointEvery() > 0 && it % config.checkpointEvery() == 0 && !last) {
                    // Reliable checkpoint (to the job's filesystem, which survives a lost
                    // executor): the lineage of later iterations starts here, not at the inputs.
                    jsc.setCheckpointDir(out.checkpointDir(jsc.sc().applicationId()).toString());
                    next.checkpoint();
                }
                previous = blocks;
                blocks = next;
            }
            WriteStage.run(this, blocks);
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
            out.deleteCheckpoints(jsc.sc().applicationId());
        }
    }

    /** The tracks failed so far, whose blocks the next stages drop. */
    Set<Integer> failedTracks() {
        return Set.copyOf(failed);
    }

    void fail(int track, Failure failure) {
        failed.add(track);
        report.track(TrackResult.failed(track, failure));
    }

    /** After a stage: with --fail-fast, the first failure stops the job here. */
    void stopIfFailed() {
        report.failFastCheck();
    }
}
