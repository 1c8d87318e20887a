package org.wienerspark.evaluation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.wienerspark.eval.EvalWindow;
import org.wienerspark.eval.Framing;
import org.wienerspark.eval.MetricSet;
import org.wienerspark.spark.StemSum;
import org.wienerspark.spark.TrackNames;

/**
 * Every setting of the evaluation job, checked on the driver before anything runs.
 *
 * @param references folder of {@code <track>/<target>.wav} (MUSDB layout)
 * @param estimates  folder of {@code <track>/<target>.wav}
 * @param output     output folder
 * @param targets    targets to score, in order
 * @param win        window in seconds
 * @param hop        hop in seconds
 * @param v4         compute BSSEval v4 (framewise SDR, ISR, SIR, SAR)
 * @param globalSdr  compute the MDX 2021 global SDR
 * @param subset     subfolder of the per-track JSON files (museval reads {@code test})
 * @param compare    another evaluation's output folder to compare with, or null
 * @param partitions tasks of the filter step (0: one per track)
 * @param framesPerTask windows per task of the scoring step (0: automatic, about two tasks per
 *                   core over the corpus, at least {@value #MIN_FRAMES_PER_TASK} windows each)
 * @param metrics    every metric set requested, in output order ({@code v4} and {@code sdr} are
 *                   also flagged by {@code v4} and {@code globalSdr})
 * @param winSamples window in samples ({@code --win-samples}), 0 when given in seconds
 * @param hopSamples hop in samples ({@code --hop-samples}), 0 when given in seconds
 * @param full       one window over the whole signal ({@code --win full})
 * @param permutation search the assignment of estimates to references ({@code --permutation})
 * @param mixtures   folder of {@code <track>/mixture.wav} to score as the estimate and to compute
 *                   the improvement over ({@code --mixtures}), or null
 * @param quiet      no progress line ({@code --quiet})
 * @param method     the run's label in the score tables and the report ({@code --method}; by
 *                   default the estimates folder's name, {@link #defaultMethod})
 * @param aggregates how to sum a target's reference from other references when its own file is
 *                   missing ({@code --aggregate NAME=SRC+SRC}); see {@link EvaluationPlanner} for the
 *                   definitions used when none is given
 */
public record EvaluationConfig(String references, String estimates, String output, List<String> targets,
                               double win, double hop, boolean v4, boolean globalSdr, String subset, String compare,
                               int partitions, int framesPerTask, List<MetricSet> metrics, int winSamples,
                               int hopSamples, boolean full, boolean permutation, String mixtures,
                               boolean quiet, String method, List<StemSum> aggregates)
        implements Serializable {

    public static final List<String> DEFAULT_TARGETS = List.of("vocals", "drums", "bass", "other");
    public static final double DEFAULT_WIN = 1.0;
    public static final double DEFAULT_HOP = 1.0;
    public static final List<MetricSet> DEFAULT_METRICS = List.of(MetricSet.V4, MetricSet.SDR);
    /** The file of a track's mixture under {@code --mixtures} (MUSDB's layout). */
    public static final String MIXTURE_FILE = "mixture.wav";
    public static final String DEFAULT_SUBSET = "test";
    public static final int MIN_FRAMES_PER_TASK = 8;

    /** The default {@code --method}: the last component of the estimates folder (its name). */
    public static String defaultMethod(String estimates) {
        if (estimates == null) {
            return null;
        }
        String name = new org.apache.hadoop.fs.Path(estimates).getName();
        return name.isEmpty() ? estimates : name;
    }

    /** A builder with every default, for the given folders. */
    public static Builder builder(String references, String estimates, String output) {
        return new Builder(references, estimates, output);
    }

    /** The settings of an evaluation; each setter names its command-line option. */
    public static final class Builder {
        private final String references;
        private final String estimates;
        private final String output;
        private List<String> targets = DEFAULT_TARGETS;
        private double win = DEFAULT_WIN;
        private double hop = DEFAULT_HOP;
        private List<MetricSet> metrics = DEFAULT_METRICS;
        private int winSamples;
        private int hopSamples;
        private boolean full;
        private boolean permutation;
        private String mixtures;
        private boolean quiet;
        private String subset = DEFAULT_SUBSET;
        private String compare;
        private int partitions;
        private int framesPerTask;
        private String method;
        private List<StemSum> aggregates = List.of();

        private Builder(String references, String estimates, String output) {
            this.references = references;
            this.estimates = estimates;
            this.output = output;
        }

        /** {@code --targets}: the targets to score, in order. */
        public Builder targets(List<String> v) {
            targets = List.copyOf(v);
            return this;
        }

        /** {@code --win}: window in seconds. */
        public Builder win(double v) {
            win = v;
            return this;
        }

        /** {@code --hop}: hop in seconds. */
        public Builder hop(double v) {
            hop = v;
            return this;
        }

        /** {@code --metrics}: the metric sets to compute, in output order (a set listed twice is refused). */
        public Builder metrics(Collection<MetricSet> v) {
            metrics = new ArrayList<>(v);
            return this;
        }

        /** {@code --win-samples} / {@code --hop-samples}: window and hop in samples instead of seconds. */
        public Builder samples(int win, int hop) {
            winSamples = win;
            hopSamples = hop;
            return this;
        }

        /** {@code --win full}: one window over the whole signal. */
        public Builder full(boolean v) {
            full = v;
            return this;
        }

        /** {@code --permutation}: search the assignment of estimates to references. */
        public Builder permutation(boolean v) {
            permutation = v;
            return this;
        }

        /** {@code --quiet}: no progress line. */
        public Builder quiet(boolean v) {
            quiet = v;
            return this;
        }

        /** {@code --mixtures}: folder of {@code <track>/mixture.wav}, or null. */
        public Builder mixtures(String v) {
            mixtures = v;
            return this;
        }

        /** {@code --subset}: subfolder of the per-track JSON files. */
        public Builder subset(String v) {
            subset = v;
            return this;
        }

        /** {@code --compare}: another evaluation's output folder, or null. */
        public Builder compare(String v) {
            compare = v;
            return this;
        }

        /** {@code --partitions}: tasks of the filter step (0: one per track). */
        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        /** {@code --frames-per-task}: windows per task of the scoring step (0: automatic). */
        public Builder framesPerTask(int v) {
            framesPerTask = v;
            return this;
        }

        /** {@code --method}: the run's label in the score tables and the report (null: the default). */
        public Builder method(String v) {
            method = v;
            return this;
        }

        /**
         * {@code --aggregate NAME=SRC+SRC} (repeatable): a missing reference {@code NAME} is the
         * sample-wise sum of these references.
         */
        public Builder aggregates(List<StemSum> v) {
            aggregates = List.copyOf(v);
            return this;
        }

        /** The configuration, checked. */
        public EvaluationConfig build() {
            if (new LinkedHashSet<>(metrics).size() != metrics.size()) {
                throw new IllegalArgumentException("--metrics lists a set twice: " + metrics);
            }
            return new EvaluationConfig(references, estimates, output, targets, win, hop,
                    metrics.contains(MetricSet.V4), metrics.contains(MetricSet.SDR), subset, compare, partitions,
                    framesPerTask, metrics, winSamples, hopSamples, full, permutation, mixtures, quiet,
                    method == null ? defaultMethod(estimates) : method, aggregates).validate();
        }
    }

    public EvaluationConfig {
        targets = List.copyOf(targets);
        metrics = List.copyOf(metrics);
        aggregates = List.copyOf(aggregates);
    }

    /** The sets scored per track in one task over the whole signal (all but {@code v4} and {@code sdr}). */
    public List<MetricSet> family() {
        return metrics.stream().filter(m -> m != MetricSet.V4 && m != MetricSet.SDR).toList();
    }

    /** Whether a track also needs the whole-signal task: other sets than v4/sdr, or the mixtures. */
    boolean familyTask() {
        return !family().isEmpty() || mixtures != null;
    }

    /** The window of a track at {@code rate} Hz. */
    public EvalWindow window(int rate) {
        if (full) {
            return EvalWindow.full();
        }
        return winSamples > 0 ? EvalWindow.samples(winSamples, hopSamples) : EvalWindow.seconds(win, hop, rate);
    }

    /** museval's framing of a {@code length}-sample track at {@code rate} Hz (v4 and v3). */
    Framing framing(int rate, int length) {
        if (full) {
            return new Framing(length, length, length);
        }
        return winSamples > 0 ? new Framing(winSamples, hopSamples, length)
                : Framing.ofSeconds(win, hop, rate, length);
    }

    /** The window and hop in seconds as the JSON files give them (the seconds given, else samples / rate). */
    double[] seconds(int rate, long length) {
        if (full) {
            return new double[] {(double) length / rate, (double) length / rate};
        }
        return winSamples > 0 ? new double[] {(double) winSamples / rate, (double) hopSamples / rate}
                : new double[] {win, hop};
    }

    /** Checks the settings; the message names the option. */
    public EvaluationConfig validate() {
        for (String[] o : new String[][] {{"--references", references}, {"--estimates", estimates},
            {"--output", output}}) {
            if (o[1] == null || o[1].isBlank()) {
                throw new IllegalArgumentException(o[0] + " is required");
            }
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("--targets must name at least one target");
        }
        for (String t : targets) {
            String problem = TrackNames.problem(t);
            if (problem != null) {
                throw new IllegalArgumentException("--targets: " + problem);
            }
        }
        if (targets.stream().distinct().count() != targets.size()) {
            throw new IllegalArgumentException("--targets lists a target twice: " + targets);
        }
        if (!(win > 0) || !(hop > 0) || Double.isInfinite(win) || Double.isInfinite(hop)) {
            throw new IllegalArgumentException("--win and --hop must be positive seconds, got " + win + " and " + hop);
        }
        if (winSamples < 0 || hopSamples < 0 || (winSamples == 0) != (hopSamples == 0)) {
            throw new IllegalArgumentException("--win-samples and --hop-samples must be at least 1 sample, got "
                    + winSamples + " and " + hopSamples);
        }
        if (full && winSamples > 0) {
            throw new IllegalArgumentException("--win full and --win-samples exclude each other");
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("--metrics must name at least one set");
        }
        if (v4 != metrics.contains(MetricSet.V4) || globalSdr != metrics.contains(MetricSet.SDR)) {
            throw new IllegalArgumentException("v4 and globalSdr must agree with metrics " + metrics);
        }
        if (mixtures != null && mixtures.isBlank()) {
            throw new IllegalArgumentException("--mixtures must name a folder");
        }
        String problem = TrackNames.problem(subset);
        if (problem != null) {
            throw new IllegalArgumentException("--subset: " + problem);
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0, got " + partitions);
        }
        if (framesPerTask < 0) {
            throw new IllegalArgumentException("--frames-per-task must be >= 0, got " + framesPerTask);
        }
        for (StemSum a : aggregates) {
            a.check();
        }
        if (aggregates.stream().map(StemSum::name).distinct().count() != aggregates.size()) {
            throw new IllegalArgumentException("--aggregate defines a name twice: " + aggregates);
        }
        if (method == null || method.isBlank()) {
            throw new IllegalArgumentException("--method must be a non-empty label");
        }
        return this;
    }

    /** The settings as written to the summary. */
    Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("references", references);
        m.put("estimates", estimates);
        m.put("targets", targets);
        m.put("win", full ? "full" : winSamples > 0 ? winSamples + " samples" : win);
        m.put("hop", full ? "full" : hopSamples > 0 ? hopSamples + " samples" : hop);
        m.put("metrics", String.join(",", metrics.stream().map(MetricSet::id).toList()));
        if (permutation) {
            m.put("permutation", true);
        }
        if (mixtures != null) {
            m.put("mixtures", mixtures);
        }
        if (!aggregates.isEmpty()) {
            m.put("aggregates", aggregates.stream().map(StemSum::toString).toList());
        }
        m.put("subset", subset);
        return m;
    }
}
