package org.wienerspark.dsp;

/**
 * A half-open range of indices {@code [start, end)}: samples of a track or frames of its STFT.
 *
 * @param start first index, {@code >= 0}
 * @param end   one past the last index, {@code >= start}
 */
public record Range(int start, int end) {

    public Range {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("a range needs 0 <= start <= end, got [" + start + ", " + end + ")");
        }
    }

    /** Number of indices in the range. */
    public int length() {
        return end - start;
    }

    public boolean isEmpty() {
        return start == end;
    }

    /** Whether every index of {@code other} is in this range (an empty range is in every range). */
    public boolean contains(Range other) {
        return other.isEmpty() || (start <= other.start && other.end <= end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
