package org.wienerspark.results;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * One row of the per-track table: a track and target of a method (a run), the median over frames
 * of each framewise metric, the global SDR, the number of frames, and the status. A failed track
 * is one row with a null target, NaN values, {@code status = failed} and the file and the reason
 * in {@code note}.
 *
 * @param values per column of {@link #COLUMNS}; NaN if not computed or no frame scored
 */
public record TrackSummary(String method, String track, String target, double[] values, int frames, String status,
                           String note) implements Serializable {

    /** The value columns, in the order of the evaluation's {@code summary.csv}. */
    public static final List<String> COLUMNS = List.of("SDR", "SIR", "ISR", "SAR", "global_SDR");
    public static final String OK = "ok";
    public static final String FAILED = "failed";

    public TrackSummary {
        if (values.length != COLUMNS.size()) {
            throw new IllegalArgumentException("expected " + COLUMNS.size() + " values, got " + values.length);
        }
        note = note == null ? "" : note;
    }

    /** A failed track: no values, the file and the reason as the note. */
    public static TrackSummary failed(String method, String track, String note) {
        double[] v = new double[COLUMNS.size()];
        Arrays.fill(v, Double.NaN);
        return new TrackSummary(method, track, null, v, 0, FAILED, note);
    }

    public boolean ok() {
        return OK.equals(status);
    }

    /** The value of a column of {@link #COLUMNS}. */
    public double value(String column) {
        int c = COLUMNS.indexOf(column);
        if (c < 0) {
            throw new IllegalArgumentException("unknown column " + column);
        }
        return values[c];
    }

    /** The same row under another method label. */
    public TrackSummary withMethod(String label) {
        return new TrackSummary(label, track, target, values, frames, status, note);
    }
}
