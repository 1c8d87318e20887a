package org.wienerspark.eval;

/**
 * museval's length alignment of an estimate to its reference ({@code museval.pad_or_truncate}):
 * a longer estimate is cut to the reference's length, a shorter one completed with zeros at the
 * end.
 */
public final class PadOrTruncate {

    private PadOrTruncate() {
    }

    /**
     * How many of samples {@code [from, from + n)} of the aligned estimate come from an estimate
     * of {@code estimateLength} samples; the others are zero padding (or lie past the reference).
     */
    public static int available(long estimateLength, long from, int n) {
        return (int) Math.max(0, Math.min(n, estimateLength - from));
    }

    /**
     * A (samples, channels) estimate aligned to {@code length} samples; a new array.
     * Shape (estimateSamples, channels) -> (length, channels).
     */
    public static double[] align(double[] estimate, int channels, int length) {
        double[] out = new double[length * channels];
        System.arraycopy(estimate, 0, out, 0, Math.min(estimate.length, out.length));
        return out;
    }

    /** A human-readable note on the alignment, or null if the lengths match. */
    public static String note(String name, long estimateLength, long referenceLength) {
        if (estimateLength == referenceLength) {
            return null;
        }
        return estimateLength > referenceLength
                ? name + ": estimate " + (estimateLength - referenceLength) + " samples longer than the reference, cut"
                : name + ": estimate " + (referenceLength - estimateLength) + " samples shorter than the reference, "
                        + "zero-padded";
    }
}
