package org.wienerspark.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code wiener-spark <command> ...}: the entry point of the application jar. */
@Command(name = "wiener-spark", mixinStandardHelpOptions = true, version = "wiener-spark 0.1.0",
        description = "Multichannel Wiener filtering and EM refinement of source estimates, on Spark.",
        subcommands = {SeparateCommand.class, EvaluateCommand.class, CompareCommand.class, DemoDataCommand.class})
public final class Main {

    /** The property spark-submit sets in the driver: {@code client} or {@code cluster}. */
    static final String DEPLOY_MODE = "spark.submit.deployMode";

    /**
     * A command that ended with a non-zero exit code, thrown instead of {@code System.exit} when
     * the driver runs inside the cluster (see {@link #main}).
     */
    public static final class CommandFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int exitCode;

        CommandFailedException(int exitCode) {
            super("wiener-spark ended with exit code " + exitCode + " (1: some track failed or the job failed;"
                    + " 2: usage), see the driver's log");
            this.exitCode = exitCode;
        }

        public int exitCode() {
            return exitCode;
        }
    }

    /**
     * Runs the command line and exits with its code (0, 1, 2). In cluster deploy mode the driver
     * is not a process of its own: YARN's ApplicationMaster calls this method in a thread and
     * reports the application's status when it returns, so {@code System.exit} would kill it
     * before it reports (YARN then retries the application). There success returns and failure
     * throws, which the ApplicationMaster (or the standalone DriverWrapper) reports as FAILED.
     */
    public static void main(String[] args) {
        int code = run(args);
        if (!clusterDeployMode()) {
            System.exit(code);
        }
        if (code != 0) {
            throw new CommandFailedException(code);
        }
    }

    static boolean clusterDeployMode() {
        return "cluster".equals(System.getProperty(DEPLOY_MODE));
    }

    /** Runs a command line; returns the exit code (0: success; 1: some track failed; 2: usage). */
    public static int run(String... args) {
        return new CommandLine(new Main()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
    }
}
