package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/**
 * A track's sources are one explicit set and no estimate is dropped silently: a dangling link, a
 * link loop or a missing source fails the track with the file and the reason, the other tracks go on,
 * and a stray non-audio file is ignored and listed. The planner alone, and one job run with a rerun.
 */
class EstimateListingTest {

    private static Map<String, TrackPlan> plan(Path corpus, List<String> sources) throws IOException {
        SeparationConfig config = SeparationConfig.builder().mixtures(corpus.resolve("mixtures").toString())
                .estimates(corpus.resolve("estimates").toString()).output(corpus.resolve("out").toString())
                .sources(sources).nFft(256).hop(64).build();
        return new CorpusPlanner(new Configuration(), config).plan().stream()
                .collect(Collectors.toMap(TrackPlan::name, Function.identity()));
    }

    private static Path corpus(Path dir) throws IOException {
        TestCorpus.track(dir, "t1", 2, 2000, 3, 1.0, 1);
        TestCorpus.track(dir, "t2", 2, 2000, 3, 1.0, 2);
        return dir;
    }

    @Test
    void danglingSymlinkFailsTheTrackWithTheFileAndTheReason(@TempDir Path dir) throws IOException {
        Path s1 = corpus(dir).resolve("estimates/t1/s1.wav");
        Files.delete(s1);
        Files.createSymbolicLink(s1, dir.resolve("gone.wav"));
        Map<String, TrackPlan> plans = plan(dir, List.of());
        TrackPlan t1 = plans.get("t1");
        assertNotNull(t1.failure(), "a track with a dangling estimate must fail, not run with two sources");
        assertTrue(t1.failure().file().endsWith("estimates/t1/s1.wav"), t1.failure().file());
        assertTrue(t1.failure().message().contains("dangling"), t1.failure().message());
        assertNull(plans.get("t2").failure());
        assertEquals(List.of("s0", "s1", "s2"), plans.get("t2").sources());
    }

    @Test
    void symlinkLoopFailsTheTrack(@TempDir Path dir) throws IOException {
        Path s2 = corpus(dir).resolve("estimates/t1/s2.wav");
        Files.delete(s2);
        Path other = dir.resolve("estimates/t1/loop.wav");
        Files.createSymbolicLink(s2, other);
        Files.createSymbolicLink(other, s2);
        TrackPlan t1 = plan(dir, List.of()).get("t1");
        assertNotNull(t1.failure());
        assertTrue(t1.failure().file().endsWith("estimates/t1/s2.wav")
                || t1.failure().file().endsWith("estimates/t1/loop.wav"), t1.failure().file());
        assertTrue(t1.failure().message().contains("cannot be followed"), t1.failure().message());
    }

    @Test
    void aSourceMissingFromOneTrackFailsItAgainstTheCorpusUnion(@TempDir Path dir) throws IOException {
        Files.delete(corpus(dir).resolve("estimates/t2/s0.wav"));
        Map<String, TrackPlan> plans = plan(dir, List.of());
        assertNull(plans.get("t1").failure());
        TrackPlan t2 = plans.get("t2");
        assertNotNull(t2.failure());
        assertTrue(t2.failure().file().endsWith("estimates/t2/s0.wav"), t2.failure().file());
        assertTrue(t2.failure().message().contains("no estimate for source 's0'"), t2.failure().message());
    }

    @Test
    void aMissingSourceOfSourcesOptionFailsTheTrack(@TempDir Path dir) throws IOException {
        Files.delete(corpus(dir).resolve("estimates/t1/s1.wav"));
        TrackPlan t1 = plan(dir, List.of("s0", "s1")).get("t1");
        assertNotNull(t1.failure());
        assertTrue(t1.failure().message().contains("--sources"), t1.failure().message());
    }

    @Test
    void strayNonAudioFileIsIgnoredAndListed(@TempDir Path dir) throws IOException {
        Files.writeString(corpus(dir).resolve("estimates/t1/notes.txt"), "hello");
        TrackPlan t1 = plan(dir, List.of()).get("t1");
        assertNull(t1.failure());
        assertEquals(List.of("s0", "s1", "s2"), t1.sources());
        assertTrue(t1.notes().stream().anyMatch(n -> n.startsWith("ignored ")
                && n.contains("notes.txt") && n.contains("not an audio file")), t1.notes().toString());
    }

    @Test
    void anEstimateThatIsAFolderFailsTheTrack(@TempDir Path dir) throws IOException {
        Path s0 = corpus(dir).resolve("estimates/t1/s0.wav");
        Files.delete(s0);
        Files.createDirectory(s0);
        TrackPlan t1 = plan(dir, List.of()).get("t1");
        assertNotNull(t1.failure());
        assertTrue(t1.failure().message().contains("not a regular file"), t1.failure().message());
    }

    @Test
    void aMixtureAtAnotherRateThanAllItsEstimatesIsNamedAsTheWrongFile(@TempDir Path dir) throws IOException {
        Path mixture = corpus(dir).resolve("mixtures/t1/mixture.wav");
        rewriteAtRate(mixture, 16000);
        TrackPlan t1 = plan(dir, List.of()).get("t1");
        assertNotNull(t1.failure());
        assertTrue(t1.failure().file().endsWith("mixtures/t1/mixture.wav"), t1.failure().file());
        assertTrue(t1.failure().message().contains("mixture at 16000 Hz, its estimates are at 8000 Hz"),
                t1.failure().message());
    }

    @Test
    void aSourceAsBothWavAndFlacFailsTheTrackNamingBoth(@TempDir Path dir) throws IOException {
        Path s0 = corpus(dir).resolve("estimates/t1/s0.wav");
        Files.copy(s0, s0.resolveSibling("s0.flac"));
        TrackPlan t1 = plan(dir, List.of()).get("t1");
        assertNotNull(t1.failure());
        assertTrue(t1.failure().message().contains("two estimates for source 's0'")
                && t1.failure().message().contains("s0.flac"), t1.failure().message());
        assertNull(plan(dir, List.of()).get("t2").failure());
    }

    @Test
    void aFileNamedLikeTheMixtureInTheEstimatesIsIgnoredAndListed(@TempDir Path dir) throws IOException {
        Path s0 = corpus(dir).resolve("estimates/t1/s0.wav");
        Files.copy(s0, s0.resolveSibling("mixture.flac"));
        TrackPlan t1 = plan(dir, List.of()).get("t1");
        assertNull(t1.failure());
        assertEquals(List.of("s0", "s1", "s2"), t1.sources());
        assertTrue(t1.notes().stream().anyMatch(n -> n.contains("mixture.flac") && n.contains("mixture's name")),
                t1.notes().toString());
    }

    @Test
    void aDanglingLinkIsReportedAndARerunAfterTheFixEqualsAnUndisturbedRun(@TempDir Path dir) throws IOException {
        Path s1 = corpus(dir).resolve("estimates/t1/s1.wav");
        Path kept = dir.resolve("kept-s1.wav");
        Files.move(s1, kept);
        Files.createSymbolicLink(s1, dir.resolve("gone.wav"));
        Path out = dir.resolve("out");
        SeparationReport r = SeparationJob.run(SparkTestSession.get(), job(dir, out));
        assertEquals(1, r.count(Status.FAILED));
        JsonNode report = new ObjectMapper().readTree(out.resolve("_report.json").toFile());
        JsonNode t1 = null;
        for (JsonNode t : report.path("tracks")) {
            t1 = t.path("track").asText().equals("t1") ? t : t1;
        }
        assertEquals("failed", t1.path("status").asText());
        assertTrue(t1.path("error").path("file").asText().endsWith("estimates/t1/s1.wav"), t1.toString());
        assertTrue(t1.path("error").path("message").asText().contains("dangling"), t1.toString());
        assertTrue(Files.exists(out.resolve("t2/_SUCCESS")) && !Files.exists(out.resolve("t1/_SUCCESS")));

        Files.delete(s1);
        Files.createSymbolicLink(s1, kept);
        assertEquals(0, SeparationJob.run(SparkTestSession.get(), job(dir, out)).count(Status.FAILED));
        Path undisturbed = dir.resolve("undisturbed");
        SeparationJob.run(SparkTestSession.get(), job(dir, undisturbed));
        for (String t : List.of("t1", "t2")) {
            for (String src : List.of("s0", "s1", "s2")) {
                assertArrayEquals(Files.readAllBytes(undisturbed.resolve(t + "/" + src + ".wav")),
                        Files.readAllBytes(out.resolve(t + "/" + src + ".wav")), t + "/" + src);
            }
        }
    }

    private static SeparationConfig job(Path corpus, Path out) {
        return SeparationConfig.builder().mixtures(corpus.resolve("mixtures").toString())
                .estimates(corpus.resolve("estimates").toString()).output(out.toString())
                .nFft(256).hop(64).blockFrames(8).quiet(true).build();
    }

    private static void rewriteAtRate(Path file, int rate) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
        int frames = (int) Wav.readInfo(new Configuration(), p).frames();
        double[] x = Wav.read(new Configuration(), p, 0, frames);
        try (var w = Wav.writer(new Configuration(), p, 2, rate, WavFormat.FLOAT_32, frames)) {
            w.append(x, 0, frames);
        }
    }
}
