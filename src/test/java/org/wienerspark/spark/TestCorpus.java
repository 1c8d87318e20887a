package org.wienerspark.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavFormat;
import org.wienerspark.io.WavWriter;

/** Small synthetic corpora in the MUSDB layout, written as float64 WAV (no quantisation). */
public final class TestCorpus {

    private TestCorpus() {
    }

    /**
     * Writes one track: {@code sources} random-ish stems (decaying tones plus noise, each with
     * its own stereo image), their mixture times {@code gain} and leaky estimates.
     */
    public static void track(Path root, String name, int channels, int samples, int sources, double gain, long seed)
            throws IOException {
        SplittableRandom rnd = new SplittableRandom(seed);
        double[][] stems = new double[sources][samples * channels];
        for (int j = 0; j < sources; j++) {
            double f = 200 + 350 * j + 50 * rnd.nextDouble();
            for (int i = 0; i < samples; i++) {
                double tone = Math.sin(2 * Math.PI * f * i / 8000.0) * Math.exp(-((i / 900) % 3) * 0.7);
                for (int c = 0; c < channels; c++) {
                    double pan = 0.5 + 0.4 * Math.sin(j + 2.0 * c);
                    stems[j][i * channels + c] = gain * (0.3 * pan * tone + 0.05 * (rnd.nextDouble() - 0.5));
                }
            }
        }
        double[] mix = new double[samples * channels];
        for (double[] s : stems) {
            for (int i = 0; i < mix.length; i++) {
                mix[i] += s[i];
            }
        }
        write(root.resolve("mixtures/" + name + "/mixture.wav"), mix, channels);
        for (int j = 0; j < sources; j++) {
            double[] e = new double[mix.length];
            for (int i = 0; i < e.length; i++) {
                e[i] = 0.8 * stems[j][i] + 0.2 * (mix[i] - stems[j][i]) / Math.max(1, sources - 1);
            }
            write(root.resolve("estimates/" + name + "/s" + j + ".wav"), e, channels);
        }
    }

    public static void write(Path file, double[] samples, int channels) throws IOException {
        Configuration conf = new Configuration();
        try (WavWriter w = Wav.writer(conf, new org.apache.hadoop.fs.Path(file.toUri()), channels, 8000,
                WavFormat.FLOAT_64, samples.length / channels)) {
            w.append(samples, 0, samples.length / channels);
        }
    }
}
