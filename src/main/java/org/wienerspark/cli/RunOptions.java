package org.wienerspark.cli;

import picocli.CommandLine.Option;

/** Options of every command that writes an output folder. */
final class RunOptions {

    /** {@code --wait-for-lock} without a value: a week, i.e. until the other run ends. */
    static final String WAIT_FOREVER = "604800";

    @Option(names = "--wait-for-lock", arity = "0..1", paramLabel = "SECONDS", fallbackValue = WAIT_FOREVER,
            description = "when another run holds the output folder, wait up to SECONDS for it to finish "
                    + "(no value: until it ends) instead of exiting with code 2 at once")
    long waitForLockSeconds;
}
