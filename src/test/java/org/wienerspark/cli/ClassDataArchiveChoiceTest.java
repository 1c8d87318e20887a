package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which class-data archive the local launchers pass to the JVM ({@code cds_opts} of
 * {@code jobs/lib.sh}): the archive of {@code jobs/cds} while it is newer than the jar and the
 * run classpath, none when it is stale (with a hint naming {@code jobs/cds}), none when
 * {@code WIENER_NO_CDS} is set or there is no archive. Runs the real lib.sh, copied into a
 * project layout of its own, so no JVM is started and the repository's target/ is untouched.
 */
class ClassDataArchiveChoiceTest {

    private static final Instant BUILT = Instant.parse("2026-11-30T12:00:00Z");

    @TempDir
    Path root;
    private Path archive;

    @BeforeEach
    void layout() throws IOException {
        Path jobs = Files.createDirectories(root.resolve("jobs"));
        Files.copy(Path.of("jobs/lib.sh"), jobs.resolve("lib.sh"));
        Path target = Files.createDirectories(root.resolve("target"));
        for (String f : List.of("wiener-spark-0.1.0-SNAPSHOT-app.jar", "run-classpath.txt")) {
            Files.writeString(target.resolve(f), "x");
            Files.setLastModifiedTime(target.resolve(f), FileTime.from(BUILT));
        }
        archive = Files.createDirectories(target.resolve("cds")).resolve("wiener-spark.jsa");
    }

    @Test
    void freshArchiveIsPassedToTheJvm() throws Exception {
        archiveAt(BUILT.plusSeconds(60));
        Result r = cdsOpts(Map.of());
        assertEquals("-XX:SharedArchiveFile=" + archive, r.out.strip());
        assertEquals("", r.err.strip());
    }

    @Test
    void archiveOlderThanTheBuildIsSkippedWithAHint() throws Exception {
        archiveAt(BUILT.minusSeconds(60));
        Result r = cdsOpts(Map.of());
        assertEquals("", r.out.strip(), "a stale archive would make the JVM warn at every start");
        assertTrue(r.err.contains("older than the build") && r.err.contains("jobs/cds"), r.err);
    }

    @Test
    void noArchiveOrOptedOutMeansNoFlag() throws Exception {
        assertEquals("", cdsOpts(Map.of()).out.strip());
        archiveAt(BUILT.plusSeconds(60));
        Result r = cdsOpts(Map.of("WIENER_NO_CDS", "1"));
        assertEquals("", r.out.strip());
        assertEquals("", r.err.strip());
    }

    private void archiveAt(Instant t) throws IOException {
        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(t));
    }

    private record Result(String out, String err) {
    }

    private Result cdsOpts(Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", "source \"$1/jobs/lib.sh\"; cds_opts", "test",
                root.toString());
        pb.environment().remove("WIENER_NO_CDS");
        pb.environment().putAll(env);
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "cds_opts did not finish");
        assertEquals(0, p.exitValue(), "cds_opts exit code");
        return new Result(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
                new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
