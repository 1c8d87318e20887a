package org.wienerspark.evaluation;

import java.io.Serializable;
import java.util.List;
import org.wienerspark.eval.SetScores;
import org.wienerspark.spark.Failure;

/**
 * A track's scores from the whole-signal step ({@link WholeSignalEvaluator}): the sets other than v4 and sdr ({@link EvaluationConfig#family()},
 * scored by {@link org.wienerspark.eval.FamilyEvaluation} over all targets together, with the permutation search if
 * asked) and, with {@code --mixtures}, the mixture's scores for every set and the improvement.
 * v4's mixture scores use museval's groups ({@link TrackEvaluator#groups}) so that they pair with
 * the estimates' v4 scores frame by frame.
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
