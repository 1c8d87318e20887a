package org.wienerspark.separation;

import java.io.Serializable;
import java.util.List;

/**
 * What became of one track.
 *
 * @param track   index in the plan
 * @param status  {@code ok}, {@code failed} or {@code skipped}
 * @param clipped per source, samples clipped when writing an integer format
 */
public record TrackResult(int track, String status, List<Long> clipped, String errorFile, String error)
        implements Serializable {

    public TrackResult {
        clipped = clipped == null ? List.of() : List.copyOf(clipped);
    }

    static TrackResult ok(int track, List<Long> clipped) {
        return new TrackResult(track, "ok", clipped, null, null);
    }

    static TrackResult failed(int track, String file, String error) {
        return new TrackResult(track, "failed", null, file, error);
    }

    /** A track not done in this run, and why (in the error message field, with no file). */
    static TrackResult skipped(int track, String why) {
        return new TrackResult(track, "skipped", null, null, why);
    }
}
