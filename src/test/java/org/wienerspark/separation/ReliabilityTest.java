package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.io.Wav;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;

/** Resume, --overwrite, --fail-fast, atomic outputs, degenerate tracks, checkpoints. */
class ReliabilityTest {

    @TempDir
    Path dir;

    private String[] args(Path corpus, Path out, String... extra) {
        List<String> a = new java.util.ArrayList<>(List.of("separate", "--mixtures",
                corpus.resolve("mixtures").toString(), "--estimates", corpus.resolve("estimates").toString(),
                "--output", out.toString(), "--n-fft", "256", "--hop", "64", "--block-frames", "9", "--quiet",
                "--output-format", "float64"));
        a.addAll(List.of(extra));
        return a.toArray(String[]::new);
    }

    private static JsonNode report(Path out) throws IOException {
        return new ObjectMapper().readTree(out.resolve("_report.json").toFile());
    }

    private static String status(JsonNode report, String track) {
        for (JsonNode t : report.path("tracks")) {
            if (t.path("track").asText().equals(track)) {
                return t.path("status").asText();
            }
        }
        throw new AssertionError("no track " + track);
    }

    @Test
    void rerunSkipsCompleteTracksAndRedoesChangedOnes() throws IOException {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        for (String t : List.of("a", "b", "c")) {
            TestCorpus.track(corpus, t, 2, 2000, 2, 1.0, t.hashCode());
        }
        Path out = dir.resolve("out");
        assertEquals(0, Main.run(args(corpus, out, "--iterations", "2")));
        byte[] before = Files.readAllBytes(out.resolve("b/s0.wav"));

        assertEquals(0, Main.run(args(corpus, out, "--iterations", "2")));
        JsonNode r = report(out);
        for (String t : List.of("a", "b", "c")) {
            assertEquals("skipped", status(r, t), t);
        }
        // A changed input (new modification time) and changed settings redo the work.
        Path mix = corpus.resolve("mixtures/b/mixture.wav");
        Files.setLastModifiedTime(mix, FileTime.fromMillis(Files.getLastModifiedTime(mix).toMillis() + 5000));
        assertEquals(0, Main.run(args(corpus, out, "--iterations", "2")));
        r = report(out);
        assertEquals("skipped", status(r, "a"));
        assertEquals("ok", status(r, "b"));
        assertArrayEquals(before, Files.readAllBytes(out.resolve("b/s0.wav")), "same inputs, same bytes");

        assertEquals(0, Main.run(args(corpus, out, "--iterations", "3")));
        r = report(out);
        assertEquals("ok", status(r, "a"), "another iteration count is another result");

        assertEquals(0, Main.run(args(corpus, out, "--iterations", "3", "--overwrite")));
        r = report(out);
        for (String t : List.of("a", "b", "c")) {
            assertEquals("ok", status(r, t), t);
        }
    }

    @Test
    void failFastStopsAtTheFirstFailure() throws IOException {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        TestCorpus.track(corpus, "a-broken", 2, 2000, 2, 1.0, 1);
        TestCorpus.track(corpus, "b-good", 2, 2000, 2, 1.0, 2);
        Files.write(corpus.resolve("estimates/a-broken/s1.wav"), new byte[] {'R', 'I', 'F', 'F', 0, 0});
        Path out = dir.resolve("out");
        assertEquals(1, Main.run(args(corpus, out, "--fail-fast")));
        JsonNode r = report(out);
        assertEquals("failed", status(r, "a-broken"));
        assertEquals("skipped", status(r, "b-good"));
        assertFalse(Files.exists(out.resolve("b-good/_SUCCESS")));

        Path out2 = dir.resolve("out2");
        assertEquals(1, Main.run(args(corpus, out2)));
        assertEquals("ok", status(report(out2), "b-good"), "without --fail-fast the others finish");
    }

    @Test
    void aTrackThatCannotBeWrittenLeavesNothingThatLooksComplete() throws IOException {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        TestCorpus.track(corpus, "a", 2, 2000, 2, 1.0, 1);
        TestCorpus.track(corpus, "b", 2, 2000, 2, 1.0, 2);
        Path out = dir.resolve("out");
        Files.createDirectories(out);
        Files.writeString(out.resolve("b"), "a file where the track's folder should be");
        assertEquals(1, Main.run(args(corpus, out)));
        JsonNode r = report(out);
        assertEquals("ok", status(r, "a"));
        assertEquals("failed", status(r, "b"));
        try (Stream<Path> files = Files.walk(out)) {
            assertTrue(files.noneMatch(p -> p.toString().contains("inprogress")), "temporary files removed");
        }
    }

    @Test
    void degenerateTracksGiveFiniteOutputs() throws IOException {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        TestCorpus.track(corpus, "one-frame", 2, 40, 2, 1.0, 1);     // fewer samples than a hop
        TestCorpus.track(corpus, "shorter-than-fft", 2, 200, 2, 1.0, 2);
        TestCorpus.track(corpus, "silent", 2, 3000, 2, 0.0, 3);       // every sample zero
        TestCorpus.track(corpus, "silent-source", 2, 3000, 2, 1.0, 4);
        TestCorpus.write(corpus.resolve("estimates/silent-source/s1.wav"), new double[2 * 3000], 2);
        Path out = dir.resolve("out");
        for (String eps : List.of("2.220446049250313E-16", "0")) {
            assertEquals(0, Main.run(args(corpus, out, "--iterations", "2", "--eps", eps, "--overwrite")), eps);
            Configuration conf = new Configuration();
            for (String t : List.of("one-frame", "shorter-than-fft", "silent", "silent-source")) {
                for (String s : List.of("s0", "s1")) {
                    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(out.resolve(t + "/" + s + ".wav")
                            .toUri());
                    double[] y = Wav.read(conf, p, 0, Wav.readInfo(conf, p).frames());
                    assertTrue(Arrays.stream(y).allMatch(Double::isFinite), t + "/" + s + " eps " + eps);
                }
            }
        }
    }

    @Test
    void trackNamesThatWouldEscapeTheOutputAreRefused() throws IOException {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        TestCorpus.track(corpus, "a", 2, 2000, 2, 1.0, 1);
        String mix = corpus.resolve("mixtures/a/mixture.wav").toString();
        StringBuilder csv = new StringBuilder("track,mixture,source,estimate\n");
        for (String track : List.of("../escape", "/abs", "ok")) {
            for (int j = 0; j < 2; j++) {
                csv.append(track).append(',').append(mix).append(",s").append(j).append(',')
                        .append(corpus.resolve("estimates/a/s" + j + ".wav")).append('\n');
            }
        }
        Path manifest = dir.resolve("m.csv");
        Files.writeString(manifest, csv);
        Path out = dir.resolve("sub/out");
        assertEquals(1, Main.run("separate", "--manifest", manifest.toString(), "--output", out.toString(),
                "--n-fft", "256", "--hop", "64", "--quiet"));
        JsonNode r = report(out);
        assertEquals("failed", status(r, "../escape"));
        assertEquals("failed", status(r, "/abs"));
        assertEquals("ok", status(r, "ok"));
        assertFalse(Files.exists(dir.resolve("sub/escape")));
        assertFalse(Files.exists(Path.of("/abs")));
    }

    @Test
    void checkpointedIterationsEqualUncheckpointedOnes() throws IOException {
        SparkTestSession.get();
        Path corpus = dir.resolve("corpus");
        TestCorpus.track(corpus, "a", 2, 3000, 3, 5.0, 7);
        Path plain = dir.resolve("plain");
        Path checkpointed = dir.resolve("checkpointed");
        assertEquals(0, Main.run(args(corpus, plain, "--iterations", "5", "--checkpoint-every", "0")));
        assertEquals(0, Main.run(args(corpus, checkpointed, "--iterations", "5", "--checkpoint-every", "2")));
        for (int j = 0; j < 3; j++) {
            assertArrayEquals(Files.readAllBytes(plain.resolve("a/s" + j + ".wav")),
                    Files.readAllBytes(checkpointed.resolve("a/s" + j + ".wav")));
        }
        assertFalse(Files.exists(checkpointed.resolve("_checkpoints")), "checkpoints removed at the end");
    }
}
