package org.wienerspark.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.eval.TrackMetrics;
import org.wienerspark.io.OutputLease;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.HadoopConf;
import org.wienerspark.spark.OutputLock;
import org.wienerspark.spark.ProgressListener;

/**
 * The corpus evaluation on Spark. The driver plans the tracks from their headers; then
 * <ol>
 *   <li>one task per track fits the distortion filters ({@link TrackEvaluator#fit}: a streaming
 *       pass and one dense solve) and the global SDR;</li>
 *   <li>the filters (a few hundred kilobytes per track) are broadcast and the windows of all tracks
 *       are scored in tasks of {@code --frames-per-task} windows ({@link TrackEvaluator#scoreFrames}),
 *       so a corpus of a few long tracks still keeps every core busy;</li>
 *   <li>the results (a few numbers per window) come back to the driver, which writes the outputs
 *       ({@link EvaluationOutputs}).</li>
 * </ol>
 * A track that cannot be scored is reported with its file and reason; the others go on.
 */
public final class EvaluationJob {

    private EvaluationJob() {
    }

    /** The report, with {@code --compare} the comparison table (markdown), and the report page's path. */
    public record Outcome(EvaluationReport report, String comparison, org.apache.hadoop.fs.Path page) {
    }

    /** Runs the evaluation and writes its outputs. */
    public static Outcome run(SparkSession spark, EvaluationConfig config) throws IOException {
        try (OutputLease lease = OutputLock.take(spark, config.output(), "evaluate")) {
            return run(spark, config, lease);
        }
    }

    /** The evaluation, holding the output folder's lease. */
    private static Outcome run(SparkSession spark, EvaluationConfig config, OutputLease lease) throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<EvaluationTrack> plans = new EvaluationPlanner(conf, config).plan();
        List<EvaluationTrack> runnable = new ArrayList<>();
        List<EvaluationResult> results = new ArrayList<>();
        for (EvaluationTrack p : plans) {
            if (p.ok()) {
                runnable.add(p);
            } else {
                results.add(EvaluationResult.failed(p, p.failure()));
            }
        }
        ProgressListener progress = config.quiet() ? null
                : new ProgressListener(System.err, runnable.size(), t0, "tracks");
        if (progress != null) {
            spark.sparkContext().addSparkListener(progress);
        }
        try {
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            if (!runnable.isEmpty() && (config.v4() || config.globalSdr())) {
                results.addAll(score(jsc, new HadoopConf(conf), config, runnable, progress));
            } else {
                for (EvaluationTrack p : runnable) {
                    results.add(EvaluationResult.ok(p, List.of(), null));
                }
            }
            if (!runnable.isEmpty() && config.familyTask()) {
                results = wholeSignal(jsc, new HadoopConf(conf), config, runnable, results, progress);
            }
        } finally {
            if (progress != null) {
                progress.done();
                spark.sparkContext().removeSparkListener(progress);
            }
        }
        results.sort(Comparator.comparingInt(r -> r.track().index()));
        EvaluationReport report = new EvaluationReport(config, results, (System.nanoTime() - t0) / 1e9);
        lease.checkHeld(); // taken over by another run: the folder is no longer ours to write
        String comparison = new EvaluationOutputs(conf, config).write(report);
        // The scores as Parquet tables and the report page, last: they are derived from the files above.
        org.apache.hadoop.fs.Path page = EvaluationTables.write(spark, config, report);
        return new Outcome(report, comparison, page);
    }

    /**
     * The whole-signal sets ({@link WholeSignalEvaluator#family}), one task per track, merged into the
     * results; a track whose whole-signal step fails is reported failed with its file and reason.
     */
    private static List<EvaluationResult> wholeSignal(JavaSparkContext jsc, HadoopConf hc, EvaluationConfig config,
                                                      List<EvaluationTrack> runnable, List<EvaluationResult> results,
                                                      ProgressListener progress) {
        List<EvaluationTrack> todo = new ArrayList<>();
        for (EvaluationResult r : results) {
            if (r.ok()) {
                todo.add(r.track());
            }
        }
        if (todo.isEmpty()) {
            return results;
        }
        if (progress != null) {
            progress.phase("whole-signal sets " + String.join(",", config.family().stream()
                    .map(org.wienerspark.eval.MetricSet::id).toList()) + (config.mixtures() != null ? " + mixtures" : ""));
        }
        todo.sort(Comparator.comparingLong(EvaluationTrack::frames).reversed());
        Map<Integer, FamilyScores> scores = new HashMap<>();
        for (FamilyScores f : jsc.parallelize(todo, todo.size())
                .map(p -> WholeSignalEvaluator.family(hc.get(), p, config)).collect()) {
            scores.put(f.track().index(), f);
        }
        List<EvaluationResult> out = new ArrayList<>();
        for (EvaluationResult r : results) {
            FamilyScores f = scores.get(r.track().index());
            out.add(f == null ? r : r.with(f));
        }
        return out;
    }

    private static List<EvaluationResult> score(JavaSparkContext jsc, HadoopConf hc, EvaluationConfig config,
                                                List<EvaluationTrack> runnable, ProgressListener progress) {
        if (progress != null) {
            progress.phase(config.v4() ? "fit v4 filters" : "global SDR");
        }
        // Longest tracks first, so that they do not start last and hold the job up.
        runnable.sort(Comparator.comparingLong(EvaluationTrack::frames).reversed());
        int slices = config.partitions() > 0 ? config.partitions() : runnable.size();
        List<TrackEvaluator.TrackFit> fits = jsc.parallelize(runnable, slices)
                .map(p -> TrackEvaluator.fit(hc.get(), p, config))
                .collect();
        List<EvaluationResult> results = new ArrayList<>();
        Map<Integer, TrackEvaluator.TrackFit> ok = new HashMap<>();
        long windows = 0;
        for (TrackEvaluator.TrackFit f : fits) {
            if (f.ok()) {
                ok.put(f.track().index(), f);
                windows += (long) f.groups().size() * TrackEvaluator.framing(f.track(), config).count();
            } else {
                results.add(EvaluationResult.failed(f.track(), f.failure()));
            }
        }
        int per = config.framesPerTask() > 0 ? config.framesPerTask()
                : (int) Math.max(EvaluationConfig.MIN_FRAMES_PER_TASK,
                        (windows + 2L * jsc.defaultParallelism() - 1) / (2L * jsc.defaultParallelism()));
        List<TrackEvaluator.FrameTask> tasks = new ArrayList<>();
        for (TrackEvaluator.TrackFit f : ok.values()) {
            int frames = TrackEvaluator.framing(f.track(), config).count();
            for (int g = 0; g < f.groups().size(); g++) {
                for (int from = 0; from < frames; from += per) {
                    tasks.add(new TrackEvaluator.FrameTask(f.track().index(), g, from, Math.min(frames, from + per)));
                }
            }
        }
        List<TrackEvaluator.FrameScores> scores = List.of();
        if (!tasks.isEmpty()) {
            if (progress != null) {
                progress.phase("score v4 windows");
            }
            Broadcast<HashMap<Integer, TrackEvaluator.TrackFit>> filters = jsc.broadcast(new HashMap<>(ok));
            scores = jsc.parallelize(tasks, tasks.size())
                    .map(t -> TrackEvaluator.scoreFrames(hc.get(), filters.value().get(t.track()), t, config))
                    .collect();
            filters.destroy();
        }
        Map<Integer, List<TrackEvaluator.FrameScores>> byTrack = new HashMap<>();
        for (TrackEvaluator.FrameScores s : scores) {
            byTrack.computeIfAbsent(s.task().track(), k -> new ArrayList<>()).add(s);
        }
        for (TrackEvaluator.TrackFit f : ok.values()) {
            results.add(assemble(f, byTrack.getOrDefault(f.track().index(), List.of()), config));
        }
        return results;
    }

    /** A track's result from its fit and the scores of its window ranges. */
    private static EvaluationResult assemble(TrackEvaluator.TrackFit fit, List<TrackEvaluator.FrameScores> scores,
                                             EvaluationConfig config) {
        EvaluationTrack plan = fit.track();
        for (TrackEvaluator.FrameScores s : scores) {
            if (s.failure() != null) {
                return EvaluationResult.failed(plan, s.failure());
            }
        }
        var framing = TrackEvaluator.framing(plan, config);
        int frames = framing.count();
        List<EvaluationResult.Group> groups = new ArrayList<>();
        for (int g = 0; g < fit.groups().size(); g++) {
            TrackEvaluator.GroupFit gf = fit.groups().get(g);
            int s = gf.plan().members().length;
            double[][] m = new double[4][s * frames];
            int covered = 0;
            for (TrackEvaluator.FrameScores fs : scores) {
                if (fs.task().group() != g) {
                    continue;
                }
                int from = fs.task().from();
                int count = fs.task().to() - from;
                for (int k = 0; k < 4; k++) {
                    for (int j = 0; j < s; j++) {
                        System.arraycopy(fs.metrics(), (k * s + j) * count, m[k], j * frames + from, count);
                    }
                }
                covered += count;
            }
            if (covered != frames) {
                return EvaluationResult.failed(plan, Failure.of(plan.name(), "internal error: " + covered + " of "
                        + frames + " windows scored"));
            }
            List<String> names = new ArrayList<>();
            for (int member : gf.plan().members()) {
                names.add(config.targets().get(member));
            }
            groups.add(new EvaluationResult.Group(names, new TrackMetrics(framing, s, m[0], m[1], m[2], m[3], null,
                    gf.filters().solver()), gf.plan().reported()));
        }
        return EvaluationResult.ok(plan, groups, fit.globalSdr());
    }
}
