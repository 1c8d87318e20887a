package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The recursion's loops give the same bits with and without the Vector API. */
class RecursionKernelsTest {

    @ParameterizedTest(name = "m={0}, n={1}")
    @CsvSource({"8, 4096", "8, 8", "2, 6", "3, 9", "1, 5", "6, 30"})
    void vectorAndScalarLoopsAgreeBitForBit(int m, int n) {
        SplittableRandom rnd = new SplittableRandom(m * 1000L + n);
        int span = n + 7;
        double[] a = random(rnd, m * span);
        double[] v = random(rnd, m * span + 2);
        double[] k = random(rnd, m * m);
        RecursionKernels vector = RecursionKernels.INSTANCE;
        RecursionKernels scalar = new ScalarRecursionKernels();
        double[] dv = new double[m * m];
        double[] ds = new double[m * m];
        vector.dots(a, 3, v, 2, dv, n, m, span);
        scalar.dots(a, 3, v, 2, ds, n, m, span);
        double[] outV = random(new SplittableRandom(1), span + 5);
        double[] outS = outV.clone();
        for (int c = 0; c < m; c++) {
            vector.update(outV, 5, outV, 5, a, 0, k, c, m, span, n);
            scalar.update(outS, 5, outS, 5, a, 0, k, c, m, span, n);
        }
        for (int i = 0; i < ds.length; i++) {
            assertEquals(Double.doubleToRawLongBits(ds[i]), Double.doubleToRawLongBits(dv[i]), "dot " + i);
        }
        for (int i = 0; i < outS.length; i++) {
            assertEquals(Double.doubleToRawLongBits(outS[i]), Double.doubleToRawLongBits(outV[i]), "out " + i);
        }
        // And they compute what they say.
        double s = 0;
        for (int i = 0; i < n; i++) {
            s += a[3 + i] * v[2 + i];
        }
        assertEquals(s, ds[0], 1e-12 * n);
    }

    @ParameterizedTest(name = "m={0}, n={1}")
    @CsvSource({"8, 4096", "8, 8", "2, 6", "3, 9", "1, 5", "6, 30"})
    void pairedColumnsGiveTheBitsOfOneColumnAtATime(int m, int n) {
        SplittableRandom rnd = new SplittableRandom(m * 7000L + n);
        int span = n + 7;
        double[] x = random(rnd, m * span);
        double[] k = random(rnd, m * m);
        RecursionKernels scalar = new ScalarRecursionKernels();
        for (RecursionKernels kernels : new RecursionKernels[] {RecursionKernels.INSTANCE, scalar}) {
            double[] paired = random(new SplittableRandom(2), 2 * span + 3);
            double[] single = paired.clone();
            int c1 = m - 1;
            kernels.updatePair(paired, 3, span + 3, paired, 3, span + 3, x, 0, k, 0, c1, m, span, n);
            scalar.update(single, 3, single, 3, x, 0, k, 0, m, span, n);
            scalar.update(single, span + 3, single, span + 3, x, 0, k, c1, m, span, n);
            for (int i = 0; i < single.length; i++) {
                assertEquals(Double.doubleToRawLongBits(single[i]), Double.doubleToRawLongBits(paired[i]),
                        kernels.getClass().getSimpleName() + " out " + i);
            }
        }
    }

    @ParameterizedTest(name = "m={0}, n={1}")
    @CsvSource({"8, 4096", "8, 8", "2, 6", "3, 9", "1, 5", "6, 30", "5, 13"})
    void updateFromABaseGivesTheBitsOfCopyingItThenAccumulating(int m, int n) {
        SplittableRandom rnd = new SplittableRandom(m * 9000L + n);
        int span = n + 7;
        double[] x = random(rnd, m * span + 4);
        double[] k = random(rnd, m * m);
        double[] base = random(rnd, 2 * span + 9);
        RecursionKernels scalar = new ScalarRecursionKernels();
        for (RecursionKernels kernels : new RecursionKernels[] {RecursionKernels.INSTANCE, scalar}) {
            int c1 = m - 1;
            // Reference: copy base, then the in-place scalar accumulation (x read from offset 4).
            double[] copied = new double[2 * span + 3];
            System.arraycopy(base, 9, copied, 3, n);
            System.arraycopy(base, span + 9, copied, span + 3, n);
            double[] shifted = java.util.Arrays.copyOfRange(x, 4, x.length);
            scalar.update(copied, 3, copied, 3, shifted, 0, k, 0, m, span, n);
            scalar.update(copied, span + 3, copied, span + 3, shifted, 0, k, c1, m, span, n);
            double[] paired = new double[2 * span + 3];
            kernels.updatePair(paired, 3, span + 3, base, 9, span + 9, x, 4, k, 0, c1, m, span, n);
            double[] single = new double[2 * span + 3];
            kernels.update(single, 3, base, 9, x, 4, k, 0, m, span, n);
            kernels.update(single, span + 3, base, span + 9, x, 4, k, c1, m, span, n);
            for (int i = 0; i < copied.length; i++) {
                String name = kernels.getClass().getSimpleName() + " out " + i;
                assertEquals(Double.doubleToRawLongBits(copied[i]), Double.doubleToRawLongBits(paired[i]), name);
                assertEquals(Double.doubleToRawLongBits(copied[i]), Double.doubleToRawLongBits(single[i]), name);
            }
        }
    }

    private static double[] random(SplittableRandom rnd, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = rnd.nextDouble() - 0.5;
        }
        return x;
    }
}
