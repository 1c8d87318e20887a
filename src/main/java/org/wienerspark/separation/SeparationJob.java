package org.wienerspark.separation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.Partitioner;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.wienerspark.io.BadInputException;
import org.wienerspark.spark.HadoopConf;
import scala.Tuple2;

/**
 * The distributed separation: norbert's {@code wiener} for every track of a corpus, with the
 * tracks cut into blocks of frames.
 *
 * <p>Stages (one Spark job each, on RDDs: the data are dense arrays whose kernels are plain
 * loops, so Datasets' columnar encoders would only add copies):
 * <ol>
 *   <li>scale: each block's largest mixture modulus over its owned frames, reduced per track
 *       by maximum, gives the reference's scale {@code max(1, max|x|/10)} (only when EM runs);</li>
 *   <li>load: each block reads its samples, computes the STFTs and initial estimates, divides by
 *       the scale; then, in the same pass, the statistics of those estimates and their power
 *       spectral densities v ({@link EmPass});</li>
 *   <li>each EM iteration: an aggregation of the spatial covariance statistics per (track,
 *       group) over owned frames, merged in partition order, then a map applying the Wiener
 *       gains block by block, fused with the statistics of the next iteration; between
 *       iterations a block keeps x and v, not the estimates. The matrices reach the blocks by
 *       broadcast when they are small, or by a co-partitioned join (each partition receives only
 *       the models of its blocks). Each pass reads the previous one's blocks back from local
 *       disk, or with --no-cache-blocks recomputes them from the inputs;</li>
 *   <li>write: the inverse STFT of each block's owned samples, shuffled to one task per track in
 *       block order and streamed into the WAV files.</li>
 * </ol>
 */
public final class SeparationJob {

    /**
     * Blocks between stages: serialised on local disk, i.e. in the OS page cache while it has
     * room. Measured against MEMORY_AND_DISK_SER (jobs/bench, README): the same serialisation,
     * but no gigabytes of cached bytes in the heap for the collector to copy, so 6x less GC time
     * and a heap set by the blocks in flight, not by the track.
     */
    private static final StorageLevel BLOCK_STORAGE = StorageLevel.DISK_ONLY();
    /** Blocks per task by default: a stereo 4-source block of 128 frames is about 45 MB. */
    static final int BLOCKS_PER_TASK = 4;

    private SeparationJob() {
    }

    /** Runs the job; returns the report (also written to {@code <output>/_report.json}). */
    public static Report run(SparkSession spark, JobConfig config) throws IOException {
        config.validate();
        long startNanos = System.nanoTime();
        JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Configuration hadoop = jsc.hadoopConfiguration();
        List<TrackPlan> plans = new CorpusPlanner(hadoop, config).plan();
        Report report = new Report(config, plans);
        OutputLayout out = new OutputLayout(hadoop, config.output());
        out.prepare();

        List<TrackPlan> todo = new ArrayList<>();
        for (TrackPlan p : plans) {
            if (p.ok() && !config.overwrite() && out.isComplete(p, config)) {
                report.track(TrackResult.skipped(p.index(), "already complete: its _SUCCESS marker matches the "
                        + "settings and inputs (--overwrite redoes it)"));
            } else if (p.ok()) {
                todo.add(p);
            }
        }
        try {
            report.failFastCheck();
            List<List<TrackPlan>> batches = batches(todo, config);
            for (int i = 0; i < batches.size(); i++) {
                report.batch(i + 1, batches.size());
                new Pipeline(jsc, config, plans, batches.get(i), report, out).run();
                report.failFastCheck();
            }
        } catch (Report.FailFast stop) {
            report.notRun("not run: --fail-fast stopped the job at the first failure");
        }
        report.finish((System.nanoTime() - startNanos) / 1e9);
        out.writeReport(report);
        return report;
    }

    /**
     * The tracks to do, in batches run one after the other, so that the blocks cached between EM
     * iterations (two iterations' x and v at the peak) stay under --cache-limit-gb on the
     * executors' local disks however large the corpus; a track larger than the limit is a batch
     * of its own. One batch when blocks are recomputed, or without a limit.
     */
    static List<List<TrackPlan>> batches(List<TrackPlan> todo, JobConfig config) {
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
    static long cachedBytes(TrackPlan p, JobConfig config) {
        int halo = org.wienerspark.dsp.Stft.halo(config.nFft(), config.hop());
        long held = (long) p.frames() + 2L * halo * p.blocks(config.blockFrames());
        long perFrame = (long) (config.nFft() / 2 + 1) * (2L * p.channels() + p.sources().size())
                * (config.singlePrecision() ? 4 : 8);
        return 2 * held * perFrame;
    }

    /** One run over a batch of tracks. */
    private static final class Pipeline {
        private final JavaSparkContext jsc;
        private final JobConfig config;
        private final Report report;
        private final Broadcast<List<TrackPlan>> plans;
        private final HadoopConf hadoop;
        private final List<List<BlockSpec>> slices;
        private final int partitions;
        private final Set<Integer> failed = new HashSet<>();
        /** Size of the largest (track, group) model, to decide between broadcast and join. */
        private final long modelBytes;

        private final OutputLayout out;

        Pipeline(JavaSparkContext jsc, JobConfig config, List<TrackPlan> all, List<TrackPlan> todo, Report report,
                 OutputLayout out) {
            this.jsc = jsc;
            this.out = out;
            this.config = config;
            this.report = report;
            this.plans = jsc.broadcast(all);
            this.hadoop = new HadoopConf(jsc.hadoopConfiguration());
            List<BlockSpec> specs = new ArrayList<>();
            long largest = 0;
            this.slices = new ArrayList<>();
            int bf = config.blockFrames();
            for (TrackPlan p : todo) {
                largest = Math.max(largest, 16L * (config.nFft() / 2 + 1) * p.sources().size() * p.channels()
                        * p.channels());
                List<BlockSpec> track = new ArrayList<>();
                for (int k = 0; k < p.blocks(bf); k++) {
                    track.add(new BlockSpec(p.index(), k, k * bf, Math.min((k + 1) * bf, p.frames())));
                }
                specs.addAll(track);
                if (config.partitions() == 0) {
                    // Canonical tasks: fixed groups of a track's blocks, whatever the rest of the
                    // corpus or the cluster. The statistics are summed in this grouping, so a track's
                    // output bytes depend only on its own inputs and settings (a rerun of part of a
                    // corpus reproduces them exactly).
                    for (int k = 0; k < track.size(); k += BLOCKS_PER_TASK) {
                        slices.add(new ArrayList<>(track.subList(k, Math.min(track.size(), k + BLOCKS_PER_TASK))));
                    }
                }
            }
            this.modelBytes = largest;
            if (config.partitions() > 0) {
                // Contiguous slices in (track, block) order: a track's statistics come from few
                // partitions, and the driver knows where each block is.
                int n = Math.max(1, Math.min(config.partitions(), specs.size()));
                for (int i = 0; i < n; i++) {
                    int from = (int) ((long) i * specs.size() / n);
                    int to = (int) ((long) (i + 1) * specs.size() / n);
                    slices.add(new ArrayList<>(specs.subList(from, to)));
                }
            }
            this.partitions = slices.size();
        }

        void run() {
            int blocks = slices.stream().mapToInt(List::size).sum();
            report.attach(jsc.sc(), blocks);
            try {
                stages();
            } finally {
                report.detach(jsc.sc());
            }
        }

        private void stages() {
            JavaRDD<BlockSpec> specs = jsc.parallelize(slices, partitions).flatMap(List::iterator);
            Map<Integer, double[]> scales = trackScales(specs);
            stopIfFailed();
            Broadcast<Map<Integer, double[]>> scalesB = jsc.broadcast(scales);
            JobConfig cfg = config;
            HadoopConf conf = hadoop;
            Broadcast<List<TrackPlan>> plansB = plans;
            JavaRDD<FrameBlock> blocks = specs.mapPartitions(it -> {
                BlockLoader loader = new BlockLoader(cfg, conf.get());
                List<TrackPlan> ps = plansB.value();
                Map<Integer, double[]> sc = scalesB.value();
                return map(it, spec -> load(loader, ps.get(spec.track()), spec, sc.get(spec.track())));
            });
            // Cached (the default): each pass reads the previous one's blocks (x and v),
            // Kryo-serialised, from local disk. Not cached (--no-cache-blocks): each stage
            // recomputes them from the inputs (WAV ranges, STFTs) and the earlier iterations'
            // models, which stay cached. Measured (jobs/bench corpus, 4 x 30 s stereo, 4 sources,
            // local[2], warm JVM): 5.8 s cached vs 6.1 s recomputed for 1 iteration, 9.6 s vs
            // 12.5 s for 3. (When blocks held y, 2.5x the bytes, recomputing had won.)
            boolean cache = config.cacheBlocks();
            boolean single = config.singlePrecision();
            double eps = config.eps();
            List<JavaPairRDD<Long, GroupModel>> release = new ArrayList<>();
            JavaRDD<FrameBlock> previous = null;
            try {
                if (config.iterations() > 0) {
                    // The first pass: the statistics of the loaded estimates, and their v.
                    Set<Integer> skip = Set.copyOf(failed);
                    blocks = blocks.mapPartitionsWithIndex((p, it) -> new EmPass(p, it, null, skip, eps, single, true),
                            true);
                    if (cache) {
                        blocks.persist(BLOCK_STORAGE);
                    }
                }
                for (int it = 1; it <= config.iterations(); it++) {
                    // Blocks are loaded lazily, by the first stage that needs them.
                    report.progress((it == 1 ? "load, " : "") + "EM iteration " + it + "/" + config.iterations());
                    JavaPairRDD<Long, GroupModel> models = models(blocks);
                    release.add(models);
                    stopIfFailed();
                    if (cache && previous != null) {
                        // The aggregation above materialised this iteration's blocks. Blocking: the
                        // next pass must not write its blocks before these are gone, so the local
                        // disks hold two iterations' blocks at most.
                        previous.unpersist(true);
                    }
                    boolean last = it == config.iterations();
                    // The map, fused with the next iteration's statistics unless it is the last.
                    JavaRDD<FrameBlock> next = applyModels(blocks, models, !last);
                    // The last map's blocks are read once, by the write stage: not stored.
                    if (cache && !last) {
                        next.persist(BLOCK_STORAGE);
                    }
                    if (config.checkpointEvery() > 0 && it % config.checkpointEvery() == 0 && !last) {
                        // Reliable checkpoint (to the job's filesystem, which survives a lost
                        // executor): the lineage of later iterations starts here, not at the inputs.
                        jsc.setCheckpointDir(out.checkpointDir(jsc.sc().applicationId()).toString());
                        next.checkpoint();
                    }
                    previous = blocks;
                    blocks = next;
                }
                write(blocks);
            } finally {
                for (JavaPairRDD<Long, GroupModel> r : release) {
                    r.unpersist(false);
                }
                // Blocking: the next batch's blocks must not meet these on the local disks.
                blocks.unpersist(true);
                if (previous != null) {
                    previous.unpersist(true);
                }
                scalesB.destroy();
                out.deleteCheckpoints(jsc.sc().applicationId());
            }
        }

        private static FrameBlock load(BlockLoader loader, TrackPlan plan, BlockSpec spec, double[] trackScales) {
            try {
                return loader.load(plan, spec, trackScales);
            } catch (BadInputException e) {
                return FrameBlock.failed(spec.track(), spec.block(), e.file(), e.problem());
            } catch (IOException | RuntimeException e) {
                return FrameBlock.failed(spec.track(), spec.block(), plan.mixture(), String.valueOf(e));
            }
        }

        /** Stage 1: per track, the scale of each group (null map values: no EM, scale 1). */
        private Map<Integer, double[]> trackScales(JavaRDD<BlockSpec> specs) {
            if (config.iterations() == 0) {
                return new HashMap<>();
            }
            report.progress("scale");
            JobConfig cfg = config;
            HadoopConf conf = hadoop;
            Broadcast<List<TrackPlan>> plansB = plans;
            Map<Integer, TrackScale> perTrack = specs.mapPartitionsToPair(it -> {
                BlockLoader loader = new BlockLoader(cfg, conf.get());
                List<TrackPlan> ps = plansB.value();
                return map(it, spec -> {
                    TrackPlan p = ps.get(spec.track());
                    int groups = FrameBlock.group(p.frames() - 1, cfg.emWindowFrames()) + 1;
                    try {
                        double[] max = loader.ownedMaxAbs(p, spec);
                        double[] all = new double[groups];
                        System.arraycopy(max, 0, all, FrameBlock.group(spec.ownedStart(), cfg.emWindowFrames()),
                                max.length);
                        return new Tuple2<>(spec.track(), new TrackScale(all, -1, null, null));
                    } catch (BadInputException e) {
                        return new Tuple2<>(spec.track(), new TrackScale(null, spec.block(), e.file(), e.problem()));
                    } catch (IOException | RuntimeException e) {
                        return new Tuple2<>(spec.track(), new TrackScale(null, spec.block(), p.mixture(),
                                String.valueOf(e)));
                    }
                });
            }).reduceByKey(TrackScale::merge).collectAsMap();
            Map<Integer, double[]> scales = new HashMap<>();
            for (Map.Entry<Integer, TrackScale> e : perTrack.entrySet()) {
                TrackScale s = e.getValue();
                if (s.error != null) {
                    fail(e.getKey(), s.errorFile, s.error);
                } else {
                    scales.put(e.getKey(), s.scales());
                }
            }
            return scales;
        }

        /**
         * The aggregation of an iteration: per (track, group), R from the partials that the
         * previous pass ({@link EmPass}) left on the blocks, merged in partition order.
         */
        private JavaPairRDD<Long, GroupModel> models(JavaRDD<FrameBlock> blocks) {
            Set<Integer> skip = Set.copyOf(failed);
            double eps = config.eps();
            JavaPairRDD<Long, GroupModel> models = blocks.flatMapToPair(b -> {
                        List<Tuple2<Long, GroupStats>> ps = new ArrayList<>(b.partials.length);
                        for (GroupStats p : b.partials) {
                            if (!skip.contains(FrameBlock.trackOf(p.key))) {
                                ps.add(new Tuple2<>(p.key, p));
                            }
                        }
                        return ps.iterator();
                    })
                    .groupByKey()
                    .mapValues(ps -> GroupStats.merge(ps, eps))
                    .persist(StorageLevel.MEMORY_AND_DISK_SER());
            for (Tuple2<Long, GroupModel> f : models.filter(t -> t._2().error != null).collect()) {
                fail(FrameBlock.trackOf(f._1()), f._2().errorFile, f._2().error);
            }
            return models;
        }

        /**
         * The map of an iteration: new estimates for every block from its groups' models, and
         * with {@code statistics} the next iteration's partials and the blocks' v ({@link EmPass}).
         */
        private JavaRDD<FrameBlock> applyModels(JavaRDD<FrameBlock> blocks, JavaPairRDD<Long, GroupModel> models,
                                                boolean statistics) {
            Set<Integer> skip = Set.copyOf(failed);
            double eps = config.eps();
            boolean single = config.singlePrecision();
            long bytes = models.count() * modelBytes;
            if (bytes <= config.broadcastLimitBytes()) {
                Broadcast<Map<Long, GroupModel>> b = jsc.broadcast(new HashMap<>(models.collectAsMap()));
                return blocks.mapPartitionsWithIndex((p, it) -> new EmPass(p, it, b.value(), skip, eps, single,
                        statistics), true);
            }
            // Too large to broadcast: send each model to the partitions whose blocks need it.
            Map<Long, int[]> where = partitionsOfGroups();
            Broadcast<Map<Long, int[]>> whereB = jsc.broadcast(where);
            JavaPairRDD<Long, Tuple2<Long, GroupModel>> routed = models.flatMapToPair(m -> {
                int[] ps = whereB.value().getOrDefault(m._1(), new int[0]);
                List<Tuple2<Long, Tuple2<Long, GroupModel>>> r = new ArrayList<>();
                for (int p : ps) {
                    r.add(new Tuple2<>((long) p << 32, m));
                }
                return r.iterator();
            }).partitionBy(new TrackPartitioner(partitions));
            return blocks.zipPartitions(routed, (it, ms) -> {
                Map<Long, GroupModel> local = new HashMap<>();
                ms.forEachRemaining(m -> local.put(m._2()._1(), m._2()._2()));
                return new EmPass(TaskContext.getPartitionId(), it, local, skip, eps, single, statistics);
            });
        }

        /** For every (track, group), the partitions holding a block whose frames (halo included) touch it. */
        private Map<Long, int[]> partitionsOfGroups() {
            org.wienerspark.dsp.Stft stft = new org.wienerspark.dsp.Stft(config.nFft(), config.hop());
            List<TrackPlan> ps = plans.value();
            Map<Long, Set<Integer>> where = new HashMap<>();
            for (int p = 0; p < slices.size(); p++) {
                for (BlockSpec s : slices.get(p)) {
                    org.wienerspark.dsp.Range held = stft.haloFrames(ps.get(s.track()).samples(), s.ownedStart(),
                            s.ownedEnd());
                    int w = config.emWindowFrames();
                    for (int g = FrameBlock.group(held.start(), w); g <= FrameBlock.group(held.end() - 1, w); g++) {
                        where.computeIfAbsent(FrameBlock.groupKey(s.track(), g), k -> new HashSet<>()).add(p);
                    }
                }
            }
            Map<Long, int[]> out = new HashMap<>();
            where.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).sorted().toArray()));
            return out;
        }

        /** Stage 4: owned samples per block, one task per track, streamed into the WAV files. */
        private void write(JavaRDD<FrameBlock> blocks) {
            report.progress(config.iterations() == 0 ? "load, write" : "write");
            Set<Integer> skip = Set.copyOf(failed);
            JobConfig cfg = config;
            HadoopConf conf = hadoop;
            Broadcast<List<TrackPlan>> plansB = plans;
            int tracks = (int) plans.value().stream().filter(TrackPlan::ok).count();
            JavaPairRDD<Long, BlockAudio> audio = blocks.mapPartitionsToPair(it -> {
                BlockAudio.Synthesizer synth = new BlockAudio.Synthesizer(cfg);
                List<TrackPlan> ps = plansB.value();
                return map(filter(it, b -> !skip.contains(b.track)), b -> new Tuple2<>(b.blockKey(),
                        b.isFailed() ? BlockAudio.failed(b.errorFile, b.error) : synth.audio(ps.get(b.track), b)));
            });
            List<TrackResult> results = audio
                    .repartitionAndSortWithinPartitions(new TrackPartitioner(Math.max(1, Math.min(tracks, partitions))))
                    .mapPartitions(it -> new TrackWriter(cfg, conf.get(), plansB.value()).writeAll(it))
                    .collect();
            for (TrackResult r : results) {
                report.track(r);
            }
        }

        private void fail(int track, String file, String error) {
            failed.add(track);
            report.track(TrackResult.failed(track, file, error));
        }

        /** After a stage: with --fail-fast, the first failure stops the job here. */
        private void stopIfFailed() {
            report.failFastCheck();
        }

        /** The elements of an iterator that pass a test, lazily. */
        private static <T> Iterator<T> filter(Iterator<T> it, java.util.function.Predicate<T> keep) {
            return new Iterator<>() {
                private T next;

                @Override
                public boolean hasNext() {
                    while (next == null && it.hasNext()) {
                        T candidate = it.next();
                        if (keep.test(candidate)) {
                            next = candidate;
                        }
                    }
                    return next != null;
                }

                @Override
                public T next() {
                    if (!hasNext()) {
                        throw new java.util.NoSuchElementException();
                    }
                    T t = next;
                    next = null;
                    return t;
                }
            };
        }

        /** An iterator's elements transformed one at a time, lazily. */
        private static <T, R> Iterator<R> map(Iterator<T> it, java.util.function.Function<T, R> f) {
            return new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return it.hasNext();
                }

                @Override
                public R next() {
                    return f.apply(it.next());
                }
            };
        }
    }

    /**
     * Partitions long keys by their high 32 bits modulo n: a block key goes to its track's
     * partition (keys then sort by (track, block)); a routing key {@code (long) p << 32} to
     * partition p.
     */
    static final class TrackPartitioner extends Partitioner {
        private static final long serialVersionUID = 1L;
        private final int n;

        TrackPartitioner(int n) {
            this.n = n;
        }

        @Override
        public int numPartitions() {
            return n;
        }

        @Override
        public int getPartition(Object key) {
            return (int) (((Long) key >>> 32) % n);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof TrackPartitioner t && t.n == n;
        }

        @Override
        public int hashCode() {
            return n;
        }
    }
}
