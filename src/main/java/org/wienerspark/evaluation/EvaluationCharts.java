package org.wienerspark.evaluation;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** The evaluation's PNG charts, drawn headless with XChart; the report draws its box plots here too. */
public final class EvaluationCharts {

    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;

    private EvaluationCharts() {
    }

    static {
        // Executors and CI machines have no display; AWT must not look for one.
        System.setProperty("java.awt.headless", "true");
    }

    /**
     * A box plot per target of the per-track values (NaN dropped; targets without values left
     * out). Returns the PNG bytes, or null if no target has a value.
     */
    static byte[] boxPlot(String title, String yTitle, Map<String, double[]> perTarget) throws IOException {
        return boxPlot(title, yTitle, perTarget, WIDTH, HEIGHT);
    }

    /**
     * As above, {@code width} x {@code height} pixels, one box per key (the report's charts draw
     * one per run).
     */
    public static byte[] boxPlot(String title, String yTitle, Map<String, double[]> perTarget, int width, int height)
            throws IOException {
        BoxChart chart = new BoxChartBuilder().width(width).height(height).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        int series = 0;
        for (Map.Entry<String, double[]> e : perTarget.entrySet()) {
            List<Double> values = new ArrayList<>();
            for (double v : e.getValue()) {
                if (Double.isFinite(v)) {
                    values.add(v);
                }
            }
            if (!values.isEmpty()) {
                chart.addSeries(e.getKey(), values);
                series++;
            }
        }
        return series == 0 ? null : BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /**
     * Grouped bars: one group per category (target), one bar per series (metric). Values NaN
     * are drawn as 0. Returns the PNG bytes.
     */
    static byte[] bars(String title, String yTitle, List<String> categories, Map<String, double[]> series)
            throws IOException {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                .xAxisTitle("target").yAxisTitle(yTitle).build();
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            List<Double> ys = new ArrayList<>();
            for (double v : e.getValue()) {
                ys.add(Double.isFinite(v) ? v : 0.0);
            }
            chart.addSeries(e.getKey(), categories, ys);
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }
}
