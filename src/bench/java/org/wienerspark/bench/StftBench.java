package org.wienerspark.bench;

import java.util.concurrent.TimeUnit;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wienerspark.dsp.Stft;

/**
 * Forward and inverse STFT of 30 s of stereo audio at n_fft 4096 / hop 1024 (1292 frames, two
 * FFTs each), one thread (JTransforms' own threads off), into preallocated buffers as the
 * job's load and write stages use them. {@code engine}: {@code batched} is the project's STFT
 * ({@code RealFft}, SIMD loops when the JVM has {@code jdk.incubator.vector}), {@code jtransforms}
 * the same STFT frame by frame through JTransforms ({@link Stft#withJTransforms}), the baseline.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class StftBench {

    static final int CHANNELS = 2;

    @Param({"batched", "jtransforms"})
    public String engine;

    private Stft stft;
    private double[] signal;
    private double[] spectrum;
    private double[] out;

    @Setup(Level.Trial)
    public void setUp() {
        // JTransforms 3.1 keeps its thread count in JLargeArrays (CommonUtils has no setter).
        ConcurrencyUtils.setNumberOfThreads(1);
        stft = engine.equals("jtransforms") ? Stft.withJTransforms(BenchInputs.N_FFT, BenchInputs.HOP)
                : new Stft(BenchInputs.N_FFT, BenchInputs.HOP);
        signal = BenchInputs.signal(BenchInputs.SAMPLES, CHANNELS, 21);
        spectrum = new double[2 * BenchInputs.FRAMES * BenchInputs.BINS * CHANNELS];
        stft.forwardFrames(signal, 0, CHANNELS, BenchInputs.SAMPLES, 0, BenchInputs.FRAMES, spectrum);
        out = new double[BenchInputs.SAMPLES * CHANNELS];
    }

    @Benchmark
    public double forward(EmBench.Cpu cpu) {
        long t0 = cpu.now();
        stft.forwardFrames(signal, 0, CHANNELS, BenchInputs.SAMPLES, 0, BenchInputs.FRAMES, spectrum);
        cpu.cpuSeconds += (cpu.now() - t0) / 1e9;
        return spectrum[spectrum.length / 2];
    }

    @Benchmark
    public double inverse(EmBench.Cpu cpu) {
        long t0 = cpu.now();
        stft.inverseSamples(spectrum, 0, CHANNELS, BenchInputs.SAMPLES, 0, BenchInputs.SAMPLES, out);
        cpu.cpuSeconds += (cpu.now() - t0) / 1e9;
        return out[out.length / 2];
    }
}
