package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ResidualModelTest {

    // (F, B, C, S) = (3, 1, 2, 2) and x (3, 1, 2), used by the numpy reference values below
    private static final double[] V = {0.5, 1.0, 2.0, 0.25, 1.5, 0.0, 0.75, 3.0, 0.1, 0.2, 4.0, 1.0};
    private static final double[] X = {1.0, 1.0, -2.0, 0.5, 0.5, -1.0, 1.0, 2.0, 3.0, 0.0, -1.0, -1.0};

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length, "length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], OF_PEAK * Math.max(1, Math.abs(expected[i])), "index " + i);
        }
    }

    private static RealTensor v() {
        return new RealTensor(new int[] {3, 1, 2, 2}, V.clone());
    }

    private static ComplexTensor x() {
        return new ComplexTensor(new int[] {3, 1, 2}, X.clone());
    }

    @Test
    void residualIsMixtureMinusModelFlooredAtZero() {
        // numpy 2.4.6: norbert.contrib.residual_model(v, x, alpha=1, autoscale=False)
        double[] expected = {0.5, 1.0, 0.0, 2.0, 0.25, 0.0, 1.5, 0.0, 0.0, 0.75, 3.0, 0.0, 0.1, 0.2, 2.7,
                4.0, 1.0, 0.0};
        RealTensor out = ResidualModel.apply(v(), x());
        assertArrayEquals(new int[] {3, 1, 2, 3}, out.shape());
        assertClose(expected, out.data());
        // the same by hand for the last cell: |x| = sqrt(2) < 4 + 1, so the residual is 0
        assertEquals(Math.max(0, Math.hypot(-1, -1) - 5), out.data()[17], 0);
    }

    @Test
    void autoscaleMatchesReference() {
        // numpy 2.4.6: norbert.contrib.residual_model(v, x, alpha=2, autoscale=True)
        double[] expected = {0.8251633986928107, 1.6503267973856215, 0.0, 1.7365439093484423,
                0.21706798866855528, 2.2963881019830024, 2.4754901960784323, 0.0, 0.0, 0.6512039660056659,
                2.6048158640226635, 1.7439801699716715, 0.16503267973856217, 0.33006535947712434,
                8.504901960784313, 3.4730878186968845, 0.8682719546742211, 0.0};
        assertClose(expected, ResidualModel.apply(v(), x(), 2, true).data());
    }

    @Test
    void autoscaleFitsModelToMixture() {
        // models that are 0.25 |x|^2 in total, split unevenly: the fitted gain is 4 per bin and
        // channel, so the scaled models sum to the mixture and the residual vanishes
        Random rnd = new Random(11);
        int f = 5;
        int b = 3;
        int c = 2;
        double[] x = new double[2 * f * b * c];
        double[] v = new double[f * b * c * 2];
        for (int i = 0; i < f * b * c; i++) {
            x[2 * i] = rnd.nextGaussian();
            x[2 * i + 1] = rnd.nextGaussian();
            double p = 0.25 * (x[2 * i] * x[2 * i] + x[2 * i + 1] * x[2 * i + 1]);
            double share = rnd.nextDouble();
            v[2 * i] = share * p;
            v[2 * i + 1] = (1 - share) * p;
        }
        double[] out = ResidualModel.apply(new RealTensor(new int[] {f, b, c, 2}, v),
                new ComplexTensor(new int[] {f, b, c}, x), 2, true).data();
        for (int i = 0; i < f * b * c; i++) {
            assertEquals(4 * v[2 * i], out[3 * i], OF_PEAK);
            assertEquals(4 * v[2 * i + 1], out[3 * i + 1], OF_PEAK);
            assertEquals(0, out[3 * i + 2], OF_PEAK);
        }
    }

    @Test
    void monoModelIsBroadcastOverChannels() {
        double[] mono = {0.3, 0.1, 2.0, 0.5, 0.2, 0.2};
        double[] stereo = new double[12];
        for (int t = 0; t < 3; t++) {
            for (int ch = 0; ch < 2; ch++) {
                stereo[(t * 2 + ch) * 2] = mono[t * 2];
                stereo[(t * 2 + ch) * 2 + 1] = mono[t * 2 + 1];
            }
        }
        for (boolean autoscale : new boolean[] {false, true}) {
            RealTensor fromMono = ResidualModel.apply(new RealTensor(new int[] {3, 1, 1, 2}, mono), x(), 1.5, autoscale);
            RealTensor fromStereo = ResidualModel.apply(new RealTensor(new int[] {3, 1, 2, 2}, stereo), x(), 1.5,
                    autoscale);
            assertArrayEquals(new int[] {3, 1, 2, 3}, fromMono.shape());
            assertArrayEquals(fromStereo.data(), fromMono.data(), "autoscale " + autoscale);
        }
    }

    @Test
    void silentMixtureIsFlooredAtEps() {
        RealTensor out = ResidualModel.apply(RealTensor.zeros(2, 2, 1, 1), ComplexTensor.zeros(2, 2, 1), 1, true);
        for (int i = 0; i < 4; i++) {
            assertEquals(0, out.data()[2 * i], 0);
            assertEquals(Tensors.DOUBLE_EPS, out.data()[2 * i + 1], 0);
        }
    }

    @Test
    void inputsAreNotModified() {
        RealTensor v = v();
        ComplexTensor x = x();
        ResidualModel.apply(v, x, 2, true);
        assertArrayEquals(V, v.data());
        assertArrayEquals(X, x.data());
    }

    @Test
    void badShapesAreRejectedNamingTheArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResidualModel.apply(RealTensor.zeros(3, 1, 2), x()));
        assertTrue(e.getMessage().startsWith("v must have shape") && e.getMessage().contains("[3, 1, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResidualModel.apply(v(), ComplexTensor.zeros(3, 2)));
        assertTrue(e.getMessage().startsWith("x must have shape") && e.getMessage().contains("[3, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ResidualModel.apply(RealTensor.zeros(3, 1, 3, 2), x()));
        assertTrue(e.getMessage().startsWith("v must have shape") && e.getMessage().contains("[3, 1, 3, 2]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ResidualModel.apply(RealTensor.zeros(4, 1, 2, 2), x()));
        assertTrue(e.getMessage().contains("[4, 1, 2, 2]"), e.getMessage());
    }

    @Test
    void nonFiniteInputsAreRejected() {
        double[] bad = X.clone();
        bad[3] = Double.NaN;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResidualModel.apply(v(), new ComplexTensor(new int[] {3, 1, 2}, bad)));
        assertTrue(e.getMessage().startsWith("x [3, 1, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResidualModel.apply(v(), x(), Double.NaN, false));
    }
}
