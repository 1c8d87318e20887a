package org.wienerspark.evaluation;

import java.io.Closeable;
import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.eval.BssEvalV4;
import org.wienerspark.eval.CrossCorrelations;
import org.wienerspark.eval.DistortionFilters;
import org.wienerspark.eval.FamilyEvaluation;
import org.wienerspark.eval.Framing;
import org.wienerspark.eval.GlobalSdr;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.eval.PadOrTruncate;
import org.wienerspark.eval.SetScores;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioReader;
import org.wienerspark.spark.Failure;

/**
 * The two steps of scoring a track, each run in a task and streaming the track's files.
 * {@link #fit}: one pass in chunks feeds the cross-correlations and the global SDR, then the
 * distortion filters are solved (memory: the Gram matrix, {@code (targets * channels * 512)^2}
 * doubles, and a chunk, whatever the track's length). {@link #scoreFrames}: a range of windows is
 * read and scored with those filters, so the windows of a long track can be spread over tasks.
 *
 * <p>Like {@code museval.eval_mus_track}: when the targets include both {@code vocals} and
 * {@code accompaniment}, the accompaniment is scored with the vocals alone and the other targets
 * without it (the vocals' scores are reported from the pair).
 */
final class TrackEvaluator {

    private static final Logger LOG = LoggerFactory.getLogger(TrackEvaluator.class);
    static final int CHUNK_FRAMES = 1 << 16;
    private static final String VOCALS = "vocals";
    private static final String ACCOMPANIMENT = "accompaniment";

    private TrackEvaluator() {
    }

    /** One evaluation group: indices into the plan's targets, and which of them it reports. */
    record GroupPlan(int[] members, boolean[] reported) implements Serializable {
    }

    /** A group's fitted filters (null without v4). */
    record GroupFit(GroupPlan plan, DistortionFilters filters) implements Serializable {
    }

    /**
     * The first step's result: per group its filters, the global SDR per target (or null), or
     * the failure.
     */
    record TrackFit(EvaluationTrack track, List<GroupFit> groups, double[] globalSdr, Failure failure)
            implements Serializable {
        boolean ok() {
            return failure == null;
        }
    }

    /** Windows {@code [from, to)} of one group of a track to score in one task. */
    record FrameTask(int track, int group, int from, int to) implements Serializable {
    }

    /** A frame task's metrics, shape (4, members, to - from) in {@code Metric} order, or its failure. */
    record FrameScores(FrameTask task, double[] metrics, Failure failure) implements Serializable {
    }

    /** museval's pairing of targets into groups. */
    static List<GroupPlan> groups(List<String> targets) {
        int voc = targets.indexOf(VOCALS);
        int acc = targets.indexOf(ACCOMPANIMENT);
        List<GroupPlan> out = new ArrayList<>();
        if (voc < 0 || acc < 0) {
            out.add(allTargets(targets.size()));
            return out;
        }
        int[] rest = new int[targets.size() - 1];
        boolean[] rep = new boolean[rest.length];
        int n = 0;
        for (int k = 0; k < targets.size(); k++) {
            if (k != acc) {
                rep[n] = k != voc;
                rest[n++] = k;
            }
        }
        if (rest.length >= 2) {
            out.add(new GroupPlan(rest, rep));
        }
        out.add(new GroupPlan(new int[] {voc, acc}, new boolean[] {true, true}));
        return out;
    }

    private static GroupPlan allTargets(int k) {
        int[] all = new int[k];
        boolean[] rep = new boolean[k];
        for (int i = 0; i < k; i++) {
            all[i] = i;
            rep[i] = true;
        }
        return new GroupPlan(all, rep);
    }

    /** The windows of a track, as both steps compute them. */
    static Framing framing(EvaluationTrack plan, EvaluationConfig config) {
        return config.framing(plan.rate(), (int) plan.frames());
    }

    /** The track's open files; closes them all. */
    private static final class Files implements Closeable {
        final AudioReader[] refs;
        final AudioReader[] ests;

        Files(Configuration conf, EvaluationTrack plan) throws IOException {
            int k = plan.references().size();
            refs = new AudioReader[k];
            ests = new AudioReader[k];
            try {
                for (int i = 0; i < k; i++) {
                    List<String> parts = plan.referenceParts().get(i);
                    refs[i] = parts.isEmpty() ? Audio.open(conf, new Path(plan.references().get(i)))
                            : new SummedReference(conf, plan.references().get(i), parts);
                    ests[i] = Audio.open(conf, new Path(plan.estimates().get(i)));
                }
            } catch (IOException | RuntimeException e) {
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            for (AudioReader[] rs : new AudioReader[][] {refs, ests}) {
                for (AudioReader r : rs) {
                    if (r != null) {
                        try {
                            r.close();
                        } catch (IOException ignored) {
                            // Read-only: nothing is lost.
                        }
                    }
                }
            }
        }
    }

    /** A per-track refusal with the file it concerns. */
    static final class TrackFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String file;

        TrackFailure(String file, String message) {
            super(message);
            this.file = file;
        }
    }

    /** Step 1: the correlation pass, the global SDR and the filters of every group. */
    static TrackFit fit(Configuration conf, EvaluationTrack plan, EvaluationConfig config) {
        int k = plan.references().size();
        try (Files files = new Files(conf, plan)) {
            double[] global = config.globalSdr() ? new double[k] : null;
            boolean[] haveGlobal = new boolean[k];
            List<GroupFit> fits = new ArrayList<>();
            for (GroupPlan g : config.v4() ? groups(config.targets()) : List.of(allTargets(k))) {
                fits.add(new GroupFit(g, fitGroup(plan, config, files, g, global, haveGlobal)));
            }
            return new TrackFit(plan, config.v4() ? fits : List.of(), global, null);
        } catch (TrackFailure e) {
            return new TrackFit(plan, null, null, Failure.of(e.file, e.getMessage()));
        } catch (IOException | RuntimeException e) {
            return new TrackFit(plan, null, null, failure(e, plan, "fit the filters of track '" + plan.name() + "'"));
        }
    }

    /** Bad input by its file and problem; anything else logged, by its class's simple name and message. */
    private static Failure failure(Exception e, EvaluationTrack plan, String where) {
        if (e instanceof BadInputException) {
            return Failure.caught(LOG, e, firstFile(plan), where);
        }
        return Failure.logged(LOG, e, firstFile(plan), where, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    private static String firstFile(EvaluationTrack plan) {
        return plan.references().isEmpty() ? plan.name() : plan.references().get(0);
    }

    /** The group's correlation pass (and the global SDR of members not yet seen), then its filters. */
    private static DistortionFilters fitGroup(EvaluationTrack plan, EvaluationConfig config, Files files,
                                              GroupPlan g, double[] global, boolean[] haveGlobal)
            throws IOException, TrackFailure {
        int s = g.members().length;
        int ch = plan.channels();
        int n = (int) plan.frames();
        CrossCorrelations xc = config.v4() ? new CrossCorrelations(s, ch, BssEvalV4.FILTER_TAPS) : null;
        GlobalSdr sdr = new GlobalSdr(s, ch);
        double[] r = new double[s * Math.min(CHUNK_FRAMES, n) * ch];
        double[] e = new double[r.length];
        for (int from = 0; from < n; from += CHUNK_FRAMES) {
            int len = Math.min(CHUNK_FRAMES, n - from);
            read(plan, files, g.members(), from, len, r, e);
            if (xc != null) {
                xc.add(r, e, len);
            }
            sdr.add(r, e, len);
        }
        if (global != null) {
            double[] v = sdr.values();
            for (int i = 0; i < s; i++) {
                int t = g.members()[i];
                if (!haveGlobal[t]) {
                    global[t] = v[i];
                    haveGlobal[t] = true;
                }
            }
        }
        if (xc == null) {
            return null;
        }
        xc.finish();
        for (int i = 0; i < s; i++) {
            int t = g.members()[i];
            if (!xc.referenceSounds(i)) {
                throw new TrackFailure(plan.references().get(t), "reference is silent over the whole track "
                        + "(channel sum 0 at every sample): museval refuses to score it");
            }
            if (!xc.estimateSounds(i)) {
                throw new TrackFailure(plan.estimates().get(t), "estimate is silent over the whole track "
                        + "(channel sum 0 at every sample): museval refuses to score it");
            }
        }
        return DistortionFilters.fit(xc);
    }

    /** Step 2: scores windows {@code [task.from, task.to)} of one group with its filters. */
    static FrameScores scoreFrames(Configuration conf, TrackFit fit, FrameTask task, EvaluationConfig config) {
        EvaluationTrack plan = fit.track();
        GroupFit g = fit.groups().get(task.group());
        int s = g.plan().members().length;
        int ch = plan.channels();
        int count = task.to() - task.from();
        Framing framing = framing(plan, config);
        try (Files files = new Files(conf, plan)) {
            BssEvalV4 scorer = new BssEvalV4(g.filters());
            double[] metrics = new double[4 * s * count];
            double[] fr = new double[0];
            double[] fe = new double[0];
            for (int t = task.from(); t < task.to(); t++) {
                int from = framing.start(t);
                int len = framing.end(t) - from;
                if (fr.length < s * len * ch) {
                    fr = new double[s * len * ch];
                    fe = new double[fr.length];
                }
                read(plan, files, g.plan().members(), from, len, fr, fe);
                double[] scores = scorer.scoreFrame(fr, fe, len);
                for (int m = 0; m < 4; m++) {
                    for (int j = 0; j < s; j++) {
                        metrics[(m * s + j) * count + t - task.from()] = scores[m * s + j];
                    }
                }
            }
            return new FrameScores(task, metrics, null);
        } catch (IOException | RuntimeException e) {
            return new FrameScores(task, null, failure(e, plan, "score windows " + task.from() + "-" + task.to()
                    + " of track '" + plan.name() + "'"));
        }
    }

    /**
     * The whole-signal step: the sets other than v4 and sdr ({@link EvaluationConfig#family()},
     * scored by {@link FamilyEvaluation} over all targets together, with the permutation search if
     * asked) and, with {@code --mixtures}, the mixture's scores for every set and the improvement.
     * v4's mixture scores use museval's groups ({@link #groups}) so that they pair with the
     * estimates' v4 scores frame by frame.
     *
     * @param estimates   per family set, the estimates' scores
     * @param mixture     per family set, the mixture's scores (empty without mixtures)
     * @param improvement per family set, estimates minus mixture (empty without mixtures)
     * @param v4Mixture   per museval group, v4 of the mixture (empty without v4 or mixtures)
     * @param sdrMixture  global SDR of the mixture per target, or null
     * @param notes       what the summary should say
     */
    record FamilyScores(EvaluationTrack track, List<SetScores> estimates, List<SetScores> mixture,
                        List<SetScores> improvement, List<SetScores> v4Mixture, double[] sdrMixture,
                        List<String> notes, Failure failure) implements Serializable {
        boolean ok() {
            return failure == null;
        }
    }

    /**
     * The mixture file of a track under {@code --mixtures}.
     */
    static String mixturePath(EvaluationConfig config, EvaluationTrack plan) {
        return new Path(new Path(config.mixtures(), plan.name()), EvaluationConfig.MIXTURE_FILE).toString();
    }

    /**
     * Scores the whole-signal sets of a track (memory: the references, estimates and mixture of
     * the whole track as doubles, 3 x targets x samples x channels x 8 bytes).
     */
    static FamilyScores family(Configuration conf, EvaluationTrack plan, EvaluationConfig config) {
        int k = plan.references().size();
        int ch = plan.channels();
        if (plan.frames() * k * ch > Integer.MAX_VALUE - 8) {
            return new FamilyScores(plan, null, null, null, null, null, null, Failure.of(firstFile(plan),
                    "track too long for the whole-signal sets (" + plan.frames() + " samples x " + k + " targets x "
                            + ch + " channels > 2^31 values)"));
        }
        int n = (int) plan.frames();
        try (Files files = new Files(conf, plan)) {
            int[] all = allTargets(k).members();
            double[] refs = new double[k * n * ch];
            double[] ests = new double[refs.length];
            double[] chunkR = new double[k * Math.min(CHUNK_FRAMES, n) * ch];
            double[] chunkE = new double[chunkR.length];
            for (int from = 0; from < n; from += CHUNK_FRAMES) {
                int len = Math.min(CHUNK_FRAMES, n - from);
                read(plan, files, all, from, len, chunkR, chunkE);
                for (int j = 0; j < k; j++) {
                    System.arraycopy(chunkR, j * len * ch, refs, (j * n + from) * ch, len * ch);
                    System.arraycopy(chunkE, j * len * ch, ests, (j * n + from) * ch, len * ch);
                }
            }
            double[] mix = config.mixtures() == null ? null : readMixture(conf, config, plan);
            List<String> notes = new ArrayList<>();
            List<SetScores> est = List.of();
            List<SetScores> mixture = List.of();
            List<SetScores> imp = List.of();
            if (!config.family().isEmpty()) {
                FamilyEvaluation.TrackScores ts = FamilyEvaluation.evaluate(refs, ests, mix, k, n, ch,
                        new FamilyEvaluation.Request(config.family(), config.window(plan.rate()),
                                config.permutation()));
                est = ts.estimates();
                mixture = ts.mixture();
                imp = ts.improvement();
                notes.addAll(ts.notes());
            }
            List<SetScores> v4Mixture = new ArrayList<>();
            double[] sdrMixture = null;
            if (mix != null) {
                double[] repeated = new double[refs.length];
                for (int j = 0; j < k; j++) {
                    System.arraycopy(mix, 0, repeated, j * n * ch, n * ch);
                }
                if (config.v4()) {
                    for (GroupPlan g : groups(config.targets())) {
                        int s = g.members().length;
                        double[] r = new double[s * n * ch];
                        for (int i = 0; i < s; i++) {
                            System.arraycopy(refs, g.members()[i] * n * ch, r, i * n * ch, n * ch);
                        }
                        v4Mixture.add(FamilyEvaluation.score(MetricSet.V4, r, Arrays.copyOf(repeated, r.length), s, n,
                                ch, config.window(plan.rate()), false));
                    }
                }
                if (config.globalSdr()) {
                    sdrMixture = GlobalSdr.of(refs, repeated, k, n, ch);
                }
            }
            return new FamilyScores(plan, est, mixture, imp, List.copyOf(v4Mixture), sdrMixture, List.copyOf(notes),
                    null);
        } catch (IOException | RuntimeException e) {
            return new FamilyScores(plan, null, null, null, null, null, null,
                    failure(e, plan, "score the whole-signal sets of track '" + plan.name() + "'"));
        }
    }

    /** The track's mixture, (samples, channels) at the references' rate and channels, aligned to their length. */
    private static double[] readMixture(Configuration conf, EvaluationConfig config, EvaluationTrack plan)
            throws IOException {
        String file = mixturePath(config, plan);
        Path path = new Path(file);
        if (!path.getFileSystem(conf).exists(path)) {
            throw new BadInputException(file, "mixture missing (--mixtures expects <dir>/<track>/"
                    + EvaluationConfig.MIXTURE_FILE + ")");
        }
        int n = (int) plan.frames();
        int ch = plan.channels();
        try (AudioReader r = Audio.open(conf, path)) {
            if (r.info().sampleRate() != plan.rate() || r.info().channels() != ch) {
                throw new BadInputException(file, "mixture is " + r.info().channels() + " channels at "
                        + r.info().sampleRate()
                        + " Hz, the references " + ch + " channels at " + plan.rate() + " Hz");
            }
            double[] x = new double[n * ch];
            int have = PadOrTruncate.available(r.info().frames(), 0, n);
            r.read(0, have, x, 0);
            requireFinite(file, x, 0, have * ch, 0, ch);
            return x;
        }
    }

    /**
     * Reads samples {@code [from, from + len)} of the members into (members, len, channels)
     * blocks; estimates aligned to the reference's length (cut, or zero past their end).
     */
    private static void read(EvaluationTrack plan, Files files, int[] members, int from, int len, double[] r,
                             double[] e) throws IOException {
        int ch = plan.channels();
        for (int i = 0; i < members.length; i++) {
            int t = members[i];
            int base = i * len * ch;
            files.refs[t].read(from, from + len, r, base);
            requireFinite(plan.references().get(t), r, base, len * ch, from, ch);
            int have = PadOrTruncate.available(plan.estimateFrames().get(t), from, len);
            if (have > 0) {
                files.ests[t].read(from, from + have, e, base);
                requireFinite(plan.estimates().get(t), e, base, have * ch, from, ch);
            }
            Arrays.fill(e, base + have * ch, base + len * ch, 0.0);
        }
    }

    /** Float WAV files can hold NaN or infinities, which would poison the whole track's filters. */
    private static void requireFinite(String file, double[] x, int offset, int count, int firstFrame, int channels)
            throws BadInputException {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(x[offset + i])) {
                throw new BadInputException(file, "non-finite sample " + x[offset + i] + " at frame "
                        + (firstFrame + i / channels) + ", channel " + i % channels);
            }
        }
    }
}
