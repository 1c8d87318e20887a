package org.wienerspark.separation;

import java.io.IOException;

/**
 * The separation stopped before every track was run: a Spark job aborted (a stage failed past
 * its retries), or the driver met an error. The final report, listing the tracks done, failed
 * and not run, was written before this was thrown; the cause is logged with its stack trace.
 */
public final class JobStoppedException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient SeparationReport report;

    JobStoppedException(String reason, SeparationReport report, Throwable cause) {
        super("the job stopped: " + reason, cause);
        this.report = report;
    }

    /** The final report, as written to {@code _report.json}. */
    public SeparationReport report() {
        return report;
    }

    /**
     * The reason in one line: the first line of the message (a Spark abort's message goes on with
     * the executor's stack trace), with the exception's class when it says nothing else.
     */
    static String reason(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getName();
        }
        String line = m.strip().lines().findFirst().orElse(m);
        return line.length() > 500 ? line.substring(0, 500) + "..." : line;
    }
}
