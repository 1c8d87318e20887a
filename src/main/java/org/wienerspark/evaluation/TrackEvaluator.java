package org.wienerspark.evaluation;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.eval.BssEvalV4;
import org.wienerspark.eval.CrossCorrelations;
import org.wienerspark.eval.DistortionFilters;
import org.wienerspark.eval.Framing;
import org.wienerspark.eval.GlobalSdr;
import org.wienerspark.io.BadInputException;
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

    static GroupPlan allTargets(int k) {
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
        try (TrackFiles files = new TrackFiles(conf, plan)) {
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
    static Failure failure(Exception e, EvaluationTrack plan, String where) {
        if (e instanceof BadInputException) {
            return Failure.caught(LOG, e, firstFile(plan), where);
        }
        return Failure.logged(LOG, e, firstFile(plan), where, e.getClass().getSimpleName() + ": " + e.getMessage());
    }

    static String firstFile(EvaluationTrack plan) {
        return plan.references().isEmpty() ? plan.name() : plan.references().get(0);
    }

    /** The group's correlation pass (and the global SDR of members not yet seen), then its filters. */
    private static DistortionFilters fitGroup(EvaluationTrack plan, EvaluationConfig config, TrackFiles files,
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
            files.read(plan, g.members(), from, len, r, e);
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
        try (TrackFiles files = new TrackFiles(conf, plan)) {
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
                files.read(plan, g.plan().members(), from, len, fr, fe);
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
}
