package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioInfo;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.io.WavFormat;
import org.wienerspark.io.WavWriter;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/**
 * The write stage quantizes 16-bit output in the blocks' tasks, before the shuffle
 * ({@link BlockAudio}): the files and the clipped counts must be those of the writer quantizing
 * the double samples itself, for sources and aggregates, with block edges inside the track.
 */
class WriteStageTest {

    private static final Configuration CONF = new Configuration();
    private static final List<String> OUTPUTS = List.of("s0", "s1", "s2", "acc");

    @TempDir
    static Path root;

    @BeforeAll
    static void corpus() throws IOException {
        // Loud enough that the stems and their sum clip at 16 bits.
        TestCorpus.track(root.resolve("in"), "t1", 2, 5000, 3, 4.0, 51);
        TestCorpus.track(root.resolve("in"), "t2", 1, 3100, 3, 3.0, 52);
    }

    static SeparationConfig config(Path out, AudioOutputFormat format) {
        return SeparationConfig.builder().mixtures(root.resolve("in/mixtures").toString())
                .estimates(root.resolve("in/estimates").toString()).output(out.toString()).iterations(1)
                .nFft(256).hop(64).blockFrames(10).outputFormat(format).partitions(3).quiet(true)
                .checkpointEvery(0).aggregates(List.of(Aggregate.parse("acc=s2+s0"))).build();
    }

    static double[] read(Path file) throws IOException {
        org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
        AudioInfo info = Audio.readInfo(CONF, p);
        return Audio.read(CONF, p, 0, info.frames());
    }

    @Test
    void pcm16QuantizedInTheBlocksEqualsTheWriterQuantizingTheDoubles(@TempDir Path pcm, @TempDir Path dbl)
            throws IOException {
        SeparationReport r16 = SeparationJob.run(SparkTestSession.get(), config(pcm, AudioOutputFormat.PCM16));
        SeparationReport r64 = SeparationJob.run(SparkTestSession.get(), config(dbl, AudioOutputFormat.FLOAT64));
        assertEquals(2, r16.count(Status.OK));
        assertEquals(2, r64.count(Status.OK));
        long total = 0;
        for (TrackResult t : r16.results()) {
            String track = r16.plans().get(t.track()).name();
            List<Long> expected = new ArrayList<>();
            for (String o : OUTPUTS) {
                double[] x = read(dbl.resolve(track + "/" + o + ".wav"));
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                int channels = r16.plans().get(t.track()).channels();
                WavWriter w = new WavWriter(bytes, o, channels, 8000, WavFormat.PCM_16, x.length / channels);
                w.append(x, 0, x.length / channels);
                expected.add(w.clippedSamples());
                w.close();
                double[] quantized = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    double v = Math.rint(x[i] * 32768);
                    quantized[i] = Math.max(-32768, Math.min(32767, v)) / 32768;
                }
                assertArrayEquals(quantized, read(pcm.resolve(track + "/" + o + ".wav")), 0.0, track + "/" + o);
            }
            assertEquals(expected, t.clipped(), track + ": clipped per output");
            total += expected.stream().mapToLong(Long::longValue).sum();
        }
        assertTrue(total > 0, "the corpus clips");
    }
}
