package org.wienerspark.evaluation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.wienerspark.eval.PadOrTruncate;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioContainer;
import org.wienerspark.io.AudioInfo;
import org.wienerspark.spark.TrackNames;

/**
 * Lists the tracks of an evaluation on the driver (the folders of {@code --references}, sorted by
 * name) and checks each from its audio headers only (WAV or FLAC, by extension). A track whose files cannot be scored together
 * (a missing file, a sample rate or channel count that differs, references of different lengths)
 * is planned as failed with the file and the reason; the others go on.
 */
final class EvaluationPlanner {

    private final Configuration conf;
    private final EvaluationConfig config;

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

    private EvaluationTrack check(int index, String name, Path refDir, Path estDir) throws IOException {
        String problem = TrackNames.problem(name);
        if (problem != null) {
            return EvaluationTrack.failed(index, name, refDir.toString(), problem);
        }
        List<String> refs = new ArrayList<>();
        List<String> ests = new ArrayList<>();
        List<Long> estFrames = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        AudioInfo first = null;
        String firstFile = null;
        for (String target : config.targets()) {
            Path ref;
            Path est;
            try {
                ref = audioFile(refDir, target);
                est = audioFile(estDir, target);
            } catch (BadInputException ex) {
                return EvaluationTrack.failed(index, name, ex.file(), ex.problem());
            }
            AudioInfo r;
            AudioInfo e;
            try {
                r = Audio.readInfo(conf, ref);
            } catch (BadInputException ex) {
                return EvaluationTrack.failed(index, name, ex.file(), "reference: " + ex.problem());
            }
            try {
                e = Audio.readInfo(conf, est);
            } catch (BadInputException ex) {
                return EvaluationTrack.failed(index, name, ex.file(), "estimate: " + ex.problem());
            }
            if (first == null) {
                first = r;
                firstFile = ref.toString();
            } else if (r.sampleRate() != first.sampleRate() || r.channels() != first.channels()
                    || r.frames() != first.frames()) {
                return EvaluationTrack.failed(index, name, ref.toString(), "reference has " + describe(r)
                        + " but " + firstFile + " has " + describe(first) + "; the references of a track must agree");
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
            refs.add(qualified(ref));
            ests.add(qualified(est));
            estFrames.add(e.frames());
        }
        if (first.frames() > Integer.MAX_VALUE) {
            return EvaluationTrack.failed(index, name, firstFile, first.frames() + " samples is more than 2^31 - 1");
        }
        return new EvaluationTrack(index, name, refs, ests, estFrames, first.sampleRate(), first.channels(),
                first.frames(), notes, null);
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
