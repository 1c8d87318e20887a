package org.wienerspark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;
import org.wienerspark.evaluation.EvaluationConfig;
import org.wienerspark.evaluation.EvaluationJob;
import org.wienerspark.evaluation.EvaluationKryoRegistrator;
import org.wienerspark.evaluation.MetricSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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

    @Mixin
    RunOptions runOptions = new RunOptions();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
    String output;

    @Option(names = "--targets", split = ",", paramLabel = "NAMES",
            description = "targets to score (default: vocals,drums,bass,other)")
    List<String> targets = new ArrayList<>(EvaluationConfig.DEFAULT_TARGETS);

    @Option(names = "--win", defaultValue = "" + EvaluationConfig.DEFAULT_WIN, paramLabel = "SECONDS",
            description = "evaluation window (default: ${DEFAULT-VALUE})")
    double win;

    @Option(names = "--hop", defaultValue = "" + EvaluationConfig.DEFAULT_HOP, paramLabel = "SECONDS",
            description = "step between windows (default: ${DEFAULT-VALUE})")
    double hop;

    @Option(names = "--metrics", split = ",", paramLabel = "LIST",
            description = "v4 (framewise BSSEval v4), sdr (global SDR) or both (default: v4,sdr)")
    List<String> metrics = new ArrayList<>(EvaluationConfig.DEFAULT_METRICS.stream().sorted().map(MetricSet::option)
            .toList());

    @Option(names = "--subset", defaultValue = EvaluationConfig.DEFAULT_SUBSET, description = "subfolder of the JSON files (default: ${DEFAULT-VALUE})")
    String subset;

    @Option(names = "--compare", paramLabel = "OTHER_OUTPUT",
            description = "another evaluation's output folder: writes compare.md and compare.png")
    String compare;

    @Option(names = "--method", paramLabel = "NAME",
            description = "the run's label in frames.parquet, tracks.parquet and report.html "
                    + "(default: the estimates folder's name)")
    String method;

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
            Set<MetricSet> sets = EnumSet.noneOf(MetricSet.class);
            for (String m : metrics) {
                sets.add(MetricSet.parse(m));
            }
            config = EvaluationConfig.builder(references, estimates, output).targets(targets).win(win).hop(hop)
                    .metrics(sets).subset(subset).compare(compare).partitions(partitions).framesPerTask(framesPerTask)
                    .method(method).build();
        } catch (IllegalArgumentException e) {
            return SparkCommands.usage("evaluate", e);
        }
        return SparkCommands.run("evaluate", EvaluationKryoRegistrator.class, config.output(), runOptions, spark -> {
            EvaluationJob.Outcome outcome = EvaluationJob.run(spark, config);
            outcome.report().print(System.out);
            if (outcome.comparison() != null) {
                System.out.println();
                System.out.print(outcome.comparison());
            }
            System.out.println("report: " + outcome.page());
            return outcome.report().failed() > 0 ? SparkCommands.TRACK_FAILED : SparkCommands.OK;
        });
    }
}
