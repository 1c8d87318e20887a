package org.wienerspark.io;

import java.io.Closeable;
import java.io.IOException;

/**
 * Writes an audio file as a stream, whatever its container: frames appended in order, exactly
 * the number declared when the writer was made, then {@link #close()}. Samples are doubles, shape
 * (frames, channels) interleaved; integer formats store {@code round(x * 2^(bits-1))}, clipped
 * and counted as {@link WavWriter} does. {@link Audio#writer} picks the implementation.
 */
public interface AudioWriter extends Closeable {

    /** The file name used in messages. */
    String name();

    /** Frames appended so far. */
    long framesWritten();

    /** Integer samples clipped (or NaN written as 0) so far; always 0 for float formats. */
    long clippedSamples();

    /**
     * Appends {@code frames} frames from {@code samples} (input, not modified), shape (frames,
     * channels) interleaved, starting at {@code offset}.
     *
     * @throws IllegalStateException when closed or beyond the declared frame count
     */
    void append(double[] samples, int offset, int frames) throws IOException;

    /**
     * Completes the file and closes the stream.
     *
     * @throws IOException also when the frames appended differ from the declared count (the file
     *                     is then incomplete, and its reader refuses it)
     */
    @Override
    void close() throws IOException;
}
