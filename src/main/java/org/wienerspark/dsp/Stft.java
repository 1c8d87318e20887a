package org.wienerspark.dsp;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;
import org.wienerspark.core.ComplexTensor;
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
 * Power-of-two sizes go through {@link RealFft}, which transforms a batch of up to
 * {@link RealFft#preferredLanes} channel-frames at once with SIMD loops (1.5-2x JTransforms per
 * transform, 1.2-1.8x per STFT frame: see README, Benchmarks); other sizes through JTransforms, frame by frame, as does the
 * plan of {@link #withJTransforms} for every size (the baseline of benchmarks and tests). Both
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
    private final double[] windowSquared;
    /**
     * The overlap-added squared window at a sample covered by every frame it can be: it depends
     * only on the sample modulo hop (same terms, same order), so it is tabulated once.
     */
    private final double[] interiorNorm;
    /** Frame by frame, for sizes {@link #fast} does not take (or for every size in {@link #withJTransforms}). */
    private final DoubleFFT_1D fft;
    /** Batched SIMD transform for power-of-two sizes; null when {@link #fft} does the work. */
    private final RealFft fast;

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
        this.windowSquared = new double[nFft];
        for (int n = 0; n < nFft; n++) {
            window[n] = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
            windowSquared[n] = window[n] * window[n];
        }
        this.interiorNorm = new double[hop];
        for (int r = 0; r < hop; r++) {
            // A sample p = r + j hop (any j: the frames are not clipped here); the sum in the
            // order windowSquaredSum adds it.
            int p = r + (nFft / hop + 2) * hop;
            int tLo = firstFrameAt(p);
            double sum = 0.0;
            for (int t = tLo; t <= lastFrameAt(p); t++) {
                sum += windowSquared[p + half - t * hop];
            }
            interiorNorm[r] = sum;
        }
        this.fast = batched && RealFft.supports(nFft) ? new RealFft(nFft) : null;
        this.fft = fast == null ? new DoubleFFT_1D(nFft) : null;
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

        if (fast != null) {
            forwardBatched(block, blockStart, channels, length, a, b, out);
            return;
        }
        int extended = extendedLength(length);
        double[] frame = new double[nFft];
        for (int t = a; t < b; t++) {
            int first = t * hop - half;
            boolean interior = first >= 0 && first + nFft <= length;
            for (int c = 0; c < channels; c++) {
                if (interior) {
                    int base = (first - blockStart) * channels + c;
                    for (int k = 0; k < nFft; k++) {
                        frame[k] = window[k] * block[base + k * channels];
                    }
                } else {
                    for (int k = 0; k < nFft; k++) {
                        int i = reflect(first + k, extended);
                        frame[k] = i < length ? window[k] * block[(i - blockStart) * channels + c] : 0.0;
                    }
                }
                fft.realForward(frame);
                unpack(frame, out, (t - a) * bins * channels + c, channels);
            }
        }
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
        int first = Math.max(0, firstFrameAt(s0));
        int end = Math.min(frames(length), lastFrameAt(s1 - 1) + 1);
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
        if (fast != null) {
            inverseBatched(frames, f0, channels, need, s0, s1, out);
        } else {
            double[] frame = new double[nFft];
            for (int t = need.start(); t < need.end(); t++) {
                int first = t * hop - half;
                int kLo = Math.max(1, s0 - first);
                int kHi = Math.min(nFft - 1, s1 - 1 - first);
                for (int c = 0; c < channels; c++) {
                    pack(frames, (t - f0) * bins * channels + c, channels, frame);
                    fft.realInverse(frame, true);
                    for (int k = kLo; k <= kHi; k++) {
                        out[(first + k - s0) * channels + c] += window[k] * frame[k];
                    }
                }
            }
        }
        // Samples whose frames all exist (firstFrameAt(p) >= 0, lastFrameAt(p) < total) take
        // the tabulated sum.
        int interiorStart = Math.max(s0, half - hop);
        int interiorEnd = (int) Math.min(s1, (long) total * hop - half + 1);
        for (int p = s0; p < s1; p++) {
            double norm = p >= interiorStart && p < interiorEnd ? interiorNorm[p % hop] : windowSquaredSum(p, total);
            int base = (p - s0) * channels;
            for (int c = 0; c < channels; c++) {
                out[base + c] /= norm;
            }
        }
    }

    // ---------------------------------------------------------------- batched (RealFft)

    /**
     * {@link #forwardFrames} with {@link RealFft}: the channel-frames (t, c) of [a, b), in that
     * order, in batches of up to {@link RealFft#preferredLanes} lanes; lane l of a batch of L
     * holds sample 2k of its windowed frame at re[k L + l] and sample 2k + 1 at im[k L + l].
     */
    private void forwardBatched(double[] block, int blockStart, int channels, int length, int a, int b,
                                double[] out) {
        int extended = extendedLength(length);
        int total = (b - a) * channels;
        int maxLanes = Math.max(1, Math.min(RealFft.preferredLanes(nFft), total));
        double[] re = new double[bins * maxLanes];
        double[] im = new double[bins * maxLanes];
        double[] sr = new double[half * maxLanes];
        double[] si = new double[half * maxLanes];
        int[] base = new int[maxLanes];
        for (int g0 = 0; g0 < total; g0 += maxLanes) {
            int lanes = Math.min(maxLanes, total - g0);
            // Interior frames sample by sample across the lanes (writes contiguous, one read
            // stream per lane); frames that reach into the padding lane by lane.
            int interior = 0;
            for (int l = 0; l < lanes; l++) {
                int first = (a + (g0 + l) / channels) * hop - half;
                if (first >= 0 && first + nFft <= length) {
                    base[interior++] = l;
                }
            }
            if (interior == lanes) {
                for (int l = 0; l < lanes; l++) {
                    int t = a + (g0 + l) / channels;
                    base[l] = (t * hop - half - blockStart) * channels + (g0 + l) % channels;
                }
                int step = 2 * channels;
                for (int k = 0, off = 0, e = 0; k < half; k++, off += step, e += lanes) {
                    double w0 = window[2 * k];
                    double w1 = window[2 * k + 1];
                    for (int l = 0; l < lanes; l++) {
                        int i = base[l] + off;
                        re[e + l] = w0 * block[i];
                        im[e + l] = w1 * block[i + channels];
                    }
                }
            }
            for (int l = 0; l < lanes && interior < lanes; l++) {
                int t = a + (g0 + l) / channels;
                int c = (g0 + l) % channels;
                int first = t * hop - half;
                if (first >= 0 && first + nFft <= length) {
                    int b0 = (first - blockStart) * channels + c;
                    int step = 2 * channels;
                    for (int k = 0, i = b0, e = l; k < half; k++, i += step, e += lanes) {
                        re[e] = window[2 * k] * block[i];
                        im[e] = window[2 * k + 1] * block[i + channels];
                    }
                } else {
                    for (int k = 0; k < half; k++) {
                        int i0 = reflect(first + 2 * k, extended);
                        int i1 = reflect(first + 2 * k + 1, extended);
                        re[k * lanes + l] = i0 < length ? window[2 * k] * block[(i0 - blockStart) * channels + c] : 0.0;
                        im[k * lanes + l] = i1 < length ? window[2 * k + 1] * block[(i1 - blockStart) * channels + c]
                                : 0.0;
                    }
                }
            }
            fast.forward(re, im, sr, si, lanes);
            for (int l = 0; l < lanes; l++) {
                base[l] = 2 * ((g0 + l) / channels * bins * channels + (g0 + l) % channels);
            }
            int step = 2 * channels;
            for (int k = 0, off = 0, e = 0; k < bins; k++, off += step, e += lanes) {
                for (int l = 0; l < lanes; l++) {
                    int o = base[l] + off;
                    out[o] = re[e + l];
                    out[o + 1] = im[e + l];
                }
            }
        }
    }

    /**
     * The overlap-add of {@link #inverseSamples} with {@link RealFft}: channel-frames in the
     * order (t, c) of the unbatched loop, so every sample adds the same terms in the same order.
     */
    private void inverseBatched(double[] frames, int f0, int channels, Range need, int s0, int s1, double[] out) {
        int count = need.end() - need.start();
        if (count == 0) {
            return;
        }
        // Whole frames per batch (all channels of a frame together, for the overlap-add).
        int batchFrames = Math.max(1, Math.min(RealFft.preferredLanes(nFft) / channels, count));
        int maxLanes = batchFrames * channels;
        double[] re = new double[bins * maxLanes];
        double[] im = new double[bins * maxLanes];
        double[] sr = new double[half * maxLanes];
        double[] si = new double[half * maxLanes];
        // Rows of windowed frames, padded: a power-of-two stride maps every row to the same
        // cache sets.
        int rowStride = nFft + 8;
        double[] windowed = new double[rowStride * maxLanes];
        int[] base = new int[maxLanes];
        int step = 2 * channels;
        for (int t0 = need.start(); t0 < need.end(); t0 += batchFrames) {
            int lanes = Math.min(batchFrames, need.end() - t0) * channels;
            for (int l = 0; l < lanes; l++) {
                base[l] = 2 * ((t0 - f0 + l / channels) * bins * channels + l % channels);
            }
            for (int k = 0, off = 0, e = 0; k < bins; k++, off += step, e += lanes) {
                for (int l = 0; l < lanes; l++) {
                    int x = base[l] + off;
                    re[e + l] = frames[x];
                    im[e + l] = frames[x + 1];
                }
            }
            fast.inverse(re, im, sr, si, lanes);
            // Windowed frames, one row per lane, sample by sample across the lanes; then the
            // overlap-add frame by frame, so every sample adds its frames in increasing order.
            for (int k = 0, e = 0; k < half; k++, e += lanes) {
                double w0 = window[2 * k];
                double w1 = window[2 * k + 1];
                for (int l = 0, r = 2 * k; l < lanes; l++, r += rowStride) {
                    windowed[r] = w0 * re[e + l];
                    windowed[r + 1] = w1 * im[e + l];
                }
            }
            for (int f = 0; f < lanes / channels; f++) {
                int first = (t0 + f) * hop - half;
                int kLo = Math.max(1, s0 - first);
                int kHi = Math.min(nFft - 1, s1 - 1 - first);
                int row = f * channels * rowStride;
                int o = (first + kLo - s0) * channels;
                if (channels == 1) {
                    for (int k = kLo; k <= kHi; k++, o++) {
                        out[o] += windowed[row + k];
                    }
                } else if (channels == 2) {
                    int row1 = row + rowStride;
                    for (int k = kLo; k <= kHi; k++, o += 2) {
                        out[o] += windowed[row + k];
                        out[o + 1] += windowed[row1 + k];
                    }
                } else {
                    for (int k = kLo; k <= kHi; k++, o += channels) {
                        for (int c = 0, r = row + k; c < channels; c++, r += rowStride) {
                            out[o + c] += windowed[r];
                        }
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- internals

    /** Overlap-added squared window at track sample p, over the frames [0, total) in order. */
    private double windowSquaredSum(int p, int total) {
        int tLo = Math.max(0, firstFrameAt(p));
        int tHi = Math.min(total - 1, lastFrameAt(p));
        double sum = 0.0;
        for (int t = tLo; t <= tHi; t++) {
            sum += windowSquared[p + half - t * hop];
        }
        return sum;
    }

    /** First frame whose window is nonzero at sample p (its offset p + half - t hop <= nFft - 1). */
    private int firstFrameAt(int p) {
        return Math.floorDiv(p - half + hop, hop);
    }

    /** Last frame whose window is nonzero at sample p (offset >= 1, as w[0] = 0). */
    private int lastFrameAt(int p) {
        return Math.floorDiv(p + half - 1, hop);
    }

    /** Copies bins of one channel from (.., bins, channels) complex into JTransforms' packed layout. */
    private void pack(double[] x, int element, int stride, double[] packed) {
        // Packed: [Re 0, Re nFft/2, Re 1, Im 1, ...]; the imaginary parts of bins 0 and nFft/2
        // are dropped, as by any inverse real FFT.
        packed[0] = x[2 * element];
        packed[1] = x[2 * (element + half * stride)];
        for (int k = 1; k < half; k++) {
            int e = 2 * (element + k * stride);
            packed[2 * k] = x[e];
            packed[2 * k + 1] = x[e + 1];
        }
    }

    /** Copies JTransforms' packed spectrum of one channel into (.., bins, channels) complex. */
    private void unpack(double[] packed, double[] x, int element, int stride) {
        x[2 * element] = packed[0];
        x[2 * element + 1] = 0.0;
        for (int k = 1; k < half; k++) {
            int e = 2 * (element + k * stride);
            x[e] = packed[2 * k];
            x[e + 1] = packed[2 * k + 1];
        }
        int e = 2 * (element + half * stride);
        x[e] = packed[1];
        x[e + 1] = 0.0;
    }

    /** Track index of padded position i in a track of extended > nFft/2 samples. */
    private static int reflect(int i, int extended) {
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
