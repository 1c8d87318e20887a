package org.wienerspark.dsp;

import org.jtransforms.fft.DoubleFFT_1D;
import org.wienerspark.core.RealFft;

/**
 * {@link FrameTransform} with JTransforms, one channel-frame at a time: for FFT sizes
 * {@link RealFft} does not take, and for every size in {@link Stft#withJTransforms} (the oracle
 * of the tests and the baseline of the benchmarks).
 */
final class JTransformsFrames implements FrameTransform {

    private final int nFft;
    private final int hop;
    private final int half;
    private final int bins;
    private final double[] window;
    private final DoubleFFT_1D fft;

    JTransformsFrames(int nFft, int hop, double[] window) {
        this.nFft = nFft;
        this.hop = hop;
        this.half = nFft / 2;
        this.bins = half + 1;
        this.window = window;
        this.fft = new DoubleFFT_1D(nFft);
    }

    @Override
    public void forward(double[] block, int blockStart, int channels, int length, int extended, int a, int b,
                        double[] out) {
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
                        int i = Stft.reflect(first + k, extended);
                        frame[k] = i < length ? window[k] * block[(i - blockStart) * channels + c] : 0.0;
                    }
                }
                fft.realForward(frame);
                unpack(frame, out, (t - a) * bins * channels + c, channels);
            }
        }
    }

    @Override
    public void overlapAdd(double[] frames, int f0, int channels, Range need, int s0, int s1, double[] out) {
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
}
