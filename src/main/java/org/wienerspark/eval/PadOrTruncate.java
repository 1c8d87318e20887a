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
     * Reads of an aligned estimate: fills {@code out} with estimate samples
     * {@code [from, from + n)} of a (samples, channels) estimate of {@code estimateLength}
     * samples, zero past its end. Shapes: estimate (estimateLength or fewer read, channels) as
     * given by {@code available} (samples {@code [from, min(from + n, estimateLength))}), out
     * (n, channels), output, overwritten.
     *
     * @return how many of the n samples came from the estimate (the rest are zero padding)
     */
    public static int fill(double[] available, long estimateLength, long from, int n, int channels, double[] out,
                           int outOffset) {
        int real = (int) Math.max(0, Math.min(n, estimateLength - from));
        System.arraycopy(available, 0, out, outOffset, real * channels);
        java.util.Arrays.fill(out, outOffset + real * channels, outOffset + n * channels, 0.0);
        return real;
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
