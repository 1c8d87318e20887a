package org.wienerspark.job;

import java.io.Serializable;

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
 * <p>Arrays follow the core layout: x (frames, B, C) and y (frames, B, C, S) complex,
 * interleaved; both already divided by their group's scale when EM runs. With
 * {@code --precision float} they are stored as float32 (half the bytes cached between stages)
 * and widened to double by {@link #x()} and {@link #y()} for the kernels. Instances are not
 * modified once built: each stage makes a new block.
 */
public final class FrameBlock implements Serializable {

    private static final long serialVersionUID = 1L;

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
    /** x and y in double, or null when stored in float32 ({@link #xf}, {@link #yf}). */
    private final double[] x;
    private final double[] y;
    private final float[] xf;
    private final float[] yf;
    /** When loading failed: the file at fault and why (then x and y are null). */
    final String errorFile;
    final String error;

    FrameBlock(int track, int block, int heldStart, int frames, int ownedStart, int ownedEnd, int bins, int channels,
               int sources, int emWindow, double[] scales, double[] x, double[] y) {
        this(track, block, heldStart, frames, ownedStart, ownedEnd, bins, channels, sources, emWindow, scales, x, y,
                null, null);
    }

    /** A block storing x and y in float32 ({@code single}) or double. */
    static FrameBlock of(boolean single, int track, int block, int heldStart, int frames, int ownedStart, int ownedEnd,
                         int bins, int channels, int sources, int emWindow, double[] scales, double[] x, double[] y) {
        return single
                ? new FrameBlock(track, block, heldStart, frames, ownedStart, ownedEnd, bins, channels, sources,
                        emWindow, scales, null, null, narrow(x), narrow(y))
                : new FrameBlock(track, block, heldStart, frames, ownedStart, ownedEnd, bins, channels, sources,
                        emWindow, scales, x, y);
    }

    private FrameBlock(int track, int block, int heldStart, int frames, int ownedStart, int ownedEnd, int bins,
                       int channels, int sources, int emWindow, double[] scales, double[] x, double[] y, float[] xf,
                       float[] yf) {
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
        this.y = y;
        this.xf = xf;
        this.yf = yf;
        this.errorFile = null;
        this.error = null;
    }

    private FrameBlock(int track, int block, String errorFile, String error) {
        this.track = track;
        this.block = block;
        this.heldStart = this.frames = this.ownedStart = this.ownedEnd = 0;
        this.bins = this.channels = this.sources = this.emWindow = 0;
        this.scales = null;
        this.x = null;
        this.y = null;
        this.xf = null;
        this.yf = null;
        this.errorFile = errorFile;
        this.error = error;
    }

    /** A block whose inputs could not be loaded: it fails its track. */
    static FrameBlock failed(int track, int block, String errorFile, String error) {
        return new FrameBlock(track, block, errorFile, error);
    }

    boolean isFailed() {
        return error != null;
    }

    /** The same block with new estimates, stored in the block's precision. */
    FrameBlock withY(double[] newY) {
        return new FrameBlock(track, block, heldStart, frames, ownedStart, ownedEnd, bins, channels, sources,
                emWindow, scales, x, xf == null ? newY : null, xf, xf == null ? null : narrow(newY));
    }

    /** Whether x and y are stored in float32. */
    boolean single() {
        return xf != null;
    }

    /** x (frames, B, C) complex in double: the stored array, or a new widened copy. */
    double[] x() {
        return x != null ? x : widen(xf);
    }

    /** y (frames, B, C, S) complex in double: the stored array, or a new widened copy. */
    double[] y() {
        return y != null ? y : widen(yf);
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
        return emWindow > 0 ? frame / emWindow : 0;
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
