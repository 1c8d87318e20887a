package org.wienerspark.results;

import static org.apache.spark.sql.functions.col;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.catalog.ExternalCatalogUtils;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.wienerspark.spark.AtomicFiles;

/**
 * Scores as Parquet tables, in museval's long format.
 *
 * <p>{@code frames.parquet}: one row per (method, track, target, metric, frame) with the frame's
 * {@code time} and {@code duration} in seconds and the {@code score} in dB, null where museval
 * writes NaN; {@code tracks.parquet}: one row per (method, track, target) with the median over
 * frames of each metric (museval's per-track aggregate), the global SDR, the number of frames,
 * the status and the note (a failed track is one row with a null target); the evaluation job's
 * holds every column of its {@code summary.csv} ({@link #tracksSchema}), {@code compare}'s the
 * five of {@link TrackSummary#COLUMNS}. A run without framewise scores has a frames table of no
 * row, which reads back with its schema.
 *
 * <p>Both are partitioned by {@code method}: a query almost always selects methods, a run adds
 * exactly one partition, so the tables of several runs are combined by putting their
 * {@code method=...} folders side by side, and the files stay large (partitioning by track would
 * make thousands of tiny files; by target or metric, four small ones per run). Within a method the
 * rows are hashed by track into {@link #files} files and sorted by track, target, metric and frame,
 * so Parquet's row-group statistics let a reader skip most of a file when it selects tracks.
 */
public final class ScoreTable {

    public static final String FRAMES = "frames.parquet";
    public static final String TRACKS = "tracks.parquet";
    /** Tracks per output file of the frames table (about 3,000 rows per track and method). */
    static final int TRACKS_PER_FILE = 256;

    public static final StructType FRAMES_SCHEMA = new StructType(new StructField[]{
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("track", DataTypes.StringType, false),
        DataTypes.createStructField("target", DataTypes.StringType, false),
        DataTypes.createStructField("metric", DataTypes.StringType, false),
        DataTypes.createStructField("frame", DataTypes.IntegerType, false),
        DataTypes.createStructField("time", DataTypes.DoubleType, false),
        DataTypes.createStructField("duration", DataTypes.DoubleType, false),
        DataTypes.createStructField("score", DataTypes.DoubleType, true),
    });

    /** The per-track table of the five summary columns ({@link TrackSummary#COLUMNS}), as {@code compare} writes it. */
    public static final StructType TRACKS_SCHEMA = tracksSchema(TrackSummary.COLUMNS);

    /**
     * The per-track table's schema with the given value columns: {@code method, track, target},
     * the columns (doubles, null for NaN), {@code frames, status, note}. The evaluation job
     * writes every column of its {@code summary.csv}: {@link TrackSummary#COLUMNS}, then those of
     * {@code --mixtures} and of the extra metric sets.
     */
    public static StructType tracksSchema(List<String> columns) {
        List<StructField> f = new ArrayList<>();
        f.add(DataTypes.createStructField("method", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("track", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("target", DataTypes.StringType, true));
        for (String c : columns) {
            f.add(DataTypes.createStructField(c, DataTypes.DoubleType, true));
        }
        f.add(DataTypes.createStructField("frames", DataTypes.IntegerType, false));
        f.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        f.add(DataTypes.createStructField("note", DataTypes.StringType, false));
        return DataTypes.createStructType(f);
    }

    private ScoreTable() {
    }

    /** The long-format rows of one track's scores under a method label (NaN as null). */
    public static List<Row> frameRows(String method, TrackScores scores) {
        List<Row> rows = new ArrayList<>();
        for (TrackScores.Target t : scores.targets()) {
            for (var e : t.metrics().entrySet()) {
                double[] v = e.getValue();
                for (int f = 0; f < v.length; f++) {
                    rows.add(RowFactory.create(method, scores.track(), t.name(), e.getKey(), f, t.time()[f],
                            t.duration()[f], nullable(v[f])));
                }
            }
        }
        return rows;
    }

    /** One row of the per-track table (NaN as null). */
    public static Row trackRow(TrackSummary s) {
        return trackRow(s.method(), s.track(), s.target(), s.values(), s.frames(), s.status(), s.note());
    }

    /** One row of a per-track table of {@link #tracksSchema} with {@code values.length} columns (NaN as null). */
    public static Row trackRow(String method, String track, String target, double[] values, int frames,
                               String status, String note) {
        Object[] f = new Object[values.length + 6];
        f[0] = method;
        f[1] = track;
        f[2] = target;
        for (int c = 0; c < values.length; c++) {
            f[3 + c] = nullable(values[c]);
        }
        f[3 + values.length] = frames;
        f[4 + values.length] = status;
        f[5 + values.length] = note == null ? "" : note;
        return RowFactory.create(f);
    }

    private static Double nullable(double x) {
        return Double.isNaN(x) ? null : x;
    }

    /**
     * The frames table of scores held by the driver (the evaluation job collects them anyway):
     * the tracks' arrays are sliced into tasks and expanded into rows on the executors, so the
     * driver never holds one object per frame (a long corpus has millions). They travel as Java
     * serialised bytes: Spark ships parallelized data with the configured serializer (Kryo in the
     * jobs), whose field serializer cannot build records.
     */
    public static Dataset<Row> frames(SparkSession spark, String method, List<TrackScores> scores) {
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        List<byte[]> blobs = new ArrayList<>(scores.size());
        for (TrackScores s : scores) {
            blobs.add(serialize(s));
        }
        int slices = Math.max(1, Math.min(blobs.size(), 2 * jsc.defaultParallelism()));
        JavaRDD<Row> rows = jsc.parallelize(blobs, slices)
                .flatMap(b -> frameRows(method, deserialize(b)).iterator());
        return spark.createDataFrame(rows, FRAMES_SCHEMA);
    }

    private static byte[] serialize(TrackScores s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static TrackScores deserialize(byte[] b) throws IOException, ClassNotFoundException {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(b))) {
            return (TrackScores) in.readObject();
        }
    }

    /** The per-track table of summaries. */
    public static Dataset<Row> tracks(SparkSession spark, List<TrackSummary> summaries) {
        List<Row> rows = new ArrayList<>(summaries.size());
        for (TrackSummary s : summaries) {
            rows.add(trackRow(s));
        }
        return spark.createDataFrame(rows, TRACKS_SCHEMA);
    }

    /**
     * Writes one run's two tables into {@code <out>/frames.parquet} and {@code <out>/tracks.parquet}
     * (what the evaluation job writes beside its JSON; the driver holds the scores), the per-track
     * table with the five summary columns.
     */
    public static void writeRun(SparkSession spark, Path out, String method, List<TrackScores> scores,
                                List<TrackSummary> summaries) throws IOException {
        List<Row> rows = new ArrayList<>(summaries.size());
        for (TrackSummary s : summaries) {
            rows.add(trackRow(s.withMethod(method)));
        }
        writeRun(spark, out, method, scores, TrackSummary.COLUMNS, rows);
    }

    /**
     * Writes one run's two tables, the per-track one with the given value columns
     * ({@link #tracksSchema}; its rows under the same method label). A run without framewise
     * scores (only whole-signal metric sets) gets a frames table of no row that still reads back
     * with its schema.
     */
    public static void writeRun(SparkSession spark, Path out, String method, List<TrackScores> scores,
                                List<String> columns, List<Row> tracks) throws IOException {
        Path frames = new Path(out, FRAMES);
        if (scores.isEmpty()) {
            writeSchemaOnly(spark, FRAMES_SCHEMA, frames, method);
        } else {
            writeFrames(frames(spark, method, scores), frames, files(scores.size()));
        }
        writeTracks(spark.createDataFrame(tracks, tracksSchema(columns)), new Path(out, TRACKS));
    }

    /**
     * Writes a table of no row, partitioned by {@code method}, atomically: one Parquet file of the
     * schema (minus the partition column) in the method's partition folder. Spark writes no file
     * at all for an empty partitioned table, and a folder without one cannot be read back (Spark
     * cannot infer its schema); without the partition folder the method column would be missing.
     */
    public static void writeSchemaOnly(SparkSession spark, StructType schema, Path target, String method)
            throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        FileSystem fs = target.getFileSystem(conf);
        fs.mkdirs(target.getParent());
        Path tmp = AtomicFiles.temporary(target, UUID.randomUUID().toString());
        StructType columns = new StructType(java.util.Arrays.stream(schema.fields())
                .filter(f -> !f.name().equals("method")).toArray(StructField[]::new));
        Path partition = new Path(tmp, "method=" + ExternalCatalogUtils.escapePathName(method));
        try {
            // An unpartitioned write of an empty frame writes one file holding the schema.
            spark.createDataFrame(List.of(), columns).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                    .parquet(partition.toString());
        } catch (Exception e) {
            fs.delete(tmp, true);
            throw new IOException("writing the table " + target + " failed: " + e.getMessage(), e);
        }
        AtomicFiles.commitFolder(fs, tmp, target);
    }

    /** Output files per method of a frames table over {@code tracks} track files. */
    public static int files(long tracks) {
        return (int) Math.max(1, Math.min(10_000, (tracks + TRACKS_PER_FILE - 1) / TRACKS_PER_FILE));
    }

    /** Writes a frames table atomically to {@code target}, in {@code files} files per method. */
    public static void writeFrames(Dataset<Row> frames, Path target, int files) throws IOException {
        write(frames.repartition(files, col("method"), col("track"))
                .sortWithinPartitions("method", "track", "target", "metric", "frame"), target, "method");
    }

    /** Writes a per-track table atomically to {@code target} (one file per method: it is small). */
    public static void writeTracks(Dataset<Row> tracks, Path target) throws IOException {
        write(tracks.repartition(1).sortWithinPartitions("method", "track", "target"), target, "method");
    }

    /**
     * Writes a table (partitioned by the given columns) into a hidden temporary folder next to the target, then
     * renames it into place ({@link AtomicFiles#commitFolder}): readers see the old table or the
     * whole new one; a killed job leaves only the hidden folder, which the next run ignores.
     */
    public static void write(Dataset<Row> table, Path target, String... partitionBy) throws IOException {
        Configuration conf = table.sparkSession().sparkContext().hadoopConfiguration();
        FileSystem fs = target.getFileSystem(conf);
        fs.mkdirs(target.getParent());
        Path tmp = AtomicFiles.temporary(target, UUID.randomUUID().toString());
        try {
            table.write().mode(SaveMode.ErrorIfExists).partitionBy(partitionBy).parquet(tmp.toString());
        } catch (Exception e) {
            // Spark throws its SparkException (checked) undeclared; whatever it is, no half table stays.
            fs.delete(tmp, true);
            throw new IOException("writing the table " + target + " failed: " + e.getMessage(), e);
        }
        AtomicFiles.commitFolder(fs, tmp, target);
    }
}
