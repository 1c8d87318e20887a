package org.wienerspark.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the launch scripts of {@code jobs/} as a user does ({@code jobs/separate ...}), each in
 * its own process with its output in a log file.
 */
final class JobScripts {

    private JobScripts() {
    }

    /** Runs {@code jobs/<script> args...} with extra environment variables; returns the exit code. */
    static int run(Path log, Map<String, String> env, String script, List<String> args)
            throws IOException, InterruptedException {
        Process p = start(log, env, script, args);
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                throw new IOException("jobs/" + script + " did not finish in 10 minutes; log: " + log);
            }
        } finally {
            kill(p);
        }
        return p.exitValue();
    }

    /** Starts {@code jobs/<script> args...} without waiting; stop it with {@link #kill}. */
    static Process start(Path log, Map<String, String> env, String script, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add("bash");
        cmd.add(Path.of(System.getProperty("wienerspark.jobsDir"), script).toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // The launchers run java from the PATH: the JVM of this test.
        pb.environment().put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":"
                + pb.environment().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        return pb.start();
    }

    /** SIGKILL to the process and all its descendants (the launcher script and its JVM). */
    static void kill(Process p) throws InterruptedException {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
    }

    /** The log's text, for assertion messages. */
    static String tail(Path log) {
        try {
            String s = Files.readString(log);
            return s.length() > 6000 ? "..." + s.substring(s.length() - 6000) : s;
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> p : parts) {
            all.addAll(p);
        }
        return all;
    }
}
