package org.wienerspark.dsp;

/**
 * The transform half of an {@link Stft}: windowed frames of a block of samples to one-sided
 * spectra, and spectra back to windowed frames overlap-added into samples. {@link Stft} owns the
 * framing (which samples and frames a block needs, the reflect padding, the normalisation by the
 * overlap-added squared window) and checks the arguments; an implementation only transforms.
 *
 * <p>Layouts are {@link Stft}'s: samples {@code (samples, channels)}, spectra
 * {@code (frames, bins, channels)} complex interleaved. Implementations are immutable and
 * thread-safe; each call allocates its scratch arrays, nothing per frame.
 */
interface FrameTransform {

    /**
     * Frames {@code [a, b)} of the track from {@code block} (samples {@code [blockStart, ...)},
     * containing every sample the frames read) into {@code out}, {@code 2 (b - a) bins channels}
     * values. {@code extended} is the track's length after the zero extension of short tracks.
     */
    void forward(double[] block, int blockStart, int channels, int length, int extended, int a, int b, double[] out);

    /**
     * Adds the windowed inverse of the frames {@code need} (frames {@code [f0, ...)} of the track
     * are in {@code frames}) to the samples {@code [s0, s1)} in {@code out}, each sample taking its
     * frames in increasing order, so that blocks and whole tracks add the same terms in the same
     * order. Samples {@code p} get only the offsets {@code 1 <= p - first <= nFft - 1} of a
     * frame starting at {@code first} (the window is zero at offset 0).
     */
    void overlapAdd(double[] frames, int f0, int channels, Range need, int s0, int s1, double[] out);
}
