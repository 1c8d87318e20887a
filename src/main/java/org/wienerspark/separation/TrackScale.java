package org.wienerspark.separation;

import java.io.Serializable;
import org.wienerspark.core.Wiener;

/**
 * The largest mixture modulus of every statistics group of a track (merged over its blocks by
 * maximum, which is exact in any order), or the first error met reading its mixture.
 */
final class TrackScale implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[] maxAbs;
    final int errorBlock;
    final String errorFile;
    final String error;

    TrackScale(double[] maxAbs, int errorBlock, String errorFile, String error) {
        this.maxAbs = maxAbs;
        this.errorBlock = errorBlock;
        this.errorFile = errorFile;
        this.error = error;
    }

    /** Element-wise maximum; of two errors, the one of the earlier block (deterministic). */
    static TrackScale merge(TrackScale a, TrackScale b) {
        if (a.error != null || b.error != null) {
            if (a.error == null) {
                return b;
            }
            return b.error == null || a.errorBlock <= b.errorBlock ? a : b;
        }
        double[] m = a.maxAbs.clone();
        for (int i = 0; i < m.length; i++) {
            m[i] = Math.max(m[i], b.maxAbs[i]);
        }
        return new TrackScale(m, -1, null, null);
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
