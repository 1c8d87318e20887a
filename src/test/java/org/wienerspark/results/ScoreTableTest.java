package org.wienerspark.results;

import org.wienerspark.spark.SparkTestSession;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.eval.Aggregation;
import org.wienerspark.eval.MusevalJson;

/**
 * One run's tables as the evaluation job will write them ({@link ScoreTable#writeRun}): the
 * values a reader of museval's JSON gets (rounded, NaN as null), museval's per-track medians,
 * the schema, and the atomic replacement (a failed write leaves the previous table and no
 * visible leftover).
 */
class ScoreTableTest {

    @TempDir
    Path dir;

    static SparkSession spark() {
        return SparkTestSession.get();
    }

    @Test
    void evaluationScoresReadBackAsMusevalsJsonValuesAndMedians() throws IOException {
        SplittableRandom rnd = new SplittableRandom(3);
        List<TrackScores> scores = new ArrayList<>();
        List<TrackSummary> summaries = new ArrayList<>();
        int frames = 9;
        for (int k = 0; k < 3; k++) {
            List<MusevalJson.Target> targets = new ArrayList<>();
            for (String name : List.of("vocals", "accompaniment")) {
                double[][] m = new double[4][frames];
                for (int i = 0; i < 4; i++) {
                    for (int f = 0; f < frames; f++) {
                        m[i][f] = f == 4 && k == 1 ? Double.NaN : 20 * rnd.nextDouble() - 5;
                    }
                }
                targets.add(new MusevalJson.Target(name, m[0], m[1], m[2], m[3]));
            }
            TrackScores t = TrackScores.fromMuseval("t" + k, targets, 1.0, 0.5);
            scores.add(t);
            summaries.addAll(t.summaries("ignored"));
        }
        summaries.add(TrackSummary.failed("ignored", "t3", "t3/vocals.wav: truncated"));
        Path out = dir.resolve("eval");
        SparkSession s = spark();
        ScoreTable.writeRun(s, new org.apache.hadoop.fs.Path(out.toString()), "umx", scores, summaries);

        Dataset<Row> f = s.read().parquet(out.resolve("frames.parquet").toString());
        assertEquals(List.of("track", "target", "metric", "frame", "time", "duration", "score", "method"),
                List.of(f.schema().fieldNames()));
        assertEquals(3L * 2 * 4 * frames, f.count());
        assertEquals(2L * 4, f.filter("score IS NULL").count());
        Row r = f.filter("track = 't0' AND target = 'accompaniment' AND metric = 'SAR' AND frame = 3").first();
        double sar = scores.get(0).targets().get(1).metrics().get("SAR")[3];
        assertEquals(sar, r.getDouble(r.fieldIndex("score")), 0);
        assertEquals(Aggregation.quantized(sar), sar, 0);
        assertEquals(1.5, r.getDouble(r.fieldIndex("time")), 0);
        assertEquals(1.0, r.getDouble(r.fieldIndex("duration")), 0);
        assertEquals("umx", r.getString(r.fieldIndex("method")));

        Dataset<Row> t = s.read().parquet(out.resolve("tracks.parquet").toString());
        assertEquals(List.of("track", "target", "SDR", "SIR", "ISR", "SAR", "global_SDR", "frames", "status", "note",
                "method"), List.of(t.schema().fieldNames()));
        assertEquals(3 * 2 + 1, t.count());
        Row v = t.filter("track = 't1' AND target = 'vocals'").first();
        double[] sdr = scores.get(1).targets().get(0).metrics().get("SDR");
        assertEquals(Aggregation.nanMedian(sdr), v.getDouble(v.fieldIndex("SDR")), 0);
        assertTrue(v.isNullAt(v.fieldIndex("global_SDR")));
        assertEquals(1, t.filter("status = 'failed' AND target IS NULL AND note LIKE 't3/vocals.wav%'").count());
    }

    @Test
    void aFailedWriteLeavesThePreviousTableAndNoVisibleLeftover() throws IOException {
        SparkSession s = spark();
        org.apache.hadoop.fs.Path target = new org.apache.hadoop.fs.Path(dir.resolve("frames.parquet").toString());
        List<TrackScores> one = List.of(TrackScores.fromMuseval("a", List.of(new MusevalJson.Target("vocals",
                new double[]{1, 2}, new double[]{3, 4}, new double[]{5, 6}, new double[]{7, 8})), 1, 1));
        ScoreTable.writeFrames(ScoreTable.frames(s, "m", one), target, 1);
        assertEquals(8, s.read().parquet(target.toString()).count());
        // A job that dies half-way through its tasks (as a killed one would, minus the cleanup).
        Dataset<Row> failing = ScoreTable.frames(s, "m", one).map((MapFunction<Row, Row>) row -> {
            if (row.getInt(4) == 1) {
                throw new IllegalStateException("task lost");
            }
            return row;
        }, Encoders.row(ScoreTable.FRAMES_SCHEMA));
        assertThrows(IOException.class, () -> ScoreTable.writeFrames(failing, target, 2));
        assertEquals(8, s.read().parquet(target.toString()).count());
        try (var list = Files.list(dir)) {
            assertEquals(List.of("frames.parquet"), list.map(p -> p.getFileName().toString()).toList());
        }
        // A successful rewrite replaces the table.
        ScoreTable.writeFrames(ScoreTable.frames(s, "m2", one), target, 1);
        assertEquals(List.of("m2"), s.read().parquet(target.toString()).select("method").distinct()
                .as(Encoders.STRING()).collectAsList());
        FileSystem fs = target.getFileSystem(s.sparkContext().hadoopConfiguration());
        assertEquals(1, fs.listStatus(target.getParent()).length);
    }
}
