package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioContainer;
import org.wienerspark.io.AudioInfo;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.io.AudioWriter;
import org.wienerspark.cli.Main;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/**
 * FLAC in and out: the same 16-bit corpus as FLAC and as WAV separates to the same PCM, a track
 * may mix the two containers, and the output format is part of the resume marker; and the
 * {@code --aggregate} outputs, sums of stems written in the same commit.
 */
class FlacJobTest {

    private static final Configuration CONF = new Configuration();
    private static final List<String> TRACKS = List.of("t1", "t2");
    private static final List<String> SOURCES = List.of("s0", "s1", "s2");

    @TempDir
    static Path root;

    /** The float corpus re-encoded as 16-bit PCM, once as WAV, once as FLAC (t2's s1 stays WAV). */
    @BeforeAll
    static void corpora() throws IOException {
        Path f = root.resolve("float");
        TestCorpus.track(f, "t1", 2, 4000, 3, 0.9, 41);
        TestCorpus.track(f, "t2", 1, 2500, 3, 0.7, 42);
        for (String t : TRACKS) {
            for (String file : List.of("mixtures/" + t + "/mixture", "estimates/" + t + "/s0",
                    "estimates/" + t + "/s1", "estimates/" + t + "/s2")) {
                String flacExt = t.equals("t2") && file.endsWith("s1") ? ".wav" : ".flac";
                copy(f.resolve(file + ".wav"), root.resolve("wav/" + file + ".wav"), WavFormat.PCM_16);
                copy(f.resolve(file + ".wav"), root.resolve("flac/" + file + flacExt), WavFormat.PCM_16);
            }
        }
    }

    static void copy(Path from, Path to, WavFormat format) throws IOException {
        Files.createDirectories(to.getParent());
        AudioInfo info = Audio.readInfo(CONF, hadoop(from));
        double[] x = Audio.read(CONF, hadoop(from), 0, info.frames());
        try (AudioWriter w = Audio.writer(CONF, hadoop(to), info.channels(), info.sampleRate(), format,
                info.frames())) {
            w.append(x, 0, (int) info.frames());
        }
    }

    static org.apache.hadoop.fs.Path hadoop(Path p) {
        return new org.apache.hadoop.fs.Path(p.toUri());
    }

    static SeparationConfig config(String corpus, Path out, AudioOutputFormat format) {
        return SeparationConfig.builder().mixtures(root.resolve(corpus + "/mixtures").toString())
                .estimates(root.resolve(corpus + "/estimates").toString()).output(out.toString()).iterations(1)
                .nFft(256).hop(64).blockFrames(12).outputFormat(format).partitions(3).quiet(true)
                .checkpointEvery(0).build();
    }

    static double[] pcm(Path file) throws IOException {
        AudioInfo info = Audio.readInfo(CONF, hadoop(file));
        return Audio.read(CONF, hadoop(file), 0, info.frames());
    }

    @Test
    void flacCorpusGivesTheSamePcmAsTheWavCorpus(@TempDir Path wavOut, @TempDir Path flacOut) throws IOException {
        SeparationReport wav = SeparationJob.run(SparkTestSession.get(), config("wav", wavOut, AudioOutputFormat.PCM16));
        SeparationReport flac = SeparationJob.run(SparkTestSession.get(),
                config("flac", flacOut, AudioOutputFormat.FLAC));
        assertEquals(2, wav.count(Status.OK));
        assertEquals(2, flac.count(Status.OK));
        for (String t : TRACKS) {
            for (String s : SOURCES) {
                Path w = wavOut.resolve(t + "/" + s + ".wav");
                Path f = flacOut.resolve(t + "/" + s + ".flac");
                AudioInfo info = Audio.readInfo(CONF, hadoop(f));
                assertEquals(AudioContainer.FLAC, info.container());
                // flac: the depth of the 16-bit input
                assertEquals(16, info.bitsPerSample());
                assertArrayEquals(pcm(w), pcm(f), t + "/" + s);
                assertFalse(Files.exists(flacOut.resolve(t + "/" + s + ".wav")));
            }
            try (var hidden = Files.list(flacOut.resolve(t))) {
                assertTrue(hidden.noneMatch(p -> p.getFileName().toString().endsWith(".inprogress")));
            }
        }
    }

    @Test
    void flac24WritesTheWav24Pcm(@TempDir Path wavOut, @TempDir Path flacOut) throws IOException {
        SeparationJob.run(SparkTestSession.get(), config("flac", wavOut, AudioOutputFormat.PCM24));
        SeparationReport flac = SeparationJob.run(SparkTestSession.get(),
                config("flac", flacOut, AudioOutputFormat.FLAC24));
        assertEquals(2, flac.count(Status.OK));
        for (String t : TRACKS) {
            for (String s : SOURCES) {
                Path f = flacOut.resolve(t + "/" + s + ".flac");
                assertEquals(24, Audio.readInfo(CONF, hadoop(f)).bitsPerSample());
                assertArrayEquals(pcm(wavOut.resolve(t + "/" + s + ".wav")), pcm(f), t + "/" + s);
            }
        }
    }

    @Test
    void resumeMarkerKnowsTheOutputFormat(@TempDir Path out) throws IOException {
        SeparationJob.run(SparkTestSession.get(), config("flac", out, AudioOutputFormat.FLAC));
        SeparationReport again = SeparationJob.run(SparkTestSession.get(),
                config("flac", out, AudioOutputFormat.FLAC));
        assertEquals(2, again.count(Status.SKIPPED), "same format: done");
        SeparationReport wav = SeparationJob.run(SparkTestSession.get(), config("flac", out, AudioOutputFormat.PCM16));
        assertEquals(2, wav.count(Status.OK), "another format: redone");
        assertTrue(Files.exists(out.resolve("t1/s0.wav")));
        Files.delete(out.resolve("t1/s0.flac"));
        SeparationReport flac = SeparationJob.run(SparkTestSession.get(), config("flac", out, AudioOutputFormat.FLAC));
        assertEquals(2, flac.count(Status.OK), "the marker of the pcm16 run does not count for flac");
    }

    static SeparationConfig withAggregate(String corpus, Path out, AudioOutputFormat format, String... aggregates) {
        return config(corpus, out, format).toBuilder().aggregates(List.of(aggregates).stream().map(Aggregate::parse)
                .toList()).build();
    }

    @Test
    void aggregateIsTheSumOfTheDoubleStemsInTheOrderGiven(@TempDir Path out) throws IOException {
        SeparationReport r = SeparationJob.run(SparkTestSession.get(),
                withAggregate("float", out, AudioOutputFormat.FLOAT64, "acc=s2+s0", "all=s0+s1+s2"));
        assertEquals(2, r.count(Status.OK));
        for (String t : TRACKS) {
            double[] s0 = pcm(out.resolve(t + "/s0.wav"));
            double[] s1 = pcm(out.resolve(t + "/s1.wav"));
            double[] s2 = pcm(out.resolve(t + "/s2.wav"));
            double[] acc = pcm(out.resolve(t + "/acc.wav"));
            double[] all = pcm(out.resolve(t + "/all.wav"));
            for (int i = 0; i < s0.length; i++) {
                assertEquals(s2[i] + s0[i], acc[i], 0.0, t + " acc at " + i);
                assertEquals(s0[i] + s1[i] + s2[i], all[i], 0.0, t + " all at " + i);
            }
        }
        // The aggregates are part of the marker: a rerun with the same ones is done, without them not.
        assertEquals(2, SeparationJob.run(SparkTestSession.get(), withAggregate("float", out, AudioOutputFormat.FLOAT64,
                "acc=s2+s0", "all=s0+s1+s2")).count(Status.SKIPPED));
        Files.delete(out.resolve("t2/acc.wav"));
        SeparationReport again = SeparationJob.run(SparkTestSession.get(),
                withAggregate("float", out, AudioOutputFormat.FLOAT64, "acc=s2+s0", "all=s0+s1+s2"));
        assertEquals(1, again.count(Status.OK), "a missing aggregate makes the track incomplete");
        assertTrue(Files.exists(out.resolve("t2/acc.wav")));
    }

    @Test
    void flacAggregateIsTheRoundedSumWithinOneStepOfTheSumOfTheRoundedStems(@TempDir Path out) throws IOException {
        SeparationReport r = SeparationJob.run(SparkTestSession.get(),
                withAggregate("flac", out, AudioOutputFormat.FLAC, "accompaniment=s1+s2"));
        assertEquals(2, r.count(Status.OK));
        double step = 1.0 / 32768;
        for (String t : TRACKS) {
            double[] s1 = pcm(out.resolve(t + "/s1.flac"));
            double[] s2 = pcm(out.resolve(t + "/s2.flac"));
            double[] acc = pcm(out.resolve(t + "/accompaniment.flac"));
            int differ = 0;
            for (int i = 0; i < s1.length; i++) {
                // round(a + b) - round(a) - round(b) is -1, 0 or 1 steps (no clipping in this corpus).
                double d = Math.abs(acc[i] - (s1[i] + s2[i])) / step;
                assertTrue(d <= 1 + 1e-9, t + " at " + i + ": " + d + " steps");
                differ += d > 0.5 ? 1 : 0;
            }
            assertTrue(differ < s1.length, "mostly equal");
        }
    }

    @Test
    void aggregateOptionsAreCheckedBeforeTheJobWithTheOptionNamed() {
        assertThrows(IllegalArgumentException.class, () -> Aggregate.parse("acc"));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.parse("acc=s0+"));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.parse("acc=s0+s0"));
        assertThrows(IllegalArgumentException.class, () -> Aggregate.parse("../x=s0+s1"));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () ->
                config("wav", root.resolve("o"), AudioOutputFormat.FLAC).toBuilder().sources(SOURCES)
                        .aggregates(List.of(Aggregate.parse("acc=s0+drums"))).build());
        assertTrue(unknown.getMessage().contains("--aggregate") && unknown.getMessage().contains("drums"),
                unknown.getMessage());
        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class, () ->
                config("wav", root.resolve("o"), AudioOutputFormat.FLAC).toBuilder().sources(SOURCES)
                        .aggregates(List.of(Aggregate.parse("s1=s0+s2"))).build());
        assertTrue(clash.getMessage().contains("--aggregate"), clash.getMessage());
        assertThrows(IllegalArgumentException.class, () -> config("wav", root.resolve("o"), AudioOutputFormat.FLAC)
                .toBuilder().aggregates(List.of(Aggregate.parse("a=s0+s1"), Aggregate.parse("a=s1+s2"))).build());
        for (String bad : List.of("acc", "acc=s0+drums", "s1=s0+s2")) {
            int exit = Main.run("separate", "--mixtures", root.resolve("wav/mixtures").toString(), "--estimates",
                    root.resolve("wav/estimates").toString(), "--output", root.resolve("o").toString(),
                    "--sources", "s0,s1,s2", "--aggregate", bad);
            assertEquals(2, exit, bad);
        }
        assertFalse(Files.exists(root.resolve("o")), "nothing written");
    }

    @Test
    void aggregateOfASourceATrackLacksFailsThatTrackOnly(@TempDir Path out) throws IOException {
        // Sources found per track: the planner checks each track.
        SeparationReport r = SeparationJob.run(SparkTestSession.get(),
                withAggregate("flac", out, AudioOutputFormat.FLAC, "acc=s1+drums"));
        assertEquals(2, r.count(Status.FAILED));
        assertFalse(Files.exists(out.resolve("t1/_SUCCESS")));
    }
}
