package org.wienerspark.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.io.Csv;
import org.wienerspark.results.SignedRankTest;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.testing.Python;

/**
 * Three runs on the demo corpus, through the command line: the model's raw estimates, the
 * separation with 1 EM iteration, and with 2 iterations and the soft mask, each evaluated, then
 * compared. Every pair's p-value and its Holm correction equal an independent computation:
 * {@code scipy.stats.wilcoxon(x, y, zero_method='wilcox', correction=False,
 * alternative='two-sided', method=...)} on the same paired per-track values (each run's
 * {@code summary.csv}), with {@code method='exact'} when at most 30 differences are nonzero and
 * their magnitudes have no tie, {@code 'approx'} (normal approximation, tie-corrected variance, no
 * continuity correction) otherwise, and Holm's step-down correction over the three pairs of each
 * target and metric, in src/test/resources/scipy/paired_wilcoxon.py.
 *
 * <p>Six tracks of one second: the fewest for which a two-sided exact p-value can go below 0.05
 * (2/2^6 = 0.031 when every track moves the same way), one evaluation frame each, two targets
 * scored.
 */
class ThreeRunDemoComparisonTest {

    static final int TRACKS = 6;
    static final List<String> RUNS = List.of("raw", "em1", "em2-softmask");
    /** Two of the four targets are scored: the scoring is most of the test's time. */
    static final List<String> TARGETS = List.of("vocals", "drums");

    @Test
    void pValuesOfEveryPairEqualScipysWilcoxonAndHolm(@TempDir Path dir) throws IOException {
        SparkTestSession.get(); // the commands reuse the test's local[2] session
        Path data = dir.resolve("data");
        assertEquals(0, Main.run("demo-data", "--output", data.toString(), "--tracks", String.valueOf(TRACKS),
                "--seconds", "1"));
        String mixtures = data.resolve("mixtures").toString();
        String estimates = data.resolve("estimates").toString();
        Map<String, String> folders = new HashMap<>();
        folders.put("raw", estimates);
        folders.put("em1", dir.resolve("sep-em1").toString());
        folders.put("em2-softmask", dir.resolve("sep-em2").toString());
        assertEquals(0, Main.run("separate", "--mixtures", mixtures, "--estimates", estimates, "--output",
                folders.get("em1"), "--iterations", "1", "--quiet"));
        assertEquals(0, Main.run("separate", "--mixtures", mixtures, "--estimates", estimates, "--output",
                folders.get("em2-softmask"), "--iterations", "2", "--softmask", "--quiet"));
        Path eval = dir.resolve("eval");
        List<String> compare = new ArrayList<>(List.of("compare", "--output", eval.resolve("compare").toString()));
        for (String run : RUNS) {
            assertEquals(0, Main.run("evaluate", "--references", data.resolve("references").toString(), "--estimates",
                    folders.get(run), "--output", eval.resolve(run).toString(), "--method", run, "--targets",
                    String.join(",", TARGETS), "--quiet"));
            compare.add(run + "=" + eval.resolve(run));
        }
        assertEquals(0, Main.run(compare.toArray(String[]::new)));

        // The paired values: per run, target and metric, the per-track values of summary.csv.
        Map<String, List<TrackSummary>> summaries = new HashMap<>();
        for (String run : RUNS) {
            summaries.put(run, SummaryCsv.read(new Configuration(), new org.apache.hadoop.fs.Path(
                    eval.resolve(run).resolve(SummaryCsv.NAME).toUri()), run));
            assertEquals(TRACKS * TARGETS.size(), summaries.get(run).size());
        }
        StringBuilder in = new StringBuilder("family,pair,method,x,y\n");
        for (String target : TARGETS) {
            for (String metric : TrackSummary.COLUMNS) {
                for (int a = 0; a < RUNS.size(); a++) {
                    for (int b = a + 1; b < RUNS.size(); b++) {
                        Map<String, Double> x = values(summaries.get(RUNS.get(a)), target, metric);
                        Map<String, Double> y = values(summaries.get(RUNS.get(b)), target, metric);
                        assertEquals(TRACKS, x.size(), target + " " + metric);
                        assertEquals(x.keySet(), y.keySet());
                        in.append(target).append('/').append(metric).append(',').append(RUNS.get(a)).append('/')
                                .append(RUNS.get(b)).append(',').append(method(x, y)).append(',')
                                .append(join(x)).append(',').append(join(y)).append('\n');
                    }
                }
            }
        }
        Path pairs = dir.resolve("pairs-in.csv");
        Files.writeString(pairs, in);
        Path scipyOut = dir.resolve("scipy.csv");
        Python.run(Python.with("scipy"), dir, Python.resource("scipy/paired_wilcoxon.py"), pairs.toString(),
                scipyOut.toString());
        Map<String, double[]> scipy = new HashMap<>();
        for (List<String> f : csv(scipyOut)) {
            scipy.put(f.get(0) + "," + f.get(1), new double[]{Double.parseDouble(f.get(2)), Double.parseDouble(f.get(3))});
        }
        int families = TARGETS.size() * TrackSummary.COLUMNS.size();
        assertEquals(3 * families, scipy.size());

        List<List<String>> rows = csv(eval.resolve("compare").resolve(CompareOutputs.CSV));
        assertEquals(3 * families, rows.size());
        int significant = 0;
        for (List<String> r : rows) {
            // target,metric,run_a,run_b,tracks,median_a,median_b,median_difference,p_value,p_holm,exact
            String key = r.get(0) + "/" + r.get(1) + "," + r.get(2) + "/" + r.get(3);
            double[] want = scipy.get(key);
            assertTrue(want != null, key);
            assertEquals(TRACKS, Integer.parseInt(r.get(4)), key);
            assertEquals(want[0], Double.parseDouble(r.get(8)), 1e-12, "p " + key);
            assertEquals(want[1], Double.parseDouble(r.get(9)), 1e-12, "Holm " + key);
            if (want[0] < 0.05) {
                significant++;
            }
        }
        // The demo's estimates are consistently improved: some pair is significant at 5 %.
        assertTrue(significant > 0, "no pair below 0.05: " + scipy.keySet());
        System.out.println("pairs below 0.05 (of " + rows.size() + "): " + significant);
    }

    static Map<String, Double> values(List<TrackSummary> rows, String target, String metric) {
        Map<String, Double> v = new TreeMap<>();
        for (TrackSummary s : rows) {
            if (s.ok() && target.equals(s.target()) && Double.isFinite(s.value(metric))) {
                v.put(s.track(), s.value(metric));
            }
        }
        return v;
    }

    /** scipy's method for the pair: exact as long as it is defined and cheap (as the job chooses). */
    static String method(Map<String, Double> x, Map<String, Double> y) {
        double[] abs = x.keySet().stream().mapToDouble(t -> Math.abs(y.get(t) - x.get(t))).filter(d -> d != 0)
                .sorted().toArray();
        boolean ties = false;
        for (int i = 1; i < abs.length; i++) {
            ties |= abs[i] == abs[i - 1];
        }
        return abs.length <= SignedRankTest.EXACT_MAX && !ties ? "exact" : "approx";
    }

    static String join(Map<String, Double> v) {
        return v.values().stream().map(d -> String.format(Locale.ROOT, "%s", d)).collect(Collectors.joining(" "));
    }

    /** The data lines of a CSV file, split into fields. */
    static List<List<String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank()).map(Csv::fields).toList();
    }
}
