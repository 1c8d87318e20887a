package org.wienerspark.eval;

/**
 * The evaluation windows of a track, as museval frames it: windows of {@code win} samples every
 * {@code hop} samples, only those that fit entirely in the track, except that a track shorter
 * than one window is a single window covering it. Samples after the last full window are not
 * evaluated.
 *
 * @param win    window length in samples, {@code >= 1}
 * @param hop    step between window starts in samples, {@code >= 1}
 * @param length track length in samples, {@code >= 1}
 */
public record Framing(int win, int hop, int length) implements java.io.Serializable {

    public Framing {
        if (win < 1 || hop < 1 || length < 1) {
            throw new IllegalArgumentException("framing needs win >= 1, hop >= 1 and length >= 1 samples, got win="
                    + win + ", hop=" + hop + ", length=" + length);
        }
    }

    /**
     * Framing from durations in seconds, converted to samples by truncation as museval's
     * {@code int(win * rate)} does.
     */
    public static Framing ofSeconds(double winSeconds, double hopSeconds, int rate, int length) {
        if (!(winSeconds > 0) || !(hopSeconds > 0) || rate < 1) {
            throw new IllegalArgumentException("win and hop must be positive seconds and rate >= 1, got win="
                    + winSeconds + ", hop=" + hopSeconds + ", rate=" + rate);
        }
        double win = winSeconds * rate;
        double hop = hopSeconds * rate;
        if (win < 1 || hop < 1 || win > Integer.MAX_VALUE || hop > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("win=" + winSeconds + " s and hop=" + hopSeconds + " s at " + rate
                    + " Hz must each be between 1 sample and 2^31 - 1 samples");
        }
        return new Framing((int) win, (int) hop, length);
    }

    /** Number of windows: {@code floor((length - win + hop) / hop)} if {@code win < length}, else 1. */
    public int count() {
        return win < length ? (int) (((long) length - win + hop) / hop) : 1;
    }

    /** First sample of window {@code t}. */
    public int start(int t) {
        return (int) ((long) t * hop);
    }

    /** One past the last sample of window {@code t}. */
    public int end(int t) {
        return (int) Math.min((long) t * hop + win, length);
    }
}
