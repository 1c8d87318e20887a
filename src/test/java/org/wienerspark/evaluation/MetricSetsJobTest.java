package org.wienerspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.EvalWindow;
import org.wienerspark.eval.FamilyEvaluation;
import org.wienerspark.eval.GlobalSdr;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.eval.SetScores;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavFormat;
import org.wienerspark.io.WavWriter;
import org.wienerspark.spark.SparkTestSession;

/**
 * The evaluation job's metric sets ({@code --metrics}), windows, {@code --permutation} and
 * {@code --mixtures} through the command line, on a two-target stereo track: every value written
 * equals {@link FamilyEvaluation}'s on the same arrays.
 */
class MetricSetsJobTest {

    static final int RATE = 8000;
    static final int N = 8000;
    static final List<String> TARGETS = List.of("vocals", "drums");

    @TempDir
    static Path dir;
    static double[] refs;
    static double[] ests;
    static double[] swapped;
    static double[] mix;

    /** Track a: estimates with leakage; track s: the same estimates filed under each other's name. */
    @BeforeAll
    static void corpus() throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        refs = new double[2 * N * 2];
        ests = new double[refs.length];
        mix = new double[N * 2];
        for (int j = 0; j < 2; j++) {
            double prev = 0;
            for (int i = 0; i < N; i++) {
                prev = 0.5 * prev + 0.3 * (rnd.nextDouble() - 0.5);
                double tone = 0.1 * Math.sin(2 * Math.PI * (150 + 420 * j) * i / RATE);
                for (int c = 0; c < 2; c++) {
                    refs[(j * N + i) * 2 + c] = (c == 0 ? 0.8 : 0.5 - 0.2 * j) * (tone + prev);
                }
            }
        }
        for (int j = 0; j < 2; j++) {
            for (int i = 0; i < N; i++) {
                for (int c = 0; c < 2; c++) {
                    double leak = i >= 2 ? refs[((1 - j) * N + i - 2) * 2 + c] : 0;
                    ests[(j * N + i) * 2 + c] = 0.9 * refs[(j * N + i) * 2 + c] + 0.25 * leak
                            + 0.02 * (rnd.nextDouble() - 0.5);
                }
            }
        }
        for (int i = 0; i < 2 * N; i++) {
            mix[i] = refs[i] + refs[2 * N + i];
        }
        swapped = new double[ests.length];
        System.arraycopy(ests, 0, swapped, 2 * N, 2 * N);
        System.arraycopy(ests, 2 * N, swapped, 0, 2 * N);
        for (int j = 0; j < 2; j++) {
            for (String track : new String[] {"a", "s"}) {
                write(track + "/refs/" + track + "/" + TARGETS.get(j) + ".wav", Arrays.copyOfRange(refs, j * 2 * N,
                        (j + 1) * 2 * N));
                double[] e = track.equals("a") ? ests : swapped;
                write(track + "/est/" + track + "/" + TARGETS.get(j) + ".wav", Arrays.copyOfRange(e, j * 2 * N,
                        (j + 1) * 2 * N));
            }
        }
        write("mix/a/mixture.wav", mix);
    }

    static void write(String rel, double[] stereo) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        try (WavWriter w = Wav.writer(new Configuration(), new org.apache.hadoop.fs.Path(p.toUri()), 2, RATE,
                WavFormat.FLOAT_64, N)) {
            w.append(stereo, 0, N);
        }
    }

    static int evaluate(String out, String track, String... extra) {
        SparkTestSession.get();
        // One corpus per track.
        Path refsOnly = dir.resolve(track + "/refs");
        Path estsOnly = dir.resolve(track + "/est");
        String[] base = {"evaluate", "--references", refsOnly.toString(), "--estimates", estsOnly.toString(),
            "--output", dir.resolve(out).toString(), "--targets", String.join(",", TARGETS), "--quiet"};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Main.run(args);
    }

    static JsonNode json(Path p) throws IOException {
        return JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build().readTree(p.toFile());
    }

    static List<String> csv(Path out) throws IOException {
        return Files.readAllLines(out.resolve("summary.csv"));
    }

    /** The value of a summary column for a target. */
    static double column(List<String> csv, String target, String column) {
        List<String> header = Arrays.asList(csv.get(0).split(","));
        int c = header.indexOf(column);
        assertTrue(c >= 0, column + " in " + header);
        for (String line : csv.subList(1, csv.size())) {
            String[] f = line.split(",", -1);
            if (f[1].equals(target)) {
                return Double.parseDouble(f[c].replace("inf", "Infinity"));
            }
        }
        throw new AssertionError("no row for " + target);
    }

    static double median(SetScores s, String metric, int j, boolean quantized) {
        int n = s.groups() * s.frames().count();
        double[] x = Arrays.copyOfRange(s.values(metric), j * n, (j + 1) * n);
        return Aggregation.nanMedian(quantized ? Aggregation.quantized(x) : x);
    }

    /** The summary's text of a value, parsed back (6 decimals). */
    static double written(double v) {
        return Double.parseDouble(EvaluationReport.number(v).replace("inf", "Infinity"));
    }

    @Test
    void severalSetsWithMixturesEqualFamilyEvaluation() throws Exception {
        Path out = dir.resolve("sets");
        assertEquals(0, evaluate("sets", "a", "--metrics", "v4,v3,si,sdr", "--win", "0.5s", "--hop", "0.5",
                "--mixtures", dir.resolve("mix").toString()));
        FamilyEvaluation.TrackScores want = FamilyEvaluation.evaluate(refs, ests, mix, 2, N, 2,
                new FamilyEvaluation.Request(List.of(MetricSet.V3, MetricSet.SI), EvalWindow.seconds(0.5, 0.5, RATE),
                        false));
        List<String> csv = csv(out);
        for (int j = 0; j < 2; j++) {
            String t = TARGETS.get(j);
            SetScores v3 = want.estimates().get(0);
            SetScores si = want.estimates().get(1);
            for (String m : List.of("SDR", "SIR", "SAR", "ISR")) {
                assertEquals(written(median(v3, m, j, true)), column(csv, t, "v3_" + m), 1e-12, t + " v3 " + m);
                assertEquals(written(median(want.mixture().get(0), m, j, true)), column(csv, t, "v3_input_" + m),
                        1e-12, t + " v3 input " + m);
                assertEquals(written(median(want.improvement().get(0), m + "i", j, true)),
                        column(csv, t, "v3_" + m + "i"), 1e-12, t + " v3 " + m + "i");
            }
            for (String m : MetricSet.SI.metrics()) {
                assertEquals(written(median(si, m, j, false)), column(csv, t, "si_" + m), 1e-12, t + " " + m);
            }
            double[] repeated = new double[refs.length];
            System.arraycopy(mix, 0, repeated, 0, 2 * N);
            System.arraycopy(mix, 0, repeated, 2 * N, 2 * N);
            double input = GlobalSdr.of(refs, repeated, 2, N, 2)[j];
            assertEquals(written(input), column(csv, t, "input_global_SDR"), 1e-12);
            assertEquals(written(column(csv, t, "global_SDR") - input), column(csv, t, "global_SDRi"), 2e-6);
            SetScores v4mix = FamilyEvaluation.score(MetricSet.V4, refs, repeated, 2, N, 2,
                    EvalWindow.seconds(0.5, 0.5, RATE), false);
            assertEquals(written(median(v4mix, "SDR", j, true)), column(csv, t, "input_SDR"), 1e-12);
        }

        // v3's JSON: museval's document, values of FamilyEvaluation to 5 decimals, then the mixture's.
        JsonNode v3 = json(out.resolve("v3/test/a.json"));
        assertEquals("0.4.1", v3.path("museval_version").asText());
        JsonNode frame = v3.path("targets").path(1).path("frames").path(1);
        assertEquals(0.5, frame.path("time").asDouble());
        assertEquals(Aggregation.quantized(want.estimates().get(0).value("SIR", 1, 0, 1)),
                frame.path("metrics").path("SIR").asDouble(), 0);
        assertEquals(Aggregation.quantized(want.mixture().get(0).value("SDR", 1, 0, 1)),
                frame.path("metrics").path("input_SDR").asDouble(), 0);
        // si's JSON: a value per channel.
        JsonNode si = json(out.resolve("si/test/a.json"));
        assertEquals("si", si.path("metric_set").asText());
        JsonNode siSdr = si.path("targets").path(0).path("frames").path(0).path("metrics").path("SI-SDR");
        assertEquals(2, siSdr.size());
        assertEquals(Aggregation.quantized(want.estimates().get(1).value("SI-SDR", 0, 1, 0)), siSdr.path(1).asDouble(),
                0);
        // The mixture's v4 in museval's format.
        assertTrue(Files.exists(out.resolve("v4-mixture/test/a.json")));

        // v4's outputs are those of a run without the new sets.
        assertEquals(0, evaluate("v4only", "a", "--win", "0.5", "--hop", "0.5"));
        assertEquals(Files.readString(dir.resolve("v4only/test/a.json")), Files.readString(out.resolve("test/a.json")));
        List<String> plain = csv(dir.resolve("v4only"));
        assertEquals("track,target,SDR,SIR,ISR,SAR,global_SDR,frames,status,note", plain.get(0));
        for (int i = 1; i < plain.size(); i++) {
            String[] f = plain.get(i).split(",", -1);
            String[] g = csv.get(i).split(",", -1);
            assertEquals(Arrays.asList(f).subList(0, 7), Arrays.asList(g).subList(0, 7));
        }

        // Summary and charts cover every column.
        String md = Files.readString(out.resolve("summary.md"));
        assertTrue(md.contains("| v3 SDR |") && md.contains("| si SI-SDR |") && md.contains("| SDRi |"), md);
        assertNotNull(ImageIO.read(out.resolve("charts/si_SD-SDR.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("charts/v3_SDRi.png").toFile()));
        assertNotNull(ImageIO.read(out.resolve("sdr.png").toFile()));
    }

    @Test
    void permutationFindsSwappedEstimatesInSamplesWindows() throws Exception {
        Path out = dir.resolve("perm");
        assertEquals(0, evaluate("perm", "s", "--metrics", "images,sources", "--permutation", "--win-samples", "4000"));
        FamilyEvaluation.TrackScores want = FamilyEvaluation.evaluate(refs, swapped, null, 2, N, 2,
                new FamilyEvaluation.Request(List.of(MetricSet.IMAGES, MetricSet.SOURCES), EvalWindow.samples(4000,
                        4000), true));
        JsonNode images = json(out.resolve("images/test/s.json"));
        JsonNode vocals = images.path("targets").path(0).path("frames");
        assertEquals(want.estimates().get(0).frames().count(), vocals.size());
        for (int t = 0; t < vocals.size(); t++) {
            assertEquals("drums", vocals.path(t).path("estimate").asText(), "frame " + t);
            assertEquals(Aggregation.quantized(want.estimates().get(0).value("SDR", 0, 0, t)),
                    vocals.path(t).path("metrics").path("SDR").asDouble(), 0);
        }
        JsonNode sources = json(out.resolve("sources/test/s.json"));
        assertEquals("[\"vocals\",\"vocals\"]", sources.path("targets").path(1).path("frames").path(0).path("estimate")
                .toString());
        assertFalse(Files.exists(out.resolve("test")), "no v4 JSON without v4");
        List<String> csv = csv(out);
        assertEquals(written(median(want.estimates().get(1), "SIR", 0, false)), column(csv, "vocals", "sources_SIR"),
                1e-12);
        // Without the search, the labelled assignment scores far worse (a property of the metric, not of the
        // job: checked below Spark, one Spark run fewer).
        SetScores labelled = FamilyEvaluation.score(MetricSet.IMAGES, refs, swapped, 2, N, 2, EvalWindow.samples(4000,
                4000), false);
        assertTrue(written(median(labelled, "SDR", 0, false)) < column(csv, "vocals", "images_SDR") - 10);
    }

    @Test
    void aMissingMixtureFailsItsTrackByName() throws Exception {
        assertEquals(1, evaluate("nomix", "s", "--metrics", "sdr", "--mixtures", dir.resolve("mix").toString()));
        List<String> csv = csv(dir.resolve("nomix"));
        assertTrue(csv.get(1).contains("mix/s/mixture.wav") && csv.get(1).contains("mixture missing"), csv.get(1));
    }

    @Test
    void badMetricAndWindowOptionsAreUsageErrors() throws IOException {
        assertEquals(2, evaluate("bad1", "a", "--metrics", "v4,nope"));
        assertEquals(2, evaluate("bad2", "a", "--metrics", "v3,v3"));
        assertEquals(2, evaluate("bad3", "a", "--win", "1", "--win-samples", "4000"));
        assertEquals(2, evaluate("bad4", "a", "--win", "full", "--hop", "1"));
        assertEquals(2, evaluate("bad5", "a", "--hop-samples", "100"));
        assertEquals(2, evaluate("bad6", "a", "--win", "one"));
        assertEquals(2, evaluate("bad7", "a", "--win-samples", "0"));
        assertEquals(2, evaluate("bad8", "a", "--win", "-1s"));
        assertFalse(Files.exists(dir.resolve("bad1")));
    }

    @Test
    void fullScoresOneWindowOverTheWholeSignal() throws Exception {
        Path out = dir.resolve("full");
        assertEquals(0, evaluate("full", "a", "--metrics", "v4,images", "--win", "full"));
        JsonNode v4 = json(out.resolve("test/a.json"));
        assertEquals(1, v4.path("targets").path(0).path("frames").size());
        assertEquals(1.0, v4.path("targets").path(0).path("frames").path(0).path("duration").asDouble());
        SetScores images = FamilyEvaluation.score(MetricSet.IMAGES, refs, ests, 2, N, 2, EvalWindow.full(), false);
        assertEquals(written(images.value("SDR", 1, 0, 0)), column(csv(out), "drums", "images_SDR"), 1e-12);
        SetScores v4want = FamilyEvaluation.score(MetricSet.V4, refs, ests, 2, N, 2, EvalWindow.full(), false);
        assertEquals(written(Aggregation.quantized(v4want.value("SDR", 0, 0, 0))), column(csv(out), "vocals", "SDR"),
                1e-12);
    }
}
