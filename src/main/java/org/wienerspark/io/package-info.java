/**
 * Files through Hadoop's FileSystem API: WAV audio ({@link org.wienerspark.io.Wav},
 * {@link org.wienerspark.io.WavReader}, {@link org.wienerspark.io.WavWriter}), FLAC audio
 * ({@link org.wienerspark.io.FlacReader}, {@link org.wienerspark.io.FlacWriter}), both behind
 * {@link org.wienerspark.io.Audio} (by extension, {@link org.wienerspark.io.AudioReader},
 * {@link org.wienerspark.io.AudioWriter}), and NumPy {@code .npy} arrays
 * ({@link org.wienerspark.io.Npy}). Paths may be {@code file://},
 * {@code hdfs://} or {@code s3a://}; a bare path means the configuration's default filesystem.
 *
 * <p>Reads are positioned ({@link org.wienerspark.io.RandomAccessInput}): a task reads the header
 * and then only the bytes of its range of frames or rows. Audio is returned as doubles of shape
 * (frames, channels), interleaved frame by frame; arrays in the project's row-major layout (see
 * {@code org.wienerspark.core}).
 *
 * <p>Input is untrusted. Every header is checked against the real file length before anything is
 * allocated from it, and every refusal is a {@link org.wienerspark.io.BadInputException} naming
 * the file and the problem; a truncated file is refused, never silently shortened. Caller errors
 * (a range outside the file, a format WAV cannot describe) are {@link IllegalArgumentException}s.
 * Outputs are streamed, since Hadoop streams cannot seek back: a writer is told its frame
 * count up front and fails at close if it was not met (FLAC spools its frames to write its
 * header, which needs the whole stream's sizes and MD5, first).
 */
package org.wienerspark.io;
