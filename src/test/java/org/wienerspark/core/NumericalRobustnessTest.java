package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.core.CoreTestData.complex;
import static org.wienerspark.core.CoreTestData.magnitudes;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Finite outputs where the reference gives inf/NaN: eps = 0, silent models, singular mixture covariances. */
class NumericalRobustnessTest {

    @ParameterizedTest(name = "channels={0}")
    @ValueSource(ints = {1, 2, 3})
    void silentInputWithZeroEpsGivesZeros(int c) {
        ComplexTensor x = ComplexTensor.zeros(5, 4, c);
        RealTensor v = RealTensor.zeros(5, 4, c, 2);
        for (boolean sm : new boolean[] {true, false}) {
            ComplexTensor y = Wiener.apply(v, x, 2, sm, 0.0);
            assertTrue(Arrays.stream(y.data()).allMatch(d -> d == 0.0), "zeros, softmask " + sm);
        }
    }

    @Test
    void singularStereoMixtureCovarianceGivesFiniteEstimates() {
        // One active source with a rank-one spatial image (both channels equal) and eps = 0:
        // Cxx = v R is singular in every bin.
        int frames = 6, bins = 5, s = 2;
        ComplexTensor x = complex(1, 3.0, frames, bins, 2);
        for (int i = 0; i < frames * bins; i++) {
            x.data()[4 * i + 2] = x.data()[4 * i];
            x.data()[4 * i + 3] = x.data()[4 * i + 1];
        }
        RealTensor v = magnitudes(2, 1.0, frames, bins, 2, s);
        for (int i = 0; i < frames * bins * 2; i++) {
            v.data()[i * s + 1] = 0;
        }
        ComplexTensor y = Wiener.apply(v, x, 3, false, 0.0);
        assertTrue(Arrays.stream(y.data()).allMatch(Double::isFinite));
        // The active source takes the whole (rank-one) mixture.
        for (int i = 0; i < frames * bins * 2; i++) {
            assertEquals(x.data()[2 * i], y.data()[2 * (i * s)], 1e-9 * 3);
            assertEquals(x.data()[2 * i + 1], y.data()[2 * (i * s) + 1], 1e-9 * 3);
        }
    }

    @Test
    void stereoPseudoInverseEqualsTheGeneralOne() {
        SplittableRandom rnd = new SplittableRandom(3);
        MatrixInverse.Kernel general = new MatrixInverse.Kernel(3);
        for (int trial = 0; trial < 200; trial++) {
            // Hermitian PSD of rank 1 or 2 (an exactly singular matrix half of the time).
            double ar = rnd.nextDouble() - 0.5, ai = rnd.nextDouble() - 0.5;
            double br = rnd.nextDouble() - 0.5, bi = rnd.nextDouble() - 0.5;
            double extra = trial % 2 == 0 ? 0 : rnd.nextDouble();
            double a = ar * ar + ai * ai + extra;
            double d = br * br + bi * bi + extra;
            // off-diagonal u0 conj(u1) with u = (ar + i ai, br + i bi)
            double cr = ar * br + ai * bi;
            double ci = ai * br - ar * bi;
            double[] x = {rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble(), rnd.nextDouble()};
            double[] z = new double[4];
            MatrixInverse.pseudoInverse2(a, cr, ci, d, x[0], x[1], x[2], x[3], z);
            // The same through the SVD path, embedded in a 3 x 3 with a zero third row/column.
            double[] m = new double[18];
            m[0] = a;
            m[2] = cr;
            m[3] = ci;
            m[6] = cr;
            m[7] = -ci;
            m[8] = d;
            double[] inv = new double[18];
            general.invert(m, 0, 1e-14, inv, 0);
            for (int row = 0; row < 2; row++) {
                double re = inv[6 * row] * x[0] - inv[6 * row + 1] * x[1] + inv[6 * row + 2] * x[2]
                        - inv[6 * row + 3] * x[3];
                double im = inv[6 * row] * x[1] + inv[6 * row + 1] * x[0] + inv[6 * row + 2] * x[3]
                        + inv[6 * row + 3] * x[2];
                double scale = 1 + Math.abs(re) + Math.abs(im);
                assertEquals(re, z[2 * row], 1e-8 * scale, "trial " + trial);
                assertEquals(im, z[2 * row + 1], 1e-8 * scale, "trial " + trial);
            }
        }
    }
}
