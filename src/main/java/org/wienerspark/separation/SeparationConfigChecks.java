package org.wienerspark.separation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.wienerspark.dsp.Stft;

/**
 * The checks {@link SeparationConfig#validate()} makes on the driver before anything runs: one
 * input kind, the required folders, every number in range, the aggregates. Each message names
 * the command-line option, since most users meet them through {@code jobs/separate}.
 */
final class SeparationConfigChecks {

    private SeparationConfigChecks() {
    }

    /** Throws {@link IllegalArgumentException} naming the first option that is out of range. */
    static void check(SeparationConfig c) {
        int inputs = (c.estimates() != null ? 1 : 0) + (c.spectrograms() != null ? 1 : 0)
                + (c.manifest() != null ? 1 : 0);
        if (inputs != 1) {
            throw new IllegalArgumentException("give exactly one of --estimates, --spectrograms, --manifest");
        }
        if (c.manifest() == null && c.mixtures() == null) {
            throw new IllegalArgumentException("--mixtures is required with --estimates or --spectrograms");
        }
        if (c.output() == null || c.output().isBlank()) {
            throw new IllegalArgumentException("--output is required");
        }
        if (c.iterations() < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + c.iterations());
        }
        if (!(c.eps() >= 0) || Double.isInfinite(c.eps())) {
            throw new IllegalArgumentException("--eps must be finite and >= 0, got " + c.eps());
        }
        if (!(c.alpha() > 0) || Double.isInfinite(c.alpha())) {
            throw new IllegalArgumentException("--alpha must be finite and > 0, got " + c.alpha());
        }
        if (c.blockFrames() < 1) {
            throw new IllegalArgumentException("--block-frames must be >= 1, got " + c.blockFrames());
        }
        if (c.emWindowFrames() < 0) {
            throw new IllegalArgumentException("--em-window-frames must be >= 0, got " + c.emWindowFrames());
        }
        if (c.checkpointEvery() < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + c.checkpointEvery());
        }
        if (c.cacheLimitBytes() < 0) {
            throw new IllegalArgumentException("--cache-limit-gb must be >= 0, got "
                    + c.cacheLimitBytes() / (double) (1L << 30));
        }
        if (c.partitions() < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0, got " + c.partitions());
        }
        if (c.outputFormat() == null) {
            throw new IllegalArgumentException("--output-format is required");
        }
        if (c.precision() == null) {
            throw new IllegalArgumentException("--precision must be double or float");
        }
        if (c.sources().size() == 1 && !c.residual()) {
            throw new IllegalArgumentException("one source without --residual: the Wiener filter of a single source"
                    + " returns the mixture itself; add --residual or give more sources");
        }
        checkAggregates(c);
        // The STFT checks its own settings with a message naming them.
        new Stft(c.nFft(), c.hop());
    }

    /**
     * Aggregate names are unique and, when the sources are known before listing the corpus
     * ({@code --sources}), sum only those and clash with none; otherwise each track is checked
     * by the planner.
     */
    private static void checkAggregates(SeparationConfig c) {
        Set<String> names = new HashSet<>();
        for (Aggregate a : c.aggregates()) {
            a.check();
            if (!names.add(a.name())) {
                throw new IllegalArgumentException("--aggregate: the name '" + a.name() + "' is given twice");
            }
            if (a.name().equals(CorpusPlanner.MIXTURE) || c.residual() && a.name().equals(CorpusPlanner.RESIDUAL)) {
                throw new IllegalArgumentException("--aggregate " + a + ": the name '" + a.name() + "' is taken");
            }
        }
        if (!c.sources().isEmpty()) {
            List<String> all = new ArrayList<>(c.sources());
            if (c.residual()) {
                all.add(CorpusPlanner.RESIDUAL);
            }
            for (Aggregate a : c.aggregates()) {
                String p = a.problem(all);
                if (p != null) {
                    throw new IllegalArgumentException(p);
                }
            }
        }
    }
}
