package org.wienerspark.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.cli.Main;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioWriter;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.SparkTestSession;

/** References and estimates as FLAC score exactly as the same 16-bit PCM in WAV. */
class EvaluationFlacTest {

    static final int RATE = 8000;
    static final int N = 20000;

    static void write(Path p, double[] stereo) throws IOException {
        Files.createDirectories(p.getParent());
        try (AudioWriter w = Audio.writer(new Configuration(), new org.apache.hadoop.fs.Path(p.toUri()), 2, RATE,
                WavFormat.PCM_16, N)) {
            w.append(stereo, 0, N);
        }
    }

    @Test
    void flacCorpusScoresAsTheWavCorpus(@TempDir Path dir) throws IOException {
        SplittableRandom rnd = new SplittableRandom(7);
        for (String track : new String[] {"a", "b"}) {
            for (String target : new String[] {"vocals", "bass"}) {
                double[] ref = new double[2 * N];
                double[] est = new double[2 * N];
                double f = 150 + 400 * rnd.nextDouble();
                for (int i = 0; i < N; i++) {
                    for (int c = 0; c < 2; c++) {
                        ref[2 * i + c] = 0.3 * Math.sin(2 * Math.PI * f * i / RATE + c) + 0.05 * (rnd.nextDouble() - 0.5);
                        est[2 * i + c] = 0.9 * ref[2 * i + c] + 0.03 * (rnd.nextDouble() - 0.5);
                    }
                }
                for (String ext : new String[] {"wav", "flac"}) {
                    // track b of the FLAC corpus mixes the containers: its estimates stay WAV
                    String estExt = ext.equals("flac") && track.equals("b") ? "wav" : ext;
                    write(dir.resolve(ext + "/refs/" + track + "/" + target + "." + ext), ref);
                    write(dir.resolve(ext + "/est/" + track + "/" + target + "." + estExt), est);
                }
            }
        }
        SparkTestSession.get();
        for (String ext : new String[] {"wav", "flac"}) {
            int exit = Main.run("evaluate", "--references", dir.resolve(ext + "/refs").toString(), "--estimates",
                    dir.resolve(ext + "/est").toString(), "--output", dir.resolve(ext + "/out").toString(),
                    "--targets", "vocals,bass");
            assertEquals(0, exit, ext);
        }
        JsonMapper json = JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
        for (String track : new String[] {"a", "b"}) {
            JsonNode wav = json.readTree(dir.resolve("wav/out/test/" + track + ".json").toFile());
            JsonNode flac = json.readTree(dir.resolve("flac/out/test/" + track + ".json").toFile());
            assertTrue(wav.path("targets").size() == 2, wav.toString());
            assertEquals(wav.path("targets"), flac.path("targets"), track);
        }
    }
}
