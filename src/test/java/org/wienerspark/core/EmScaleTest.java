package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import org.junit.jupiter.api.Test;

class EmScaleTest {

    /** One complex value per frame, frames 3..7, EM windows of 2 frames: groups 1, 2, 3. */
    private static final double[] X = {30, 40, 0, 5, 120, 0, 0, -3, 1, 1};

    @Test
    void maxAbsPerGroupStartsAtTheGroupOfTheFirstFrame() {
        assertArrayEquals(new double[] {50, 120, 3}, EmScale.maxAbsPerGroup(X, 2, 3, 5, 2));
        assertArrayEquals(new double[] {120}, EmScale.maxAbsPerGroup(X, 2, 3, 5, 0));
    }

    @Test
    void scaleIsATenthOfThePeakButNotBelowOne() {
        assertEquals(12.0, EmScale.of(120));
        assertEquals(1.0, EmScale.of(5));
    }

    @Test
    void multiplyingBackUndoesTheDivision() {
        double[] scales = {5, 12, 1};
        double[] y = X.clone();
        EmScale.divide(y, 2, 3, 5, 2, scales);
        assertEquals(6.0, y[0]);
        assertEquals(10.0, y[4]);
        assertEquals(1.0, y[8]);
        double[] back = new double[X.length];
        EmScale.sourceTimesScale(y, 1, 1, 0, 3, 5, 2, scales, back);
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i], back[i], OF_PEAK * 120);
        }
    }

    @Test
    void allSourcesInOnePassEqualOneSourceAtATime() {
        int cells = 3;
        int sources = 4;
        int frames = 5;
        double[] y = new double[2 * frames * cells * sources];
        for (int i = 0; i < y.length; i++) {
            y[i] = Math.sin(1.7 * i) * (i % 11);
        }
        double[] scales = {5, 12, 1};
        double[][] all = new double[sources][2 * frames * cells];
        EmScale.sourcesTimesScale(y, cells, sources, 3, frames, 2, scales, all);
        for (int j = 0; j < sources; j++) {
            double[] one = new double[2 * frames * cells];
            EmScale.sourceTimesScale(y, cells, sources, j, 3, frames, 2, scales, one);
            assertArrayEquals(one, all[j], 0.0, "source " + j);
        }
    }
}
