package org.wienerspark.demo;

import java.io.IOException;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavFormat;
import org.wienerspark.io.WavWriter;

/**
 * A small deterministic corpus that looks like a separation task: music-like synthetic stems
 * (vocals with vibrato, drums, bass, a chord pad), their mixture, and degraded "model
 * estimates" of each stem (leakage of the other stems, a little smearing and noise), in the
 * MUSDB layout:
 * {@code <root>/mixtures/<track>/mixture.wav}, {@code <root>/estimates/<track>/<source>.wav},
 * {@code <root>/references/<track>/<source>.wav}.
 */
public final class DemoCorpus {

    public static final List<String> SOURCES = List.of("vocals", "drums", "bass", "other");
    static final int RATE = 44100;

    private DemoCorpus() {
    }

    /** Writes {@code tracks} tracks of {@code seconds} seconds each. */
    public static void write(Configuration conf, String root, int tracks, double seconds) throws IOException {
        for (int k = 0; k < tracks; k++) {
            String name = String.format("demo-%02d", k + 1);
            int n = (int) Math.round(seconds * RATE);
            double[][] stems = stems(k, n);
            double[] mix = new double[2 * n];
            for (double[] s : stems) {
                for (int i = 0; i < mix.length; i++) {
                    mix[i] += s[i];
                }
            }
            write(conf, new Path(root, "mixtures/" + name + "/mixture.wav"), mix);
            SplittableRandom noise = new SplittableRandom(1000 + k);
            for (int j = 0; j < SOURCES.size(); j++) {
                write(conf, new Path(root, "references/" + name + "/" + SOURCES.get(j) + ".wav"), stems[j]);
                write(conf, new Path(root, "estimates/" + name + "/" + SOURCES.get(j) + ".wav"),
                        estimate(stems, j, noise));
            }
        }
    }

    /** Four stereo stems (vocals, drums, bass, other), interleaved, peak of the sum below 0.9. */
    static double[][] stems(int track, int n) {
        SplittableRandom rnd = new SplittableRandom(track * 7919L + 17);
        double[][] s = new double[4][2 * n];
        double beat = 60.0 / (96 + 8 * track);
        int[] scale = {0, 2, 4, 5, 7, 9, 11, 12};
        double root = 110.0 * Math.pow(2, (track % 5) / 12.0);
        // Bass: a note per beat, three harmonics, plucked envelope, centre.
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            int note = (int) (t / beat);
            double f = root / 2 * Math.pow(2, scale[(note * 3 + track) % 5] / 12.0);
            double tn = t - note * beat;
            double env = Math.exp(-3 * tn);
            double v = 0;
            for (int h = 1; h <= 3; h++) {
                v += Math.sin(2 * Math.PI * f * h * t) / h;
            }
            s[2][2 * i] = s[2][2 * i + 1] = 0.18 * env * v;
        }
        // Drums: kick on beats, snare on off-beats, hi-hat on eighths; slightly wide.
        double[] noise = new double[n];
        for (int i = 0; i < n; i++) {
            noise[i] = rnd.nextDouble() * 2 - 1;
        }
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            double tb = t % beat;
            double kick = Math.sin(2 * Math.PI * (50 * tb + 35 * (1 - Math.exp(-tb * 20)))) * Math.exp(-tb * 12);
            double th = (t + beat / 2) % (2 * beat);
            double snare = th < beat ? noise[i] * Math.exp(-th * 25) : 0;
            double te = t % (beat / 2);
            double hat = (i > 0 ? noise[i] - noise[i - 1] : 0) * Math.exp(-te * 80) * 0.3;
            s[1][2 * i] = 0.25 * kick + 0.12 * snare + 0.10 * hat;
            s[1][2 * i + 1] = 0.25 * kick + 0.10 * snare + 0.12 * hat;
        }
        // Vocals: a melody with vibrato and a vowel-like spectrum, slightly left.
        double phase = 0;
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            int note = (int) (t / (2 * beat));
            double tn = t - note * 2 * beat;
            double f = 2 * root * Math.pow(2, scale[(note * 5 + 2 * track) % scale.length] / 12.0)
                    * (1 + 0.006 * Math.sin(2 * Math.PI * 5.5 * t));
            phase += 2 * Math.PI * f / RATE;
            double env = Math.min(1, tn * 20) * Math.min(1, (2 * beat - tn) * 10);
            double v = 0;
            for (int h = 1; h <= 8; h++) {
                double formant = Math.exp(-Math.pow((f * h - 700) / 500, 2)) + 0.5 * Math.exp(-Math.pow((f * h - 1200) / 400, 2));
                v += (0.2 + formant) * Math.sin(h * phase) / h;
            }
            s[0][2 * i] = 0.16 * env * v;
            s[0][2 * i + 1] = 0.11 * env * v;
        }
        // Other: a sustained chord of detuned saw-like tones, wide.
        for (int i = 0; i < n; i++) {
            double t = (double) i / RATE;
            int bar = (int) (t / (4 * beat));
            double l = 0;
            double r = 0;
            for (int k = 0; k < 3; k++) {
                double f = root * Math.pow(2, (scale[(bar + 2 * k) % 7] + 12) / 12.0);
                for (int h = 1; h <= 5; h++) {
                    l += Math.sin(2 * Math.PI * f * h * t) / (h * h);
                    r += Math.sin(2 * Math.PI * f * 1.003 * h * t + k) / (h * h);
                }
            }
            s[3][2 * i] = 0.035 * l;
            s[3][2 * i + 1] = 0.035 * r;
        }
        double peak = 0;
        for (int i = 0; i < 2 * n; i++) {
            peak = Math.max(peak, Math.abs(s[0][i] + s[1][i] + s[2][i] + s[3][i]));
        }
        if (peak > 0.9) {
            for (double[] stem : s) {
                for (int i = 0; i < stem.length; i++) {
                    stem[i] *= 0.9 / peak;
                }
            }
        }
        return s;
    }

    /**
     * A plausible model output for stem j: the stem, 30% of the others leaking in (delayed by a
     * few samples, as a network's smearing would), and a little noise.
     */
    static double[] estimate(double[][] stems, int j, SplittableRandom noise) {
        int len = stems[j].length;
        double[] e = new double[len];
        for (int i = 0; i < len; i++) {
            double leak = 0;
            for (int k = 0; k < stems.length; k++) {
                if (k != j && i >= 2 * (3 + k)) {
                    leak += stems[k][i - 2 * (3 + k)];
                }
            }
            e[i] = 0.9 * stems[j][i] + 0.3 * leak + 0.002 * (noise.nextDouble() * 2 - 1);
        }
        return e;
    }

    private static void write(Configuration conf, Path path, double[] stereo) throws IOException {
        try (WavWriter w = Wav.writer(conf, path, 2, RATE, WavFormat.PCM_16, stereo.length / 2)) {
            w.append(stereo, 0, stereo.length / 2);
        }
    }
}
