package org.wienerspark.dsp;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;

/** The batched STFT (RealFft) against the same STFT through JTransforms, frame by frame. */
class StftEnginesTest {

    @Test
    void batchedAndJTransformsStftsAgreeToRounding() {
        SplittableRandom rnd = new SplittableRandom(12);
        for (int[] s : new int[][] {{16, 4}, {64, 33}, {1024, 256}, {4096, 1024}, {8192, 2048}}) {
            for (int channels = 1; channels <= 3; channels++) {
                for (int length : new int[] {s[0] / 2 + 1, 3 * s[0] + 5, 20 * s[1] + 3}) {
                    RealTensor x = RealTensor.zeros(length, channels);
                    double[] d = x.data();
                    for (int i = 0; i < d.length; i++) {
                        d[i] = 2 * rnd.nextDouble() - 1;
                    }
                    Stft fast = new Stft(s[0], s[1]);
                    Stft oracle = Stft.withJTransforms(s[0], s[1]);
                    ComplexTensor a = fast.forward(x);
                    ComplexTensor b = oracle.forward(x);
                    String what = "nFft=" + s[0] + " hop=" + s[1] + " C=" + channels + " length=" + length;
                    assertClose(b.data(), a.data(), 1e-13, "forward " + what);
                    assertClose(oracle.inverse(b, length).data(), fast.inverse(b, length).data(), 1e-13,
                            "inverse " + what);
                }
            }
        }
    }

    private static void assertClose(double[] expected, double[] actual, double rel, String what) {
        double peak = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            peak = Math.max(peak, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(err <= rel * peak, what + ": max error " + err + " over peak " + peak);
    }
}
