package org.wienerspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.wienerspark.core.PosteriorMean;
import org.wienerspark.core.SpatialCovariance;
import org.wienerspark.core.Tensors;

/**
 * One EM iteration of the core on 30 s of audio at n_fft 4096 (1292 frames x 2049 bins), one
 * thread: the spatial covariance aggregation over every frame, then the fused Wiener map, in
 * place, as {@code ExpectationMaximization} (and each Spark task) runs them. Successive
 * invocations are successive EM iterations on the same estimates.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
public class EmBench {

    @Param({"2"})
    public int channels;

    @Param({"4"})
    public int sources;

    private double[] x;
    private double[] y;
    private double[] v;
    private PosteriorMean separator;

    @Setup(Level.Trial)
    public void setUp() {
        x = BenchInputs.mixture(BenchInputs.FRAMES, BenchInputs.BINS, channels, 11);
        y = BenchInputs.estimates(x, BenchInputs.FRAMES, BenchInputs.BINS, channels, sources, 12);
        v = new double[BenchInputs.FRAMES * BenchInputs.BINS * sources];
        separator = new PosteriorMean(channels, sources);
    }

    /**
     * The CPU time of the benchmark thread per invocation, next to JMH's wall time: on a shared
     * machine the wall time also counts the time other processes held the core.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Cpu {
        private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        public double cpuSeconds;

        long now() {
            return THREADS.getCurrentThreadCpuTime();
        }
    }

    @Benchmark
    public double iteration(Cpu cpu) {
        long t0 = cpu.now();
        double r = iterate(x, y, v, channels, sources, separator);
        cpu.cpuSeconds += (cpu.now() - t0) / 1e9;
        return r;
    }

    /**
     * One iteration as the core's EM and the job's passes run it: the statistics pass also
     * gives v, from which the map computes the new estimates.
     */
    static double iterate(double[] x, double[] y, double[] v, int channels, int sources,
                          PosteriorMean separator) {
        int frames = BenchInputs.FRAMES;
        int bins = BenchInputs.BINS;
        double eps = Tensors.DOUBLE_EPS;
        SpatialCovariance stats = new SpatialCovariance(bins, channels, sources);
        stats.add(y, 0, frames, v, 0);
        double[] r = stats.covariances(eps);
        separator.separateFromPsd(r, bins, eps, x, 0, v, 0, y, 0, frames);
        return r[0] + y[y.length - 1];
    }
}
