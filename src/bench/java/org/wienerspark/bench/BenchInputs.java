package org.wienerspark.bench;

import java.util.SplittableRandom;

/**
 * Deterministic inputs of the kernel benchmarks: a mixture STFT x (F, B, C) with a spectral
 * slope, and initial estimates y (F, B, C, S) that split each mixture coefficient between the
 * sources with random nonnegative weights (a soft mask of random spectrograms), so that the
 * estimates sum to the mixture as norbert's softmask makes them.
 */
final class BenchInputs {

    /** 30 s at 44.1 kHz with hop 1024: 1 + 1323000 / 1024 frames. */
    static final int FRAMES = 1292;
    /** n_fft 4096. */
    static final int BINS = 2049;
    static final int N_FFT = 4096;
    static final int HOP = 1024;
    static final int RATE = 44100;
    static final int SAMPLES = 30 * RATE;

    private BenchInputs() {
    }

    /** x (frames, bins, channels) complex, interleaved. */
    static double[] mixture(int frames, int bins, int channels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] x = new double[2 * frames * bins * channels];
        for (int t = 0; t < frames; t++) {
            for (int f = 0; f < bins; f++) {
                double amp = 10.0 / (1 + f / 16.0);
                for (int c = 0; c < channels; c++) {
                    int p = 2 * ((t * bins + f) * channels + c);
                    x[p] = amp * (rnd.nextDouble() * 2 - 1);
                    x[p + 1] = amp * (rnd.nextDouble() * 2 - 1);
                }
            }
        }
        return x;
    }

    /** y (frames, bins, channels, sources) complex: y_j = w_j x with random weights summing to 1. */
    static double[] estimates(double[] x, int frames, int bins, int channels, int sources, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] y = new double[2 * frames * bins * channels * sources];
        double[] w = new double[sources];
        for (int tf = 0; tf < frames * bins; tf++) {
            double sum = 0;
            for (int j = 0; j < sources; j++) {
                w[j] = 0.05 + rnd.nextDouble();
                sum += w[j];
            }
            for (int c = 0; c < channels; c++) {
                int xp = 2 * (tf * channels + c);
                for (int j = 0; j < sources; j++) {
                    int yp = 2 * ((tf * channels + c) * sources + j);
                    y[yp] = w[j] / sum * x[xp];
                    y[yp + 1] = w[j] / sum * x[xp + 1];
                }
            }
        }
        return y;
    }

    /** A stereo signal (samples, 2): a few tones and noise. */
    static double[] signal(int samples, int channels, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[] s = new double[samples * channels];
        for (int i = 0; i < samples; i++) {
            double tone = 0.3 * Math.sin(2 * Math.PI * 220 * i / RATE) + 0.2 * Math.sin(2 * Math.PI * 1375 * i / RATE);
            for (int c = 0; c < channels; c++) {
                s[i * channels + c] = tone * (1 - 0.3 * c) + 0.05 * (rnd.nextDouble() * 2 - 1);
            }
        }
        return s;
    }
}
