package org.wienerspark.dsp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;

class StftTest {

    /** Round-trip and direct-DFT tolerance (signals of amplitude ~1). */
    private static final double TOL = 1e-12;
    private static final long SEED = 20240503L;

    /** (nFft, hop): powers of two (split radix), 1000 and 1536 (mixed radix), 422 (Bluestein), hop = nFft/2 + 1. */
    private static final int[][] SETTINGS = {{16, 4}, {16, 9}, {64, 16}, {422, 100}, {1000, 250}, {1536, 384}, {512, 200}};
    /** Block tests add 8192, from which JTransforms splits a power-of-two transform over threads. */
    private static final int[][] BLOCK_SETTINGS = {{16, 4}, {16, 9}, {64, 16}, {422, 100}, {1000, 250}, {1536, 384},
        {512, 200}, {8192, 2048}};

    @Test
    void istftInvertsStft() {
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int[] s : SETTINGS) {
            Stft stft = new Stft(s[0], s[1]);
            for (int channels = 1; channels <= 3; channels++) {
                for (int length : new int[] {s[0] / 2 + 1, s[0] - 1, s[0] + 1, 3 * s[0] + 7, 4099}) {
                    RealTensor x = signal(rnd, length, channels);
                    RealTensor back = stft.inverse(stft.forward(x), length);
                    assertClose(x.data(), back.data(), TOL, "nFft=" + s[0] + " hop=" + s[1] + " C=" + channels
                            + " length=" + length);
                }
            }
        }
    }

    @Test
    void forwardMatchesDirectDftOfReflectPaddedFrames() {
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int[] s : SETTINGS) {
            int nFft = s[0];
            int hop = s[1];
            Stft stft = new Stft(nFft, hop);
            int channels = 2;
            int length = 2 * nFft + 3;
            RealTensor x = signal(rnd, length, channels);
            double[] got = stft.forward(x).data();
            double[] expected = directStft(x.data(), length, channels, nFft, hop);
            assertEquals(expected.length, got.length);
            assertClose(expected, got, TOL * nFft, "nFft=" + nFft + " hop=" + hop);
        }
    }

    @Test
    void shapesFollowTheConvention() {
        Stft stft = new Stft(4096, 1024);
        ComplexTensor x = stft.forward(RealTensor.zeros(47101, 2));
        assertArrayEquals(new int[] {46, 2049, 2}, x.shape());
        assertEquals(1 + 47101 / 1024, stft.frames(47101));
        assertEquals(2049, stft.bins());
        assertEquals(3, stft.halo());
        // Short tracks count the frames of their zero extension to nFft/2 + 1 samples.
        assertEquals(1 + 2049 / 1024, stft.frames(1));
        assertEquals(1 + 2049 / 1024, stft.frames(0));
    }

    @Test
    void forwardAndInverseDoNotModifyTheirInputs() {
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        Stft stft = new Stft(64, 16);
        RealTensor x = signal(rnd, 200, 2);
        RealTensor xCopy = x.copy();
        ComplexTensor spec = stft.forward(x);
        ComplexTensor specCopy = spec.copy();
        stft.inverse(spec, 200);
        assertEquals(xCopy, x);
        assertEquals(specCopy, spec);
    }

    @Test
    void shortTracksAreZeroExtendedAndRoundTripExactly() {
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (int[] s : new int[][] {{16, 4}, {64, 16}, {1000, 250}, {4096, 1024}}) {
            Stft stft = new Stft(s[0], s[1]);
            int half = s[0] / 2;
            for (int length : new int[] {0, 1, 2, 10, half - 1, half, half + 1, s[0] - 1}) {
                for (int channels = 1; channels <= 3; channels++) {
                    RealTensor x = signal(rnd, length, channels);
                    ComplexTensor spec = stft.forward(x);
                    String what = "nFft=" + s[0] + " length=" + length + " C=" + channels;
                    assertClose(x.data(), stft.inverse(spec, length).data(), TOL, what);
                    if (length <= half) {
                        // The documented definition: the STFT of the track zero-extended to nFft/2 + 1.
                        RealTensor extended = new RealTensor(new int[] {half + 1, channels},
                                Arrays.copyOf(x.data(), (half + 1) * channels));
                        assertArrayEquals(stft.forward(extended).data(), spec.data(), what);
                    }
                }
            }
        }
    }

    @Test
    void blockFramesEqualWholeTrackFrames() {
        SplittableRandom rnd = new SplittableRandom(SEED + 4);
        for (int[] s : BLOCK_SETTINGS) {
            Stft stft = new Stft(s[0], s[1]);
            for (int length : new int[] {1, s[0] / 2, s[0] - 1, 5 * s[0] + 13}) {
                int channels = 1 + length % 3;
                RealTensor x = signal(rnd, length, channels);
                double[] whole = stft.forward(x).data();
                int frames = stft.frames(length);
                int perFrame = 2 * stft.bins() * channels;
                for (int block : new int[] {1, 2, 3, 7, frames}) {
                    for (int a = 0; a < frames; a += block) {
                        int b = Math.min(frames, a + block);
                        Range need = stft.samplesForFrames(length, a, b);
                        double[] samples = Arrays.copyOfRange(x.data(), need.start() * channels, need.end() * channels);
                        double[] out = new double[(b - a) * perFrame];
                        stft.forwardFrames(samples, need.start(), channels, length, a, b, out);
                        assertArrayEquals(Arrays.copyOfRange(whole, a * perFrame, b * perFrame), out,
                                "nFft=" + s[0] + " hop=" + s[1] + " length=" + length + " frames [" + a + ", " + b + ")");
                    }
                }
            }
        }
    }

    @Test
    void samplesForFramesIsTheExactSetOfSamplesRead() {
        // Each frame reads sample i with a nonzero weight or not at all; check the range against
        // a brute-force reflection of every padded index.
        Stft stft = new Stft(16, 5);
        for (int length = 0; length < 60; length++) {
            int extended = Math.max(length, 9);
            int frames = stft.frames(length);
            for (int a = 0; a < frames; a++) {
                for (int b = a + 1; b <= frames; b++) {
                    int lo = Integer.MAX_VALUE;
                    int hi = -1;
                    for (int t = a; t < b; t++) {
                        for (int k = 0; k < 16; k++) {
                            int i = t * 5 + k - 8;
                            i = i < 0 ? -i : i >= extended ? 2 * (extended - 1) - i : i;
                            if (i < length) {
                                lo = Math.min(lo, i);
                                hi = Math.max(hi, i);
                            }
                        }
                    }
                    Range r = stft.samplesForFrames(length, a, b);
                    if (hi < 0) {
                        assertTrue(r.isEmpty(), "length " + length + " frames [" + a + ", " + b + ") read " + r);
                    } else {
                        assertEquals(new Range(lo, hi + 1), r, "length " + length + " frames [" + a + ", " + b + ")");
                    }
                }
            }
        }
    }

    @Test
    void blockInverseWithHaloEqualsWholeTrackInverse() {
        SplittableRandom rnd = new SplittableRandom(SEED + 5);
        for (int[] s : BLOCK_SETTINGS) {
            Stft stft = new Stft(s[0], s[1]);
            for (int length : new int[] {1, s[0] / 2, s[0] - 1, 5 * s[0] + 13}) {
                int channels = 1 + length % 3;
                int frames = stft.frames(length);
                int perFrame = 2 * stft.bins() * channels;
                // Any spectrogram, not only a consistent one: the inverse must agree on all inputs.
                double[] spec = new double[frames * perFrame];
                for (int i = 0; i < spec.length; i++) {
                    spec[i] = rnd.nextGaussian();
                }
                double[] whole = stft.inverse(new ComplexTensor(new int[] {frames, stft.bins(), channels}, spec), length)
                        .data();
                for (int block : new int[] {1, 2, 3, 7, frames}) {
                    int covered = 0;
                    for (int a = 0; a < frames; a += block) {
                        int b = Math.min(frames, a + block);
                        Range owned = stft.ownedSamples(length, a, b);
                        Range halo = stft.haloFrames(length, a, b);
                        String what = "nFft=" + s[0] + " hop=" + s[1] + " length=" + length + " frames [" + a + ", " + b + ")";
                        assertEquals(covered, owned.start(), what + ": owned samples do not tile the track");
                        covered = owned.end();
                        assertTrue(halo.contains(stft.framesForSamples(length, owned.start(), owned.end())), what);
                        double[] frameBlock = Arrays.copyOfRange(spec, halo.start() * perFrame, halo.end() * perFrame);
                        double[] out = new double[owned.length() * channels];
                        stft.inverseSamples(frameBlock, halo.start(), channels, length, owned.start(), owned.end(), out);
                        assertArrayEquals(Arrays.copyOfRange(whole, owned.start() * channels, owned.end() * channels), out,
                                what);
                    }
                    assertEquals(length, covered, "owned samples end before the track does");
                }
            }
        }
    }

    @Test
    void rejectsSettingsThatCannotReconstruct() {
        assertMessage(() -> new Stft(15, 4), "nFft=15");
        assertMessage(() -> new Stft(14, 4), "nFft=14");
        assertMessage(() -> new Stft(16, 0), "hop=0");
        assertMessage(() -> new Stft(16, 17), "hop=17");
        assertMessage(() -> new Stft(16, 10), "nFft=16, hop=10 cannot reconstruct");
        assertMessage(() -> new Stft(16, 16), "nFft=16, hop=16 cannot reconstruct");
    }

    @Test
    void acceptsExactlyTheHopsWhoseWindowSumIsNonzeroOnEveryTrack() {
        for (int nFft : new int[] {16, 18, 20, 24}) {
            for (int hop = 1; hop <= nFft; hop++) {
                boolean reconstructs = true;
                for (int length = 0; length < 8 * nFft && reconstructs; length++) {
                    reconstructs = windowSumNonzero(nFft, hop, length);
                }
                boolean accepted;
                try {
                    new Stft(nFft, hop);
                    accepted = true;
                } catch (IllegalArgumentException e) {
                    accepted = false;
                }
                assertEquals(reconstructs, accepted, "nFft=" + nFft + " hop=" + hop);
            }
        }
    }

    @Test
    void rejectsBlocksThatMissNeededSamplesOrFrames() {
        SplittableRandom rnd = new SplittableRandom(SEED + 6);
        Stft stft = new Stft(64, 16);
        int length = 500;
        RealTensor x = signal(rnd, length, 2);
        Range need = stft.samplesForFrames(length, 5, 9);
        double[] short1 = Arrays.copyOfRange(x.data(), need.start() * 2, (need.end() - 1) * 2);
        assertMessage(() -> stft.forwardFrames(short1, need.start(), 2, length, 5, 9, new double[4 * 33 * 2 * 2]),
                "need " + need);

        int frames = stft.frames(length);
        double[] spec = stft.forward(x).data();
        int perFrame = 2 * 33 * 2;
        Range needFrames = stft.framesForSamples(length, 100, 200);
        double[] missing = Arrays.copyOfRange(spec, (needFrames.start() + 1) * perFrame, needFrames.end() * perFrame);
        assertMessage(() -> stft.inverseSamples(missing, needFrames.start() + 1, 2, length, 100, 200, new double[200]),
                "need frames " + needFrames);
        assertMessage(() -> stft.forwardFrames(x.data(), 0, 2, length, 0, frames + 1, new double[0]), "outside");
        assertMessage(() -> stft.inverse(new ComplexTensor(new int[] {frames - 1, 33, 2},
                new double[(frames - 1) * perFrame]), length), "axis 0 = " + frames);
    }

    // ---------------------------------------------------------------- helpers

    private static RealTensor signal(SplittableRandom rnd, int length, int channels) {
        double[] d = new double[length * channels];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextDouble(-1, 1);
        }
        return new RealTensor(new int[] {length, channels}, d);
    }

    /** Textbook STFT: explicit reflect-padded copy, periodic Hann, O(nFft^2) DFT per frame. */
    private static double[] directStft(double[] x, int length, int channels, int nFft, int hop) {
        int half = nFft / 2;
        int bins = half + 1;
        double[] padded = new double[(length + nFft) * channels];
        for (int j = 0; j < length + nFft; j++) {
            int i = j - half;
            i = i < 0 ? -i : i >= length ? 2 * (length - 1) - i : i;
            System.arraycopy(x, i * channels, padded, j * channels, channels);
        }
        int frames = 1 + length / hop;
        double[] out = new double[2 * frames * bins * channels];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                for (int c = 0; c < channels; c++) {
                    double re = 0;
                    double im = 0;
                    for (int n = 0; n < nFft; n++) {
                        double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * n / nFft);
                        double v = w * padded[(t * hop + n) * channels + c];
                        double angle = 2 * Math.PI * (((long) k * n) % nFft) / nFft;
                        re += v * Math.cos(angle);
                        im -= v * Math.sin(angle);
                    }
                    int e = 2 * ((t * bins + k) * channels + c);
                    out[e] = re;
                    out[e + 1] = im;
                }
            }
        }
        return out;
    }

    /** Whether every sample of a track is under a nonzero window value of some frame. */
    private static boolean windowSumNonzero(int nFft, int hop, int length) {
        int half = nFft / 2;
        int frames = 1 + Math.max(length, half + 1) / hop;
        for (int p = 0; p < length; p++) {
            boolean covered = false;
            for (int t = 0; t < frames && !covered; t++) {
                int k = p + half - t * hop;
                covered = k >= 1 && k <= nFft - 1;
            }
            if (!covered) {
                return false;
            }
        }
        return true;
    }

    private static void assertClose(double[] expected, double[] actual, double tol, String what) {
        assertEquals(expected.length, actual.length, what + ": size");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(expected[i] - actual[i]);
            assertTrue(err <= tol, what + ": index " + i + " differs by " + err);
        }
    }

    private static void assertMessage(Runnable r, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }
}
