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

    /** Sources and channels of {@link #evaluationTrack}. */
    static final int EVAL_SOURCES = 4;
    static final int EVAL_CHANNELS = 2;

    /**
     * References and estimates, each (sources, n, channels): a vibrato voice, noise-based
     * percussion, a bass tone and a chord, panned, with a little independent noise per channel;
     * each estimate leaks the other sources with a delay and adds noise. The input of the
     * evaluation benchmarks ({@link EvalBench}, {@link EvalFamilyBench}).
     */
    static double[][] evaluationTrack(int n) {
        SplittableRandom rnd = new SplittableRandom(20240517L);
        double[] ref = new double[EVAL_SOURCES * n * EVAL_CHANNELS];
        double lowpass = 0;
        double[] pan = {0.4, 0.5, 0.5, 0.7};
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double bass = 0.3 * Math.sin(2 * Math.PI * 55 * t) + 0.1 * Math.sin(2 * Math.PI * 110 * t);
            lowpass = 0.7 * lowpass + 0.3 * (rnd.nextDouble() * 2 - 1);
            double drums = lowpass * Math.exp(-8 * (t % 0.5));
            double voice = 0.2 * Math.sin(2 * Math.PI * 330 * t + 3 * Math.sin(2 * Math.PI * 5 * t));
            double chord = 0.05 * (Math.sin(2 * Math.PI * 262 * t) + Math.sin(2 * Math.PI * 330 * t + 1)
                    + Math.sin(2 * Math.PI * 392 * t + 2));
            double[] mono = {voice, drums, bass, chord};
            for (int j = 0; j < EVAL_SOURCES; j++) {
                ref[(j * n + i) * EVAL_CHANNELS] = mono[j] * (1 - pan[j]) + 1e-3 * (rnd.nextDouble() - 0.5);
                ref[(j * n + i) * EVAL_CHANNELS + 1] = mono[j] * pan[j] + 1e-3 * (rnd.nextDouble() - 0.5);
            }
        }
        double[] est = new double[ref.length];
        for (int j = 0; j < EVAL_SOURCES; j++) {
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < EVAL_CHANNELS; c++) {
                    double leak = 0;
                    for (int k = 0; k < EVAL_SOURCES; k++) {
                        int d = i - 7 * (k + 1);
                        if (k != j && d >= 0) {
                            leak += ref[(k * n + d) * EVAL_CHANNELS + c];
                        }
                    }
                    est[(j * n + i) * EVAL_CHANNELS + c] = 0.9 * ref[(j * n + i) * EVAL_CHANNELS + c] + 0.15 * leak
                            + 0.01 * (rnd.nextDouble() - 0.5);
                }
            }
        }
        return new double[][] {ref, est};
    }
}
