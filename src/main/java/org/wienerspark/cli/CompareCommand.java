package org.wienerspark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import org.wienerspark.compare.CompareConfig;
import org.wienerspark.compare.CompareJob;
import org.wienerspark.compare.RunSpec;
import org.wienerspark.io.BadInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code compare}: compares the scores of several runs (evaluation outputs or museval folders). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Compare runs: each RUN is label=DIR or DIR (labelled by its folder's name), an output of "
                + "'evaluate' or a museval folder (DIR/<subset>/<track>.json, e.g. a SiSEC 2018 submission). Writes "
                + "medians and means per run, paired differences with Wilcoxon signed-rank p-values (Holm adjusted), "
                + "the tracks not scored by every run: compare.md, compare.csv, runs.csv, Parquet tables "
                + "(frames, tracks, compare, runs) and report.html.")
public final class CompareCommand implements Callable<Integer> {

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
    String output;

    @Option(names = "--subset", defaultValue = "test",
            description = "subfolder of the track JSON files (default: ${DEFAULT-VALUE})")
    String subset;

    @Parameters(arity = "1..*", paramLabel = "RUN", description = "label=DIR or DIR")
    List<String> runs = new ArrayList<>();

    @Override
    public Integer call() {
        CompareConfig config;
        try {
            List<RunSpec> specs = new ArrayList<>();
            for (String r : runs) {
                specs.add(RunSpec.parse(r));
            }
            config = new CompareConfig(specs, output, subset).validate();
        } catch (IllegalArgumentException e) {
            System.err.println("wiener-spark compare: " + e.getMessage());
            return 2;
        }
        boolean owned = SparkSession.getDefaultSession().isEmpty();
        SparkConf conf = new SparkConf().setAppName("wiener-spark compare")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        SparkSession spark = SparkSession.builder().config(conf).getOrCreate();
        try {
            CompareJob.Outcome outcome = CompareJob.run(spark, config);
            System.out.print(org.wienerspark.compare.CompareOutputs.markdown(outcome.comparison()));
            System.out.println();
            System.out.println("report: " + outcome.report());
            return outcome.unreadable() > 0 ? 1 : 0;
        } catch (BadInputException e) {
            System.err.println("wiener-spark compare: " + e.getMessage());
            return 1;
        } catch (Exception e) {
            e.printStackTrace();
            System.err.println("wiener-spark compare: " + e.getMessage());
            return 1;
        } finally {
            if (owned) {
                spark.stop();
            }
        }
    }
}
