package org.wienerspark.io;

import java.util.ArrayList;
import java.util.List;

/**
 * The project's one CSV reader and writer of fields (RFC 4180 within a line): fields are
 * separated by commas; a field holding a comma or a quote is quoted, a quote inside doubled.
 * Hand-written: the only CSV parser on the classpath is Spark's internal one, and the files read
 * (manifests, summaries) are a few lines of this simple form.
 */
public final class Csv {

    private Csv() {
    }

    /** The fields of one line, unquoted. */
    public static List<String> fields(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (ch == '"') {
                    quoted = false;
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** A field as written: quoted when it holds a comma, a quote or a line break. */
    public static String field(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
