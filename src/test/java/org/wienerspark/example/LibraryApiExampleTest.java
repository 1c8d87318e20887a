package org.wienerspark.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.evaluation.EvaluationConfig;
import org.wienerspark.evaluation.EvaluationJob;
import org.wienerspark.io.AudioOutputFormat;
import org.wienerspark.separation.SeparationConfig;
import org.wienerspark.separation.SeparationJob;
import org.wienerspark.separation.SeparationReport;
import org.wienerspark.spark.SparkTestSession;
import org.wienerspark.spark.Status;
import org.wienerspark.spark.TestCorpus;

/**
 * README's "Using it from your own Spark application": the example program, in a package of
 * its own so that it can only use the public API, run on an existing session.
 */
class LibraryApiExampleTest {

    @Test
    void anApplicationSeparatesAndScoresACorpusOnItsOwnSession(@TempDir Path root) throws Exception {
        TestCorpus.track(root, "song", 2, 6000, 3, 1.0, 11);
        SparkSession spark = SparkTestSession.get();
        String corpus = root.toString();

        // The README's example, from here to the end of the method.
        SeparationConfig config = SeparationConfig.builder()
                .mixtures(corpus + "/mixtures")
                .estimates(corpus + "/estimates")
                .output(corpus + "/refined")
                .iterations(2)
                .nFft(512).hop(128)
                .outputFormat(AudioOutputFormat.FLOAT32)
                .build();
        SeparationReport report = SeparationJob.run(spark, config);
        assertEquals(1, report.count(Status.OK), "one track separated");

        EvaluationConfig scoring = EvaluationConfig.builder(corpus + "/estimates", corpus + "/refined",
                corpus + "/scores").targets(List.of("s0", "s1", "s2")).build();
        EvaluationJob.Outcome scores = EvaluationJob.run(spark, scoring);
        assertEquals(0, scores.report().failed(), "every track scored");

        assertTrue(Files.exists(root.resolve("refined/song/_SUCCESS")));
        assertTrue(Files.exists(root.resolve("scores/summary.csv")));
    }
}
