package org.wienerspark.io;

import java.io.IOException;
import java.io.OutputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Audio files of any supported container through Hadoop's FileSystem API, chosen by extension:
 * {@code .wav}/{@code .wave} ({@link WavReader}, {@link WavWriter}) and {@code .flac}
 * ({@link FlacReader}, {@link FlacWriter}). Samples are doubles, shape (frames, channels)
 * interleaved, integer PCM scaled by {@code 1 / 2^(bits-1)} in both containers, so the same
 * audio gives the same doubles as WAV or FLAC.
 */
public final class Audio {

    private Audio() {
    }

    /**
     * Opens a file for repeated range reads, by its extension; close the reader when done. A
     * missing file, an unknown extension or a refused header is a {@link BadInputException}.
     */
    public static AudioReader open(Configuration conf, Path path) throws IOException {
        AudioContainer c = containerOf(path.toString());
        return open(HadoopFiles.open(conf, path), c);
    }

    /** Opens {@code in} as a file of its name's extension; the reader owns {@code in}. */
    public static AudioReader open(RandomAccessInput in) throws IOException {
        AudioContainer c;
        try {
            c = containerOf(in.name());
        } catch (BadInputException e) {
            in.close();
            throw e;
        }
        return open(in, c);
    }

    private static AudioReader open(RandomAccessInput in, AudioContainer c) throws IOException {
        return c == AudioContainer.FLAC ? FlacReader.open(in) : new WavAudioReader(WavReader.open(in));
    }

    /** The checked format of a file: container, encoding, channels, sample rate, frames. */
    public static AudioInfo readInfo(Configuration conf, Path path) throws IOException {
        try (AudioReader r = open(conf, path)) {
            return r.info();
        }
    }

    /**
     * Reads frames {@code [startFrame, endFrame)} of a file.
     *
     * @return samples, shape (endFrame - startFrame, channels), interleaved
     */
    public static double[] read(Configuration conf, Path path, long startFrame, long endFrame) throws IOException {
        try (AudioReader r = open(conf, path)) {
            return r.read(startFrame, endFrame);
        }
    }

    /**
     * Refuses, before anything is created, what the container cannot store (FLAC: integer PCM of
     * 8-24 bits, 1-8 channels; WAV: see {@link WavWriter}).
     *
     * @throws IllegalArgumentException naming the file and the problem
     */
    public static void checkWritable(AudioContainer container, String name, int channels, int sampleRate,
                                     WavFormat format, long totalFrames) {
        if (container == AudioContainer.FLAC) {
            FlacWriter.checkFormat(name, channels, sampleRate, format, totalFrames);
        } else {
            WavWriter.checkFormat(name, channels, sampleRate, format, totalFrames);
        }
    }

    /**
     * Creates (or overwrites) a file in the container of its extension; append exactly
     * {@code totalFrames} frames, then close. FLAC spools its frames in {@code java.io.tmpdir}.
     */
    public static AudioWriter writer(Configuration conf, Path path, int channels, int sampleRate, WavFormat format,
                                     long totalFrames) throws IOException {
        return writer(conf, path, containerOf(path.toString()), channels, sampleRate, format, totalFrames, null);
    }

    /**
     * Creates (or overwrites) {@code path} in {@code container}, whatever its name (e.g. a
     * temporary name); FLAC spools its frames in {@code spoolDir} (null: {@code java.io.tmpdir};
     * on Spark executors a local directory of the executor is the better place).
     */
    public static AudioWriter writer(Configuration conf, Path path, AudioContainer container, int channels,
                                     int sampleRate, WavFormat format, long totalFrames, java.nio.file.Path spoolDir)
            throws IOException {
        String name = path.toString();
        checkWritable(container, name, channels, sampleRate, format, totalFrames);
        if (container == AudioContainer.WAV) {
            return new WavAudioWriter(Wav.writer(conf, path, channels, sampleRate, format, totalFrames), name);
        }
        FileSystem fs = path.getFileSystem(conf);
        fs.setWriteChecksum(false);
        FSDataOutputStream out = fs.create(path, true);
        return new FlacWriter(out, name, channels, sampleRate, format, totalFrames, spoolDir);
    }

    /**
     * Appends {@code frames} frames of {@code channels} channels already quantized by
     * {@link PcmQuantizer} for {@code format}, the writer's own (16 bits or fewer): the bytes
     * written are those of {@link AudioWriter#append} with the doubles they came from. WAV writes
     * them as they are; other containers get them back as doubles ({@code q / 2^(b-1)}, exact,
     * which their writer quantizes back to {@code q}).
     */
    public static void appendPcm(AudioWriter writer, short[] q, int offset, int frames, int channels,
                                 WavFormat format) throws IOException {
        if (writer instanceof WavAudioWriter wav) {
            wav.w.appendPcm(q, offset, frames);
            return;
        }
        int chunk = Math.max(1, Math.min(frames, 4096));
        double[] d = new double[chunk * channels];
        for (int f = 0; f < frames; f += chunk) {
            int n = Math.min(chunk, frames - f);
            int from = offset + f * channels;
            for (int i = 0; i < n * channels; i++) {
                d[i] = PcmQuantizer.value(q[from + i], format);
            }
            writer.append(d, 0, n);
        }
    }

    /** The container of a file name by extension; an unknown one is a {@link BadInputException}. */
    static AudioContainer containerOf(String name) throws BadInputException {
        AudioContainer c = AudioContainer.ofName(name);
        if (c == null) {
            throw new BadInputException(name, "not a .wav or .flac file name; the audio format is chosen by"
                    + " extension");
        }
        return c;
    }

    /** A {@link WavReader} as an {@link AudioReader}. */
    private static final class WavAudioReader implements AudioReader {
        private final WavReader r;
        private final AudioInfo info;

        WavAudioReader(WavReader r) {
            this.r = r;
            this.info = AudioInfo.of(r.header());
        }

        @Override
        public String name() {
            return r.name();
        }

        @Override
        public AudioInfo info() {
            return info;
        }

        @Override
        public double[] read(long startFrame, long endFrame) throws IOException {
            return r.read(startFrame, endFrame);
        }

        @Override
        public void read(long startFrame, long endFrame, double[] out, int offset) throws IOException {
            r.read(startFrame, endFrame, out, offset);
        }

        @Override
        public void close() throws IOException {
            r.close();
        }
    }

    /** A {@link WavWriter} as an {@link AudioWriter}. */
    private static final class WavAudioWriter implements AudioWriter {
        private final WavWriter w;
        private final String name;

        WavAudioWriter(WavWriter w, String name) {
            this.w = w;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public long framesWritten() {
            return w.framesWritten();
        }

        @Override
        public long clippedSamples() {
            return w.clippedSamples();
        }

        @Override
        public void append(double[] samples, int offset, int frames) throws IOException {
            w.append(samples, offset, frames);
        }

        @Override
        public void close() throws IOException {
            w.close();
        }
    }

    /** An {@link AudioWriter} over any stream (tests and benches write to memory). */
    public static AudioWriter writer(OutputStream out, String name, AudioContainer container, int channels, int sampleRate,
                              WavFormat format, long totalFrames) throws IOException {
        checkWritable(container, name, channels, sampleRate, format, totalFrames);
        return container == AudioContainer.FLAC
                ? new FlacWriter(out, name, channels, sampleRate, format, totalFrames)
                : new WavAudioWriter(new WavWriter(out, name, channels, sampleRate, format, totalFrames), name);
    }
}
