package org.wienerspark.eval;

import java.util.List;
import java.util.Locale;

/**
 * The metric sets of the BSS Eval family, each exact to one reference implementation (see
 * {@link FamilyEvaluation} for the framing, permutation and silence rules of each).
 */
public enum MetricSet {
    /**
     * museval 0.4.1 {@code bss_eval(framewise_filters=False)}, {@code mode="v4"}: 512-tap
     * filters fitted once over the whole track, scored per window.
     */
    V4("v4", false, "SDR", "ISR", "SIR", "SAR"),
    /**
     * museval 0.4.1 {@code bss_eval(framewise_filters=True, bsseval_sources_version=False)},
     * {@code mode="v3"}: filters fitted anew in every window.
     */
    V3("v3", false, "SDR", "ISR", "SIR", "SAR"),
    /** mir_eval {@code bss_eval_images} / {@code bss_eval_images_framewise}. */
    IMAGES("images", false, "SDR", "ISR", "SIR", "SAR"),
    /**
     * mir_eval {@code bss_eval_sources} / {@code bss_eval_sources_framewise}, each channel of a
     * multichannel file scored as its own single-channel signal.
     */
    SOURCES("sources", true, "SDR", "SIR", "SAR"),
    /**
     * The scale-invariant family per channel (fast_bss_eval {@code si_bss_eval_sources}: SI-SDR,
     * SI-SIR, SI-SAR, i.e. BSS Eval with 1-tap filters) and the scale-dependent SD-SDR of Le Roux
     * et al. 2019.
     */
    SI("si", true, "SI-SDR", "SI-SIR", "SI-SAR", "SD-SDR"),
    /** The global SDR of the Music Demixing Challenge 2021 (one value per source, no windows). */
    SDR("sdr", false, "SDR");

    private final String id;
    private final boolean perChannel;
    private final List<String> metrics;

    MetricSet(String id, boolean perChannel, String... metrics) {
        this.id = id;
        this.perChannel = perChannel;
        this.metrics = List.of(metrics);
    }

    /** The name users select it by ({@code --metrics v4,si}). */
    public String id() {
        return id;
    }

    /** Whether each channel is scored as its own signal (values per source, channel and frame). */
    public boolean perChannel() {
        return perChannel;
    }

    /** The metric names, in output order. */
    public List<String> metrics() {
        return metrics;
    }

    /** Whether the set has a SIR to choose a permutation by. */
    public boolean permutable() {
        return this != SDR;
    }

    /**
     * The set named {@code id} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known sets
     */
    public static MetricSet of(String id) {
        String key = id.trim().toLowerCase(Locale.ROOT);
        for (MetricSet s : values()) {
            if (s.id.equals(key)) {
                return s;
            }
        }
        StringBuilder known = new StringBuilder();
        for (MetricSet s : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(s.id);
        }
        throw new IllegalArgumentException("unknown metric set '" + id + "'; known: " + known);
    }
}
