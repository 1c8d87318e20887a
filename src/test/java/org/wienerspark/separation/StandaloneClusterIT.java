package org.wienerspark.separation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.core.Tensors;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.TestCorpus;

/**
 * The application jar submitted with spark-submit to a standalone cluster (a Master and two
 * Workers on 127.0.0.1) gives byte for byte the output of local mode.
 */
class StandaloneClusterIT {

    @TempDir
    Path dir;

    @Test
    void clusterOutputEqualsLocalMode() throws Exception {
        Path corpus = dir.resolve("corpus");
        TestCorpus.track(corpus, "a", 2, 9000, 3, 30.0, 11);
        TestCorpus.track(corpus, "b", 2, 6000, 3, 0.7, 12);
        Path local = dir.resolve("local");
        Path cluster = dir.resolve("cluster");
        List<String> args = List.of("--mixtures", corpus.resolve("mixtures").toString(), "--estimates",
                corpus.resolve("estimates").toString(), "--iterations", "2", "--n-fft", "256", "--hop", "64",
                "--block-frames", "16", "--partitions", "5", "--output-format", "float64", "--quiet");

        SeparationConfig config = SeparationConfig.builder().mixtures(corpus.resolve("mixtures").toString())
                .estimates(corpus.resolve("estimates").toString()).output(local.toString()).iterations(2).nFft(256)
                .hop(64).blockFrames(16).outputFormat(AudioOutputFormat.FLOAT64).partitions(5).quiet(true)
                .checkpointEvery(0).build();
        SeparationJob.run(SparkTestSession.get(), config);

        try (StandaloneCluster c = new StandaloneCluster(dir.resolve("cluster-run"))) {
            c.start(2);
            List<String> submitArgs = new java.util.ArrayList<>(List.of("separate", "--output", cluster.toString()));
            submitArgs.addAll(args);
            int exit = c.submit(dir.resolve("submit.log"), submitArgs.toArray(String[]::new));
            assertEquals(0, exit, "spark-submit exit code; log:\n" + Files.readString(dir.resolve("submit.log")));
        }
        for (String track : List.of("a", "b")) {
            for (int j = 0; j < 3; j++) {
                assertArrayEquals(Files.readAllBytes(local.resolve(track + "/s" + j + ".wav")),
                        Files.readAllBytes(cluster.resolve(track + "/s" + j + ".wav")), track + "/s" + j);
            }
        }
    }
}
