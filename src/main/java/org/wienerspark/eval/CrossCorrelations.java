package org.wienerspark.eval;

import java.util.Arrays;

/**
 * The cross-correlations behind the distortion filters, for lags {@code -(L-1) .. L-1}: between
 * every pair of reference channels and between every reference channel and every estimate
 * channel, over the whole track. Channel {@code p = j * channels + c} is channel c of source j.
 *
 * <p>With {@code r_pq[k] = sum_n x_p[n + k] y_q[n]} (signals zero outside the track), the Gram
 * matrix of the delayed reference channels is exactly block Toeplitz:
 * {@code <x_p(. - a), x_q(. - b)> = r_qp[a - b]}, and the right-hand side is
 * {@code <x_p(. - d), e_q> = r_{p,e_q}[-d]}; so {@code 2L - 1} lags per pair give the whole
 * {@code (sources*channels*L)^2} matrix.
 *
 * <p>Computed by overlap-save in the frequency domain: the track is cut into blocks of
 * {@code B = F - 2(L-1)} samples; per block, each reference channel is transformed twice (the
 * block extended by {@code L-1} samples on each side, and the block alone zero-padded) and each
 * estimate channel once, with real FFTs of {@code F = 4096} points (all channels of a block in
 * one batched SIMD transform, {@link RealSpectra}), and the products
 * {@code X_ext * conj(Y_block)} are summed over blocks in the frequency domain. One inverse FFT
 * per pair at the end gives all lags: no wrap-around reaches lags below {@code L} since
 * {@code B + 2(L-1) = F}. This replaces one pair of FFTs of the track's length (2^21 points for
 * 30 s) per pair, and each block's FFTs are shared by all pairs.
 *
 * <p>Fed in order with {@link #add}, any chunk sizes, then {@link #finish()} once. Not
 * thread-safe.
 */
public final class CrossCorrelations {

    /** FFT size of the overlap-save blocks. */
    static final int FFT_SIZE = 4096;

    private final int sources;
    private final int channels;
    private final int taps;
    private final int signals;
    private final int size;
    private final int advance;
    private final int bins;
    private final RealSpectra fft;
    /** Per channel, samples {@code blockStart - (L-1) .. blockStart - (L-1) + F}, filled up to {@code fill}. */
    private final double[][] refTime;
    private final double[][] estTime;
    /**
     * Per block, the transforms' inputs as windows of the buffers above (no copies): the extended
     * references (whole buffers), then the references and the estimates alone (their samples
     * {@code L-1 .. L-1+B}, zero-padded); {@code blockOffset} and {@code blockValid} say which.
     */
    private final double[][] blockTime;
    private final int[] blockOffset;
    private final int[] blockValid;
    /** Their spectra, real and imaginary parts; same order. */
    private final double[][] blockRe;
    private final double[][] blockIm;
    /**
     * Spectra summed over blocks, real and imaginary parts: reference pairs p <= q (upper
     * triangle, row-major), then reference x estimate; after {@link #finish()}, the lags.
     */
    private final double[][] sumRe;
    private final double[][] sumIm;
    private final int refPairs;
    /** {@code identical[p * signals + q]} for q < p: reference channels p and q equal so far. */
    private final boolean[] identical;
    private final boolean[] refSounding;
    private final boolean[] estSounding;
    private int fill;
    private long blockStart;
    private long samples;
    private boolean finished;

    /**
     * An empty accumulator.
     *
     * @param sources  number of sources, {@code >= 1}
     * @param channels channels per source, {@code >= 1}
     * @param taps     filter length L, {@code 1 <= L <= 1024}
     */
    public CrossCorrelations(int sources, int channels, int taps) {
        if (sources < 1 || channels < 1 || taps < 1 || taps > 1024) {
            throw new IllegalArgumentException("need sources >= 1, channels >= 1 and 1 <= taps <= 1024, got sources="
                    + sources + ", channels=" + channels + ", taps=" + taps);
        }
        this.sources = sources;
        this.channels = channels;
        this.taps = taps;
        this.signals = sources * channels;
        this.size = FFT_SIZE;
        this.advance = size - 2 * (taps - 1);
        this.fft = new RealSpectra(size);
        this.bins = fft.bins();
        this.refTime = new double[signals][size];
        this.estTime = new double[signals][size];
        this.blockTime = new double[3 * signals][];
        this.blockOffset = new int[3 * signals];
        this.blockValid = new int[3 * signals];
        for (int p = 0; p < signals; p++) {
            blockTime[p] = refTime[p];
            blockValid[p] = size;
            blockTime[signals + p] = refTime[p];
            blockTime[2 * signals + p] = estTime[p];
            blockOffset[signals + p] = taps - 1;
            blockOffset[2 * signals + p] = taps - 1;
            blockValid[signals + p] = advance;
            blockValid[2 * signals + p] = advance;
        }
        this.blockRe = new double[3 * signals][bins];
        this.blockIm = new double[3 * signals][bins];
        this.refPairs = signals * (signals + 1) / 2;
        this.sumRe = new double[refPairs + signals * signals][bins];
        this.sumIm = new double[refPairs + signals * signals][bins];
        this.identical = new boolean[signals * signals];
        java.util.Arrays.fill(identical, true);
        this.refSounding = new boolean[sources];
        this.estSounding = new boolean[sources];
        this.fill = taps - 1;
    }

    public int sources() {
        return sources;
    }

    public int channels() {
        return channels;
    }

    /** Filter length L. */
    public int taps() {
        return taps;
    }

    /** Samples added so far. */
    public long samples() {
        return samples;
    }

    /**
     * Appends the next {@code frames} samples of the track. Shapes: references and estimates
     * {@code (sources, frames, channels)}; inputs, not modified.
     */
    public void add(double[] references, double[] estimates, int frames) {
        if (finished) {
            throw new IllegalStateException("add after finish");
        }
        long expected = (long) sources * frames * channels;
        if (frames < 0 || references.length < expected || estimates.length < expected) {
            throw new IllegalArgumentException("references and estimates must hold (sources=" + sources + ", frames="
                    + frames + ", channels=" + channels + ") values, got " + references.length + " and "
                    + estimates.length);
        }
        for (int j = 0; j < sources; j++) {
            if (!refSounding[j]) {
                refSounding[j] = !Silence.isSilent(references, frames, channels, j, 0, frames);
            }
            if (!estSounding[j]) {
                estSounding[j] = !Silence.isSilent(estimates, frames, channels, j, 0, frames);
            }
        }
        compareChannels(references, frames);
        int i = 0;
        while (i < frames) {
            int run = Math.min(frames - i, size - fill);
            for (int j = 0; j < sources; j++) {
                for (int c = 0; c < channels; c++) {
                    double[] rt = refTime[j * channels + c];
                    double[] et = estTime[j * channels + c];
                    int src = (j * frames + i) * channels + c;
                    for (int r = 0; r < run; r++, src += channels) {
                        rt[fill + r] = references[src];
                        et[fill + r] = estimates[src];
                    }
                }
            }
            fill += run;
            i += run;
            samples += run;
            if (fill == size) {
                processBlock();
            }
        }
    }

    /** Clears {@link #identical} for pairs of reference channels that differ in this chunk. */
    private void compareChannels(double[] references, int frames) {
        for (int p = 1; p < signals; p++) {
            for (int q = 0; q < p; q++) {
                if (!identical[p * signals + q]) {
                    continue;
                }
                int a = ((p / channels) * frames) * channels + p % channels;
                int b = ((q / channels) * frames) * channels + q % channels;
                for (int i = 0; i < frames; i++, a += channels, b += channels) {
                    if (Double.doubleToRawLongBits(references[a]) != Double.doubleToRawLongBits(references[b])) {
                        identical[p * signals + q] = false;
                        break;
                    }
                }
            }
        }
    }

    /** Ends the track: the last blocks are completed with zeros and all lags are computed. */
    public CrossCorrelations finish() {
        if (finished) {
            return this;
        }
        while (blockStart < samples) {
            for (int p = 0; p < signals; p++) {
                Arrays.fill(refTime[p], fill, size, 0.0);
                Arrays.fill(estTime[p], fill, size, 0.0);
            }
            fill = size;
            processBlock();
        }
        // Lag k sits at index k + L - 1 of each inverse transform.
        int lags = 2 * taps - 1;
        double[][] time = new double[sumRe.length][lags];
        fft.inverse(sumRe, sumIm, sumRe.length, time, lags);
        for (int i = 0; i < sumRe.length; i++) {
            sumRe[i] = time[i];
            sumIm[i] = null;
        }
        finished = true;
        return this;
    }

    /** Transforms the full buffers, accumulates every pair, then slides by one block. */
    private void processBlock() {
        fft.forward(blockTime, blockOffset, blockValid, 3 * signals, blockRe, blockIm);
        int pair = 0;
        for (int p = 0; p < signals; p++) {
            for (int q = p; q < signals; q++, pair++) {
                SpectralOps.addProductConj(sumRe[pair], sumIm[pair], blockRe[p], blockIm[p], blockRe[signals + q],
                        blockIm[signals + q], bins);
            }
            for (int q = 0; q < signals; q++) {
                int at = refPairs + p * signals + q;
                SpectralOps.addProductConj(sumRe[at], sumIm[at], blockRe[p], blockIm[p], blockRe[2 * signals + q],
                        blockIm[2 * signals + q], bins);
            }
        }
        for (int p = 0; p < signals; p++) {
            System.arraycopy(refTime[p], advance, refTime[p], 0, size - advance);
            System.arraycopy(estTime[p], advance, estTime[p], 0, size - advance);
        }
        fill = size - advance;
        blockStart += advance;
    }

    private void requireFinished() {
        if (!finished) {
            throw new IllegalStateException("call finish() first");
        }
    }

    /**
     * {@code r[k + L - 1] = sum_n x_p[n + k] x_q[n]} for reference channels p, q; the returned
     * array is shared, not to be modified. Shape (2L - 1).
     */
    double[] referenceLags(int p, int q) {
        requireFinished();
        if (p > q) {
            throw new IllegalArgumentException("stored for p <= q only, got p=" + p + ", q=" + q);
        }
        // Row p of the upper triangle starts after rows 0..p-1 of lengths signals, signals-1, ...
        int row = p * signals - p * (p - 1) / 2;
        return sumRe[row + (q - p)];
    }

    /**
     * {@code r[k + L - 1] = sum_n x_p[n + k] e_q[n]} for reference channel p and estimate channel
     * q; shared, not to be modified. Shape (2L - 1).
     */
    double[] estimateLags(int p, int q) {
        requireFinished();
        return sumRe[refPairs + p * signals + q];
    }

    /**
     * Whether reference channels p and q hold the same samples over the whole track (a mono
     * source stored as stereo, say): their correlations are then bitwise equal too.
     */
    public boolean identicalChannels(int p, int q) {
        requireFinished();
        return p == q || identical[Math.max(p, q) * signals + Math.min(p, q)];
    }

    /** Whether reference source j has a nonzero channel sum at some sample. */
    public boolean referenceSounds(int j) {
        return refSounding[j];
    }

    /** Whether estimate j has a nonzero channel sum at some sample. */
    public boolean estimateSounds(int j) {
        return estSounding[j];
    }
}
