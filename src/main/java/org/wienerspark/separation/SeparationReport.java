package org.wienerspark.separation;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wienerspark.spark.Failure;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.ProgressListener;
import org.wienerspark.spark.ResourceListener;

/**
 * The outcome of a run, track by track, as written to {@code _report.json}:
 * {@code {"settings": {...}, "tracks": [{"track", "status", "sources", "frames", "samples",
 * "seconds", "error": {"file", "message"}}], "outcome": {"stopped", "done", "failed", "not_run"},
 * "summary": {...}}}: written at the end of every run that got as far as its plan, also one
 * that stopped.
 */
public final class SeparationReport {

    private final SeparationConfig config;
    private final List<TrackPlan> plans;
    private final TrackResult[] results;
    private final PrintStream console;
    private double seconds;
    private ProgressListener listener;
    private ResourceListener resources;
    private int batch = 1;
    private int batches = 1;
    private final long started = System.nanoTime();
    /** Tracks not run because the job stopped (reported as skipped, with the reason). */
    private final java.util.Set<Integer> notRun = new java.util.TreeSet<>();
    /** Why the job stopped before every track was run, or null. */
    private String stopped;

    SeparationReport(SeparationConfig config, List<TrackPlan> plans) {
        this.config = config;
        this.plans = plans;
        this.results = new TrackResult[plans.size()];
        this.console = System.err;
        for (TrackPlan p : plans) {
            if (!p.ok()) {
                results[p.index()] = TrackResult.failed(p.index(), p.failure());
            }
        }
    }

    /** Records a track's outcome; a failure is never overwritten by a later success. */
    synchronized void track(TrackResult r) {
        TrackResult prev = results[r.track()];
        if (prev == null || prev.status() != Status.FAILED) {
            results[r.track()] = r;
        }
    }

    /** Thrown between stages with --fail-fast once a track has failed. */
    static final class FailFast extends RuntimeException {
        private static final long serialVersionUID = 1L;

        FailFast() {
            super("--fail-fast: a track failed", null, false, false);
        }
    }

    /** With --fail-fast, stops the job when any track has failed. */
    synchronized void failFastCheck() {
        if (config.failFast() && count(Status.FAILED) > 0) {
            throw new FailFast();
        }
    }

    /** Marks every track without a result as skipped, with the reason, and as not run. */
    synchronized void notRun(String why) {
        for (TrackPlan p : plans) {
            if (results[p.index()] == null) {
                results[p.index()] = TrackResult.skipped(p.index(), why);
                notRun.add(p.index());
            }
        }
    }

    /** The job stopped before every track was run (--fail-fast, a Spark abort, a driver error). */
    synchronized void stopped(String why) {
        this.stopped = why;
    }

    /** Why the job stopped before every track was run, or null when it ran to its end. */
    public synchronized String stopped() {
        return stopped;
    }

    /** The tracks without a result so far, e.g. those of a batch that stopped. */
    synchronized List<TrackPlan> unfinished() {
        return plans.stream().filter(p -> results[p.index()] == null).toList();
    }

    /** The tracks not run because the job stopped. */
    public synchronized List<String> notRunTracks() {
        return notRun.stream().map(i -> plans.get(i).name()).toList();
    }

    /** Moves the progress line to a new phase (nothing with --quiet). */
    void progress(String stage) {
        if (listener != null) {
            listener.phase(batches > 1 ? "batch " + batch + "/" + batches + ": " + stage : stage);
        }
    }

    /** The batch of tracks now running ({@link SeparationJob#batches}), for the progress line. */
    void batch(int index, int count) {
        this.batch = index;
        this.batches = count;
    }

    /** Shows progress through a listener on the Spark context, unless quiet. */
    void attach(org.apache.spark.SparkContext sc, int blocks) {
        if (resources == null) {
            // One for the whole run: its figures add up over the batches.
            resources = new ResourceListener();
        }
        sc.addSparkListener(resources);
        if (!config.quiet()) {
            listener = new ProgressListener(console, blocks, started);
            sc.addSparkListener(listener);
        }
    }

    void detach(org.apache.spark.SparkContext sc) {
        try {
            // Listeners hear events asynchronously: let the last tasks' metrics arrive
            // (private[spark] in Scala, public to Java; a timeout only leaves the figures short).
            sc.listenerBus().waitUntilEmpty(10_000L);
        } catch (java.util.concurrent.TimeoutException e) {
            // The run itself is unaffected.
        }
        sc.removeSparkListener(resources);
        if (listener != null) {
            listener.done();
            sc.removeSparkListener(listener);
            listener = null;
        }
    }

    void finish(double wallSeconds) {
        this.seconds = wallSeconds;
        for (TrackPlan p : plans) {
            if (results[p.index()] == null) {
                results[p.index()] = TrackResult.failed(p.index(), Failure.of(p.mixture(),
                        "no result (internal error)"));
            }
        }
    }

    public List<TrackResult> results() {
        return List.of(results);
    }

    public List<TrackPlan> plans() {
        return plans;
    }

    /** The number of tracks with this outcome. */
    public long count(Status status) {
        return java.util.Arrays.stream(results).filter(r -> r != null && r.status() == status).count();
    }

    /** The JSON document. */
    Map<String, Object> asJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("settings", config.asMap());
        List<Map<String, Object>> tracks = new ArrayList<>();
        for (TrackPlan p : plans) {
            TrackResult r = results[p.index()];
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("track", p.name());
            t.put("status", r.status().label());
            t.put("sources", p.sources());
            t.put("frames", p.frames());
            t.put("samples", p.samples());
            t.put("seconds", p.sampleRate() > 0 ? (double) p.samples() / p.sampleRate() : 0.0);
            if (!p.notes().isEmpty()) {
                t.put("notes", p.notes());
            }
            if (!r.clipped().isEmpty() && r.clipped().stream().anyMatch(c -> c > 0)) {
                Map<String, Long> clipped = new LinkedHashMap<>();
                List<String> outputs = TrackWriter.outputs(p, config); // sources, then aggregates
                for (int j = 0; j < outputs.size() && j < r.clipped().size(); j++) {
                    clipped.put(outputs.get(j), r.clipped().get(j));
                }
                t.put("clipped_samples", clipped);
            }
            if (r.status() == Status.SKIPPED) {
                t.put("reason", r.reason());
            } else if (r.failure() != null) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("file", r.failure().file());
                e.put("message", r.failure().message());
                t.put("error", e);
            }
            tracks.add(t);
        }
        doc.put("tracks", tracks);
        List<String> ignored = new ArrayList<>();
        for (TrackPlan p : plans) {
            for (String note : p.notes()) {
                if (note.startsWith(CorpusPlanner.IGNORED)) {
                    ignored.add(note.substring(CorpusPlanner.IGNORED.length()));
                }
            }
        }
        doc.put("ignored", ignored);
        doc.put("outcome", outcome());
        Map<String, Object> summary = new LinkedHashMap<>();
        for (Status s : Status.values()) {
            summary.put(s.label(), count(s));
        }
        summary.put("not_run", (long) notRun.size());
        summary.put("wall_seconds", seconds);
        summary.put("batches", batches);
        if (resources != null) {
            summary.put("spark", resources.asJson());
        }
        doc.put("summary", summary);
        return doc;
    }

    /**
     * The final account, also of a stopped job: whether and why it stopped, and the tracks done
     * (their outputs complete: written now, or already complete), failed, and not run.
     */
    private Map<String, Object> outcome() {
        List<String> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        for (TrackPlan p : plans) {
            TrackResult r = results[p.index()];
            if (r.status() == Status.FAILED) {
                failed.add(p.name());
            } else if (!notRun.contains(p.index())) {
                done.add(p.name());
            }
        }
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("stopped", stopped);
        o.put("done", done);
        o.put("failed", failed);
        o.put("not_run", notRunTracks());
        return o;
    }

    /** The summary table printed by the driver at the end. */
    public void print(PrintStream out) {
        int width = 5;
        for (TrackPlan p : plans) {
            width = Math.max(width, Math.min(40, p.name().length()));
        }
        String fmt = "%-" + width + "s  %-7s  %8s  %s%n";
        out.printf(fmt, "track", "status", "seconds", "detail");
        for (TrackPlan p : plans) {
            TrackResult r = results[p.index()];
            String detail = r.failure() != null ? r.failure().file() + ": " + r.failure().message()
                    : r.reason() != null ? r.reason() : String.join(",", p.sources());
            out.printf(fmt, p.name(), r.status().label(), String.format("%.1f", (double) p.samples()
                    / Math.max(1, p.sampleRate())), detail);
        }
        for (TrackPlan p : plans) {
            for (String note : p.notes()) {
                if (note.startsWith(CorpusPlanner.IGNORED)) {
                    out.printf("%s: %s%n", p.name(), note);
                }
            }
        }
        out.printf("%d ok, %d failed, %d skipped in %.1f s%n", count(Status.OK), count(Status.FAILED),
                count(Status.SKIPPED), seconds);
        if (stopped != null) {
            out.printf("stopped: %s; %d not run%n", stopped, notRun.size());
        }
        if (resources != null) {
            out.println(resources.summary());
        }
    }
}
