package org.wienerspark.separation;

import org.wienerspark.spark.Failure;

/**
 * A block whose inputs could not be loaded: it fails its track. In the first EM pass it carries
 * the failure to the aggregation as a failed partial, so that the driver learns of it.
 */
final class FailedBlock implements BlockRecord {

    private static final long serialVersionUID = 1L;
    private static final GroupStats[] NO_STATS = new GroupStats[0];

    final int track;
    final int block;
    final Failure failure;
    private final GroupStats[] partials;

    FailedBlock(int track, int block, Failure failure) {
        this(track, block, failure, NO_STATS);
    }

    private FailedBlock(int track, int block, Failure failure, GroupStats[] partials) {
        this.track = track;
        this.block = block;
        this.failure = failure;
        this.partials = partials;
    }

    /** The same failure, handed to the aggregation as the partial of the track's first group. */
    FailedBlock asPartial(int partition) {
        return new FailedBlock(track, block, failure, new GroupStats[] {
            GroupStats.failed(FrameBlock.groupKey(track, 0), partition, failure)});
    }

    long blockKey() {
        return FrameBlock.blockKey(track, block);
    }

    @Override
    public GroupStats[] partials() {
        return partials;
    }
}
