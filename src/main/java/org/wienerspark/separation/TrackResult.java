package org.wienerspark.separation;

import java.io.Serializable;
import java.util.List;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.Status;

/**
 * What became of one track.
 *
 * @param track   index in the plan
 * @param status  ok, failed or skipped
 * @param clipped per source, samples clipped when writing an integer format
 * @param failure why it failed, or null
 * @param reason  why it was skipped, or null
 */
public record TrackResult(int track, Status status, List<Long> clipped, Failure failure, String reason)
        implements Serializable {

    public TrackResult {
        clipped = clipped == null ? List.of() : List.copyOf(clipped);
    }

    static TrackResult ok(int track, List<Long> clipped) {
        return new TrackResult(track, Status.OK, clipped, null, null);
    }

    static TrackResult failed(int track, Failure failure) {
        return new TrackResult(track, Status.FAILED, null, failure, null);
    }

    /** A track not done in this run, and why. */
    static TrackResult skipped(int track, String why) {
        return new TrackResult(track, Status.SKIPPED, null, null, why);
    }
}
