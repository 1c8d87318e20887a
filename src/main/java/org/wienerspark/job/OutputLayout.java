package org.wienerspark.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where the job writes: {@code <out>/<track>/<source>.wav}, {@code <out>/<track>/_SUCCESS} and
 * {@code <out>/_report.json}. Every file is written under a hidden temporary name and renamed
 * into place when complete, so no file that looks complete is ever partial.
 */
final class OutputLayout {

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

    Path source(String track, String source) {
        return new Path(trackDir(track), source + ".wav");
    }

    /** A temporary name next to {@code target}, unique to this attempt. */
    static Path temporary(Path target, String attempt) {
        return new Path(target.getParent(), "." + target.getName() + "." + attempt + ".inprogress");
    }

    /** Renames a finished temporary file into place, replacing an older file. */
    static void commit(FileSystem fs, Path tmp, Path target) throws IOException {
        if (fs.exists(target)) {
            fs.delete(target, false);
        }
        if (!fs.rename(tmp, target)) {
            throw new IOException("could not rename " + tmp + " to " + target);
        }
    }

    void writeReport(Report report) throws IOException {
        FileSystem fs = root.getFileSystem(conf);
        Path target = new Path(root, REPORT);
        Path tmp = temporary(target, "driver");
        try (OutputStream out = fs.create(tmp, true)) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, report.asJson());
        }
        commit(fs, tmp, target);
    }
}
