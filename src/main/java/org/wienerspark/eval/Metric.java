package org.wienerspark.eval;

/** The four BSSEval image metrics, in dB. */
public enum Metric {
    /** Source to distortion ratio. */
    SDR,
    /** Source image to spatial distortion ratio. */
    ISR,
    /** Source to interference ratio. */
    SIR,
    /** Source to artifacts ratio. */
    SAR
}
