package org.wienerspark.separation;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import org.wienerspark.spark.TrackNames;

/**
 * An {@code --aggregate NAME=SRC+SRC...} output: the sample-wise sum of separated stems, written
 * beside them as {@code <track>/<name>.<ext>} (e.g. {@code accompaniment=drums+bass+other}). The
 * sum is taken in double before the output's quantisation, so a 16-bit aggregate is the rounded
 * sum, not the sum of the rounded stems.
 *
 * @param name    the output's name
 * @param sources the stems summed, at least one, each once
 */
public record Aggregate(String name, List<String> sources) implements Serializable {

    public Aggregate {
        sources = List.copyOf(sources);
    }

    /**
     * Parses {@code NAME=SRC+SRC...}.
     *
     * @throws IllegalArgumentException naming {@code --aggregate} and the problem
     */
    public static Aggregate parse(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0 || eq == option.length() - 1) {
            throw new IllegalArgumentException("--aggregate must be NAME=SRC+SRC..., e.g. "
                    + "accompaniment=drums+bass+other; got '" + option + "'");
        }
        String name = option.substring(0, eq).strip();
        List<String> parts = Arrays.stream(option.substring(eq + 1).split("\\+", -1)).map(String::strip).toList();
        return new Aggregate(name, parts).check();
    }

    /** Checks the names; the message names {@code --aggregate}. */
    Aggregate check() {
        String p = TrackNames.problem(name);
        if (p != null) {
            throw new IllegalArgumentException("--aggregate " + this + ": name: " + p);
        }
        if (sources.isEmpty()) {
            throw new IllegalArgumentException("--aggregate " + this + ": no sources to sum");
        }
        for (String s : sources) {
            String q = TrackNames.problem(s);
            if (s.isEmpty() || q != null) {
                throw new IllegalArgumentException("--aggregate " + this + ": source '" + s + "': "
                        + (q != null ? q : "empty name"));
            }
        }
        if (sources.stream().distinct().count() != sources.size()) {
            throw new IllegalArgumentException("--aggregate " + this + ": a source is listed twice");
        }
        return this;
    }

    /**
     * Why this aggregate does not fit a track of these sources (a part that is not one of them,
     * or a name that is), or null when it fits.
     */
    String problem(List<String> trackSources) {
        if (trackSources.contains(name)) {
            return "--aggregate " + this + ": the name '" + name + "' is also a source's";
        }
        for (String s : sources) {
            if (!trackSources.contains(s)) {
                return "--aggregate " + this + ": unknown source '" + s + "' (sources: " + trackSources + ")";
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return name + "=" + String.join("+", sources);
    }
}
