package org.wienerspark.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wienerspark.io.AudioReader;
import org.wienerspark.io.AudioWriter;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioContainer;
import org.wienerspark.io.RandomAccessInput;
import org.wienerspark.io.WavFormat;

/**
 * FLAC against WAV, both in memory so that only the codec is timed: 30 s of stereo 16-bit audio
 * read in the job's 4096-frame blocks into one reused array, and written in the same blocks.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FlacBench {

    static final int CHANNELS = 2;
    static final int BLOCK = 4096;

    private double[] signal;
    private byte[] wav;
    private byte[] flac;
    private double[] block;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        signal = BenchInputs.signal(BenchInputs.SAMPLES, CHANNELS, 5);
        wav = encodeWav();
        flac = encodeFlac();
        block = new double[BLOCK * CHANNELS];
    }

    /** FLAC size over WAV size for the signal (reported beside the speeds). */
    static double compressionRatio() throws IOException {
        FlacBench b = new FlacBench();
        b.setUp();
        return (double) b.flac.length / b.wav.length;
    }

    private static final class Sink extends OutputStream {
        long n;

        @Override
        public void write(int b) {
            n++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            n += len;
        }
    }

    /** Writes the signal in the job's blocks. */
    private void write(AudioWriter w) throws IOException {
        try (w) {
            for (int s = 0; s < BenchInputs.SAMPLES; s += BLOCK) {
                w.append(signal, s * CHANNELS, Math.min(BLOCK, BenchInputs.SAMPLES - s));
            }
        }
    }

    /** Reads the whole file in the job's blocks into the reused array. */
    private double read(AudioReader r) throws IOException {
        double acc = 0;
        try (r) {
            for (int s = 0; s < BenchInputs.SAMPLES; s += BLOCK) {
                r.read(s, Math.min(BenchInputs.SAMPLES, s + BLOCK), block, 0);
                acc += block[0];
            }
        }
        return acc;
    }

    private static AudioWriter wavWriter(OutputStream out) throws IOException {
        return Audio.writer(out, "b.wav", AudioContainer.WAV, CHANNELS, BenchInputs.RATE, WavFormat.PCM_16,
                BenchInputs.SAMPLES);
    }

    private static AudioWriter flacWriter(OutputStream out) throws IOException {
        return Audio.writer(out, "b.flac", AudioContainer.FLAC, CHANNELS, BenchInputs.RATE, WavFormat.PCM_16,
                BenchInputs.SAMPLES);
    }

    private byte[] encodeWav() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(wavWriter(out));
        return out.toByteArray();
    }

    private byte[] encodeFlac() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(flacWriter(out));
        return out.toByteArray();
    }

    @Benchmark
    public long wavWrite() throws IOException {
        Sink s = new Sink();
        write(wavWriter(s));
        return s.n;
    }

    @Benchmark
    public long flacWrite() throws IOException {
        Sink s = new Sink();
        write(flacWriter(s));
        return s.n;
    }

    @Benchmark
    public double wavRead() throws IOException {
        return read(Audio.open(RandomAccessInput.of("b.wav", wav)));
    }

    @Benchmark
    public double flacRead() throws IOException {
        return read(Audio.open(RandomAccessInput.of("b.flac", flac)));
    }
}
