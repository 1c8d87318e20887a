package org.wienerspark.evaluation;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wienerspark.eval.DistortionFilters;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.Improvement;
import org.wienerspark.eval.Metric;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.eval.SetScores;
import org.wienerspark.eval.MusevalJson;
import org.wienerspark.eval.TrackMetrics;
import org.wienerspark.spark.Status;

/**
 * The outcome of an evaluation: per track and target, the median over frames of each metric
 * after museval's rounding (NaN frames ignored) and the global SDR; per target, the median and
 * the mean over tracks of those; the failed tracks with their reasons.
 */
public final class EvaluationReport {

    /** The summary columns of metrics, in museval's report order. */
    static final List<String> COLUMNS = List.of("SDR", "SIR", "ISR", "SAR", "global_SDR");

    /**
     * One line of {@code summary.csv}.
     *
     * @param values per column of {@link #columns()} (which starts with {@link #COLUMNS}); NaN if
     *               not computed or no frame scored
     */
    public record Row(String track, String target, double[] values, int frames, String status, String note) {
    }

    private final EvaluationConfig config;
    private final List<EvaluationResult> results;
    private final double seconds;

    EvaluationReport(EvaluationConfig config, List<EvaluationResult> results, double seconds) {
        this.config = config;
        this.results = List.copyOf(results);
        this.seconds = seconds;
    }

    public EvaluationConfig config() {
        return config;
    }

    public List<EvaluationResult> results() {
        return results;
    }

    public long failed() {
        return results.stream().filter(r -> !r.ok()).count();
    }

    public double seconds() {
        return seconds;
    }

    /**
     * Every summary column: {@link #COLUMNS}, then with {@code --mixtures} v4's and the global
     * SDR's {@code input_*} and improvements, then per whole-signal set {@code <set>_<metric>}
     * (and {@code <set>_input_<metric>}, {@code <set>_<metric>i}). Just {@link #COLUMNS} for
     * a run of v4 and sdr without mixtures.
     */
    public List<String> columns() {
        return columns(config);
    }

    static List<String> columns(EvaluationConfig config) {
        List<String> c = new ArrayList<>(COLUMNS);
        List<String> v4 = List.of("SDR", "SIR", "ISR", "SAR");
        if (config.mixtures() != null) {
            if (config.v4()) {
                v4.forEach(m -> c.add("input_" + m));
                v4.forEach(m -> c.add(Improvement.name(m)));
            }
            if (config.globalSdr()) {
                c.add("input_global_SDR");
                c.add(Improvement.name("global_SDR"));
            }
        }
        for (MetricSet set : config.family()) {
            List<String> names = FamilyJson.order(set);
            names.forEach(m -> c.add(set.id() + "_" + m));
            if (config.mixtures() != null) {
                names.forEach(m -> c.add(set.id() + "_input_" + m));
                names.forEach(m -> c.add(set.id() + "_" + Improvement.name(m)));
            }
        }
        return List.copyOf(c);
    }

    /** The extra columns of a scored track and target k, after {@link #COLUMNS}, in {@link #columns()} order. */
    private void extra(EvaluationResult r, int k, double[] v) {
        FamilyScores f = r.family();
        if (f == null) {
            return;
        }
        String target = config.targets().get(k);
        int c = COLUMNS.size();
        if (config.mixtures() != null) {
            if (config.v4()) {
                Metric[] order = {Metric.SDR, Metric.SIR, Metric.ISR, Metric.SAR};
                for (int gi = 0; gi < r.groups().size(); gi++) {
                    EvaluationResult.Group g = r.groups().get(gi);
                    int j = g.targets().indexOf(target);
                    if (j < 0 || !g.reported()[j]) {
                        continue;
                    }
                    SetScores mix = f.v4Mixture().get(gi);
                    int frames = mix.frames().count();
                    for (int m = 0; m < 4; m++) {
                        double[] x = Aggregation.quantized(java.util.Arrays.copyOfRange(mix.values(order[m].name()),
                                j * frames, (j + 1) * frames));
                        double[] e = Aggregation.quantized(g.metrics().row(order[m], j));
                        double[] d = new double[frames];
                        for (int t = 0; t < frames; t++) {
                            d[t] = e[t] - x[t];
                        }
                        v[c + m] = Aggregation.nanMedian(x);
                        v[c + 4 + m] = Aggregation.nanMedian(d);
                    }
                }
                c += 8;
            }
            if (config.globalSdr()) {
                if (f.sdrMixture() != null) {
                    v[c] = f.sdrMixture()[k];
                    v[c + 1] = r.globalSdr()[k] - f.sdrMixture()[k];
                }
                c += 2;
            }
        }
        for (int i = 0; i < config.family().size(); i++) {
            List<SetScores> parts = new ArrayList<>(List.of(f.estimates().get(i)));
            if (config.mixtures() != null) {
                parts.add(f.mixture().get(i));
                parts.add(f.improvement().get(i));
            }
            for (int p = 0; p < parts.size(); p++) {
                SetScores s = parts.get(p);
                boolean museval = s.set() == MetricSet.V3;
                int n = s.groups() * s.frames().count();
                for (String m : FamilyJson.order(s.set())) {
                    // parts: estimates, mixture (same names), improvement (names with an i).
                    String name = p == 2 ? Improvement.name(m) : m;
                    double[] x = java.util.Arrays.copyOfRange(s.values(name), k * n, (k + 1) * n);
                    v[c++] = Aggregation.nanMedian(museval ? Aggregation.quantized(x) : x);
                }
            }
        }
    }

    /** museval's targets of a track, in the order museval writes them, with their framewise values. */
    static List<MusevalJson.Target> jsonTargets(EvaluationResult r) {
        List<MusevalJson.Target> out = new ArrayList<>();
        for (EvaluationResult.Group g : r.groups()) {
            for (int j = 0; j < g.targets().size(); j++) {
                if (g.reported()[j]) {
                    out.add(MusevalJson.target(g.targets().get(j), g.metrics(), j));
                }
            }
        }
        return out;
    }

    /** The rows of {@code summary.csv}, tracks in corpus order, targets in the configured order. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        for (EvaluationResult r : results) {
            EvaluationTrack t = r.track();
            if (!r.ok()) {
                rows.add(new Row(t.name(), "", nan(columns().size()), 0, Status.FAILED.label(),
                        r.failure().file() + ": " + r.failure().message()));
                continue;
            }
            for (int k = 0; k < config.targets().size(); k++) {
                String target = config.targets().get(k);
                double[] v = nan(columns().size());
                int frames = 0;
                List<String> notes = new ArrayList<>();
                for (EvaluationResult.Group g : r.groups()) {
                    int j = g.targets().indexOf(target);
                    if (j >= 0 && g.reported()[j]) {
                        TrackMetrics m = g.metrics();
                        v[0] = m.quantizedMedian(Metric.SDR, j);
                        v[1] = m.quantizedMedian(Metric.SIR, j);
                        v[2] = m.quantizedMedian(Metric.ISR, j);
                        v[3] = m.quantizedMedian(Metric.SAR, j);
                        frames = m.frames();
                        String note = DistortionFilters.note(m.solver());
                        if (note != null) {
                            notes.add(note);
                        }
                    }
                }
                if (r.globalSdr() != null) {
                    v[4] = r.globalSdr()[k];
                }
                extra(r, k, v);
                if (r.family() != null) {
                    for (String n : r.family().notes()) {
                        if (!notes.contains(n)) {
                            notes.add(n);
                        }
                    }
                }
                for (String n : t.notes()) {
                    if (n.startsWith(target + ":")) {
                        notes.add(n.substring(target.length() + 1).strip());
                    }
                }
                rows.add(new Row(t.name(), target, v, frames, Status.OK.label(), String.join("; ", notes)));
            }
        }
        return rows;
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Per target, per column, the median (or mean) over the scored tracks, ignoring NaN. */
    public Map<String, double[]> perTarget(boolean median) {
        return aggregate(rows(), config.targets(), median, columns().size());
    }

    static Map<String, double[]> aggregate(List<Row> rows, List<String> targets, boolean median) {
        return aggregate(rows, targets, median, COLUMNS.size());
    }

    /** Per target, the first {@code columns} columns aggregated over the scored tracks. */
    static Map<String, double[]> aggregate(List<Row> rows, List<String> targets, boolean median, int columns) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String target : targets) {
            double[] agg = new double[columns];
            for (int c = 0; c < columns; c++) {
                List<Double> vals = new ArrayList<>();
                for (Row row : rows) {
                    if (row.status().equals(Status.OK.label()) && row.target().equals(target)) {
                        vals.add(row.values()[c]);
                    }
                }
                double[] a = vals.stream().mapToDouble(Double::doubleValue).toArray();
                agg[c] = median ? Aggregation.nanMedian(a) : Aggregation.nanMean(a);
            }
            out.put(target, agg);
        }
        return out;
    }

    /** A value as written to the summaries: up to 6 decimals (medians of 5-decimal values are exact), or NaN. */
    static String number(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        return new BigDecimal(x).setScale(6, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
    }

    /** The per-target medians printed by the driver at the end. */
    public void print(PrintStream out) {
        Map<String, double[]> med = perTarget(true);
        out.printf("%-14s %9s %9s %9s %9s %11s%n", "target", "SDR", "SIR", "ISR", "SAR", "global SDR");
        for (Map.Entry<String, double[]> e : med.entrySet()) {
            double[] v = e.getValue();
            out.printf("%-14s %9.3f %9.3f %9.3f %9.3f %11.3f%n", e.getKey(), v[0], v[1], v[2], v[3], v[4]);
        }
        List<String> columns = columns();
        if (columns.size() > COLUMNS.size()) {
            out.printf("%-22s", "metric");
            for (String t : med.keySet()) {
                out.printf(" %9s", t.length() > 9 ? t.substring(0, 9) : t);
            }
            out.println();
        }
        for (int c = COLUMNS.size(); c < columns.size(); c++) {
            out.printf("%-22s", columns.get(c));
            for (double[] v : med.values()) {
                out.printf(" %9.3f", v[c]);
            }
            out.println();
        }
        out.printf("%d tracks scored, %d failed in %.1f s (median over frames, then over tracks)%n",
                results.size() - failed(), failed(), seconds);
        for (EvaluationResult r : results) {
            if (!r.ok()) {
                out.printf("  failed %s: %s: %s%n", r.track().name(), r.failure().file(),
                        r.failure().message());
            }
        }
    }
}
