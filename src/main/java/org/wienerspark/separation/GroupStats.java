package org.wienerspark.separation;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.wienerspark.core.SpatialCovariance;
import org.wienerspark.spark.Failure;

/**
 * Partial statistics of one (track, group) from one partition (at most one per partition), or
 * the error that failed the track there. Partials are merged in partition order (hence in
 * frame order), so that a rerun adds the same numbers in the same order and gives
 * byte-identical results.
 */
final class GroupStats implements Serializable {

    private static final long serialVersionUID = 1L;

    /** The (track, group) key, {@link FrameBlock#groupKey}. */
    final long key;
    final int partition;
    final int bins;
    final int channels;
    final int sources;
    final double[] sumYy;
    final double[] sumV;
    /** When the track failed in this partition, why (then there are no sums). */
    final Failure failure;

    private GroupStats(long key, int partition, int bins, int channels, int sources, double[] sumYy, double[] sumV,
                       Failure failure) {
        this.key = key;
        this.partition = partition;
        this.bins = bins;
        this.channels = channels;
        this.sources = sources;
        this.sumYy = sumYy;
        this.sumV = sumV;
        this.failure = failure;
    }

    static GroupStats of(long key, int partition, SpatialCovariance s) {
        return new GroupStats(key, partition, s.bins(), s.channels(), s.sources(), s.sumYy(), s.sumV(), null);
    }

    static GroupStats failed(long key, int partition, Failure failure) {
        return new GroupStats(key, partition, 0, 0, 0, null, null, failure);
    }

    SpatialCovariance accumulator() {
        return SpatialCovariance.fromSums(bins, channels, sources, sumYy, sumV);
    }

    /**
     * The model of a group from its partials: {@code R = sum y y^H / (eps + sum v)}, eps added
     * once after the partials are merged in partition order; or the first error.
     */
    static GroupModel merge(Iterable<GroupStats> partials, double eps) {
        List<GroupStats> sorted = new ArrayList<>();
        partials.forEach(sorted::add);
        sorted.sort(Comparator.comparingInt(p -> p.partition));
        SpatialCovariance total = null;
        for (GroupStats p : sorted) {
            if (p.failure != null) {
                return GroupModel.failed(p.failure);
            }
            // Copy the first partial: Spark may hand the same object to a retried computation.
            total = total == null ? SpatialCovariance.fromSums(p.bins, p.channels, p.sources, p.sumYy.clone(),
                    p.sumV.clone()) : total.merge(p.accumulator());
        }
        return GroupModel.of(total.covariances(eps));
    }
}
