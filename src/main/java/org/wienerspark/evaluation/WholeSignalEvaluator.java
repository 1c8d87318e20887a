package org.wienerspark.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.eval.FamilyEvaluation;
import org.wienerspark.eval.GlobalSdr;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.eval.PadOrTruncate;
import org.wienerspark.eval.SetScores;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioReader;
import org.wienerspark.io.BadInputException;
import org.wienerspark.spark.Failure;

/**
 * The whole-signal step of scoring a track, one task per track: the sets scored over the whole
 * signal at once ({@link FamilyScores}), beside {@link TrackEvaluator}'s two streaming steps for v4.
 */
final class WholeSignalEvaluator {

    private WholeSignalEvaluator() {
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
            return new FamilyScores(plan, null, null, null, null, null, null, Failure.of(TrackEvaluator.firstFile(plan),
                    "track too long for the whole-signal sets (" + plan.frames() + " samples x " + k + " targets x "
                            + ch + " channels > 2^31 values)"));
        }
        int n = (int) plan.frames();
        try (TrackFiles files = new TrackFiles(conf, plan)) {
            int[] all = TrackEvaluator.allTargets(k).members();
            double[] refs = new double[k * n * ch];
            double[] ests = new double[refs.length];
            double[] chunkR = new double[k * Math.min(TrackEvaluator.CHUNK_FRAMES, n) * ch];
            double[] chunkE = new double[chunkR.length];
            for (int from = 0; from < n; from += TrackEvaluator.CHUNK_FRAMES) {
                int len = Math.min(TrackEvaluator.CHUNK_FRAMES, n - from);
                files.read(plan, all, from, len, chunkR, chunkE);
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
                    for (TrackEvaluator.GroupPlan g : TrackEvaluator.groups(config.targets())) {
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
                    TrackEvaluator.failure(e, plan, "score the whole-signal sets of track '" + plan.name() + "'"));
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
            TrackFiles.requireFinite(file, x, 0, have * ch, 0, ch);
            return x;
        }
    }
}
