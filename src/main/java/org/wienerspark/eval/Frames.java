package org.wienerspark.eval;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The evaluation windows of a track as {@code [start, end)} sample spans, made by the framing
 * rule of one reference implementation.
 *
 * @param window the requested window in samples, or 0 for {@link #full whole-signal} scoring
 * @param hop    the requested hop in samples, or 0 for whole-signal scoring
 * @param starts first sample of each frame
 * @param ends   one past the last sample of each frame
 */
public record Frames(int window, int hop, int[] starts, int[] ends) implements Serializable {

    private static final long serialVersionUID = 1L;

    public Frames {
        if (starts.length != ends.length || starts.length == 0) {
            throw new IllegalArgumentException("frames need as many starts as ends, at least one");
        }
    }

    /** Number of frames. */
    public int count() {
        return starts.length;
    }

    public int start(int t) {
        return starts[t];
    }

    public int end(int t) {
        return ends[t];
    }

    /** Length of frame t in samples. */
    public int length(int t) {
        return ends[t] - starts[t];
    }

    /** One frame over the whole signal (the non-framewise reference functions). */
    public static Frames full(int length) {
        requireLength(length);
        return new Frames(0, 0, new int[] {0}, new int[] {length});
    }

    /**
     * museval's framing: {@code floor((N - win + hop) / hop)} full windows if {@code win < N},
     * else one window over the whole signal (see {@link Framing}).
     */
    public static Frames museval(int win, int hop, int length) {
        Framing f = new Framing(win, hop, length);
        int n = f.count();
        int[] s = new int[n];
        int[] e = new int[n];
        for (int t = 0; t < n; t++) {
            s[t] = f.start(t);
            e[t] = f.end(t);
        }
        return new Frames(win, hop, s, e);
    }

    /**
     * mir_eval's {@code *_framewise} framing: {@code floor((N - win + hop) / hop)} full windows,
     * but when that is fewer than two, the whole signal as one frame (mir_eval then returns the
     * non-framewise result, even if the signal is longer than one window).
     */
    public static Frames mirEval(int win, int hop, int length) {
        if (win < 1 || hop < 1) {
            throw new IllegalArgumentException("framing needs win >= 1 and hop >= 1 samples, got win=" + win
                    + ", hop=" + hop);
        }
        requireLength(length);
        long n = Math.floorDiv((long) length - win + hop, (long) hop);
        if (n < 2) {
            return new Frames(win, hop, new int[] {0}, new int[] {length});
        }
        int[] s = new int[(int) n];
        int[] e = new int[(int) n];
        for (int t = 0; t < n; t++) {
            s[t] = (int) ((long) t * hop);
            e[t] = s[t] + win;
        }
        return new Frames(win, hop, s, e);
    }

    /** Whether this is one frame over a whole signal of {@code length} samples. */
    public boolean isWhole(int length) {
        return count() == 1 && starts[0] == 0 && ends[0] == length;
    }

    private static void requireLength(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("a signal needs at least one sample, got " + length);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Frames f && f.window == window && f.hop == hop && Arrays.equals(f.starts, starts)
                && Arrays.equals(f.ends, ends);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(starts) + Arrays.hashCode(ends);
    }

    @Override
    public String toString() {
        return "Frames[window=" + window + ", hop=" + hop + ", count=" + count() + "]";
    }
}
