package org.wienerspark.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Python 3 interpreter for tests that check the job against the Python tools its users run
 * (pandas, scipy). The first of {@code $WIENER_PYTHON}, {@code python3} on the PATH and the
 * system's {@code /usr/bin/python3} that imports the modules asked for; the system's one is where
 * Debian's packages land ({@code .ci/run} installs {@code python3-pandas} and
 * {@code python3-scipy} when missing), a {@code python3} on the PATH may be another (pyenv, venv).
 */
public final class Python {

    private Python() {
    }

    /** The interpreter's command, or an AssertionError that says what to install. */
    public static String with(String... modules) {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("WIENER_PYTHON");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.add("python3");
        candidates.add("/usr/bin/python3");
        String probe = "import " + String.join(", ", modules);
        for (String python : candidates) {
            try {
                Process p = new ProcessBuilder(python, "-c", probe).redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return python;
                }
                p.destroyForcibly();
            } catch (IOException e) {
                // not installed under this name: try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no Python 3 with " + String.join(", ", modules) + " among " + candidates
                + " (Debian: apt-get install python3-pandas python3-scipy, as .ci/run does; or set WIENER_PYTHON)");
    }

    /** Runs a script with arguments in {@code work}; returns its standard output, or fails with its output. */
    public static String run(String python, Path work, Path script, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString()));
        cmd.addAll(List.of(args));
        Path stdout = work.resolve(script.getFileName() + ".out");
        Path stderr = work.resolve(script.getFileName() + ".err");
        Process p = new ProcessBuilder(cmd).directory(work.toFile()).redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile()).start();
        try {
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("did not finish in 300 s: " + cmd);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        String out = Files.readString(stdout, StandardCharsets.UTF_8);
        if (p.exitValue() != 0) {
            throw new AssertionError(cmd + " exited with " + p.exitValue() + "\n" + out
                    + Files.readString(stderr, StandardCharsets.UTF_8));
        }
        return out;
    }

    /** A test resource as a file path (the scripts run from the build's test classes). */
    public static Path resource(String name) {
        try {
            return Path.of(Python.class.getResource("/" + name).toURI());
        } catch (java.net.URISyntaxException | NullPointerException e) {
            throw new AssertionError("no test resource " + name, e);
        }
    }
}
