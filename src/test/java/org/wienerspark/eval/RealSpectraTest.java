package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.Test;

/** RealSpectra's batching and transpositions against JTransforms, signal by signal. */
class RealSpectraTest {

    @Test
    void forwardMatchesJTransformsForAnyCountAcrossBatches() {
        int n = 256;
        RealSpectra spectra = new RealSpectra(n);
        DoubleFFT_1D oracle = new DoubleFFT_1D(n);
        Random random = new Random(7);
        // 1 and 3 lanes, exactly a batch, and more than one batch with a partial one.
        for (int count : new int[] {1, 3, 16, 37}) {
            double[][] time = new double[count][n];
            for (double[] x : time) {
                for (int i = 0; i < n; i++) {
                    x[i] = random.nextGaussian();
                }
            }
            double[][] re = new double[count][spectra.bins()];
            double[][] im = new double[count][spectra.bins()];
            spectra.forward(time, count, re, im);
            for (int s = 0; s < count; s++) {
                double[] packed = time[s].clone();
                oracle.realForward(packed);
                assertEquals(packed[0], re[s][0], 1e-12, "bin 0 of signal " + s);
                assertEquals(0.0, im[s][0], 0.0);
                assertEquals(packed[1], re[s][n / 2], 1e-12, "bin n/2 of signal " + s);
                assertEquals(0.0, im[s][n / 2], 0.0);
                for (int k = 1; k < n / 2; k++) {
                    assertEquals(packed[2 * k], re[s][k], 1e-12, "re, bin " + k + " of signal " + s);
                    assertEquals(packed[2 * k + 1], im[s][k], 1e-12, "im, bin " + k + " of signal " + s);
                }
            }
        }
    }

    @Test
    void windowsOfLongerBuffersTransformAsTheirZeroPaddedCopies() {
        int n = 256;
        RealSpectra spectra = new RealSpectra(n);
        Random random = new Random(13);
        // Offsets and lengths, even and odd, ending inside, at and across tile boundaries; 19 signals: two batches.
        int count = 19;
        double[][] buffers = new double[count][n + 40];
        int[] offset = new int[count];
        int[] valid = new int[count];
        double[][] copies = new double[count][n];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < buffers[s].length; i++) {
                buffers[s][i] = random.nextGaussian();
            }
            offset[s] = (7 * s) % 40;
            valid[s] = new int[] {n, 0, 1, 127, 128, 129, 130, 255, 3, 200}[s % 10];
            System.arraycopy(buffers[s], offset[s], copies[s], 0, valid[s]);
        }
        double[][] re = new double[count][spectra.bins()];
        double[][] im = new double[count][spectra.bins()];
        spectra.forward(buffers, offset, valid, count, re, im);
        double[][] expRe = new double[count][spectra.bins()];
        double[][] expIm = new double[count][spectra.bins()];
        spectra.forward(copies, count, expRe, expIm);
        for (int s = 0; s < count; s++) {
            for (int k = 0; k < spectra.bins(); k++) {
                assertEquals(Double.doubleToRawLongBits(expRe[s][k]), Double.doubleToRawLongBits(re[s][k]),
                        "re, bin " + k + " of signal " + s);
                assertEquals(Double.doubleToRawLongBits(expIm[s][k]), Double.doubleToRawLongBits(im[s][k]),
                        "im, bin " + k + " of signal " + s);
            }
        }
    }

    @Test
    void inverseKeepsTheFirstSamplesEvenOrOdd() {
        int n = 64;
        RealSpectra spectra = new RealSpectra(n);
        Random random = new Random(11);
        int count = 21;
        double[][] time = new double[count][n];
        for (double[] x : time) {
            for (int i = 0; i < n; i++) {
                x[i] = random.nextGaussian();
            }
        }
        double[][] re = new double[count][spectra.bins()];
        double[][] im = new double[count][spectra.bins()];
        spectra.forward(time, count, re, im);
        for (int keep : new int[] {1, 31, 64}) {
            double[][] back = new double[count][n];
            for (double[] b : back) {
                java.util.Arrays.fill(b, Double.NaN);
            }
            spectra.inverse(re, im, count, back, keep);
            for (int s = 0; s < count; s++) {
                for (int i = 0; i < n; i++) {
                    if (i < keep) {
                        assertEquals(time[s][i], back[s][i], 1e-13, "sample " + i + " of signal " + s);
                    } else {
                        assertEquals(Double.NaN, back[s][i], "sample " + i + " beyond keep=" + keep + " written");
                    }
                }
            }
        }
    }
}
