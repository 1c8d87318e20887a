package org.wienerspark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.evaluation.EvaluationConfig;
import org.wienerspark.evaluation.EvaluationJob;
import org.wienerspark.evaluation.EvaluationKryoRegistrator;
import org.wienerspark.spark.SparkSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evaluate}: scores a corpus of estimates against references (BSSEval v4, global SDR). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score <estimates>/<track>/<target>.wav against <references>/<track>/<target>.wav: BSSEval v4 "
                + "as museval computes it and the MDX 2021 global SDR; museval JSON per track, summary.csv, "
                + "summary.md and sdr.png.")
public final class EvaluateCommand implements Callable<Integer> {

    @Option(names = "--references", required = true, paramLabel = "DIR", description = "folder of <track>/<target>.wav")
    String references;

    @Option(names = "--estimates", required = true, paramLabel = "DIR", description = "folder of <track>/<target>.wav")
    String estimates;

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
    String output;

    @Option(names = "--targets", split = ",", paramLabel = "NAMES",
            description = "targets to score (default: vocals,drums,bass,other)")
    List<String> targets = new ArrayList<>(EvaluationConfig.DEFAULT_TARGETS);

    @Option(names = "--win", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "evaluation window (default: ${DEFAULT-VALUE})")
    double win;

    @Option(names = "--hop", defaultValue = "1.0", paramLabel = "SECONDS",
            description = "step between windows (default: ${DEFAULT-VALUE})")
    double hop;

    @Option(names = "--metrics", split = ",", paramLabel = "LIST",
            description = "v4 (framewise BSSEval v4), sdr (global SDR) or both (default: v4,sdr)")
    List<String> metrics = new ArrayList<>(List.of("v4", "sdr"));

    @Option(names = "--subset", defaultValue = "test", description = "subfolder of the JSON files (default: ${DEFAULT-VALUE})")
    String subset;

    @Option(names = "--compare", paramLabel = "OTHER_OUTPUT",
            description = "another evaluation's output folder: writes compare.md and compare.png")
    String compare;

    @Option(names = "--partitions", defaultValue = "0",
            description = "tasks of the filter step (default: one per track)")
    int partitions;

    @Option(names = "--frames-per-task", defaultValue = "0", paramLabel = "N",
            description = "windows scored per task (default: automatic, about two tasks per core)")
    int framesPerTask;

    @Override
    public Integer call() {
        EvaluationConfig config;
        try {
            boolean v4 = false;
            boolean sdr = false;
            for (String m : metrics) {
                switch (m.strip().toLowerCase(Locale.ROOT)) {
                    case "v4" -> v4 = true;
                    case "sdr" -> sdr = true;
                    default -> throw new IllegalArgumentException("--metrics: unknown metric '" + m
                            + "' (known: v4, sdr)");
                }
            }
            config = new EvaluationConfig(references, estimates, output, targets, win, hop, v4, sdr, subset, compare,
                    partitions, framesPerTask).validate();
        } catch (IllegalArgumentException e) {
            System.err.println("wiener-spark evaluate: " + e.getMessage());
            return 2;
        }
        boolean owned = SparkSession.getDefaultSession().isEmpty();
        SparkConf conf = SparkSetup.configure(new SparkConf().setAppName("wiener-spark evaluate"),
                EvaluationKryoRegistrator.class);
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            EvaluationJob.Outcome outcome = EvaluationJob.run(spark, config);
            outcome.report().print(System.out);
            if (outcome.comparison() != null) {
                System.out.println();
                System.out.print(outcome.comparison());
            }
            return outcome.report().failed() > 0 ? 1 : 0;
        } catch (Exception e) {
            System.err.println("wiener-spark evaluate: " + e.getMessage());
            return 1;
        } finally {
            if (owned) {
                spark.stop();
            }
        }
    }
}
