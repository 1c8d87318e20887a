package org.wienerspark.separation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.spark.AtomicFiles;

/**
 * Where the job writes: {@code <out>/<track>/<source>.wav} (or {@code .flac}), {@code <out>/<track>/_SUCCESS} and
 * {@code <out>/_report.json}. Every file is written under a hidden temporary name and renamed
 * into place when complete, so no file that looks complete is ever partial.
 */
final class OutputLayout {

    private static final Logger LOG = LoggerFactory.getLogger(OutputLayout.class);

    static final String REPORT = "_report.json";
    static final String SUCCESS = "_SUCCESS";

    private final Configuration conf;
    private final Path root;

    OutputLayout(Configuration conf, String output) {
        this.conf = conf;
        this.root = new Path(output);
    }

    void prepare() throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        fs.setWriteChecksum(false);
        fs.mkdirs(root);
    }

    Path trackDir(String track) {
        return new Path(root, track);
    }

    /** A stem's file, {@code <track>/<source>.<ext>}, {@code ext} that of the output format ({@code wav}, {@code flac}). */
    Path source(String track, String source, String extension) {
        return new Path(trackDir(track), source + "." + extension);
    }

    /**
     * Whether a track is already done: its {@code _SUCCESS} marker records the same settings
     * (those that change the result), sources and inputs (paths, sizes, modification times).
     */
    boolean isComplete(TrackPlan plan, SeparationConfig config) {
        Path marker = new Path(trackDir(plan.name()), SUCCESS);
        try {
            FileSystem fs = marker.getFileSystem(conf);
            if (!fs.exists(marker)) {
                return false;
            }
            ObjectMapper json = new ObjectMapper();
            JsonNode found;
            try (java.io.InputStream in = fs.open(marker)) {
                found = json.readTree(in);
            }
            // Through text, so that numbers compare as they were read (a long 5 reads back as an int).
            JsonNode expected = json.readTree(json.writeValueAsString(
                    SuccessMarker.content(fs, plan, config)));
            if (!found.equals(expected)) {
                return false;
            }
            for (String s : TrackWriter.outputs(plan, config)) {
                if (!fs.exists(source(plan.name(), s, config.outputFormat().extension()))) {
                    return false;
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            // An unreadable marker is no proof of completion: the track is redone.
            return false;
        }
    }

    /** Where the blocks are checkpointed during a run. */
    Path checkpointDir(String applicationId) {
        return new Path(new Path(root, "_checkpoints"), applicationId);
    }

    /**
     * Removes the hidden temporary files a killed run left in a track's folder before the track
     * is redone: the rerun's attempts may carry other numbers, so they would not be overwritten.
     * Only under the output's lease, so no other run is writing them.
     */
    void removeTemporaries(String track) {
        Path dir = trackDir(track);
        try {
            FileSystem fs = dir.getFileSystem(conf);
            for (FileStatus f : fs.listStatus(dir, p -> p.getName().startsWith(".")
                    && p.getName().endsWith(".inprogress"))) {
                fs.delete(f.getPath(), false);
            }
        } catch (FileNotFoundException notYet) {
            // a track not written before: nothing left
        } catch (IOException e) {
            // hidden names never look complete; the next run tries again
            LOG.warn("could not remove the temporary files left in {}", dir, e);
        }
    }

    /** Removes the checkpoints killed runs left (under the lease, no other run uses them). */
    void removeLeftCheckpoints() {
        Path dir = new Path(root, "_checkpoints");
        try {
            dir.getFileSystem(conf).delete(dir, true);
        } catch (IOException e) {
            LOG.warn("could not remove the checkpoints left in {}", dir, e);
        }
    }

    void deleteCheckpoints(String applicationId) {
        try {
            Path dir = new Path(root, "_checkpoints");
            FileSystem fs = dir.getFileSystem(conf);
            fs.delete(checkpointDir(applicationId), true);
            FileStatus[] left = fs.exists(dir) ? fs.listStatus(dir) : new FileStatus[0];
            if (left.length == 0) {
                fs.delete(dir, true);
            }
        } catch (IOException ignored) {
            // checkpoints are scratch data; a leftover is harmless
        }
    }

    void writeReport(SeparationReport report) throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        Path target = new Path(root, REPORT);
        Path tmp = AtomicFiles.temporary(target, "driver");
        try (OutputStream out = fs.create(tmp, true)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, report.asJson());
        }
        AtomicFiles.commit(fs, tmp, target);
    }
}
