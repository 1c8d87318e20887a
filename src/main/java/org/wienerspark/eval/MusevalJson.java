package org.wienerspark.eval;

import java.util.List;

/**
 * museval's per-track JSON ({@code TrackStore.json}), which its {@code EvalStore.add_eval_dir} and
 * {@code MethodStore.add_eval_dir} read back: {@code {"targets": [{"name", "frames": [{"time",
 * "duration", "metrics": {"SDR", "SIR", "SAR", "ISR"}}]}], "museval_version"}}, indented by 2,
 * each metric rounded to 5 decimals and written {@code NaN} for NaN and infinities (see
 * {@link Aggregation#quantizedText}); {@code time} is the frame index times the hop and
 * {@code duration} the window, both in seconds as given.
 */
public final class MusevalJson {

    /** The museval version whose format and metrics these are. */
    public static final String MUSEVAL_VERSION = "0.4.1";

    /** One target's framewise values; each array has shape (frames). */
    public record Target(String name, double[] sdr, double[] isr, double[] sir, double[] sar) {
    }

    private MusevalJson() {
    }

    /** Target j of a track's metrics under a name. */
    public static Target target(String name, TrackMetrics m, int j) {
        return new Target(name, m.row(Metric.SDR, j), m.row(Metric.ISR, j), m.row(Metric.SIR, j),
                m.row(Metric.SAR, j));
    }

    /** The document for a track's targets, in the given order. */
    public static String write(List<Target> targets, double winSeconds, double hopSeconds) {
        StringBuilder sb = new StringBuilder(256 + 200 * targets.size() * 64);
        sb.append("{\n  \"targets\": [");
        for (int k = 0; k < targets.size(); k++) {
            Target t = targets.get(k);
            sb.append(k == 0 ? "\n" : ",\n");
            sb.append("    {\n      \"name\": ").append(string(t.name())).append(",\n      \"frames\": [");
            for (int f = 0; f < t.sdr().length; f++) {
                sb.append(f == 0 ? "\n" : ",\n");
                sb.append("        {\n          \"time\": ").append(pythonFloat(f * hopSeconds))
                        .append(",\n          \"duration\": ").append(pythonFloat(winSeconds))
                        .append(",\n          \"metrics\": {\n")
                        .append("            \"SDR\": ").append(Aggregation.quantizedText(t.sdr()[f])).append(",\n")
                        .append("            \"SIR\": ").append(Aggregation.quantizedText(t.sir()[f])).append(",\n")
                        .append("            \"SAR\": ").append(Aggregation.quantizedText(t.sar()[f])).append(",\n")
                        .append("            \"ISR\": ").append(Aggregation.quantizedText(t.isr()[f]))
                        .append("\n          }\n        }");
            }
            sb.append(t.sdr().length == 0 ? "]\n    }" : "\n      ]\n    }");
        }
        sb.append(targets.isEmpty() ? "],\n" : "\n  ],\n");
        sb.append("  \"museval_version\": ").append(string(MUSEVAL_VERSION)).append("\n}");
        return sb.toString();
    }

    /** A double as Python's {@code repr} writes it for the usual values ({@code 1.0}, {@code 2.5}). */
    public static String pythonFloat(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e16) {
            return (long) x + ".0";
        }
        String s = Double.toString(x);
        int e = s.indexOf('E');
        if (e < 0) {
            return s;
        }
        String mantissa = s.substring(0, e);
        if (mantissa.endsWith(".0")) {
            mantissa = mantissa.substring(0, mantissa.length() - 2);
        }
        int exp = Integer.parseInt(s.substring(e + 1));
        return mantissa + "e" + (exp < 0 ? "-" : "+") + String.format("%02d", Math.abs(exp));
    }

    /** A JSON string literal. */
    public static String string(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (ch < 0x20 || ch > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) ch));
                    } else {
                        sb.append(ch);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
