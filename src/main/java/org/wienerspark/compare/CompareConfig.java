package org.wienerspark.compare;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The compare job's settings.
 *
 * @param runs   the runs, in the order of the tables (pairs are B - A with A listed first)
 * @param output the output folder
 * @param subset the subfolder of the track JSON files ({@code test}, as museval's reader)
 */
public record CompareConfig(List<RunSpec> runs, String output, String subset) {

    public CompareConfig {
        runs = List.copyOf(runs);
    }

    /** Checks the settings; throws IllegalArgumentException with the reason. */
    public CompareConfig validate() {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no run to compare");
        }
        Set<String> labels = new HashSet<>();
        for (RunSpec r : runs) {
            if (!labels.add(r.label())) {
                throw new IllegalArgumentException("two runs are labelled '" + r.label()
                        + "' (name them: label=DIR)");
            }
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output is required");
        }
        if (subset == null || subset.isBlank() || subset.contains("/")) {
            throw new IllegalArgumentException("--subset: a folder name, got '" + subset + "'");
        }
        return this;
    }
}
