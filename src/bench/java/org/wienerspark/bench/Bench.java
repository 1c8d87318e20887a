package org.wienerspark.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavReader;

/**
 * The benchmark harness behind {@code jobs/bench}: prints one line per figure,
 * {@code name value unit}, on standard output (progress and spreads go to standard error).
 *
 * <p>Sections, all by default, or those named by {@code --only a,b}: {@code em} (JMH, one EM
 * iteration of the core per channel and source count), {@code stft} (JMH), {@code machine}
 * (copy bandwidth and scalar flops of one core), {@code e2e} (the Spark job on 4 demo tracks,
 * local[1] and local[2], fresh JVMs through {@code jobs/lib.sh}), {@code reference} (the job
 * against a numpy + norbert script on the same corpus, cold, JVM and Python start included, when
 * python3 with numpy and scipy and a copy of norbert are there), {@code heap} (peak heap for a
 * 3- and a 30-minute track under -Xmx1g), {@code eval} ({@link EvalBench}, then {@link EvalFamilyBench}:
 * v4, v3 and museval's times), {@code flac} (JMH, FLAC against WAV reading and writing), and only
 * when named, {@code long} (a 20-minute track, 3 iterations, -Xmx2g).
 * Inputs are made under {@code --dir} (default {@code target/bench}).
 */
public final class Bench {

    static final List<String> SECTIONS = List.of("em", "stft", "machine", "e2e", "reference", "heap", "eval", "flac",
            "long");
    /** Sections run when none is named: all but the long one. */
    static final List<String> DEFAULT_SECTIONS = SECTIONS.subList(0, SECTIONS.size() - 1);

    private final File root;
    private final File dir;
    private final PrintStream out;
    private final List<String> lines = new ArrayList<>();

    private Bench(File root, File dir) {
        this.root = root;
        this.dir = dir;
        this.out = System.out;
    }

    public static void main(String[] args) throws Exception {
        Set<String> only = new LinkedHashSet<>(DEFAULT_SECTIONS);
        File root = new File(System.getProperty("bench.root", ".")).getAbsoluteFile();
        File dir = new File(root, "target/bench");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--only" -> only = new LinkedHashSet<>(List.of(args[++i].split(",")));
                case "--dir" -> dir = new File(args[++i]).getAbsoluteFile();
                default -> {
                    System.err.println("usage: jobs/bench [--only " + String.join(",", SECTIONS) + "] [--dir DIR]");
                    System.exit(2);
                }
            }
        }
        for (String s : only) {
            if (!SECTIONS.contains(s)) {
                System.err.println("unknown section " + s + "; sections: " + SECTIONS);
                System.exit(2);
            }
        }
        dir.mkdirs();
        Bench b = new Bench(root, dir);
        long t0 = System.nanoTime();
        for (String s : SECTIONS) {
            if (only.contains(s)) {
                long ts = System.nanoTime();
                switch (s) {
                    case "em" -> b.em();
                    case "stft" -> b.stft();
                    case "machine" -> b.machine();
                    case "e2e" -> b.e2e();
                    case "reference" -> b.reference();
                    case "heap" -> b.heap();
                    case "long" -> b.long20();
                    case "eval" -> b.eval();
                    case "flac" -> b.flac();
                    default -> throw new AssertionError(s);
                }
                log("%s done in %.0f s", s, (System.nanoTime() - ts) / 1e9);
            }
        }
        log("bench done in %.0f s", (System.nanoTime() - t0) / 1e9);
        Files.write(new File(dir, "latest.txt").toPath(), b.lines, StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ kernels (JMH)

    private void em() throws RunnerException {
        for (String channels : List.of("1", "2", "3")) {
            ChainedOptionsBuilder o = jmh(EmBench.class.getName() + ".iteration")
                    .param("channels", channels).param("sources", "2", "4", "8")
                    // Eight warm-up shots: with two, C2 had not always finished the kernels, and the
                    // figure moved by 40% from run to run.
                    .warmupIterations(8).measurementIterations(5).warmupBatchSize(1)
                    .measurementBatchSize(1);
            for (RunResult r : sorted(new Runner(o.build()).run())) {
                int c = Integer.parseInt(r.getParams().getParam("channels"));
                int s = Integer.parseInt(r.getParams().getParam("sources"));
                double work = (double) BenchInputs.FRAMES * BenchInputs.BINS * s / 1e6;
                figure("em_c" + c + "_s" + s, spread(r, work), "Mbins/s");
            }
        }
    }

    private void stft() throws RunnerException {
        // One transform of 30 s per shot (0.05-0.3 s); shots, not a time budget, so that the
        // thread's CPU time is measured per shot too.
        ChainedOptionsBuilder o = jmh(StftBench.class.getName())
                .warmupIterations(10).measurementIterations(15).warmupBatchSize(1).measurementBatchSize(1);
        Map<String, Double> fps = new LinkedHashMap<>();
        Map<String, Double> cpuFps = new LinkedHashMap<>();
        for (RunResult r : sorted(new Runner(o.build()).run())) {
            String name = r.getParams().getBenchmark().endsWith("forward") ? "stft_forward_fps" : "stft_inverse_fps";
            if ("jtransforms".equals(r.getParams().getParam("engine"))) {
                name += "_jtransforms";
            }
            fps.put(name, spread(r, BenchInputs.FRAMES));
            var cpu = r.getSecondaryResults().get("cpuSeconds");
            cpuFps.put(name, cpu == null ? Double.NaN : BenchInputs.FRAMES / cpu.getStatistics().getPercentile(50));
        }
        // The project's STFT, then the same frames through JTransforms (same JVM flags, same run).
        for (String name : List.of("stft_forward_fps", "stft_inverse_fps", "stft_forward_fps_jtransforms",
                "stft_inverse_fps_jtransforms")) {
            figure(name, fps.getOrDefault(name, Double.NaN), "frames/s");
        }
        // The ratios by the threads' CPU time: on a shared machine the wall time also counts the
        // time other processes held the core (the wall-time ratio goes to the log).
        for (String dir : List.of("forward", "inverse")) {
            String a = "stft_" + dir + "_fps";
            log("stft_%s_vs_jtransforms by wall time: %s", dir, fmt(fps.getOrDefault(a, Double.NaN)
                    / fps.getOrDefault(a + "_jtransforms", Double.NaN)));
            figure("stft_" + dir + "_vs_jtransforms", cpuFps.getOrDefault(a, Double.NaN)
                    / cpuFps.getOrDefault(a + "_jtransforms", Double.NaN), "x");
        }
    }

    private void flac() throws Exception {
        ChainedOptionsBuilder o = jmh(FlacBench.class.getName())
                .warmupIterations(3).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1))
                .measurementIterations(5).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(1));
        java.util.Map<String, Double> v = new java.util.HashMap<>();
        for (RunResult r : sorted(new Runner(o.build()).run())) {
            String b = r.getParams().getBenchmark();
            String name = b.substring(b.lastIndexOf('.') + 1);
            v.put(name, spread(r, (double) BenchInputs.SAMPLES * FlacBench.CHANNELS / 1e6));
            figure("codec_" + name + "_msamples_s", v.get(name), "Msamples/s");
        }
        figure("codec_flac_read_vs_wav", v.get("flacRead") / v.get("wavRead"), "x");
        figure("codec_flac_write_vs_wav", v.get("flacWrite") / v.get("wavWrite"), "x");
        figure("codec_flac_size_vs_wav", FlacBench.compressionRatio(), "x");
    }

    private static ChainedOptionsBuilder jmh(String include) {
        return new OptionsBuilder().include(include).forks(1).shouldFailOnError(true)
                .jvmArgs("-Xmx3g", "-XX:+UseParallelGC", "--add-modules=jdk.incubator.vector").verbosity(VerboseMode.SILENT);
    }

    private static List<RunResult> sorted(Collection<RunResult> results) {
        List<RunResult> l = new ArrayList<>(results);
        l.sort(Comparator.comparing((RunResult r) -> r.getParams().getBenchmark())
                .thenComparing(r -> r.getParams().getParam("channels") == null ? ""
                        : r.getParams().getParam("channels"))
                .thenComparingInt(r -> r.getParams().getParam("sources") == null ? 0
                        : Integer.parseInt(r.getParams().getParam("sources"))));
        return l;
    }

    /** {@code work} per op over the median op time; the spread of the shots to the log. */
    private static double spread(RunResult r, double work) {
        var st = r.getPrimaryResult().getStatistics();
        double median = work / st.getPercentile(50);
        String b = r.getParams().getBenchmark();
        var cpu = r.getSecondaryResults().get("cpuSeconds");
        log("%s%s: median %s over %d samples, range %s .. %s%s", b.substring(b.lastIndexOf('.', b.lastIndexOf('.') - 1) + 1),
                r.getParams().getParamsKeys().stream().map(k -> " " + k + "=" + r.getParams().getParam(k))
                        .collect(java.util.stream.Collectors.joining()),
                fmt(median), st.getN(), fmt(work / st.getMax()), fmt(work / st.getMin()),
                cpu == null ? "" : "; by thread CPU time: median " + fmt(work / cpu.getStatistics().getPercentile(50))
                        + ", load average " + loadAverage());
        return median;
    }

    // ------------------------------------------------------------------ machine

    private void machine() {
        figure("mem_copy_gbs", MachineLimits.copyGbPerSecond(), "GB/s");
        figure("cpu_scalar_gflops", MachineLimits.scalarGflops(), "GFlop/s");
    }

    // ------------------------------------------------------------------ end to end (Spark)

    private void e2e() throws IOException, InterruptedException {
        File corpus = Corpora.demo(new File(dir, "corpus-4x30s"), 4, 30.0);
        // Each JVM first separates the same corpus, untimed: the steady state of a corpus run, in
        // which the JIT compilers (a third of a cold run's CPU) are done.
        Map<String, Double> perMinute = new LinkedHashMap<>();
        boolean pin = new File("/usr/bin/taskset").canExecute();
        for (int it : new int[] {1, 3}) {
            // local[1] twice: on one CPU (an executor with one core: the baseline of the
            // speed-up), and free to run GC, JIT and I/O threads on the second CPU.
            for (String run : List.of("local1", "local2", "local1_2cpu")) {
                String name = "e2e_" + run + "_it" + it;
                if (run.equals("local1") && !pin) {
                    log("%s: no /usr/bin/taskset to hold the JVM to one CPU", name);
                    figure(name, Double.NaN, "s/min");
                    continue;
                }
                // Best of two timed runs for the speed-up's terms; one for the extra figure (time).
                Probe p = job(name, run.equals("local2") ? "local[2]" : "local[1]", "2g", corpus, corpus,
                        run.equals("local1"), run.equals("local1_2cpu") ? 1 : 2, "--iterations",
                        String.valueOf(it));
                double v = p.wall / (p.audio / 60.0);
                perMinute.put(name, v);
                figure(name, v, "s/min");
            }
        }
        for (int it : new int[] {1, 3}) {
            double two = perMinute.getOrDefault("e2e_local2_it" + it, Double.NaN);
            figure("e2e_speedup_it" + it, perMinute.getOrDefault("e2e_local1_it" + it, Double.NaN) / two, "x");
            figure("e2e_speedup_2cpu_it" + it, perMinute.getOrDefault("e2e_local1_2cpu_it" + it, Double.NaN) / two,
                    "x");
        }
    }

    // ------------------------------------------------------------------ the anchor: numpy + norbert

    /**
     * The job against what a user would run instead: {@code src/bench/python/norbert_reference.py}
     * (numpy STFT in this project's convention, {@code norbert.wiener} with 1 iteration and no
     * soft mask, inverse STFT, 16-bit WAVs) on the e2e corpus, one process per core pinned with
     * taskset, against the job with {@code --no-softmask} in local[1] held to one CPU and in
     * local[2]. Cold processes, start included (what a user pays per run), one timed run each,
     * on issue 12's corpus: 4 tracks of 128 s. The job starts as README's set-up has it, from the
     * class-data archive of {@code jobs/cds} (made here first when missing or stale).
     * norbert is looked up in {@code -Dbench.norbert} or {@code work/ref} (a git-ignored copy).
     */
    private void reference() throws IOException, InterruptedException {
        File corpus = Corpora.demo(new File(dir, "corpus-4x128s"), 4, 128.0);
        File norbert = new File(System.getProperty("bench.norbert", new File(root, "work/ref").getPath()));
        File script = new File(root, "src/bench/python/norbert_reference.py");
        List<String> names = List.of("e2e_reference_it1", "e2e_vs_reference_it1", "e2e_reference_2proc_it1",
                "e2e_local2_vs_reference_2proc_it1", "reference_max_lsb_diff");
        String missing = !new File(norbert, "norbert/__init__.py").isFile() ? "no norbert copy in " + norbert
                : !new File("/usr/bin/taskset").canExecute() ? "no /usr/bin/taskset"
                : run(new ProcessBuilder("python3", "-c", "import numpy, scipy"), null) != 0
                ? "no python3 with numpy and scipy" : null;
        if (missing != null) {
            log("reference: %s; fetch sigsep/norbert into work/ref (git-ignored) to measure the anchor", missing);
            for (String n : names) {
                figure(n, Double.NaN, "");
            }
            return;
        }
        File mixtures = new File(corpus, "mixtures");
        File estimates = new File(corpus, "estimates");
        List<String> tracks = new ArrayList<>(List.of(mixtures.list()));
        tracks.sort(null);
        double audio = audioSeconds(mixtures, tracks);

        File job1 = new File(dir, "out-reference-job-local1");
        File job2 = new File(dir, "out-reference-job-local2");
        File ref1 = new File(dir, "out-reference-script-1proc");
        File ref2 = new File(dir, "out-reference-script-2proc");
        for (File f : List.of(job1, job2, ref1, ref2)) {
            deleteTree(f);
        }
        ensureClassDataArchive();
        double tJob1 = timed(separateCold("local[1]", true, mixtures, estimates, job1), "reference_job_local1");
        double tJob2 = timed(separateCold("local[2]", false, mixtures, estimates, job2), "reference_job_local2");
        List<ProcessBuilder> one = List.of(script(script, norbert, "0", mixtures, estimates, ref1, tracks, job1));
        double tRef1 = timed(one, "reference_script_1proc");
        List<ProcessBuilder> two = new ArrayList<>();
        int cut = (tracks.size() + 1) / 2;
        two.add(script(script, norbert, "0", mixtures, estimates, ref2, tracks.subList(0, cut), null));
        two.add(script(script, norbert, "1", mixtures, estimates, ref2, tracks.subList(cut, tracks.size()), null));
        double tRef2 = timed(two, "reference_script_2proc");
        double lsb = Double.NaN;
        for (String line : Files.readAllLines(new File(dir, "logs/reference_script_1proc.out").toPath())) {
            if (line.startsWith("max_lsb_diff ")) {
                lsb = Double.parseDouble(line.substring(13).trim());
            }
        }
        for (File f : List.of(job1, job2, ref1, ref2)) {
            deleteTree(f);
        }
        log("reference: job local[1] on one CPU %.1f s, local[2] %.1f s; script 1 process %.1f s, 2 processes %.1f s;"
                + " %.0f s of audio", tJob1, tJob2, tRef1, tRef2, audio);
        figure("e2e_reference_it1", tRef1 / (audio / 60.0), "s/min");
        figure("e2e_vs_reference_it1", tRef1 / tJob1, "x");
        figure("e2e_reference_2proc_it1", tRef2 / (audio / 60.0), "s/min");
        figure("e2e_local2_vs_reference_2proc_it1", tRef2 / tJob2, "x");
        figure("reference_max_lsb_diff", lsb, "LSB");
    }

    /** Runs {@code jobs/cds} unless jobs/lib.sh already finds a fresh archive. */
    private void ensureClassDataArchive() throws IOException, InterruptedException {
        ProcessBuilder check = new ProcessBuilder("bash", "-c", "source \"$1/jobs/lib.sh\"; [ -n \"$(cds_opts 2>/dev/null)\" ]",
                "bench", root.getPath());
        if (run(check, null) == 0) {
            return;
        }
        File logs = new File(dir, "logs");
        logs.mkdirs();
        int exit = run(new ProcessBuilder("bash", new File(root, "jobs/cds").getPath()), new File(logs, "cds.log"));
        log("reference: jobs/cds %s (log %s/cds.log)", exit == 0 ? "made the class-data archive"
                : "failed with exit " + exit + ": the job starts without the archive", logs);
    }

    /** The separation in a fresh JVM through jobs/lib.sh, as jobs/separate runs it (no warm-up). */
    private ProcessBuilder separateCold(String master, boolean oneCpu, File mixtures, File estimates, File output) {
        List<String> cmd = new ArrayList<>();
        if (oneCpu) {
            cmd.addAll(List.of("/usr/bin/taskset", "-c", "0"));
        }
        cmd.addAll(List.of("bash", "-c", "source \"$1/jobs/lib.sh\"; shift; run_local \"$@\"", "bench",
                root.getPath(), "separate", "--mixtures", mixtures.getPath(), "--estimates", estimates.getPath(),
                "--output", output.getPath(), "--no-softmask", "--iterations", "1", "--quiet"));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_MASTER", master);
        // The launcher's own heap for this master (jobs/lib.sh default_heap): what users run.
        pb.environment().remove("DRIVER_MEMORY");
        return pb;
    }

    private ProcessBuilder script(File script, File norbert, String cpu, File mixtures, File estimates, File output,
                                  List<String> tracks, File compare) {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/taskset", "-c", cpu, "python3", script.getPath(),
                "--norbert", norbert.getPath(), "--mixtures", mixtures.getPath(), "--estimates", estimates.getPath(),
                "--output", output.getPath(), "--tracks", String.join(",", tracks), "--iterations", "1"));
        if (compare != null) {
            cmd.addAll(List.of("--compare", compare.getPath()));
        }
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // One process per core, one thread each; OpenBLAS tuning variables of this machine are
        // not what a user's numpy runs with.
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OPENBLAS_L2_SIZE");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.environment().put("OPENBLAS_NUM_THREADS", "1");
        pb.environment().put("MKL_NUM_THREADS", "1");
        return pb;
    }

    private double timed(ProcessBuilder pb, String name) throws IOException, InterruptedException {
        return timed(List.of(pb), name);
    }

    /** Wall time of processes started together, until the last ends; NaN if one fails. */
    private double timed(List<ProcessBuilder> pbs, String name) throws IOException, InterruptedException {
        File logs = new File(dir, "logs");
        logs.mkdirs();
        log("%s: load average %s (logs %s/%s.*)", name, loadAverage(), logs, name);
        List<Process> procs = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < pbs.size(); i++) {
            ProcessBuilder pb = pbs.get(i);
            String suffix = pbs.size() == 1 ? "" : "-" + i;
            pb.redirectOutput(new File(logs, name + suffix + ".out"));
            pb.redirectError(new File(logs, name + suffix + ".log"));
            procs.add(pb.start());
        }
        boolean ok = true;
        for (Process p : procs) {
            ok &= p.waitFor() == 0;
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        if (!ok) {
            log("%s failed, see %s", name, logs);
            return Double.NaN;
        }
        return wall;
    }

    private static int run(ProcessBuilder pb, File log) throws IOException, InterruptedException {
        pb.redirectErrorStream(true);
        pb.redirectOutput(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log));
        try {
            return pb.start().waitFor();
        } catch (IOException e) {
            return -1;
        }
    }

    private static double audioSeconds(File mixtures, List<String> tracks) throws IOException {
        double seconds = 0;
        Configuration conf = new Configuration();
        for (String t : tracks) {
            try (WavReader r = Wav.open(conf, new Path(new File(mixtures, t + "/mixture.wav").toURI()))) {
                seconds += (double) r.header().frames() / r.header().sampleRate();
            }
        }
        return seconds;
    }

    private void heap() throws IOException, InterruptedException {
        File demo = Corpora.demo(new File(dir, "corpus-4x30s"), 4, 30.0);
        for (int minutes : new int[] {3, 30}) {
            File track = Corpora.repeated(demo, new File(dir, "track-" + minutes + "min"), minutes * 60);
            Probe p = job("heap_" + minutes + "min", "local[2]", "1g", null, track, false, 1);
            figure("peak_heap_" + minutes + "min_mb", p.exit != 0 ? Double.NaN
                    : p.heapAfterFullGc >= 0 ? p.heapAfterFullGc : p.heapAfterGc, "MB");
        }
    }

    /**
     * Not in the default run (about 10 minutes on 2 cores): a 20-minute stereo track with 4
     * sources, 3 iterations, local[2] under -Xmx2g; its time, peak heap, and the disk holding
     * blocks between iterations.
     */
    private void long20() throws IOException, InterruptedException {
        File demo = Corpora.demo(new File(dir, "corpus-4x30s"), 4, 30.0);
        File track = Corpora.repeated(demo, new File(dir, "track-20min"), 20 * 60);
        Probe p = job("long_20min_it3", "local[2]", "2g", null, track, false, 1, "--iterations", "3");
        boolean ok = p.exit == 0;
        figure("long_20min_it3_wall", ok ? p.wall : Double.NaN, "s");
        figure("long_20min_it3_peak_heap_mb", !ok ? Double.NaN
                : p.heapAfterFullGc >= 0 ? p.heapAfterFullGc : p.heapAfterGc, "MB");
        figure("long_20min_it3_blocks_disk_peak_mb", ok ? p.blocksDiskMb : Double.NaN, "MB");
        figure("long_20min_it3_spilled_mb", ok ? p.spilledMb : Double.NaN, "MB");
    }

    record Probe(int exit, double wall, double audio, double heapAfterFullGc, double heapAfterGc, double blocksDiskMb,
                 double spilledMb) {
    }

    /**
     * The separation of a corpus in a fresh JVM through {@code jobs/lib.sh}'s {@code run_local},
     * after an untimed one of {@code warmup} when not null.
     */
    private Probe job(String name, String master, String heap, File warmup, File corpus, boolean oneCpu, int repeat,
                      String... extra) throws IOException, InterruptedException {
        File output = new File(dir, "out-" + name);
        deleteTree(output);
        deleteTree(new File(output.getPath() + "-warmup"));
        List<String> cmd = new ArrayList<>();
        if (oneCpu) {
            // The JVM then sizes its GC and compiler threads for one CPU, as in a one-core container.
            cmd.addAll(List.of("/usr/bin/taskset", "-c", "0"));
        }
        cmd.addAll(List.of("bash", "-c", "source \"$1/jobs/lib.sh\"; shift; run_local \"$@\"", "bench",
                root.getPath()));
        if (warmup != null) {
            cmd.addAll(List.of("--warmup-corpus", warmup.getPath()));
        }
        // The best of several timed runs: the machine is shared, the minimum is the least
        // disturbed figure.
        cmd.addAll(List.of("--repeat", String.valueOf(repeat)));
        cmd.addAll(List.of("separate", "--mixtures", new File(corpus, "mixtures").getPath(),
                "--estimates", new File(corpus, "estimates").getPath(), "--output", output.getPath(), "--quiet"));
        cmd.addAll(List.of(extra));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("SPARK_MASTER", master);
        pb.environment().put("DRIVER_MEMORY", heap);
        pb.environment().put("MAIN_CLASS", JobProbe.class.getName());
        pb.environment().put("EXTRA_CLASSPATH", new File(root, "target/test-classes").getPath());
        File logFile = new File(dir, "logs/" + name + ".log");
        logFile.getParentFile().mkdirs();
        pb.redirectError(logFile);
        log("%s: %s%s, -Xmx%s %s%s, load average %s (log %s)", name, master, oneCpu ? " on one CPU" : "", heap,
                String.join(" ", extra), warmup == null ? "" : ", after a warm-up run", loadAverage(), logFile);
        Process proc = pb.start();
        String probe = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("probe ")) {
                    probe = line;
                }
            }
        }
        int exit = proc.waitFor();
        deleteTree(output);
        deleteTree(new File(output.getPath() + "-warmup"));
        if (probe == null) {
            log("%s: no probe line (exit %d), see %s", name, exit, logFile);
            return new Probe(exit, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        log("%s: %s", name, probe);
        Map<String, String> kv = new LinkedHashMap<>();
        for (String part : probe.substring(6).split(" ")) {
            String[] p = part.split("=", 2);
            kv.put(p[0], p[1]);
        }
        return new Probe(Integer.parseInt(kv.get("exit")), Double.parseDouble(kv.get("wall_s")),
                Double.parseDouble(kv.get("audio_s")), Double.parseDouble(kv.get("peak_heap_after_full_gc_mb")),
                Double.parseDouble(kv.get("peak_heap_after_gc_mb")), Double.parseDouble(kv.get("blocks_disk_peak_mb")),
                Double.parseDouble(kv.get("spilled_mb")));
    }

    // ------------------------------------------------------------------ evaluation hook

    private void eval() throws IOException, InterruptedException {
        // A JVM of its own, so that the timing is not disturbed by this one's heap and threads.
        String cls = EvalBench.class.getName();
        // With the Vector API module, as jobs/ and the tests run the JVM (without it, every SIMD loop
        // of the FFT and the recursion takes its plain-Java path: 1.5 s instead of 0.6).
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx2g", "--add-modules=jdk.incubator.vector", "-cp",
                System.getProperty("java.class.path"), cls);
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process proc = pb.start();
        List<String> found = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("eval_30s_s4")) {
                    found.add(line.trim());
                }
            }
        }
        proc.waitFor();
        if (found.isEmpty()) {
            found.add("eval_30s_s4 n/a");
        }
        found.forEach(this::figureRaw);
        evalFamily();
    }

    /** {@link EvalFamilyBench} in a fresh JVM: v4 and v3, and museval's times when its metrics.py is here. */
    private void evalFamily() throws IOException, InterruptedException {
        // The Vector API module, as jobs/ and the tests run the JVM: the block-Toeplitz recursion's SIMD loops.
        ProcessBuilder pb = new ProcessBuilder("java", "-Xmx2g", "--add-modules=jdk.incubator.vector",
                "-Dbench.root=" + root, "-cp",
                System.getProperty("java.class.path"), EvalFamilyBench.class.getName(), "--museval",
                new File(root, "work/ref/museval/metrics.py").getPath(), "--dir",
                new File(dir, "eval-family").getPath(),
                // museval's v3 on the whole 30 s takes about 4 minutes a run: once; its v4, three times.
                "--museval-v3-runs", "1");
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process proc = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(proc.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                figureRaw(line.trim());
            }
        }
        proc.waitFor();
    }

    // ------------------------------------------------------------------ output

    private void figure(String name, double value, String unit) {
        figureRaw(name + " " + fmt(value) + " " + unit);
    }

    private void figureRaw(String line) {
        lines.add(line);
        out.println(line);
        out.flush();
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f", v);
    }

    static void log(String format, Object... args) {
        System.err.println("[bench] " + String.format(Locale.ROOT, format, args));
    }

    static String loadAverage() {
        try {
            return Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim().split(" ", 4)[0];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    static void deleteTree(File f) throws IOException {
        if (!f.exists()) {
            return;
        }
        try (Stream<java.nio.file.Path> walk = Files.walk(f.toPath())) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
