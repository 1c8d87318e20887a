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
        divide(1.0, 0.0, 1.0 + zr, zi, out, off);
    }

    /**
     * The complex quotient {@code (ar + i ai) / (br + i bi)} by Smith's algorithm (numpy's
     * complex128 division), written as (re, im) into {@code out[off]} and {@code out[off + 1]}.
     */
    static void divide(double ar, double ai, double br, double bi, double[] out, int off) {
        double absR = Math.abs(br);
        double absI = Math.abs(bi);
        if (absR >= absI) {
            if (absR == 0 && absI == 0) {
                out[off] = ar / absR;
                out[off + 1] = ai / absR;
            } else {
                double rat = bi / br;
                double scl = 1.0 / (br + bi * rat);
                out[off] = (ar + ai * rat) * scl;
                out[off + 1] = (ai - ar * rat) * scl;
            }
        } else {
            double rat = br / bi;
            double scl = 1.0 / (bi + br * rat);
            out[off] = (ar * rat + ai) * scl;
            out[off + 1] = (ai * rat - ar) * scl;
        }
    }
}
