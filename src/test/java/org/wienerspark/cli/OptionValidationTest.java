package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong options are refused on the driver before Spark starts: exit 2, the option's public name. */
class OptionValidationTest {

    /** Runs the command, returns exit code and stderr. */
    private static String[] run(String... args) {
        PrintStream old = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        int code;
        try {
            code = Main.run(args);
        } finally {
            System.setErr(old);
        }
        return new String[] {Integer.toString(code), err.toString(StandardCharsets.UTF_8)};
    }

    private static void refused(String option, String... args) {
        String[] r = run(args);
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains(option), "stderr should name " + option + ": " + r[1]);
    }

    private static String[] separate(Path dir, String... extra) throws IOException {
        Files.createDirectories(dir.resolve("mix"));
        Files.createDirectories(dir.resolve("est"));
        String[] base = {"separate", "--mixtures", dir.resolve("mix").toString(), "--estimates",
                dir.resolve("est").toString(), "--output", dir.resolve("out").toString()};
        String[] all = new String[base.length + extra.length];
        System.arraycopy(base, 0, all, 0, base.length);
        System.arraycopy(extra, 0, all, base.length, extra.length);
        return all;
    }

    @Test
    void negativeBroadcastLimitIsRefused(@TempDir Path dir) throws IOException {
        refused("--broadcast-limit-mb", separate(dir, "--broadcast-limit-mb", "-1"));
    }

    @Test
    void badNFftAndHopNameThePublicOption(@TempDir Path dir) throws IOException {
        refused("--n-fft", separate(dir, "--n-fft", "0"));
        refused("--hop", separate(dir, "--hop", "0"));
        refused("--hop", separate(dir, "--n-fft", "256", "--hop", "512"));
    }

    @Test
    void missingMixturesOrEstimatesFolderIsRefused(@TempDir Path dir) {
        refused("--mixtures", "separate", "--mixtures", dir.resolve("nope").toString(), "--estimates",
                dir.toString(), "--output", dir.resolve("out").toString());
        refused("--estimates", "separate", "--mixtures", dir.toString(), "--estimates",
                dir.resolve("nope").toString(), "--output", dir.resolve("out").toString());
    }

    @Test
    void outputThatIsAFileIsRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("afile"), "x");
        String[] args = separate(dir);
        args[args.length - 1] = file.toString();
        refused("--output", args);
        refused("--output", "evaluate", "--references", dir.toString(), "--estimates", dir.toString(),
                "--output", file.toString());
    }

    @Test
    void missingReferencesFolderIsRefused(@TempDir Path dir) {
        refused("--references", "evaluate", "--references", dir.resolve("nope").toString(), "--estimates",
                dir.toString(), "--output", dir.resolve("out").toString());
    }
}
