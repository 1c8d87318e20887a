package org.wienerspark.spark;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

/**
 * A named sample-wise sum of stems, {@code NAME=SRC+SRC...} (e.g. {@code accompaniment=drums+bass+other}):
 * the separation writes it as an extra output ({@code --aggregate}), the evaluation sums a missing
 * reference from it. Shared so that both options parse and check the same way.
 *
 * @param name    the sum's name, a file name
 * @param sources the stems summed, at least one, each once
 */
public record StemSum(String name, List<String> sources) implements Serializable {

    /** MUSDB's accompaniment, as musdb builds it and museval scores it: every source but the vocals. */
    public static final StemSum MUSDB_ACCOMPANIMENT = new StemSum("accompaniment", List.of("drums", "bass", "other"));

    public StemSum {
        sources = List.copyOf(sources);
    }

    /**
     * Parses {@code NAME=SRC+SRC...}.
     *
     * @throws IllegalArgumentException naming {@code --aggregate} and the problem
     */
    public static StemSum parse(String option) {
        int eq = option.indexOf('=');
        if (eq <= 0 || eq == option.length() - 1) {
            throw new IllegalArgumentException("--aggregate must be NAME=SRC+SRC..., e.g. "
                    + "accompaniment=drums+bass+other; got '" + option + "'");
        }
        String name = option.substring(0, eq).strip();
        List<String> parts = Arrays.stream(option.substring(eq + 1).split("\\+", -1)).map(String::strip).toList();
        return new StemSum(name, parts).check();
    }

    /** Checks the names; the message names {@code --aggregate}. */
    public StemSum check() {
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
        if (sources.contains(name)) {
            throw new IllegalArgumentException("--aggregate " + this + ": the name '" + name + "' is also a source's");
        }
        return this;
    }

    @Override
    public String toString() {
        return name + "=" + String.join("+", sources);
    }
}
