package org.wienerspark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wiener-spark <command> ...}: the entry point of the application jar. */
@Command(name = "wiener-spark", mixinStandardHelpOptions = true, version = "wiener-spark 0.1.0",
        description = "Multichannel Wiener filtering and EM refinement of source estimates, on Spark.",
        subcommands = {SeparateCommand.class, EvaluateCommand.class, CompareCommand.class, DemoDataCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a command line; returns the exit code (0: success; 1: some track failed; 2: usage). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
