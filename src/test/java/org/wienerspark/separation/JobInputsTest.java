package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;
import org.wienerspark.core.Tensors;
import org.wienerspark.dsp.Stft;
import org.wienerspark.io.Npy;
import org.wienerspark.io.Wav;
import org.wienerspark.spark.TestCorpus;

/** The job's input layouts, the residual, and per-track errors that leave the other tracks alone. */
class JobInputsTest {

    @TempDir
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        TestCorpus.track(corpus, "t1", 2, 4000, 3, 15.0, 31);
        TestCorpus.track(corpus, "t2", 2, 2500, 3, 0.8, 32);
    }

    static SeparationConfig config(String estimates, String spectrograms, String manifest, Path out, List<String> sources,
                            boolean residual, int iterations) {
        return SeparationConfig.builder().mixtures(manifest == null ? corpus.resolve("mixtures").toString() : null)
                .estimates(estimates).spectrograms(spectrograms).manifest(manifest).output(out.toString())
                .sources(sources).iterations(iterations).residual(residual).nFft(256).hop(64).blockFrames(12)
                .outputFormat(AudioOutputFormat.FLOAT64).partitions(3).quiet(true).checkpointEvery(0).build();
    }

    @Test
    void spectrogramInputEqualsAudioEstimatesWithTheSameMagnitudes(@TempDir Path a, @TempDir Path b)
            throws IOException {
        Path specs = corpus.resolve("specs");
        Stft stft = new Stft(256, 64);
        Configuration conf = new Configuration();
        for (String t : List.of("t1", "t2")) {
            Files.createDirectories(specs.resolve(t));
            for (int j = 0; j < 3; j++) {
                org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(
                        corpus.resolve("estimates/" + t + "/s" + j + ".wav").toUri());
                long n = Wav.readInfo(conf, p).frames();
                ComplexTensor e = stft.forward(new RealTensor(new int[] {(int) n, 2}, Wav.read(conf, p, 0, n)));
                double[] mag = new double[e.data().length / 2];
                for (int i = 0; i < mag.length; i++) {
                    // The magnitudes the job computes from audio estimates, to the bit.
                    mag[i] = Stft.magnitude(e.data()[2 * i], e.data()[2 * i + 1]);
                }
                try (OutputStream out = Files.newOutputStream(specs.resolve(t + "/s" + j + ".npy"))) {
                    Npy.write(out, new RealTensor(e.shape(), mag), Npy.DType.FLOAT64);
                }
            }
        }
        SeparationReport audio = SeparationJob.run(SparkTestSession.get(),
                config(corpus.resolve("estimates").toString(), null, null, a, List.of(), false, 2));
        SeparationReport npy = SeparationJob.run(SparkTestSession.get(),
                config(null, specs.toString(), null, b, List.of(), false, 2));
        assertEquals(2, audio.count(Status.OK));
        assertEquals(2, npy.count(Status.OK));
        assertSameOutputs(a, b, List.of("s0", "s1", "s2"));
    }

    @Test
    void manifestEqualsFolderLayout(@TempDir Path a, @TempDir Path b) throws IOException {
        StringBuilder csv = new StringBuilder("track,mixture,source,estimate\n");
        for (String t : List.of("t1", "t2")) {
            for (int j = 0; j < 3; j++) {
                csv.append(t).append(",mixtures/").append(t).append("/mixture.wav,s").append(j)
                        .append(",estimates/").append(t).append("/s").append(j).append(".wav\n");
            }
        }
        Path manifest = corpus.resolve("manifest.csv");
        Files.writeString(manifest, csv);
        SeparationJob.run(SparkTestSession.get(),
                config(corpus.resolve("estimates").toString(), null, null, a, List.of(), false, 1));
        SeparationReport r = SeparationJob.run(SparkTestSession.get(), config(null, null, manifest.toString(), b, List.of(),
                false, 1));
        assertEquals(2, r.count(Status.OK));
        assertSameOutputs(a, b, List.of("s0", "s1", "s2"));
    }

    @Test
    void residualCompletesTheSourcesToTheMixture(@TempDir Path out) throws IOException {
        SeparationReport r = SeparationJob.run(SparkTestSession.get(), config(corpus.resolve("estimates").toString(), null, null,
                out, List.of("s0"), true, 2));
        assertEquals(2, r.count(Status.OK));
        Configuration conf = new Configuration();
        for (String t : List.of("t1", "t2")) {
            assertTrue(Files.exists(out.resolve(t + "/residual.wav")));
            org.apache.hadoop.fs.Path mixPath = new org.apache.hadoop.fs.Path(
                    corpus.resolve("mixtures/" + t + "/mixture.wav").toUri());
            long n = Wav.readInfo(conf, mixPath).frames();
            double[] mix = Wav.read(conf, mixPath, 0, n);
            double[] sum = new double[mix.length];
            for (String s : List.of("s0", "residual")) {
                double[] y = Wav.read(conf, new org.apache.hadoop.fs.Path(out.resolve(t + "/" + s + ".wav").toUri()),
                        0, n);
                for (int i = 0; i < sum.length; i++) {
                    sum[i] += y[i];
                }
            }
            // The Wiener estimates add up to the mixture, up to the regularisation.
            double err = 0;
            double energy = 0;
            for (int i = 0; i < mix.length; i++) {
                err += (sum[i] - mix[i]) * (sum[i] - mix[i]);
                energy += mix[i] * mix[i];
            }
            assertTrue(err <= 1e-12 * energy, t + ": relative error " + err / energy);
        }
    }

    @Test
    void aBrokenTrackFailsAloneWithItsFileNamed(@TempDir Path out) throws IOException {
        Path c = corpus.resolve("broken-corpus");
        TestCorpus.track(c, "good", 2, 3000, 3, 1.0, 41);
        TestCorpus.track(c, "rate", 2, 3000, 3, 1.0, 42);
        TestCorpus.track(c, "nan", 2, 3000, 3, 1.0, 43);
        TestCorpus.track(c, "short", 2, 3000, 3, 1.0, 44);
        // A different sample rate, a NaN sample, an estimate shorter than the mixture by two hops.
        Path rate = c.resolve("estimates/rate/s1.wav");
        double[] x = Wav.read(new Configuration(), new org.apache.hadoop.fs.Path(rate.toUri()), 0, 3000);
        try (var w = Wav.writer(new Configuration(), new org.apache.hadoop.fs.Path(rate.toUri()), 2, 16000,
                org.wienerspark.io.WavFormat.FLOAT_32, 3000)) {
            w.append(x, 0, 3000);
        }
        double[] nan = x.clone();
        nan[2 * 1234 + 1] = Double.NaN;
        TestCorpus.write(c.resolve("estimates/nan/s2.wav"), nan, 2);
        TestCorpus.write(c.resolve("estimates/short/s0.wav"), java.util.Arrays.copyOf(x, 2 * (3000 - 128)), 2);

        SeparationReport r = SeparationJob.run(SparkTestSession.get(), SeparationConfig.builder()
                .mixtures(c.resolve("mixtures").toString()).estimates(c.resolve("estimates").toString())
                .output(out.toString()).nFft(256).hop(64).blockFrames(8).iterations(2).quiet(true).build());
        assertEquals(3, r.count(Status.FAILED), "the three broken tracks fail, the others do not");
        JsonNode report = new ObjectMapper().readTree(out.resolve("_report.json").toFile());
        assertEquals("ok", status(report, "good"));
        assertTrue(Files.exists(out.resolve("good/_SUCCESS")));
        for (String[] bad : new String[][] {{"rate", "s1.wav", "sample rate 16000 Hz"},
                {"nan", "s2.wav", "non-finite sample NaN at sample 1234, channel 1"},
                {"short", "s0.wav", "lengths may differ by less than one hop"}}) {
            JsonNode t = track(report, bad[0]);
            assertEquals("failed", t.path("status").asText(), bad[0]);
            assertTrue(t.path("error").path("file").asText().endsWith(bad[0] + "/" + bad[1]), t.toString());
            assertTrue(t.path("error").path("message").asText().contains(bad[2]), t.toString());
            assertFalse(Files.exists(out.resolve(bad[0] + "/_SUCCESS")), bad[0]);
        }
    }

    @Test
    void oneSourceWithoutResidualIsRefused(@TempDir Path out) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SeparationJob.run(
                SparkTestSession.get(), config(corpus.resolve("estimates").toString(), null, null, out, List.of("s0"),
                        false, 1)));
        assertTrue(e.getMessage().contains("--residual"), e.getMessage());
        assertFalse(Files.exists(out.resolve("_report.json")));
    }

    private static JsonNode track(JsonNode report, String name) {
        for (JsonNode t : report.path("tracks")) {
            if (t.path("track").asText().equals(name)) {
                return t;
            }
        }
        throw new AssertionError("no track " + name + " in " + report);
    }

    private static String status(JsonNode report, String name) {
        return track(report, name).path("status").asText();
    }

    static void assertSameOutputs(Path a, Path b, List<String> sources) throws IOException {
        for (String t : List.of("t1", "t2")) {
            for (String s : sources) {
                assertArrayEquals(Files.readAllBytes(a.resolve(t + "/" + s + ".wav")),
                        Files.readAllBytes(b.resolve(t + "/" + s + ".wav")), t + "/" + s);
            }
        }
    }
}
