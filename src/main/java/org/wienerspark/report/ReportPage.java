package org.wienerspark.report;

import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wienerspark.results.Comparison;
import org.wienerspark.results.RunScores;
import org.wienerspark.results.TrackSummary;

/**
 * {@code report.html}: the summary tables (median and mean over tracks per run), a box plot per
 * target with one box per run, the significance table (paired Wilcoxon signed-rank tests, Holm
 * adjusted), the tracks not scored by every run, the failed tracks and the notes. One
 * self-contained file: inline CSS, charts as PNG data URIs, no script, no network resource.
 */
public final class ReportPage {

    public static final String NAME = "report.html";
    /** Adjusted p-values below this are marked significant. */
    static final double ALPHA = 0.05;

    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2em auto;\
            max-width:1100px;padding:0 1em;color:#222}
            h1{font-size:1.6em}h2{font-size:1.25em;margin-top:2em;border-bottom:1px solid #ddd}
            table{border-collapse:collapse;margin:0.5em 0}th,td{border:1px solid #ccc;padding:3px 8px}
            th{background:#f4f4f4}td.n{text-align:right;font-variant-numeric:tabular-nums}
            tr.sig td{background:#eef7ee}div.charts{display:flex;flex-wrap:wrap;gap:0.5em 1.5em}figure{margin:0.5em 0}figcaption{color:#555;font-size:0.9em}
            img.chart{display:block;max-width:100%;height:auto;border:1px solid #eee}
            code{background:#f4f4f4;padding:0 3px}p.small{color:#555;font-size:0.9em}
            """;

    private ReportPage() {
    }

    /**
     * The page of a comparison (one run: an evaluation's report).
     *
     * @param title   the page's heading
     * @param context lines under the heading (what was evaluated, how), HTML-escaped here
     */
    public static String render(String title, List<String> context, Comparison c) throws IOException {
        StringBuilder sb = new StringBuilder(64 * 1024);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(title)).append("</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<h1>").append(esc(title)).append("</h1>\n");
        for (String line : context) {
            sb.append("<p>").append(esc(line)).append("</p>\n");
        }
        runs(sb, c);
        summary(sb, c, true);
        charts(sb, c);
        if (c.runs().size() > 1) {
            significance(sb, c);
        }
        summary(sb, c, false);
        if (c.runs().size() > 1) {
            coverage(sb, c);
        }
        failures(sb, c);
        notes(sb, c);
        sb.append("</body>\n</html>\n");
        return sb.toString();
    }

    private static void runs(StringBuilder sb, Comparison c) {
        sb.append("<h2>Runs</h2>\n<table id=\"runs\">\n<tr><th>run</th><th>folder</th><th>kind</th>")
                .append("<th>tracks scored</th><th>tracks failed</th></tr>\n");
        for (RunScores r : c.runs()) {
            long ok = r.tracks().stream().filter(TrackSummary::ok).map(TrackSummary::track).distinct().count();
            long failed = r.tracks().stream().filter(s -> !s.ok()).count();
            sb.append("<tr><td>").append(esc(r.label())).append("</td><td><code>").append(esc(r.source()))
                    .append("</code></td><td>").append(esc(r.kind())).append("</td><td class=\"n\">").append(ok)
                    .append("</td><td class=\"n\">").append(failed).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void summary(StringBuilder sb, Comparison c, boolean median) {
        sb.append("<h2>").append(median ? "Median" : "Mean").append(" over tracks (dB)</h2>\n");
        if (median) {
            sb.append("<p class=\"small\">Per track, the median over frames of each metric (NaN frames ignored, ")
                    .append("as museval aggregates) and the global SDR; then, per run, the ")
                    .append("median over the tracks it scored.</p>\n");
        }
        sb.append("<table class=\"summary\">\n<tr><th>target</th><th>run</th>");
        for (String m : c.metrics()) {
            sb.append("<th>").append(metric(m)).append("</th>");
        }
        sb.append("</tr>\n");
        for (String t : c.targets()) {
            boolean first = true;
            for (RunScores r : c.runs()) {
                sb.append("<tr>");
                if (first) {
                    sb.append("<td rowspan=\"").append(c.runs().size()).append("\">").append(esc(t)).append("</td>");
                    first = false;
                }
                sb.append("<td>").append(esc(r.label())).append("</td>");
                for (String m : c.metrics()) {
                    Comparison.RunStat s = c.stat(r.label(), t, m);
                    sb.append("<td class=\"n\">").append(s == null ? "-" : num(median ? s.median() : s.mean(), "%.3f"))
                            .append("</td>");
                }
                sb.append("</tr>\n");
            }
        }
        sb.append("</table>\n");
    }

    private static void charts(StringBuilder sb, Comparison c) throws IOException {
        String metric = c.metrics().contains("SDR") ? "SDR" : c.metrics().contains("global_SDR") ? "global_SDR" : null;
        if (metric == null) {
            return;
        }
        sb.append("<h2>").append(metric(metric)).append(" per track</h2>\n<div class=\"charts\">\n");
        for (String t : c.targets()) {
            Map<String, double[]> perRun = c.perTrack(t, metric);
            String title = t + ": " + (metric.equals("SDR") ? "SDR (median over frames)" : "global SDR")
                    + " per track";
            byte[] png = ReportCharts.boxPlot(title, "dB", perRun);
            if (png == null) {
                continue;
            }
            sb.append("<figure><img class=\"chart\" width=\"").append(ReportCharts.WIDTH).append("\" height=\"")
                    .append(ReportCharts.HEIGHT).append("\" alt=\"").append(esc(title)).append("\" src=\"data:image/png;base64,")
                    .append(Base64.getEncoder().encodeToString(png)).append("\"><figcaption>").append(esc(t))
                    .append(": one box per run, one value per track scored")
                    .append("</figcaption></figure>\n");
        }
        sb.append("</div>\n");
    }

    private static void significance(StringBuilder sb, Comparison c) {
        sb.append("<h2>Paired differences and significance</h2>\n<p class=\"small\">For each pair of runs A, B ")
                .append("(in the order given), on the tracks both scored: the median of the per-track differences ")
                .append("B &minus; A, and the two-sided paired Wilcoxon signed-rank test (zero differences ")
                .append("dropped; exact up to 30 tracks without ties, else the normal approximation), adjusted by ")
                .append("Holm's method over the pairs of each target and metric. Rows with an adjusted p below ")
                .append(ALPHA).append(" are shaded.</p>\n<table id=\"significance\">\n<tr><th>target</th>")
                .append("<th>metric</th><th>A</th><th>B</th><th>tracks</th><th>median A</th><th>median B</th>")
                .append("<th>median of B &minus; A</th><th>p</th><th>p (Holm)</th></tr>\n");
        for (Comparison.PairStat p : c.pairs()) {
            boolean sig = p.pHolm() < ALPHA;
            sb.append(sig ? "<tr class=\"sig\">" : "<tr>").append("<td>").append(esc(p.target())).append("</td><td>")
                    .append(metric(p.metric())).append("</td><td>").append(esc(p.a())).append("</td><td>")
                    .append(esc(p.b())).append("</td><td class=\"n\">").append(p.tracks()).append("</td><td class=\"n\">")
                    .append(num(p.medianA(), "%.3f")).append("</td><td class=\"n\">").append(num(p.medianB(), "%.3f"))
                    .append("</td><td class=\"n\">").append(num(p.medianDifference(), "%+.3f"))
                    .append("</td><td class=\"n\">").append(pValue(p.p())).append(p.exact() || Double.isNaN(p.p()) ? "" : " (approx.)")
                    .append("</td><td class=\"n\">").append(pValue(p.pHolm())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void coverage(StringBuilder sb, Comparison c) {
        sb.append("<h2>Tracks not scored by every run</h2>\n");
        if (c.coverage().isEmpty()) {
            sb.append("<p>Every run scored every track.</p>\n");
            return;
        }
        sb.append("<table id=\"coverage\">\n<tr><th>track</th><th>scored by</th><th>failed in</th>")
                .append("<th>missing from</th></tr>\n");
        for (Comparison.Coverage cv : c.coverage()) {
            sb.append("<tr><td>").append(esc(cv.track())).append("</td><td>").append(esc(String.join(", ", cv.scored())))
                    .append("</td><td>").append(esc(String.join(", ", cv.failed()))).append("</td><td>")
                    .append(esc(String.join(", ", cv.missing()))).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void failures(StringBuilder sb, Comparison c) {
        sb.append("<h2>Failed tracks</h2>\n");
        if (c.failures().isEmpty()) {
            sb.append("<p>None.</p>\n");
            return;
        }
        sb.append("<table id=\"failures\">\n<tr><th>run</th><th>track</th><th>file and reason</th></tr>\n");
        for (Comparison.Note n : c.failures()) {
            sb.append("<tr><td>").append(esc(n.run())).append("</td><td>").append(esc(n.track())).append("</td><td>")
                    .append(esc(n.note())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static void notes(StringBuilder sb, Comparison c) {
        sb.append("<h2>Notes</h2>\n");
        if (c.notes().isEmpty()) {
            sb.append("<p>None.</p>\n");
            return;
        }
        sb.append("<table id=\"notes\">\n<tr><th>run</th><th>track</th><th>target</th><th>note</th></tr>\n");
        for (Comparison.Note n : c.notes()) {
            sb.append("<tr><td>").append(esc(n.run())).append("</td><td>").append(esc(n.track())).append("</td><td>")
                    .append(esc(n.target())).append("</td><td>").append(esc(n.note())).append("</td></tr>\n");
        }
        sb.append("</table>\n");
    }

    private static String metric(String m) {
        return esc(m.replace('_', ' '));
    }

    private static String num(double v, String format) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, format, v) : "-";
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "-";
        }
        return p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** HTML text and attribute escaping. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
