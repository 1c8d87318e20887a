package org.wienerspark.results;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.wienerspark.io.BadInputException;

/**
 * Reads museval's per-track JSON ({@code {"targets": [{"name", "frames": [{"time", "duration",
 * "metrics": {"SDR", "SIR", "SAR", "ISR"}}]}]}}), as written by museval's {@code TrackStore}, by
 * this project's evaluation job and found in the SiSEC 2018 submissions. {@code NaN} is accepted
 * as a number (museval writes it) and so is JSON {@code null}; a metric missing from a frame is NaN.
 */
public final class MusevalReader {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private MusevalReader() {
    }

    /** The track named after the file ({@code <track>.json}). */
    public static String trackName(Path file) {
        String name = file.getName();
        return name.endsWith(".json") ? name.substring(0, name.length() - 5) : name;
    }

    /** Reads one file through Hadoop's FileSystem API. */
    public static TrackScores read(Configuration conf, Path file) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        try (InputStream in = fs.open(file)) {
            return parse(in, file.toString(), trackName(file));
        }
    }

    /** Parses a document; {@code file} names it in errors. */
    public static TrackScores parse(InputStream in, String file, String track) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(in);
        } catch (JacksonException e) {
            throw new BadInputException(file, "not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("targets").isArray()) {
            throw new BadInputException(file, "not a museval track file (no \"targets\" list)");
        }
        List<TrackScores.Target> targets = new ArrayList<>();
        for (JsonNode t : root.get("targets")) {
            String name = t.path("name").asText(null);
            if (name == null || name.isEmpty()) {
                throw new BadInputException(file, "a target without a name");
            }
            JsonNode frames = t.path("frames");
            if (!frames.isArray()) {
                throw new BadInputException(file, "target " + name + ": no \"frames\" list");
            }
            int n = frames.size();
            double[] time = new double[n];
            double[] duration = new double[n];
            Map<String, double[]> metrics = new LinkedHashMap<>();
            for (String m : TrackScores.METRICS) {
                metrics.put(m, new double[n]);
            }
            for (int f = 0; f < n; f++) {
                JsonNode frame = frames.get(f);
                time[f] = number(frame.get("time"), file, name, f, "time");
                duration[f] = number(frame.get("duration"), file, name, f, "duration");
                JsonNode values = frame.path("metrics");
                if (!values.isObject()) {
                    throw new BadInputException(file, "target " + name + ", frame " + f + ": no \"metrics\" object");
                }
                for (Map.Entry<String, double[]> e : metrics.entrySet()) {
                    JsonNode v = values.get(e.getKey());
                    e.getValue()[f] = v == null || v.isNull() ? Double.NaN : number(v, file, name, f, e.getKey());
                }
            }
            targets.add(new TrackScores.Target(name, time, duration, metrics));
        }
        return new TrackScores(track, targets);
    }

    private static double number(JsonNode v, String file, String target, int frame, String field)
            throws BadInputException {
        if (v == null || v.isNull()) {
            if (field.equals("time") || field.equals("duration")) {
                throw new BadInputException(file, "target " + target + ", frame " + frame + ": no \"" + field + "\"");
            }
            return Double.NaN;
        }
        if (!v.isNumber()) {
            throw new BadInputException(file, "target " + target + ", frame " + frame + ": \"" + field
                    + "\" is not a number: " + v);
        }
        double d = v.asDouble();
        // museval writes infinities as NaN; read them the same way.
        return Double.isFinite(d) ? d : Double.NaN;
    }
}
