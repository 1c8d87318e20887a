package org.wienerspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.cli.Main;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.BssEvalV4;
import org.wienerspark.eval.Metric;
import org.wienerspark.eval.TrackMetrics;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavFormat;
import org.wienerspark.io.WavWriter;

/**
 * The evaluation job in local mode on a tiny corpus, through the command line: its JSON, CSV,
 * markdown and PNG outputs, per-track failures, and JSON values equal to the eval package's on the
 * same samples.
 */
class EvaluationJobTest {

    static final int RATE = 8000;
    static final int N = 20500;
    static final int SHORT = 300;

    @TempDir
    static Path dir;
    static double[] refA;
    static double[] estA;

    /**
     * Corpus: track a (ok; its bass estimate 300 samples short), b (bass estimate missing), c (rate
     * mismatch), d (a NaN in an estimate), e (a silent reference, which museval refuses), f (a mono
     * estimate of a stereo reference).
     */
    @BeforeAll
    static void corpus() throws IOException {
        SplittableRandom rnd = new SplittableRandom(42);
        refA = new double[2 * N * 2];
        estA = new double[refA.length];
        for (int j = 0; j < 2; j++) {
            double prev = 0;
            for (int i = 0; i < N; i++) {
                prev = 0.6 * prev + 0.2 * (rnd.nextDouble() - 0.5);
                double tone = 0.1 * Math.sin(2 * Math.PI * (200 + 300 * j) * i / RATE);
                for (int c = 0; c < 2; c++) {
                    refA[(j * N + i) * 2 + c] = (c == 0 ? 0.7 : 0.4) * (tone + prev);
                }
            }
        }
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < 2; c++) {
                    double leak = i >= 3 ? refA[((1 - j) * N + i - 3) * 2 + c] : 0;
                    estA[(j * N + i) * 2 + c] = 0.8 * refA[(j * N + i) * 2 + c] + 0.2 * leak
                            + 0.01 * (rnd.nextDouble() - 0.5);
                }
            }
        }
        // What the job sees of the short bass estimate: zeros past its end.
        for (int i = N - SHORT; i < N; i++) {
            estA[(N + i) * 2] = 0;
            estA[(N + i) * 2 + 1] = 0;
        }
        for (int j = 0; j < 2; j++) {
            String target = j == 0 ? "vocals" : "bass";
            double[] r = java.util.Arrays.copyOfRange(refA, j * N * 2, (j + 1) * N * 2);
            double[] e = java.util.Arrays.copyOfRange(estA, j * N * 2, (j + 1) * N * 2);
            write("refs/a/" + target + ".wav", r, N, RATE);
            write("est/a/" + target + ".wav", e, j == 0 ? N : N - SHORT, RATE);
            write("refs/b/" + target + ".wav", r, N, RATE);
            if (j == 0) {
                write("est/b/" + target + ".wav", e, N, RATE);
            }
            write("refs/c/" + target + ".wav", r, N, RATE);
            write("est/c/" + target + ".wav", e, N, j == 0 ? 2 * RATE : RATE);
            write("refs/d/" + target + ".wav", r, N, RATE);
            double[] withNaN = e.clone();
            withNaN[2 * 1234 + 1] = Double.NaN;
            write("est/d/" + target + ".wav", j == 1 ? withNaN : e, N, RATE);
            write("refs/e/" + target + ".wav", j == 1 ? new double[r.length] : r, N, RATE);
            write("est/e/" + target + ".wav", e, N, RATE);
            write("refs/f/" + target + ".wav", r, N, RATE);
            write("est/f/" + target + ".wav", e, j == 0 ? 2 * N : N, RATE, j == 0 ? 1 : 2);
        }
    }

    static void write(String rel, double[] stereo, int frames, int rate) throws IOException {
        write(rel, stereo, frames, rate, 2);
    }

    static void write(String rel, double[] samples, int frames, int rate, int channels) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        try (WavWriter w = Wav.writer(new Configuration(), new org.apache.hadoop.fs.Path(p.toUri()), channels, rate,
                WavFormat.FLOAT_64, frames)) {
            w.append(samples, 0, frames);
        }
    }

    static int evaluate(String out, String... extra) {
        SparkTestSession.get();
        String[] base = {"evaluate", "--references", dir.resolve("refs").toString(), "--estimates",
            dir.resolve("est").toString(), "--output", dir.resolve(out).toString(), "--targets", "vocals,bass"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Main.run(args);
    }

    @Test
    void outputsMatchTheEvalPackageAndReportFailedTracks() throws Exception {
        assertEquals(1, evaluate("out1"), "exit code 1: some tracks failed");
        Path out = dir.resolve("out1");
        TrackMetrics m = BssEvalV4.evaluate(refA, estA, 2, N, 2, RATE, RATE);

        JsonNode json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build()
                .readTree(out.resolve("test/a.json").toFile());
        assertEquals("0.4.1", json.path("museval_version").asText());
        JsonNode targets = json.path("targets");
        assertEquals(2, targets.size());
        assertEquals("vocals", targets.path(0).path("name").asText());
        assertEquals("bass", targets.path(1).path("name").asText());
        String text = Files.readString(out.resolve("test/a.json"));
        for (int j = 0; j < 2; j++) {
            JsonNode frames = targets.path(j).path("frames");
            assertEquals(2, frames.size(), "2 full windows of 1 s in 2.56 s");
            for (int t = 0; t < 2; t++) {
                JsonNode f = frames.path(t);
                assertEquals(t * 1.0, f.path("time").asDouble());
                assertEquals(1.0, f.path("duration").asDouble());
                for (Metric metric : Metric.values()) {
                    String expected = Aggregation.quantizedText(m.value(metric, j, t));
                    assertEquals(Double.parseDouble(expected), f.path("metrics").path(metric.name()).asDouble(),
                            metric + " of target " + j + " frame " + t);
                    assertTrue(text.contains("\"" + metric.name() + "\": " + expected));
                }
            }
        }
        assertFalse(Files.exists(out.resolve("test/b.json")));

        List<String> csv = Files.readAllLines(out.resolve("summary.csv"));
        assertEquals("track,target,SDR,SIR,ISR,SAR,global_SDR,frames,status,note", csv.get(0));
        assertEquals(8, csv.size(), "a/vocals, a/bass, b, c, d, e, f");
        String[] vocals = csv.get(1).split(",", -1);
        assertEquals("a", vocals[0]);
        assertEquals("vocals", vocals[1]);
        assertEquals(m.quantizedMedian(Metric.SDR, 0), Double.parseDouble(vocals[2]), 1e-12);
        assertEquals(m.quantizedMedian(Metric.SIR, 0), Double.parseDouble(vocals[3]), 1e-12);
        assertEquals(m.quantizedMedian(Metric.ISR, 0), Double.parseDouble(vocals[4]), 1e-12);
        assertEquals(m.quantizedMedian(Metric.SAR, 0), Double.parseDouble(vocals[5]), 1e-12);
        assertEquals(m.globalSdr()[0], Double.parseDouble(vocals[6]), 1e-6);
        assertTrue(csv.get(2).contains("300 samples shorter than the reference, zero-padded"), csv.get(2));
        assertTrue(csv.get(3).startsWith("b,,NaN") && csv.get(3).contains("failed") && csv.get(3).contains("no such file"),
                csv.get(3));
        assertTrue(csv.get(4).contains("sample rate 16000 Hz differs from the reference's 8000 Hz"), csv.get(4));
        assertTrue(csv.get(5).contains("est/d/bass.wav: non-finite sample NaN at frame 1234, channel 1"), csv.get(5));
        assertTrue(csv.get(6).contains("refs/e/bass.wav: reference is silent over the whole track"), csv.get(6));
        assertTrue(csv.get(7).contains("est/f/vocals.wav: 1 channels, the reference has 2"), csv.get(7));

        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("## Median over tracks") && md.contains("## Mean over tracks"), md);
        assertTrue(md.contains("1 tracks scored, 5 failed"), md);
        assertTrue(md.contains("## Failed tracks"), md);

        BufferedImage png = ImageIO.read(out.resolve("sdr.png").toFile());
        assertNotNull(png);
        assertEquals(900, png.getWidth());
        try (var files = Files.list(out)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".inprogress")), "no temporary files");
        }

        // Windows spread over tasks one by one: the same files.
        assertEquals(1, evaluate("out1b", "--frames-per-task", "1"));
        assertEquals(Files.readString(out.resolve("test/a.json")), Files.readString(dir.resolve("out1b/test/a.json")));
        assertEquals(Files.readString(out.resolve("summary.csv")), Files.readString(dir.resolve("out1b/summary.csv")));

        // A second evaluation compared with the first: the table and the plot.
        assertEquals(1, evaluate("out2", "--metrics", "sdr", "--compare", out.toString()));
        Path out2 = dir.resolve("out2");
        assertFalse(Files.exists(out2.resolve("test")), "no JSON without v4");
        String cmp = Files.readString(out2.resolve("compare.md"));
        assertTrue(cmp.contains("| vocals | global SDR |"), cmp);
        assertTrue(cmp.contains("| vocals | global SDR | 10.719 | 10.719 | +0.000 |") && !cmp.contains("-0.000"),
                "same global SDR in both: " + cmp);
        assertNotNull(ImageIO.read(out2.resolve("compare.png").toFile()));
        assertNotNull(ImageIO.read(out2.resolve("sdr.png").toFile()));
    }

    @Test
    void badOptionsAreUsageErrors() {
        assertEquals(2, evaluate("bad", "--metrics", "v5"));
        assertEquals(2, evaluate("bad", "--win", "0"));
        assertEquals(2, evaluate("bad", "--targets", "a,a"));
        assertEquals(2, evaluate("bad", "--frames-per-task", "-1"));
    }

    @Test
    void vocalsWithAccompanimentAreScoredApartAsMusevalDoes() {
        List<TrackEvaluator.GroupPlan> g = TrackEvaluator.groups(List.of("vocals", "drums", "bass", "accompaniment"));
        assertEquals(2, g.size());
        assertArrayEquals(new int[] {0, 1, 2}, g.get(0).members());
        assertArrayEquals(new boolean[] {false, true, true}, g.get(0).reported());
        assertArrayEquals(new int[] {0, 3}, g.get(1).members());
        assertEquals(1, TrackEvaluator.groups(List.of("vocals", "accompaniment")).size());
        assertEquals(1, TrackEvaluator.groups(List.of("vocals", "drums")).size());
    }
}
