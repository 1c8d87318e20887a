package org.wienerspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.wienerspark.cli.Main;

/**
 * Runs the application's command line (as {@code org.wienerspark.cli.Main} would) in this JVM,
 * then prints one line for the harness:
 * {@code probe exit=E wall_s=W audio_s=A peak_heap_after_full_gc_mb=L peak_heap_after_gc_mb=H
 * peak_heap_sampled_mb=S run_s=R process_cpu_s=P kernel_cpu_s=K blocks_disk_peak_mb=D spilled_mb=X},
 * W being the job's own wall time
 * from {@code _report.json} (Spark session start excluded), A the audio seconds of the tracks
 * that succeeded, the heap figures those of {@link HeapProbe}, R the wall time of the whole
 * command (session included), P the CPU time of this JVM over R (all threads: tasks, GC, JIT)
 * and K the part of it spent in the kernel (I/O, page faults), D and X the report's peak disk of
 * blocks kept between iterations and the bytes Spark spilled to disk.
 *
 * <p>{@code --repeat N} (before the command) times N runs, each into its own output, and prints
 * the figures of the fastest (heap figures: over all of them).
 *
 * <p>{@code --warmup-corpus DIR} (before the command) first runs the same command, untimed, on
 * {@code DIR/mixtures} and {@code DIR/estimates}: a long corpus run spends a negligible share of
 * its time compiling, a two-minute one most of it.
 */
public final class JobProbe {

    private JobProbe() {
    }

    public static void main(String[] argv) throws IOException {
        List<String> args = new ArrayList<>(Arrays.asList(argv));
        String warmup = null;
        int repeat = 1;
        while (args.size() >= 2 && args.get(0).startsWith("--")) {
            if (args.get(0).equals("--warmup-corpus")) {
                warmup = args.get(1);
            } else if (args.get(0).equals("--repeat")) {
                repeat = Integer.parseInt(args.get(1));
            } else {
                break;
            }
            args = args.subList(2, args.size());
        }
        String output = value(args, "--output");
        if (warmup != null) {
            List<String> w = new ArrayList<>(args);
            w.set(w.indexOf("--mixtures") + 1, new File(warmup, "mixtures").getPath());
            w.set(w.indexOf("--estimates") + 1, new File(warmup, "estimates").getPath());
            w.set(w.indexOf("--output") + 1, output + "-warmup");
            Main.run(w.toArray(new String[0]));
        }
        HeapProbe heap = HeapProbe.start();
        String best = null;
        double bestWall = Double.POSITIVE_INFINITY;
        int exit = 0;
        for (int r = 0; r < repeat; r++) {
            // Each repetition writes its own output (a rerun into the same one would skip every track).
            String out = r == 0 ? output : output + "-rep" + r;
            List<String> a = new ArrayList<>(args);
            a.set(a.indexOf("--output") + 1, out);
            Timed t = timed(a, out);
            exit = Math.max(exit, t.exit);
            if (best == null || t.wall < bestWall) {
                bestWall = t.wall;
                best = t.figures;
            }
            if (r > 0) {
                Bench.deleteTree(new File(out));
            }
        }
        System.out.printf(java.util.Locale.ROOT,
                "probe exit=%d %s peak_heap_after_full_gc_mb=%.1f peak_heap_after_gc_mb=%.1f peak_heap_sampled_mb=%.1f%n",
                exit, best, heap.peakAfterFullGcMb(), heap.peakAfterGcMb(), heap.peakSampledMb());
        System.exit(exit);
    }

    private record Timed(int exit, double wall, String figures) {
    }

    /** One timed run of the command, its figures as {@code key=value} pairs. */
    private static Timed timed(List<String> args, String output) throws IOException {
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        double sys0 = systemCpuSeconds();
        long t0 = System.nanoTime();
        int exit = Main.run(args.toArray(new String[0]));
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        double sys = systemCpuSeconds() - sys0;
        double run = (System.nanoTime() - t0) / 1e9;
        double wall = Double.NaN;
        double audio = 0;
        double blocksDisk = Double.NaN;
        double spilled = Double.NaN;
        if (output != null && new File(output, "_report.json").isFile()) {
            JsonNode report = new ObjectMapper().readTree(new File(output, "_report.json"));
            wall = report.path("summary").path("wall_seconds").asDouble(Double.NaN);
            JsonNode spark = report.path("summary").path("spark");
            blocksDisk = spark.path("blocks_peak_disk_bytes").asDouble(Double.NaN) / 1048576.0;
            spilled = spark.path("spilled_disk_bytes").asDouble(Double.NaN) / 1048576.0;
            for (JsonNode t : report.path("tracks")) {
                if ("ok".equals(t.path("status").asText())) {
                    audio += t.path("seconds").asDouble();
                }
            }
        }
        return new Timed(exit, Double.isNaN(wall) ? Double.POSITIVE_INFINITY : wall, String.format(java.util.Locale.ROOT,
                "wall_s=%.3f audio_s=%.3f run_s=%.3f process_cpu_s=%.3f kernel_cpu_s=%.3f blocks_disk_peak_mb=%.1f"
                        + " spilled_mb=%.1f", wall, audio, run, cpu, sys, blocksDisk, spilled));
    }

    /** System (kernel) CPU seconds of this process, from /proc/self/stat; NaN elsewhere. */
    private static double systemCpuSeconds() {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/self/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // Fields 14 (utime) and 15 (stime) of proc(5), counted from the state field (3).
            return Long.parseLong(f[12]) / 100.0;
        } catch (java.io.IOException | RuntimeException e) {
            return Double.NaN;
        }
    }

    private static String value(List<String> args, String option) {
        int i = args.indexOf(option);
        return i >= 0 && i + 1 < args.size() ? args.get(i + 1) : null;
    }
}
