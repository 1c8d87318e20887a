package org.wienerspark.separation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wienerspark.core.Tensors;
import org.wienerspark.io.AudioOutputFormat;

/**
 * Every setting of the separation job, built by {@link #builder} and checked on the driver
 * before anything runs ({@link #validate}). The defaults, declared here once (the CLI and
 * {@code conf/} read them from here), are norbert's {@code wiener} (one iteration, soft mask,
 * machine epsilon, magnitudes) and Open-Unmix's STFT (4096 / 1024).
 *
 * <pre>{@code
 * SeparationConfig config = SeparationConfig.builder()
 *         .mixtures("s3a://corpus/mixtures").estimates("s3a://corpus/umx").output("s3a://corpus/refined")
 *         .iterations(2).outputFormat(AudioOutputFormat.PCM16).build();
 * }</pre>
 */
public final class SeparationConfig implements Serializable {

    private static final long serialVersionUID = 2L;

    public static final int DEFAULT_ITERATIONS = 1;
    public static final boolean DEFAULT_SOFTMASK = true;
    public static final double DEFAULT_EPS = Tensors.DOUBLE_EPS;
    public static final double DEFAULT_ALPHA = 1.0;
    public static final int DEFAULT_N_FFT = 4096;
    public static final int DEFAULT_HOP = 1024;
    public static final int DEFAULT_BLOCK_FRAMES = 128;
    public static final int DEFAULT_EM_WINDOW_FRAMES = 0;
    public static final AudioOutputFormat DEFAULT_OUTPUT_FORMAT = AudioOutputFormat.SAME;
    public static final long DEFAULT_BROADCAST_LIMIT = 64L << 20;
    public static final int DEFAULT_PARTITIONS = 0;
    public static final boolean DEFAULT_CACHE_BLOCKS = true;
    public static final int DEFAULT_CHECKPOINT_EVERY = 4;
    public static final Precision DEFAULT_PRECISION = Precision.DOUBLE;
    /** 16 GB: about 22 minutes of stereo 4-source audio in double per batch. */
    public static final long DEFAULT_CACHE_LIMIT = 16L << 30;

    private final String mixtures;
    private final String estimates;
    private final String spectrograms;
    private final String manifest;
    private final String output;
    private final List<String> sources;
    private final int iterations;
    private final boolean softmask;
    private final double eps;
    private final double alpha;
    private final boolean residual;
    private final int nFft;
    private final int hop;
    private final int blockFrames;
    private final int emWindowFrames;
    private final AudioOutputFormat outputFormat;
    private final List<Aggregate> aggregates;
    private final long broadcastLimitBytes;
    private final int partitions;
    private final boolean quiet;
    private final boolean cacheBlocks;
    private final boolean overwrite;
    private final boolean failFast;
    private final int checkpointEvery;
    private final Precision precision;
    private final long cacheLimitBytes;

    private SeparationConfig(Builder b) {
        mixtures = b.mixtures;
        estimates = b.estimates;
        spectrograms = b.spectrograms;
        manifest = b.manifest;
        output = b.output;
        sources = List.copyOf(b.sources);
        iterations = b.iterations;
        softmask = b.softmask;
        eps = b.eps;
        alpha = b.alpha;
        residual = b.residual;
        nFft = b.nFft;
        hop = b.hop;
        blockFrames = b.blockFrames;
        emWindowFrames = b.emWindowFrames;
        outputFormat = b.outputFormat;
        aggregates = List.copyOf(b.aggregates);
        broadcastLimitBytes = b.broadcastLimitBytes;
        partitions = b.partitions;
        quiet = b.quiet;
        cacheBlocks = b.cacheBlocks;
        overwrite = b.overwrite;
        failFast = b.failFast;
        checkpointEvery = b.checkpointEvery;
        precision = b.precision;
        cacheLimitBytes = b.cacheLimitBytes;
    }

    /** A builder with every default. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these settings, to derive another configuration. */
    public Builder toBuilder() {
        return new Builder().mixtures(mixtures).estimates(estimates).spectrograms(spectrograms).manifest(manifest)
                .output(output).sources(sources).iterations(iterations).softmask(softmask).eps(eps).alpha(alpha)
                .residual(residual).nFft(nFft).hop(hop).blockFrames(blockFrames).emWindowFrames(emWindowFrames)
                .outputFormat(outputFormat).aggregates(aggregates).broadcastLimitBytes(broadcastLimitBytes).partitions(partitions)
                .quiet(quiet).cacheBlocks(cacheBlocks).overwrite(overwrite).failFast(failFast)
                .checkpointEvery(checkpointEvery).precision(precision).cacheLimitBytes(cacheLimitBytes);
    }

    /** The settings of a separation; each setter names its command-line option. */
    public static final class Builder {
        private String mixtures;
        private String estimates;
        private String spectrograms;
        private String manifest;
        private String output;
        private List<String> sources = List.of();
        private int iterations = DEFAULT_ITERATIONS;
        private boolean softmask = DEFAULT_SOFTMASK;
        private double eps = DEFAULT_EPS;
        private double alpha = DEFAULT_ALPHA;
        private boolean residual;
        private int nFft = DEFAULT_N_FFT;
        private int hop = DEFAULT_HOP;
        private int blockFrames = DEFAULT_BLOCK_FRAMES;
        private int emWindowFrames = DEFAULT_EM_WINDOW_FRAMES;
        private AudioOutputFormat outputFormat = DEFAULT_OUTPUT_FORMAT;
        private List<Aggregate> aggregates = List.of();
        private long broadcastLimitBytes = DEFAULT_BROADCAST_LIMIT;
        private int partitions = DEFAULT_PARTITIONS;
        private boolean quiet;
        private boolean cacheBlocks = DEFAULT_CACHE_BLOCKS;
        private boolean overwrite;
        private boolean failFast;
        private int checkpointEvery = DEFAULT_CHECKPOINT_EVERY;
        private Precision precision = DEFAULT_PRECISION;
        private long cacheLimitBytes = DEFAULT_CACHE_LIMIT;

        private Builder() {
        }

        /** {@code --mixtures}: folder of {@code <track>/mixture.wav} (MUSDB layout). */
        public Builder mixtures(String v) {
            mixtures = v;
            return this;
        }

        /** {@code --estimates}: folder of {@code <track>/<source>.wav}. */
        public Builder estimates(String v) {
            estimates = v;
            return this;
        }

        /** {@code --spectrograms}: folder of {@code <track>/<source>.npy} magnitudes (frames, bins, C or 1). */
        public Builder spectrograms(String v) {
            spectrograms = v;
            return this;
        }

        /** {@code --manifest}: CSV {@code track,mixture,source,estimate}. */
        public Builder manifest(String v) {
            manifest = v;
            return this;
        }

        /** {@code --output}: the output folder. */
        public Builder output(String v) {
            output = v;
            return this;
        }

        /** {@code --sources}: the source names to use; empty for every file found. */
        public Builder sources(List<String> v) {
            sources = List.copyOf(v);
            return this;
        }

        /** {@code --iterations}: EM iterations (0: the initial estimate only). */
        public Builder iterations(int v) {
            iterations = v;
            return this;
        }

        /** {@code --softmask}: initial estimate by ratio mask (else magnitudes with the mixture's phase). */
        public Builder softmask(boolean v) {
            softmask = v;
            return this;
        }

        /** {@code --eps}: regularisation. */
        public Builder eps(double v) {
            eps = v;
            return this;
        }

        /** {@code --alpha}: exponent applied to magnitudes to form v. */
        public Builder alpha(double v) {
            alpha = v;
            return this;
        }

        /** {@code --residual}: add a residual source. */
        public Builder residual(boolean v) {
            residual = v;
            return this;
        }

        /** {@code --n-fft}: FFT size. */
        public Builder nFft(int v) {
            nFft = v;
            return this;
        }

        /** {@code --hop}: hop size. */
        public Builder hop(int v) {
            hop = v;
            return this;
        }

        /** {@code --block-frames}: frames owned by one block. */
        public Builder blockFrames(int v) {
            blockFrames = v;
            return this;
        }

        /** {@code --em-window-frames}: 0, statistics over the whole track; N, over chunks of N frames. */
        public Builder emWindowFrames(int v) {
            emWindowFrames = v;
            return this;
        }

        /** {@code --output-format}. */
        public Builder outputFormat(AudioOutputFormat v) {
            outputFormat = v;
            return this;
        }

        /** {@code --aggregate} (repeatable): sums of stems written as extra outputs. */
        public Builder aggregates(List<Aggregate> v) {
            aggregates = List.copyOf(v);
            return this;
        }

        /** {@code --broadcast-limit-mb}, in bytes: statistics of at most this size are broadcast, else joined. */
        public Builder broadcastLimitBytes(long v) {
            broadcastLimitBytes = v;
            return this;
        }

        /** {@code --partitions}: 0, tasks of 4 consecutive blocks of a track; N, N contiguous tasks. */
        public Builder partitions(int v) {
            partitions = v;
            return this;
        }

        /** {@code --quiet}: no progress line. */
        public Builder quiet(boolean v) {
            quiet = v;
            return this;
        }

        /** {@code --cache-blocks}: persist blocks (x and v) between iterations, else recompute them. */
        public Builder cacheBlocks(boolean v) {
            cacheBlocks = v;
            return this;
        }

        /** {@code --overwrite}: redo every track, even those whose {@code _SUCCESS} marker matches. */
        public Builder overwrite(boolean v) {
            overwrite = v;
            return this;
        }

        /** {@code --fail-fast}: stop at the first failed track instead of finishing the others. */
        public Builder failFast(boolean v) {
            failFast = v;
            return this;
        }

        /** {@code --checkpoint-every}: checkpoint the blocks every this many iterations (0: never). */
        public Builder checkpointEvery(int v) {
            checkpointEvery = v;
            return this;
        }

        /** {@code --precision}. */
        public Builder precision(Precision v) {
            precision = v;
            return this;
        }

        /** {@code --cache-limit-gb}, in bytes: batches whose cached blocks stay under this (0: one batch). */
        public Builder cacheLimitBytes(long v) {
            cacheLimitBytes = v;
            return this;
        }

        /** The configuration, checked ({@link #validate}). */
        public SeparationConfig build() {
            return new SeparationConfig(this).validate();
        }

        /** The configuration, unchecked (for tests of the checks). */
        SeparationConfig buildUnchecked() {
            return new SeparationConfig(this);
        }
    }

    // Accessors, one per setting (named as the builder's setters).
    public String mixtures() { return mixtures; }
    public String estimates() { return estimates; }
    public String spectrograms() { return spectrograms; }
    public String manifest() { return manifest; }
    public String output() { return output; }
    public List<String> sources() { return sources; }
    public int iterations() { return iterations; }
    public boolean softmask() { return softmask; }
    public double eps() { return eps; }
    public double alpha() { return alpha; }
    public boolean residual() { return residual; }
    public int nFft() { return nFft; }
    public int hop() { return hop; }
    public int blockFrames() { return blockFrames; }
    public int emWindowFrames() { return emWindowFrames; }
    public AudioOutputFormat outputFormat() { return outputFormat; }
    public List<Aggregate> aggregates() { return aggregates; }
    public long broadcastLimitBytes() { return broadcastLimitBytes; }
    public int partitions() { return partitions; }
    public boolean quiet() { return quiet; }
    public boolean cacheBlocks() { return cacheBlocks; }
    public boolean overwrite() { return overwrite; }
    public boolean failFast() { return failFast; }
    public int checkpointEvery() { return checkpointEvery; }
    public Precision precision() { return precision; }
    public long cacheLimitBytes() { return cacheLimitBytes; }

    /** Whether blocks keep x and v in float32 ({@code --precision float}). */
    public boolean singlePrecision() {
        return precision == Precision.FLOAT;
    }

    /** Checks the settings ({@link SeparationConfigChecks}); the message names the option. */
    public SeparationConfig validate() {
        SeparationConfigChecks.check(this);
        return this;
    }

    /** Every option, for the report and the resume marker. */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mixtures", mixtures);
        m.put("estimates", estimates);
        m.put("spectrograms", spectrograms);
        m.put("manifest", manifest);
        m.put("output", output);
        m.put("sources", sources);
        m.put("iterations", iterations);
        m.put("softmask", softmask);
        m.put("eps", eps);
        m.put("alpha", alpha);
        m.put("residual", residual);
        m.put("n_fft", nFft);
        m.put("hop", hop);
        m.put("block_frames", blockFrames);
        m.put("em_window_frames", emWindowFrames);
        m.put("output_format", outputFormat.option());
        m.put("aggregates", aggregates.stream().map(Aggregate::toString).toList());
        m.put("broadcast_limit_bytes", broadcastLimitBytes);
        m.put("partitions", partitions);
        m.put("cache_blocks", cacheBlocks);
        m.put("overwrite", overwrite);
        m.put("fail_fast", failFast);
        m.put("checkpoint_every", checkpointEvery);
        m.put("precision", precision.option());
        m.put("cache_limit_bytes", cacheLimitBytes);
        return m;
    }
}
