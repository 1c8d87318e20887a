package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ReduceInterferencesTest {

    @Test
    void matchesReference() {
        // numpy 2.4.6 / scipy 1.17.1: norbert.contrib.reduce_interferences(v, 0.9, 3) on this (3, 2, 2) v
        double[] v = {1.0, 0.1, 0.2, 2.0, 3.0, 0.5, 0.0, 1.0, 0.4, 0.4, 5.0, 0.01};
        double[] expected = {0.8175744174071651, 0.08175744174071652, 0.16351488348143303, 1.6351488348143302,
                2.452723252221495, 0.40878720870358254, 0.0, 0.8175744174071651, 0.32702976696286606,
                0.32702976696286606, 4.087872087035826, 0.008175744174071648};
        double[] out = ReduceInterferences.apply(new RealTensor(new int[] {3, 2, 2}, v), 0.9, 3).data();
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i], out[i], OF_PEAK * Math.max(1, expected[i]), "index " + i);
        }
    }

    @Test
    void thresholdAndSlopeAreIgnored() {
        Random rnd = new Random(5);
        double[] v = new double[8 * 9 * 3];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble();
        }
        RealTensor t = new RealTensor(new int[] {8, 9, 3}, v);
        assertArrayEquals(ReduceInterferences.apply(t).data(), ReduceInterferences.apply(t, 0.95, 2).data());
    }

    @Test
    void valuesAreScaledByTheLogisticOfTheSmoothedShare() {
        Random rnd = new Random(6);
        double[] v = new double[30 * 4 * 2];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextDouble() * (i % 2 == 0 ? 3 : 1);
        }
        RealTensor t = new RealTensor(new int[] {30, 4, 2}, v);
        double[] smooth = Smooth.apply(t, 10, false).data();
        double[] out = ReduceInterferences.apply(t).data();
        for (int i = 0; i < v.length; i += 2) {
            double total = Tensors.FLOAT_EPS + smooth[i] + smooth[i + 1];
            for (int j = 0; j < 2; j++) {
                double gain = 1 / (1 + Math.exp(-15 * (smooth[i + j] / total - 0.4)));
                assertEquals(gain * v[i + j], out[i + j], OF_PEAK * v[i + j]);
            }
        }
    }

    @Test
    void inputsAreNotModified() {
        double[] v = {1, 2, 3, 4};
        RealTensor t = new RealTensor(new int[] {2, 2}, v.clone());
        ReduceInterferences.apply(t);
        assertArrayEquals(v, t.data());
    }

    @Test
    void scalarIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReduceInterferences.apply(new RealTensor(new int[0], new double[] {1})));
        assertTrue(e.getMessage().contains("v must have shape"), e.getMessage());
    }
}
