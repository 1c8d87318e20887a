package org.wienerspark.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.separation.Aggregate;
import org.wienerspark.separation.JobStoppedException;
import org.wienerspark.separation.Precision;
import org.wienerspark.separation.ReportWriteException;
import org.wienerspark.separation.SeparationConfig;
import org.wienerspark.separation.SeparationJob;
import org.wienerspark.separation.SeparationKryoRegistrator;
import org.wienerspark.separation.SeparationReport;
import org.wienerspark.spark.Status;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;


/** {@code separate}: refines the estimates of a corpus with multichannel Wiener filtering and EM. */
@Command(name = "separate", mixinStandardHelpOptions = true, defaultValueProvider = SeparateDefaults.class,
        description = "Refine source estimates of a corpus (norbert's wiener) and write <output>/<track>/<source>.wav.")
public final class SeparateCommand implements Callable<Integer> {

    @Option(names = "--mixtures", paramLabel = "DIR", description = "folder of <track>/mixture.wav (MUSDB18 layout)")
    String mixtures;

    @Option(names = "--estimates", paramLabel = "DIR", description = "folder of <track>/<source>.wav estimates")
    String estimates;

    @Option(names = "--spectrograms", paramLabel = "DIR",
            description = "folder of <track>/<source>.npy magnitude spectrograms (frames, bins, channels or 1)")
    String spectrograms;

    @Option(names = "--manifest", paramLabel = "FILE", description = "CSV with header track,mixture,source,estimate")
    String manifest;

    @Mixin
    RunOptions runOptions = new RunOptions();

    @Option(names = "--output", required = true, paramLabel = "DIR", description = "output folder")
    String output;

    @Option(names = "--sources", split = ",", paramLabel = "NAMES",
            description = "sources to use (default: every estimate file found)")
    List<String> sources = new ArrayList<>();

    @Option(names = "--iterations", description = "EM iterations (default: ${DEFAULT-VALUE})")
    int iterations;

    @Option(names = "--softmask", negatable = true, fallbackValue = "true",
            description = "initial estimate by ratio mask; --no-softmask: magnitudes with the mixture phase")
    boolean softmask;

    @Option(names = "--eps", description = "regularisation (default: machine epsilon of double, ${DEFAULT-VALUE})")
    double eps;

    @Option(names = "--alpha", description = "exponent applied to magnitudes to form v (default: ${DEFAULT-VALUE})")
    double alpha;

    @Option(names = "--residual", description = "add a residual source (residual.wav)")
    boolean residual;

    @Option(names = "--n-fft", description = "FFT size (default: ${DEFAULT-VALUE})")
    int nFft;

    @Option(names = "--hop", description = "hop size (default: ${DEFAULT-VALUE})")
    int hop;

    @Option(names = "--block-frames", description = "frames per block (default: ${DEFAULT-VALUE})")
    int blockFrames;

    @Option(names = "--em-window-frames",
            description = "0: statistics over the whole track (norbert); N: over chunks of N frames (Open-Unmix uses 300)")
    int emWindowFrames;

    @Option(names = "--output-format",
            description = "same (WAV as the mixture), pcm16, pcm24, float32, float64 (WAV), flac (FLAC, 16 or 24 bits as the mixture), flac16, flac24 (default: ${DEFAULT-VALUE})")
    String outputFormat;

    @Option(names = "--aggregate", paramLabel = "NAME=SRC+SRC...",
            description = "also write the sum of these stems as <track>/NAME (repeatable), "
                    + "e.g. accompaniment=drums+bass+other")
    List<String> aggregates = new ArrayList<>();

    @Option(names = "--broadcast-limit-mb",
            description = "statistics up to this size are broadcast, larger ones joined (default: ${DEFAULT-VALUE})")
    long broadcastLimitMb;

    @Option(names = "--partitions", description = "block partitions (default: auto, tasks of 4 consecutive blocks of one track)")
    int partitions;

    @Option(names = "--quiet", description = "no progress output")
    boolean quiet;

    @Option(names = "--cache-blocks", negatable = true, fallbackValue = "true",
            description = "keep blocks (x and v, serialised on local disk) between EM iterations, or recompute "
                    + "them from the inputs with --no-cache-blocks; caching measured faster (default: "
                    + "${DEFAULT-VALUE})")
    boolean cacheBlocks;

    @Option(names = "--cache-limit-gb",
            description = "with cached blocks, separate the tracks in batches whose cached blocks stay under this "
                    + "many GB of the executors' local disk (a longer track is a batch of its own); 0 = one batch "
                    + "(default: ${DEFAULT-VALUE})")
    double cacheLimitGb;

    @Option(names = "--overwrite", description = "redo every track (default: skip tracks whose _SUCCESS marker "
            + "matches the settings and inputs)")
    boolean overwrite;

    @Option(names = "--fail-fast", description = "stop at the first failed track (default: finish the others)")
    boolean failFast;

    @Option(names = "--checkpoint-every",
            description = "checkpoint blocks to <output>/_checkpoints every N EM iterations, 0 = never "
                    + "(default: ${DEFAULT-VALUE})")
    int checkpointEvery;

    @Option(names = "--precision",
            description = "double, or float: blocks keep x and v in float32 (half the bytes stored "
                    + "between stages); statistics and kernels stay in double (default: ${DEFAULT-VALUE})")
    String precision;

    /** GB to bytes; negative and non-finite values stay invalid for the config's check. */
    private static long gigabytes(double gb) {
        return Double.isFinite(gb) ? (long) (gb * (1L << 30)) : -1;
    }

    @Override
    public Integer call() {
        SeparationConfig config;
        try {
            OptionChecks.nonNegative("--broadcast-limit-mb", broadcastLimitMb);
            OptionChecks.nonNegative("--partitions", partitions);
            OptionChecks.stft(nFft, hop);
            OptionChecks.folder("--mixtures", mixtures);
            OptionChecks.folder("--estimates", estimates);
            OptionChecks.folder("--spectrograms", spectrograms);
            OptionChecks.output("--output", output);
            config = SeparationConfig.builder().mixtures(mixtures).estimates(estimates).spectrograms(spectrograms)
                    .manifest(manifest).output(output).sources(sources).iterations(iterations).softmask(softmask)
                    .eps(eps).alpha(alpha).residual(residual).nFft(nFft).hop(hop).blockFrames(blockFrames)
                    .emWindowFrames(emWindowFrames).outputFormat(AudioOutputFormat.parse(outputFormat))
                    .aggregates(aggregates.stream().map(Aggregate::parse).toList())
                    .broadcastLimitBytes(broadcastLimitMb << 20).partitions(partitions).quiet(quiet)
                    .cacheBlocks(cacheBlocks).overwrite(overwrite).failFast(failFast).checkpointEvery(checkpointEvery)
                    .precision(Precision.parse(precision)).cacheLimitBytes(gigabytes(cacheLimitGb)).build();
        } catch (IllegalArgumentException e) {
            return SparkCommands.usage("separate", e);
        }
        return SparkCommands.run("separate", SeparationKryoRegistrator.class, config.output(), runOptions, spark -> {
            SeparationReport report;
            try {
                report = SeparationJob.run(spark, config);
            } catch (JobStoppedException e) {
                // The final report is written: the table, then why the job stopped.
                e.report().print(System.out);
                System.err.println("wiener-spark separate: " + e.getMessage() + " (see the log; " + config.output()
                        + "/_report.json lists the tracks done, failed and not run)");
                return SparkCommands.TRACK_FAILED;
            } catch (ReportWriteException e) {
                // The console is the only account of the run left.
                e.report().print(System.out);
                System.err.println("wiener-spark separate: " + e.getMessage());
                return SparkCommands.TRACK_FAILED;
            }
            report.print(System.out);
            return report.count(Status.FAILED) > 0 ? SparkCommands.TRACK_FAILED : SparkCommands.OK;
        });
    }
}
