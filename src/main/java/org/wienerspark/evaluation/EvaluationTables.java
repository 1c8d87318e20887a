package org.wienerspark.evaluation;

import java.io.IOException;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.report.ReportPage;
import org.wienerspark.results.Comparison;
import org.wienerspark.results.RunScores;
import org.wienerspark.results.ScoreTable;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackScores;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.AtomicFiles;
import org.wienerspark.spark.Status;

/**
 * The evaluation's results as data: {@code frames.parquet} and {@code tracks.parquet} (museval's
 * long format and every column of {@code summary.csv}, {@link ScoreTable}) under the run's {@code --method} label, and {@code report.html}
 * ({@link ReportPage}) of this run or, with {@code --compare}, of the other run and this one, so
 * the page has the paired tests of the {@code compare} job. Each is written atomically.
 */
final class EvaluationTables {

    private EvaluationTables() {
    }

    /** Writes the tables and the report page; returns the page's path. */
    static Path write(SparkSession spark, EvaluationConfig config, EvaluationReport report) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Path root = new Path(config.output());
        String method = config.method();
        List<TrackScores> scores = new ArrayList<>();
        for (EvaluationResult r : report.results()) {
            if (r.ok() && !r.groups().isEmpty()) {
                // The same numbers as the track's JSON file (rounded to 5 decimals, infinities as NaN).
                scores.add(TrackScores.fromMuseval(r.track().name(), EvaluationReport.jsonTargets(r), config.win(),
                        config.hop()));
            }
        }
        List<EvaluationReport.Row> rows = report.rows();
        List<TrackSummary> summaries = summaries(method, rows);
        ScoreTable.writeRun(spark, root, method, scores, report.columns(), trackRows(method, rows));

        List<RunScores> runs = new ArrayList<>();
        if (config.compare() != null) {
            // Listed first: pair differences are B - A, this run minus the other, as compare.md.
            String other = EvaluationConfig.defaultMethod(config.compare());
            if (other.equals(method)) {
                other = other + " (compared)";
            }
            runs.add(new RunScores(other, config.compare(), RunScores.EVALUATION,
                    SummaryCsv.read(conf, new Path(config.compare(), SummaryCsv.NAME), other)));
        }
        runs.add(new RunScores(method, config.estimates(), RunScores.EVALUATION, summaries));
        List<String> context = new ArrayList<>();
        context.add("References " + config.references() + ", estimates " + config.estimates() + " (method '" + method
                + "')" + (config.compare() == null ? "" : ", compared with " + config.compare()) + ".");
        context.add("Per track, the median over frames of each BSSEval v4 metric (windows of " + config.win()
                + " s every " + config.hop() + " s) and the global SDR; dB.");
        Path page = new Path(root, ReportPage.NAME);
        FileSystem fs = page.getFileSystem(conf);
        AtomicFiles.writeText(fs, page, ReportPage.render("Evaluation of " + method, context,
                Comparison.of(runs)));
        return page;
    }

    /**
     * The rows of {@code summary.csv} as the per-track table's rows, every column of it (the
     * medians of all metric sets, the mixture's and the improvements with {@code --mixtures}, the
     * global SDR); a failed track is one row with a null target.
     */
    static List<org.apache.spark.sql.Row> trackRows(String method, List<EvaluationReport.Row> rows) {
        List<org.apache.spark.sql.Row> out = new ArrayList<>(rows.size());
        for (EvaluationReport.Row r : rows) {
            boolean failed = r.status().equals(Status.FAILED.label());
            out.add(ScoreTable.trackRow(method, r.track(), failed ? null : r.target(), r.values(), r.frames(),
                    failed ? TrackSummary.FAILED : TrackSummary.OK, r.note()));
        }
        return out;
    }

    /** The rows of {@code summary.csv} as the comparison's rows (the five summary columns). */
    static List<TrackSummary> summaries(String method, List<EvaluationReport.Row> rows) {
        List<TrackSummary> out = new ArrayList<>(rows.size());
        for (EvaluationReport.Row r : rows) {
            if (r.status().equals(Status.FAILED.label())) {
                out.add(TrackSummary.failed(method, r.track(), r.note()));
            } else {
                out.add(new TrackSummary(method, r.track(), r.target(), Arrays.copyOf(r.values(), TrackSummary.COLUMNS.size()), r.frames(),
                        TrackSummary.OK, r.note()));
            }
        }
        return out;
    }
}
