package org.wienerspark.evaluation;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.wienerspark.eval.MusevalJson;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Csv;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.AtomicFiles;
import org.wienerspark.spark.Status;

/**
 * Writes an evaluation's files, each under a temporary name renamed into place when complete:
 * {@code <out>/<subset>/<track>.json} (museval's format), {@code <out>/summary.csv},
 * {@code <out>/summary.md}, {@code <out>/sdr.png} and, with {@code --compare},
 * {@code <out>/compare.md} and {@code <out>/compare.png}.
 */
final class EvaluationOutputs {

    static final String CSV = "summary.csv";
    static final String MD = "summary.md";
    static final String BOX_PLOT = "sdr.png";
    static final String COMPARE_MD = "compare.md";
    static final String COMPARE_PNG = "compare.png";
    static final String CHARTS = "charts";
    static final String V4_MIXTURE = "v4-mixture";

    private final Configuration conf;
    private final EvaluationConfig config;
    private final Path root;
    private final FileSystem fs;

    EvaluationOutputs(Configuration conf, EvaluationConfig config) throws IOException {
        this.conf = conf;
        this.config = config;
        this.root = new Path(config.output());
        this.fs = root.getFileSystem(conf);
        fs.setWriteChecksum(false);
        fs.mkdirs(root);
    }

    /** Writes every file; returns the comparison table (markdown) or null without --compare. */
    String write(EvaluationReport report) throws IOException {
        for (EvaluationResult r : report.results()) {
            if (r.ok() && !r.groups().isEmpty()) {
                double[] seconds = config.seconds(r.track().rate(), r.track().frames());
                String json = MusevalJson.write(EvaluationReport.jsonTargets(r), seconds[0], seconds[1]);
                writeText(new Path(new Path(root, config.subset()), r.track().name() + ".json"), json + "\n");
            }
        }
        writeFamily(report);
        List<EvaluationReport.Row> rows = report.rows();
        writeText(new Path(root, CSV), csv(rows, report.columns()));
        writeText(new Path(root, MD), markdown(report));
        Map<String, double[]> perTrack = new LinkedHashMap<>();
        int column = config.v4() ? 0 : 4;
        for (String target : config.targets()) {
            perTrack.put(target, rows.stream().filter(r -> r.status().equals(Status.OK.label()) && r.target().equals(target))
                    .mapToDouble(r -> r.values()[column]).toArray());
        }
        byte[] png = EvaluationCharts.boxPlot((config.v4() ? "SDR (BSSEval v4, median over frames)" : "global SDR")
                + " per track", "dB", perTrack);
        if (png != null) {
            writeBytes(new Path(root, BOX_PLOT), png);
        }
        writeCharts(report, rows);
        if (config.compare() == null) {
            return null;
        }
        List<EvaluationReport.Row> other = readCsv(new Path(config.compare(), CSV));
        // Compare what both summaries say, at the precision they are written with.
        rows = asWritten(rows);
        String table = compareMarkdown(rows, other);
        writeText(new Path(root, COMPARE_MD), table);
        Map<String, double[]> mine = EvaluationReport.aggregate(rows, config.targets(), true);
        Map<String, double[]> theirs = EvaluationReport.aggregate(other, config.targets(), true);
        Map<String, double[]> deltas = new LinkedHashMap<>();
        for (int c = 0; c < EvaluationReport.COLUMNS.size(); c++) {
            double[] d = new double[config.targets().size()];
            for (int k = 0; k < d.length; k++) {
                String t = config.targets().get(k);
                d[k] = mine.get(t)[c] - theirs.get(t)[c];
            }
            if (Arrays.stream(d).anyMatch(Double::isFinite)) {
                deltas.put(EvaluationReport.COLUMNS.get(c).replace('_', ' '), d);
            }
        }
        if (!deltas.isEmpty()) {
            writeBytes(new Path(root, COMPARE_PNG), EvaluationCharts.bars("median over tracks: " + label(config.output())
                    + " minus " + label(config.compare()), "difference (dB)", config.targets(), deltas));
        }
        return table;
    }

    private static List<EvaluationReport.Row> asWritten(List<EvaluationReport.Row> rows) {
        List<EvaluationReport.Row> out = new ArrayList<>();
        for (EvaluationReport.Row r : rows) {
            double[] v = r.values().clone();
            for (int c = 0; c < v.length; c++) {
                v[c] = Double.parseDouble(EvaluationReport.number(v[c]).replace("inf", "Infinity"));
            }
            out.add(new EvaluationReport.Row(r.track(), r.target(), v, r.frames(), r.status(), r.note()));
        }
        return out;
    }

    static String csv(List<EvaluationReport.Row> rows) {
        return csv(rows, EvaluationReport.COLUMNS);
    }

    /** The CSV with the given metric columns ({@link EvaluationReport#columns()}), after global_SDR. */
    static String csv(List<EvaluationReport.Row> rows, List<String> columns) {
        StringBuilder sb = new StringBuilder(header(columns)).append('\n');
        for (EvaluationReport.Row r : rows) {
            sb.append(field(r.track())).append(',').append(field(r.target()));
            for (double v : r.values()) {
                sb.append(',').append(EvaluationReport.number(v));
            }
            sb.append(',').append(r.frames()).append(',').append(r.status()).append(',').append(field(r.note()))
                    .append('\n');
        }
        return sb.toString();
    }

    /** The CSV header: today's for the default columns, the extra metric columns after global_SDR. */
    static String header(List<String> columns) {
        if (columns.size() == EvaluationReport.COLUMNS.size()) {
            return SummaryCsv.HEADER;
        }
        return "track,target," + String.join(",", columns) + ",frames,status,note";
    }

    /**
     * Per whole-signal set, each track's JSON ({@code <out>/<set>/<subset>/<track>.json},
     * {@link FamilyJson}); with mixtures and v4, the mixture's v4 in museval's format
     * ({@code <out>/v4-mixture/<subset>/<track>.json}).
     */
    private void writeFamily(EvaluationReport report) throws IOException {
        for (EvaluationResult r : report.results()) {
            FamilyScores f = r.family();
            if (!r.ok() || f == null) {
                continue;
            }
            EvaluationTrack t = r.track();
            double[] seconds = config.seconds(t.rate(), t.frames());
            for (int i = 0; i < f.estimates().size(); i++) {
                boolean mix = !f.mixture().isEmpty();
                String json = FamilyJson.write(config.targets(), f.estimates().get(i),
                        mix ? f.mixture().get(i) : null, mix ? f.improvement().get(i) : null,
                        config.permutation(), t.rate(), seconds);
                writeText(new Path(new Path(new Path(root, f.estimates().get(i).set().id()), config.subset()),
                        t.name() + ".json"), json + "\n");
            }
            if (!f.v4Mixture().isEmpty()) {
                List<MusevalJson.Target> targets = new ArrayList<>();
                for (int g = 0; g < r.groups().size(); g++) {
                    EvaluationResult.Group group = r.groups().get(g);
                    org.wienerspark.eval.SetScores m = f.v4Mixture().get(g);
                    int n = m.frames().count();
                    for (int j = 0; j < group.targets().size(); j++) {
                        if (group.reported()[j]) {
                            targets.add(new MusevalJson.Target(group.targets().get(j), row(m, "SDR", j, n),
                                    row(m, "ISR", j, n), row(m, "SIR", j, n), row(m, "SAR", j, n)));
                        }
                    }
                }
                writeText(new Path(new Path(new Path(root, V4_MIXTURE), config.subset()), t.name() + ".json"),
                        MusevalJson.write(targets, seconds[0], seconds[1]) + "\n");
            }
        }
    }

    private static double[] row(org.wienerspark.eval.SetScores s, String metric, int j, int frames) {
        return Arrays.copyOfRange(s.values(metric), j * frames, (j + 1) * frames);
    }

    /**
     * One box plot per summary column but the one in {@code sdr.png}, per target over tracks:
     * {@code <out>/charts/<column>.png}.
     */
    private void writeCharts(EvaluationReport report, List<EvaluationReport.Row> rows) throws IOException {
        List<String> columns = report.columns();
        int drawn = config.v4() ? 0 : 4;
        for (int c = 0; c < columns.size(); c++) {
            if (c == drawn) {
                continue;
            }
            int column = c;
            Map<String, double[]> perTrack = new LinkedHashMap<>();
            for (String target : config.targets()) {
                perTrack.put(target, rows.stream()
                        .filter(r -> r.status().equals(Status.OK.label()) && r.target().equals(target))
                        .mapToDouble(r -> r.values()[column]).toArray());
            }
            byte[] png = EvaluationCharts.boxPlot(columns.get(c).replace('_', ' ') + " per track (median over "
                    + "frames)", "dB", perTrack);
            if (png != null) {
                writeBytes(new Path(new Path(root, CHARTS), columns.get(c) + ".png"), png);
            }
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    static String field(String s) {
        return Csv.field(s);
    }

    private String markdown(EvaluationReport report) {
        StringBuilder sb = new StringBuilder("# Evaluation\n\n");
        sb.append("References `").append(config.references()).append("`, estimates `").append(config.estimates())
                .append("`.\n\n");
        if (config.v4()) {
            sb.append("BSSEval v4 as museval ").append(MusevalJson.MUSEVAL_VERSION).append(" computes it (512-tap ")
                    .append("time-invariant filters, ").append(windowText()).append("); per track the median over frames of the values rounded to ")
                    .append("5 decimals, NaN frames ignored, as museval aggregates. ");
        }
        if (config.globalSdr()) {
            sb.append("Global SDR as in the Music Demixing Challenge 2021.");
        }
        sb.append("\n\n").append(report.results().size() - report.failed()).append(" tracks scored, ")
                .append(report.failed()).append(" failed.\n\n");
        sb.append(familyText());
        sb.append("## Median over tracks\n\n").append(table(report.perTarget(true), report.columns()));
        sb.append("\n## Mean over tracks\n\n").append(table(report.perTarget(false), report.columns()));
        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (EvaluationReport.Row r : report.rows()) {
            if (r.status().equals(Status.FAILED.label())) {
                failures.add("- `" + r.track() + "`: " + r.note());
            } else if (!r.note().isEmpty()) {
                notes.add("- `" + r.track() + "` " + r.target() + ": " + r.note());
            }
        }
        if (!failures.isEmpty()) {
            sb.append("\n## Failed tracks\n\n").append(String.join("\n", failures)).append('\n');
        }
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n").append(String.join("\n", notes)).append('\n');
        }
        return sb.toString();
    }

    /** The windows in words, as the summary has always said them for seconds. */
    private String windowText() {
        if (config.full()) {
            return "one window over the whole signal";
        }
        return config.winSamples() > 0 ? "windows of " + config.winSamples() + " samples every "
                + config.hopSamples() + " samples" : "windows of " + config.win() + " s every " + config.hop() + " s";
    }

    /** What the whole-signal sets and mixtures add to the summary's introduction (empty without them). */
    private String familyText() {
        StringBuilder sb = new StringBuilder();
        if (!config.family().isEmpty()) {
            sb.append("Whole-signal sets ").append(String.join(", ", config.family().stream().map(m -> "`" + m.id()
                    + "`").toList())).append(" over all targets together, window ")
                    .append(config.full() ? "the whole signal" : windowText().substring("windows of ".length()))
                    .append(config.permutation() ? ", estimates assigned to references by the permutation of best "
                            + "mean SIR per window" : "").append("; columns `<set>_<metric>`, per track the median "
                            + "over frames (and channels for `sources` and `si`).\n\n");
        }
        if (config.mixtures() != null) {
            sb.append("Mixtures from `").append(config.mixtures()).append("`: `input_*` scores the mixture as the "
                    + "estimate of every target, `*i` is the improvement (estimate minus mixture, per frame).\n\n");
        }
        return sb.toString();
    }

    private static String table(Map<String, double[]> perTarget, List<String> columns) {
        StringBuilder sb = new StringBuilder("| target |");
        for (String c : columns) {
            sb.append(' ').append(c.replace('_', ' ')).append(" |");
        }
        sb.append("\n|---|").append("---:|".repeat(columns.size())).append('\n');
        for (Map.Entry<String, double[]> e : perTarget.entrySet()) {
            sb.append("| ").append(e.getKey());
            for (double v : e.getValue()) {
                sb.append(" | ").append(Double.isFinite(v) ? String.format("%.3f", v) : "-");
            }
            sb.append(" |\n");
        }
        return sb.toString();
    }

    /** Per target and metric, the medians over tracks of both evaluations and their difference. */
    private String compareMarkdown(List<EvaluationReport.Row> mine, List<EvaluationReport.Row> other) {
        Map<String, double[]> a = EvaluationReport.aggregate(mine, config.targets(), true);
        Map<String, double[]> b = EvaluationReport.aggregate(other, config.targets(), true);
        String me = label(config.output());
        String them = label(config.compare());
        StringBuilder sb = new StringBuilder("# Comparison\n\nMedian over tracks (dB) of `").append(me)
                .append("` and `").append(them).append("`; difference = ").append(me).append(" - ").append(them)
                .append(".\n\n| target | metric | ").append(them).append(" | ").append(me)
                .append(" | difference |\n|---|---|---:|---:|---:|\n");
        for (String t : config.targets()) {
            for (int c = 0; c < EvaluationReport.COLUMNS.size(); c++) {
                double x = b.get(t)[c];
                double y = a.get(t)[c];
                if (Double.isNaN(x) && Double.isNaN(y)) {
                    continue;
                }
                sb.append("| ").append(t).append(" | ").append(EvaluationReport.COLUMNS.get(c).replace('_', ' '))
                        .append(" | ").append(fmt(x)).append(" | ").append(fmt(y)).append(" | ")
                        .append(Double.isFinite(y - x) ? String.format("%+.3f", y - x) : "-").append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format("%.3f", v) : "-";
    }

    /** The last path component of an output folder, as a short label. */
    static String label(String folder) {
        String name = new Path(folder).getName();
        return name.isEmpty() ? folder : name;
    }

    /** Reads another evaluation's {@code summary.csv}. */
    /**
     * The other run's summary, through the one summary.csv reader ({@link SummaryCsv}, which
     * {@code compare} uses too): a run with more metric columns (extra sets, {@code --mixtures})
     * is compared on the columns both have.
     */
    List<EvaluationReport.Row> readCsv(Path path) throws IOException {
        if (!path.getFileSystem(conf).exists(path)) {
            throw new BadInputException(path.toString(), "--compare: no summary.csv there (is it an evaluation's output?)");
        }
        List<EvaluationReport.Row> rows = new ArrayList<>();
        for (TrackSummary s : SummaryCsv.read(conf, path, null)) {
            rows.add(new EvaluationReport.Row(s.track(), s.target() == null ? "" : s.target(), s.values(), s.frames(),
                    s.status(), s.note()));
        }
        return rows;
    }

    static List<String> splitCsv(String line) {
        return Csv.fields(line);
    }

    private void writeText(Path target, String text) throws IOException {
        writeBytes(target, text.getBytes(StandardCharsets.UTF_8));
    }

    private void writeBytes(Path target, byte[] bytes) throws IOException {
        fs.mkdirs(target.getParent());
        AtomicFiles.write(fs, target, "driver", bytes);
    }
}
