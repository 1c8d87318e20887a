package org.wienerspark.separation;

import org.apache.spark.Partitioner;

/**
 * Partitions long keys by their high 32 bits modulo n: a block key goes to its track's
 * partition (keys then sort by (track, block)); a routing key {@code (long) p << 32} to
 * partition p.
 */
final class TrackPartitioner extends Partitioner {
    private static final long serialVersionUID = 1L;
    private final int n;

    TrackPartitioner(int n) {
        this.n = n;
    }

    @Override
    public int numPartitions() {
        return n;
    }

    @Override
    public int getPartition(Object key) {
        return (int) (((Long) key >>> 32) % n);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrackPartitioner t && t.n == n;
    }

    @Override
    public int hashCode() {
        return n;
    }
}
