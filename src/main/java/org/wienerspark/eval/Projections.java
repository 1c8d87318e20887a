package org.wienerspark.eval;

import java.util.Arrays;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * The two projections of BSSEval v4 for one frame: the frame's reference samples (zero outside
 * the frame) filtered by the distortion filters, full convolution (frame length + L - 1 samples):
 * {@code P_all[j]}, all references through estimate j's interference filters, and
 * {@code P_j[j]}, reference j through its spatial filters.
 *
 * <p>Overlap-add with real FFTs of 4096 points: per block of {@code 4096 - L + 1} samples, each
 * reference channel is transformed once, the products with the filters' spectra (transformed
 * once per track) are summed over input channels in the frequency domain, and one inverse FFT per
 * (estimate, output channel) and projection gives the block's contribution. Not thread-safe
 * (scratch buffers); one instance per thread.
 */
final class Projections {

    private static final int FFT_SIZE = 4096;

    private final int sources;
    private final int channels;
    private final int taps;
    private final int signals;
    private final int block;
    private final DoubleFFT_1D fft;
    /** Spectra of the interference filters, index {@code (j * signals + p) * channels + c}. */
    private final double[][] allSpectra;
    /** Spectra of the spatial filters, index {@code (j * channels + cj) * channels + c}. */
    private final double[][] ownSpectra;
    private final double[][] input;
    private final double[] sum;

    Projections(DistortionFilters filters) {
        this.sources = filters.sources();
        this.channels = filters.channels();
        this.taps = filters.taps();
        this.signals = sources * channels;
        this.block = FFT_SIZE - taps + 1;
        this.fft = new DoubleFFT_1D(FFT_SIZE);
        this.allSpectra = new double[sources * signals * channels][];
        this.ownSpectra = new double[sources * channels * channels][];
        for (int j = 0; j < sources; j++) {
            double[] all = filters.interferenceShared(j);
            for (int p = 0; p < signals; p++) {
                for (int c = 0; c < channels; c++) {
                    allSpectra[(j * signals + p) * channels + c] = spectrum(all, p, c);
                }
            }
            double[] own = filters.spatialShared(j);
            for (int cj = 0; cj < channels; cj++) {
                for (int c = 0; c < channels; c++) {
                    ownSpectra[(j * channels + cj) * channels + c] = spectrum(own, cj, c);
                }
            }
        }
        this.input = new double[signals][FFT_SIZE];
        this.sum = new double[FFT_SIZE];
    }

    /** Spectrum of the filter from input channel p to output channel c of a (inputs, L, channels) bank. */
    private double[] spectrum(double[] bank, int p, int c) {
        double[] h = new double[FFT_SIZE];
        for (int d = 0; d < taps; d++) {
            h[d] = bank[(p * taps + d) * channels + c];
        }
        fft.realForward(h);
        return h;
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
                    fft.realForward(x);
                }
            }
            int span = len + taps - 1;
            for (int j = 0; j < sources; j++) {
                for (int c = 0; c < channels; c++) {
                    Arrays.fill(sum, 0.0);
                    for (int p = 0; p < signals; p++) {
                        SpectralOps.addProduct(sum, input[p], allSpectra[(j * signals + p) * channels + c], FFT_SIZE);
                    }
                    overlapAdd(all, j, c, start, span, outLen);
                    Arrays.fill(sum, 0.0);
                    for (int cj = 0; cj < channels; cj++) {
                        SpectralOps.addProduct(sum, input[j * channels + cj], ownSpectra[(j * channels + cj) * channels + c],
                                FFT_SIZE);
                    }
                    overlapAdd(own, j, c, start, span, outLen);
                }
            }
        }
    }

    private void overlapAdd(double[] out, int j, int c, int start, int span, int outLen) {
        fft.realInverse(sum, true);
        int dst = (j * outLen + start) * channels + c;
        for (int i = 0; i < span; i++, dst += channels) {
            out[dst] += sum[i];
        }
    }
}
