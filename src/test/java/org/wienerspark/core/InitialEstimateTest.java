package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import org.junit.jupiter.api.Test;

class InitialEstimateTest {

    @Test
    void audioModelsAreTheEstimatesMagnitudesAndTheResidualOfTheMixture() {
        // Two cells; x = e0 + e1 + r with r = (3 + 4i, 0).
        double[] e0 = {1, 0, 0, 2};
        double[] e1 = {0, -1, 6, 8};
        double[] x = {4, 3, 6, 10};
        InitialEstimate.AudioModels m = new InitialEstimate.AudioModels(x, 2, 2, true, 2);
        m.add(0, e0);
        m.add(1, e1);
        double[] v = m.models();
        assertEquals(3, m.sources());
        double[] expected = {1, 1, 25, 4, 100, 0};
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i], v[i], OF_PEAK * 100, "v[" + i + "]");
        }
        assertEquals(4, x[0], "x not modified");
    }

    @Test
    void mixturePhaseEstimateAddsUpToTheMixtureWhenTheModelsDo() {
        double[] x = {3, 4};
        double[] v = {2, 3};
        double[] y = InitialEstimate.estimate(v, 1, x, 1, 1, 1, 2, false, 0);
        assertEquals(3, y[0] + y[2], OF_PEAK * 5);
        assertEquals(4, y[1] + y[3], OF_PEAK * 5);
    }
}
