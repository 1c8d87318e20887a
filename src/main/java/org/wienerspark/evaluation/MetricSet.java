package org.wienerspark.evaluation;

import java.util.Locale;

/** The metric sets an evaluation computes ({@code --metrics}). */
public enum MetricSet {
    /** BSSEval v4 as museval computes it: framewise SDR, ISR, SIR, SAR. */
    V4,
    /** The Music Demixing Challenge 2021 global SDR. */
    SDR;

    /** The option value ({@code v4}, {@code sdr}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The set named by an option value (case and surrounding blanks ignored). */
    public static MetricSet parse(String option) {
        String o = option.strip().toLowerCase(Locale.ROOT);
        for (MetricSet m : values()) {
            if (m.option().equals(o)) {
                return m;
            }
        }
        throw new IllegalArgumentException("--metrics: unknown metric '" + option + "' (known: v4, sdr)");
    }
}
