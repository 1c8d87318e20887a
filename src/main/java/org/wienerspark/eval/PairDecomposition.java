package org.wienerspark.eval;

import java.util.Arrays;

/**
 * The BSS Eval decomposition [1] of estimates against references over one segment, for every
 * (reference, estimate) pair a permutation search needs or only the matched pairs, with
 * distortion filters fitted by museval's or mir_eval's convention. Shared by the filter-based
 * sets ({@link MetricSet#V3}, {@link MetricSet#IMAGES}, {@link MetricSet#SOURCES}, and
 * {@link MetricSet#V4} with a permutation search).
 *
 * <p>Estimate k is projected on the delayed channels of all references (interference filters
 * {@code C_k}, fitted once per estimate) and on those of reference j alone (spatial filters
 * {@code C_jk}); with {@code s} reference j, {@code e_spat = P_jk - s},
 * {@code e_interf = P_k - s - e_spat}, {@code e_artif = s_hat - s - e_spat - e_interf}. The image
 * criteria (bss_eval_images, museval) and the source criteria (bss_eval_sources, where the
 * filtered reference {@code s + e_spat} is the target) are then energy ratios in dB, +inf for a
 * zero denominator.
 *
 * <p>Projections by overlap-add with 4096-point real FFTs in batched SIMD calls
 * ({@link RealSpectra}): per block, the reference channels in one forward call, and all of an
 * estimate's projections (interference, and spatial for each reference paired with it) in one
 * inverse call; the segment's reference spectra kept across estimates when they fit in
 * {@link #SPECTRA_CACHE} doubles. Not thread-safe.
 */
final class PairDecomposition {

    /** Which energy ratios a pair gets. */
    enum Criteria {
        /** SDR, ISR, SIR, SAR of the true source image (museval, bss_eval_images). */
        IMAGES,
        /** SDR, SIR, SAR of the filtered true source (bss_eval_sources); ISR is NaN. */
        SOURCES
    }

    /** Largest reference-spectra cache, in doubles (32 MB). */
    static final int SPECTRA_CACHE = 4 << 20;

    private static final int FFT_SIZE = 4096;

    private final int sources;
    private final int channels;
    private final int taps;
    private final int signals;
    private final int block;
    private final boolean allPairs;
    private final String solver;
    private final RealSpectra fft = new RealSpectra(FFT_SIZE);
    private final int bins = fft.bins();
    /** Interference filter spectra (real, imaginary), index {@code (k * signals + p) * channels + c}. */
    private final double[][] allRe;
    private final double[][] allIm;
    /** Spatial filter spectra, index {@code ((j * sources + k) * channels + cj) * channels + c}; null if unused. */
    private final double[][] ownRe;
    private final double[][] ownIm;

    /**
     * Fits the filters from finished correlations (of the segment, or of the whole track for
     * time-invariant filters).
     *
     * @param load     diagonal load of the normal equations: museval's
     *                 {@link DistortionFilters#DIAGONAL_LOAD}, or 0 for mir_eval
     * @param allPairs spatial filters for every (reference, estimate) pair, else only (j, j)
     */
    PairDecomposition(CrossCorrelations xc, double load, boolean allPairs) {
        this.sources = xc.sources();
        this.channels = xc.channels();
        this.taps = xc.taps();
        this.signals = sources * channels;
        this.block = FFT_SIZE - taps + 1;
        this.allPairs = allPairs;
        int[] all = range(0, signals);
        NormalEquations.Solution interference = NormalEquations.solve(xc, all, all, load, true);
        String path = interference.solver();
        double[][] allTaps = new double[sources * signals * channels][];
        for (int k = 0; k < sources; k++) {
            for (int p = 0; p < signals; p++) {
                for (int c = 0; c < channels; c++) {
                    allTaps[(k * signals + p) * channels + c] = filter(interference.x(), p, signals, k * channels + c);
                }
            }
        }
        allRe = new double[allTaps.length][bins];
        allIm = new double[allTaps.length][bins];
        fft.forward(allTaps, allTaps.length, allRe, allIm);
        double[][] ownTaps = new double[sources * sources * channels * channels][];
        for (int j = 0; j < sources; j++) {
            int[] own = range(j * channels, channels);
            NormalEquations.Solution spatial = NormalEquations.solve(xc, own, allPairs ? all : own, load, true);
            path = worse(path, spatial.solver());
            int cols = allPairs ? signals : channels;
            for (int k = 0; k < sources; k++) {
                if (!allPairs && k != j) {
                    continue;
                }
                int colBase = allPairs ? k * channels : 0;
                for (int cj = 0; cj < channels; cj++) {
                    for (int c = 0; c < channels; c++) {
                        ownTaps[((j * sources + k) * channels + cj) * channels + c] =
                                filter(spatial.x(), cj, cols, colBase + c);
                    }
                }
            }
        }
        // Pairs not fitted stay null: transformed as zero filters, never read.
        double[] zero = new double[FFT_SIZE];
        for (int i = 0; i < ownTaps.length; i++) {
            if (ownTaps[i] == null) {
                ownTaps[i] = zero;
            }
        }
        ownRe = new double[ownTaps.length][bins];
        ownIm = new double[ownTaps.length][bins];
        fft.forward(ownTaps, ownTaps.length, ownRe, ownIm);
        this.solver = path;
    }

    /** The solver path of the least favourable system (see {@link DistortionFilters#solver()}). */
    String solver() {
        return solver;
    }

    /** The path to report when two systems took different ones: the later in the fallback chain. */
    static String worse(String a, String b) {
        return DistortionFilters.rank(b) > DistortionFilters.rank(a) ? b : a;
    }

    private static int[] range(int from, int count) {
        int[] r = new int[count];
        for (int i = 0; i < count; i++) {
            r[i] = from + i;
        }
        return r;
    }

    /** The filter in column {@code col} of input channel p of a (inputs * L, cols) solution, zero-padded. */
    private double[] filter(double[] x, int p, int cols, int col) {
        double[] h = new double[FFT_SIZE];
        for (int d = 0; d < taps; d++) {
            h[d] = x[(p * taps + d) * cols + col];
        }
        return h;
    }

    /**
     * Scores the segment. Shapes: references and estimates (sources, n, channels), inputs, not
     * modified. Returns (4, sources, sources): metric m (SDR, ISR, SIR, SAR) of reference j
     * against estimate k at {@code (m * sources + j) * sources + k}; NaN for pairs not fitted.
     */
    double[] score(double[] references, double[] estimates, int n, Criteria criteria) {
        int outLen = n + taps - 1;
        int blocks = (n + block - 1) / block;
        boolean cached = (long) blocks * signals * 2 * bins <= SPECTRA_CACHE;
        double[][][] cacheRe = cached ? new double[blocks][][] : null;
        double[][][] cacheIm = cached ? new double[blocks][][] : null;
        double[] out = new double[4 * sources * sources];
        Arrays.fill(out, Double.NaN);
        double[] all = new double[outLen * channels];
        double[][] own = new double[sources][];
        for (int j = 0; j < sources; j++) {
            own[j] = new double[outLen * channels];
        }
        Scratch scratch = new Scratch();
        for (int k = 0; k < sources; k++) {
            project(references, n, k, all, own, cacheRe, cacheIm, scratch);
            for (int j = 0; j < sources; j++) {
                if (!allPairs && j != k) {
                    continue;
                }
                energies(references, estimates, n, j, k, all, own[j], criteria, out);
            }
        }
        return out;
    }

    /** Per-call buffers of {@link #project}. */
    private final class Scratch {
        final double[][] time = new double[signals][FFT_SIZE];
        final double[][] re = new double[signals][bins];
        final double[][] im = new double[signals][bins];
        /** Projections of a block: interference (channels), then spatial per paired reference (channels each). */
        final double[][] outRe = new double[(1 + sources) * channels][bins];
        final double[][] outIm = new double[(1 + sources) * channels][bins];
        final double[][] output = new double[(1 + sources) * channels][FFT_SIZE];
    }

    /**
     * Projections of the segment's references on estimate k's filters: all references through
     * its interference filters into {@code all}, and reference j through its spatial filters into
     * {@code own[j]} for each j paired with k. Outputs (n + L - 1, channels), overwritten.
     */
    private void project(double[] references, int n, int k, double[] all, double[][] own, double[][][] cacheRe,
                         double[][][] cacheIm, Scratch scratch) {
        int outLen = n + taps - 1;
        Arrays.fill(all, 0, outLen * channels, 0.0);
        for (int j = 0; j < sources; j++) {
            if (allPairs || j == k) {
                Arrays.fill(own[j], 0, outLen * channels, 0.0);
            }
        }
        for (int b = 0, start = 0; start < n; b++, start += block) {
            int len = Math.min(block, n - start);
            double[][] re = cacheRe != null ? cacheRe[b] : null;
            double[][] im = cacheIm != null ? cacheIm[b] : null;
            if (re == null) {
                re = cacheRe != null ? new double[signals][bins] : scratch.re;
                im = cacheIm != null ? new double[signals][bins] : scratch.im;
                for (int p = 0; p < signals; p++) {
                    double[] x = scratch.time[p];
                    int src = ((p / channels) * n + start) * channels + p % channels;
                    for (int i = 0; i < len; i++, src += channels) {
                        x[i] = references[src];
                    }
                    Arrays.fill(x, len, FFT_SIZE, 0.0);
                }
                fft.forward(scratch.time, signals, re, im);
                if (cacheRe != null) {
                    cacheRe[b] = re;
                    cacheIm[b] = im;
                }
            }
            int outputs = 0;
            for (int c = 0; c < channels; c++, outputs++) {
                double[] sr = scratch.outRe[outputs];
                double[] si = scratch.outIm[outputs];
                Arrays.fill(sr, 0.0);
                Arrays.fill(si, 0.0);
                for (int p = 0; p < signals; p++) {
                    int f = (k * signals + p) * channels + c;
                    SpectralOps.addProduct(sr, si, re[p], im[p], allRe[f], allIm[f], bins);
                }
            }
            for (int j = 0; j < sources; j++) {
                if (!allPairs && j != k) {
                    continue;
                }
                for (int c = 0; c < channels; c++, outputs++) {
                    double[] sr = scratch.outRe[outputs];
                    double[] si = scratch.outIm[outputs];
                    Arrays.fill(sr, 0.0);
                    Arrays.fill(si, 0.0);
                    for (int cj = 0; cj < channels; cj++) {
                        int f = ((j * sources + k) * channels + cj) * channels + c;
                        SpectralOps.addProduct(sr, si, re[j * channels + cj], im[j * channels + cj], ownRe[f], ownIm[f],
                                bins);
                    }
                }
            }
            int span = len + taps - 1;
            fft.inverse(scratch.outRe, scratch.outIm, outputs, scratch.output, span);
            outputs = 0;
            for (int c = 0; c < channels; c++, outputs++) {
                overlapAdd(all, scratch.output[outputs], start, c, span);
            }
            for (int j = 0; j < sources; j++) {
                if (!allPairs && j != k) {
                    continue;
                }
                for (int c = 0; c < channels; c++, outputs++) {
                    overlapAdd(own[j], scratch.output[outputs], start, c, span);
                }
            }
        }
    }

    private void overlapAdd(double[] out, double[] y, int start, int c, int span) {
        int dst = start * channels + c;
        for (int i = 0; i < span; i++, dst += channels) {
            out[dst] += y[i];
        }
    }

    /** The energy ratios of reference j against estimate k, written into the (4, sources, sources) table. */
    private void energies(double[] references, double[] estimates, int n, int j, int k, double[] all, double[] own,
                          Criteria criteria, double[] out) {
        int outLen = n + taps - 1;
        int refBase = j * n * channels;
        int estBase = k * n * channels;
        int inEnd = n * channels;
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        double a4 = 0;
        double a5 = 0;
        double a6 = 0;
        for (int i = 0, end = outLen * channels; i < end; i++) {
            double s = i < inEnd ? references[refBase + i] : 0.0;
            double e = i < inEnd ? estimates[estBase + i] : 0.0;
            double eSpat = own[i] - s;
            double eInterf = all[i] - s - eSpat;
            double eArtif = -s - eSpat - eInterf + e;
            if (criteria == Criteria.IMAGES) {
                double eTotal = eSpat + eInterf + eArtif;
                double sImage = s + eSpat;
                double sTarget = s + eSpat + eInterf;
                a0 += s * s;
                a1 += eTotal * eTotal;
                a2 += eSpat * eSpat;
                a3 += sImage * sImage;
                a4 += eInterf * eInterf;
                a5 += sTarget * sTarget;
                a6 += eArtif * eArtif;
            } else {
                double sFilt = s + eSpat;
                double noise = eInterf + eArtif;
                double target = sFilt + eInterf;
                a0 += sFilt * sFilt;
                a1 += noise * noise;
                a4 += eInterf * eInterf;
                a5 += target * target;
                a6 += eArtif * eArtif;
            }
        }
        int s2 = sources * sources;
        int at = j * sources + k;
        if (criteria == Criteria.IMAGES) {
            out[at] = BssEvalV4.decibels(a0, a1);
            out[s2 + at] = BssEvalV4.decibels(a0, a2);
            out[2 * s2 + at] = BssEvalV4.decibels(a3, a4);
            out[3 * s2 + at] = BssEvalV4.decibels(a5, a6);
        } else {
            out[at] = BssEvalV4.decibels(a0, a1);
            out[2 * s2 + at] = BssEvalV4.decibels(a0, a4);
            out[3 * s2 + at] = BssEvalV4.decibels(a5, a6);
        }
    }
}
