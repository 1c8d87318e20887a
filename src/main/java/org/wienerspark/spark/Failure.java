package org.wienerspark.spark;

import java.io.Serializable;
import org.slf4j.Logger;
import org.wienerspark.io.BadInputException;

/**
 * Why a track failed, as the reports give it: the file at fault, the message, and the class of
 * the exception it came from (null for a problem found by a check rather than thrown).
 *
 * @param file       the file (or folder) at fault
 * @param message    what is wrong with it
 * @param causeClass the exception's class name, or null
 */
public record Failure(String file, String message, String causeClass) implements Serializable {

    /** A problem found by a check, not thrown. */
    public static Failure of(String file, String message) {
        return new Failure(file, message, null);
    }

    /**
     * The failure an exception stands for, logged where it happened: bad input by its message
     * (the file and the problem are the whole story), anything else with its stack trace, since
     * that is a bug or an environment problem the report's one line cannot explain.
     *
     * @param log   the logger of the class that caught it
     * @param file  the file being worked on, used when the exception does not name one
     * @param where what was being done, for the log line (e.g. "load block 3 of track 'a'")
     */
    public static Failure caught(Logger log, Throwable e, String file, String where) {
        if (e instanceof BadInputException b) {
            log.warn("{}: {}: {}", where, b.file(), b.problem());
            return new Failure(b.file(), b.problem(), e.getClass().getName());
        }
        return logged(log, e, file, where, String.valueOf(e));
    }

    /** An unexpected exception, logged with its stack trace, reported with the given message. */
    public static Failure logged(Logger log, Throwable e, String file, String where, String message) {
        log.error("{}: {} failed", where, file, e);
        return new Failure(file, message, e.getClass().getName());
    }
}
