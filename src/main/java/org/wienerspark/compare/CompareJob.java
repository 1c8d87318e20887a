package org.wienerspark.compare;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.io.BadInputException;
import org.wienerspark.results.Comparison;
import org.wienerspark.results.MusevalReader;
import org.wienerspark.results.RunScores;
import org.wienerspark.results.ScoreTable;
import org.wienerspark.results.SummaryCsv;
import org.wienerspark.results.TrackScores;
import org.wienerspark.results.TrackSummary;
import org.wienerspark.spark.HadoopConf;

/**
 * The comparison of runs on Spark. The driver lists each run's files; the track JSON files are
 * read by the executors, which write the long-format frames table of all runs (it can hold
 * hundreds of millions of rows, so it never passes through the driver) and return the per-track
 * medians (a few numbers per track), from which the driver computes the {@link Comparison} and
 * writes the outputs ({@link CompareOutputs}). A file that cannot be read fails its track, with
 * the file and the reason; the other tracks go on.
 */
public final class CompareJob {

    private static final Logger LOG = LoggerFactory.getLogger(CompareJob.class);

    private static final StructType INPUT_SCHEMA = new StructType()
            .add("method", DataTypes.StringType, false)
            .add("track", DataTypes.StringType, false)
            .add("path", DataTypes.StringType, false);

    private CompareJob() {
    }

    /** A run's folder, what it is, and its track files. */
    record RunFiles(RunSpec spec, String kind, List<Path> json, Path summary) {
    }

    /** The comparison and the tracks whose files could not be read in this run. */
    public record Outcome(Comparison comparison, int unreadable, Path report) {
    }

    public static Outcome run(SparkSession spark, CompareConfig config) throws IOException {
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<RunFiles> files = new ArrayList<>();
        for (RunSpec r : config.runs()) {
            files.add(list(conf, r, config.subset()));
        }
        List<Row> inputs = new ArrayList<>();
        for (RunFiles f : files) {
            for (Path p : f.json()) {
                inputs.add(RowFactory.create(f.spec().label(), MusevalReader.trackName(p), p.toString()));
            }
        }
        Path out = new Path(config.output());
        FileSystem fs = out.getFileSystem(conf);
        fs.mkdirs(out);
        int maxTracks = files.stream().mapToInt(f -> f.json().size()).max().orElse(0);
        int slices = Math.max(1, Math.min(inputs.size(), 4 * spark.sparkContext().defaultParallelism()));
        Dataset<Row> in = spark.createDataFrame(inputs, INPUT_SCHEMA).repartition(slices);
        HadoopConf hc = new HadoopConf(conf);
        Dataset<Row> frames = in.flatMap((FlatMapFunction<Row, Row>) r -> frameRows(hc, r),
                Encoders.row(ScoreTable.FRAMES_SCHEMA));
        ScoreTable.writeFrames(frames, new Path(out, ScoreTable.FRAMES), ScoreTable.files(maxTracks));

        // Per-track medians from the JSON, read again (cheaper than caching the frames).
        List<Row> medians = in.flatMap((FlatMapFunction<Row, Row>) r -> summaryRows(hc, r),
                Encoders.row(ScoreTable.TRACKS_SCHEMA)).collectAsList();
        Map<String, List<TrackSummary>> fromJson = new LinkedHashMap<>();
        int unreadable = 0;
        for (Row r : medians) {
            TrackSummary s = summary(r);
            fromJson.computeIfAbsent(s.method(), k -> new ArrayList<>()).add(s);
            if (!s.ok()) {
                unreadable++;
            }
        }
        List<RunScores> runs = new ArrayList<>();
        for (RunFiles f : files) {
            String label = f.spec().label();
            List<TrackSummary> tracks;
            if (f.summary() != null) {
                // The evaluation's own table: the same medians (MusevalJsonTest), plus the global
                // SDR, the failed tracks and the notes; unreadable JSON files are added as failures.
                tracks = new ArrayList<>(SummaryCsv.read(conf, f.summary(), label));
                for (TrackSummary s : fromJson.getOrDefault(label, List.of())) {
                    if (!s.ok()) {
                        tracks.add(s);
                    }
                }
            } else {
                tracks = new ArrayList<>(fromJson.getOrDefault(label, List.of()));
            }
            tracks.sort(Comparator.comparing(TrackSummary::track));
            runs.add(new RunScores(label, f.spec().dir(), f.kind(), tracks));
        }
        List<TrackSummary> all = new ArrayList<>();
        runs.forEach(r -> all.addAll(r.tracks()));
        ScoreTable.writeTracks(ScoreTable.tracks(spark, all), new Path(out, ScoreTable.TRACKS));
        Comparison comparison = Comparison.of(runs);
        Path report = new CompareOutputs(spark, config).write(comparison);
        return new Outcome(comparison, unreadable, report);
    }

    /** A run's folder: an evaluation's output (summary.csv) or a museval folder (subset/*.json). */
    static RunFiles list(Configuration conf, RunSpec spec, String subset) throws IOException {
        Path dir = new Path(spec.dir());
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
            throw new BadInputException(spec.dir(), "run '" + spec.label() + "': no such folder");
        }
        if (!fs.getFileStatus(dir).isDirectory()) {
            throw new BadInputException(spec.dir(), "run '" + spec.label() + "': not a folder");
        }
        Path summary = new Path(dir, SummaryCsv.NAME);
        Path sub = new Path(dir, subset);
        List<Path> json = new ArrayList<>();
        if (fs.exists(sub) && fs.getFileStatus(sub).isDirectory()) {
            for (FileStatus st : fs.listStatus(sub)) {
                String name = st.getPath().getName();
                if (st.isFile() && name.endsWith(".json") && !name.startsWith(".") && !name.startsWith("_")) {
                    json.add(st.getPath());
                }
            }
        }
        Collections.sort(json);
        boolean evaluation = fs.exists(summary);
        if (!evaluation && json.isEmpty()) {
            throw new BadInputException(spec.dir(), "run '" + spec.label() + "': neither an evaluation's output ("
                    + SummaryCsv.NAME + ") nor a museval folder (" + subset + "/<track>.json)");
        }
        return new RunFiles(spec, evaluation ? RunScores.EVALUATION : RunScores.MUSEVAL, json,
                evaluation ? summary : null);
    }

    private static Iterator<Row> frameRows(HadoopConf hc, Row in) {
        Path file = new Path(in.getString(2));
        try {
            return ScoreTable.frameRows(in.getString(0), MusevalReader.read(hc.get(), file)).iterator();
        } catch (IOException | RuntimeException e) {
            // Reported with the track by summaryRows; nothing of the file goes into the table.
            return Collections.emptyIterator();
        }
    }

    private static Iterator<Row> summaryRows(HadoopConf hc, Row in) {
        String method = in.getString(0);
        String track = in.getString(1);
        Path file = new Path(in.getString(2));
        List<Row> rows = new ArrayList<>();
        try {
            TrackScores scores = MusevalReader.read(hc.get(), file);
            for (TrackSummary s : scores.summaries(method)) {
                rows.add(ScoreTable.trackRow(s));
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("run {}: cannot read {}", method, file, e);
            String reason = e instanceof BadInputException b ? b.file() + ": " + b.problem()
                    : file + ": " + e.getMessage();
            rows.add(ScoreTable.trackRow(TrackSummary.failed(method, track, reason)));
        }
        return rows.iterator();
    }

    private static TrackSummary summary(Row r) {
        double[] v = new double[TrackSummary.COLUMNS.size()];
        for (int c = 0; c < v.length; c++) {
            v[c] = r.isNullAt(3 + c) ? Double.NaN : r.getDouble(3 + c);
        }
        return new TrackSummary(r.getString(0), r.getString(1), r.isNullAt(2) ? null : r.getString(2), v,
                r.getInt(8), r.getString(9), r.getString(10));
    }
}
