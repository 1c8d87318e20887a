package org.wienerspark.spark;

import java.util.Locale;

/** The outcome of a track in a job's report. */
public enum Status {
    /** Done: its outputs are complete. */
    OK,
    /** Could not be done; the report says which file and why. */
    FAILED,
    /**
     * Not done in this run (already complete, or not run because the job stopped: --fail-fast, a
     * Spark abort, a driver error); the report says why.
     */
    SKIPPED;

    /** The name written to reports ({@code ok}, {@code failed}, {@code skipped}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
