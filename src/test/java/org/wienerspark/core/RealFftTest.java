package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.jtransforms.fft.DoubleFFT_1D;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** {@link RealFft} against JTransforms (the oracle) for every power-of-two size 16..16384. */
class RealFftTest {

    /** Error bound, relative to the peak magnitude of the expected output. */
    private static final double TOL = 1e-13;

    @TestFactory
    Stream<DynamicTest> forwardAndInverseMatchJTransformsForEveryPowerOfTwo() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n = 16; n <= 16384; n *= 2) {
            int size = n;
            for (Layout layout : Layout.values()) {
                String what = " " + layout.name().toLowerCase(java.util.Locale.ROOT);
                tests.add(DynamicTest.dynamicTest("n=" + n + " " + RealFft.KERNELS.getClass().getSimpleName() + what,
                        () -> checkSize(new RealFft(size), layout)));
                if (RealFft.vectorized()) {
                    tests.add(DynamicTest.dynamicTest("n=" + n + " ScalarFftKernels" + what,
                            () -> checkSize(new RealFft(size, new ScalarFftKernels()), layout)));
                }
            }
        }
        return tests.stream();
    }

    /**
     * Every order of radix-8, radix-4 and radix-2 stages, not only the one {@link RealFft#plan}
     * chooses, with both kernels and every layout.
     */
    @TestFactory
    Stream<DynamicTest> everyMixOfStagesMatchesJTransforms() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : new int[] {16, 32, 64, 128, 1024}) {
            int size = n;
            for (int[] plan : plans(n / 2)) {
                for (FftKernels kernels : kernelsUnderTest()) {
                    for (Layout layout : Layout.values()) {
                        String name = "n=" + n + " stages " + Arrays.toString(plan) + " "
                                + kernels.getClass().getSimpleName() + " " + layout.name().toLowerCase(Locale.ROOT);
                        tests.add(DynamicTest.dynamicTest(name,
                                () -> checkSize(new RealFft(size, kernels, plan), layout)));
                    }
                }
            }
        }
        return tests.stream();
    }

    /** Every sequence of radices 8 and 4 with product m, or m/2 followed by a 2. */
    private static List<int[]> plans(int m) {
        List<int[]> plans = new ArrayList<>();
        addPlans(m, new int[0], plans);
        return plans;
    }

    private static void addPlans(int left, int[] prefix, List<int[]> plans) {
        if (left == 1) {
            plans.add(prefix);
            return;
        }
        if (left == 2) {
            int[] plan = Arrays.copyOf(prefix, prefix.length + 1);
            plan[prefix.length] = 2;
            plans.add(plan);
            return;
        }
        for (int radix : new int[] {8, 4}) {
            if (left % radix == 0) {
                int[] next = Arrays.copyOf(prefix, prefix.length + 1);
                next[prefix.length] = radix;
                addPlans(left / radix, next, plans);
            }
        }
    }

    private static List<FftKernels> kernelsUnderTest() {
        return RealFft.vectorized() ? List.of(RealFft.KERNELS, new ScalarFftKernels()) : List.of(RealFft.KERNELS);
    }

    @Test
    void plansRadix8StagesThenA4OrA2AndRefusesOtherStages() {
        assertArrayEquals(new int[] {2}, RealFft.plan(2));
        assertArrayEquals(new int[] {4}, RealFft.plan(4));
        assertArrayEquals(new int[] {8, 2}, RealFft.plan(16));
        assertArrayEquals(new int[] {8, 8, 8, 2}, RealFft.plan(1024));
        assertArrayEquals(new int[] {8, 8, 8, 4}, RealFft.plan(2048));
        assertArrayEquals(new int[] {8, 8, 8, 8}, RealFft.plan(4096));
        FftKernels k = RealFft.KERNELS;
        assertThrows(IllegalArgumentException.class, () -> new RealFft(64, k, new int[] {2, 8, 2}));
        assertThrows(IllegalArgumentException.class, () -> new RealFft(64, k, new int[] {8, 2}));
        assertThrows(IllegalArgumentException.class, () -> new RealFft(64, k, new int[] {16, 2}));
        assertEquals(64, new RealFft(64, k, new int[] {4, 4, 2}).size());
    }

    /** The layouts a caller can choose. */
    private enum Layout {
        /** Scratch arrays of the minimum length: nothing padded. */
        MINIMAL_SCRATCH,
        /** Scratch arrays of {@link RealFft#scratchLength}: the scratch passes padded. */
        PADDED_SCRATCH,
        /** {@link RealFft#forwardPadded}: every array padded. */
        ALL_PADDED
    }

    /** Random, impulses, DC, Nyquist, zeros, huge and tiny magnitudes: one lane each, one batch. */
    private static void checkSize(RealFft fft, Layout layout) {
        int n = fft.size();
        SplittableRandom rnd = new SplittableRandom(1000 + n);
        List<double[]> signals = new ArrayList<>();
        signals.add(random(rnd, n, 1.0));
        signals.add(random(rnd, n, 1e300));
        signals.add(random(rnd, n, 1e-300));
        double[] zeros = new double[n];
        signals.add(zeros);
        for (int at : new int[] {0, 1, n / 2 - 1, n / 2, n - 1}) {
            double[] impulse = new double[n];
            impulse[at] = 1.0;
            signals.add(impulse);
        }
        double[] dc = new double[n];
        java.util.Arrays.fill(dc, 3.5);
        signals.add(dc);
        double[] nyquist = new double[n];
        for (int i = 0; i < n; i++) {
            nyquist[i] = i % 2 == 0 ? 1.0 : -1.0;
        }
        signals.add(nyquist);
        double[] mixed = random(rnd, n, 1.0);
        for (int i = 0; i < n; i += 7) {
            mixed[i] *= 1e200;
        }
        signals.add(mixed);
        double[] sine = new double[n];
        for (int i = 0; i < n; i++) {
            sine[i] = Math.sin(2 * Math.PI * 5 * i / n) + 1e-12 * Math.cos(2 * Math.PI * (n / 4 - 1) * i / n);
        }
        signals.add(sine);

        int lanes = signals.size();
        int m = n / 2;
        DoubleFFT_1D oracle = new DoubleFFT_1D(n);
        boolean all = layout == Layout.ALL_PADDED;
        java.util.function.IntBinaryOperator at = all ? (k, l) -> fft.index(k, l, lanes) : (k, l) -> k * lanes + l;
        double[] re = new double[all ? fft.paddedLength(lanes) : (m + 1) * lanes];
        double[] im = new double[re.length];
        double[] sr = new double[layout == Layout.MINIMAL_SCRATCH ? m * lanes : fft.scratchLength(lanes)];
        double[] si = new double[sr.length];
        for (int l = 0; l < lanes; l++) {
            double[] x = signals.get(l);
            for (int k = 0; k < m; k++) {
                re[at.applyAsInt(k, l)] = x[2 * k];
                im[at.applyAsInt(k, l)] = x[2 * k + 1];
            }
        }
        if (all) {
            fft.forwardPadded(re, im, sr, si, lanes);
        } else {
            fft.forward(re, im, sr, si, lanes);
        }
        for (int l = 0; l < lanes; l++) {
            double[] expected = signals.get(l).clone();
            oracle.realForward(expected);
            // JTransforms' packed layout: [Re 0, Re n/2, Re 1, Im 1, ...].
            double[] er = new double[m + 1];
            double[] ei = new double[m + 1];
            er[0] = expected[0];
            er[m] = expected[1];
            for (int k = 1; k < m; k++) {
                er[k] = expected[2 * k];
                ei[k] = expected[2 * k + 1];
            }
            double peak = peak(er, ei);
            double err = 0;
            for (int k = 0; k <= m; k++) {
                err = Math.max(err, Math.abs(re[at.applyAsInt(k, l)] - er[k]));
                err = Math.max(err, Math.abs(im[at.applyAsInt(k, l)] - ei[k]));
            }
            assertTrue(err <= TOL * peak, "forward n=" + n + " signal " + l + ": error " + err + " peak " + peak);
        }

        // Inverse of JTransforms' spectra (with garbage in the ignored imaginary parts of bins 0
        // and n/2), against JTransforms' inverse.
        for (int l = 0; l < lanes; l++) {
            double[] spectrum = signals.get(l).clone();
            oracle.realForward(spectrum);
            re[l] = spectrum[0];
            im[l] = 12345.0;
            re[at.applyAsInt(m, l)] = spectrum[1];
            im[at.applyAsInt(m, l)] = -777.0;
            for (int k = 1; k < m; k++) {
                re[at.applyAsInt(k, l)] = spectrum[2 * k];
                im[at.applyAsInt(k, l)] = spectrum[2 * k + 1];
            }
        }
        if (all) {
            fft.inversePadded(re, im, sr, si, lanes);
        } else {
            fft.inverse(re, im, sr, si, lanes);
        }
        for (int l = 0; l < lanes; l++) {
            double[] spectrum = signals.get(l).clone();
            oracle.realForward(spectrum);
            oracle.realInverse(spectrum, true);
            double peak = 0;
            for (double v : spectrum) {
                peak = Math.max(peak, Math.abs(v));
            }
            double err = 0;
            for (int k = 0; k < m; k++) {
                err = Math.max(err, Math.abs(re[at.applyAsInt(k, l)] - spectrum[2 * k]));
                err = Math.max(err, Math.abs(im[at.applyAsInt(k, l)] - spectrum[2 * k + 1]));
            }
            assertTrue(err <= TOL * peak, "inverse n=" + n + " signal " + l + ": error " + err + " peak " + peak);
        }
    }

    @Test
    void theTestJvmRunsTheVectorLoops() {
        // surefire's argLine adds the module, as the launchers do: the SIMD path is the one tested.
        assertTrue(RealFft.vectorized(), "RealFft runs its plain-Java loops in the test JVM");
    }

    @Test
    void vectorAndScalarLoopsAreBitIdentical() {
        for (int n : new int[] {16, 32, 2048, 4096}) {
            for (int lanes : new int[] {1, 3, 4, 8, 13}) {
                SplittableRandom rnd = new SplittableRandom(n * 31L + lanes);
                int m = n / 2;
                double[] re = new double[(m + 1) * lanes];
                double[] im = new double[(m + 1) * lanes];
                for (int i = 0; i < m * lanes; i++) {
                    re[i] = 2 * rnd.nextDouble() - 1;
                    im[i] = 2 * rnd.nextDouble() - 1;
                }
                double[][] got = new double[4][];
                int g = 0;
                for (RealFft fft : new RealFft[] {new RealFft(n), new RealFft(n, new ScalarFftKernels())}) {
                    double[] r = re.clone();
                    double[] i = im.clone();
                    int scratch = fft.scratchLength(lanes);
                    fft.forward(r, i, new double[scratch], new double[scratch], lanes);
                    got[g++] = r.clone();
                    fft.inverse(r, i, new double[scratch], new double[scratch], lanes);
                    got[g++] = i;
                }
                assertArrayEquals(got[0], got[2], "forward n=" + n + " lanes=" + lanes);
                assertArrayEquals(got[1], got[3], "inverse n=" + n + " lanes=" + lanes);
            }
        }
    }

    /**
     * Vector and scalar kernels bit for bit for every mix of stages, in every layout, with lane
     * counts below, at and off the vector length (the vector loops' scalar tails).
     */
    @Test
    void vectorAndScalarLoopsAreBitIdenticalForEveryMixOfStages() {
        if (!RealFft.vectorized()) {
            return;
        }
        for (int n : new int[] {16, 32, 128, 1024, 2048}) {
            int m = n / 2;
            for (int[] plan : plans(m)) {
                RealFft vector = new RealFft(n, RealFft.KERNELS, plan);
                RealFft scalar = new RealFft(n, new ScalarFftKernels(), plan);
                for (int lanes : new int[] {1, 3, 4, 8, 13}) {
                    for (Layout layout : Layout.values()) {
                        SplittableRandom rnd = new SplittableRandom(n * 31L + lanes);
                        boolean all = layout == Layout.ALL_PADDED;
                        double[] re = new double[all ? vector.paddedLength(lanes) : (m + 1) * lanes];
                        double[] im = new double[re.length];
                        for (int k = 0; k < m; k++) {
                            for (int l = 0; l < lanes; l++) {
                                int at = all ? vector.index(k, l, lanes) : k * lanes + l;
                                re[at] = 2 * rnd.nextDouble() - 1;
                                im[at] = 2 * rnd.nextDouble() - 1;
                            }
                        }
                        double[][] got = new double[4][];
                        int g = 0;
                        for (RealFft fft : new RealFft[] {vector, scalar}) {
                            double[] r = re.clone();
                            double[] i = im.clone();
                            int scratch = layout == Layout.MINIMAL_SCRATCH ? m * lanes : fft.scratchLength(lanes);
                            double[] sr = new double[scratch];
                            double[] si = new double[scratch];
                            if (all) {
                                fft.forwardPadded(r, i, sr, si, lanes);
                                got[g++] = concat(r, i);
                                fft.inversePadded(r, i, sr, si, lanes);
                            } else {
                                fft.forward(r, i, sr, si, lanes);
                                got[g++] = concat(r, i);
                                fft.inverse(r, i, sr, si, lanes);
                            }
                            got[g++] = concat(r, i);
                        }
                        String what = "n=" + n + " stages " + Arrays.toString(plan) + " lanes=" + lanes + " " + layout;
                        assertArrayEquals(got[0], got[2], "forward " + what);
                        assertArrayEquals(got[1], got[3], "inverse " + what);
                    }
                }
            }
        }
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    @Test
    void thePaddedScratchLayoutGivesTheSameBits() {
        for (int n : new int[] {16, 32, 64, 128, 4096, 8192}) {
            for (int lanes : new int[] {1, 4, 5, 16}) {
                SplittableRandom rnd = new SplittableRandom(n * 17L + lanes);
                int m = n / 2;
                double[] re = new double[(m + 1) * lanes];
                double[] im = new double[(m + 1) * lanes];
                for (int i = 0; i < m * lanes; i++) {
                    re[i] = 2 * rnd.nextDouble() - 1;
                    im[i] = 2 * rnd.nextDouble() - 1;
                }
                RealFft fft = new RealFft(n);
                double[][] got = new double[4][];
                int g = 0;
                for (int scratch : new int[] {m * lanes, fft.scratchLength(lanes)}) {
                    double[] r = re.clone();
                    double[] i = im.clone();
                    fft.forward(r, i, new double[scratch], new double[scratch], lanes);
                    got[g++] = r.clone();
                    fft.inverse(r, i, new double[scratch], new double[scratch], lanes);
                    got[g++] = i;
                }
                assertArrayEquals(got[0], got[2], "forward n=" + n + " lanes=" + lanes);
                assertArrayEquals(got[1], got[3], "inverse n=" + n + " lanes=" + lanes);
                // Every array padded: the same bits at the padded places.
                double[] r = new double[fft.paddedLength(lanes)];
                double[] i = new double[r.length];
                for (int k = 0; k <= m; k++) {
                    for (int l = 0; l < lanes; l++) {
                        r[fft.index(k, l, lanes)] = re[k * lanes + l];
                        i[fft.index(k, l, lanes)] = im[k * lanes + l];
                    }
                }
                int scratch = fft.scratchLength(lanes);
                fft.forwardPadded(r, i, new double[scratch], new double[scratch], lanes);
                for (int k = 0; k <= m; k++) {
                    for (int l = 0; l < lanes; l++) {
                        assertEquals(got[0][k * lanes + l], r[fft.index(k, l, lanes)], 0.0, "padded forward n=" + n);
                    }
                }
                fft.inversePadded(r, i, new double[scratch], new double[scratch], lanes);
                for (int k = 0; k < m; k++) {
                    for (int l = 0; l < lanes; l++) {
                        assertEquals(got[1][k * lanes + l], i[fft.index(k, l, lanes)], 0.0, "padded inverse n=" + n);
                    }
                }
            }
        }
    }

    @Test
    void aLaneIsBitIdenticalWhateverTheBatch() {
        int n = 1024;
        int m = n / 2;
        SplittableRandom rnd = new SplittableRandom(7);
        double[] x = random(rnd, n, 1.0);
        double[][] got = new double[2][];
        for (int lanes : new int[] {1, 37}) {
            double[] re = new double[(m + 1) * lanes];
            double[] im = new double[(m + 1) * lanes];
            for (int i = 0; i < re.length; i++) {
                re[i] = rnd.nextDouble();
                im[i] = rnd.nextDouble();
            }
            int l = lanes - 1;
            for (int k = 0; k < m; k++) {
                re[k * lanes + l] = x[2 * k];
                im[k * lanes + l] = x[2 * k + 1];
            }
            RealFft fft = new RealFft(n);
            int scratch = fft.scratchLength(lanes);
            fft.forward(re, im, new double[scratch], new double[scratch], lanes);
            fft.inverse(re, im, new double[scratch], new double[scratch], lanes);
            double[] lane = new double[n];
            for (int k = 0; k < m; k++) {
                lane[2 * k] = re[k * lanes + l];
                lane[2 * k + 1] = im[k * lanes + l];
            }
            got[lanes == 1 ? 0 : 1] = lane;
        }
        assertArrayEquals(got[0], got[1]);
    }

    @Test
    void smallSizesInvert() {
        for (int n = 4; n <= 8; n *= 2) {
            double[] x = random(new SplittableRandom(n), n, 1.0);
            int m = n / 2;
            double[] re = new double[m + 1];
            double[] im = new double[m + 1];
            for (int k = 0; k < m; k++) {
                re[k] = x[2 * k];
                im[k] = x[2 * k + 1];
            }
            RealFft fft = new RealFft(n);
            fft.forward(re, im, new double[m], new double[m], 1);
            double[] expected = x.clone();
            new DoubleFFT_1D(n).realForward(expected);
            assertEquals(expected[0], re[0], 1e-14);
            assertEquals(expected[1], re[m], 1e-14);
            fft.inverse(re, im, new double[m], new double[m], 1);
            for (int k = 0; k < m; k++) {
                assertEquals(x[2 * k], re[k], 1e-14);
                assertEquals(x[2 * k + 1], im[k], 1e-14);
            }
        }
    }

    @Test
    void refusesOtherSizesAndShortArrays() {
        assertFalse(RealFft.supports(1000));
        assertFalse(RealFft.supports(2));
        assertTrue(RealFft.supports(16384));
        assertThrows(IllegalArgumentException.class, () -> new RealFft(1000));
        RealFft fft = new RealFft(16);
        assertThrows(IllegalArgumentException.class,
                () -> fft.forward(new double[8], new double[9], new double[8], new double[8], 1));
        double[] a = new double[9];
        assertThrows(IllegalArgumentException.class, () -> fft.forward(a, a, new double[8], new double[8], 1));
    }

    private static double[] random(SplittableRandom rnd, int n, double scale) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = scale * (2 * rnd.nextDouble() - 1);
        }
        return x;
    }

    private static double peak(double[] re, double[] im) {
        double p = 0;
        for (int i = 0; i < re.length; i++) {
            p = Math.max(p, Math.max(Math.abs(re[i]), Math.abs(im[i])));
        }
        return p;
    }
}
