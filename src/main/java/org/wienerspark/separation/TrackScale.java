package org.wienerspark.separation;

import java.io.Serializable;
import org.wienerspark.core.Wiener;
import org.wienerspark.spark.Failure;

/**
 * The largest mixture modulus of every statistics group of a track (merged over its blocks by
 * maximum, which is exact in any order), or the first error met reading its mixture.
 */
final class TrackScale implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[] maxAbs;
    final int errorBlock;
    final Failure failure;

    private TrackScale(double[] maxAbs, int errorBlock, Failure failure) {
        this.maxAbs = maxAbs;
        this.errorBlock = errorBlock;
        this.failure = failure;
    }

    static TrackScale of(double[] maxAbs) {
        return new TrackScale(maxAbs, -1, null);
    }

    static TrackScale failed(int block, Failure failure) {
        return new TrackScale(null, block, failure);
    }

    /** Element-wise maximum; of two errors, the one of the earlier block (deterministic). */
    static TrackScale merge(TrackScale a, TrackScale b) {
        if (a.failure != null || b.failure != null) {
            if (a.failure == null) {
                return b;
            }
            return b.failure == null || a.errorBlock <= b.errorBlock ? a : b;
        }
        double[] m = a.maxAbs.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(m[i], b.maxAbs[i]);
        }
        return of(m);
    }

    /** The reference's scales {@code max(1, max|x| / 10)}, one per group. */
    double[] scales() {
        double[] s = new double[maxAbs.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Wiener.scaleOf(maxAbs[i]);
        }
        return s;
    }
}
