package org.wienerspark.separation;

import org.wienerspark.core.EmScale;

/**
 * A block of consecutive STFT frames of one track: the unit of work of the Spark job.
 *
 * <p>The block owns frames {@code [ownedStart, ownedEnd)} and holds them plus a halo of
 * {@code ceil(nFft/hop) - 1} frames on each side (clipped to the track), starting at
 * {@code heldStart}, so that the inverse STFT of its owned samples needs nothing from its
 * neighbours. Halo frames are updated like the others (the EM map is frame-local, so they
 * carry exactly the values their owner computes) but count in the statistics only in their
 * owner. Frames are grouped for the statistics: the whole track is one group, or, with
 * {@code --em-window-frames N}, frame t is in group {@code t / N}; each group has its own scale
 * and spatial covariances, as separate {@code wiener} calls would.
 *
 * <p>Arrays follow the core layout, divided by their group's scale when EM runs: the mixture x
 * (frames, B, C) complex, and either the source estimates y (frames, B, C, S) complex (a block
 * just loaded, or the output of the last EM map) or, between EM iterations, their power
 * spectral densities v (frames, B, S) real: with x and the models, all the next map needs (x
 * and v take 2.5x fewer bytes than x and y for stereo with 4 sources). x and v are stored in
 * float32 with {@code --precision float} and widened to double by {@link #x()} and {@link #v()}
 * for the kernels; y is never stored between stages and is always double.
 *
 * <p>A block may also carry partial statistics of its partition ({@link EmPass}). Instances are
 * not modified once built: each stage makes new blocks. A block that could not be loaded is a
 * {@link FailedBlock}; a partition's last partials travel on a {@link PartialsCarrier}.
 */
public final class FrameBlock implements BlockRecord {

    private static final long serialVersionUID = 2L;
    private static final GroupStats[] NO_STATS = new GroupStats[0];

    final int track;
    final int block;
    final int heldStart;
    final int frames;
    final int ownedStart;
    final int ownedEnd;
    final int bins;
    final int channels;
    final int sources;
    final int emWindow;
    /** Scale of each group the held frames touch, from group {@code group(heldStart)} on. */
    final double[] scales;
    /** x in double, or in float32 ({@link #xf}). */
    private final double[] x;
    private final float[] xf;
    /** The estimates y, or null. */
    private final double[] y;
    /** v in double or float32 ({@link #vf}), or null. */
    private final double[] v;
    private final float[] vf;
    /** Partial statistics of (track, group) pairs this partition has finished; never null. */
    final GroupStats[] partials;

    private FrameBlock(FrameBlock m, double[] x, float[] xf, double[] y, double[] v, float[] vf,
                       GroupStats[] partials) {
        this(m.track, m.block, m.heldStart, m.frames, m.ownedStart, m.ownedEnd, m.bins, m.channels, m.sources,
                m.emWindow, m.scales, x, xf, y, v, vf, partials);
    }

    private FrameBlock(int track, int block, int heldStart, int frames, int ownedStart, int ownedEnd, int bins,
                       int channels, int sources, int emWindow, double[] scales, double[] x, float[] xf, double[] y,
                       double[] v, float[] vf, GroupStats[] partials) {
        this.track = track;
        this.block = block;
        this.heldStart = heldStart;
        this.frames = frames;
        this.ownedStart = ownedStart;
        this.ownedEnd = ownedEnd;
        this.bins = bins;
        this.channels = channels;
        this.sources = sources;
        this.emWindow = emWindow;
        this.scales = scales;
        this.x = x;
        this.xf = xf;
        this.y = y;
        this.v = v;
        this.vf = vf;
        this.partials = partials;
    }

    /** A block just loaded: its mixture and initial estimates. */
    static FrameBlock loaded(int track, int block, int heldStart, int frames, int ownedStart, int ownedEnd, int bins,
                             int channels, int sources, int emWindow, double[] scales, double[] x, double[] y) {
        return new FrameBlock(track, block, heldStart, frames, ownedStart, ownedEnd, bins, channels, sources,
                emWindow, scales, x, null, y, null, null, NO_STATS);
    }

    @Override
    public GroupStats[] partials() {
        return partials;
    }

    /** The same frames with new estimates (after the last EM map), no statistics. */
    FrameBlock withEstimates(double[] newY) {
        return new FrameBlock(this, x, xf, newY, null, null, NO_STATS);
    }

    /**
     * The same frames between EM iterations: x, the power spectral densities of the current
     * estimates, the partials finished so far; stored in float32 when {@code single}.
     */
    FrameBlock withPsd(boolean single, double[] newV, GroupStats[] p) {
        if (single) {
            return new FrameBlock(this, null, xf != null ? xf : narrow(x), null, null, narrow(newV), p);
        }
        return new FrameBlock(this, x != null ? x : widen(xf), null, null, newV, null, p);
    }

    /** Whether the block holds its estimates y (else, its power spectral densities v). */
    boolean hasEstimates() {
        return y != null;
    }

    /** x (frames, B, C) complex in double: the stored array, or a new widened copy. */
    double[] x() {
        return x != null ? x : widen(xf);
    }

    /** y (frames, B, C, S) complex. */
    double[] y() {
        if (y == null) {
            throw new IllegalStateException("block " + block + " of track " + track + " holds no estimates");
        }
        return y;
    }

    /** v (frames, B, S) in double: the stored array, or a new widened copy. */
    double[] v() {
        if (v == null && vf == null) {
            throw new IllegalStateException("block " + block + " of track " + track + " holds no PSDs");
        }
        return v != null ? v : widen(vf);
    }

    private static float[] narrow(double[] a) {
        float[] f = new float[a.length];
        for (int i = 0; i < a.length; i++) {
            f[i] = (float) a[i];
        }
        return f;
    }

    private static double[] widen(float[] f) {
        double[] a = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            a[i] = f[i];
        }
        return a;
    }

    /** The statistics group of a track frame. */
    static int group(int frame, int emWindow) {
        return EmScale.group(frame, emWindow);
    }

    int group(int frame) {
        return group(frame, emWindow);
    }

    /** The scale of a held frame's group. */
    double scaleOf(int frame) {
        return scales[group(frame) - group(heldStart)];
    }

    /** Doubles of x per frame. */
    int xStride() {
        return 2 * bins * channels;
    }

    /** Doubles of y per frame. */
    int yStride() {
        return 2 * bins * channels * sources;
    }

    /** Doubles of v per frame. */
    int vStride() {
        return bins * sources;
    }

    /** Key of a (track, group) pair, the unit of the statistics. */
    static long groupKey(int track, int group) {
        return ((long) track << 32) | (group & 0xffffffffL);
    }

    static int trackOf(long key) {
        return (int) (key >>> 32);
    }

    static int groupOf(long key) {
        return (int) key;
    }

    /** Key of a (track, block) pair, ordered as the track's audio. */
    static long blockKey(int track, int block) {
        return ((long) track << 32) | (block & 0xffffffffL);
    }

    long blockKey() {
        return blockKey(track, block);
    }
}
