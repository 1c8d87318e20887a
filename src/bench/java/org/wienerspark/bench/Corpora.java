package org.wienerspark.bench;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.demo.DemoCorpus;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavFormat;
import org.wienerspark.io.WavReader;
import org.wienerspark.io.WavWriter;

/**
 * The end-to-end inputs, made once under a folder and reused while its marker file exists:
 * the demo corpus ({@link DemoCorpus}, 4 stereo tracks, 4 sources) and long single tracks made
 * by repeating the first demo track (the memory of a run depends on the length, not on the
 * content).
 */
final class Corpora {

    private Corpora() {
    }

    /** {@code <dir>/mixtures}, {@code <dir>/estimates}: {@code tracks} demo tracks of {@code seconds}. */
    static File demo(File dir, int tracks, double seconds) throws IOException {
        File done = new File(dir, ".complete");
        if (!done.isFile()) {
            DemoCorpus.write(new Configuration(), dir.getPath(), tracks, seconds);
            done.createNewFile();
        }
        return dir;
    }

    /**
     * One track {@code long-<seconds>s} of {@code seconds}: the mixture and estimates of the first
     * track of {@code demo}, repeated.
     */
    static File repeated(File demo, File dir, int seconds) throws IOException {
        File done = new File(dir, ".complete");
        if (done.isFile()) {
            return dir;
        }
        Configuration conf = new Configuration();
        String name = "long-" + seconds + "s";
        copyRepeated(conf, new File(demo, "mixtures/demo-01/mixture.wav"),
                new File(dir, "mixtures/" + name + "/mixture.wav"), seconds);
        for (String s : DemoCorpus.SOURCES) {
            copyRepeated(conf, new File(demo, "estimates/demo-01/" + s + ".wav"),
                    new File(dir, "estimates/" + name + "/" + s + ".wav"), seconds);
        }
        done.createNewFile();
        return dir;
    }

    private static void copyRepeated(Configuration conf, File from, File to, int seconds) throws IOException {
        double[] base;
        int channels;
        int rate;
        try (WavReader r = Wav.open(conf, new Path(from.toURI()))) {
            channels = r.header().channels();
            rate = r.header().sampleRate();
            int n = (int) r.header().frames();
            base = new double[n * channels];
            r.read(0, n, base, 0);
        }
        long total = (long) seconds * rate;
        int n = base.length / channels;
        try (WavWriter w = Wav.writer(conf, new Path(to.toURI()), channels, rate, WavFormat.PCM_16, total)) {
            for (long done = 0; done < total; done += n) {
                w.append(base, 0, (int) Math.min(n, total - done));
            }
        }
    }
}
