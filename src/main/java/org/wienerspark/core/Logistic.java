package org.wienerspark.core;

/**
 * The logistic compression curve {@code 1 / (1 + exp(-slope * (w - threshold)))} used by
 * norbert's contrib tools to "binarize" masks and filters: values well above {@code threshold}
 * go to 1, values well below go to 0, and {@code slope} sets how abruptly.
 *
 * <p>The complex form evaluates the same expression in complex arithmetic (complex exponential,
 * then complex division with Smith's algorithm, as numpy does). Where the complex exponential
 * overflows, the result is its limit 0 (numpy can return NaN there, for a value whose modulus
 * is below {@code 1e-308}).
 */
public final class Logistic {

    private Logistic() {
    }

    /**
     * The real logistic {@code 1 / (1 + exp(-slope * (w - threshold)))}.
     *
     * @param w         the value to compress
     * @param threshold the value mapped to 1/2
     * @param slope     the steepness at the threshold
     * @return a value in [0, 1]
     */
    public static double logistic(double w, double threshold, double slope) {
        return 1.0 / (1.0 + Math.exp(-slope * (w - threshold)));
    }

    /**
     * The complex logistic of {@code w = re + i im}, written as (re, im) into {@code out[off]}
     * and {@code out[off + 1]}.
     */
    static void logistic(double re, double im, double threshold, double slope, double[] out, int off) {
        // u = -slope * (w - threshold)
        double ur = -slope * (re - threshold);
        double ui = -slope * im;
        // z = exp(u); exp(x + 0i) is exactly exp(x) + 0i (no inf * 0 for a large real part)
        double zr;
        double zi;
        if (ui == 0) {
            zr = Math.exp(ur);
            zi = ui;
        } else {
            double e = Math.exp(ur);
            zr = e * Math.cos(ui);
            zi = e * Math.sin(ui);
        }
        if (Double.isInfinite(zr) || Double.isInfinite(zi)) {
            out[off] = 0.0;
            out[off + 1] = 0.0;
            return;
        }
        ComplexOps.div(1.0, 0.0, 1.0 + zr, zi, out, off);
    }
}
