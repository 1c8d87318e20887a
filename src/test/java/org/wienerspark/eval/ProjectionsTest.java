package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The projections against direct convolution with the filters, and the energies against the
 * sums over the projections, for one inverse batch of sources and for several (more sources
 * than one batch of 16 output lanes holds: stereo beyond 4 sources, 3 channels beyond 2).
 */
class ProjectionsTest {

    @ParameterizedTest(name = "sources={0}, channels={1}, frame={2}, taps={3}")
    @CsvSource({"4, 2, 9001, 64", "5, 2, 4500, 64", "3, 3, 5000, 33", "1, 1, 3000, 16", "9, 1, 4097, 8"})
    void projectionsAreTheDirectConvolutionOfTheFramesReferences(int s, int ch, int frame, int taps) {
        SplittableRandom rnd = new SplittableRandom(s * 31L + ch);
        int n = frame + 700;
        double[] x = BssEvalV4Test.noise(rnd, s, n, ch);
        double[] e = BssEvalV4Test.noise(rnd, s, n, ch);
        DistortionFilters f = fit(x, e, s, n, ch, taps);
        double[] ref = BssEvalV4.slice(x, s, n, ch, 300, frame);
        int outLen = frame + taps - 1;
        double[] all = new double[s * outLen * ch];
        double[] own = new double[s * outLen * ch];
        new Projections(f).project(ref, frame, all, own);
        for (int j = 0; j < s; j++) {
            double[] cAll = f.interference(j);
            double[] cOwn = f.spatial(j);
            for (int c = 0; c < ch; c++) {
                for (int t = 0; t < outLen; t += 41) {
                    double a = 0;
                    double o = 0;
                    for (int p = 0; p < s * ch; p++) {
                        for (int d = 0; d < taps; d++) {
                            int i = t - d;
                            if (i >= 0 && i < frame) {
                                double v = ref[((p / ch) * frame + i) * ch + p % ch];
                                a += cAll[(p * taps + d) * ch + c] * v;
                                if (p / ch == j) {
                                    o += cOwn[((p % ch) * taps + d) * ch + c] * v;
                                }
                            }
                        }
                    }
                    assertEquals(a, all[(j * outLen + t) * ch + c], 1e-10, "P_all, source " + j + ", t " + t);
                    assertEquals(o, own[(j * outLen + t) * ch + c], 1e-10, "P_j, source " + j + ", t " + t);
                }
            }
        }
    }

    @ParameterizedTest(name = "sources={0}, channels={1}, frame={2}, taps={3}")
    @CsvSource({"4, 2, 9001, 64", "5, 2, 4500, 64", "3, 3, 5000, 33", "1, 1, 3000, 16", "9, 1, 4097, 8",
            "2, 2, 3000, 512"})
    void energiesAreBitwiseTheSumsOverTheProjections(int s, int ch, int frame, int taps) {
        SplittableRandom rnd = new SplittableRandom(s * 57L + ch);
        int n = frame + 1000;
        int from = 500;
        double[] x = BssEvalV4Test.noise(rnd, s, n, ch);
        double[] e = BssEvalV4Test.noise(rnd, s, n, ch);
        DistortionFilters f = fit(x, e, s, n, ch, taps);
        Projections projections = new Projections(f);
        double[] sums = new double[7 * s];
        // Twice: the second frame must not see the first's tails.
        projections.energies(x, e, n, 0, frame / 3, sums);
        projections.energies(x, e, n, from, frame, sums);
        double[] ref = BssEvalV4.slice(x, s, n, ch, from, frame);
        double[] est = BssEvalV4.slice(e, s, n, ch, from, frame);
        int outLen = frame + taps - 1;
        double[] all = new double[s * outLen * ch];
        double[] own = new double[s * outLen * ch];
        projections.project(ref, frame, all, own);
        for (int j = 0; j < s; j++) {
            double[] expected = new double[7];
            for (int t = 0; t < outLen; t++) {
                for (int c = 0; c < ch; c++) {
                    int i = (j * outLen + t) * ch + c;
                    double sv = t < frame ? ref[(j * frame + t) * ch + c] : 0.0;
                    double ev = t < frame ? est[(j * frame + t) * ch + c] : 0.0;
                    double eSpat = own[i] - sv;
                    double eInterf = all[i] - sv - eSpat;
                    double eArtif = -sv - eSpat - eInterf + ev;
                    double eTotal = eSpat + eInterf + eArtif;
                    double sImage = sv + eSpat;
                    double sTarget = sv + eSpat + eInterf;
                    expected[0] += sv * sv;
                    expected[1] += eTotal * eTotal;
                    expected[2] += eSpat * eSpat;
                    expected[3] += sImage * sImage;
                    expected[4] += eInterf * eInterf;
                    expected[5] += sTarget * sTarget;
                    expected[6] += eArtif * eArtif;
                }
            }
            for (int m = 0; m < 7; m++) {
                assertEquals(Double.doubleToRawLongBits(expected[m]), Double.doubleToRawLongBits(sums[7 * j + m]),
                        "energy " + m + " of source " + j + ": " + expected[m] + " against " + sums[7 * j + m]);
            }
        }
    }

    private static DistortionFilters fit(double[] x, double[] e, int s, int n, int ch, int taps) {
        CrossCorrelations xc = new CrossCorrelations(s, ch, taps);
        xc.add(x, e, n);
        return DistortionFilters.fit(xc.finish());
    }
}
