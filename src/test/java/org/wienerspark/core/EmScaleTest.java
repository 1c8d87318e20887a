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
}
