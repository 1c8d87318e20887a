package org.wienerspark.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.wienerspark.eval.PadOrTruncate;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioContainer;
import org.wienerspark.io.AudioInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wienerspark.spark.StemSum;
import org.wienerspark.spark.TrackNames;

/**
 * Lists the tracks of an evaluation on the driver (the folders of {@code --references}, sorted by
 * name) and checks each from its audio headers only (WAV or FLAC, by extension). A track whose files cannot be scored together
 * (a missing file, a sample rate or channel count that differs, references of different lengths)
 * is planned as failed with the file and the reason; the others go on.
 *
 * <p>A target whose reference file is missing is summed sample-wise from other references when a
 * sum defines it, as museval scores MUSDB's accompaniment: the evaluation's {@code --aggregate},
 * else the {@code --aggregate} recorded in the estimates' {@code _report.json} (a separation run's
 * output), else {@link StemSum#MUSDB_ACCOMPANIMENT}. A reference file that exists always wins.
 */
final class EvaluationPlanner {

    private static final Logger LOG = LoggerFactory.getLogger(EvaluationPlanner.class);
    /** The separation's run report, whose settings record its {@code --aggregate}. */
    static final String SEPARATION_REPORT = "_report.json";

    private final Configuration conf;
    private final EvaluationConfig config;
    /** Per target name, the sum a missing reference is built from, and where that definition comes from. */
    private final Map<String, StemSum> sums = new LinkedHashMap<>();
    private final Map<String, String> origins = new LinkedHashMap<>();

    EvaluationPlanner(Configuration conf, EvaluationConfig config) {
        this.conf = conf;
        this.config = config;
    }

    List<EvaluationTrack> plan() throws IOException {
        Path refRoot = new Path(config.references());
        FileSystem fs = refRoot.getFileSystem(conf);
        if (!fs.exists(refRoot) || !fs.getFileStatus(refRoot).isDirectory()) {
            throw new BadInputException(refRoot.toString(), "--references is not a folder");
        }
        Path estRoot = new Path(config.estimates());
        FileSystem efs = estRoot.getFileSystem(conf);
        if (!efs.exists(estRoot) || !efs.getFileStatus(estRoot).isDirectory()) {
            throw new BadInputException(estRoot.toString(), "--estimates is not a folder");
        }
        defineSums(estRoot);
        FileStatus[] dirs = fs.listStatus(refRoot);
        Arrays.sort(dirs);
        List<EvaluationTrack> plans = new ArrayList<>();
        for (FileStatus d : dirs) {
            String name = d.getPath().getName();
            if (!d.isDirectory() || name.startsWith(".") || name.startsWith("_")) {
                continue;
            }
            plans.add(check(plans.size(), name, d.getPath(), new Path(estRoot, name)));
        }
        return plans;
    }

    /** The sums by precedence: MUSDB's accompaniment, then the separation's record, then {@code --aggregate}. */
    private void defineSums(Path estRoot) throws IOException {
        sums.put(StemSum.MUSDB_ACCOMPANIMENT.name(), StemSum.MUSDB_ACCOMPANIMENT);
        origins.put(StemSum.MUSDB_ACCOMPANIMENT.name(), "MUSDB's accompaniment");
        Path report = new Path(estRoot, SEPARATION_REPORT);
        FileSystem fs = estRoot.getFileSystem(conf);
        if (fs.exists(report)) {
            try (var in = fs.open(report)) {
                JsonNode recorded = new ObjectMapper().readTree(in).path("settings").path("aggregates");
                for (JsonNode a : recorded) {
                    StemSum sum = StemSum.parse(a.asText());
                    sums.put(sum.name(), sum);
                    origins.put(sum.name(), "recorded in " + report);
                }
            } catch (IOException | IllegalArgumentException e) {
                // The estimates may come from elsewhere: an unreadable report only loses the recorded sums.
                LOG.warn("{}: cannot read the separation's --aggregate ({}); using the evaluation's own", report,
                        e.toString());
            }
        }
        for (StemSum sum : config.aggregates()) {
            sums.put(sum.name(), sum);
            origins.put(sum.name(), "--aggregate");
        }
    }

    private EvaluationTrack check(int index, String name, Path refDir, Path estDir) throws IOException {
        String problem = TrackNames.problem(name);
        if (problem != null) {
            return EvaluationTrack.failed(index, name, refDir.toString(), problem);
        }
        List<String> refs = new ArrayList<>();
        List<String> ests = new ArrayList<>();
        List<Long> estFrames = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        List<List<String>> refParts = new ArrayList<>();
        AudioInfo first = null;
        String firstFile = null;
        for (String target : config.targets()) {
            Path ref;
            Path est;
            List<Path> parts = new ArrayList<>();
            try {
                ref = audioFile(refDir, target);
                est = audioFile(estDir, target);
                StemSum sum = sums.get(target);
                if (sum != null && !ref.getFileSystem(conf).exists(ref)) {
                    for (String part : sum.sources()) {
                        Path p = audioFile(refDir, part);
                        if (!p.getFileSystem(conf).exists(p)) {
                            return EvaluationTrack.failed(index, name, p.toString(), "reference '" + target
                                    + "' is missing and cannot be summed from the references: its part '" + part
                                    + "' is missing too (" + sum + ", " + origins.get(target) + ")");
                        }
                        parts.add(p);
                    }
                }
            } catch (BadInputException ex) {
                return EvaluationTrack.failed(index, name, ex.file(), ex.problem());
            }
            AudioInfo r = null;
            AudioInfo e;
            for (Path file : parts.isEmpty() ? List.of(ref) : parts) {
                try {
                    r = Audio.readInfo(conf, file);
                } catch (BadInputException ex) {
                    return EvaluationTrack.failed(index, name, ex.file(), "reference: " + ex.problem());
                }
                if (first == null) {
                    first = r;
                    firstFile = file.toString();
                } else if (r.sampleRate() != first.sampleRate() || r.channels() != first.channels()
                        || r.frames() != first.frames()) {
                    return EvaluationTrack.failed(index, name, file.toString(), "reference has " + describe(r)
                            + " but " + firstFile + " has " + describe(first)
                            + "; the references of a track must agree");
                }
            }
            try {
                e = Audio.readInfo(conf, est);
            } catch (BadInputException ex) {
                return EvaluationTrack.failed(index, name, ex.file(), "estimate: " + ex.problem());
            }
            if (e.sampleRate() != r.sampleRate()) {
                return EvaluationTrack.failed(index, name, est.toString(), "sample rate " + e.sampleRate()
                        + " Hz differs from the reference's " + r.sampleRate() + " Hz");
            }
            if (e.channels() != r.channels()) {
                return EvaluationTrack.failed(index, name, est.toString(), e.channels()
                        + " channels, the reference has " + r.channels());
            }
            String note = PadOrTruncate.note(target, e.frames(), r.frames());
            if (note != null) {
                notes.add(note);
            }
            if (parts.isEmpty()) {
                refs.add(qualified(ref));
                refParts.add(List.of());
            } else {
                // Names the sum in messages: the folder and the files added.
                refs.add(qualified(refDir) + "/" + String.join("+", parts.stream().map(Path::getName).toList()));
                List<String> q = new ArrayList<>();
                for (Path p : parts) {
                    q.add(qualified(p));
                }
                refParts.add(q);
            }
            ests.add(qualified(est));
            estFrames.add(e.frames());
        }
        if (first.frames() > Integer.MAX_VALUE) {
            return EvaluationTrack.failed(index, name, firstFile, first.frames() + " samples is more than 2^31 - 1");
        }
        return new EvaluationTrack(index, name, refs, ests, estFrames, first.sampleRate(), first.channels(),
                first.frames(), notes, null, refParts);
    }

    private static String describe(AudioInfo h) {
        return h.channels() + " channels at " + h.sampleRate() + " Hz, " + h.frames() + " samples";
    }

    /**
     * {@code <dir>/<target>.wav} or {@code .flac}, whichever exists ({@code .wav} when neither,
     * so that reading it names the missing file); both is an error naming the file.
     */
    private Path audioFile(Path dir, String target) throws IOException {
        Path wav = new Path(dir, target + "." + AudioContainer.WAV.extension());
        Path flac = new Path(dir, target + "." + AudioContainer.FLAC.extension());
        FileSystem fs = dir.getFileSystem(conf);
        boolean hasFlac = fs.exists(flac);
        if (hasFlac && fs.exists(wav)) {
            throw new BadInputException(wav.toString(), "both " + wav.getName() + " and " + flac.getName()
                    + " exist; keep one");
        }
        return hasFlac ? flac : wav;
    }

    private String qualified(Path p) throws IOException {
        return p.getFileSystem(conf).makeQualified(p).toString();
    }
}
