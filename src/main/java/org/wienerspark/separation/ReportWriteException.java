package org.wienerspark.separation;

import java.io.IOException;

/**
 * {@code _report.json} could not be written (a full disk, a permission, the store): the run's
 * outcome exists only in this exception's report, which the command prints instead.
 */
public final class ReportWriteException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SeparationReport report;

    ReportWriteException(String path, SeparationReport report, Throwable cause) {
        super("cannot write the report " + path + ": " + JobStoppedException.reason(cause), cause);
        this.report = report;
    }

    /** The run's report, not written. */
    public SeparationReport report() {
        return report;
    }
}
