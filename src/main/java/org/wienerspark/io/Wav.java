package org.wienerspark.io;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * WAV files through Hadoop's FileSystem API ({@code file://}, {@code hdfs://}, {@code s3a://}; a
 * bare path means the default filesystem). Samples are doubles, shape (frames, channels)
 * interleaved frame by frame; see {@link WavReader} for what is refused and {@link WavWriter} for
 * how samples are written.
 */
public final class Wav {

    private Wav() {
    }

    /** The checked header of a file: format, channels, sample rate, frames. */
    public static WavHeader readInfo(Configuration conf, Path path) throws IOException {
        try (WavReader r = open(conf, path)) {
            return r.header();
        }
    }

    /**
     * Opens a file for repeated range reads; close the reader when done. A missing file or a
     * refused header is a {@link BadInputException}.
     */
    public static WavReader open(Configuration conf, Path path) throws IOException {
        return WavReader.open(HadoopFiles.open(conf, path));
    }

    /**
     * Reads frames {@code [startFrame, endFrame)}, reading only their bytes.
     *
     * @return samples, shape (endFrame - startFrame, channels), interleaved
     */
    public static double[] read(Configuration conf, Path path, long startFrame, long endFrame) throws IOException {
        try (WavReader r = open(conf, path)) {
            return r.read(startFrame, endFrame);
        }
    }

    /**
     * Creates (or overwrites) a file and writes its header; append exactly {@code totalFrames}
     * frames, then close. Formats WAV cannot describe are refused before the file is created.
     */
    public static WavWriter writer(Configuration conf, Path path, int channels, int sampleRate, WavFormat format,
                                   long totalFrames) throws IOException {
        String name = path.toString();
        WavWriter.checkFormat(name, channels, sampleRate, format, totalFrames);
        FileSystem fs = path.getFileSystem(conf);
        // No .crc side files next to the audio on file:// (users see the folder).
        fs.setWriteChecksum(false);
        FSDataOutputStream out = fs.create(path, true);
        try {
            return new WavWriter(out, name, channels, sampleRate, format, totalFrames);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
    }
}
