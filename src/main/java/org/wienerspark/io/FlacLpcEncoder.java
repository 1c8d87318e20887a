package org.wienerspark.io;

import java.util.Arrays;

/**
 * LPC subframes for {@link FlacWriter}: plans a linear predictor for a block (autocorrelation of
 * the Welch-windowed block, Levinson-Durbin, the order up to {@value #MAX_LPC_ORDER} whose
 * prediction error promises the fewest bits, {@value #LPC_PRECISION}-bit coefficients quantized
 * with error feedback), prices the subframe it would make, and writes it when it wins.
 */
final class FlacLpcEncoder {

    static final int MAX_LPC_ORDER = 12;
    /** Bits of a quantized LPC coefficient. */
    static final int LPC_PRECISION = 14;

    private final FlacBitWriter bw;
    private final FlacResidualCoder rice;
    private final double[] autoc = new double[MAX_LPC_ORDER + 1];
    private final double[] lpcA = new double[MAX_LPC_ORDER];
    private final double[] lpcTmp = new double[MAX_LPC_ORDER];
    private final double[] lpcBest = new double[MAX_LPC_ORDER];
    private final long[] lpcQ = new long[MAX_LPC_ORDER];
    private final long[] lpcRes;
    private double[] lpcX;
    private double[] welch;
    private int lpcOrder;
    private int lpcShift;

    FlacLpcEncoder(FlacBitWriter bw, FlacResidualCoder rice, int blockSize) {
        this.bw = bw;
        this.rice = rice;
        this.lpcRes = new long[blockSize];
    }

    /**
     * Plans an LPC subframe for {@code x >> wasted}: autocorrelation of the Welch-windowed block,
     * Levinson-Durbin, the order whose prediction error promises the fewest bits, coefficients
     * quantized with error feedback. Leaves the plan in {@link #lpcOrder}, {@link #lpcShift},
     * {@link #lpcQ} and the residual in {@link #lpcRes}; returns the subframe's bits, or
     * Long.MAX_VALUE when no LPC applies.
     */
    long plan(long[] x, int n, int b, int wasted) {
        int maxOrder = MAX_LPC_ORDER;
        double[] w = window(n);
        double[] ac = autoc;
        Arrays.fill(ac, 0);
        double[] xw = lpcScratch(n);
        for (int i = 0; i < n; i++) {
            xw[i] = (x[i] >> wasted) * w[i];
        }
        for (int lag = 0; lag <= maxOrder; lag++) {
            double sum = 0;
            for (int i = lag; i < n; i++) {
                sum += xw[i] * xw[i - lag];
            }
            ac[lag] = sum;
        }
        if (ac[0] <= 0) {
            return Long.MAX_VALUE;
        }
        ac[0] *= 1 + 1e-9; // a little white noise keeps Levinson-Durbin stable on pure tones
        // Levinson-Durbin: coefficients of every order, and the error each leaves.
        double err = ac[0];
        double[] a = lpcA;
        double[] tmp = lpcTmp;
        int bestOrder = 0;
        double bestBits = Double.MAX_VALUE;
        for (int m = 0; m < maxOrder; m++) {
            double r = -ac[m + 1];
            for (int j = 0; j < m; j++) {
                r -= a[j] * ac[m - j];
            }
            r /= err;
            System.arraycopy(a, 0, tmp, 0, m);
            a[m] = r;
            for (int j = 0; j < m; j++) {
                a[j] = tmp[j] + r * tmp[m - 1 - j];
            }
            err *= 1 - r * r;
            if (err <= 0) {
                break;
            }
            int order = m + 1;
            // Residual bits: half log2 of the error power per sample (Rice adds about one bit).
            double perSample = Math.max(0, 0.5 * Math.log(err / n * 4.0) / Math.log(2)) + 1;
            double bits = perSample * (n - order) + order * (b + LPC_PRECISION);
            if (bits < bestBits) {
                bestBits = bits;
                bestOrder = order;
                System.arraycopy(a, 0, lpcBest, 0, order);
            }
        }
        if (bestOrder == 0) {
            return Long.MAX_VALUE;
        }
        // Quantize: the prediction is x[i] = -sum a[j] x[i-1-j]; q[j] = round(-a[j] * 2^shift).
        double cmax = 0;
        for (int j = 0; j < bestOrder; j++) {
            cmax = Math.max(cmax, Math.abs(lpcBest[j]));
        }
        if (cmax == 0) {
            return Long.MAX_VALUE;
        }
        int log2 = Math.getExponent(cmax) + 1; // cmax < 2^log2
        int shift = Math.min(15, LPC_PRECISION - 1 - log2);
        if (shift < 0) {
            return Long.MAX_VALUE;
        }
        long qmax = (1L << (LPC_PRECISION - 1)) - 1;
        double carry = 0;
        for (int j = 0; j < bestOrder; j++) {
            double c = -lpcBest[j] * (1 << shift) + carry;
            long q = Math.max(-qmax - 1, Math.min(qmax, Math.round(c)));
            carry = c - q;
            lpcQ[j] = q;
        }
        long[] res2 = lpcRes;
        long limit = 1L << 30;
        for (int i = bestOrder; i < n; i++) {
            long sum = 0;
            for (int j = 0; j < bestOrder; j++) {
                sum += lpcQ[j] * (x[i - 1 - j] >> wasted);
            }
            long e = (x[i] >> wasted) - (sum >> shift);
            if (e >= limit || e <= -limit) {
                return Long.MAX_VALUE; // the residual must fit the decoders' 32 bits
            }
            res2[i] = e;
        }
        lpcOrder = bestOrder;
        lpcShift = shift;
        return 8 + (wasted > 0 ? wasted : 0) + (long) bestOrder * b + 4 + 5 + (long) bestOrder * LPC_PRECISION
                + rice.residual(res2, n, bestOrder, false);
    }

    void write(long[] x, int n, int b, int wasted) {
        bw.bits(0, 1);
        bw.bits(0x20 | (lpcOrder - 1), 6);
        if (wasted > 0) {
            bw.bits(1, 1);
            bw.bits(1, wasted);
        } else {
            bw.bits(0, 1);
        }
        for (int i = 0; i < lpcOrder; i++) {
            bw.bits(x[i] >> wasted, b);
        }
        bw.bits(LPC_PRECISION - 1, 4);
        bw.bits(lpcShift, 5);
        for (int j = 0; j < lpcOrder; j++) {
            bw.bits(lpcQ[j], LPC_PRECISION);
        }
        rice.residual(lpcRes, n, lpcOrder, true);
    }

    private double[] window(int n) {
        if (welch == null || welch.length != n) {
            welch = new double[n];
            double h = (n - 1) / 2.0;
            for (int i = 0; i < n; i++) {
                double t = (i - h) / (h + 1);
                welch[i] = 1 - t * t;
            }
        }
        return welch;
    }

    private double[] lpcScratch(int n) {
        if (lpcX == null || lpcX.length < n) {
            lpcX = new double[n];
        }
        return lpcX;
    }
}
