package org.wienerspark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.evaluation.EvaluationConfig;
import org.wienerspark.evaluation.EvaluationJob;
import org.wienerspark.evaluation.EvaluationKryoRegistrator;
import org.wienerspark.spark.StemSum;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code evaluate}: scores a corpus of estimates against references (BSSEval v4, global SDR). */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score <estimates>/<track>/<target>.wav against <references>/<track>/<target>.wav with the "
                + "BSS Eval family (museval v4 and v3, mir_eval images and sources, scale-invariant, MDX 2021 global "
                + "SDR); JSON per track and set, summary.csv, summary.md and charts.")
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

    @Option(names = "--aggregate", paramLabel = "NAME=SRC+SRC...",
            description = "a target whose reference file is missing is scored against the sum of these references "
                    + "(repeatable; default: the separation's --aggregate recorded in <estimates>/_report.json, "
                    + "and accompaniment=drums+bass+other as MUSDB)")
    List<String> aggregates = new ArrayList<>();

    // --- metric sets, windows, permutation and mixtures (issue 13) ---

    @Option(names = "--win", paramLabel = "SECONDS|full",
            description = "evaluation window in seconds (1, 1.5s) or 'full' for one window over the whole signal "
                    + "(default: " + EvaluationConfig.DEFAULT_WIN + ")")
    String win;

    @Option(names = "--hop", paramLabel = "SECONDS", description = "step between windows in seconds (default: "
            + EvaluationConfig.DEFAULT_HOP + ")")
    String hop;

    @Option(names = "--win-samples", paramLabel = "N", description = "evaluation window in samples instead of seconds")
    Integer winSamples;

    @Option(names = "--hop-samples", paramLabel = "N", description = "step between windows in samples (default: the "
            + "window)")
    Integer hopSamples;

    @Option(names = "--metrics", split = ",", paramLabel = "LIST",
            description = "metric sets, in output order: v4 (museval v4), v3 (museval v3), images, sources "
                    + "(mir_eval), si (SI-SDR, SI-SIR, SI-SAR, SD-SDR), sdr (MDX 2021 global SDR) (default: v4,sdr)")
    List<String> metrics = new ArrayList<>(EvaluationConfig.DEFAULT_METRICS.stream().map(MetricSet::id).toList());

    @Option(names = "--permutation", description = "search the assignment of estimates to references that maximises "
            + "the mean SIR, per window (v3, images, sources, si)")
    boolean permutation;

    @Option(names = "--mixtures", paramLabel = "DIR", description = "folder of <track>/mixture.wav: every metric "
            + "also for the mixture as the estimate (input_*) and the improvement (SDRi...)")
    String mixtures;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    /** The options above into the builder; the message names the option. */
    private EvaluationConfig.Builder family(EvaluationConfig.Builder b) {
        List<MetricSet> sets = new ArrayList<>();
        for (String m : metrics) {
            try {
                MetricSet set = MetricSet.of(m);
                if (sets.contains(set)) {
                    throw new IllegalArgumentException("--metrics lists '" + set.id() + "' twice");
                }
                sets.add(set);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().startsWith("--") ? e.getMessage()
                        : "--metrics: " + e.getMessage(), e);
            }
        }
        b.metrics(sets).permutation(permutation).mixtures(mixtures).quiet(quiet);
        if (winSamples != null || hopSamples != null) {
            if (win != null || hop != null) {
                throw new IllegalArgumentException("--win/--hop (seconds) and --win-samples/--hop-samples exclude each "
                        + "other");
            }
            if (winSamples == null) {
                throw new IllegalArgumentException("--hop-samples needs --win-samples");
            }
            int hopOrWin = hopSamples == null ? winSamples : hopSamples;
            if (winSamples < 1 || hopOrWin < 1) {
                throw new IllegalArgumentException("--win-samples and --hop-samples must be at least 1 sample, got "
                        + winSamples + " and " + hopOrWin);
            }
            return b.samples(winSamples, hopOrWin);
        }
        if (win != null && win.strip().equalsIgnoreCase("full")) {
            if (hop != null) {
                throw new IllegalArgumentException("--win full takes no --hop");
            }
            return b.full(true);
        }
        return b.win(win == null ? EvaluationConfig.DEFAULT_WIN : seconds("--win", win))
                .hop(hop == null ? EvaluationConfig.DEFAULT_HOP : seconds("--hop", hop));
    }

    /** {@code 1}, {@code 1.5}, {@code 1.5s}: seconds. */
    static double seconds(String option, String value) {
        String v = value.strip().toLowerCase(Locale.ROOT);
        if (v.endsWith("s")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": expected seconds (1, 1.5s) or 'full', got '" + value
                    + "' (use --win-samples/--hop-samples for samples)", e);
        }
    }

    // --- end of the metric set options ---

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
            OptionChecks.folder("--references", references);
            OptionChecks.folder("--estimates", estimates);
            OptionChecks.output("--output", output);
            config = family(EvaluationConfig.builder(references, estimates, output)).targets(targets)
                    .subset(subset).compare(compare).partitions(partitions).framesPerTask(framesPerTask)
                    .method(method).aggregates(aggregates.stream().map(StemSum::parse).toList()).build();
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
