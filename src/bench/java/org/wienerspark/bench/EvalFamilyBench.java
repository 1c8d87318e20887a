package org.wienerspark.bench;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.wienerspark.eval.EvalWindow;
import org.wienerspark.eval.FamilyEvaluation;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.eval.SetScores;

/**
 * Times the filter-based evaluation on a deterministic 30 s, 44.1 kHz stereo track with four
 * targets (1 s windows and hops, as MUSDB18), in one thread: BSSEval v4 ({@code eval_v4_30s_s4},
 * filters over the whole track) and v3 ({@code eval_v3_30s_s4}, filters per window): three
 * untimed runs of each on the same inputs (the steady state of an executor that evaluates a
 * corpus), then five timed runs, the best and the median ({@code _median}), each also as this
 * thread's CPU time ({@code _cpu}, the figure a shared machine disturbs least). When a copy of museval's {@code metrics.py} is given ({@code --museval
 * PATH}, default {@code work/ref/museval/metrics.py} if present; git-ignored, never committed), it
 * times museval's {@code bss_eval} on the same input with one BLAS/OpenMP thread, {@code
 * --museval-runs N} times for v4 and {@code --museval-v3-runs N} times for v3 (3 each by default),
 * and prints its best and median wall and CPU times and the ratios best to best and median to
 * median ({@code museval_v4_30s_s4}, {@code museval_v4_30s_s4_median}, {@code
 * speedup_v4_vs_museval}, {@code speedup_v4_vs_museval_median_cpu}, ...): museval's own time for
 * the one input moved by 40% between single runs on this machine (25.5-36.5 s for v4), so one run
 * of it is no firmer a baseline than one run of ours.
 *
 * <p>museval's v3 takes minutes (four dense LU factorisations of a 4096-row matrix per window);
 * {@code --v3-windows N} times both v3 implementations on the first N windows only (the cost is
 * linear in the windows), named {@code eval_v3_<N>s_s4}.
 * Usage: {@code java -cp TEST_CLASSPATH org.wienerspark.bench.EvalFamilyBench [--seconds S]
 * [--museval PATH] [--museval-runs N] [--museval-v3-runs N] [--v3-windows N] [--dir DIR]}.
 */
public final class EvalFamilyBench {

    private static final int RATE = 44100;
    private static final int SOURCES = BenchInputs.EVAL_SOURCES;
    private static final int CHANNELS = BenchInputs.EVAL_CHANNELS;
    /** Untimed runs of each set on the timed inputs. */
    static final int WARM_UP = 3;
    /** Timed runs of each set; the best and the median are reported. */
    static final int RUNS = 5;

    private EvalFamilyBench() {
    }

    public static void main(String[] args) throws Exception {
        double seconds = 30;
        int v3Windows = -1;
        int musevalRuns = 3;
        int musevalV3Runs = 3;
        File museval = new File("work/ref/museval/metrics.py");
        File dir = new File("target/bench/eval-family");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--museval" -> museval = new File(args[++i]);
                case "--v3-windows" -> v3Windows = Integer.parseInt(args[++i]);
                case "--museval-runs" -> musevalRuns = Integer.parseInt(args[++i]);
                case "--museval-v3-runs" -> musevalV3Runs = Integer.parseInt(args[++i]);
                case "--dir" -> dir = new File(args[++i]);
                default -> {
                    System.err.println("usage: EvalFamilyBench [--seconds S] [--museval PATH] [--museval-runs N] "
                            + "[--museval-v3-runs N] [--v3-windows N] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        if (musevalRuns < 1 || musevalV3Runs < 1) {
            System.err.println("EvalFamilyBench: --museval-runs and --museval-v3-runs must be >= 1");
            System.exit(2);
        }
        // One core: JTransforms would otherwise start its own threads.
        pl.edu.icm.jlargearrays.ConcurrencyUtils.setNumberOfThreads(1);
        int n = (int) Math.round(seconds * RATE);
        int v3n = v3Windows > 0 ? Math.min(n, v3Windows * RATE) : n;
        String label = fmtSeconds(seconds);
        String v3label = fmtSeconds(v3n / (double) RATE);
        double[][] track = BenchInputs.evaluationTrack(n);
        double[][] v3track = v3n == n ? track : new double[][] {cut(track[0], n, v3n), cut(track[1], n, v3n)};
        // Warm-up on the timed inputs themselves: the Vector API's loops run slow, non-intrinsified
        // code until C2 has compiled them (a cold JVM's first 30 s v4 takes 3-5 s, the steady state
        // under 1 s); an executor evaluating a corpus pays that once, on its first track.
        for (int i = 0; i < WARM_UP; i++) {
            time(MetricSet.V4, track, n);
            time(MetricSet.V3, v3track, v3n);
        }
        double[][] v4 = timed(MetricSet.V4, track, n);
        report("eval_v4_" + label + "_s4", v4);
        double[][] v3 = timed(MetricSet.V3, v3track, v3n);
        report("eval_v3_" + v3label + "_s4", v3);
        if (!museval.isFile()) {
            System.err.println("[eval-family] no museval metrics.py at " + museval + "; museval not timed");
            return;
        }
        dir.mkdirs();
        writeF64(new File(dir, "references.f64"), track[0]);
        writeF64(new File(dir, "estimates.f64"), track[1]);
        double[][] mv4 = museval(museval, dir, n, "v4", musevalRuns);
        report("museval_v4_" + label + "_s4", mv4);
        ratios("v4", mv4, v4);
        if (v3n != n) {
            File cutDir = new File(dir, "v3");
            cutDir.mkdirs();
            writeF64(new File(cutDir, "references.f64"), v3track[0]);
            writeF64(new File(cutDir, "estimates.f64"), v3track[1]);
            dir = cutDir;
        }
        double[][] mv3 = museval(museval, dir, v3n, "v3", musevalV3Runs);
        report("museval_v3_" + v3label + "_s4", mv3);
        ratios("v3", mv3, v3);
    }

    /**
     * Wall and CPU seconds of one evaluation (correlations, filters, frames) of a (sources, n,
     * channels) track; CPU time is that of this thread (the evaluation runs in it alone), the
     * figure that a shared machine disturbs least.
     */
    static double[] time(MetricSet set, double[][] track, int n) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        long c0 = mx.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        SetScores s = FamilyEvaluation.score(set, track[0], track[1], SOURCES, n, CHANNELS,
                EvalWindow.samples(RATE, RATE), false);
        double t = (System.nanoTime() - t0) / 1e9;
        double c = (mx.getCurrentThreadCpuTime() - c0) / 1e9;
        System.err.printf(Locale.ROOT, "[eval-family] %s %d samples: %.2f s (cpu %.2f s), solver %s, load %s%n",
                set.id(), n, t, c, s.solver(), Bench.loadAverage());
        return new double[] {t, c};
    }

    /** {@link #RUNS} timed runs: {best, median} x {wall, CPU} seconds. */
    private static double[][] timed(MetricSet set, double[][] track, int n) {
        double[][] runs = new double[RUNS][];
        for (int i = 0; i < RUNS; i++) {
            runs[i] = time(set, track, n);
        }
        return bestAndMedian(runs);
    }

    /** Runs of {wall, CPU} seconds: {best, median} x {wall, CPU}, each column sorted on its own. */
    private static double[][] bestAndMedian(double[][] runs) {
        double[] wall = new double[runs.length];
        double[] cpu = new double[runs.length];
        for (int i = 0; i < runs.length; i++) {
            wall[i] = runs[i][0];
            cpu[i] = runs[i][1];
        }
        double[] w = bestAndMedian(wall);
        double[] c = bestAndMedian(cpu);
        return new double[][] {{w[0], c[0]}, {w[1], c[1]}};
    }

    /** {best, median} of run times; an even count's median is the mean of the middle two. */
    static double[] bestAndMedian(double[] times) {
        double[] t = times.clone();
        Arrays.sort(t);
        int mid = t.length / 2;
        return new double[] {t[0], t.length % 2 == 1 ? t[mid] : (t[mid - 1] + t[mid]) / 2};
    }

    private static void report(String name, double[][] t) {
        figure(name, t[0][0], "s");
        figure(name + "_cpu", t[0][1], "s");
        figure(name + "_median", t[1][0], "s");
        figure(name + "_median_cpu", t[1][1], "s");
    }

    /** museval's time over ours: best over best and median over median, wall and CPU. */
    private static void ratios(String set, double[][] museval, double[][] ours) {
        figure("speedup_" + set + "_vs_museval", museval[0][0] / ours[0][0], "x");
        figure("speedup_" + set + "_vs_museval_cpu", museval[0][1] / ours[0][1], "x");
        figure("speedup_" + set + "_vs_museval_median", museval[1][0] / ours[1][0], "x");
        figure("speedup_" + set + "_vs_museval_median_cpu", museval[1][1] / ours[1][1], "x");
    }

    /** museval's {best, median} x {wall, CPU} seconds over {@code runs} bss_eval calls, each in a fresh process. */
    private static double[][] museval(File metricsPy, File dir, int n, String mode, int runs) throws IOException,
            InterruptedException {
        double[][] times = new double[runs][];
        for (int i = 0; i < runs; i++) {
            times[i] = musevalOnce(metricsPy, dir, n, mode, i + 1, runs);
        }
        return bestAndMedian(times);
    }

    /** museval's wall and CPU seconds for one bss_eval call. */
    private static double[] musevalOnce(File metricsPy, File dir, int n, String mode, int run, int runs)
            throws IOException, InterruptedException {
        File script = new File(System.getProperty("bench.root", "."), "src/bench/python/museval_time.py");
        List<String> cmd = new ArrayList<>(List.of("python3", script.getPath(), metricsPy.getPath(), dir.getPath(),
                "" + SOURCES, "" + n, "" + CHANNELS, "" + RATE, "" + RATE, mode));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        for (String v : List.of("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS",
                "VECLIB_MAXIMUM_THREADS")) {
            pb.environment().put(v, "1");
        }
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        System.err.printf(Locale.ROOT, "[eval-family] museval %s on %d samples, run %d of %d (load %s)...%n", mode,
                n, run, runs, Bench.loadAverage());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = p.waitFor();
        for (String line : out.split("\n")) {
            if (line.startsWith("museval_" + mode + " ")) {
                String[] f = line.trim().split(" ");
                return new double[] {Double.parseDouble(f[1]), Double.parseDouble(f[2])};
            }
        }
        throw new IOException("museval timing failed (exit " + exit + "): " + out);
    }

    private static void figure(String name, double value, String unit) {
        System.out.println(name + " " + Bench.fmt(value) + " " + unit);
        System.out.flush();
    }

    private static String fmtSeconds(double s) {
        return (s == Math.rint(s) ? Long.toString((long) s) : String.format(Locale.ROOT, "%.1f", s)) + "s";
    }

    private static double[] cut(double[] x, int n, int keep) {
        double[] out = new double[SOURCES * keep * CHANNELS];
        for (int j = 0; j < SOURCES; j++) {
            System.arraycopy(x, j * n * CHANNELS, out, j * keep * CHANNELS, keep * CHANNELS);
        }
        return out;
    }

    private static void writeF64(File f, double[] x) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 * 65536).order(ByteOrder.LITTLE_ENDIAN);
        try (OutputStream out = Files.newOutputStream(f.toPath())) {
            for (int i = 0; i < x.length; i++) {
                buf.putDouble(x[i]);
                if (!buf.hasRemaining() || i == x.length - 1) {
                    out.write(buf.array(), 0, buf.position());
                    buf.clear();
                }
            }
        }
    }
}
