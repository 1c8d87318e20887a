package org.wienerspark.bench;

import java.util.SplittableRandom;
import org.wienerspark.eval.BssEvalV4;
import org.wienerspark.eval.CrossCorrelations;
import org.wienerspark.eval.DistortionFilters;
import org.wienerspark.eval.Framing;
import org.wienerspark.eval.GlobalSdr;

/**
 * Times BSSEval v4 plus the global SDR on a deterministic 30 s, 44.1 kHz stereo track with four
 * targets, in one thread, and prints {@code eval_30s_s4 SECONDS s}, the best of two runs after a
 * warm-up (the phases of each run on stderr).
 * Usage: {@code java -cp APP_JAR org.wienerspark.bench.EvalBench [seconds]}.
 */
public final class EvalBench {

    private static final int RATE = 44100;
    private static final int SOURCES = 4;
    private static final int CHANNELS = 2;

    private EvalBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30.0;
        // One core: JTransforms (through JLargeArrays) would otherwise start its own threads.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        // Warm-up on a short track so the timing is of compiled code, not of the JIT; then the
        // best of two runs, since the machine may be shared.
        run(3.0, false);
        double t = Math.min(run(seconds, true), run(seconds, true));
        System.out.printf("eval_30s_s4 %.2f s%n", t);
    }

    /** Evaluates a synthetic track in phases; returns the total seconds. */
    static double run(double seconds, boolean report) {
        int n = (int) Math.round(seconds * RATE);
        double[][] pair = track(n);
        long t0 = System.nanoTime();
        CrossCorrelations xc = new CrossCorrelations(SOURCES, CHANNELS, BssEvalV4.FILTER_TAPS);
        xc.add(pair[0], pair[1], n);
        xc.finish();
        long t1 = System.nanoTime();
        DistortionFilters filters = DistortionFilters.fit(xc);
        long t2 = System.nanoTime();
        BssEvalV4 scorer = new BssEvalV4(filters);
        Framing framing = new Framing(RATE, RATE, n);
        for (int t = 0; t < framing.count(); t++) {
            int from = framing.start(t);
            int len = framing.end(t) - from;
            scorer.scoreFrame(window(pair[0], SOURCES, n, CHANNELS, from, len),
                    window(pair[1], SOURCES, n, CHANNELS, from, len), len);
        }
        GlobalSdr.of(pair[0], pair[1], SOURCES, n, CHANNELS);
        long t3 = System.nanoTime();
        if (report) {
            System.err.printf("correlations %.2f s, filters (Gram + Cholesky, %s) %.2f s, %d frames %.2f s%n",
                    (t1 - t0) / 1e9, filters.solver(), (t2 - t1) / 1e9, framing.count(), (t3 - t2) / 1e9);
        }
        return (t3 - t0) / 1e9;
    }

    /**
     * References and estimates, each (sources, n, channels): a bass-like tone, a noise-based
     * percussion, a vibrato voice and a chord, panned; estimates leak the others with a delay and
     * add a little noise.
     */
    static double[][] track(int n) {
        SplittableRandom rnd = new SplittableRandom(20240517L);
        double[] ref = new double[SOURCES * n * CHANNELS];
        double lowpass = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double bass = 0.3 * Math.sin(2 * Math.PI * 55 * t) + 0.1 * Math.sin(2 * Math.PI * 110 * t);
            lowpass = 0.7 * lowpass + 0.3 * (rnd.nextDouble() * 2 - 1);
            double drums = lowpass * Math.exp(-8 * (t % 0.5));
            double voice = 0.2 * Math.sin(2 * Math.PI * 330 * t + 3 * Math.sin(2 * Math.PI * 5 * t));
            double chord = 0.05 * (Math.sin(2 * Math.PI * 262 * t) + Math.sin(2 * Math.PI * 330 * t + 1)
                    + Math.sin(2 * Math.PI * 392 * t + 2));
            double[] mono = {voice, drums, bass, chord};
            double[] pan = {0.4, 0.5, 0.5, 0.7};
            for (int j = 0; j < SOURCES; j++) {
                ref[(j * n + i) * CHANNELS] = mono[j] * (1 - pan[j]) + 1e-3 * (rnd.nextDouble() - 0.5);
                ref[(j * n + i) * CHANNELS + 1] = mono[j] * pan[j] + 1e-3 * (rnd.nextDouble() - 0.5);
            }
        }
        double[] est = new double[ref.length];
        for (int j = 0; j < SOURCES; j++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < CHANNELS; c++) {
                    double leak = 0;
                    for (int k = 0; k < SOURCES; k++) {
                        int d = i - 7 * (k + 1);
                        if (k != j && d >= 0) {
                            leak += ref[(k * n + d) * CHANNELS + c];
                        }
                    }
                    est[(j * n + i) * CHANNELS + c] = 0.9 * ref[(j * n + i) * CHANNELS + c] + 0.15 * leak
                            + 0.01 * (rnd.nextDouble() - 0.5);
                }
            }
        }
        return new double[][] {ref, est};
    }

    /** Samples [from, from + n) of (sources, samples, channels) signals, as the evaluation reads a window. */
    private static double[] window(double[] x, int sources, int samples, int channels, int from, int n) {
        double[] out = new double[sources * n * channels];
        for (int j = 0; j < sources; j++) {
            System.arraycopy(x, (j * samples + from) * channels, out, j * n * channels, n * channels);
        }
        return out;
    }
}
