package org.wienerspark.report;

import java.io.IOException;
import java.util.Map;
import org.wienerspark.evaluation.EvaluationCharts;

/** The report's charts: the evaluation's box plots ({@link EvaluationCharts}) at the page's size. */
public final class ReportCharts {

    static final int WIDTH = 500;
    static final int HEIGHT = 340;

    private ReportCharts() {
    }

    /**
     * A box plot with one box per run of its per-track values (non-finite values dropped, runs
     * without values left out). Returns the PNG bytes, or null if no run has a value.
     */
    public static byte[] boxPlot(String title, String yTitle, Map<String, double[]> perRun) throws IOException {
        return EvaluationCharts.boxPlot(title, yTitle, perRun, WIDTH, HEIGHT);
    }
}
