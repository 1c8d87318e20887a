package org.wienerspark.results;

import java.util.List;

/**
 * One run to report or compare: its label (the {@code method} of the tables), where it was read
 * from, what kind of folder it is, and its per-track table.
 *
 * @param label  the method label
 * @param source the folder
 * @param kind   {@link #EVALUATION} (an output of the evaluation job: its summary.csv holds the
 *               global SDR and the failed tracks) or {@link #MUSEVAL} (museval JSON only)
 * @param tracks the per-track rows, failed tracks included
 */
public record RunScores(String label, String source, String kind, List<TrackSummary> tracks) {

    public static final String EVALUATION = "evaluation";
    public static final String MUSEVAL = "museval";

    public RunScores {
        tracks = List.copyOf(tracks);
    }
}
