package org.wienerspark.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.eval.BssEvalV4;
import org.wienerspark.eval.CrossCorrelations;
import org.wienerspark.eval.DistortionFilters;
import org.wienerspark.eval.Framing;
import org.wienerspark.eval.GlobalSdr;
import org.wienerspark.eval.PadOrTruncate;
import org.wienerspark.eval.TrackMetrics;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavReader;

/**
 * Scores one track in one task, streaming its files: one pass in chunks feeds the
 * cross-correlations and the global SDR, the filters are solved, then each frame's samples are
 * read and scored. Memory: the Gram matrix ({@code (targets * channels * 512)^2} doubles) and a
 * chunk, whatever the track's length.
 *
 * <p>Like {@code museval.eval_mus_track}: when the targets include both {@code vocals} and
 * {@code accompaniment}, the accompaniment is scored with the vocals alone and the other targets
 * without it (the vocals' scores come from the first pairing).
 */
final class TrackEvaluator {

    static final int CHUNK_FRAMES = 1 << 16;
    private static final String VOCALS = "vocals";
    private static final String ACCOMPANIMENT = "accompaniment";

    private TrackEvaluator() {
    }

    /** One evaluation group: indices into the plan's targets, and which of them it reports. */
    record GroupPlan(int[] members, boolean[] reported) {
    }

    /** museval's pairing of targets into groups. */
    static List<GroupPlan> groups(List<String> targets) {
        int voc = targets.indexOf(VOCALS);
        int acc = targets.indexOf(ACCOMPANIMENT);
        List<GroupPlan> out = new ArrayList<>();
        if (voc < 0 || acc < 0) {
            int[] all = new int[targets.size()];
            boolean[] rep = new boolean[all.length];
            for (int k = 0; k < all.length; k++) {
                all[k] = k;
                rep[k] = true;
            }
            out.add(new GroupPlan(all, rep));
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

    static EvaluationResult evaluate(Configuration conf, EvaluationTrack plan, EvaluationConfig config) {
        long t0 = System.nanoTime();
        int k = plan.references().size();
        List<WavReader> open = new ArrayList<>();
        try {
            WavReader[] refs = new WavReader[k];
            WavReader[] ests = new WavReader[k];
            for (int i = 0; i < k; i++) {
                refs[i] = Wav.open(conf, new Path(plan.references().get(i)));
                open.add(refs[i]);
                ests[i] = Wav.open(conf, new Path(plan.estimates().get(i)));
                open.add(ests[i]);
            }
            List<EvaluationResult.Group> groups = new ArrayList<>();
            double[] global = config.globalSdr() ? new double[k] : null;
            boolean[] haveGlobal = new boolean[k];
            List<GroupPlan> plans = config.v4() ? groups(config.targets()) : List.of(allTargets(k));
            for (GroupPlan g : plans) {
                TrackMetrics m = scoreGroup(plan, config, refs, ests, g, global, haveGlobal);
                if (m != null) {
                    List<String> names = new ArrayList<>();
                    for (int member : g.members()) {
                        names.add(config.targets().get(member));
                    }
                    groups.add(new EvaluationResult.Group(names, m, g.reported()));
                }
            }
            return new EvaluationResult(plan, "ok", groups, global, null, null, (System.nanoTime() - t0) / 1e9);
        } catch (BadInputException e) {
            return EvaluationResult.failed(plan, e.file(), e.problem());
        } catch (TrackFailure e) {
            return EvaluationResult.failed(plan, e.file, e.getMessage());
        } catch (IOException | RuntimeException e) {
            return EvaluationResult.failed(plan, plan.references().isEmpty() ? plan.name() : plan.references().get(0),
                    e.getClass().getSimpleName() + ": " + e.getMessage());
        } finally {
            for (WavReader r : open) {
                try {
                    r.close();
                } catch (IOException ignored) {
                    // Read-only: nothing is lost.
                }
            }
        }
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

    /** A per-track refusal with the file it concerns. */
    static final class TrackFailure extends Exception {
        private static final long serialVersionUID = 1L;
        final String file;

        TrackFailure(String file, String message) {
            super(message);
            this.file = file;
        }
    }

    /**
     * The correlation pass (and global SDR of members not yet seen) over a group, then, with v4,
     * its filters and frames; null without v4.
     */
    private static TrackMetrics scoreGroup(EvaluationTrack plan, EvaluationConfig config, WavReader[] refs,
                                           WavReader[] ests, GroupPlan g, double[] global, boolean[] haveGlobal)
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
            read(plan, refs, ests, g.members(), from, len, r, e);
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
        BssEvalV4 scorer = new BssEvalV4(DistortionFilters.fit(xc));
        Framing framing = Framing.ofSeconds(config.win(), config.hop(), plan.rate(), n);
        int frames = framing.count();
        double[][] metrics = new double[4][s * frames];
        double[] fr = new double[0];
        double[] fe = new double[0];
        for (int t = 0; t < frames; t++) {
            int from = framing.start(t);
            int len = framing.end(t) - from;
            if (fr.length < s * len * ch) {
                fr = new double[s * len * ch];
                fe = new double[fr.length];
            }
            read(plan, refs, ests, g.members(), from, len, fr, fe);
            double[] scores = scorer.scoreFrame(fr, fe, len);
            for (int m = 0; m < 4; m++) {
                for (int j = 0; j < s; j++) {
                    metrics[m][j * frames + t] = scores[m * s + j];
                }
            }
        }
        return new TrackMetrics(framing, s, metrics[0], metrics[1], metrics[2], metrics[3], null,
                scorer.filters().solver());
    }

    /**
     * Reads samples {@code [from, from + len)} of the members into (members, len, channels)
     * blocks; estimates aligned to the reference's length (cut, or zero past their end).
     */
    private static void read(EvaluationTrack plan, WavReader[] refs, WavReader[] ests, int[] members, int from,
                             int len, double[] r, double[] e) throws IOException {
        int ch = plan.channels();
        for (int i = 0; i < members.length; i++) {
            int t = members[i];
            int base = i * len * ch;
            refs[t].read(from, from + len, r, base);
            int have = PadOrTruncate.available(plan.estimateFrames().get(t), from, len);
            if (have > 0) {
                ests[t].read(from, from + have, e, base);
            }
            Arrays.fill(e, base + have * ch, base + len * ch, 0.0);
        }
    }
}
