package org.wienerspark.eval;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One entry point for the whole BSS Eval family: scores a track's estimates against its
 * references for a list of {@link MetricSet}s in one {@link EvalWindow}, optionally with a
 * permutation search and with the mixture as a baseline estimate.
 *
 * <p>Per set, exactly as its reference computes it:
 * <ul>
 * <li>{@code v4} (museval {@code bss_eval(framewise_filters=False)}): filters over the whole
 *     track, museval's framing ({@link Frames#museval}); with a permutation search, one
 *     permutation for the whole track (the best mean SIR over sources and frames), as museval.</li>
 * <li>{@code v3} (museval, {@code framewise_filters=True}): filters fitted in each frame,
 *     museval's framing, the permutation chosen per frame.</li>
 * <li>{@code images}, {@code sources} (mir_eval): filters per frame without diagonal load,
 *     mir_eval's framing ({@link Frames#mirEval}: fewer than two windows means the whole signal),
 *     the permutation per frame; {@code sources} scores each channel as its own signal.</li>
 * <li>{@code si} (fast_bss_eval's scale-invariant family, and SD-SDR): per channel and frame,
 *     museval's framing, the permutation (best SI-SIR) per channel and frame.</li>
 * <li>{@code sdr}: the MDX 2021 global SDR, one value per source; no permutation.</li>
 * </ul>
 * Silence: a reference or estimate silent over the whole track (its channel sum 0 at every
 * sample; per channel for {@code sources}) is refused with an {@link IllegalArgumentException}
 * by the filter-based sets, as museval and mir_eval refuse it. A frame in which any reference or
 * estimate is silent is NaN for every source; its permutation is the identity for museval's sets
 * (numpy's argmax over NaN means) and -1 (mir_eval's NaN) for {@code images}, {@code sources}
 * and {@code si}. SIR is +inf where nothing interferes (one source).
 *
 * <p>With a mixture, every set is also computed with the mixture as the estimate of every source
 * (without permutation search) and the improvement {@code metric(estimate) - metric(mixture)}
 * per reference ({@link Improvement}).
 */
public final class FamilyEvaluation {

    /** The filter length of every filter-based set (museval's default, mir_eval's constant). */
    public static final int FILTER_TAPS = BssEvalV4.FILTER_TAPS;

    private FamilyEvaluation() {
    }

    /**
     * What to compute.
     *
     * @param sets        metric sets, in output order, no duplicates
     * @param window      the window
     * @param permutation whether to search the assignment of estimates to references
     */
    public record Request(List<MetricSet> sets, EvalWindow window, boolean permutation) implements Serializable {

        private static final long serialVersionUID = 1L;

        public Request {
            sets = List.copyOf(sets);
            if (sets.isEmpty()) {
                throw new IllegalArgumentException("no metric set requested");
            }
            if (new LinkedHashSet<>(sets).size() != sets.size()) {
                throw new IllegalArgumentException("metric sets listed twice: " + sets);
            }
        }

        /** Sets parsed from a comma-separated list of ids ({@code v4,si}). */
        public static List<MetricSet> parse(String ids) {
            Set<MetricSet> out = new LinkedHashSet<>();
            for (String id : ids.split(",")) {
                if (!id.isBlank() && !out.add(MetricSet.of(id))) {
                    throw new IllegalArgumentException("metric set '" + id.trim() + "' listed twice in '" + ids + "'");
                }
            }
            return List.copyOf(out);
        }
    }

    /**
     * A track's scores.
     *
     * @param estimates   per requested set, the estimates' scores
     * @param mixture     per requested set, the mixture's scores (empty without a mixture)
     * @param improvement per requested set, estimates minus mixture (empty without a mixture)
     * @param notes       what a summary should say: solver paths that were not the fast one,
     *                    frames skipped as silent, windows replaced by the whole signal
     */
    public record TrackScores(List<SetScores> estimates, List<SetScores> mixture, List<SetScores> improvement,
                              List<String> notes) implements Serializable {

        private static final long serialVersionUID = 1L;
    }

    /**
     * Scores a track. Shapes: references and estimates (sources, samples, channels), mixture
     * (samples, channels) or null; inputs, not modified; estimates already of the references'
     * length ({@link PadOrTruncate}).
     *
     * @throws IllegalArgumentException for bad shapes, non-finite values, a whole-track silent
     *                                  source (filter-based sets), or more than
     *                                  {@link Permutations#MAX_SOURCES} sources with a permutation search
     */
    public static TrackScores evaluate(double[] references, double[] estimates, double[] mixture, int sources,
                                       int samples, int channels, Request request) {
        List<SetScores> est = new ArrayList<>();
        List<SetScores> mix = new ArrayList<>();
        List<SetScores> imp = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        double[] mixAsEstimates = null;
        if (mixture != null) {
            BssEvalV4.requireShape("mixture", mixture, (long) samples * channels, 1, samples, channels);
            mixAsEstimates = new double[sources * samples * channels];
            for (int j = 0; j < sources; j++) {
                System.arraycopy(mixture, 0, mixAsEstimates, j * samples * channels, samples * channels);
            }
        }
        for (MetricSet set : request.sets()) {
            SetScores s = score(set, references, estimates, sources, samples, channels, request.window(),
                    request.permutation());
            est.add(s);
            describe(s, "", samples, notes);
            if (mixAsEstimates != null) {
                SetScores m = score(set, references, mixAsEstimates, sources, samples, channels, request.window(),
                        false);
                mix.add(m);
                describe(m, "mixture ", samples, notes);
                imp.add(Improvement.of(s, m));
            }
        }
        return new TrackScores(List.copyOf(est), List.copyOf(mix), List.copyOf(imp), List.copyOf(notes));
    }

    private static void describe(SetScores s, String what, int samples, List<String> notes) {
        String id = s.set().id();
        String solver = s.solver() == null ? null : DistortionFilters.note(s.solver());
        if (solver != null) {
            notes.add(id + ": " + what + solver);
        }
        int skipped = 0;
        double[] first = s.values()[0];
        int frames = s.frames().count();
        for (int t = 0; t < frames; t++) {
            boolean all = true;
            for (int r = 0; r < s.sources() * s.groups() && all; r++) {
                all = Double.isNaN(first[r * frames + t]);
            }
            if (all) {
                skipped++;
            }
        }
        if (skipped > 0) {
            notes.add(id + ": " + what + skipped + " of " + frames + " frames NaN (a silent reference or estimate)");
        }
        Frames f = s.frames();
        if (f.window() > 0 && f.isWhole(samples) && f.window() < samples) {
            notes.add(id + ": fewer than two windows of " + f.window() + " samples fit; scored over the whole signal "
                    + "(mir_eval's rule)");
        }
    }

    /**
     * One metric set. Shapes as {@link #evaluate}; {@code estimates} may be the mixture repeated.
     */
    public static SetScores score(MetricSet set, double[] references, double[] estimates, int sources, int samples,
                                  int channels, EvalWindow window, boolean permutation) {
        long size = (long) sources * samples * channels;
        if (sources < 1 || samples < 1 || channels < 1) {
            throw new IllegalArgumentException("need sources, samples and channels >= 1, got (" + sources + ", "
                    + samples + ", " + channels + ")");
        }
        BssEvalV4.requireShape("references", references, size, sources, samples, channels);
        BssEvalV4.requireShape("estimates", estimates, size, sources, samples, channels);
        boolean search = permutation && set.permutable() && sources > 1;
        if (search && sources > Permutations.MAX_SOURCES) {
            throw new IllegalArgumentException("the permutation search is limited to " + Permutations.MAX_SOURCES
                    + " sources, got " + sources);
        }
        Frames frames = window.frames(set, samples);
        return switch (set) {
            case V4 -> search ? filterSet(set, references, estimates, sources, samples, channels, frames, true)
                    : v4(references, estimates, sources, samples, channels, frames);
            case V3, IMAGES -> filterSet(set, references, estimates, sources, samples, channels, frames, search);
            case SOURCES -> perChannel(set, references, estimates, sources, samples, channels, frames, search);
            case SI -> perChannel(set, references, estimates, sources, samples, channels, frames, search);
            case SDR -> global(references, estimates, sources, samples, channels);
        };
    }

    private static SetScores v4(double[] refs, double[] ests, int sources, int samples, int channels, Frames frames) {
        int win = frames.window() > 0 ? frames.window() : samples;
        int hop = frames.hop() > 0 ? frames.hop() : samples;
        // score() has checked the inputs; the global SDR is the set SDR's, not computed here.
        TrackMetrics m = BssEvalV4.evaluateChecked(refs, ests, sources, samples, channels, win, hop, FILTER_TAPS,
                null);
        double[][] values = {m.sdr(), m.isr(), m.sir(), m.sar()};
        return new SetScores(MetricSet.V4, frames, sources, 1, MetricSet.V4.metrics(), values,
                identity(sources, 1, frames.count()), m.solver());
    }

    private static SetScores global(double[] refs, double[] ests, int sources, int samples, int channels) {
        double[] v = GlobalSdr.of(refs, ests, sources, samples, channels);
        return new SetScores(MetricSet.SDR, Frames.full(samples), sources, 1, MetricSet.SDR.metrics(),
                new double[][] {v}, identity(sources, 1, 1), null);
    }

    /**
     * v4 with a permutation search, v3 and images over (sources, samples, channels); sources over
     * one channel at a time (channels = 1). Values (sources, frames).
     */
    private static SetScores filterSet(MetricSet set, double[] refs, double[] ests, int sources, int samples,
                                       int channels, Frames frames, boolean search) {
        requireSounding(refs, ests, sources, samples, channels, set == MetricSet.SOURCES ? "" : null, -1);
        boolean museval = set == MetricSet.V4 || set == MetricSet.V3;
        double load = museval ? DistortionFilters.DIAGONAL_LOAD : 0.0;
        PairDecomposition.Criteria criteria = set == MetricSet.SOURCES ? PairDecomposition.Criteria.SOURCES
                : PairDecomposition.Criteria.IMAGES;
        int n = frames.count();
        double[][] tables = new double[n][];
        String solver = null;
        PairDecomposition whole = null;
        if (set == MetricSet.V4) {
            CrossCorrelations xc = new CrossCorrelations(sources, channels, FILTER_TAPS);
            xc.add(refs, ests, samples);
            whole = new PairDecomposition(xc.finish(), load, true);
            solver = whole.solver();
        }
        for (int t = 0; t < n; t++) {
            int from = frames.start(t);
            int len = frames.length(t);
            if (Silence.anySilent(refs, sources, samples, channels, from, from + len)
                    || Silence.anySilent(ests, sources, samples, channels, from, from + len)) {
                continue;
            }
            double[] r = BssEvalV4.slice(refs, sources, samples, channels, from, len);
            double[] e = BssEvalV4.slice(ests, sources, samples, channels, from, len);
            PairDecomposition d = whole;
            if (d == null) {
                CrossCorrelations xc = new CrossCorrelations(sources, channels, FILTER_TAPS);
                xc.add(r, e, len);
                d = new PairDecomposition(xc.finish(), load, search);
                solver = solver == null ? d.solver() : PairDecomposition.worse(solver, d.solver());
            }
            tables[t] = d.score(r, e, len, criteria);
        }
        int metrics = set.metrics().size();
        double[][] values = new double[metrics][sources * n];
        int[] perm = new int[sources * n];
        int[] global = null;
        if (set == MetricSet.V4) {
            double[][] sirs = new double[n][];
            for (int t = 0; t < n; t++) {
                sirs[t] = tables[t] != null ? sirTable(tables[t], sources) : nanTable(sources);
            }
            global = Permutations.best(sirs, sources);
        }
        for (int t = 0; t < n; t++) {
            int[] p;
            if (global != null) {
                p = global;
            } else if (tables[t] == null) {
                p = museval ? identity(sources) : null;
            } else {
                p = search ? Permutations.best(sirTable(tables[t], sources), sources) : identity(sources);
            }
            for (int j = 0; j < sources; j++) {
                perm[j * n + t] = p == null ? -1 : p[j];
                for (int m = 0; m < metrics; m++) {
                    int row = criteria == PairDecomposition.Criteria.SOURCES && m > 0 ? m + 1 : m;
                    values[m][j * n + t] = tables[t] == null || p == null ? Double.NaN
                            : tables[t][(row * sources + j) * sources + p[j]];
                }
            }
        }
        return new SetScores(set, frames, sources, 1, set.metrics(), values, perm, solver);
    }

    /** sources and si: each channel scored as a single-channel signal; values (sources, channels, frames). */
    private static SetScores perChannel(MetricSet set, double[] refs, double[] ests, int sources, int samples,
                                        int channels, Frames frames, boolean search) {
        int n = frames.count();
        int metrics = set.metrics().size();
        double[][] values = new double[metrics][sources * channels * n];
        int[] perm = new int[sources * channels * n];
        String solver = null;
        for (int c = 0; c < channels; c++) {
            double[] r = channel(refs, sources, samples, channels, c);
            double[] e = channel(ests, sources, samples, channels, c);
            SetScores one;
            if (set == MetricSet.SOURCES) {
                requireSounding(r, e, sources, samples, 1, " channel " + c, c);
                one = filterSet(set, r, e, sources, samples, 1, frames, search);
                solver = solver == null ? one.solver()
                        : one.solver() == null ? solver : PairDecomposition.worse(solver, one.solver());
            } else {
                one = scaleInvariant(r, e, sources, samples, frames, search);
            }
            for (int j = 0; j < sources; j++) {
                for (int t = 0; t < n; t++) {
                    int at = (j * channels + c) * n + t;
                    perm[at] = one.permutation()[j * n + t];
                    for (int m = 0; m < metrics; m++) {
                        values[m][at] = one.values()[m][j * n + t];
                    }
                }
            }
        }
        return new SetScores(set, frames, sources, channels, set.metrics(), values, perm, solver);
    }

    /** The scale-invariant family of single-channel signals (sources, samples, 1); values (sources, frames). */
    private static SetScores scaleInvariant(double[] refs, double[] ests, int sources, int samples, Frames frames,
                                            boolean search) {
        int n = frames.count();
        double[][] values = new double[4][sources * n];
        int[] perm = new int[sources * n];
        int s2 = sources * sources;
        for (int t = 0; t < n; t++) {
            int from = frames.start(t);
            int len = frames.length(t);
            if (Silence.anySilent(refs, sources, samples, 1, from, from + len)
                    || Silence.anySilent(ests, sources, samples, 1, from, from + len)) {
                for (int j = 0; j < sources; j++) {
                    perm[j * n + t] = -1;
                    for (int m = 0; m < 4; m++) {
                        values[m][j * n + t] = Double.NaN;
                    }
                }
                continue;
            }
            double[] table = ScaleInvariant.score(refs, ests, sources, samples, 1, 0, from, len);
            int[] p = search ? Permutations.best(Arrays.copyOfRange(table, s2, 2 * s2), sources) : identity(sources);
            for (int j = 0; j < sources; j++) {
                perm[j * n + t] = p[j];
                for (int m = 0; m < 4; m++) {
                    values[m][j * n + t] = table[(m * sources + j) * sources + p[j]];
                }
            }
        }
        return new SetScores(MetricSet.SI, frames, sources, 1, MetricSet.SI.metrics(), values, perm, null);
    }

    /** museval's and mir_eval's input validation: no source silent over the whole signal. */
    private static void requireSounding(double[] refs, double[] ests, int sources, int samples, int channels,
                                        String where, int channel) {
        for (int j = 0; j < sources; j++) {
            String at = where == null || where.isEmpty() ? "" : where;
            if (Silence.isSilent(refs, samples, channels, j, 0, samples)) {
                throw new IllegalArgumentException("reference source " + j + at + " is silent over the whole track; "
                        + "BSS Eval cannot score it (museval and mir_eval refuse it too)");
            }
            if (Silence.isSilent(ests, samples, channels, j, 0, samples)) {
                throw new IllegalArgumentException("estimate " + j + at + " is silent over the whole track; "
                        + "BSS Eval cannot score it (museval and mir_eval refuse it too)");
            }
        }
    }

    /** Channel c of (sources, samples, channels) as (sources, samples, 1). */
    static double[] channel(double[] x, int sources, int samples, int channels, int c) {
        if (channels == 1) {
            return x;
        }
        double[] out = new double[sources * samples];
        for (int i = 0, src = c; i < out.length; i++, src += channels) {
            out[i] = x[src];
        }
        return out;
    }

    /** The SIR rows (reference j, estimate k) of a (4, sources, sources) table. */
    private static double[] sirTable(double[] table, int sources) {
        int s2 = sources * sources;
        return Arrays.copyOfRange(table, 2 * s2, 3 * s2);
    }

    private static double[] nanTable(int sources) {
        double[] t = new double[sources * sources];
        Arrays.fill(t, Double.NaN);
        return t;
    }

    private static int[] identity(int sources) {
        int[] p = new int[sources];
        for (int j = 0; j < sources; j++) {
            p[j] = j;
        }
        return p;
    }

    private static int[] identity(int sources, int groups, int frames) {
        int[] p = new int[sources * groups * frames];
        for (int j = 0; j < sources; j++) {
            for (int i = 0; i < groups * frames; i++) {
                p[j * groups * frames + i] = j;
            }
        }
        return p;
    }
}
