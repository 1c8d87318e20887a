package org.wienerspark.separation;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wienerspark.core.Tensors;

/**
 * Every setting of the separation job, checked on the driver before anything runs. Defaults
 * are norbert's {@code wiener} (one iteration, soft mask, machine epsilon, magnitudes) and
 * Open-Unmix's STFT (4096 / 1024).
 *
 * @param mixtures        folder of {@code <track>/mixture.wav} (MUSDB layout), or null with a manifest
 * @param estimates       folder of {@code <track>/<source>.wav}, or null
 * @param spectrograms    folder of {@code <track>/<source>.npy} magnitudes (frames, bins, C or 1), or null
 * @param manifest        CSV {@code track,mixture,source,estimate}, or null
 * @param output          output folder
 * @param sources         source names to use, or empty for every file found
 * @param iterations      EM iterations (0 = the initial estimate only)
 * @param softmask        initial estimate by ratio mask (else magnitudes with the mixture's phase)
 * @param eps             regularisation
 * @param alpha           exponent applied to magnitudes to form v
 * @param residual        add a residual source
 * @param nFft            FFT size
 * @param hop             hop size
 * @param blockFrames     frames owned by one block
 * @param emWindowFrames  0: statistics over the whole track; N: over consecutive chunks of N frames
 * @param outputFormat    {@code same}, {@code pcm16}, {@code pcm24}, {@code float32} or {@code float64}
 * @param broadcastLimitBytes statistics of at most this size are broadcast, else joined
 * @param partitions      number of partitions of the blocks (0: Spark's default parallelism)
 * @param quiet           no progress line
 * @param cacheBlocks     persist blocks (x and v) between iterations, else recompute them from the inputs
 * @param overwrite       redo every track, even those whose {@code _SUCCESS} marker matches
 * @param failFast        stop at the first failed track instead of finishing the others
 * @param checkpointEvery checkpoint the blocks to the output filesystem every this many
 *                        iterations (0: never), so that lineage stays short
 * @param precision       {@code double}, or {@code float}: blocks keep x and v in float32 (half the
 *                        bytes stored between stages); statistics and kernels stay in double
 * @param cacheLimitBytes with cached blocks, the tracks are separated in batches whose blocks
 *                        (two iterations' worth, on the executors' local disks) stay under this
 *                        many bytes; a larger track is a batch of its own; 0: one batch
 */
public record JobConfig(String mixtures, String estimates, String spectrograms, String manifest, String output,
                        List<String> sources, int iterations, boolean softmask, double eps, double alpha,
                        boolean residual, int nFft, int hop, int blockFrames, int emWindowFrames,
                        String outputFormat, long broadcastLimitBytes, int partitions, boolean quiet,
                        boolean cacheBlocks, boolean overwrite, boolean failFast, int checkpointEvery,
                        String precision, long cacheLimitBytes)
        implements Serializable {

    public static final int DEFAULT_N_FFT = 4096;
    public static final int DEFAULT_HOP = 1024;
    public static final int DEFAULT_BLOCK_FRAMES = 128;
    public static final long DEFAULT_BROADCAST_LIMIT = 64L << 20;
    public static final int DEFAULT_CHECKPOINT_EVERY = 4;
    /** 16 GB: about 22 minutes of stereo 4-source audio in double per batch. */
    public static final long DEFAULT_CACHE_LIMIT = 16L << 30;

    public static final String DOUBLE = "double";
    public static final String FLOAT = "float";

    public JobConfig {
        sources = List.copyOf(sources);
    }

    /** Every setting but the precision, which is double. */
    public JobConfig(String mixtures, String estimates, String spectrograms, String manifest, String output,
                     List<String> sources, int iterations, boolean softmask, double eps, double alpha,
                     boolean residual, int nFft, int hop, int blockFrames, int emWindowFrames,
                     String outputFormat, long broadcastLimitBytes, int partitions, boolean quiet,
                     boolean cacheBlocks, boolean overwrite, boolean failFast, int checkpointEvery) {
        this(mixtures, estimates, spectrograms, manifest, output, sources, iterations, softmask, eps, alpha, residual,
                nFft, hop, blockFrames, emWindowFrames, outputFormat, broadcastLimitBytes, partitions, quiet,
                cacheBlocks, overwrite, failFast, checkpointEvery, DOUBLE);
    }

    /** Every setting but the cache limit, which is the default. */
    public JobConfig(String mixtures, String estimates, String spectrograms, String manifest, String output,
                     List<String> sources, int iterations, boolean softmask, double eps, double alpha,
                     boolean residual, int nFft, int hop, int blockFrames, int emWindowFrames,
                     String outputFormat, long broadcastLimitBytes, int partitions, boolean quiet,
                     boolean cacheBlocks, boolean overwrite, boolean failFast, int checkpointEvery, String precision) {
        this(mixtures, estimates, spectrograms, manifest, output, sources, iterations, softmask, eps, alpha, residual,
                nFft, hop, blockFrames, emWindowFrames, outputFormat, broadcastLimitBytes, partitions, quiet,
                cacheBlocks, overwrite, failFast, checkpointEvery, precision, DEFAULT_CACHE_LIMIT);
    }

    /** Whether blocks keep x and v in float32 ({@code --precision float}). */
    public boolean singlePrecision() {
        return FLOAT.equals(precision);
    }

    /** Checks the settings; the message names the option. */
    public JobConfig validate() {
        int inputs = (estimates != null ? 1 : 0) + (spectrograms != null ? 1 : 0) + (manifest != null ? 1 : 0);
        if (inputs != 1) {
            throw new IllegalArgumentException("give exactly one of --estimates, --spectrograms, --manifest");
        }
        if (manifest == null && mixtures == null) {
            throw new IllegalArgumentException("--mixtures is required with --estimates or --spectrograms");
        }
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("--output is required");
        }
        if (iterations < 0) {
            throw new IllegalArgumentException("--iterations must be >= 0, got " + iterations);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new IllegalArgumentException("--eps must be finite and >= 0, got " + eps);
        }
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("--alpha must be finite and > 0, got " + alpha);
        }
        if (blockFrames < 1) {
            throw new IllegalArgumentException("--block-frames must be >= 1, got " + blockFrames);
        }
        if (emWindowFrames < 0) {
            throw new IllegalArgumentException("--em-window-frames must be >= 0, got " + emWindowFrames);
        }
        if (checkpointEvery < 0) {
            throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        }
        if (cacheLimitBytes < 0) {
            throw new IllegalArgumentException("--cache-limit-gb must be >= 0, got " + cacheLimitBytes / (double) (1L << 30));
        }
        if (partitions < 0) {
            throw new IllegalArgumentException("--partitions must be >= 0, got " + partitions);
        }
        OutputFormat.parse(outputFormat);
        if (!DOUBLE.equals(precision) && !FLOAT.equals(precision)) {
            throw new IllegalArgumentException("--precision must be double or float, got " + precision);
        }
        if (sources.size() == 1 && !residual) {
            throw new IllegalArgumentException("one source without --residual: the Wiener filter of a single source"
                    + " returns the mixture itself; add --residual or give more sources");
        }
        // The STFT checks its own settings with a message naming them.
        new org.wienerspark.dsp.Stft(nFft, hop);
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
        m.put("output_format", outputFormat);
        m.put("broadcast_limit_bytes", broadcastLimitBytes);
        m.put("partitions", partitions);
        m.put("cache_blocks", cacheBlocks);
        m.put("overwrite", overwrite);
        m.put("fail_fast", failFast);
        m.put("checkpoint_every", checkpointEvery);
        m.put("precision", precision);
        m.put("cache_limit_bytes", cacheLimitBytes);
        return m;
    }

    /** A configuration with the defaults, for the given input folders. */
    public static JobConfig defaults(String mixtures, String estimates, String output) {
        return new JobConfig(mixtures, estimates, null, null, output, List.of(), 1, true, Tensors.DOUBLE_EPS, 1.0,
                false, DEFAULT_N_FFT, DEFAULT_HOP, DEFAULT_BLOCK_FRAMES, 0, "same", DEFAULT_BROADCAST_LIMIT, 0, false,
                true, false, false, DEFAULT_CHECKPOINT_EVERY, DOUBLE, DEFAULT_CACHE_LIMIT);
    }
}
