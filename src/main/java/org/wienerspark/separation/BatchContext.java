package org.wienerspark.separation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.HadoopConf;

/**
 * What the stages of a batch ({@link Batch}) share on the driver: the settings, the plans, the
 * blocks cut into tasks, and the tracks failed so far.
 */
final class BatchContext {

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

    BatchContext(JavaSparkContext jsc, SeparationConfig config, List<TrackPlan> all, List<TrackPlan> todo, SeparationReport report,
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
