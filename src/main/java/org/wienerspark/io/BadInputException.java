package org.wienerspark.io;

import java.io.IOException;

/**
 * An input file that cannot be used: the message names the file and the problem. Thrown by the
 * readers before they allocate anything a header declares, so a hostile or broken file costs
 * nothing but this exception.
 */
public class BadInputException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final String problem;

    public BadInputException(String file, String problem) {
        super(file + ": " + problem);
        this.file = file;
        this.problem = problem;
    }

    public BadInputException(String file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.problem = problem;
    }

    /** The file, as the caller named it (a path or URI). */
    public String file() {
        return file;
    }

    /** The problem, without the file name. */
    public String problem() {
        return problem;
    }
}
