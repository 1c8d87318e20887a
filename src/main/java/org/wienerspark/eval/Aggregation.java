package org.wienerspark.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;

/**
 * How museval reports and aggregates framewise values: each value is rounded to 5 decimals
 * (decimal arithmetic on the exact binary value, half-even; infinities become NaN), and frames and
 * tracks are aggregated by a median that ignores NaN (numpy's {@code nanmedian}, pandas'
 * {@code median}).
 */
public final class Aggregation {

    private static final int DECIMALS = 5;

    private Aggregation() {
    }

    /**
     * The JSON text museval writes for a value: 5 decimals, {@code NaN} for NaN and infinities,
     * a minus sign kept on a negative value that rounds to zero.
     */
    public static String quantizedText(double x) {
        if (!Double.isFinite(x)) {
            return "NaN";
        }
        BigDecimal q = new BigDecimal(x).setScale(DECIMALS, RoundingMode.HALF_EVEN);
        String s = q.toPlainString();
        return q.signum() == 0 && Math.copySign(1.0, x) < 0 ? "-" + s : s;
    }

    /** The value a reader of museval's JSON gets back: the quantized text as a double. */
    public static double quantized(double x) {
        if (!Double.isFinite(x)) {
            return Double.NaN;
        }
        double q = new BigDecimal(x).setScale(DECIMALS, RoundingMode.HALF_EVEN).doubleValue();
        return q == 0 ? Math.copySign(0.0, x) : q;
    }

    /** {@link #quantized} of every value; a new array. */
    public static double[] quantized(double[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = quantized(x[i]);
        }
        return out;
    }

    /**
     * Median of {@code x[from .. from + count)} ignoring NaN (the mean of the two middle values
     * for an even count); NaN if every value is NaN or count is 0. Input, not modified.
     */
    public static double nanMedian(double[] x, int from, int count) {
        double[] v = new double[count];
        int n = 0;
        for (int i = from; i < from + count; i++) {
            if (!Double.isNaN(x[i])) {
                v[n++] = x[i];
            }
        }
        if (n == 0) {
            return Double.NaN;
        }
        Arrays.sort(v, 0, n);
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Median of all values ignoring NaN. */
    public static double nanMedian(double[] x) {
        return nanMedian(x, 0, x.length);
    }

    /** Mean of all values ignoring NaN; NaN if none. */
    public static double nanMean(double[] x) {
        double s = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) {
                s += v;
                n++;
            }
        }
        return n == 0 ? Double.NaN : s / n;
    }
}
