package org.wienerspark.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.demo.DemoCorpus;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.report.ReportPage;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.SparkTestSession;

/**
 * The steps of {@code jobs/demo} through the command line, in its order and with its options
 * (demo-data, separate, evaluate the raw and the refined estimates, compare them), on a small demo
 * corpus: the comparison's medians over tracks ({@code runs.csv} and the median table of
 * {@code report.html}) equal those computed from each run's {@code summary.csv}.
 */
class DemoComparisonTest {

    private static final Pattern ROW = Pattern.compile("<tr>(?:<td rowspan=\"\\d+\">([^<]*)</td>)?<td>([^<]*)</td>"
            + "((?:<td class=\"n\">[^<]*</td>)+)</tr>");
    private static final Pattern CELL = Pattern.compile("<td class=\"n\">([^<]*)</td>");

    @Test
    void demoComparisonFiguresEqualTheSummaries(@TempDir Path dir) throws IOException {
        SparkTestSession.get(); // the commands reuse the test's local[2] session
        Path data = dir.resolve("data");
        Path out = dir.resolve("out");
        Path eval = dir.resolve("eval");
        assertEquals(0, Main.run("demo-data", "--output", data.toString(), "--tracks", "3", "--seconds", "3"));
        assertEquals(0, Main.run("separate", "--mixtures", data.resolve("mixtures").toString(), "--estimates",
                data.resolve("estimates").toString(), "--output", out.toString(), "--quiet"));
        String refs = data.resolve("references").toString();
        assertEquals(0, Main.run("evaluate", "--references", refs, "--estimates", data.resolve("estimates").toString(),
                "--output", eval.resolve("raw").toString(), "--method", "raw"));
        assertEquals(0, Main.run("evaluate", "--references", refs, "--estimates", out.toString(),
                "--output", eval.resolve("refined").toString(), "--method", "refined", "--compare",
                eval.resolve("raw").toString()));
        assertEquals(0, Main.run("compare", "--output", eval.resolve("compare").toString(),
                "raw=" + eval.resolve("raw"), "refined=" + eval.resolve("refined")));

        // Per run, target and metric: the median over tracks of summary.csv's per-track values.
        Map<String, Double> expected = new HashMap<>();
        for (String run : List.of("raw", "refined")) {
            List<TrackSummary> rows = SummaryCsv.read(new Configuration(),
                    new org.apache.hadoop.fs.Path(eval.resolve(run).resolve(SummaryCsv.NAME).toUri()), run);
            assertEquals(3 * DemoCorpus.SOURCES.size(), rows.size());
            for (String target : DemoCorpus.SOURCES) {
                for (String m : TrackSummary.COLUMNS) {
                    double[] v = rows.stream().filter(r -> r.ok() && target.equals(r.target()))
                            .mapToDouble(r -> r.value(m)).toArray();
                    expected.put(run + "/" + target + "/" + m, Aggregation.nanMedian(v));
                }
            }
        }
        Path cmp = eval.resolve("compare");
        List<String> lines = Files.readAllLines(cmp.resolve(CompareOutputs.RUNS_CSV));
        assertEquals(CompareOutputs.RUNS_HEADER, lines.get(0));
        int checked = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            Double want = expected.get(f[0] + "/" + f[1] + "/" + f[2]);
            assertNotNull(want, line);
            assertEquals(3, Integer.parseInt(f[3]), line);
            assertEquals(want, Double.parseDouble(f[4]), 1e-9, line);
            checked++;
        }
        assertEquals(expected.size(), checked);

        // The page's median table, as a reader sees it (3 decimals).
        String page = Files.readString(cmp.resolve(ReportPage.NAME));
        int from = page.indexOf("<table class=\"summary\">");
        String table = page.substring(from, page.indexOf("</table>", from));
        Matcher row = ROW.matcher(table);
        String target = null;
        int cells = 0;
        while (row.find()) {
            target = row.group(1) != null ? row.group(1) : target;
            Matcher cell = CELL.matcher(row.group(3));
            for (int c = 0; cell.find(); c++) {
                String key = row.group(2) + "/" + target + "/" + TrackSummary.COLUMNS.get(c);
                assertEquals(String.format(Locale.ROOT, "%.3f", expected.get(key)), cell.group(1), key);
                cells++;
            }
        }
        assertEquals(expected.size(), cells);
        // The refined run's own page pairs it with the raw one.
        assertTrue(Files.readString(eval.resolve("refined").resolve(ReportPage.NAME)).contains("id=\"significance\""));
    }
}
