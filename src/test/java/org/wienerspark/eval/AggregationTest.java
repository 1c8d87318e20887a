package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** museval's JSON rounding and NaN-ignoring medians. */
class AggregationTest {

    @Test
    void quantizedTextRoundsTheExactBinaryValueHalfEven() {
        assertEquals("1.50000", Aggregation.quantizedText(1.5));
        // 0.125 is exact in binary: a true tie at the 6th decimal would round to even; 2.000005 is
        // not exact (its double is 2.00000499999999...) and rounds down.
        assertEquals("2.00000", Aggregation.quantizedText(2.000005));
        assertEquals("0.00000", Aggregation.quantizedText(1e-9));
        assertEquals("-0.00000", Aggregation.quantizedText(-1e-9));
        assertEquals("-12.34568", Aggregation.quantizedText(-12.345678));
        assertEquals("NaN", Aggregation.quantizedText(Double.NaN));
        assertEquals("NaN", Aggregation.quantizedText(Double.POSITIVE_INFINITY));
        assertEquals("NaN", Aggregation.quantizedText(Double.NEGATIVE_INFINITY));
        assertEquals(-12.34568, Aggregation.quantized(-12.345678));
        assertTrue(Double.isNaN(Aggregation.quantized(Double.NEGATIVE_INFINITY)));
    }

    @Test
    void nanMedianIgnoresNaNAndAveragesTheMiddlePair() {
        assertEquals(2.5, Aggregation.nanMedian(new double[] {4, Double.NaN, 1, 2, 3}));
        assertEquals(3.0, Aggregation.nanMedian(new double[] {Double.NaN, 5, 3, 1}));
        assertTrue(Double.isNaN(Aggregation.nanMedian(new double[] {Double.NaN})));
        assertTrue(Double.isNaN(Aggregation.nanMedian(new double[0])));
        assertEquals(2.0, Aggregation.nanMean(new double[] {1, Double.NaN, 3}));
    }
}
