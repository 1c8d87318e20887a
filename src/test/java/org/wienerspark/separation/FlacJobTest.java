package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/**
 * FLAC in and out: the same 16-bit corpus as FLAC and as WAV separates to the same PCM, a track
 * may mix the two containers, and the output format is part of the resume marker.
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
}
