package org.wienerspark.evaluation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * @param method     the run's label in the score tables and the report ({@code --method}; by
 *                   default the estimates folder's name, {@link #defaultMethod})
 */
public record EvaluationConfig(String references, String estimates, String output, List<String> targets,
                               double win, double hop, boolean v4, boolean globalSdr, String subset, String compare,
                               int partitions, int framesPerTask, String method) implements Serializable {

    public static final List<String> DEFAULT_TARGETS = List.of("vocals", "drums", "bass", "other");
    public static final double DEFAULT_WIN = 1.0;
    public static final double DEFAULT_HOP = 1.0;
    public static final Set<MetricSet> DEFAULT_METRICS = Set.of(MetricSet.V4, MetricSet.SDR);
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
        private Set<MetricSet> metrics = DEFAULT_METRICS;
        private String subset = DEFAULT_SUBSET;
        private String compare;
        private int partitions;
        private int framesPerTask;
        private String method;

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

        /** {@code --metrics}: the metric sets to compute. */
        public Builder metrics(Set<MetricSet> v) {
            metrics = Set.copyOf(v);
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

        /** The configuration, checked. */
        public EvaluationConfig build() {
            return new EvaluationConfig(references, estimates, output, targets, win, hop,
                    metrics.contains(MetricSet.V4), metrics.contains(MetricSet.SDR), subset, compare, partitions,
                    framesPerTask, method == null ? defaultMethod(estimates) : method).validate();
        }
    }

    public EvaluationConfig {
        targets = List.copyOf(targets);
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
        if (!v4 && !globalSdr) {
            throw new IllegalArgumentException("--metrics must include v4, sdr or both");
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
        m.put("win", win);
        m.put("hop", hop);
        m.put("metrics", (v4 ? "v4" : "") + (v4 && globalSdr ? "," : "") + (globalSdr ? "sdr" : ""));
        m.put("subset", subset);
        return m;
    }
}
