package org.wienerspark.separation;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.wienerspark.core.LocalGaussianModel;
import org.wienerspark.core.PosteriorMean;
import org.wienerspark.core.SpatialCovariance;

/**
 * One pass of the EM loop over the blocks of one partition, in (track, block) order, lazily, a
 * block at a time.
 *
 * <p>Each block's estimates y are those it was loaded with (the first pass, no models) or the
 * map of an EM iteration: {@code y = v R Cxx^-1 x} from x, the block's v and its groups' models.
 * Fused into the same pass, the statistics of the next iteration ({@code sum y y^H} and
 * {@code sum v} per (track, group), over owned frames) are accumulated, and the block leaves
 * with x and {@code v = mean_c |y|^2} only: what the next map needs. So one EM iteration is one
 * aggregation (of these partials) and one map, and y is never stored.
 *
 * <p>One accumulator per open (track, group): blocks arrive in order, so a group is finished
 * once a block starts past it; its partial rides on the block that finished it, or on a
 * carrier block at the end of the partition. The last pass of a run ({@code statistics}
 * false) is the map alone: blocks come out with their new estimates, for the write stage.
 */
final class EmPass implements Iterator<BlockRecord> {

    private final int partition;
    private final Iterator<BlockRecord> in;
    /** The models of this iteration, or null for the first pass (loaded blocks). */
    private final Map<Long, GroupModel> models;
    private final Set<Integer> skip;
    private final double eps;
    private final boolean single;
    private final boolean statistics;
    private final Map<Long, SpatialCovariance> open = new LinkedHashMap<>();
    private final Map<Long, PosteriorMean> separators = new HashMap<>();
    /** y of the block in hand, reused from block to block when it does not leave the pass. */
    private double[] scratch = new double[0];
    private BlockRecord pending;
    private boolean closed;

    /**
     * @param partition  the partition's index, the order in which partials are merged
     * @param models     the models of every (track, group) of the partition's blocks, or null
     * @param skip       tracks already failed: their blocks are dropped
     * @param single     store x and v in float32
     * @param statistics whether to accumulate the next iteration's statistics (else: last map)
     */
    EmPass(int partition, Iterator<BlockRecord> in, Map<Long, GroupModel> models, Set<Integer> skip, double eps,
           boolean single, boolean statistics) {
        this.partition = partition;
        this.in = in;
        this.models = models;
        this.skip = skip;
        this.eps = eps;
        this.single = single;
        this.statistics = statistics;
    }

    @Override
    public boolean hasNext() {
        while (pending == null && in.hasNext()) {
            pending = process(in.next());
        }
        if (pending == null && !closed) {
            closed = true;
            if (!open.isEmpty()) {
                pending = new PartialsCarrier(finish(Long.MAX_VALUE));
            }
        }
        return pending != null;
    }

    @Override
    public BlockRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        BlockRecord b = pending;
        pending = null;
        return b;
    }

    /** The block after this pass, or null when it is dropped (carriers: their partials were read). */
    private BlockRecord process(BlockRecord r) {
        if (r instanceof PartialsCarrier) {
            return null;
        }
        if (r instanceof FailedBlock f) {
            // Only loaded blocks can have failed: hand the failure to the aggregation.
            return !skip.contains(f.track) && statistics && models == null ? f.asPartial(partition) : null;
        }
        FrameBlock b = (FrameBlock) r;
        if (skip.contains(b.track)) {
            return null;
        }
        double[] y;
        if (models == null) {
            y = b.y();
        } else {
            GroupModel first = models.get(FrameBlock.groupKey(b.track, b.group(b.ownedStart)));
            if (first == null || first.failure != null) {
                return null;
            }
            y = statistics ? scratch(b.frames * b.yStride()) : new double[b.frames * b.yStride()];
            map(b, y);
        }
        if (!statistics) {
            return b.withEstimates(y);
        }
        GroupStats[] done = finish(FrameBlock.groupKey(b.track, b.group(b.ownedStart)));
        double[] v = new double[b.frames * b.vStride()];
        // v of the owned frames comes with their statistics; the halos' (owned by the
        // neighbours, same rounding) on their own.
        int o0 = b.ownedStart - b.heldStart;
        int o1 = b.ownedEnd - b.heldStart;
        LocalGaussianModel.powerSpectralDensity(y, 0, o0 * b.bins, b.channels, b.sources, v, 0);
        int t = b.ownedStart;
        while (t < b.ownedEnd) {
            int g = b.group(t);
            int end = b.emWindow > 0 ? Math.min(b.ownedEnd, (g + 1) * b.emWindow) : b.ownedEnd;
            open.computeIfAbsent(FrameBlock.groupKey(b.track, g),
                    k -> new SpatialCovariance(b.bins, b.channels, b.sources))
                    .add(y, (t - b.heldStart) * b.yStride(), end - t, v, (t - b.heldStart) * b.vStride());
            t = end;
        }
        LocalGaussianModel.powerSpectralDensity(y, o1 * b.yStride(), (b.frames - o1) * b.bins, b.channels,
                b.sources, v, o1 * b.vStride());
        return b.withPsd(single, v, done);
    }

    /** The EM map of a block's held frames into y, each frame with its group's model. */
    private void map(FrameBlock b, double[] y) {
        PosteriorMean sep = separators.computeIfAbsent(((long) b.channels << 32) | b.sources,
                k -> new PosteriorMean(b.channels, b.sources));
        double[] x = b.x();
        double[] v = b.v();
        int t = 0;
        while (t < b.frames) {
            int g = b.group(b.heldStart + t);
            int end = b.emWindow > 0 ? Math.min(b.frames, (g + 1) * b.emWindow - b.heldStart) : b.frames;
            GroupModel m = models.get(FrameBlock.groupKey(b.track, g));
            sep.separateFromPsd(m.r, b.bins, eps, x, t * b.xStride(), v, t * b.vStride(), y, t * b.yStride(),
                    end - t);
            t = end;
        }
    }

    /** The partials of the open groups whose key is below {@code key}, closed. */
    private GroupStats[] finish(long key) {
        List<GroupStats> done = new ArrayList<>();
        for (Iterator<Map.Entry<Long, SpatialCovariance>> e = open.entrySet().iterator(); e.hasNext(); ) {
            Map.Entry<Long, SpatialCovariance> entry = e.next();
            if (entry.getKey() < key) {
                done.add(GroupStats.of(entry.getKey(), partition, entry.getValue()));
                e.remove();
            }
        }
        return done.toArray(new GroupStats[0]);
    }

    private double[] scratch(int length) {
        if (scratch.length < length) {
            scratch = new double[length];
        }
        return scratch;
    }
}
