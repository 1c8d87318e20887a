package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.wienerspark.testing.Tolerance.OF_PEAK;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.wienerspark.spark.Failure;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.ExpectationMaximization;
import org.wienerspark.core.LocalGaussianModel;
import org.wienerspark.core.SpatialCovariance;

/**
 * The fused EM pass without Spark: blocks of one track split over partitions, their partials
 * merged, give the whole track's statistics; blocks leave with v; the last pass gives the
 * core's EM estimates.
 */
class EmPassTest {

    static final int FRAMES = 10;
    static final int BINS = 5;
    static final int C = 2;
    static final int S = 3;
    static final double EPS = 1e-6;
    /** Owned ranges of the three blocks; each holds one halo frame on either side. */
    static final int[][] OWNED = {{0, 4}, {4, 7}, {7, 10}};

    final double[] x = random(1, 2 * FRAMES * BINS * C);
    final double[] y = random(2, 2 * FRAMES * BINS * C * S);

    @Test
    void partialsOfAllPartitionsMakeTheWholeTracksStatisticsAndBlocksKeepV() {
        List<BlockRecord> first = new ArrayList<>();
        first.addAll(pass(0, List.of(block(0), block(1)), null, true));
        first.addAll(pass(1, List.of(block(2)), null, true));
        // Partition 0: two blocks and a carrier; partition 1: one block and a carrier.
        assertEquals(5, first.size());
        assertTrue(first.get(2) instanceof PartialsCarrier);
        assertTrue(first.get(4) instanceof PartialsCarrier);
        assertEquals(0, first.get(0).partials().length, "the group is still open after block 0");

        double[] r = model(first).r;
        double[] whole = new SpatialCovariance(BINS, C, S).add(y, 0, FRAMES).covariances(EPS);
        assertClose(whole, r, 1e-13);

        for (BlockRecord rec : first) {
            if (!(rec instanceof FrameBlock b)) {
                continue;
            }
            assertFalse(b.hasEstimates(), "y is not kept between iterations");
            double[] v = new double[b.frames * BINS * S];
            LocalGaussianModel.powerSpectralDensity(y, b.heldStart * 2 * BINS * C * S, b.frames * BINS, C, S, v, 0);
            assertEquals(Arrays.toString(v), Arrays.toString(b.v()));
        }
    }

    @Test
    void lastPassGivesTheCoresEmEstimates() {
        List<BlockRecord> state = new ArrayList<>();
        state.addAll(pass(0, List.of(block(0)), null, true));
        state.addAll(pass(1, List.of(block(1), block(2)), null, true));
        Map<Long, GroupModel> models = Map.of(FrameBlock.groupKey(0, 0), model(state));
        // An iteration with statistics, then the last map.
        List<BlockRecord> second = new ArrayList<>(pass(0, state.subList(0, 2), models, true));
        second.addAll(pass(1, state.subList(2, state.size()), models, true));
        models = Map.of(FrameBlock.groupKey(0, 0), model(second));
        List<BlockRecord> last = pass(0, second, models, false);
        assertEquals(3, last.size(), "carriers are dropped, no new one");

        double[] expected = ExpectationMaximization.apply(new ComplexTensor(new int[] {FRAMES, BINS, C, S}, y),
                new ComplexTensor(new int[] {FRAMES, BINS, C}, x), 2, EPS).y().data();
        double peak = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        for (BlockRecord r : last) {
            FrameBlock b = (FrameBlock) r;
            double[] got = b.y();
            int off = b.heldStart * 2 * BINS * C * S;
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[off + i], got[i], OF_PEAK * peak, "block " + b.block + " element " + i);
            }
        }
    }

    @Test
    void aNewTracksBlockClosesTheGroupsOfTheTrackBefore() {
        FrameBlock other = FrameBlock.loaded(1, 0, 0, FRAMES, 0, FRAMES, BINS, C, S, 0, new double[] {1.0},
                x.clone(), y.clone());
        List<BlockRecord> out = pass(0, List.of(block(0), block(1), block(2), other), null, true);
        assertEquals(1, out.get(3).partials().length);
        assertEquals(FrameBlock.groupKey(0, 0), out.get(3).partials()[0].key);
        assertEquals(FrameBlock.groupKey(1, 0), out.get(4).partials()[0].key);
    }

    @Test
    void aFailedBlockHandsItsFailureToTheAggregationAndSkippedTracksAreDropped() {
        FailedBlock failed = new FailedBlock(0, 1, Failure.of("m.wav", "truncated"));
        List<BlockRecord> out = pass(0, List.of(block(0), failed, block(2)), null, true);
        GroupModel m = model(out);
        assertEquals(Failure.of("m.wav", "truncated"), m.failure);
        List<BlockRecord> none = new ArrayList<>();
        new EmPass(0, List.<BlockRecord>of(block(0), block(1)).iterator(), null, Set.of(0), EPS, false, true)
                .forEachRemaining(none::add);
        assertEquals(List.of(), none);
    }

    @Test
    void floatStorageNarrowsXAndV() {
        List<BlockRecord> out = new ArrayList<>();
        new EmPass(0, List.<BlockRecord>of(block(0)).iterator(), null, Set.of(), EPS, true, true)
                .forEachRemaining(out::add);
        double[] xs = ((FrameBlock) out.get(0)).x();
        for (int i = 0; i < xs.length; i++) {
            assertEquals((float) x[i], xs[i], 0.0);
        }
    }

    private FrameBlock block(int k) {
        int held0 = Math.max(0, OWNED[k][0] - 1);
        int held1 = Math.min(FRAMES, OWNED[k][1] + 1);
        int xs = 2 * BINS * C;
        int ys = xs * S;
        return FrameBlock.loaded(0, k, held0, held1 - held0, OWNED[k][0], OWNED[k][1], BINS, C, S, 0,
                new double[] {1.0}, Arrays.copyOfRange(x, held0 * xs, held1 * xs),
                Arrays.copyOfRange(y, held0 * ys, held1 * ys));
    }

    private static List<BlockRecord> pass(int partition, List<? extends BlockRecord> in,
                                          Map<Long, GroupModel> models, boolean statistics) {
        List<BlockRecord> out = new ArrayList<>();
        new EmPass(partition, List.<BlockRecord>copyOf(in).iterator(), models, Set.of(), EPS, false, statistics).forEachRemaining(out::add);
        return out;
    }

    /** The model of group (0, 0) from the partials on the blocks, as the aggregation merges them. */
    private static GroupModel model(List<BlockRecord> blocks) {
        List<GroupStats> partials = new ArrayList<>();
        for (BlockRecord b : blocks) {
            for (GroupStats p : b.partials()) {
                if (p.key == FrameBlock.groupKey(0, 0)) {
                    partials.add(p);
                }
            }
        }
        GroupModel m = GroupStats.merge(partials, EPS);
        assertNotNull(m);
        return m;
    }

    private static void assertClose(double[] expected, double[] actual, double relative) {
        double peak = Arrays.stream(expected).map(Math::abs).max().orElseThrow();
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * peak, "element " + i);
        }
    }

    private static double[] random(long seed, int n) {
        Random r = new Random(seed);
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = r.nextGaussian();
        }
        return a;
    }
}
