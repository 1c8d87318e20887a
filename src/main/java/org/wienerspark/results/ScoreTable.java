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
 * the status and the note (a failed track is one row with a null target).
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

    public static final StructType TRACKS_SCHEMA = new StructType(new StructField[]{
        DataTypes.createStructField("method", DataTypes.StringType, false),
        DataTypes.createStructField("track", DataTypes.StringType, false),
        DataTypes.createStructField("target", DataTypes.StringType, true),
        DataTypes.createStructField("SDR", DataTypes.DoubleType, true),
        DataTypes.createStructField("SIR", DataTypes.DoubleType, true),
        DataTypes.createStructField("ISR", DataTypes.DoubleType, true),
        DataTypes.createStructField("SAR", DataTypes.DoubleType, true),
        DataTypes.createStructField("global_SDR", DataTypes.DoubleType, true),
        DataTypes.createStructField("frames", DataTypes.IntegerType, false),
        DataTypes.createStructField("status", DataTypes.StringType, false),
        DataTypes.createStructField("note", DataTypes.StringType, false),
    });

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
        double[] v = s.values();
        return RowFactory.create(s.method(), s.track(), s.target(), nullable(v[0]), nullable(v[1]), nullable(v[2]),
                nullable(v[3]), nullable(v[4]), s.frames(), s.status(), s.note());
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
     * (what the evaluation job writes beside its JSON; the driver holds the scores).
     */
    public static void writeRun(SparkSession spark, Path out, String method, List<TrackScores> scores,
                                List<TrackSummary> summaries) throws IOException {
        writeFrames(frames(spark, method, scores), new Path(out, FRAMES), files(scores.size()));
        List<TrackSummary> labelled = new ArrayList<>(summaries.size());
        for (TrackSummary s : summaries) {
            labelled.add(s.withMethod(method));
        }
        writeTracks(tracks(spark, labelled), new Path(out, TRACKS));
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
