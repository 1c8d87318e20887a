package org.wienerspark.eval;

import java.io.Serializable;
import java.util.List;

/**
 * The values of one metric set for one track: per metric, per source, per group (each channel for
 * the per-channel sets, one group otherwise) and per frame, with the permutation found.
 *
 * @param set         the metric set
 * @param frames      the frames scored
 * @param sources     number of sources (references)
 * @param groups      channels for {@link MetricSet#perChannel()} sets, else 1
 * @param metrics     metric names, in the order of {@code values}
 * @param values      per metric, shape (sources, groups, frames): value of reference j in frame t
 *                    at {@code (j * groups + g) * frames + t}; NaN for skipped frames
 * @param permutation shape (sources, groups, frames): the estimate matched with reference j (the
 *                    identity without a permutation search), -1 where the reference reports
 *                    none (mir_eval's NaN for a skipped frame)
 * @param solver      the solver path of the least favourable filter system, or null if no
 *                    filters were fitted (see {@link DistortionFilters#solver()})
 */
public record SetScores(MetricSet set, Frames frames, int sources, int groups, List<String> metrics,
                        double[][] values, int[] permutation, String solver) implements Serializable {

    private static final long serialVersionUID = 1L;

    public SetScores {
        int n = sources * groups * frames.count();
        if (values.length != metrics.size()) {
            throw new IllegalArgumentException("one value array per metric: " + metrics.size() + " metrics, "
                    + values.length + " arrays");
        }
        for (double[] v : values) {
            if (v.length != n) {
                throw new IllegalArgumentException("values must have shape (sources=" + sources + ", groups=" + groups
                        + ", frames=" + frames.count() + ")");
            }
        }
        if (permutation.length != n) {
            throw new IllegalArgumentException("permutation must have shape (sources, groups, frames)");
        }
    }

    /** The values of a metric by name; shared, not to be modified. Shape (sources, groups, frames). */
    public double[] values(String metric) {
        int i = metrics.indexOf(metric);
        if (i < 0) {
            throw new IllegalArgumentException("set " + set.id() + " has no metric " + metric + "; it has " + metrics);
        }
        return values[i];
    }

    /** Value of a metric for reference j, group g, frame t. */
    public double value(String metric, int j, int g, int t) {
        return values(metric)[(j * groups + g) * frames.count() + t];
    }

    /** The estimate matched with reference j in group g and frame t, -1 if none was reported. */
    public int matched(int j, int g, int t) {
        return permutation[(j * groups + g) * frames.count() + t];
    }

    /** Median over frames of reference j, group g, ignoring NaN. */
    public double median(String metric, int j, int g) {
        return Aggregation.nanMedian(values(metric), (j * groups + g) * frames.count(), frames.count());
    }
}
