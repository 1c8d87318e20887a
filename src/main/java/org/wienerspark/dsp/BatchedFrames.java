package org.wienerspark.dsp;

import org.wienerspark.core.RealFft;

/**
 * {@link FrameTransform} with {@link RealFft}: the channel-frames of a block go through the
 * transform in batches of lanes (SIMD loops across the lanes), gathered and windowed into the
 * transform's lane-major layout on the way in, scattered into {@link Stft}'s layout on the way
 * out. A frame's values do not depend on the batch it is in, so blocks stay bit-identical to
 * whole tracks; they equal {@link JTransformsFrames}' to rounding (within 1e-13 of a frame's
 * peak). For power-of-two FFT sizes.
 */
final class BatchedFrames implements FrameTransform {

    private final int nFft;
    private final int hop;
    private final int half;
    private final int bins;
    private final double[] window;
    private final RealFft fft;

    BatchedFrames(int nFft, int hop, double[] window) {
        this.nFft = nFft;
        this.hop = hop;
        this.half = nFft / 2;
        this.bins = half + 1;
        this.window = window;
        this.fft = new RealFft(nFft);
    }

    /**
     * The channel-frames (t, c) of [a, b), in that order, in batches of up to
     * {@link RealFft#preferredLanes} lanes; lane l of a batch of L holds sample 2k of its
     * windowed frame at re[k L + l] and sample 2k + 1 at im[k L + l].
     */
    @Override
    public void forward(double[] block, int blockStart, int channels, int length, int extended, int a, int b,
                        double[] out) {
        int total = (b - a) * channels;
        int maxLanes = Math.max(1, Math.min(RealFft.preferredLanes(nFft), total));
        double[] re = new double[fft.paddedLength(maxLanes)];
        double[] im = new double[fft.paddedLength(maxLanes)];
        double[] sr = new double[fft.scratchLength(maxLanes)];
        double[] si = new double[fft.scratchLength(maxLanes)];
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
                for (int k = 0, off = 0; k < half; k++, off += step) {
                    int e = fft.index(k, 0, lanes);
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
                    for (int k = 0, i = b0; k < half; k++, i += step) {
                        int e = fft.index(k, l, lanes);
                        re[e] = window[2 * k] * block[i];
                        im[e] = window[2 * k + 1] * block[i + channels];
                    }
                } else {
                    for (int k = 0; k < half; k++) {
                        int i0 = Stft.reflect(first + 2 * k, extended);
                        int i1 = Stft.reflect(first + 2 * k + 1, extended);
                        int e = fft.index(k, l, lanes);
                        re[e] = i0 < length ? window[2 * k] * block[(i0 - blockStart) * channels + c] : 0.0;
                        im[e] = i1 < length ? window[2 * k + 1] * block[(i1 - blockStart) * channels + c]
                                : 0.0;
                    }
                }
            }
            fft.forwardPadded(re, im, sr, si, lanes);
            for (int l = 0; l < lanes; l++) {
                base[l] = 2 * ((g0 + l) / channels * bins * channels + (g0 + l) % channels);
            }
            int step = 2 * channels;
            for (int k = 0, off = 0; k < bins; k++, off += step) {
                int e = fft.index(k, 0, lanes);
                for (int l = 0; l < lanes; l++) {
                    int o = base[l] + off;
                    out[o] = re[e + l];
                    out[o + 1] = im[e + l];
                }
            }
        }
    }

    /**
     * Channel-frames in the order (t, c) of {@link JTransformsFrames}, so every sample adds the
     * same terms in the same order.
     */
    @Override
    public void overlapAdd(double[] frames, int f0, int channels, Range need, int s0, int s1, double[] out) {
        int count = need.end() - need.start();
        if (count == 0) {
            return;
        }
        // Whole frames per batch (all channels of a frame together, for the overlap-add).
        int batchFrames = Math.max(1, Math.min(RealFft.preferredLanes(nFft) / channels, count));
        int maxLanes = batchFrames * channels;
        double[] re = new double[fft.paddedLength(maxLanes)];
        double[] im = new double[fft.paddedLength(maxLanes)];
        double[] sr = new double[fft.scratchLength(maxLanes)];
        double[] si = new double[fft.scratchLength(maxLanes)];
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
            for (int k = 0, off = 0; k < bins; k++, off += step) {
                int e = fft.index(k, 0, lanes);
                for (int l = 0; l < lanes; l++) {
                    int x = base[l] + off;
                    re[e + l] = frames[x];
                    im[e + l] = frames[x + 1];
                }
            }
            fft.inversePadded(re, im, sr, si, lanes);
            // Windowed frames, one row per lane, sample by sample across the lanes; then the
            // overlap-add frame by frame, so every sample adds its frames in increasing order.
            for (int k = 0; k < half; k++) {
                int e = fft.index(k, 0, lanes);
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
}
