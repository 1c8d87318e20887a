package org.wienerspark.report;

import java.awt.Color;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;

/** The report's charts, drawn headless with XChart as PNG. */
public final class ReportCharts {

    static final int WIDTH = 500;
    static final int HEIGHT = 340;

    static {
        // Drivers and CI machines have no display; AWT must not look for one.
        System.setProperty("java.awt.headless", "true");
    }

    private ReportCharts() {
    }

    /**
     * A box plot with one box per run of its per-track values (non-finite values dropped, runs
     * without values left out). Returns the PNG bytes, or null if no run has a value.
     */
    public static byte[] boxPlot(String title, String yTitle, Map<String, double[]> perRun) throws IOException {
        BoxChart chart = new BoxChartBuilder().width(WIDTH).height(HEIGHT).title(title).yAxisTitle(yTitle).build();
        chart.getStyler().setPlotGridLinesVisible(true);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendVisible(false);
        int series = 0;
        for (Map.Entry<String, double[]> e : perRun.entrySet()) {
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
}
