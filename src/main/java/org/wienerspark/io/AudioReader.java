package org.wienerspark.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Reads ranges of frames from an audio file by position, whatever its container: a task reads
 * only its block. Samples are doubles, shape (frames, channels) interleaved frame by frame,
 * integer PCM of {@code b} bits scaled by {@code 1 / 2^(b-1)}. Not thread-safe; open one reader
 * per task. {@link Audio#open} picks the implementation by extension.
 */
public interface AudioReader extends Closeable {

    /** The file name used in messages. */
    String name();

    /** Format, channels, rate and frame count, checked when the reader was opened. */
    AudioInfo info();

    /**
     * Reads frames {@code [startFrame, endFrame)}.
     *
     * @return samples, shape (endFrame - startFrame, channels), interleaved
     * @throws BadInputException when the file turns out to be broken inside that range
     */
    double[] read(long startFrame, long endFrame) throws IOException;

    /**
     * Reads frames {@code [startFrame, endFrame)} into {@code out} from {@code offset}, shape
     * (endFrame - startFrame, channels) interleaved; {@code out}: output, overwritten in that range.
     */
    void read(long startFrame, long endFrame, double[] out, int offset) throws IOException;
}
