package org.wienerspark.separation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSError;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.dsp.Stft;
import org.wienerspark.io.OutputLease;
import org.wienerspark.spark.OutputLock;


/**
 * The distributed separation: norbert's {@code wiener} for every track of a corpus, with the
 * tracks cut into blocks of frames.
 *
 * <p>The tracks are run in batches ({@link #batches}), each by a {@link Batch} through the stage
 * classes (one Spark job each, on RDDs: the data are dense arrays whose kernels are plain
 * loops, so Datasets' columnar encoders would only add copies):
 * <ol>
 *   <li>{@link ScaleStage}: each block's largest mixture modulus over its owned frames, reduced per track
 *       by maximum, gives the reference's scale {@code max(1, max|x|/10)} (only when EM runs);</li>
 *   <li>{@link EmPassStage} (load): each block reads its samples, computes the STFTs and initial estimates, divides by
 *       the scale; then, in the same pass, the statistics of those estimates and their power
 *       spectral densities v ({@link EmPass});</li>
 *   <li>each EM iteration ({@link EmPassStage#models}, {@link ModelRouting}): an aggregation of the spatial covariance statistics per (track,
 *       group) over owned frames, merged in partition order, then a map applying the Wiener
 *       gains block by block, fused with the statistics of the next iteration; between
 *       iterations a block keeps x and v, not the estimates. The matrices reach the blocks by
 *       broadcast when they are small, or by a co-partitioned join (each partition receives only
 *       the models of its blocks). Each pass reads the previous one's blocks back from local
 *       disk, or with --no-cache-blocks recomputes them from the inputs;</li>
 *   <li>{@link WriteStage}: the inverse STFT of each block's owned samples, shuffled to one task per track in
 *       block order and streamed into the WAV files.</li>
 * </ol>
 */
public final class SeparationJob {

    private static final Logger LOG = LoggerFactory.getLogger(SeparationJob.class);

    private SeparationJob() {
    }

    /**
     * Runs the job; returns the report (also written to {@code <output>/_report.json}).
     *
     * @throws JobStoppedException   when the job stopped before every track was run (a Spark
     *                               abort, a driver error), after writing the final report
     * @throws ReportWriteException  when the report itself cannot be written
     */
    public static SeparationReport run(SparkSession spark, SeparationConfig config) throws IOException {
        config.validate();
        try (OutputLease lease = OutputLock.take(spark, config.output(), "separate")) {
            return run(spark, config, lease);
        }
    }

    /** The run, holding the output folder's lease. */
    private static SeparationReport run(SparkSession spark, SeparationConfig config, OutputLease lease)
            throws IOException {
        long startNanos = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        List<TrackPlan> plans = new CorpusPlanner(hadoop, config).plan();
        SeparationReport report = new SeparationReport(config, plans);
        OutputLayout out = new OutputLayout(hadoop, config.output());
        out.prepare();
        out.removeLeftCheckpoints();

        List<TrackPlan> todo = new ArrayList<>();
        for (TrackPlan p : plans) {
            if (p.ok() && !config.overwrite() && out.isComplete(p, config)) {
                report.track(TrackResult.skipped(p.index(), "already complete: its _SUCCESS marker matches the "
                        + "settings and inputs (--overwrite redoes it)"));
            } else if (p.ok()) {
                todo.add(p);
            }
        }
        Throwable stop = null;
        try {
            for (TrackPlan p : todo) {
                // What a killed or stopped run left (the lease makes them no other run's).
                out.deleteTemporaries(p.name());
                // A track being redone loses its old marker first: until the new one is written it is
                // incomplete. Here, not in the write task, where a speculative copy starting the
                // track could delete the marker its twin attempt had just written.
                out.deleteMarker(p.name());
            }
            report.failFastCheck();
            List<List<TrackPlan>> batches = batches(todo, config);
            for (int i = 0; i < batches.size(); i++) {
                report.batch(i + 1, batches.size());
                new Batch(new BatchContext(jsc, config, plans, batches.get(i), report, out)).run();
                report.failFastCheck();
            }
        } catch (SeparationReport.FailFast ff) {
            report.notRun("not run: --fail-fast stopped the job at the first failure");
            report.stopped("--fail-fast: a track failed");
        } catch (Exception | FSError e) {
            // A Spark abort (a stage failed past its retries) or a driver error: the final report
            // still says what is done, failed and not run. (FSError: Hadoop's local file system
            // reports an I/O error of a write, ENOSPC above all, as an Error.)
            LOG.error("the separation stopped", e);
            stop = e;
            stopped(report, out, config, JobStoppedException.reason(e));
        }
        report.finish((System.nanoTime() - startNanos) / 1e9);
        lease.checkHeld(); // taken over by another run: the folder is no longer ours to report on
        try {
            out.writeReport(report);
        } catch (IOException | RuntimeException | FSError e) {
            LOG.error("cannot write the report {}", out.report(), e);
            ReportWriteException w = new ReportWriteException(out.report().toString(), report, e);
            if (stop != null) {
                w.addSuppressed(stop);
            }
            throw w;
        }
        if (stop != null) {
            throw new JobStoppedException(report.stopped(), report, stop);
        }
        return report;
    }

    /**
     * Settles the tracks left without a result by a stopped job: a track whose marker is complete
     * (its write task finished before the stop) is done; the others are not run, and lose the
     * temporary files their interrupted tasks left.
     */
    private static void stopped(SeparationReport report, OutputLayout out, SeparationConfig config, String why) {
        for (TrackPlan p : report.unfinished()) {
            if (p.ok() && out.isComplete(p, config)) {
                report.track(TrackResult.ok(p.index(), List.of()));
            } else {
                out.deleteTemporaries(p.name());
            }
        }
        report.notRun("not run: the job stopped: " + why);
        report.stopped(why);
    }

    /**
     * The tracks to do, in batches run one after the other, so that the blocks cached between EM
     * iterations (two iterations' x and v at the peak) stay under --cache-limit-gb on the
     * executors' local disks however large the corpus; a track larger than the limit is a batch
     * of its own. One batch when blocks are recomputed, or without a limit.
     */
    static List<List<TrackPlan>> batches(List<TrackPlan> todo, SeparationConfig config) {
        List<List<TrackPlan>> batches = new ArrayList<>();
        if (todo.isEmpty()) {
            return batches;
        }
        if (!config.cacheBlocks() || config.iterations() == 0 || config.cacheLimitBytes() == 0) {
            batches.add(todo);
            return batches;
        }
        List<TrackPlan> batch = new ArrayList<>();
        long bytes = 0;
        for (TrackPlan p : todo) {
            long b = cachedBytes(p, config);
            if (!batch.isEmpty() && bytes + b > config.cacheLimitBytes()) {
                batches.add(batch);
                batch = new ArrayList<>();
                bytes = 0;
            }
            batch.add(p);
            bytes += b;
        }
        batches.add(batch);
        return batches;
    }

    /** Bytes of a track's cached blocks at the peak: two iterations' x and v, halos included. */
    static long cachedBytes(TrackPlan p, SeparationConfig config) {
        int halo = Stft.halo(config.nFft(), config.hop());
        long held = (long) p.frames() + 2L * halo * p.blocks(config.blockFrames());
        long perFrame = (long) (config.nFft() / 2 + 1) * (2L * p.channels() + p.sources().size())
                * (config.singlePrecision() ? 4 : 8);
        return 2 * held * perFrame;
    }
}
