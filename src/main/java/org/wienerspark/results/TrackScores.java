package org.wienerspark.results;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.MusevalJson;

/**
 * One track's framewise scores as museval's per-track JSON holds them: per target, per frame, its
 * time and duration (seconds) and the value of each metric (NaN where museval writes NaN).
 *
 * @param track   the track's name
 * @param targets the targets in the order of the file
 */
public record TrackScores(String track, List<Target> targets) implements Serializable {

    /** museval's framewise metrics, in the order of its JSON. */
    public static final List<String> METRICS = List.of("SDR", "SIR", "SAR", "ISR");

    /**
     * One target's frames.
     *
     * @param metrics per metric name, one value per frame (arrays of the length of {@code time})
     */
    public record Target(String name, double[] time, double[] duration, Map<String, double[]> metrics)
            implements Serializable {

        public Target {
            metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
            for (Map.Entry<String, double[]> e : metrics.entrySet()) {
                if (e.getValue().length != time.length || duration.length != time.length) {
                    throw new IllegalArgumentException("target " + name + ": " + e.getKey() + " has "
                            + e.getValue().length + " frames, time " + time.length);
                }
            }
        }

        public int frames() {
            return time.length;
        }

        /** museval's per-track aggregate: the median over frames, NaN frames ignored; NaN if absent. */
        public double median(String metric) {
            double[] v = metrics.get(metric);
            return v == null ? Double.NaN : Aggregation.nanMedian(v);
        }
    }

    public TrackScores {
        targets = List.copyOf(targets);
    }

    /**
     * The scores the evaluation job writes as museval JSON for a track (the same numbers a reader
     * of that JSON gets: rounded to 5 decimals, infinities as NaN; frame f at time f x hop).
     */
    public static TrackScores fromMuseval(String track, List<MusevalJson.Target> targets, double winSeconds,
                                          double hopSeconds) {
        List<Target> out = new ArrayList<>();
        for (MusevalJson.Target t : targets) {
            int n = t.sdr().length;
            double[] time = new double[n];
            double[] duration = new double[n];
            for (int f = 0; f < n; f++) {
                time[f] = f * hopSeconds;
                duration[f] = winSeconds;
            }
            Map<String, double[]> m = new LinkedHashMap<>();
            m.put("SDR", Aggregation.quantized(t.sdr()));
            m.put("SIR", Aggregation.quantized(t.sir()));
            m.put("SAR", Aggregation.quantized(t.sar()));
            m.put("ISR", Aggregation.quantized(t.isr()));
            out.add(new Target(t.name(), time, duration, m));
        }
        return new TrackScores(track, out);
    }

    /** The per-track summary rows of these scores (one per target; no global SDR in museval's files). */
    public List<TrackSummary> summaries(String method) {
        List<TrackSummary> out = new ArrayList<>();
        for (Target t : targets) {
            double[] v = new double[TrackSummary.COLUMNS.size()];
            for (int c = 0; c < v.length; c++) {
                v[c] = t.median(TrackSummary.COLUMNS.get(c));
            }
            out.add(new TrackSummary(method, track, t.name(), v, t.frames(), TrackSummary.OK, ""));
        }
        return out;
    }
}
