package org.wienerspark.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.wienerspark.io.BadInputException;

/**
 * {@code summary.csv} read back for a comparison: today's ten columns, or more metric columns
 * (--mixtures, extra metric sets) between {@code global_SDR} and {@code frames}, which are skipped;
 * any other header is bad input naming the file.
 */
class SummaryCsvTest {

    @TempDir
    Path dir;

    List<TrackSummary> read(String text) throws IOException {
        Path f = dir.resolve("summary.csv");
        Files.writeString(f, text);
        return SummaryCsv.read(new Configuration(), new org.apache.hadoop.fs.Path(f.toUri()), "m");
    }

    @Test
    void extraMetricColumnsAreSkipped() throws IOException {
        List<TrackSummary> rows = read("track,target,SDR,SIR,ISR,SAR,global_SDR,input_SDR,si_SI-SDR,frames,status,note\n"
                + "a,vocals,1.5,2,3,4,5.25,-1,NaN,7,ok,\"x, y\"\n"
                + "b,,NaN,NaN,NaN,NaN,NaN,NaN,NaN,0,failed,b/vocals.wav: missing\n");
        assertEquals(2, rows.size());
        TrackSummary a = rows.get(0);
        assertEquals(5.25, a.value("global_SDR"));
        assertEquals(1.5, a.value("SDR"));
        assertEquals(7, a.frames());
        assertEquals("x, y", a.note());
        assertTrue(!rows.get(1).ok() && rows.get(1).target() == null);
        assertEquals(rows.get(0).value("SAR"), read(SummaryCsv.HEADER + "\na,vocals,1.5,2,3,4,5.25,7,ok,\n").get(0)
                .value("SAR"));
    }

    @Test
    void anotherHeaderOrARaggedLineIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> read("track,target,SDR\n"));
        assertTrue(e.getMessage().contains("summary.csv"), e.getMessage());
        assertThrows(BadInputException.class, () -> read("track,target,SDR,SIR,ISR,SAR,global_SDR,x,frames,status,note\n"
                + "a,vocals,1,2,3,4,5,7,ok,\n"));
    }
}
