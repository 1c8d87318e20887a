package org.wienerspark.dsp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SquaredWindowSumTest {

    /**
     * The division takes a tabulated sum in the interior and sums the frames at the edges; every
     * sample must get exactly the sum {@code at(p, total)} gives, for ranges that start and end
     * in the edges, in the interior, and for tracks too short to have an interior.
     */
    @Test
    void divideUsesTheSumOfItsOwnFramesAtEverySample() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[][] settings = {{16, 4}, {16, 9}, {64, 24}, {4096, 1024}, {1024, 300}};
        for (int[] s : settings) {
            int nFft = s[0];
            int hop = s[1];
            Stft stft = new Stft(nFft, hop);
            SquaredWindowSum norm = new SquaredWindowSum(nFft, hop, stft.window());
            for (int length : new int[] {nFft / 2 + 1, nFft, 3 * nFft + 5, 20 * nFft}) {
                int total = stft.frames(length);
                for (int channels = 1; channels <= 3; channels++) {
                    for (int trial = 0; trial < 6; trial++) {
                        int s0 = trial == 0 ? 0 : rnd.nextInt(length);
                        int s1 = trial == 0 ? length : s0 + rnd.nextInt(length - s0 + 1);
                        double[] out = new double[(s1 - s0) * channels];
                        for (int i = 0; i < out.length; i++) {
                            out[i] = rnd.nextDouble() - 0.5;
                        }
                        double[] in = out.clone();
                        norm.divide(out, channels, s0, s1, total);
                        for (int p = s0; p < s1; p++) {
                            double expected = norm.at(p, total);
                            for (int c = 0; c < channels; c++) {
                                int i = (p - s0) * channels + c;
                                assertEquals(in[i] / expected, out[i], 0.0, "nFft " + nFft + ", hop " + hop + ", length "
                                        + length + ", channels " + channels + ", [" + s0 + ", " + s1 + "), sample " + p);
                            }
                        }
                    }
                }
            }
        }
    }
}
