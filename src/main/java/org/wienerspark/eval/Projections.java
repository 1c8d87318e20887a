package org.wienerspark.eval;

import java.util.Arrays;

/**
 * The two projections of BSSEval v4 for one frame: the frame's reference samples (zero outside
 * the frame) filtered by the distortion filters, full convolution (frame length + L - 1 samples):
 * {@code P_all[j]}, all references through estimate j's interference filters, and
 * {@code P_j[j]}, reference j through its spatial filters.
 *
 * <p>Overlap-add with real FFTs of 4096 points: per block of {@code 4096 - L + 1} samples, the
 * reference channels are transformed in one batched call ({@link RealSpectra}), the products with
 * the filters' spectra (transformed once per track) are summed over input channels in the
 * frequency domain, and one batched inverse of every (estimate, output channel, projection)
 * gives the block's contribution. Not thread-safe (scratch buffers); one instance per thread.
 */
final class Projections {

    private static final int FFT_SIZE = 4096;

    private final int sources;
    private final int channels;
    private final int taps;
    private final int signals;
    private final int block;
    private final RealSpectra fft;
    private final int bins;
    /** Spectra of the interference filters, index {@code (j * signals + p) * channels + c}. */
    private final double[][] allRe;
    private final double[][] allIm;
    /** Spectra of the spatial filters, index {@code (j * channels + cj) * channels + c}. */
    private final double[][] ownRe;
    private final double[][] ownIm;
    /** A block's reference samples and spectra, per reference channel. */
    private final double[][] input;
    private final double[][] inRe;
    private final double[][] inIm;
    /** A block's projections: spectra and samples, index {@code 2 (j * channels + c)} (all), {@code + 1} (own). */
    private final double[][] outRe;
    private final double[][] outIm;
    private final double[][] output;

    Projections(DistortionFilters filters) {
        this.sources = filters.sources();
        this.channels = filters.channels();
        this.taps = filters.taps();
        this.signals = sources * channels;
        this.block = FFT_SIZE - taps + 1;
        this.fft = new RealSpectra(FFT_SIZE);
        this.bins = fft.bins();
        int allCount = sources * signals * channels;
        int ownCount = sources * channels * channels;
        double[][] h = new double[allCount + ownCount][FFT_SIZE];
        for (int j = 0; j < sources; j++) {
            double[] all = filters.interferenceShared(j);
            for (int p = 0; p < signals; p++) {
                for (int c = 0; c < channels; c++) {
                    fill(h[(j * signals + p) * channels + c], all, p, c);
                }
            }
            double[] own = filters.spatialShared(j);
            for (int cj = 0; cj < channels; cj++) {
                for (int c = 0; c < channels; c++) {
                    fill(h[allCount + (j * channels + cj) * channels + c], own, cj, c);
                }
            }
        }
        double[][] re = new double[allCount + ownCount][bins];
        double[][] im = new double[allCount + ownCount][bins];
        fft.forward(h, allCount + ownCount, re, im);
        this.allRe = Arrays.copyOfRange(re, 0, allCount);
        this.allIm = Arrays.copyOfRange(im, 0, allCount);
        this.ownRe = Arrays.copyOfRange(re, allCount, allCount + ownCount);
        this.ownIm = Arrays.copyOfRange(im, allCount, allCount + ownCount);
        this.input = new double[signals][FFT_SIZE];
        this.inRe = new double[signals][bins];
        this.inIm = new double[signals][bins];
        this.outRe = new double[2 * signals][bins];
        this.outIm = new double[2 * signals][bins];
        this.output = new double[2 * signals][FFT_SIZE];
    }

    /** The filter from input channel p to output channel c of a (inputs, L, channels) bank, zero-padded. */
    private void fill(double[] h, double[] bank, int p, int c) {
        for (int d = 0; d < taps; d++) {
            h[d] = bank[(p * taps + d) * channels + c];
        }
    }

    /**
     * Projects one frame. Shapes: reference (sources, n, channels), input, not modified;
     * all and own (sources, n + L - 1, channels), outputs, overwritten.
     */
    void project(double[] reference, int n, double[] all, double[] own) {
        int outLen = n + taps - 1;
        Arrays.fill(all, 0, sources * outLen * channels, 0.0);
        Arrays.fill(own, 0, sources * outLen * channels, 0.0);
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            for (int j = 0; j < sources; j++) {
                for (int c = 0; c < channels; c++) {
                    double[] x = input[j * channels + c];
                    int src = (j * n + start) * channels + c;
                    for (int i = 0; i < len; i++, src += channels) {
                        x[i] = reference[src];
                    }
                    Arrays.fill(x, len, FFT_SIZE, 0.0);
                }
            }
            fft.forward(input, signals, inRe, inIm);
            int span = len + taps - 1;
            for (int j = 0; j < sources; j++) {
                for (int c = 0; c < channels; c++) {
                    int o = 2 * (j * channels + c);
                    double[] sr = outRe[o];
                    double[] si = outIm[o];
                    Arrays.fill(sr, 0.0);
                    Arrays.fill(si, 0.0);
                    for (int p = 0; p < signals; p++) {
                        int f = (j * signals + p) * channels + c;
                        SpectralOps.addProduct(sr, si, inRe[p], inIm[p], allRe[f], allIm[f], bins);
                    }
                    sr = outRe[o + 1];
                    si = outIm[o + 1];
                    Arrays.fill(sr, 0.0);
                    Arrays.fill(si, 0.0);
                    for (int cj = 0; cj < channels; cj++) {
                        int f = (j * channels + cj) * channels + c;
                        SpectralOps.addProduct(sr, si, inRe[j * channels + cj], inIm[j * channels + cj], ownRe[f],
                                ownIm[f], bins);
                    }
                }
            }
            fft.inverse(outRe, outIm, 2 * signals, output, span);
            for (int j = 0; j < sources; j++) {
                for (int c = 0; c < channels; c++) {
                    int o = 2 * (j * channels + c);
                    overlapAdd(all, output[o], j, c, start, span, outLen);
                    overlapAdd(own, output[o + 1], j, c, start, span, outLen);
                }
            }
        }
    }

    private void overlapAdd(double[] out, double[] y, int j, int c, int start, int span, int outLen) {
        int dst = (j * outLen + start) * channels + c;
        for (int i = 0; i < span; i++, dst += channels) {
            out[dst] += y[i];
        }
    }
}
