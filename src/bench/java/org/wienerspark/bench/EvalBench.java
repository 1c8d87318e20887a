package org.wienerspark.bench;

import org.wienerspark.eval.BssEvalV4;
import org.wienerspark.eval.CrossCorrelations;
import org.wienerspark.eval.DistortionFilters;
import org.wienerspark.eval.Framing;
import org.wienerspark.eval.GlobalSdr;

/**
 * Times BSSEval v4 plus the global SDR on a deterministic 30 s, 44.1 kHz stereo track with four
 * targets, in one thread, and prints {@code eval_30s_s4 SECONDS s}, the best of five runs after
 * three untimed ones, and {@code eval_30s_s4_median} (the phases of each run on stderr).
 * Usage: {@code java -cp APP_JAR org.wienerspark.bench.EvalBench [seconds]}.
 */
public final class EvalBench {

    private static final int RATE = 44100;
    private static final int SOURCES = BenchInputs.EVAL_SOURCES;
    private static final int CHANNELS = BenchInputs.EVAL_CHANNELS;

    private EvalBench() {
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 30.0;
        // One core: JTransforms (through JLargeArrays) would otherwise start its own threads.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        // Warm-up on the timed track itself, so the timing is of compiled code, not of the JIT (a
        // cold JVM's first 30 s takes 3-5 s while the Vector API's loops are interpreted); then
        // the best of the timed runs, since the machine may be shared, and their median: as
        // EvalFamilyBench does.
        for (int i = 0; i < EvalFamilyBench.WARM_UP; i++) {
            run(seconds, false);
        }
        double[] t = new double[EvalFamilyBench.RUNS];
        for (int i = 0; i < t.length; i++) {
            t[i] = run(seconds, true);
        }
        double[] summary = EvalFamilyBench.bestAndMedian(t);
        System.out.printf("eval_30s_s4 %.3f s%n", summary[0]);
        System.out.printf("eval_30s_s4_median %.3f s%n", summary[1]);
    }

    /** Evaluates a synthetic track in phases; returns the total seconds. */
    static double run(double seconds, boolean report) {
        int n = (int) Math.round(seconds * RATE);
        double[][] pair = BenchInputs.evaluationTrack(n);
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
            System.err.printf("correlations %.2f s, filters (solver %s) %.2f s, %d frames %.2f s%n",
                    (t1 - t0) / 1e9, filters.solver(), (t2 - t1) / 1e9, framing.count(), (t3 - t2) / 1e9);
        }
        return (t3 - t0) / 1e9;
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
