package org.wienerspark.evaluation;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.median;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.demo.DemoCorpus;
import org.wienerspark.report.ReportPage;
import org.wienerspark.results.ScoreTable;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackScores;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.testing.Python;

/**
 * The evaluation job's Parquet tables and report page, through the command line, on a demo corpus
 * of three tracks, one of them broken (its bass estimate missing): the tables read back in Spark
 * with the schema and the row count expected, museval's aggregation of the frames table (pandas'
 * {@code groupby(['track', 'target', 'metric']).median()}, NaN skipped; here Spark SQL's exact
 * {@code median}, nulls skipped) equals the job's per-track medians in {@code summary.csv}, and
 * {@code --method} and {@code --compare} label and pair the runs on the page.
 */
class EvaluationTablesTest {

    @TempDir
    static Path dir;
    static Path corpus;
    static Path out;
    static int exit;

    @BeforeAll
    static void evaluate() throws IOException {
        SparkTestSession.get(); // the command reuses the test's local[2] session
        corpus = dir.resolve("corpus");
        DemoCorpus.write(new Configuration(), corpus.toString(), 3, 3.0);
        Files.delete(corpus.resolve("estimates/demo-03/bass.wav"));
        out = dir.resolve("eval");
        exit = Main.run("evaluate", "--references", corpus.resolve("references").toString(), "--estimates",
                corpus.resolve("estimates").toString(), "--output", out.toString());
    }

    static List<TrackSummary> summaryCsv(Path run, String method) throws IOException {
        return SummaryCsv.read(new Configuration(), new org.apache.hadoop.fs.Path(run.resolve("summary.csv").toUri()),
                method);
    }

    @Test
    void parquetTablesReadBackWithTheirSchemaRowCountsAndMusevalsMedians() throws IOException {
        assertEquals(1, exit, "one track failed, the others are scored");
        SparkSession spark = SparkTestSession.get();
        List<TrackSummary> summary = summaryCsv(out, "estimates");
        List<TrackSummary> ok = summary.stream().filter(TrackSummary::ok).toList();
        assertEquals(2 * DemoCorpus.SOURCES.size(), ok.size());

        Dataset<Row> frames = spark.read().parquet(out.resolve(ScoreTable.FRAMES).toString());
        assertSameColumns(ScoreTable.FRAMES_SCHEMA, frames.schema());
        long expected = ok.stream().mapToLong(s -> (long) s.frames() * TrackScores.METRICS.size()).sum();
        assertTrue(expected > 0);
        assertEquals(expected, frames.count());
        assertEquals(List.of("estimates"), frames.select("method").distinct().as(
                org.apache.spark.sql.Encoders.STRING()).collectAsList(), "default --method: the estimates' folder");
        assertEquals(0, frames.filter("track = 'demo-03'").count());

        List<Row> medians = frames.groupBy("track", "target", "metric").agg(median(col("score")).as("median"))
                .collectAsList();
        Map<String, Double> fromFrames = new HashMap<>();
        for (Row r : medians) {
            fromFrames.put(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2),
                    r.isNullAt(3) ? Double.NaN : r.getDouble(3));
        }
        assertEquals(ok.size() * TrackScores.METRICS.size(), fromFrames.size());
        for (TrackSummary s : ok) {
            for (String m : TrackScores.METRICS) {
                Double v = fromFrames.get(s.track() + "/" + s.target() + "/" + m);
                assertNotNull(v, s.track() + "/" + s.target() + "/" + m);
                // summary.csv holds 6 decimals: a median of 5-decimal values is exact there.
                assertEquals(s.value(m), v, 1e-9, s.track() + "/" + s.target() + "/" + m);
            }
        }

        Dataset<Row> tracks = spark.read().parquet(out.resolve(ScoreTable.TRACKS).toString());
        assertSameColumns(ScoreTable.TRACKS_SCHEMA, tracks.schema());
        assertEquals(summary.size(), tracks.count());
        Row failed = tracks.filter("status = 'failed'").first();
        assertEquals("demo-03", failed.getString(failed.fieldIndex("track")));
        assertTrue(failed.isNullAt(failed.fieldIndex("target")));
        assertTrue(failed.getString(failed.fieldIndex("note")).contains("bass"), failed.toString());
        for (TrackSummary s : ok) {
            Row r = tracks.filter(col("track").equalTo(s.track()).and(col("target").equalTo(s.target()))).first();
            for (String c : TrackSummary.COLUMNS) {
                assertEquals(s.value(c), r.getDouble(r.fieldIndex(c)), 1e-6, s.track() + "/" + s.target() + " " + c);
            }
            assertEquals(s.frames(), r.getInt(r.fieldIndex("frames")));
        }

        String page = Files.readString(out.resolve(ReportPage.NAME));
        assertTrue(page.contains("<h1>Evaluation of estimates</h1>"), "report.html of the run");
        assertTrue(page.contains("id=\"failures\"") && page.contains("demo-03"), "the failed track is on the page");
        assertTrue(!page.contains("id=\"significance\""), "one run: no pair to test");
    }

    /**
     * museval's aggregation, the way its users run it: pandas reads the run's museval JSON into one
     * long frames table and takes {@code groupby(['track', 'target', 'metric'])['score'].median()}
     * (NaN skipped), as museval's {@code EvalStore}/{@code MethodStore.agg_frames_scores} do
     * (src/test/resources/pandas/frame_medians.py, our own code: pandas cannot read Parquet here,
     * Debian has neither pyarrow nor fastparquet). Its medians equal those of the Parquet tables
     * read by Spark: the per-track table's columns and Spark SQL's median over the frames table.
     * Where museval's own aggregate.py is at hand (work/ref, git-ignored), it is run on the same
     * files too (src/bench/python/museval_aggregate_check.py).
     */
    @Test
    void pandasPerTrackMediansOfTheRunEqualTheParquetMedians() throws IOException {
        String python = Python.with("pandas");
        Path pandasCsv = dir.resolve("pandas-medians.csv");
        Python.run(python, dir, Python.resource("pandas/frame_medians.py"), out.toString(), pandasCsv.toString());
        Map<String, double[]> pandas = new HashMap<>();
        List<String> lines = Files.readAllLines(pandasCsv);
        assertEquals("track,target,metric,median,frames", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            pandas.put(f[0] + "/" + f[1] + "/" + f[2], new double[]{Double.parseDouble(f[3]), Integer.parseInt(f[4])});
        }

        SparkSession spark = SparkTestSession.get();
        Map<String, Double> parquet = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve(ScoreTable.TRACKS).toString()).filter("status = 'ok'")
                .collectAsList()) {
            for (String m : TrackScores.METRICS) {
                int i = r.fieldIndex(m);
                parquet.put(r.getString(r.fieldIndex("track")) + "/" + r.getString(r.fieldIndex("target")) + "/" + m,
                        r.isNullAt(i) ? Double.NaN : r.getDouble(i));
            }
        }
        assertEquals(2 * DemoCorpus.SOURCES.size() * TrackScores.METRICS.size(), parquet.size());
        assertEquals(parquet.keySet(), pandas.keySet(), "the same tracks, targets and metrics");
        Map<String, Row> fromFrames = new HashMap<>();
        for (Row r : spark.read().parquet(out.resolve(ScoreTable.FRAMES).toString())
                .groupBy("track", "target", "metric")
                .agg(median(col("score")).as("median"), org.apache.spark.sql.functions.count(col("score")).as("n"))
                .collectAsList()) {
            fromFrames.put(r.getString(0) + "/" + r.getString(1) + "/" + r.getString(2), r);
        }
        StringBuilder export = new StringBuilder("track,target,metric,median\n");
        for (var e : parquet.entrySet()) {
            double[] want = pandas.get(e.getKey());
            // The same decimal values in both (museval's 5 decimals): the medians agree to rounding.
            assertEquals(want[0], e.getValue(), 1e-9, "tracks.parquet " + e.getKey());
            Row f = fromFrames.get(e.getKey());
            assertEquals(want[0], f.isNullAt(3) ? Double.NaN : f.getDouble(3), 1e-9, "frames.parquet " + e.getKey());
            assertEquals((long) want[1], f.getLong(4), "frames with a score " + e.getKey());
            export.append(e.getKey().replace('/', ',')).append(',').append(e.getValue()).append('\n');
        }

        Path aggregate = Path.of("work/ref/museval/aggregate.py").toAbsolutePath();
        if (Files.exists(aggregate)) {
            Path parquetCsv = dir.resolve("parquet-medians.csv");
            Files.writeString(parquetCsv, export);
            String report = Python.run(python, dir,
                    Path.of("src/bench/python/museval_aggregate_check.py").toAbsolutePath(), aggregate.toString(),
                    out.toString(), parquetCsv.toString());
            System.out.println(report);
        }
    }

    @Test
    void methodLabelsTheRunAndCompareAddsTheOtherRunToThePage() throws IOException {
        Path mine = dir.resolve("mine");
        int code = Main.run("evaluate", "--references", corpus.resolve("references").toString(), "--estimates",
                corpus.resolve("estimates").toString(), "--output", mine.toString(), "--targets", "vocals,drums",
                "--method", "umx-v2", "--compare", out.toString());
        assertEquals(0, code);
        SparkSession spark = SparkTestSession.get();
        assertEquals(List.of("umx-v2"), spark.read().parquet(mine.resolve(ScoreTable.FRAMES).toString())
                .select("method").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        assertEquals(List.of("umx-v2"), spark.read().parquet(mine.resolve(ScoreTable.TRACKS).toString())
                .select("method").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        // Today's comparison files stay; the page holds both runs and their paired tests.
        assertTrue(Files.exists(mine.resolve("compare.md")));
        String page = Files.readString(mine.resolve(ReportPage.NAME));
        assertTrue(page.contains("<h1>Evaluation of umx-v2</h1>"));
        assertTrue(page.contains("id=\"significance\""), "two runs: the paired tests");
        assertTrue(page.contains("<td>eval</td>") && page.contains("<td>umx-v2</td>"), "both runs are listed");
    }

    @Test
    void blankMethodIsAUsageError() {
        assertEquals(2, Main.run("evaluate", "--references", "r", "--estimates", "e", "--output", "o",
                "--method", " "));
    }

    private static void assertSameColumns(StructType expected, StructType actual) {
        // Parquet reads every column back as nullable and the partition column last.
        assertEquals(expected.size(), actual.size(), actual.treeString());
        for (StructField f : expected.fields()) {
            assertEquals(f.dataType(), actual.apply(f.name()).dataType(), f.name());
        }
    }
}
