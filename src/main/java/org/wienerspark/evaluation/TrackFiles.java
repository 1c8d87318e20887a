package org.wienerspark.evaluation;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.eval.PadOrTruncate;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioReader;
import org.wienerspark.io.BadInputException;

/**
 * A track's open reference and estimate files (a summed reference where the track's aggregate
 * target has no file of its own), read in chunks of frames; closes them all.
 */
final class TrackFiles implements Closeable {
    final AudioReader[] refs;
    final AudioReader[] ests;

    TrackFiles(Configuration conf, EvaluationTrack plan) throws IOException {
        int k = plan.references().size();
        refs = new AudioReader[k];
        ests = new AudioReader[k];
        try {
            for (int i = 0; i < k; i++) {
                List<String> parts = plan.referenceParts().get(i);
                refs[i] = parts.isEmpty() ? Audio.open(conf, new Path(plan.references().get(i)))
                        : new SummedReference(conf, plan.references().get(i), parts);
                ests[i] = Audio.open(conf, new Path(plan.estimates().get(i)));
            }
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public void close() {
        for (AudioReader[] rs : new AudioReader[][] {refs, ests}) {
            for (AudioReader r : rs) {
                if (r != null) {
                    try {
                        r.close();
                    } catch (IOException ignored) {
                        // Read-only: nothing is lost.
                    }
                }
            }
        }
    }

    /**
     * Reads samples {@code [from, from + len)} of the members into (members, len, channels)
     * blocks; estimates aligned to the reference's length (cut, or zero past their end).
     */
    void read(EvaluationTrack plan, int[] members, int from, int len, double[] r, double[] e) throws IOException {
        int ch = plan.channels();
        for (int i = 0; i < members.length; i++) {
            int t = members[i];
            int base = i * len * ch;
            refs[t].read(from, from + len, r, base);
            requireFinite(plan.references().get(t), r, base, len * ch, from, ch);
            int have = PadOrTruncate.available(plan.estimateFrames().get(t), from, len);
            if (have > 0) {
                ests[t].read(from, from + have, e, base);
                requireFinite(plan.estimates().get(t), e, base, have * ch, from, ch);
            }
            Arrays.fill(e, base + have * ch, base + len * ch, 0.0);
        }
    }

    /** Float WAV files can hold NaN or infinities, which would poison the whole track's filters. */
    static void requireFinite(String file, double[] x, int offset, int count, int firstFrame, int channels)
            throws BadInputException {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(x[offset + i])) {
                throw new BadInputException(file, "non-finite sample " + x[offset + i] + " at frame "
                        + (firstFrame + i / channels) + ", channel " + i % channels);
            }
        }
    }
}
