package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The per-bin spectral products give the same bits with and without the Vector API, and what they say. */
class LaneProductsTest {

    @ParameterizedTest(name = "inputs={0}, lanes={1}")
    @CsvSource({"8, 16", "8, 8", "1, 4", "2, 12", "3, 5", "6, 3", "16, 32", "4, 1"})
    void mixGivesTheBitsOfTheScalarLoopAndTheMatrixProduct(int inputs, int lanes) {
        SplittableRandom rnd = new SplittableRandom(inputs * 100L + lanes);
        int gStride = lanes + 3;
        double[] inRe = random(rnd, inputs + 5);
        double[] inIm = random(rnd, inputs + 5);
        double[] gRe = random(rnd, 2 + inputs * gStride);
        double[] gIm = random(rnd, 2 + inputs * gStride);
        // Zeros in the matrix (the spatial filters' other inputs) add nothing.
        if (inputs > 1) {
            gRe[2 + gStride] = 0.0;
            gIm[2 + gStride] = 0.0;
        }
        double[][] out = new double[2][];
        LaneProducts[] kernels = {LaneProducts.INSTANCE, new ScalarLaneProducts()};
        for (int i = 0; i < 2; i++) {
            double[] re = random(new SplittableRandom(9), lanes + 4);
            double[] im = random(new SplittableRandom(10), lanes + 4);
            kernels[i].mix(inRe, inIm, 3, inputs, gRe, gIm, 2, gStride, re, im, 1, lanes);
            out[i] = concat(re, im);
        }
        for (int i = 0; i < out[0].length; i++) {
            assertEquals(Double.doubleToRawLongBits(out[1][i]), Double.doubleToRawLongBits(out[0][i]), "value " + i);
        }
        for (int l = 0; l < lanes; l++) {
            double re = 0;
            double im = 0;
            for (int p = 0; p < inputs; p++) {
                double ar = inRe[3 + p];
                double ai = inIm[3 + p];
                double br = gRe[2 + p * gStride + l];
                double bi = gIm[2 + p * gStride + l];
                re += ar * br - ai * bi;
                im += ar * bi + ai * br;
            }
            assertEquals(re, out[1][1 + l], 1e-12 * inputs, "re " + l);
            assertEquals(im, out[1][lanes + 4 + 1 + l], 1e-12 * inputs, "im " + l);
        }
        // Outside the written lanes, nothing changed.
        double[] untouched = random(new SplittableRandom(9), lanes + 4);
        assertEquals(untouched[0], out[0][0], 0.0);
        assertEquals(untouched[lanes + 1], out[0][lanes + 1], 0.0);
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = new double[a.length + b.length];
        System.arraycopy(a, 0, c, 0, a.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() * 2 - 1;
        }
        return x;
    }
}
