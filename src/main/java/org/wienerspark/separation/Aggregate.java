package org.wienerspark.separation;

import java.io.Serializable;
import java.util.List;
import org.wienerspark.spark.StemSum;

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
        StemSum s = StemSum.parse(option);
        return new Aggregate(s.name(), s.sources());
    }

    /** Checks the names; the message names {@code --aggregate}. */
    Aggregate check() {
        new StemSum(name, sources).check();
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
