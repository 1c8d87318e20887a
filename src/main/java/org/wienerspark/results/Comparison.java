package org.wienerspark.results;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.wienerspark.eval.Aggregation;

/**
 * What a set of runs says, from their per-track tables: per target and metric, the median and
 * the mean over tracks of each run; for every pair of runs (A listed before B), on the tracks
 * both scored, the median of the per-track differences B - A, the paired Wilcoxon signed-rank
 * p-value and its Holm adjustment over the pairs of that target and metric; the tracks some run
 * did not score; the failed tracks and the notes. One run gives its summary and no pairs.
 */
public final class Comparison {

    /** Per run, target and metric: the tracks with a value, their median and mean. */
    public record RunStat(String run, String target, String metric, int tracks, double median, double mean) {
    }

    /**
     * A pair of runs on one target and metric.
     *
     * @param tracks           tracks both runs scored (finite values)
     * @param medianA          median over those tracks of A's values
     * @param medianB          the same for B
     * @param medianDifference median over those tracks of B - A
     * @param p                two-sided p-value ({@link SignedRankTest})
     * @param pHolm            p adjusted by Holm's method over the pairs of this target and metric
     * @param exact            whether p is exact
     */
    public record PairStat(String target, String metric, String a, String b, int tracks, double medianA,
                           double medianB, double medianDifference, double p, double pHolm, boolean exact) {
    }

    /** A track not scored by every run: the runs that scored it, failed it, and lack it. */
    public record Coverage(String track, List<String> scored, List<String> failed, List<String> missing) {
    }

    /** A note of a run on a track (a failure: target null). */
    public record Note(String run, String track, String target, String note) {
    }

    private final List<RunScores> runs;
    private final List<String> targets;
    private final List<String> metrics;
    private final List<RunStat> runStats = new ArrayList<>();
    private final List<PairStat> pairs = new ArrayList<>();
    private final List<Coverage> coverage = new ArrayList<>();
    private final List<Note> failures = new ArrayList<>();
    private final List<Note> notes = new ArrayList<>();

    private Comparison(List<RunScores> runs) {
        this.runs = List.copyOf(runs);
        Set<String> labels = new LinkedHashSet<>();
        Set<String> ts = new LinkedHashSet<>();
        for (RunScores r : runs) {
            if (!labels.add(r.label())) {
                throw new IllegalArgumentException("two runs are labelled '" + r.label() + "'");
            }
            for (TrackSummary s : r.tracks()) {
                if (s.ok() && s.target() != null) {
                    ts.add(s.target());
                }
            }
        }
        this.targets = List.copyOf(ts);
        List<String> ms = new ArrayList<>();
        for (String m : TrackSummary.COLUMNS) {
            boolean any = runs.stream().flatMap(r -> r.tracks().stream())
                    .anyMatch(s -> s.ok() && Double.isFinite(s.value(m)));
            if (any) {
                ms.add(m);
            }
        }
        this.metrics = List.copyOf(ms);
    }

    /** The comparison of runs (labels must be distinct). */
    public static Comparison of(List<RunScores> runs) {
        Comparison c = new Comparison(runs);
        c.compute();
        return c;
    }

    private void compute() {
        // Per run: target -> metric -> track -> value (finite values of ok rows).
        List<Map<String, Map<String, Map<String, Double>>>> values = new ArrayList<>();
        for (RunScores r : runs) {
            Map<String, Map<String, Map<String, Double>>> byTarget = new HashMap<>();
            for (TrackSummary s : r.tracks()) {
                if (!s.ok()) {
                    failures.add(new Note(r.label(), s.track(), null, s.note()));
                    continue;
                }
                if (!s.note().isEmpty()) {
                    notes.add(new Note(r.label(), s.track(), s.target(), s.note()));
                }
                for (String m : metrics) {
                    double v = s.value(m);
                    if (Double.isFinite(v)) {
                        byTarget.computeIfAbsent(s.target(), k -> new HashMap<>())
                                .computeIfAbsent(m, k -> new LinkedHashMap<>()).put(s.track(), v);
                    }
                }
            }
            values.add(byTarget);
        }
        for (String t : targets) {
            for (String m : metrics) {
                for (int i = 0; i < runs.size(); i++) {
                    double[] v = column(values.get(i), t, m).values().stream().mapToDouble(Double::doubleValue).toArray();
                    runStats.add(new RunStat(runs.get(i).label(), t, m, v.length, Aggregation.nanMedian(v),
                            Aggregation.nanMean(v)));
                }
                List<PairStat> family = new ArrayList<>();
                for (int i = 0; i < runs.size(); i++) {
                    for (int j = i + 1; j < runs.size(); j++) {
                        family.add(pair(t, m, runs.get(i).label(), column(values.get(i), t, m), runs.get(j).label(),
                                column(values.get(j), t, m)));
                    }
                }
                double[] p = family.stream().mapToDouble(PairStat::p).toArray();
                double[] adjusted = SignedRankTest.holm(p);
                for (int k = 0; k < family.size(); k++) {
                    PairStat s = family.get(k);
                    pairs.add(new PairStat(s.target(), s.metric(), s.a(), s.b(), s.tracks(), s.medianA(), s.medianB(),
                            s.medianDifference(), s.p(), adjusted[k], s.exact()));
                }
            }
        }
        Set<String> allTracks = new LinkedHashSet<>();
        for (RunScores r : runs) {
            for (TrackSummary s : r.tracks()) {
                allTracks.add(s.track());
            }
        }
        for (String track : allTracks) {
            List<String> scored = new ArrayList<>();
            List<String> failed = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (RunScores r : runs) {
                boolean ok = r.tracks().stream().anyMatch(s -> s.track().equals(track) && s.ok());
                boolean bad = r.tracks().stream().anyMatch(s -> s.track().equals(track) && !s.ok());
                (ok ? scored : bad ? failed : missing).add(r.label());
            }
            if (scored.size() < runs.size()) {
                coverage.add(new Coverage(track, scored, failed, missing));
            }
        }
    }

    private static Map<String, Double> column(Map<String, Map<String, Map<String, Double>>> run, String target,
                                              String metric) {
        return run.getOrDefault(target, Map.of()).getOrDefault(metric, Map.of());
    }

    private static PairStat pair(String target, String metric, String a, Map<String, Double> va, String b,
                                 Map<String, Double> vb) {
        List<String> common = new ArrayList<>();
        for (String track : va.keySet()) {
            if (vb.containsKey(track)) {
                common.add(track);
            }
        }
        int n = common.size();
        double[] x = new double[n];
        double[] y = new double[n];
        double[] d = new double[n];
        for (int k = 0; k < n; k++) {
            x[k] = va.get(common.get(k));
            y[k] = vb.get(common.get(k));
            d[k] = y[k] - x[k];
        }
        SignedRankTest.Result r = SignedRankTest.test(x, y);
        return new PairStat(target, metric, a, b, n, Aggregation.nanMedian(x), Aggregation.nanMedian(y),
                Aggregation.nanMedian(d), r.p(), Double.NaN, r.exact());
    }

    public List<RunScores> runs() {
        return runs;
    }

    public List<String> targets() {
        return targets;
    }

    /** The value columns any run has a value for, in {@link TrackSummary#COLUMNS} order. */
    public List<String> metrics() {
        return metrics;
    }

    public List<RunStat> runStats() {
        return runStats;
    }

    public List<PairStat> pairs() {
        return pairs;
    }

    public List<Coverage> coverage() {
        return coverage;
    }

    public List<Note> failures() {
        return failures;
    }

    public List<Note> notes() {
        return notes;
    }

    /** The statistic of a run, target and metric, or null. */
    public RunStat stat(String run, String target, String metric) {
        for (RunStat s : runStats) {
            if (s.run().equals(run) && s.target().equals(target) && s.metric().equals(metric)) {
                return s;
            }
        }
        return null;
    }

    /** Per run, the per-track values of a target and metric (finite values of scored tracks). */
    public Map<String, double[]> perTrack(String target, String metric) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (RunScores r : runs) {
            out.put(r.label(), r.tracks().stream()
                    .filter(s -> s.ok() && target.equals(s.target()) && Double.isFinite(s.value(metric)))
                    .mapToDouble(s -> s.value(metric)).toArray());
        }
        return out;
    }
}
