package org.wienerspark.evaluation;

import java.io.Serializable;
import java.util.List;
import org.wienerspark.eval.TrackMetrics;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.Status;

/**
 * What became of one track: its metrics per evaluation group (museval scores vocals with
 * accompaniment apart from the other targets), its global SDR per target, or the failure.
 *
 * @param track     the plan
 * @param status    ok or failed
 * @param groups    per group, its targets and their BSSEval v4 metrics (empty without v4)
 * @param globalSdr global SDR per target of the plan's targets, or null without it
 * @param failure   why the track failed, or null
 * @param family    the whole-signal sets and the mixture's scores, or null without them
 */
public record EvaluationResult(EvaluationTrack track, Status status, List<Group> groups, double[] globalSdr,
                               Failure failure, FamilyScores family) implements Serializable {

    /**
     * Targets scored together and their metrics (source j is targets[j]); {@code reported[j]}
     * false for the vocals of a group that museval scores but does not report (they are reported
     * from their pairing with the accompaniment).
     */
    public record Group(List<String> targets, TrackMetrics metrics, boolean[] reported) implements Serializable {
    }

    public EvaluationResult {
        groups = groups == null ? List.of() : List.copyOf(groups);
    }

    public boolean ok() {
        return status == Status.OK;
    }

    static EvaluationResult failed(EvaluationTrack track, Failure failure) {
        return new EvaluationResult(track, Status.FAILED, null, null, failure, null);
    }

    static EvaluationResult ok(EvaluationTrack track, List<Group> groups, double[] globalSdr) {
        return new EvaluationResult(track, Status.OK, groups, globalSdr, null, null);
    }

    /** This result with the track's whole-signal scores; failed if they failed. */
    EvaluationResult with(FamilyScores scores) {
        if (!ok()) {
            return this;
        }
        return scores.ok() ? new EvaluationResult(track, status, groups, globalSdr, null, scores)
                : failed(track, scores.failure());
    }
}
