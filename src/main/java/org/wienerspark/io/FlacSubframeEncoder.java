package org.wienerspark.io;

import java.util.Arrays;

/**
 * Encodes one channel of a block as the smallest FLAC subframe for {@link FlacWriter}: constant,
 * verbatim, the fixed predictors of orders 0-4 (all priced in one pass) or an LPC predictor
 * ({@link FlacLpcEncoder}), with wasted low bits removed and the residual Rice coded
 * ({@link FlacResidualCoder}). Pricing without writing ({@link #cost}) lets the frame encoder
 * choose the stereo mode.
 */
final class FlacSubframeEncoder {

    private final FlacBitWriter bw;
    private final FlacResidualCoder rice;
    private final FlacLpcEncoder lpc;
    private final long[] res;
    private final long[] orderSums = new long[5];

    FlacSubframeEncoder(FlacBitWriter bw, int blockSize) {
        this.bw = bw;
        this.rice = new FlacResidualCoder(bw);
        this.lpc = new FlacLpcEncoder(bw, rice, blockSize);
        this.res = new long[blockSize];
    }

    /** The bits of the subframe {@link #subframe} would write for {@code x}. */
    long cost(long[] x, int n, int bits) {
        return subframe(x, n, bits, false);
    }

    /**
     * Chooses the smallest subframe for {@code x[0, n)} at {@code bits} bits and writes it when
     * {@code write}; returns its size in bits.
     */
    long subframe(long[] x, int n, int bits, boolean write) {
        long or = 0;
        boolean constant = true;
        long x0 = x[0];
        for (int i = 0; i < n; i++) {
            or |= x[i];
            constant &= x[i] == x0;
        }
        if (constant) {
            if (write) {
                bw.bits(0, 8);
                bw.bits(x0, bits);
            }
            return 8 + bits;
        }
        int wasted = Long.numberOfTrailingZeros(or);
        int b = bits - wasted;
        // Fixed predictor residual magnitudes, all orders in one pass.
        int maxOrder = Math.min(4, n - 1);
        long[] sums = orderSums;
        Arrays.fill(sums, 0);
        long p1 = 0;
        long p2 = 0;
        long p3 = 0;
        long p4 = 0;
        for (int i = 0; i < n; i++) {
            long v = x[i] >> wasted;
            long e0 = v;
            long e1 = e0 - p1;
            long e2 = e1 - p2;
            long e3 = e2 - p3;
            long e4 = e3 - p4;
            sums[0] += Math.abs(e0);
            if (i >= 1) {
                sums[1] += Math.abs(e1);
            }
            if (i >= 2) {
                sums[2] += Math.abs(e2);
            }
            if (i >= 3) {
                sums[3] += Math.abs(e3);
            }
            if (i >= 4) {
                sums[4] += Math.abs(e4);
            }
            p1 = e0;
            p2 = e1;
            p3 = e2;
            p4 = e3;
        }
        int order = 0;
        for (int k = 1; k <= maxOrder; k++) {
            if (sums[k] < sums[order]) {
                order = k;
            }
        }
        for (int i = order; i < n; i++) {
            long v = x[i] >> wasted;
            res[i] = switch (order) {
                case 0 -> v;
                case 1 -> v - (x[i - 1] >> wasted);
                case 2 -> v - 2 * (x[i - 1] >> wasted) + (x[i - 2] >> wasted);
                case 3 -> v - 3 * ((x[i - 1] >> wasted) - (x[i - 2] >> wasted)) - (x[i - 3] >> wasted);
                default -> v - 4 * ((x[i - 1] >> wasted) + (x[i - 3] >> wasted)) + 6 * (x[i - 2] >> wasted)
                        + (x[i - 4] >> wasted);
            };
        }
        long fixedBits = 8 + (wasted > 0 ? wasted : 0) + (long) order * b + rice.residual(res, n, order, false);
        long verbatimBits = 8 + (wasted > 0 ? wasted : 0) + (long) n * b;
        if (!write) {
            return Math.min(fixedBits, verbatimBits);
        }
        if (n > 2 * FlacLpcEncoder.MAX_LPC_ORDER) {
            long lpcBits = lpc.plan(x, n, b, wasted);
            if (lpcBits < fixedBits && lpcBits < verbatimBits) {
                lpc.write(x, n, b, wasted);
                return lpcBits;
            }
        }
        boolean verbatim = verbatimBits <= fixedBits;
        bw.bits(0, 1);
        bw.bits(verbatim ? 1 : 8 + order, 6);
        if (wasted > 0) {
            bw.bits(1, 1);
            bw.bits(1, wasted); // wasted - 1 zeros, then a 1
        } else {
            bw.bits(0, 1);
        }
        if (verbatim) {
            for (int i = 0; i < n; i++) {
                bw.bits(x[i] >> wasted, b);
            }
            return verbatimBits;
        }
        for (int i = 0; i < order; i++) {
            bw.bits(x[i] >> wasted, b);
        }
        rice.residual(res, n, order, true);
        return fixedBits;
    }
}
