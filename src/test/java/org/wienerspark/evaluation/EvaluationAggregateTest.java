package org.wienerspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioWriter;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.SparkTestSession;

/**
 * An aggregate target without a reference file of its own is scored against the sample-wise sum
 * of its parts' references, exactly as against a file holding that sum: MUSDB's accompaniment by
 * default, the separation's recorded {@code --aggregate}, or the evaluation's own.
 */
class EvaluationAggregateTest {

    static final int RATE = 8000;
    static final int N = 20000;
    static final JsonMapper JSON = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

    @TempDir
    static Path dir;

    static void write(Path p, double[] stereo) throws IOException {
        Files.createDirectories(p.getParent());
        // float64 so that the reference file holding the sum is the sum to the last bit
        try (AudioWriter w = Audio.writer(new Configuration(), new org.apache.hadoop.fs.Path(p.toUri()), 2, RATE,
                WavFormat.FLOAT_64, N)) {
            w.append(stereo, 0, N);
        }
    }

    static double[] noisy(SplittableRandom rnd, double[] x, double noise) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = (x == null ? 0 : 0.9 * x[i]) + noise * (rnd.nextDouble() - 0.5);
        }
        return y;
    }

    static double[] tone(SplittableRandom rnd) {
        double f = 100 + 600 * rnd.nextDouble();
        double[] x = new double[2 * N];
        for (int i = 0; i < N; i++) {
            for (int c = 0; c < 2; c++) {
                x[2 * i + c] = 0.2 * Math.sin(2 * Math.PI * f * i / RATE + c) + 0.02 * (rnd.nextDouble() - 0.5);
            }
        }
        return x;
    }

    static double[] sum(double[]... parts) {
        double[] s = parts[0].clone();
        for (int p = 1; p < parts.length; p++) {
            for (int i = 0; i < s.length; i++) {
                s[i] += parts[p][i];
            }
        }
        return s;
    }

    /**
     * refs/: vocals, drums, bass, other of tracks a and b (b lacks other.wav); full/: the same plus
     * accompaniment.wav and rhythm.wav holding the sums; est/: vocals, accompaniment, rhythm.
     */
    @BeforeAll
    static void corpus() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        for (String track : new String[] {"a", "b"}) {
            double[] vocals = tone(rnd);
            double[] drums = tone(rnd);
            double[] bass = tone(rnd);
            double[] other = tone(rnd);
            for (String refs : new String[] {"refs", "full"}) {
                write(dir.resolve(refs + "/" + track + "/vocals.wav"), vocals);
                write(dir.resolve(refs + "/" + track + "/drums.wav"), drums);
                write(dir.resolve(refs + "/" + track + "/bass.wav"), bass);
                if (refs.equals("full") || track.equals("a")) {
                    write(dir.resolve(refs + "/" + track + "/other.wav"), other);
                }
            }
            // the order of the sum as the job takes it: MUSDB's drums+bass+other, rhythm=drums+bass
            write(dir.resolve("full/" + track + "/accompaniment.wav"), sum(drums, bass, other));
            write(dir.resolve("full/" + track + "/rhythm.wav"), sum(drums, bass));
            write(dir.resolve("est/" + track + "/vocals.wav"), noisy(rnd, vocals, 0.05));
            write(dir.resolve("est/" + track + "/accompaniment.wav"), noisy(rnd, sum(drums, bass, other), 0.05));
            write(dir.resolve("est/" + track + "/rhythm.wav"), noisy(rnd, sum(drums, bass), 0.05));
        }
        // a separation run's output records its --aggregate in _report.json
        Path recorded = dir.resolve("recorded");
        for (String track : new String[] {"a", "b"}) {
            Files.createDirectories(recorded.resolve(track));
            for (String t : new String[] {"vocals", "rhythm"}) {
                Files.copy(dir.resolve("est/" + track + "/" + t + ".wav"), recorded.resolve(track + "/" + t + ".wav"));
            }
        }
        Files.writeString(recorded.resolve("_report.json"),
                "{\"settings\": {\"aggregates\": [\"rhythm=drums+bass\"]}, \"tracks\": []}");
        SparkTestSession.get();
    }

    static int evaluate(String refs, String est, String out, String targets, String... extra) {
        List<String> args = new ArrayList<>(List.of("evaluate", "--references", dir.resolve(refs).toString(),
                "--estimates", dir.resolve(est).toString(), "--output", dir.resolve(out).toString(), "--targets",
                targets, "--quiet"));
        args.addAll(Arrays.asList(extra));
        return Main.run(args.toArray(String[]::new));
    }

    static JsonNode scores(String out, String track) throws IOException {
        return JSON.readTree(dir.resolve(out + "/test/" + track + ".json").toFile()).path("targets");
    }

    @Test
    void accompanimentIsSummedFromDrumsBassOtherAsMusdbDoes() throws IOException {
        assertEquals(0, evaluate("full", "est", "acc-file", "vocals,accompaniment"));
        assertEquals(1, evaluate("refs", "est", "acc-sum", "vocals,accompaniment"), "track b lacks other.wav");
        JsonNode sum = scores("acc-sum", "a");
        assertEquals(2, sum.size());
        assertEquals("accompaniment", sum.path(1).path("name").asText());
        assertEquals(scores("acc-file", "a"), sum);

        String b = Files.readAllLines(dir.resolve("acc-sum/summary.csv")).stream().filter(l -> l.startsWith("b,"))
                .findFirst().orElseThrow();
        assertTrue(b.contains("failed") && b.contains("refs/b/other.wav") && b.contains("reference 'accompaniment'"
                + " is missing and cannot be summed from the references: its part 'other' is missing too"
                + " (accompaniment=drums+bass+other, MUSDB's accompaniment)"), b);
    }

    @Test
    void theEvaluationsAggregateOptionDefinesTheSum() throws IOException {
        assertEquals(0, evaluate("full", "est", "rhythm-file", "vocals,rhythm"));
        assertEquals(0, evaluate("refs", "est", "rhythm-sum", "vocals,rhythm", "--aggregate", "rhythm=drums+bass"));
        for (String track : new String[] {"a", "b"}) {
            assertEquals(scores("rhythm-file", track), scores("rhythm-sum", track), track);
        }
    }

    @Test
    void theSeparationsRecordedAggregateDefinesTheSum() throws IOException {
        assertEquals(0, evaluate("full", "recorded", "recorded-file", "vocals,rhythm"));
        assertEquals(0, evaluate("refs", "recorded", "recorded-sum", "vocals,rhythm"));
        assertEquals(scores("recorded-file", "a"), scores("recorded-sum", "a"));
    }

    @Test
    void aTargetWithoutFileNorSumFailsNamingTheFile() throws IOException {
        assertEquals(1, evaluate("refs", "est", "no-sum", "vocals,rhythm"));
        String a = Files.readAllLines(dir.resolve("no-sum/summary.csv")).get(1);
        assertTrue(a.startsWith("a,") && a.contains("refs/a/rhythm.wav"), a);
    }

    @Test
    void aBadAggregateOptionIsAUsageError() {
        assertEquals(2, evaluate("refs", "est", "bad", "vocals,rhythm", "--aggregate", "rhythm=drums+drums"));
    }
}
