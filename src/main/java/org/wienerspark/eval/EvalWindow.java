package org.wienerspark.eval;

import java.io.Serializable;

/**
 * The window a track is scored in: {@code win} samples every {@code hop} samples, or
 * {@link #full()} for one window over the whole signal (the references' non-framewise functions).
 * Each metric set frames a track by its reference's rule ({@link Frames}).
 *
 * @param win window in samples, 0 for the whole signal
 * @param hop hop in samples, 0 for the whole signal
 */
public record EvalWindow(int win, int hop) implements Serializable {

    private static final long serialVersionUID = 1L;

    public EvalWindow {
        if (!(win == 0 && hop == 0) && (win < 1 || hop < 1)) {
            throw new IllegalArgumentException("window and hop must be at least 1 sample (or both 0 for the whole "
                    + "signal), got win=" + win + ", hop=" + hop);
        }
    }

    /** One window over the whole signal. */
    public static EvalWindow full() {
        return new EvalWindow(0, 0);
    }

    /** A window and hop in samples. */
    public static EvalWindow samples(int win, int hop) {
        return new EvalWindow(win, hop);
    }

    /** A window and hop in seconds, truncated to samples as museval's {@code int(win * rate)}. */
    public static EvalWindow seconds(double winSeconds, double hopSeconds, int rate) {
        Framing f = Framing.ofSeconds(winSeconds, hopSeconds, rate, 1);
        return new EvalWindow(f.win(), f.hop());
    }

    public boolean isFull() {
        return win == 0;
    }

    /** The frames of a {@code length}-sample track for a metric set, by its reference's framing rule. */
    public Frames frames(MetricSet set, int length) {
        if (isFull() || set == MetricSet.SDR) {
            return Frames.full(length);
        }
        return switch (set) {
            case IMAGES, SOURCES -> Frames.mirEval(win, hop, length);
            default -> Frames.museval(win, hop, length);
        };
    }

    @Override
    public String toString() {
        return isFull() ? "full" : win + "/" + hop + " samples";
    }
}
