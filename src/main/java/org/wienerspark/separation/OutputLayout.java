package org.wienerspark.separation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
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

    /** Removes the checkpoints killed runs left (under the lease, no other run uses them). */
    void removeLeftCheckpoints() {
        Path dir = new Path(root, "_checkpoints");
        try {
            FileSystem fs = dir.getFileSystem(conf);
            // Only the folder runs make: a file of that name is not ours to delete (the run then
            // stops when it checkpoints, and says why).
            if (fs.exists(dir) && fs.getFileStatus(dir).isDirectory()) {
                fs.delete(dir, true);
            }
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

    /** The report's path, {@code <out>/_report.json}. */
    Path report() {
        return new Path(root, REPORT);
    }

    /**
     * Writes {@code _report.json} through a temporary file, removed when the write fails; an
     * {@link FSError} (a full local disk) is turned into the IOException it wraps.
     */
    void writeReport(SeparationReport report) throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        Path target = report();
        Path tmp = AtomicFiles.temporary(target, "driver");
        try {
            try (OutputStream out = fs.create(tmp, true)) {
                new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, report.asJson());
            }
            AtomicFiles.commit(fs, tmp, target);
        } catch (IOException | RuntimeException | FSError e) {
            try {
                fs.delete(tmp, false);
            } catch (IOException | RuntimeException ignored) {
                // the report's own error is the one to give
            }
            if (e instanceof FSError && e.getCause() instanceof IOException io) {
                throw io;
            }
            throw e;
        }
    }

    /** Deletes a track's {@code _SUCCESS} marker, if any, before the track is redone. */
    void deleteMarker(String track) throws IOException {
        Path marker = new Path(trackDir(track), SUCCESS);
        marker.getFileSystem(conf).delete(marker, false);
    }

    /**
     * Deletes the hidden temporary files ({@code .<name>.<attempt>.inprogress}) in a track's
     * folder: those of a stopped or killed run, which a run holding the output's lease may
     * remove. Returns how many; a folder that does not exist has none.
     */
    int deleteTemporaries(String track) {
        int n = 0;
        try {
            FileSystem fs = root.getFileSystem(conf);
            Path dir = trackDir(track);
            if (!fs.exists(dir)) {
                return 0;
            }
            for (FileStatus st : fs.listStatus(dir)) {
                String name = st.getPath().getName();
                if (st.isFile() && name.startsWith(".") && name.endsWith(".inprogress") && fs.delete(st.getPath(),
                        false)) {
                    n++;
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not remove the temporary files in {}", trackDir(track), e);
        }
        return n;
    }
}
