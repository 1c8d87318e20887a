package org.wienerspark.separation;

import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.broadcast.Broadcast;
import org.wienerspark.spark.HadoopConf;
import org.wienerspark.spark.Iterators;
import scala.Tuple2;

/**
 * The write stage: the inverse STFT of each block's owned samples ({@link BlockAudio}),
 * shuffled to one task per track in block order and streamed into the WAV files
 * ({@link TrackWriter}: temporary names renamed when complete, the {@code _SUCCESS} marker last).
 */
final class WriteStage {

    private WriteStage() {
    }

    /** Writes the tracks of the blocks and records each track's result in the report. */
    static void run(BatchContext batch, JavaRDD<BlockRecord> blocks) {
        SeparationConfig cfg = batch.config;
        batch.report.progress(cfg.iterations() == 0 ? "load, write" : "write");
        Set<Integer> skip = batch.failedTracks();
        HadoopConf conf = batch.hadoop;
        Broadcast<List<TrackPlan>> plansB = batch.plans;
        int tracks = (int) plansB.value().stream().filter(TrackPlan::ok).count();
        JavaPairRDD<Long, BlockAudio> audio = blocks.mapPartitionsToPair(it -> {
            BlockAudio.Synthesizer synth = new BlockAudio.Synthesizer(cfg);
            List<TrackPlan> ps = plansB.value();
            return Iterators.map(Iterators.filter(it, r -> keep(r, skip)), r -> r instanceof FailedBlock f
                    ? new Tuple2<>(f.blockKey(), BlockAudio.failed(f.failure))
                    : new Tuple2<>(((FrameBlock) r).blockKey(), synth.audio(ps.get(((FrameBlock) r).track),
                            (FrameBlock) r)));
        });
        List<TrackResult> results = audio
                .repartitionAndSortWithinPartitions(new TrackPartitioner(Math.max(1, Math.min(tracks,
                        batch.partitions))))
                .mapPartitions(it -> new TrackWriter(cfg, conf.get(), plansB.value()).writeAll(it))
                .collect();
        for (TrackResult r : results) {
            batch.report.track(r);
        }
    }

    /** Blocks and failed blocks of tracks not failed before; no carriers. */
    private static boolean keep(BlockRecord r, Set<Integer> skip) {
        if (r instanceof FrameBlock b) {
            return !skip.contains(b.track);
        }
        return r instanceof FailedBlock f && !skip.contains(f.track);
    }
}
