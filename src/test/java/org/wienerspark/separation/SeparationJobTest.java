package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;
import org.wienerspark.core.ComplexTensor;
import org.wienerspark.core.RealTensor;
import org.wienerspark.core.Tensors;
import org.wienerspark.core.Wiener;
import org.wienerspark.dsp.Stft;
import org.wienerspark.io.Wav;

/**
 * The distributed job against the core run on whole tracks: the same output, whatever the block
 * size, partition count, iterations and channel count.
 */
class SeparationJobTest {

    static final int N_FFT = 256;
    static final int HOP = 64;
    static final int SOURCES = 3;

    @TempDir
    static Path corpus;

    @BeforeAll
    static void corpus() throws IOException {
        // A stereo track loud enough for the scale to apply, a quiet mono one, a short one.
        TestCorpus.track(corpus.resolve("stereo"), "loud", 2, 5000, SOURCES, 40.0, 1);
        TestCorpus.track(corpus.resolve("stereo"), "short", 2, 700, SOURCES, 1.0, 2);
        TestCorpus.track(corpus.resolve("mono"), "quiet", 1, 4100, SOURCES, 0.5, 3);
    }

    @ParameterizedTest(name = "{0} blockFrames={1} partitions={2} iterations={3} softmask={4}")
    @CsvSource({
        "stereo, 7, 1, 1, true",
        "stereo, 16, 3, 3, true",
        "stereo, 1, 4, 1, false",
        "stereo, 200, 2, 3, false",
        "mono, 5, 1, 3, true",
        "mono, 33, 3, 1, false",
    })
    void blockedJobEqualsWholeTrackCore(String layout, int blockFrames, int partitions, int iterations,
                                        boolean softmask, @TempDir Path out) throws IOException {
        SeparationConfig config = config(layout, out, blockFrames, partitions, iterations, softmask, 0, 64L << 20);
        SeparationReport report = SeparationJob.run(SparkTestSession.get(), config);
        assertEquals(report.plans().size(), report.count(Status.OK), "every track ok");
        for (TrackPlan p : report.plans()) {
            assertMatchesCore(p, config, out);
        }
    }

    @Test
    void joinPathEqualsBroadcastPath(@TempDir Path a, @TempDir Path b) throws IOException {
        SeparationJob.run(SparkTestSession.get(), config("stereo", a, 9, 3, 2, true, 0, 64L << 20));
        SeparationJob.run(SparkTestSession.get(), config("stereo", b, 9, 3, 2, true, 0, 0));
        for (String track : List.of("loud", "short")) {
            for (int j = 0; j < SOURCES; j++) {
                assertArrayEquals(Files.readAllBytes(a.resolve(track + "/s" + j + ".wav")),
                        Files.readAllBytes(b.resolve(track + "/s" + j + ".wav")), track + " s" + j);
            }
        }
    }

    @Test
    void rerunIsByteIdentical(@TempDir Path a, @TempDir Path b) throws IOException {
        SeparationJob.run(SparkTestSession.get(), config("stereo", a, 11, 4, 2, true, 0, 64L << 20));
        SeparationJob.run(SparkTestSession.get(), config("stereo", b, 11, 4, 2, true, 0, 64L << 20));
        for (int j = 0; j < SOURCES; j++) {
            assertArrayEquals(Files.readAllBytes(a.resolve("loud/s" + j + ".wav")),
                    Files.readAllBytes(b.resolve("loud/s" + j + ".wav")));
        }
    }

    @Test
    void recomputedBlocksEqualCachedBlocks(@TempDir Path a, @TempDir Path b) throws IOException {
        SeparationConfig cached = config("stereo", a, 13, 3, 3, false, 0, 64L << 20);
        SeparationConfig recomputed = config("stereo", b, 13, 3, 3, false, 0, 64L << 20);
        recomputed = recomputed.toBuilder().cacheBlocks(false).build();
        SeparationJob.run(SparkTestSession.get(), cached);
        SeparationJob.run(SparkTestSession.get(), recomputed);
        for (int j = 0; j < SOURCES; j++) {
            assertArrayEquals(Files.readAllBytes(a.resolve("loud/s" + j + ".wav")),
                    Files.readAllBytes(b.resolve("loud/s" + j + ".wav")));
        }
        // The report tells what the blocks kept between iterations took on disk: x and v.
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode spark = json.readTree(a.resolve("_report.json").toFile())
                .path("summary").path("spark");
        long frames = 0;
        for (com.fasterxml.jackson.databind.JsonNode t : json.readTree(a.resolve("_report.json").toFile())
                .path("tracks")) {
            frames += t.path("frames").asLong();
        }
        // Frames x bins x (2 x 2 doubles of x + SOURCES doubles of v); blocks of 13 frames hold
        // 3 more on each side (halos), and two iterations' blocks are on disk at the peak:
        // 2 x 19 / 13 = 2.9 times that, plus the partial statistics (measured: 3.1; three
        // iterations' blocks would be 4.6).
        long bytesOfXandV = frames * (N_FFT / 2 + 1) * (4 + SOURCES) * 8L;
        long disk = spark.path("blocks_peak_disk_bytes").asLong();
        assertTrue(disk >= bytesOfXandV && disk < 3.5 * bytesOfXandV, disk + " bytes on disk, x and v: "
                + bytesOfXandV);
        assertTrue(spark.path("tasks").asLong() > 0);
        assertEquals(0, json.readTree(b.resolve("_report.json").toFile()).path("summary").path("spark")
                .path("blocks_peak_disk_bytes").asLong(), "nothing kept when recomputing");
    }

    @Test
    void batchesOfTracksUnderTheCacheLimitGiveTheSameBytes(@TempDir Path a, @TempDir Path b) throws IOException {
        SeparationConfig one = config("stereo", a, 13, 0, 2, true, 0, 64L << 20);
        // A limit of one byte: every track is a batch of its own.
        SeparationConfig c = config("stereo", b, 13, 0, 2, true, 0, 64L << 20);
        SeparationConfig each = c.toBuilder().cacheLimitBytes(1).build();
        SeparationReport whole = SeparationJob.run(SparkTestSession.get(), one);
        SeparationReport batched = SeparationJob.run(SparkTestSession.get(), each);
        assertEquals(2, batched.count(Status.OK));
        for (String track : List.of("loud", "short")) {
            for (int j = 0; j < SOURCES; j++) {
                assertArrayEquals(Files.readAllBytes(a.resolve(track + "/s" + j + ".wav")),
                        Files.readAllBytes(b.resolve(track + "/s" + j + ".wav")), track + " s" + j);
            }
        }
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode sa = json.readTree(a.resolve("_report.json").toFile()).path("summary");
        com.fasterxml.jackson.databind.JsonNode sb = json.readTree(b.resolve("_report.json").toFile()).path("summary");
        assertEquals(1, sa.path("batches").asInt());
        assertEquals(2, sb.path("batches").asInt());
        // The peak is the larger track's blocks alone, no longer both tracks'.
        long loudOnly = SeparationJob.cachedBytes(whole.plans().stream().filter(p -> p.name().equals("loud"))
                .findFirst().orElseThrow(), each);
        long peak = sb.path("spark").path("blocks_peak_disk_bytes").asLong();
        assertTrue(peak < sa.path("spark").path("blocks_peak_disk_bytes").asLong(), "batches lower the peak");
        assertTrue(peak <= 1.2 * loudOnly, peak + " bytes on disk, the estimate for the loud track " + loudOnly);
    }

    @Test
    void batchesFollowTheLimitInCorpusOrder() {
        SeparationConfig c = SeparationConfig.builder().mixtures("m").estimates("e").output("o").build();
        List<TrackPlan> plans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // 1, 2, 3, 4, 5 minutes of stereo with 4 sources.
            plans.add(new TrackPlan(i, "t" + i, "m" + i, List.of("a", "b", "c", "d"), List.of("a", "b", "c", "d"),
                    false, 44100, 2, (i + 1) * 60 * 44100, (i + 1) * 60 * 44100 / 1024 + 1, null, List.of(), null));
        }
        long minute = SeparationJob.cachedBytes(plans.get(0), c);
        // Two iterations of x and v: 2 x 2584 frames x 2049 bins x 8 doubles x 8 bytes, plus halos.
        assertTrue(minute > 670e6 && minute < 720e6, minute + " bytes for a minute");
        SeparationConfig limit = withLimit(c, 6 * minute);
        assertEquals(List.of(List.of(0, 1, 2), List.of(3), List.of(4)), indices(SeparationJob.batches(plans, limit)));
        assertEquals(List.of(List.of(0, 1, 2, 3, 4)), indices(SeparationJob.batches(plans, withLimit(c, 0))));
        SeparationConfig recompute = c.toBuilder().cacheBlocks(false).cacheLimitBytes(1).build();
        assertEquals(1, SeparationJob.batches(plans, recompute).size(), "nothing cached, one batch");
    }

    private static SeparationConfig withLimit(SeparationConfig c, long bytes) {
        return c.toBuilder().cacheLimitBytes(bytes).build();
    }

    private static List<List<Integer>> indices(List<List<TrackPlan>> batches) {
        return batches.stream().map(b -> b.stream().map(TrackPlan::index).toList()).toList();
    }

    @Test
    void emWindowsEqualSeparateCoreCallsPerChunk(@TempDir Path out) throws IOException {
        int window = 20;
        SeparationConfig config = config("stereo", out, 7, 3, 2, true, window, 64L << 20);
        SeparationReport report = SeparationJob.run(SparkTestSession.get(), config);
        TrackPlan loud = report.plans().stream().filter(p -> p.name().equals("loud")).findFirst().orElseThrow();
        assertMatchesCore(loud, config, out);
    }

    static SeparationConfig config(String layout, Path out, int blockFrames, int partitions, int iterations,
                            boolean softmask, int emWindow, long broadcastLimit) {
        Path root = corpus.resolve(layout);
        return SeparationConfig.builder().mixtures(root.resolve("mixtures").toString())
                .estimates(root.resolve("estimates").toString()).output(out.toString()).iterations(iterations)
                .softmask(softmask).nFft(N_FFT).hop(HOP).blockFrames(blockFrames).emWindowFrames(emWindow)
                .outputFormat(AudioOutputFormat.FLOAT64).broadcastLimitBytes(broadcastLimit).partitions(partitions)
                .quiet(true).checkpointEvery(0).build();
    }

    /** Output = core wiener on the whole track's STFT (per EM window when set), inverse STFT. */
    static void assertMatchesCore(TrackPlan p, SeparationConfig config, Path out) throws IOException {
        double error = errorOfPeak(p, config, out);
        System.out.printf("[job-vs-core] %s blockFrames=%d partitions=%d iterations=%d: max |job - core| / peak = %.2e%n",
                p.name(), config.blockFrames(), config.partitions(), config.iterations(), error);
        assertTrue(error <= 1e-10, p.name() + ": max |job - core| = " + error + " x peak > 1e-10 x peak");
        assertTrue(Files.exists(out.resolve(p.name() + "/_SUCCESS")), "marker written");
    }

    /** max |job output - core wiener on the whole track| over the core output's peak, every source. */
    static double errorOfPeak(TrackPlan p, SeparationConfig config, Path out) throws IOException {
        Configuration conf = new Configuration();
        Stft stft = new Stft(N_FFT, HOP);
        int c = p.channels();
        int n = p.samples();
        ComplexTensor x = stft.forward(new RealTensor(new int[] {n, c},
                Wav.read(conf, new org.apache.hadoop.fs.Path(p.mixture()), 0, n)));
        int frames = x.dim(0);
        int bins = x.dim(1);
        int s = p.sources().size();
        double[] v = new double[frames * bins * c * s];
        for (int j = 0; j < s; j++) {
            ComplexTensor e = stft.forward(new RealTensor(new int[] {n, c},
                    Wav.read(conf, new org.apache.hadoop.fs.Path(p.estimates().get(j)), 0, n)));
            for (int i = 0; i < frames * bins * c; i++) {
                v[i * s + j] = Math.hypot(e.data()[2 * i], e.data()[2 * i + 1]);
            }
        }
        int window = config.emWindowFrames() > 0 ? config.emWindowFrames() : frames;
        double[] y = new double[2 * frames * bins * c * s];
        for (int t0 = 0; t0 < frames; t0 += window) {
            int t1 = Math.min(frames, t0 + window);
            int xs = 2 * bins * c;
            int vs = bins * c * s;
            ComplexTensor xc = new ComplexTensor(new int[] {t1 - t0, bins, c},
                    java.util.Arrays.copyOfRange(x.data(), t0 * xs, t1 * xs));
            RealTensor vc = new RealTensor(new int[] {t1 - t0, bins, c, s},
                    java.util.Arrays.copyOfRange(v, t0 * vs, t1 * vs));
            ComplexTensor yc = Wiener.apply(vc, xc, config.iterations(), config.softmask(), config.eps());
            System.arraycopy(yc.data(), 0, y, t0 * 2 * vs, yc.data().length);
        }
        double peak = 0;
        double worst = 0;
        for (int j = 0; j < s; j++) {
            double[] yj = new double[2 * frames * bins * c];
            for (int i = 0; i < frames * bins * c; i++) {
                yj[2 * i] = y[2 * (i * s + j)];
                yj[2 * i + 1] = y[2 * (i * s + j) + 1];
            }
            double[] expected = stft.inverse(new ComplexTensor(new int[] {frames, bins, c}, yj), n).data();
            double[] actual = Wav.read(conf, new org.apache.hadoop.fs.Path(
                    out.resolve(p.name() + "/" + p.sources().get(j) + ".wav").toUri()), 0, n);
            assertEquals(expected.length, actual.length);
            for (int i = 0; i < expected.length; i++) {
                peak = Math.max(peak, Math.abs(expected[i]));
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
            }
        }
        return worst / peak;
    }
}
