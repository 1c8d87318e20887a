package org.wienerspark.job;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;

/**
 * The corpus evaluation on Spark: the driver plans the tracks from their headers, each track is
 * scored in one task ({@link TrackEvaluator}: streaming, so a task holds the Gram matrix and one
 * chunk, not the track), the results (a few numbers per frame) come back to the driver, which
 * writes the outputs ({@link EvaluationOutputs}). A track that cannot be scored is reported with
 * its file and reason; the others go on.
 */
public final class EvaluationJob {

    private EvaluationJob() {
    }

    /** Runs the evaluation; the report's {@code comparison} is set with {@code --compare}. */
    public static Outcome run(SparkSession spark, EvaluationConfig config) throws IOException {
        long t0 = System.nanoTime();
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        List<EvaluationTrack> plans = new EvaluationPlanner(conf, config).plan();
        List<EvaluationTrack> runnable = new ArrayList<>();
        List<EvaluationResult> results = new ArrayList<>();
        for (EvaluationTrack p : plans) {
            if (p.ok()) {
                runnable.add(p);
            } else {
                results.add(EvaluationResult.failed(p, p.errorFile(), p.error()));
            }
        }
        if (!runnable.isEmpty()) {
            // Longest tracks first, so that they do not start last and hold the job up.
            runnable.sort(Comparator.comparingLong(EvaluationTrack::frames).reversed());
            HadoopConf hc = new HadoopConf(conf);
            int slices = config.partitions() > 0 ? config.partitions() : runnable.size();
            JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            results.addAll(jsc.parallelize(runnable, slices)
                    .map(p -> TrackEvaluator.evaluate(hc.get(), p, config))
                    .collect());
        }
        results.sort(Comparator.comparingInt(r -> r.track().index()));
        EvaluationReport report = new EvaluationReport(config, results, (System.nanoTime() - t0) / 1e9);
        String comparison = new EvaluationOutputs(conf, config).write(report);
        return new Outcome(report, comparison);
    }

    /** The report and, with {@code --compare}, the comparison table (markdown). */
    public record Outcome(EvaluationReport report, String comparison) {
    }
}
