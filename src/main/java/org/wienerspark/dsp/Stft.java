package org.wienerspark.dsp;

import java.util.Arrays;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealFft;
import org.wienerspark.core.RealTensor;
import org.wienerspark.core.Tensors;

/**
 * Short-time Fourier transform and its inverse, for one FFT size and hop, in the convention of
 * Open-Unmix ({@code torch.stft} with {@code center=True}).
 *
 * <h2>Convention</h2>
 * <ul>
 *   <li>window: periodic Hann, {@code w[n] = 0.5 - 0.5 cos(2 pi n / nFft)};</li>
 *   <li>the track is reflect-padded by {@code nFft/2} samples on both sides (the edge sample is
 *       not repeated, numpy's {@code 'reflect'}); frame {@code t} is the {@code nFft} padded
 *       samples from {@code t * hop}, i.e. it is centred on track sample {@code t * hop};</li>
 *   <li>{@code frames(length) = 1 + length / hop}; one-sided spectrum of {@code nFft/2 + 1} bins,
 *       unnormalised ({@code X[k] = sum_n w[n] x[n] exp(-2 pi i k n / nFft)});</li>
 *   <li>inverse: inverse real FFT of each frame, times the window, overlap-added, divided by the
 *       overlap-added squared window, cropped to the track.</li>
 * </ul>
 *
 * <h2>Short tracks</h2>
 * Reflect padding needs more than {@code nFft/2} samples. A track of {@code length <= nFft/2}
 * samples (including 0) is therefore treated as that track zero-extended to
 * {@code nFft/2 + 1} samples: its STFT is the STFT of the extended track
 * ({@code frames = 1 + (nFft/2 + 1) / hop}) and the inverse crops back to {@code length}, so
 * {@code inverse(forward(s), length)} still gives {@code s}.
 *
 * <h2>Blocks</h2>
 * A Spark task never holds a whole track, so both directions work on blocks and give exactly
 * (bit for bit) the values of the whole-track transform:
 * <ul>
 *   <li>forward: frames {@code [a, b)} need the samples {@link #samplesForFrames}; read them and
 *       call {@link #forwardFrames};</li>
 *   <li>inverse: the samples a block of frames {@code [a, b)} owns are {@link #ownedSamples}
 *       (blocks that partition the frames partition the track); they need the frames
 *       {@link #framesForSamples}, which {@link #haloFrames} (the block plus {@link #halo()}
 *       frames on each side) always contains; call {@link #inverseSamples}.</li>
 * </ul>
 *
 * <h2>FFT, threads and cost</h2>
 * Power-of-two sizes go through {@link BatchedFrames}: {@link RealFft} on batches of up to
 * {@link RealFft#preferredLanes} channel-frames at once with SIMD loops (see README, Benchmarks,
 * for its speed against JTransforms); other sizes through JTransforms, frame by frame
 * ({@link JTransformsFrames}), as does the plan of {@link #withJTransforms} for every size (the
 * baseline of benchmarks and tests). Both
 * give the same values to rounding (within 1e-13 of a frame's peak), and each frame's values do
 * not depend on the batch it is in, so blocks stay bit-identical to whole tracks.
 * A plan is immutable and safe to share between threads: each call allocates its scratch arrays
 * (four of {@code nFft/2 + 1} values per lane of a batch), nothing per frame. JTransforms itself
 * allocates a scratch array per transform when {@code nFft} is not a power of two, and uses its
 * own thread pool for power-of-two sizes from 8192 on. A plan is not serializable: Spark closures
 * capture {@code (nFft, hop)} and build one plan per partition, which costs O(nFft log nFft).
 *
 * <p>Layouts follow {@code org.wienerspark.core}: a signal is {@code (samples, channels)}, sample
 * major like a WAV frame; a spectrogram is {@code (frames, bins, channels)} complex interleaved.
 */
public final class Stft {

    private final int nFft;
    private final int hop;
    private final int half;
    private final int bins;
    private final double[] window;
    /** What the inverse divides by; which frames cover a sample. */
    private final SquaredWindowSum norm;
    /**
     * {@link BatchedFrames} for power-of-two sizes, {@link JTransformsFrames} for other sizes and
     * in {@link #withJTransforms}.
     */
    private final FrameTransform transform;

    /**
     * Builds the plan.
     *
     * @param nFft FFT size, even and {@code >= 16} (any factorisation)
     * @param hop  frame step, {@code 1 <= hop <= nFft/2 + 1}
     * @throws IllegalArgumentException for other values; a larger hop (up to {@code nFft}) is
     *                                  refused because the overlap-added squared window is then
     *                                  zero at some samples of some tracks, which the inverse
     *                                  could not reconstruct
     */
    public Stft(int nFft, int hop) {
        this(nFft, hop, true);
    }

    /**
     * The same STFT computed frame by frame with JTransforms for every size: the oracle of the
     * tests and the baseline of {@code jobs/bench} ({@code stft_*_fps_jtransforms}).
     */
    public static Stft withJTransforms(int nFft, int hop) {
        return new Stft(nFft, hop, false);
    }

    private Stft(int nFft, int hop, boolean batched) {
        if (nFft < 16 || nFft % 2 != 0) {
            throw new IllegalArgumentException("nFft must be even and >= 16, got nFft=" + nFft);
        }
        if (hop < 1 || hop > nFft) {
            throw new IllegalArgumentException("hop must be in [1, nFft=" + nFft + "], got hop=" + hop);
        }
        int half = nFft / 2;
        if (hop > half + 1) {
            // Frame t covers track samples t*hop - half + 1 ... t*hop + half - 1 with a nonzero
            // weight; with a larger hop the last samples of e.g. a track of half + 1 samples are
            // covered by no frame.
            throw new IllegalArgumentException("nFft=" + nFft + ", hop=" + hop + " cannot reconstruct: for hop > nFft/2 + 1 = "
                    + (half + 1) + " the overlap-added squared window is zero at some samples (e.g. sample " + half
                    + " of a track of " + (half + 1) + " samples); use hop <= " + (half + 1));
        }
        this.nFft = nFft;
        this.hop = hop;
        this.half = half;
        this.bins = half + 1;
        this.window = new double[nFft];
        for (int n = 0; n < nFft; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
        }
        this.norm = new SquaredWindowSum(nFft, hop, window);
        this.transform = batched && RealFft.supports(nFft) ? new BatchedFrames(nFft, hop, window)
                : new JTransformsFrames(nFft, hop, window);
    }

    /**
     * The magnitude {@code |re + i im|} of an STFT bin: {@code sqrt(re^2 + im^2)} where the
     * squares neither overflow nor underflow (within an ulp of {@link Math#hypot}, which, not
     * intrinsified, is 20x slower: 12% of a separation's CPU when it ran on every bin), hypot
     * elsewhere. numpy's {@code abs} (the C library's hypot) is itself within an ulp of both.
     */
    public static double magnitude(double re, double im) {
        return org.wienerspark.core.ComplexOps.modulus(re, im);
    }

    /** FFT size (frame length) in samples. */
    public int nFft() {
        return nFft;
    }

    /** Step between frames in samples. */
    public int hop() {
        return hop;
    }

    /** Number of frequency bins, {@code nFft/2 + 1}. */
    public int bins() {
        return bins;
    }

    /** The analysis and synthesis window, periodic Hann; a copy. Shape (nFft). */
    public double[] window() {
        return window.clone();
    }

    /** Halo of the block inverse, {@code ceil(nFft / hop) - 1} frames on each side of a block. */
    public int halo() {
        return halo(nFft, hop);
    }

    /** {@link #halo()} of an STFT with these settings, without building its FFT plan. */
    public static int halo(int nFft, int hop) {
        return (nFft + hop - 1) / hop - 1;
    }

    /** Number of frames of a track: {@code 1 + max(length, nFft/2 + 1) / hop}. */
    public int frames(int length) {
        requireLength(length);
        return 1 + extendedLength(length) / hop;
    }

    // ---------------------------------------------------------------- whole tracks

    /**
     * STFT of a whole track. Shapes: signal (samples, channels) -> (frames, bins, channels).
     *
     * @param signal input, not modified; at least one channel
     * @return a new tensor
     */
    public ComplexTensor forward(RealTensor signal) {
        Tensors.requireRank("signal", signal.shape(), 2, "(samples, channels)");
        int length = signal.dim(0);
        int channels = signal.dim(1);
        requireChannels(channels);
        int frames = frames(length);
        ComplexTensor x = ComplexTensor.zeros(frames, bins, channels);
        forwardFrames(signal.data(), 0, channels, length, 0, frames, x.data());
        return x;
    }

    /**
     * Inverse STFT of a whole track. Shapes: (frames, bins, channels) -> (length, channels).
     *
     * @param x      input, not modified; {@code frames(length)} frames of {@link #bins()} bins
     * @param length the track's number of samples
     * @return a new tensor
     */
    public RealTensor inverse(ComplexTensor x, int length) {
        Tensors.requireRank("x", x.shape(), 3, "(frames, bins, channels)");
        Tensors.requireDim("x", x.shape(), 0, frames(length), "(frames, bins, channels) for a track of " + length
                + " samples");
        Tensors.requireDim("x", x.shape(), 1, bins, "(frames, bins, channels)");
        int channels = x.dim(2);
        requireChannels(channels);
        RealTensor s = RealTensor.zeros(length, channels);
        inverseSamples(x.data(), 0, channels, length, 0, length, s.data());
        return s;
    }

    // ---------------------------------------------------------------- blocks: forward

    /**
     * The samples that frames {@code [a, b)} of a track read, reflect padding included; samples
     * of the zero extension of a short track are not read. Empty when {@code a == b}.
     */
    public Range samplesForFrames(int length, int a, int b) {
        requireFrameRange(length, a, b);
        if (a == b) {
            return new Range(0, 0);
        }
        int extended = extendedLength(length);
        // Track indices the frames span before reflection.
        long lo = (long) a * hop - half;
        long hi = (long) (b - 1) * hop + half - 1;
        long s0 = Math.max(lo, 0);
        long s1 = Math.min(hi, extended - 1) + 1;
        if (lo < 0) {
            s1 = Math.max(s1, -lo + 1);
        }
        if (hi >= extended) {
            s0 = Math.min(s0, 2L * (extended - 1) - hi);
        }
        s1 = Math.min(s1, length);
        s0 = Math.min(s0, s1);
        return new Range((int) s0, (int) s1);
    }

    /**
     * Frames {@code [a, b)} of a track from a block of its samples; identical to the same frames
     * of {@link #forward}. Shapes: block (n, channels) -> out (b - a, bins, channels).
     *
     * @param block      input, not modified: samples {@code [blockStart, blockStart + n)} of the
     *                   track, containing {@link #samplesForFrames samplesForFrames(length, a, b)}
     * @param blockStart track index of the block's first sample
     * @param channels   number of channels, {@code >= 1}
     * @param length     the whole track's number of samples
     * @param a          first frame
     * @param b          one past the last frame, {@code a <= b <= frames(length)}
     * @param out        output, overwritten; exactly {@code 2 (b - a) bins channels} values
     */
    public void forwardFrames(double[] block, int blockStart, int channels, int length, int a, int b, double[] out) {
        requireChannels(channels);
        requireFrameRange(length, a, b);
        if (block.length % channels != 0) {
            throw new IllegalArgumentException("block of " + block.length + " values is not (samples, " + channels
                    + " channels)");
        }
        int n = block.length / channels;
        if (blockStart < 0 || (long) blockStart + n > length) {
            throw new IllegalArgumentException("block [" + blockStart + ", " + ((long) blockStart + n)
                    + ") lies outside the track of " + length + " samples");
        }
        Range need = samplesForFrames(length, a, b);
        if (!new Range(blockStart, blockStart + n).contains(need)) {
            throw new IllegalArgumentException("block holds samples [" + blockStart + ", " + (blockStart + n)
                    + ") but frames [" + a + ", " + b + ") of a track of " + length + " samples need " + need);
        }
        requireSize("out", out, 2L * (b - a) * bins * channels);

        transform.forward(block, blockStart, channels, length, extendedLength(length), a, b, out);
    }

    // ---------------------------------------------------------------- blocks: inverse

    /**
     * The samples a block of frames {@code [a, b)} produces in a block-wise inverse:
     * {@code [a hop, b hop)}, the last block ({@code b == frames(length)}) up to the track's end,
     * clipped to the track. Blocks partitioning {@code [0, frames)} partition {@code [0, length)}.
     */
    public Range ownedSamples(int length, int a, int b) {
        requireFrameRange(length, a, b);
        int s0 = (int) Math.min((long) a * hop, length);
        int s1 = b == frames(length) ? length : (int) Math.min((long) b * hop, length);
        return new Range(Math.min(s0, s1), s1);
    }

    /**
     * The block {@code [a, b)} widened by {@link #halo()} frames on each side, clipped to the
     * track's frames; it contains {@link #framesForSamples} of {@link #ownedSamples}.
     */
    public Range haloFrames(int length, int a, int b) {
        requireFrameRange(length, a, b);
        int h = halo();
        return new Range(Math.max(0, a - h), (int) Math.min(frames(length), (long) b + h));
    }

    /**
     * The frames that contribute to samples {@code [s0, s1)} of the inverse: those whose window is
     * nonzero at one of the samples. Empty when {@code s0 == s1}.
     */
    public Range framesForSamples(int length, int s0, int s1) {
        requireSampleRange(length, s0, s1);
        if (s0 == s1) {
            return new Range(0, 0);
        }
        int first = Math.max(0, norm.firstFrameAt(s0));
        int end = Math.min(frames(length), norm.lastFrameAt(s1 - 1) + 1);
        return new Range(first, end);
    }

    /**
     * Samples {@code [s0, s1)} of the inverse STFT of a track from a block of its frames;
     * identical to the same samples of {@link #inverse}. Shapes: frames (m, bins, channels)
     * -> out (s1 - s0, channels).
     *
     * @param frames   input, not modified: frames {@code [f0, f0 + m)} of the track, containing
     *                 {@link #framesForSamples framesForSamples(length, s0, s1)}
     * @param f0       index of the first frame in {@code frames}
     * @param channels number of channels, {@code >= 1}
     * @param length   the whole track's number of samples
     * @param s0       first sample
     * @param s1       one past the last sample, {@code s0 <= s1 <= length}
     * @param out      output, overwritten; exactly {@code (s1 - s0) channels} values
     */
    public void inverseSamples(double[] frames, int f0, int channels, int length, int s0, int s1, double[] out) {
        requireChannels(channels);
        requireSampleRange(length, s0, s1);
        int perFrame = 2 * bins * channels;
        if (frames.length % perFrame != 0) {
            throw new IllegalArgumentException("frames of " + frames.length + " values is not (frames, " + bins
                    + " bins, " + channels + " channels) complex");
        }
        int m = frames.length / perFrame;
        int total = frames(length);
        if (f0 < 0 || (long) f0 + m > total) {
            throw new IllegalArgumentException("frames [" + f0 + ", " + ((long) f0 + m) + ") lie outside the "
                    + total + " frames of a track of " + length + " samples");
        }
        Range need = framesForSamples(length, s0, s1);
        if (!new Range(f0, f0 + m).contains(need)) {
            throw new IllegalArgumentException("frames [" + f0 + ", " + (f0 + m) + ") given but samples [" + s0 + ", "
                    + s1 + ") of a track of " + length + " samples need frames " + need);
        }
        requireSize("out", out, (long) (s1 - s0) * channels);

        Arrays.fill(out, 0.0);
        // Frames in increasing order, each sample summing only the frames whose window is nonzero
        // there: the whole track and every block add the same terms in the same order.
        transform.overlapAdd(frames, f0, channels, need, s0, s1, out);
        norm.divide(out, channels, s0, s1, total);
    }

    // ---------------------------------------------------------------- internals

    /** Track index of padded position i in a track of extended > nFft/2 samples. */
    static int reflect(int i, int extended) {
        if (i < 0) {
            return -i;
        }
        return i < extended ? i : 2 * (extended - 1) - i;
    }

    /** Length after the zero extension of short tracks (see the class comment). */
    private int extendedLength(int length) {
        return Math.max(length, half + 1);
    }

    private void requireLength(int length) {
        if (length < 0 || length > Integer.MAX_VALUE - 2 * nFft) {
            throw new IllegalArgumentException("track length must be in [0, " + (Integer.MAX_VALUE - 2 * nFft)
                    + "], got " + length);
        }
    }

    private void requireFrameRange(int length, int a, int b) {
        int total = frames(length);
        if (a < 0 || a > b || b > total) {
            throw new IllegalArgumentException("frames [" + a + ", " + b + ") outside [0, " + total
                    + ") of a track of " + length + " samples");
        }
    }

    private void requireSampleRange(int length, int s0, int s1) {
        requireLength(length);
        if (s0 < 0 || s0 > s1 || s1 > length) {
            throw new IllegalArgumentException("samples [" + s0 + ", " + s1 + ") outside the track [0, " + length + ")");
        }
    }

    private static void requireChannels(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("channels must be >= 1, got " + channels);
        }
    }

    private static void requireSize(String name, double[] a, long expected) {
        if (a.length != expected) {
            throw new IllegalArgumentException(name + " must have " + expected + " values, got " + a.length);
        }
    }
}
