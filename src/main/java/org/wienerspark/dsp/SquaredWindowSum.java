package org.wienerspark.dsp;

import java.util.Arrays;

/**
 * The overlap-added squared window of an {@link Stft}, which its inverse divides by, and which
 * frames cover a track sample. Sums are taken over the frames in increasing order, so a sample
 * gets the same value whether a whole track or a block is inverted.
 */
final class SquaredWindowSum {

    private final int half;
    private final int hop;
    private final double[] windowSquared;
    /**
     * The sum at a sample covered by every frame it can be: it depends only on the sample modulo
     * hop (same terms, same order), so it is tabulated once.
     */
    private final double[] interior;
    /**
     * {@link #interior} for the channel count of the last call (a plan is shared between threads:
     * a racing thread at worst builds its own copy; the array is never written once published).
     */
    private volatile double[] interiorRows;

    SquaredWindowSum(int nFft, int hop, double[] window) {
        this.half = nFft / 2;
        this.hop = hop;
        this.windowSquared = new double[nFft];
        for (int n = 0; n < nFft; n++) {
            windowSquared[n] = window[n] * window[n];
        }
        this.interior = new double[hop];
        for (int r = 0; r < hop; r++) {
            // A sample p = r + j hop (any j: the frames are not clipped here); the sum in the
            // order at() adds it.
            int p = r + (nFft / hop + 2) * hop;
            interior[r] = sum(p, firstFrameAt(p), lastFrameAt(p));
        }
    }

    /** First frame whose window is nonzero at sample p (its offset p + half - t hop <= nFft - 1). */
    int firstFrameAt(int p) {
        return Math.floorDiv(p - half + hop, hop);
    }

    /** Last frame whose window is nonzero at sample p (offset >= 1, as w[0] = 0). */
    int lastFrameAt(int p) {
        return Math.floorDiv(p + half - 1, hop);
    }

    /**
     * Divides samples {@code [s0, s1)} of a track of {@code total} frames, {@code out} holding
     * them as {@code (s1 - s0, channels)}, by the sum at each sample.
     */
    void divide(double[] out, int channels, int s0, int s1, int total) {
        // Samples whose frames all exist (firstFrameAt(p) >= 0, lastFrameAt(p) < total) take
        // the tabulated sum; the others (a block's or track's first and last nFft/2 samples or
        // so) sum their frames.
        int interiorStart = Math.min(s1, Math.max(s0, half - hop));
        int interiorEnd = Math.max(interiorStart, (int) Math.min(s1, (long) total * hop - half + 1));
        divideEdge(out, channels, s0, s0, interiorStart, total);
        // Interior: runs of whole periods of the table, one contiguous division loop per run (no
        // remainder per sample; the same division as the edges, so bits do not change).
        double[] row = interiorRow(channels);
        int p = interiorStart;
        while (p < interiorEnd) {
            int r = p % hop;
            int run = Math.min(hop - r, interiorEnd - p);
            int o = (p - s0) * channels;
            int rc = r * channels;
            for (int i = 0, n = run * channels; i < n; i++) {
                out[o + i] /= row[rc + i];
            }
            p += run;
        }
        divideEdge(out, channels, s0, interiorEnd, s1, total);
    }

    private void divideEdge(double[] out, int channels, int s0, int from, int to, int total) {
        for (int p = from; p < to; p++) {
            double norm = at(p, total);
            int base = (p - s0) * channels;
            for (int c = 0; c < channels; c++) {
                out[base + c] /= norm;
            }
        }
    }

    /** {@link #interior} with each value repeated for the channels: (hop, channels). */
    private double[] interiorRow(int channels) {
        if (channels == 1) {
            return interior;
        }
        double[] cached = interiorRows;
        if (cached != null && cached.length == hop * channels) {
            return cached;
        }
        double[] row = new double[hop * channels];
        for (int r = 0; r < hop; r++) {
            Arrays.fill(row, r * channels, (r + 1) * channels, interior[r]);
        }
        interiorRows = row;
        return row;
    }

    /** The sum at track sample p, over the frames [0, total) in order. */
    double at(int p, int total) {
        return sum(p, Math.max(0, firstFrameAt(p)), Math.min(total - 1, lastFrameAt(p)));
    }

    private double sum(int p, int tLo, int tHi) {
        double sum = 0.0;
        for (int t = tLo; t <= tHi; t++) {
            sum += windowSquared[p + half - t * hop];
        }
        return sum;
    }
}
