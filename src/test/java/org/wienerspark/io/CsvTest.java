package org.wienerspark.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotedFieldsKeepTheirCommasAndQuotes() {
        assertEquals(List.of("a", "b,c", "say \"hi\"", ""), Csv.fields("a,\"b,c\",\"say \"\"hi\"\"\","));
    }

    @Test
    void writtenFieldsReadBack() {
        for (String s : List.of("plain", "with,comma", "with \"quote\"", "")) {
            assertEquals(List.of(s, "x"), Csv.fields(Csv.field(s) + ",x"));
        }
    }
}
