package org.wienerspark.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** museval's per-track JSON, byte for byte as simplejson writes it with indent=2. */
class MusevalJsonTest {

    @Test
    void trackDocumentHasMusevalsLayoutRoundingAndNaN() {
        MusevalJson.Target vocals = new MusevalJson.Target("vocals", new double[] {1.234564999, Double.NaN},
                new double[] {2, Double.NaN}, new double[] {-0.000001, Double.NaN},
                new double[] {Double.POSITIVE_INFINITY, Double.NaN});
        String expected = """
                {
                  "targets": [
                    {
                      "name": "vocals",
                      "frames": [
                        {
                          "time": 0.0,
                          "duration": 1.0,
                          "metrics": {
                            "SDR": 1.23456,
                            "SIR": -0.00000,
                            "SAR": NaN,
                            "ISR": 2.00000
                          }
                        },
                        {
                          "time": 1.5,
                          "duration": 1.0,
                          "metrics": {
                            "SDR": NaN,
                            "SIR": NaN,
                            "SAR": NaN,
                            "ISR": NaN
                          }
                        }
                      ]
                    },
                    {
                      "name": "bass",
                      "frames": []
                    }
                  ],
                  "museval_version": "0.4.1"
                }""";
        MusevalJson.Target bass = new MusevalJson.Target("bass", new double[0], new double[0], new double[0],
                new double[0]);
        assertEquals(expected, MusevalJson.write(List.of(vocals, bass), 1.0, 1.5));
        assertEquals("{\n  \"targets\": [],\n  \"museval_version\": \"0.4.1\"\n}", MusevalJson.write(List.of(), 1, 1));
    }

    @Test
    void floatsAreWrittenAsPythonReprs() {
        assertEquals("0.0", MusevalJson.pythonFloat(0.0));
        assertEquals("29.0", MusevalJson.pythonFloat(29));
        assertEquals("2.5", MusevalJson.pythonFloat(2.5));
        assertEquals("1e-05", MusevalJson.pythonFloat(1e-5));
        assertEquals("\"a\\\"b\\u00e9\"", MusevalJson.string("a\"bé"));
    }
}
