package org.wienerspark.separation;

import java.io.Serializable;
import org.wienerspark.spark.Failure;

/**
 * The spatial covariance matrices of one (track, group), (B, S, C, C) complex as
 * {@link org.wienerspark.core.SpatialCovariance#covariances} makes them; or why the track failed.
 */
final class GroupModel implements Serializable {

    private static final long serialVersionUID = 2L;

    final double[] r;
    final Failure failure;

    private GroupModel(double[] r, Failure failure) {
        this.r = r;
        this.failure = failure;
    }

    static GroupModel of(double[] r) {
        return new GroupModel(r, null);
    }

    static GroupModel failed(Failure failure) {
        return new GroupModel(null, failure);
    }

    long bytes() {
        return r == null ? 64 : 8L * r.length + 64;
    }
}
