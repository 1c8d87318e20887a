package org.wienerspark.compare;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.wienerspark.report.ReportPage;
import org.wienerspark.results.Comparison;
import org.wienerspark.results.RunScores;
import org.wienerspark.results.ScoreTable;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.AtomicFiles;

/**
 * Writes a comparison, each file and table atomically: {@code compare.md} (the tables for a
 * reader), {@code compare.csv} and {@code compare.parquet} (one row per target, metric and pair of
 * runs), {@code runs.csv} and {@code runs.parquet} (one row per run, target and metric), and
 * {@code report.html}.
 */
public final class CompareOutputs {

    public static final String MD = "compare.md";
    public static final String CSV = "compare.csv";
    public static final String RUNS_CSV = "runs.csv";
    public static final String PAIRS_PARQUET = "compare.parquet";
    public static final String RUNS_PARQUET = "runs.parquet";
    static final String CSV_HEADER = "target,metric,run_a,run_b,tracks,median_a,median_b,median_difference,"
            + "p_value,p_holm,exact";
    static final String RUNS_HEADER = "run,target,metric,tracks,median,mean";

    static final StructType PAIRS_SCHEMA = new StructType()
            .add("target", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("run_a", DataTypes.StringType, false)
            .add("run_b", DataTypes.StringType, false)
            .add("tracks", DataTypes.IntegerType, false)
            .add("median_a", DataTypes.DoubleType, true)
            .add("median_b", DataTypes.DoubleType, true)
            .add("median_difference", DataTypes.DoubleType, true)
            .add("p_value", DataTypes.DoubleType, true)
            .add("p_holm", DataTypes.DoubleType, true)
            .add("exact", DataTypes.BooleanType, false);

    static final StructType RUNS_SCHEMA = new StructType()
            .add("run", DataTypes.StringType, false)
            .add("target", DataTypes.StringType, false)
            .add("metric", DataTypes.StringType, false)
            .add("tracks", DataTypes.IntegerType, false)
            .add("median", DataTypes.DoubleType, true)
            .add("mean", DataTypes.DoubleType, true);

    private final SparkSession spark;
    private final CompareConfig config;

    CompareOutputs(SparkSession spark, CompareConfig config) {
        this.spark = spark;
        this.config = config;
    }

    /** Writes every output; returns the report page's path. */
    Path write(Comparison c) throws IOException {
        Path out = new Path(config.output());
        FileSystem fs = out.getFileSystem(spark.sparkContext().hadoopConfiguration());
        fs.setWriteChecksum(false);
        AtomicFiles.writeText(fs, new Path(out, MD), markdown(c));
        AtomicFiles.writeText(fs, new Path(out, CSV), pairsCsv(c));
        AtomicFiles.writeText(fs, new Path(out, RUNS_CSV), runsCsv(c));
        List<Row> pairs = new ArrayList<>();
        for (Comparison.PairStat p : c.pairs()) {
            pairs.add(RowFactory.create(p.target(), p.metric(), p.a(), p.b(), p.tracks(), nullable(p.medianA()),
                    nullable(p.medianB()), nullable(p.medianDifference()), nullable(p.p()), nullable(p.pHolm()),
                    p.exact()));
        }
        ScoreTable.write(spark.createDataFrame(pairs, PAIRS_SCHEMA).coalesce(1), new Path(out, PAIRS_PARQUET));
        List<Row> runs = new ArrayList<>();
        for (Comparison.RunStat s : c.runStats()) {
            runs.add(RowFactory.create(s.run(), s.target(), s.metric(), s.tracks(), nullable(s.median()),
                    nullable(s.mean())));
        }
        ScoreTable.write(spark.createDataFrame(runs, RUNS_SCHEMA).coalesce(1), new Path(out, RUNS_PARQUET));
        Path report = new Path(out, ReportPage.NAME);
        List<String> context = new ArrayList<>();
        context.add(c.runs().size() + " runs, subset '" + config.subset() + "'. Per track, the median over frames of "
                + "each BSSEval metric and the global SDR (where the run has it); dB.");
        AtomicFiles.writeText(fs, report, ReportPage.render("Comparison of " + labels(c), context, c));
        return report;
    }

    private static Double nullable(double x) {
        return Double.isNaN(x) ? null : x;
    }

    private static String labels(Comparison c) {
        List<String> l = new ArrayList<>();
        for (RunScores r : c.runs()) {
            l.add(r.label());
        }
        return String.join(", ", l);
    }

    static String pairsCsv(Comparison c) {
        StringBuilder sb = new StringBuilder(CSV_HEADER).append('\n');
        for (Comparison.PairStat p : c.pairs()) {
            sb.append(SummaryCsv.field(p.target())).append(',').append(p.metric()).append(',')
                    .append(SummaryCsv.field(p.a())).append(',').append(SummaryCsv.field(p.b())).append(',')
                    .append(p.tracks()).append(',').append(number(p.medianA())).append(',')
                    .append(number(p.medianB())).append(',').append(number(p.medianDifference())).append(',')
                    .append(full(p.p())).append(',').append(full(p.pHolm())).append(',').append(p.exact())
                    .append('\n');
        }
        return sb.toString();
    }

    static String runsCsv(Comparison c) {
        StringBuilder sb = new StringBuilder(RUNS_HEADER).append('\n');
        for (Comparison.RunStat s : c.runStats()) {
            sb.append(SummaryCsv.field(s.run())).append(',').append(SummaryCsv.field(s.target())).append(',')
                    .append(s.metric()).append(',').append(s.tracks()).append(',').append(number(s.median()))
                    .append(',').append(number(s.mean())).append('\n');
        }
        return sb.toString();
    }

    /** A score as the evaluation's summaries write it: up to 6 decimals, or NaN. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** A p-value in full (it can be 1e-12). */
    private static String full(double p) {
        return Double.isNaN(p) ? "NaN" : Double.toString(p);
    }

    public static String markdown(Comparison c) {
        StringBuilder sb = new StringBuilder("# Comparison\n\n| run | folder | kind | tracks scored | tracks failed |\n")
                .append("|---|---|---|---:|---:|\n");
        for (RunScores r : c.runs()) {
            long ok = r.tracks().stream().filter(TrackSummary::ok).map(TrackSummary::track).distinct().count();
            long failed = r.tracks().stream().filter(s -> !s.ok()).count();
            sb.append("| ").append(cell(r.label())).append(" | `").append(cell(r.source())).append("` | ")
                    .append(r.kind()).append(" | ").append(ok).append(" | ").append(failed).append(" |\n");
        }
        for (boolean median : new boolean[]{true, false}) {
            sb.append("\n## ").append(median ? "Median" : "Mean").append(" over tracks (dB)\n\n| target | metric |");
            for (RunScores r : c.runs()) {
                sb.append(' ').append(cell(r.label())).append(" |");
            }
            sb.append("\n|---|---|").append("---:|".repeat(c.runs().size())).append('\n');
            for (String t : c.targets()) {
                for (String m : c.metrics()) {
                    sb.append("| ").append(cell(t)).append(" | ").append(m.replace('_', ' ')).append(" |");
                    for (RunScores r : c.runs()) {
                        Comparison.RunStat s = c.stat(r.label(), t, m);
                        sb.append(' ').append(s == null ? "-" : fmt(median ? s.median() : s.mean(), "%.3f")).append(" |");
                    }
                    sb.append('\n');
                }
            }
        }
        if (c.runs().size() > 1) {
            sb.append("\n## Paired differences (B - A, on the tracks both scored)\n\n")
                    .append("Median of the per-track differences; two-sided paired Wilcoxon signed-rank test (zero ")
                    .append("differences dropped; exact up to 30 tracks without ties, else the normal approximation); ")
                    .append("p adjusted by Holm's method over the pairs of each target and metric.\n\n")
                    .append("| target | metric | A | B | tracks | median A | median B | median of B - A | p | p (Holm) |\n")
                    .append("|---|---|---|---|---:|---:|---:|---:|---:|---:|\n");
            for (Comparison.PairStat p : c.pairs()) {
                sb.append("| ").append(cell(p.target())).append(" | ").append(p.metric().replace('_', ' ')).append(" | ")
                        .append(cell(p.a())).append(" | ").append(cell(p.b())).append(" | ").append(p.tracks())
                        .append(" | ").append(fmt(p.medianA(), "%.3f")).append(" | ").append(fmt(p.medianB(), "%.3f"))
                        .append(" | ").append(fmt(p.medianDifference(), "%+.3f")).append(" | ").append(pValue(p.p()))
                        .append(p.exact() || Double.isNaN(p.p()) ? "" : " (approx.)").append(" | ").append(pValue(p.pHolm())).append(" |\n");
            }
            sb.append("\n## Tracks not scored by every run\n\n");
            if (c.coverage().isEmpty()) {
                sb.append("Every run scored every track.\n");
            } else {
                sb.append("| track | scored by | failed in | missing from |\n|---|---|---|---|\n");
                for (Comparison.Coverage cv : c.coverage()) {
                    sb.append("| ").append(cell(cv.track())).append(" | ").append(cell(String.join(", ", cv.scored())))
                            .append(" | ").append(cell(String.join(", ", cv.failed()))).append(" | ")
                            .append(cell(String.join(", ", cv.missing()))).append(" |\n");
                }
            }
        }
        if (!c.failures().isEmpty()) {
            sb.append("\n## Failed tracks\n\n");
            for (Comparison.Note n : c.failures()) {
                sb.append("- ").append(n.run()).append(", `").append(n.track()).append("`: ").append(n.note()).append('\n');
            }
        }
        if (!c.notes().isEmpty()) {
            sb.append("\n## Notes\n\n");
            for (Comparison.Note n : c.notes()) {
                sb.append("- ").append(n.run()).append(", `").append(n.track()).append("` ").append(n.target())
                        .append(": ").append(n.note()).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|");
    }

    private static String fmt(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    private static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }
}
