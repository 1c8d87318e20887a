package org.wienerspark.separation;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.TaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioContainer;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.io.AudioWriter;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.AtomicFiles;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.LocalDirs;
import org.wienerspark.spark.FaultPoint;
import scala.Tuple2;

/**
 * The write stage of one partition: receives the blocks of whole tracks in (track, block)
 * order and streams each source into its WAV or FLAC file (under a temporary name, renamed when the
 * track is complete), then writes the track's {@code _SUCCESS} marker last.
 */
final class TrackWriter {

    private static final Logger LOG = LoggerFactory.getLogger(TrackWriter.class);

    private final SeparationConfig config;
    private final Configuration conf;
    private final List<TrackPlan> plans;
    private final OutputLayout layout;
    private final String attempt;
    /** The track being written, for the cleanup of a stopped task. */
    private Open current;

    TrackWriter(SeparationConfig config, Configuration conf, List<TrackPlan> plans) {
        this.config = config;
        this.conf = conf;
        this.plans = plans;
        this.layout = new OutputLayout(conf, config.output());
        TaskContext tc = TaskContext.get();
        this.attempt = tc == null ? "local" : Long.toString(tc.taskAttemptId());
        if (tc != null) {
            // A failed or killed attempt (a lost speculative copy, whose twin finished first)
            // removes its own temporary files; committed ones were renamed and are not touched.
            tc.addTaskFailureListener((org.apache.spark.util.TaskFailureListener) (context, error) -> removeTemporaries());
        }
    }

    /** The temporary files of this attempt, by their unique names. */
    private final List<Path> mine = new ArrayList<>();

    private void removeTemporaries() {
        for (Path p : mine) {
            try {
                p.getFileSystem(conf).delete(p, false);
            } catch (IOException | RuntimeException ignored) {
                // best effort: hidden temporary names never look complete, and a rerun removes them
            }
        }
    }

    /** The files of a track, without extension: its sources, then its aggregates. */
    static List<String> outputs(TrackPlan plan, SeparationConfig config) {
        List<String> names = new ArrayList<>(plan.sources());
        for (Aggregate a : config.aggregates()) {
            names.add(a.name());
        }
        return names;
    }

    /**
     * Writes the tracks of the partition. A track whose write fails (a full disk, a quota, a
     * permission, an object store error) is failed with the reason and its temporary files are
     * deleted; the next tracks go on. When the task itself stops (killed, an error outside a
     * track's write), the track being written loses its temporary files before the task ends.
     */
    Iterator<TrackResult> writeAll(Iterator<Tuple2<Long, BlockAudio>> blocks) {
        List<TrackResult> results = new ArrayList<>();
        Open open = null;
        try {
            open = writeAll(blocks, results);
        } catch (Throwable t) {
            if (current != null) {
                current.discard();
            }
            throw t;
        }
        if (open != null) {
            results.add(open.abort("only " + open.nextBlock + " of " + open.blocks + " blocks arrived"));
        }
        return results.iterator();
    }

    private Open writeAll(Iterator<Tuple2<Long, BlockAudio>> blocks, List<TrackResult> results) {
        Open open = null;
        while (blocks.hasNext()) {
            Tuple2<Long, BlockAudio> next = blocks.next();
            int track = FrameBlock.trackOf(next._1());
            int block = (int) (long) next._1();
            if (open != null && open.plan.index() != track) {
                results.add(open.abort("track ended after block " + (open.nextBlock - 1) + " of " + open.blocks));
                open = null;
            }
            if (open == null) {
                open = new Open(plans.get(track));
                current = open;
            }
            if (open.failed != null) {
                if (block == open.blocks - 1) {
                    results.add(open.result());
                    open = null;
                }
                continue;
            }
            if (next._2().failure != null) {
                // Already logged where it happened (the load of the block).
                open.fail(next._2().failure);
                if (block == open.blocks - 1) {
                    results.add(open.result());
                    open = null;
                }
                continue;
            }
            try {
                open.append(block, next._2());
                if (open.nextBlock == 1 && open.blocks > 1) {
                    FaultPoint.reach("write"); // test-only: the temporary files are partly written
                }
                if (open.nextBlock == open.blocks) {
                    results.add(open.commit());
                    open = null;
                }
            } catch (IOException | RuntimeException | FSError e) {
                // FSError: Hadoop's local file system throws an Error for an I/O error of a write
                // (ENOSPC above all); it is this track's failure, not the task's.
                open.fail(writeFailure(e, layout.trackDir(open.plan.name()).toString(),
                        "write block " + block + " of track '" + open.plan.name() + "'"));
                if (block == open.blocks - 1) {
                    results.add(open.result());
                    open = null;
                }
            }
        }
        return open;
    }

    /**
     * The failure of a write, logged with its stack trace: the I/O error itself (an FSError's
     * cause, e.g. "No space left on device"), since that is what the user can act on.
     */
    static Failure writeFailure(Throwable e, String file, String where) {
        Throwable io = e instanceof FSError && e.getCause() != null ? e.getCause() : e;
        return Failure.logged(LOG, e, file, where, "write failed: " + io);
    }

    /** A track being written. */
    private final class Open {
        final TrackPlan plan;
        final int blocks;
        final FileSystem fs;
        final List<AudioWriter> writers = new ArrayList<>();
        final List<Path> temporary = new ArrayList<>();
        final List<String> outputs;
        /** Per output, the samples the blocks' quantizing clipped ({@link BlockAudio#clipped}). */
        final long[] blockClipped;
        WavFormat format;
        int nextBlock;
        TrackResult failed;

        Open(TrackPlan plan) {
            this.plan = plan;
            this.blocks = plan.blocks(config.blockFrames());
            this.outputs = outputs(plan, config);
            this.blockClipped = new long[outputs.size()];
            FileSystem f = null;
            try {
                f = layout.trackDir(plan.name()).getFileSystem(conf);
                f.setWriteChecksum(false);
                f.mkdirs(layout.trackDir(plan.name()));
                // The old marker went on the driver before the stage (OutputLayout.deleteMarker): a task
                // must not delete it, or a speculative copy could delete the one its twin just wrote.
                AudioOutputFormat out = config.outputFormat();
                format = out.resolve(plan.mixtureFormat());
                // FLAC spools its frames locally: in Spark's local folders, cleaned as Spark's own files are.
                java.nio.file.Path spool = out.container() == AudioContainer.FLAC ? LocalDirs.forTask() : null;
                for (String source : outputs) {
                    Path tmp = AtomicFiles.temporary(layout.source(plan.name(), source, out.extension()), attempt);
                    temporary.add(tmp);
                    mine.add(tmp);
                    // The temporary name hides the extension: the container is given, not guessed.
                    writers.add(Audio.writer(conf, tmp, out.container(), plan.channels(), plan.sampleRate(), format,
                            plan.samples(), spool));
                }
            } catch (IOException | RuntimeException | FSError e) {
                String dir = layout.trackDir(plan.name()).toString();
                Throwable io = e instanceof FSError && e.getCause() != null ? e.getCause() : e;
                fail(Failure.logged(LOG, e, dir, "create the output of track '" + plan.name() + "'",
                        "cannot create the output: " + io));
            }
            this.fs = f;
        }

        void append(int block, BlockAudio audio) throws IOException {
            if (block != nextBlock) {
                throw new IOException("block " + block + " arrived, expected block " + nextBlock);
            }
            // Sources, then aggregates: the block made every output (BlockAudio).
            int c = plan.channels();
            int n = audio.frames * c;
            for (int o = 0; o < writers.size(); o++) {
                if (audio.pcm != null) {
                    Audio.appendPcm(writers.get(o), audio.pcm, o * n, audio.frames, c, format);
                    blockClipped[o] += audio.clipped[o];
                } else {
                    writers.get(o).append(audio.samples, o * n, audio.frames);
                }
            }
            nextBlock++;
        }

        TrackResult commit() throws IOException {
            List<Long> clipped = new ArrayList<>();
            for (int j = 0; j < writers.size(); j++) {
                writers.get(j).close();
                clipped.add(writers.get(j).clippedSamples() + blockClipped[j]);
            }
            for (int j = 0; j < writers.size(); j++) {
                AtomicFiles.commit(fs, temporary.get(j), layout.source(plan.name(), outputs.get(j),
                        config.outputFormat().extension()));
            }
            FaultPoint.reach("marker"); // test-only: the stems are in place, the marker is not
            writeMarker();
            writers.clear();
            temporary.clear();
            return TrackResult.ok(plan.index(), clipped);
        }

        /** The marker, written last: the settings and the inputs it was made from. */
        private void writeMarker() throws IOException {
            Map<String, Object> marker = SuccessMarker.content(fs, plan, config);
            Path target = new Path(layout.trackDir(plan.name()), OutputLayout.SUCCESS);
            Path tmp = AtomicFiles.temporary(target, attempt);
            temporary.add(tmp); // removed with the stems' if the marker cannot be written
            mine.add(tmp);
            try (OutputStream out = fs.create(tmp, true)) {
                new ObjectMapper().writeValue(out, marker);
            }
            AtomicFiles.commit(fs, tmp, target);
        }

        void fail(Failure failure) {
            if (failed == null) {
                failed = TrackResult.failed(plan.index(), failure);
            }
            discard();
        }

        TrackResult abort(String why) {
            fail(Failure.of(layout.trackDir(plan.name()).toString(), why));
            return failed;
        }

        TrackResult result() {
            return failed;
        }

        void discard() {
            for (AudioWriter w : writers) {
                try {
                    w.close();
                } catch (IOException | RuntimeException | FSError ignored) {
                    // closing a file we are about to delete: its own error does not matter
                }
            }
            writers.clear();
            for (Path p : temporary) {
                try {
                    if (fs != null) {
                        fs.delete(p, false);
                    }
                } catch (IOException | RuntimeException ignored) {
                    // best effort: hidden temporary names never look complete
                }
            }
        }
    }
}
