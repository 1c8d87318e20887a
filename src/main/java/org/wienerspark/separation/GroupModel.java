package org.wienerspark.separation;

import java.io.Serializable;

/**
 * The spatial covariance matrices of one (track, group), (B, S, C, C) complex as
 * {@link org.wienerspark.core.SpatialCovariance#covariances} makes them; or why the track failed.
 */
final class GroupModel implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[] r;
    final String errorFile;
    final String error;

    private GroupModel(double[] r, String errorFile, String error) {
        this.r = r;
        this.errorFile = errorFile;
        this.error = error;
    }

    static GroupModel of(double[] r) {
        return new GroupModel(r, null, null);
    }

    static GroupModel failed(String errorFile, String error) {
        return new GroupModel(null, errorFile, error);
    }

    long bytes() {
        return r == null ? 64 : 8L * r.length + 64;
    }
}
