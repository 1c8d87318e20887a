package org.wienerspark.compare;

import org.wienerspark.spark.SparkTestSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.MusevalJson;
import org.wienerspark.results.SignedRankTestTest;

/**
 * The compare command in local mode on three runs: {@code raw}, an evaluation job's output
 * (summary.csv with the global SDR and a failed track, plus museval JSON), and {@code em1},
 * {@code em2}, museval-format folders (em1 with an unreadable file, em2 without one track).
 * p-values are checked against an exact enumeration of the signed-rank distribution
 * ({@link SignedRankTestTest#exactByEnumeration}) on per-track medians computed here.
 */
class CompareJobTest {

    static final List<String> TARGETS = List.of("vocals", "drums", "bass", "other");
    static final List<String> RUNS = List.of("raw", "em1", "em2");
    static final int TRACKS = 8;
    static final int FRAMES = 12;

    @TempDir
    static Path dir;
    /** run -> track -> target -> SDR framewise values as written (5 decimals, NaN kept). */
    static final Map<String, Map<String, Map<String, double[]>>> SDR = new HashMap<>();
    static int exitCode;
    static Path out;

    static SparkSession spark() {
        return SparkTestSession.get();
    }

    static String track(int k) {
        return String.format("track-%02d", k);
    }

    @BeforeAll
    static void runs() throws IOException {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int r = 0; r < RUNS.size(); r++) {
            String run = RUNS.get(r);
            Path json = dir.resolve(run).resolve("test");
            Files.createDirectories(json);
            StringBuilder csv = new StringBuilder("track,target,SDR,SIR,ISR,SAR,global_SDR,frames,status,note\n");
            for (int k = 1; k <= TRACKS; k++) {
                if (run.equals("em2") && k == 8) {
                    continue;
                }
                List<MusevalJson.Target> targets = new ArrayList<>();
                for (int t = 0; t < TARGETS.size(); t++) {
                    // Each run better than the last by a track-dependent amount, so pairs differ.
                    double base = 3 + 2 * t + 0.5 * k + r * (0.3 + 0.4 * rnd.nextDouble()) + rnd.nextDouble() - 0.5;
                    double[][] m = new double[4][FRAMES];
                    for (int f = 0; f < FRAMES; f++) {
                        boolean silent = (k + f) % 7 == 0;
                        for (int i = 0; i < 4; i++) {
                            m[i][f] = silent ? Double.NaN : base + i + 2 * (rnd.nextDouble() - 0.5);
                        }
                    }
                    targets.add(new MusevalJson.Target(TARGETS.get(t), m[0], m[1], m[2], m[3]));
                    double[] sdr = Aggregation.quantized(m[0]);
                    SDR.computeIfAbsent(run, x -> new HashMap<>()).computeIfAbsent(track(k), x -> new HashMap<>())
                            .put(TARGETS.get(t), sdr);
                    csv.append(track(k)).append(',').append(TARGETS.get(t));
                    for (double[] v : new double[][]{m[0], m[2], m[1], m[3]}) {
                        csv.append(',').append(median(Aggregation.quantized(v)));
                    }
                    csv.append(',').append(base + 1).append(',').append(FRAMES).append(",ok,\n");
                }
                String text = MusevalJson.write(targets, 1.0, 1.0);
                if (run.equals("em1") && k == 7) {
                    text = text.substring(0, text.length() / 2);
                }
                Files.writeString(json.resolve(track(k) + ".json"), text);
            }
            if (run.equals("raw")) {
                csv.append("track-09,,NaN,NaN,NaN,NaN,NaN,0,failed,\"track-09/bass.wav: missing, or unreadable\"\n");
                Files.writeString(dir.resolve(run).resolve("summary.csv"), csv.toString());
            }
        }
        spark();
        out = dir.resolve("cmp");
        exitCode = Main.run("compare", "--output", out.toString(), "raw=" + dir.resolve("raw"),
                dir.resolve("em1").toString(), "em2=" + dir.resolve("em2"));
    }

    static double median(double[] v) {
        double[] s = Arrays.stream(v).filter(x -> !Double.isNaN(x)).sorted().toArray();
        if (s.length == 0) {
            return Double.NaN;
        }
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    /** Per-track SDR medians of a run and target over the tracks it could read. */
    static Map<String, Double> medians(String run, String target) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k = 1; k <= TRACKS; k++) {
            if (run.equals("em1") && k == 7) {
                continue;
            }
            Map<String, double[]> t = SDR.get(run).get(track(k));
            if (t != null) {
                m.put(track(k), median(t.get(target)));
            }
        }
        return m;
    }

    static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        String[] header = lines.get(0).split(",");
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    @Test
    void anUnreadableTrackFileGivesExitCodeOneAndTheRestIsCompared() throws IOException {
        assertEquals(1, exitCode);
        String md = Files.readString(out.resolve("compare.md"));
        assertTrue(md.contains("track-07.json: not valid JSON"), md);
        assertTrue(md.contains("| track-08 | raw, em1 |  | em2 |"), md);
        assertTrue(md.contains("| track-09 |  | raw | em1, em2 |"), md);
        assertTrue(md.contains("raw, `track-09`: track-09/bass.wav: missing, or unreadable"), md);
    }

    @Test
    void pValuesOfEveryPairMatchAnExactEnumeration() throws IOException {
        List<Map<String, String>> rows = csv(out.resolve("compare.csv"));
        // 4 targets x 4 metrics x 3 pairs (global SDR only in raw: no pair has tracks in common).
        assertEquals(TARGETS.size() * 5 * 3, rows.size());
        for (String target : TARGETS) {
            double[] p = new double[3];
            int k = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    Map<String, Double> ma = medians(RUNS.get(a), target);
                    Map<String, Double> mb = medians(RUNS.get(b), target);
                    List<String> common = ma.keySet().stream().filter(mb::containsKey).toList();
                    double[] x = common.stream().mapToDouble(ma::get).toArray();
                    double[] y = common.stream().mapToDouble(mb::get).toArray();
                    double[] d = new double[x.length];
                    for (int i = 0; i < d.length; i++) {
                        d[i] = y[i] - x[i];
                    }
                    String ra = RUNS.get(a);
                    String rb = RUNS.get(b);
                    Map<String, String> row = rows.stream().filter(r -> r.get("target").equals(target)
                            && r.get("metric").equals("SDR") && r.get("run_a").equals(ra) && r.get("run_b").equals(rb))
                            .findFirst().orElseThrow();
                    assertEquals(common.size(), Integer.parseInt(row.get("tracks")), target + " " + ra + " " + rb);
                    assertEquals("true", row.get("exact"));
                    p[k] = SignedRankTestTest.exactByEnumeration(x, y);
                    assertEquals(p[k], Double.parseDouble(row.get("p_value")), 1e-12, target + " " + ra + " " + rb);
                    assertEquals(median(d), Double.parseDouble(row.get("median_difference")), 5e-7);
                    k++;
                }
            }
            // Holm over the three pairs, by hand.
            Integer[] order = {0, 1, 2};
            Arrays.sort(order, (i, j) -> Double.compare(p[i], p[j]));
            double[] holm = new double[3];
            double run = 0;
            for (int i = 0; i < 3; i++) {
                run = Math.max(run, Math.min(1, (3 - i) * p[order[i]]));
                holm[order[i]] = run;
            }
            k = 0;
            for (int a = 0; a < 3; a++) {
                for (int b = a + 1; b < 3; b++) {
                    String ra = RUNS.get(a);
                    String rb = RUNS.get(b);
                    Map<String, String> row = rows.stream().filter(r -> r.get("target").equals(target)
                            && r.get("metric").equals("SDR") && r.get("run_a").equals(ra) && r.get("run_b").equals(rb))
                            .findFirst().orElseThrow();
                    assertEquals(holm[k++], Double.parseDouble(row.get("p_holm")), 1e-12);
                }
            }
        }
    }

    @Test
    void perRunMediansAreOverTheTracksEachRunScored() throws IOException {
        List<Map<String, String>> rows = csv(out.resolve("runs.csv"));
        for (String run : RUNS) {
            for (String target : TARGETS) {
                Map<String, String> row = rows.stream().filter(r -> r.get("run").equals(run)
                        && r.get("target").equals(target) && r.get("metric").equals("SDR")).findFirst().orElseThrow();
                Map<String, Double> m = medians(run, target);
                assertEquals(m.size(), Integer.parseInt(row.get("tracks")));
                assertEquals(median(m.values().stream().mapToDouble(Double::doubleValue).toArray()),
                        Double.parseDouble(row.get("median")), 5e-7, run + " " + target);
            }
        }
        // The global SDR comes from the evaluation's summary.csv, for raw only.
        assertTrue(rows.stream().anyMatch(r -> r.get("run").equals("raw") && r.get("metric").equals("global_SDR")
                && Integer.parseInt(r.get("tracks")) == TRACKS));
        assertTrue(rows.stream().anyMatch(r -> r.get("run").equals("em1") && r.get("metric").equals("global_SDR")
                && r.get("tracks").equals("0")));
    }

    @Test
    void framesTableReadsBackWithTheSchemaAndOneRowPerFrameTargetMetricTrackAndRun() {
        SparkSession s = spark();
        var frames = s.read().parquet(out.resolve("frames.parquet").toString());
        Map<String, org.apache.spark.sql.types.DataType> types = new HashMap<>();
        for (StructField f : frames.schema().fields()) {
            types.put(f.name(), f.dataType());
        }
        assertEquals(Map.of("method", DataTypes.StringType, "track", DataTypes.StringType, "target",
                DataTypes.StringType, "metric", DataTypes.StringType, "frame", DataTypes.IntegerType, "time",
                DataTypes.DoubleType, "duration", DataTypes.DoubleType, "score", DataTypes.DoubleType), types);
        int readable = TRACKS + (TRACKS - 1) + (TRACKS - 1);
        assertEquals((long) readable * TARGETS.size() * 4 * FRAMES, frames.count());
        // NaN frames are null: frames f of track k with (k + f) % 7 == 0, every target and metric.
        long nan = 0;
        for (String run : RUNS) {
            for (int k = 1; k <= TRACKS; k++) {
                if ((run.equals("em1") && k == 7) || (run.equals("em2") && k == 8)) {
                    continue;
                }
                for (int f = 0; f < FRAMES; f++) {
                    nan += (k + f) % 7 == 0 ? TARGETS.size() * 4 : 0;
                }
            }
        }
        assertEquals(nan, frames.filter("score IS NULL").count());
        assertEquals(3, frames.select("method").distinct().count());
        assertTrue(Files.isDirectory(out.resolve("frames.parquet").resolve("method=em1")));
        // museval's aggregation (median over the frames of a track) from the table equals the tracks table.
        List<Row> em1 = frames.filter("method = 'em1' AND metric = 'SDR' AND target = 'drums'")
                .select("track", "frame", "score").collectAsList();
        Map<String, double[]> byTrack = new HashMap<>();
        for (Row r : em1) {
            byTrack.computeIfAbsent(r.getString(0), x -> new double[FRAMES])[r.getInt(1)] =
                    r.isNullAt(2) ? Double.NaN : r.getDouble(2);
        }
        var tracks = s.read().parquet(out.resolve("tracks.parquet").toString());
        for (Row r : tracks.filter("method = 'em1' AND target = 'drums'").select("track", "SDR").collectAsList()) {
            assertEquals(median(byTrack.get(r.getString(0))), r.getDouble(1), 0, r.getString(0));
            assertEquals(median(SDR.get("em1").get(r.getString(0)).get("drums")), r.getDouble(1), 0);
        }
        // raw: 8 x 4 rows and its failed track; em1: 7 x 4 and the unreadable one; em2: 7 x 4.
        assertEquals(8 * 4 + 1 + 7 * 4 + 1 + 7 * 4, tracks.count());
        assertEquals(2, tracks.filter("status = 'failed' AND target IS NULL").count());
        assertEquals(TARGETS.size() * 5 * 3, s.read().parquet(out.resolve("compare.parquet").toString()).count());
    }

    @Test
    void reportPageEmbedsOneBoxPlotPerTarget() throws IOException {
        String html = Files.readString(out.resolve("report.html"));
        assertEquals(TARGETS.size(), html.split("<img class=\"chart\"", -1).length - 1);
        assertFalse(html.contains("http://") || html.contains("https://"), "no network resource");
        assertTrue(html.contains("id=\"significance\""));
        // No temporary file or folder is left next to the outputs.
        try (var list = Files.list(out)) {
            assertTrue(list.noneMatch(p -> p.getFileName().toString().startsWith(".")));
        }
    }

    @Test
    void usageErrors() {
        assertEquals(2, Main.run("compare", "--output", dir.resolve("x").toString(), "a=" + dir.resolve("raw"),
                "a=" + dir.resolve("em1")));
        assertEquals(1, Main.run("compare", "--output", dir.resolve("x").toString(), dir.resolve("nothing").toString()));
        assertEquals(1, Main.run("compare", "--output", dir.resolve("x").toString(), dir.toString()));
        assertEquals(String.format(Locale.ROOT, "%s", "raw"), RunSpec.parse("raw=/a/b").label());
        assertEquals("run", RunSpec.parse("s3a://bucket/date=1/run").label());
        assertEquals("s3a://bucket/date=1/run", RunSpec.parse("s3a://bucket/date=1/run").dir());
    }
}
