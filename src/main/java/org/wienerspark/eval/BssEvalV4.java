package org.wienerspark.eval;

import java.util.Arrays;

/**
 * BSSEval v4 image metrics [1, 2] exactly as museval's
 * {@code bss_eval(references, estimates, window, hop, compute_permutation=False, filters_len=512,
 * framewise_filters=False, bsseval_sources_version=False)} computes them, the call behind
 * {@code museval.evaluate(mode="v4")} for MUSDB18.
 *
 * <p>With distortion filters fitted over the whole track ({@link DistortionFilters}), each frame
 * decomposes estimate j, zero-padded by L-1 samples, into the true image s (reference j, padded),
 * the spatial error {@code e_spat = P_j - s}, the interference {@code e_interf = P_all - s - e_spat}
 * and the artifacts {@code e_artif = s_hat - s - e_spat - e_interf}, where the projections use
 * only the frame's reference samples ({@link Projections}). Then, sums over samples and channels:
 * {@code SDR = |s|^2 / |e_spat + e_interf + e_artif|^2}, {@code ISR = |s|^2 / |e_spat|^2},
 * {@code SIR = |s + e_spat|^2 / |e_interf|^2},
 * {@code SAR = |s + e_spat + e_interf|^2 / |e_artif|^2}, in dB, +inf for a zero denominator.
 * A frame where any reference or any estimate is silent ({@link Silence}) is NaN for every source.
 *
 * <p>One instance scores the frames of one track; not thread-safe (scratch buffers).
 */
public final class BssEvalV4 {

    /** museval's default filter length, in samples. */
    public static final int FILTER_TAPS = 512;

    private final DistortionFilters filters;
    private final Projections projections;
    private final int sources;
    private final int channels;
    /** Per source, the seven energies of {@link Projections#energies}. */
    private final double[] sums;

    /** A scorer for the frames of the track whose filters these are. */
    public BssEvalV4(DistortionFilters filters) {
        this.filters = filters;
        this.projections = new Projections(filters);
        this.sources = filters.sources();
        this.channels = filters.channels();
        this.sums = new double[7 * sources];
    }

    public DistortionFilters filters() {
        return filters;
    }

    /**
     * Scores one frame from its own samples. Shapes: references and estimates
     * (sources, n, channels), inputs, not modified -> (4, sources), rows SDR, ISR, SIR, SAR
     * in {@link Metric} order.
     */
    public double[] scoreFrame(double[] references, double[] estimates, int n) {
        int size = sources * n * channels;
        if (n < 1 || references.length < size || estimates.length < size) {
            throw new IllegalArgumentException("a frame must hold (sources=" + sources + ", n=" + n + ", channels="
                    + channels + ") values with n >= 1, got " + references.length + " and " + estimates.length);
        }
        return scoreFrame(references, estimates, n, 0, n);
    }

    /**
     * {@link #scoreFrame(double[], double[], int)} of samples {@code [from, from + n)} of whole
     * tracks (sources, samples, channels), read in place instead of sliced out.
     */
    double[] scoreFrame(double[] references, double[] estimates, int samples, int from, int n) {
        double[] out = new double[4 * sources];
        if (Silence.anySilent(references, sources, samples, channels, from, from + n)
                || Silence.anySilent(estimates, sources, samples, channels, from, from + n)) {
            Arrays.fill(out, Double.NaN);
            return out;
        }
        projections.energies(references, estimates, samples, from, n, sums);
        for (int j = 0; j < sources; j++) {
            double sTrue = sums[7 * j];
            out[Metric.SDR.ordinal() * sources + j] = decibels(sTrue, sums[7 * j + 1]);
            out[Metric.ISR.ordinal() * sources + j] = decibels(sTrue, sums[7 * j + 2]);
            out[Metric.SIR.ordinal() * sources + j] = decibels(sums[7 * j + 3], sums[7 * j + 4]);
            out[Metric.SAR.ordinal() * sources + j] = decibels(sums[7 * j + 5], sums[7 * j + 6]);
        }
        return out;
    }

    /** {@code 10 log10(num / den)}, +inf when den is 0 (museval's rule, also for 0/0). */
    static double decibels(double num, double den) {
        return den == 0 ? Double.POSITIVE_INFINITY : 10 * Math.log10(num / den);
    }

    /**
     * BSSEval v4 and the global SDR of whole signals, estimates already of the references'
     * length (see {@link PadOrTruncate}).
     * Shapes: references and estimates (sources, samples, channels), inputs, not modified.
     *
     * @param win window in samples (museval: {@code int(win_seconds * rate)})
     * @param hop hop in samples
     * @throws IllegalArgumentException for bad shapes or non-finite values (naming the argument
     *                                  and index), or a source silent over the whole track
     */
    public static TrackMetrics evaluate(double[] references, double[] estimates, int sources, int samples,
                                        int channels, int win, int hop) {
        return evaluate(references, estimates, sources, samples, channels, win, hop, FILTER_TAPS);
    }

    /**
     * {@link #evaluate(double[], double[], int, int, int, int, int)} with another filter length
     * ({@code filters_len}), {@code 1 <= taps <= 1024}.
     */
    public static TrackMetrics evaluate(double[] references, double[] estimates, int sources, int samples,
                                        int channels, int win, int hop, int taps) {
        long size = (long) sources * samples * channels;
        if (sources < 1 || samples < 1 || channels < 1) {
            throw new IllegalArgumentException("need sources, samples and channels >= 1, got (" + sources + ", "
                    + samples + ", " + channels + ")");
        }
        requireShape("references", references, size, sources, samples, channels);
        requireShape("estimates", estimates, size, sources, samples, channels);
        return evaluateChecked(references, estimates, sources, samples, channels, win, hop, taps,
                GlobalSdr.of(references, estimates, sources, samples, channels));
    }

    /**
     * {@link #evaluate(double[], double[], int, int, int, int, int, int)} of inputs whose shapes and
     * values the caller has already checked (one pass over every sample fewer), with the global SDR
     * the caller computed, or null (callers that report it as a set of its own).
     */
    static TrackMetrics evaluateChecked(double[] references, double[] estimates, int sources, int samples,
                                        int channels, int win, int hop, int taps, double[] global) {
        Framing framing = new Framing(win, hop, samples);
        CrossCorrelations xc = new CrossCorrelations(sources, channels, taps);
        xc.add(references, estimates, samples);
        BssEvalV4 scorer = new BssEvalV4(DistortionFilters.fit(xc.finish()));
        int frames = framing.count();
        double[][] metrics = new double[4][sources * frames];
        for (int t = 0; t < frames; t++) {
            int from = framing.start(t);
            int n = framing.end(t) - from;
            double[] scores = scorer.scoreFrame(references, estimates, samples, from, n);
            for (int m = 0; m < 4; m++) {
                for (int j = 0; j < sources; j++) {
                    metrics[m][j * frames + t] = scores[m * sources + j];
                }
            }
        }
        return new TrackMetrics(framing, sources, metrics[0], metrics[1], metrics[2], metrics[3], global,
                scorer.filters().solver());
    }

    /** Samples {@code [from, from + n)} of every source. Shape (sources, samples, channels) -> (sources, n, channels). */
    static double[] slice(double[] x, int sources, int samples, int channels, int from, int n) {
        double[] out = new double[sources * n * channels];
        for (int j = 0; j < sources; j++) {
            System.arraycopy(x, (j * samples + from) * channels, out, j * n * channels, n * channels);
        }
        return out;
    }

    /**
     * Whether every value is finite, without a branch per value: {@code x * 0} is 0 for a finite
     * x and NaN otherwise, so four running sums of it (independent, to keep the pipeline full)
     * end NaN exactly when some value is not finite. The input check runs over every sample of
     * both signals; this makes it a fraction of the per-value test's cost.
     */
    static boolean allFinite(double[] x) {
        double a0 = 0;
        double a1 = 0;
        double a2 = 0;
        double a3 = 0;
        int i = 0;
        for (int end = x.length - 3; i < end; i += 4) {
            a0 += x[i] * 0.0;
            a1 += x[i + 1] * 0.0;
            a2 += x[i + 2] * 0.0;
            a3 += x[i + 3] * 0.0;
        }
        for (; i < x.length; i++) {
            a0 += x[i] * 0.0;
        }
        return a0 + a1 + a2 + a3 == 0.0;
    }

    static void requireShape(String name, double[] x, long size, int sources, int samples, int channels) {
        if (x == null || x.length != size) {
            throw new IllegalArgumentException(name + " must have shape (sources=" + sources + ", samples=" + samples
                    + ", channels=" + channels + ") = " + size + " values, got " + (x == null ? "null" : x.length));
        }
        if (allFinite(x)) {
            return;
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                int c = i % channels;
                int t = (i / channels) % samples;
                throw new IllegalArgumentException(name + " has a non-finite value " + x[i] + " at (" + (i / channels
                        / samples) + ", " + t + ", " + c + ")");
            }
        }
    }
}
