package org.wienerspark.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;
import org.wienerspark.core.RealFft;
import org.wienerspark.dsp.Stft;
import pl.edu.icm.jlargearrays.ConcurrencyUtils;

/**
 * Where {@link StftBench}'s time goes: the transforms alone against the whole STFT, for both
 * engines, in one JVM, alternated, by the thread's CPU time (microseconds per channel-frame,
 * median of the measured rounds). The difference between an STFT and its transform is the
 * copies around it (windowing and gathering frames, scattering bins, overlap-add). Run after
 * {@code jobs/bench --only stft} has built the classpath:
 * <pre>
 * java --add-modules=jdk.incubator.vector -cp target/test-classes:target/classes:$(cat target/bench-classpath.txt) \
 *   org.wienerspark.bench.StftProfile [rounds]
 * </pre>
 */
public final class StftProfile {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private StftProfile() {
    }

    public static void main(String[] args) {
        ConcurrencyUtils.setNumberOfThreads(1);
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        int n = BenchInputs.N_FFT;
        int m = n / 2;
        int channels = StftBench.CHANNELS;
        int frames = BenchInputs.FRAMES;
        int channelFrames = frames * channels;
        double[] signal = BenchInputs.signal(BenchInputs.SAMPLES, channels, 21);
        double[] spectrum = new double[2 * frames * BenchInputs.BINS * channels];
        double[] out = new double[BenchInputs.SAMPLES * channels];
        Stft batched = new Stft(n, BenchInputs.HOP);
        Stft jt = Stft.withJTransforms(n, BenchInputs.HOP);
        RealFft fft = new RealFft(n);
        int lanes = RealFft.preferredLanes(n);
        double[] re = new double[fft.paddedLength(lanes)];
        double[] im = new double[re.length];
        double[] sr = new double[fft.scratchLength(lanes)];
        double[] si = new double[sr.length];
        SplittableRandom rnd = new SplittableRandom(5);
        for (int i = 0; i < re.length; i++) {
            re[i] = rnd.nextDouble() - 0.5;
            im[i] = rnd.nextDouble() - 0.5;
        }
        DoubleFFT_1D oracle = new DoubleFFT_1D(n);
        double[] frame = new double[n];
        for (int i = 0; i < n; i++) {
            frame[i] = rnd.nextDouble() - 0.5;
        }
        String[] names = {"RealFft forward", "RealFft inverse", "JTransforms realForward", "JTransforms realInverse",
            "STFT forward (RealFft)", "STFT inverse (RealFft)", "STFT forward (JTransforms)",
            "STFT inverse (JTransforms)"};
        List<List<Double>> us = new ArrayList<>();
        for (String ignored : names) {
            us.add(new ArrayList<>());
        }
        int batches = channelFrames / lanes;
        for (int round = 0; round < rounds + 5; round++) {
            double[] t = new double[names.length];
            long t0 = cpu();
            for (int b = 0; b < batches; b++) {
                fft.forwardPadded(re, im, sr, si, lanes);
            }
            long t1 = cpu();
            for (int b = 0; b < batches; b++) {
                fft.inversePadded(re, im, sr, si, lanes);
            }
            long t2 = cpu();
            t[0] = (t1 - t0) / 1e3 / (batches * lanes);
            t[1] = (t2 - t1) / 1e3 / (batches * lanes);
            t0 = cpu();
            for (int i = 0; i < channelFrames; i++) {
                oracle.realForward(frame);
            }
            t1 = cpu();
            for (int i = 0; i < channelFrames; i++) {
                oracle.realInverse(frame, true);
            }
            t2 = cpu();
            t[2] = (t1 - t0) / 1e3 / channelFrames;
            t[3] = (t2 - t1) / 1e3 / channelFrames;
            for (int e = 0; e < 2; e++) {
                Stft stft = e == 0 ? batched : jt;
                t0 = cpu();
                stft.forwardFrames(signal, 0, channels, BenchInputs.SAMPLES, 0, frames, spectrum);
                t1 = cpu();
                stft.inverseSamples(spectrum, 0, channels, BenchInputs.SAMPLES, 0, BenchInputs.SAMPLES, out);
                t2 = cpu();
                t[4 + 2 * e] = (t1 - t0) / 1e3 / channelFrames;
                t[5 + 2 * e] = (t2 - t1) / 1e3 / channelFrames;
            }
            if (round >= 5) { // the first rounds warm up C2
                for (int i = 0; i < names.length; i++) {
                    us.get(i).add(t[i]);
                }
            }
        }
        System.out.printf("StftProfile: n_fft %d, %d lanes, Vector API %b, load average %.2f, us per channel-frame"
                + " (CPU, median of %d rounds)%n", n, lanes, RealFft.vectorized(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), rounds);
        double[] med = new double[names.length];
        for (int i = 0; i < names.length; i++) {
            Collections.sort(us.get(i));
            med[i] = us.get(i).get(us.get(i).size() / 2);
            System.out.printf("  %-28s %7.2f%n", names[i], med[i]);
        }
        System.out.printf("  copies around RealFft: forward %.2f, inverse %.2f; around JTransforms: %.2f, %.2f%n",
                med[4] - med[0], med[5] - med[1], med[6] - med[2], med[7] - med[3]);
        System.out.printf("  ratios to JTransforms: transform %.2f / %.2f, STFT %.2f / %.2f (forward / inverse)%n",
                med[2] / med[0], med[3] / med[1], med[6] / med[4], med[7] / med[5]);
    }

    private static long cpu() {
        return THREADS.getCurrentThreadCpuTime();
    }
}
