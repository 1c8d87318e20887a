package org.wienerspark.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.demo.DemoCorpus;
import org.wienerspark.io.Wav;
import org.wienerspark.io.WavHeader;
import org.wienerspark.spark.SparkTestSession;

/** The demo, end to end in local mode with the default settings, through the command line. */
class DemoJobTest {

    @Test
    void demoCorpusSeparatesWithDefaults(@TempDir Path dir) throws Exception {
        SparkTestSession.get(); // the command reuses the test's local[2] session
        Path data = dir.resolve("data");
        assertEquals(0, Main.run("demo-data", "--output", data.toString(), "--tracks", "2", "--seconds", "3"));
        Path out = dir.resolve("out");
        int exit = Main.run("separate", "--mixtures", data.resolve("mixtures").toString(), "--estimates",
                data.resolve("estimates").toString(), "--output", out.toString(), "--quiet");
        assertEquals(0, exit);
        JsonNode report = new ObjectMapper().readTree(out.resolve("_report.json").toFile());
        assertEquals(2, report.path("summary").path("ok").asInt());
        Configuration conf = new Configuration();
        for (String track : new String[] {"demo-01", "demo-02"}) {
            WavHeader mix = Wav.readInfo(conf, new org.apache.hadoop.fs.Path(
                    data.resolve("mixtures/" + track + "/mixture.wav").toUri()));
            for (String s : DemoCorpus.SOURCES) {
                WavHeader h = Wav.readInfo(conf, new org.apache.hadoop.fs.Path(
                        out.resolve(track + "/" + s + ".wav").toUri()));
                assertEquals(mix.frames(), h.frames(), track + "/" + s);
                assertEquals(mix.format(), h.format(), "output format is the mixture's by default");
            }
            assertTrue(Files.exists(out.resolve(track + "/_SUCCESS")));
        }
    }
}
