package org.wienerspark.evaluation;

import java.util.ArrayList;
import java.util.List;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.eval.MusevalJson;
import org.wienerspark.eval.SetScores;

/**
 * A track's JSON for a whole-signal metric set ({@code <out>/<set>/<subset>/<track>.json}), in
 * museval's structure ({@link MusevalJson}: {@code targets[].frames[].metrics}, indented by 2,
 * values to 5 decimals, {@code NaN} for NaN and infinities) with the set's metric names. For
 * {@code v3} without mixtures and permutation it is exactly museval's document (metrics in
 * museval's order SDR, SIR, SAR, ISR, {@code time} the frame index times the hop), so museval's
 * reader loads it. Other sets: {@code time} and {@code duration} are the frame's first sample and
 * length over the rate; for the per-channel sets ({@code sources}, {@code si}) each metric is a
 * list over channels. With {@code --mixtures}, {@code input_<metric>} (the mixture as the
 * estimate) and {@code <metric>i} (the improvement) follow; with {@code --permutation},
 * {@code estimate} names the estimate matched with the reference in that frame (null where the
 * reference reports none).
 */
final class FamilyJson {

    private FamilyJson() {
    }

    /** The metric names of a set in their JSON order (museval's for v3 and v4). */
    static List<String> order(MetricSet set) {
        return set == MetricSet.V3 || set == MetricSet.V4 ? List.of("SDR", "SIR", "SAR", "ISR") : set.metrics();
    }

    /**
     * The document.
     *
     * @param targets     names of the references, in source order
     * @param estimates   the estimates' scores
     * @param mixture     the mixture's scores, or null
     * @param improvement estimates minus mixture, or null
     * @param permutation whether to report the matched estimate
     * @param rate        sample rate, for the frames' times
     * @param seconds     window and hop in seconds (v3's {@code time} and {@code duration})
     */
    static String write(List<String> targets, SetScores estimates, SetScores mixture, SetScores improvement,
                        boolean permutation, int rate, double[] seconds) {
        MetricSet set = estimates.set();
        boolean museval = set == MetricSet.V3;
        List<String> names = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        for (String m : order(set)) {
            names.add(m);
            values.add(estimates.values(m));
        }
        if (mixture != null) {
            for (String m : order(set)) {
                names.add("input_" + m);
                values.add(mixture.values(m));
            }
            for (String m : order(set)) {
                names.add(org.wienerspark.eval.Improvement.name(m));
                values.add(improvement.values(org.wienerspark.eval.Improvement.name(m)));
            }
        }
        int frames = estimates.frames().count();
        int groups = estimates.groups();
        StringBuilder sb = new StringBuilder(256 + 256 * targets.size() * frames);
        sb.append("{\n  \"targets\": [");
        for (int j = 0; j < targets.size(); j++) {
            sb.append(j == 0 ? "\n" : ",\n");
            sb.append("    {\n      \"name\": ").append(MusevalJson.string(targets.get(j)))
                    .append(",\n      \"frames\": [");
            for (int t = 0; t < frames; t++) {
                double time = museval ? t * seconds[1] : (double) estimates.frames().start(t) / rate;
                double duration = museval ? seconds[0] : (double) estimates.frames().length(t) / rate;
                sb.append(t == 0 ? "\n" : ",\n");
                sb.append("        {\n          \"time\": ").append(MusevalJson.pythonFloat(time))
                        .append(",\n          \"duration\": ").append(MusevalJson.pythonFloat(duration));
                if (permutation) {
                    sb.append(",\n          \"estimate\": ");
                    if (groups == 1) {
                        sb.append(estimateName(targets, estimates.matched(j, 0, t)));
                    } else {
                        sb.append('[');
                        for (int g = 0; g < groups; g++) {
                            sb.append(g == 0 ? "" : ", ").append(estimateName(targets, estimates.matched(j, g, t)));
                        }
                        sb.append(']');
                    }
                }
                sb.append(",\n          \"metrics\": {\n");
                for (int m = 0; m < names.size(); m++) {
                    sb.append("            ").append(MusevalJson.string(names.get(m))).append(": ");
                    double[] v = values.get(m);
                    if (groups == 1) {
                        sb.append(Aggregation.quantizedText(v[j * frames + t]));
                    } else {
                        sb.append('[');
                        for (int g = 0; g < groups; g++) {
                            sb.append(g == 0 ? "" : ", ")
                                    .append(Aggregation.quantizedText(v[(j * groups + g) * frames + t]));
                        }
                        sb.append(']');
                    }
                    sb.append(m + 1 < names.size() ? ",\n" : "\n");
                }
                sb.append("          }\n        }");
            }
            sb.append(frames == 0 ? "]\n    }" : "\n      ]\n    }");
        }
        sb.append(targets.isEmpty() ? "],\n" : "\n  ],\n");
        if (museval) {
            sb.append("  \"museval_version\": ").append(MusevalJson.string(MusevalJson.MUSEVAL_VERSION)).append("\n}");
        } else {
            sb.append("  \"metric_set\": ").append(MusevalJson.string(set.id())).append("\n}");
        }
        return sb.toString();
    }

    private static String estimateName(List<String> targets, int k) {
        return k < 0 ? "null" : MusevalJson.string(targets.get(k));
    }
}
