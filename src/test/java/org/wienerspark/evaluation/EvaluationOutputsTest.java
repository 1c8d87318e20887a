package org.wienerspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The summary's CSV and number formats, without Spark. */
class EvaluationOutputsTest {

    @Test
    void csvFieldsWithCommasAndQuotesRoundTrip() {
        String note = "a.wav: \"x\", y";
        String line = "t," + EvaluationOutputs.field("vocals") + "," + EvaluationOutputs.field(note);
        assertEquals(List.of("t", "vocals", note), EvaluationOutputs.splitCsv(line));
        assertEquals("plain", EvaluationOutputs.field("plain"));
    }

    @Test
    void summaryNumbersKeepSixDecimalsAndNaN() {
        assertEquals("1.234565", EvaluationReport.number((1.23456 + 1.23457) / 2));
        assertEquals("-3", EvaluationReport.number(-3.0));
        assertEquals("NaN", EvaluationReport.number(Double.NaN));
        assertEquals("inf", EvaluationReport.number(Double.POSITIVE_INFINITY));
    }
}
