package org.wienerspark.results;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Csv;

/**
 * Reads the evaluation job's {@code summary.csv} ({@code track,target,SDR,SIR,ISR,SAR,global_SDR,
 * frames,status,note}, or with more metric columns before {@code frames}, which are skipped) back as {@link TrackSummary} rows: the per-track medians, the global SDR
 * and the failed tracks with their reasons, which museval's JSON does not hold (fields split by
 * the project's one CSV reader, {@link Csv}).
 */
public final class SummaryCsv {

    public static final String NAME = "summary.csv";
    public static final String HEADER = "track,target,SDR,SIR,ISR,SAR,global_SDR,frames,status,note";
    private static final List<String> HEADER_FIELDS = List.of(HEADER.split(","));

    private SummaryCsv() {
    }

    public static List<TrackSummary> read(Configuration conf, Path file, String method) throws IOException {
        FileSystem fs = file.getFileSystem(conf);
        List<TrackSummary> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
            String header = r.readLine();
            List<String> names = header == null ? List.of() : Csv.fields(header.strip());
            // Today's header, or one with more metric columns between global_SDR and frames
            // (--mixtures, extra metric sets): their values are not part of a comparison.
            int width = names.size();
            if (width < 10 || !names.subList(0, 7).equals(HEADER_FIELDS.subList(0, 7))
                    || !names.subList(width - 3, width).equals(HEADER_FIELDS.subList(7, 10))) {
                throw new BadInputException(file.toString(), "expected the header '" + HEADER
                        + "' (more metric columns may follow global_SDR), got '" + header + "'");
            }
            String line;
            int n = 1;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                List<String> all = Csv.fields(line);
                if (all.size() != width) {
                    throw new BadInputException(file.toString(), "line " + n + ": expected " + width + " fields, got "
                            + all.size());
                }
                List<String> f = new ArrayList<>(all.subList(0, 7));
                f.addAll(all.subList(width - 3, width));
                double[] v = new double[TrackSummary.COLUMNS.size()];
                for (int c = 0; c < v.length; c++) {
                    v[c] = number(f.get(2 + c), file, n);
                }
                int frames;
                try {
                    frames = Integer.parseInt(f.get(7));
                } catch (NumberFormatException e) {
                    throw new BadInputException(file.toString(), "line " + n + ": frames is not an integer: " + f.get(7));
                }
                String status = f.get(8);
                if (!status.equals(TrackSummary.OK) && !status.equals(TrackSummary.FAILED)) {
                    throw new BadInputException(file.toString(), "line " + n + ": unknown status '" + status + "'");
                }
                rows.add(new TrackSummary(method, f.get(0), f.get(1).isEmpty() ? null : f.get(1), v, frames, status,
                        f.get(9)));
            }
        }
        return rows;
    }

    private static double number(String s, Path file, int line) throws BadInputException {
        switch (s) {
            case "inf":
                return Double.POSITIVE_INFINITY;
            case "-inf":
                return Double.NEGATIVE_INFINITY;
            default:
                try {
                    return Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    throw new BadInputException(file.toString(), "line " + line + ": not a number: " + s);
                }
        }
    }

    /** A CSV field, quoted when it holds a comma, a quote or a line break. */
    public static String field(String s) {
        return s == null ? "" : Csv.field(s);
    }
}
