package org.wienerspark.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import org.wienerspark.cli.Main;

/**
 * Runs the application's command line (as {@code org.wienerspark.cli.Main} would) in this JVM,
 * then prints one line for the harness:
 * {@code probe exit=E wall_s=W audio_s=A peak_heap_after_gc_mb=H peak_heap_sampled_mb=S},
 * W being the job's own wall time from {@code _report.json} (Spark session start excluded) and
 * A the audio seconds of the tracks that succeeded.
 */
public final class JobProbe {

    private JobProbe() {
    }

    public static void main(String[] args) throws IOException {
        HeapProbe heap = HeapProbe.start();
        int exit = Main.run(args);
        String output = null;
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals("--output")) {
                output = args[i + 1];
            }
        }
        double wall = Double.NaN;
        double audio = 0;
        if (output != null && new File(output, "_report.json").isFile()) {
            JsonNode report = new ObjectMapper().readTree(new File(output, "_report.json"));
            wall = report.path("summary").path("wall_seconds").asDouble(Double.NaN);
            for (JsonNode t : report.path("tracks")) {
                if ("ok".equals(t.path("status").asText())) {
                    audio += t.path("seconds").asDouble();
                }
            }
        }
        System.out.printf(java.util.Locale.ROOT,
                "probe exit=%d wall_s=%.3f audio_s=%.3f peak_heap_after_gc_mb=%.1f peak_heap_sampled_mb=%.1f%n",
                exit, wall, audio, heap.peakAfterGcMb(), heap.peakSampledMb());
        System.exit(exit);
    }
}
