package org.wienerspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.demo.DemoCorpus;
import org.wienerspark.io.Csv;
import org.wienerspark.results.ScoreTable;
import org.wienerspark.spark.SparkTestSession;

/**
 * The evaluation job's Parquet tables for every choice of metric sets, through the command line,
 * on one short demo track: the per-track table holds every column of {@code summary.csv} (all
 * metric sets, the mixture's and the improvements with {@code --mixtures}, the global SDR) with
 * its figures, and a run without framewise scores ({@code --metrics sdr}) still has a frames
 * table that reads back with its schema and no row.
 */
class EvaluationTableSchemasTest {

    @TempDir
    static Path dir;
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        SparkTestSession.get(); // the commands reuse the test's local[2] session
        corpus = dir.resolve("corpus");
        DemoCorpus.write(new Configuration(), corpus.toString(), 1, 1.0);
    }

    static int evaluate(Path out, String... extra) {
        String[] base = {"evaluate", "--references", corpus.resolve("references").toString(), "--estimates",
            corpus.resolve("estimates").toString(), "--output", out.toString(), "--method", "demo", "--quiet",
            "--win", "1", "--hop", "1"};
        String[] args = Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return Main.run(args);
    }

    @Test
    void sdrOnlyRunHasAFramesTableOfNoRowThatReadsBackWithItsSchema() throws IOException {
        Path out = dir.resolve("sdr");
        assertEquals(0, evaluate(out, "--metrics", "sdr"));
        SparkSession spark = SparkTestSession.get();
        Dataset<Row> frames = spark.read().parquet(out.resolve(ScoreTable.FRAMES).toString());
        assertSameColumns(ScoreTable.FRAMES_SCHEMA, frames.schema());
        assertEquals(0, frames.count());
        assertTrue(frames.inputFiles().length > 0, "a file holds the schema");
        // The per-track table: the global SDR of summary.csv, no framewise median.
        List<List<String>> csv = csv(out);
        assertTracksTableEqualsSummaryCsv(spark, out, csv);
        Row vocals = spark.read().parquet(out.resolve(ScoreTable.TRACKS).toString()).filter("target = 'vocals'")
                .first();
        assertTrue(vocals.isNullAt(vocals.fieldIndex("SDR")));
        assertFalse(vocals.isNullAt(vocals.fieldIndex("global_SDR")));
    }

    @Test
    void tracksTableHoldsEveryMetricSetsMediansAndTheGlobalSdrOfSummaryCsv() throws IOException {
        Path out = dir.resolve("all");
        // v4, a whole-signal set and the global SDR, each with the mixture's and the improvement:
        // every kind of column (the other sets' go the same way; v3's cost minutes at 44.1 kHz).
        assertEquals(0, evaluate(out, "--metrics", "v4,si,sdr", "--mixtures",
                corpus.resolve("mixtures").toString()));
        List<List<String>> csv = csv(out);
        List<String> header = csv.get(0);
        for (String c : List.of("SDR", "global_SDR", "input_SIR", "SARi", "input_global_SDR", "global_SDRi", "si_SI-SDR",
                "si_input_SI-SDR", "si_SI-SDRi")) {
            assertTrue(header.contains(c), c + " in " + header);
        }
        SparkSession spark = SparkTestSession.get();
        assertTracksTableEqualsSummaryCsv(spark, out, csv);
        // The frames table is museval's: the four v4 metrics.
        assertEquals(4L * DemoCorpus.SOURCES.size(),
                spark.read().parquet(out.resolve(ScoreTable.FRAMES).toString()).count());
    }

    static List<List<String>> csv(Path out) throws IOException {
        return Files.readAllLines(out.resolve("summary.csv")).stream().filter(l -> !l.isBlank()).map(Csv::fields)
                .toList();
    }

    /** Every value column of summary.csv (between target and frames) is a column of tracks.parquet, with its figures. */
    static void assertTracksTableEqualsSummaryCsv(SparkSession spark, Path out, List<List<String>> csv) {
        List<String> header = csv.get(0);
        List<String> columns = header.subList(2, header.indexOf("frames"));
        Dataset<Row> tracks = spark.read().parquet(out.resolve(ScoreTable.TRACKS).toString());
        assertSameColumns(ScoreTable.tracksSchema(columns), tracks.schema());
        assertEquals(csv.size() - 1, tracks.count());
        int checked = 0;
        for (List<String> line : csv.subList(1, csv.size())) {
            Row r = tracks.filter(tracks.col("track").equalTo(line.get(0))
                    .and(tracks.col("target").equalTo(line.get(1)))).first();
            assertEquals("demo", r.getString(r.fieldIndex("method")));
            for (int c = 0; c < columns.size(); c++) {
                String want = line.get(2 + c);
                String where = line.get(0) + "/" + line.get(1) + " " + columns.get(c);
                int i = r.fieldIndex(columns.get(c));
                if (want.equals("NaN")) {
                    assertTrue(r.isNullAt(i), where + ": null for NaN");
                } else {
                    assertFalse(r.isNullAt(i), where);
                    // summary.csv holds 6 decimals.
                    double v = Double.parseDouble(want.replace("inf", "Infinity"));
                    assertEquals(v, r.getDouble(i), Double.isInfinite(v) ? 0 : 5e-7, where);
                    checked++;
                }
            }
            assertEquals(Integer.parseInt(line.get(header.indexOf("frames"))), r.getInt(r.fieldIndex("frames")));
            assertEquals(line.get(header.indexOf("status")), r.getString(r.fieldIndex("status")));
        }
        assertTrue(checked >= csv.size() - 1, "values compared: " + checked);
    }

    static void assertSameColumns(StructType expected, StructType actual) {
        // Parquet reads every column back as nullable and the partition column last.
        assertEquals(Arrays.stream(expected.fieldNames()).sorted().toList(),
                Arrays.stream(actual.fieldNames()).sorted().toList(), actual.treeString());
        for (StructField f : expected.fields()) {
            assertEquals(f.dataType(), actual.apply(f.name()).dataType(), f.name());
        }
        assertEquals(DataTypes.StringType, actual.apply("method").dataType());
    }
}
