package org.wienerspark.io;

/**
 * Rice coding of a subframe's prediction residual for {@link FlacWriter}: the partition order and
 * the per-partition parameters that cost the fewest bits (Rice2 when a parameter needs 5 bits, an
 * escape to 0-bit raw samples for all-zero partitions). Sizes are estimated from each partition's
 * sum of zigzag-folded values, so choosing costs one pass over the residual.
 */
final class FlacResidualCoder {

    private static final int MAX_PARTITION_ORDER = 8;

    private final FlacBitWriter bw;
    private final long[] partSums = new long[1 << MAX_PARTITION_ORDER];

    FlacResidualCoder(FlacBitWriter bw) {
        this.bw = bw;
    }

    /**
     * Rice codes {@code res}[order, n) in the partition order and parameters that cost least;
     * returns its size in bits, and writes it when {@code write}.
     */
    long residual(long[] res, int n, int order, boolean write) {
        int maxP = 0;
        while (maxP < MAX_PARTITION_ORDER && (n & ((2 << maxP) - 1)) == 0 && (n >> (maxP + 1)) >= order
                && (n >> (maxP + 1)) >= 16) {
            maxP++;
        }
        int parts = 1 << maxP;
        int size = n >> maxP;
        for (int p = 0; p < parts; p++) {
            partSums[p] = foldedSum(res, Math.max(order, p * size), (p + 1) * size);
        }
        long bestBits = Long.MAX_VALUE;
        int bestOrder = 0;
        for (int po = maxP; po >= 0; po--) {
            if (po < maxP) {
                for (int p = 0; p < 1 << po; p++) {
                    partSums[p] = partSums[2 * p] + partSums[2 * p + 1];
                }
            }
            long total = 0;
            boolean rice2 = false;
            for (int p = 0; p < 1 << po; p++) {
                int count = (n >> po) - (p == 0 ? order : 0);
                int k = riceParameter(partSums[p], count);
                rice2 |= k > 14;
                total += partitionBits(partSums[p], count, k);
            }
            total += (rice2 ? 5L : 4L) << po;
            if (total < bestBits) {
                bestBits = total;
                bestOrder = po;
            }
        }
        if (!write) {
            return 6 + bestBits;
        }
        // Recompute the chosen order's partition sums (the merge above overwrote them).
        int po = bestOrder;
        int pcount = 1 << po;
        int psize = n >> po;
        boolean rice2 = false;
        for (int p = 0; p < pcount; p++) {
            long sum = foldedSum(res, Math.max(order, p * psize), (p + 1) * psize);
            partSums[p] = sum;
            rice2 |= riceParameter(sum, psize - (p == 0 ? order : 0)) > 14;
        }
        bw.bits(rice2 ? 1 : 0, 2);
        bw.bits(po, 4);
        int paramBits = rice2 ? 5 : 4;
        for (int p = 0; p < pcount; p++) {
            int start = Math.max(order, p * psize);
            int end = (p + 1) * psize;
            int count = end - start;
            int k = riceParameter(partSums[p], count);
            if (partSums[p] == 0 && count > 9) {
                bw.bits((1 << paramBits) - 1, paramBits); // escape: raw samples of 0 bits
                bw.bits(0, 5);
                continue;
            }
            bw.bits(k, paramBits);
            for (int i = start; i < end; i++) {
                long v = res[i];
                bw.rice(v << 1 ^ v >> 63, k);
            }
        }
        return 6 + bestBits;
    }

    /** The sum of {@code res}[from, end) folded to unsigned (zigzag), as Rice codes them. */
    private static long foldedSum(long[] res, int from, int end) {
        long sum = 0;
        for (int i = from; i < end; i++) {
            long v = res[i];
            sum += v << 1 ^ v >> 63;
        }
        return sum;
    }

    /** The Rice parameter for {@code count} values summing to {@code sum}: about log2 of the mean. */
    private static int riceParameter(long sum, int count) {
        if (count == 0 || sum < count) {
            return 0;
        }
        int k = 63 - Long.numberOfLeadingZeros(sum / count);
        return Math.min(k, 30);
    }

    /** Bits of a partition (parameter excluded), estimated from the sum of its values. */
    private static long partitionBits(long sum, int count, int k) {
        if (sum == 0 && count > 9) {
            return 5;
        }
        return (long) count * (k + 1) + (sum >> k);
    }
}
