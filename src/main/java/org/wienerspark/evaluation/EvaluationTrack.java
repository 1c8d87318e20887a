package org.wienerspark.evaluation;

import java.io.Serializable;
import java.util.List;
import org.wienerspark.spark.Failure;

/**
 * One track's evaluation plan, checked on the driver from the WAV headers: its files, the common
 * sample rate, channels and reference length, each estimate's length (aligned to the reference's
 * as museval does) or, when a file cannot be used, the file and the reason.
 *
 * @param index          position in the corpus
 * @param name           track folder name
 * @param references     per target, the reference file
 * @param estimates      per target, the estimate file
 * @param estimateFrames per target, the estimate's length in samples
 * @param rate           sample rate in Hz
 * @param channels       channels of every file
 * @param frames         reference length in samples
 * @param notes          what was adjusted (estimate lengths)
 * @param failure        why the track cannot be scored, or null
 * @param referenceParts per target, the reference files summed sample-wise when the target's own
 *                       reference is missing ({@code --aggregate}, museval's accompaniment), or an
 *                       empty list when the reference is the file in {@code references}
 */
public record EvaluationTrack(int index, String name, List<String> references, List<String> estimates,
                              List<Long> estimateFrames, int rate, int channels, long frames, List<String> notes,
                              Failure failure, List<List<String>> referenceParts) implements Serializable {

    public EvaluationTrack {
        references = List.copyOf(references);
        estimates = List.copyOf(estimates);
        estimateFrames = List.copyOf(estimateFrames);
        notes = List.copyOf(notes);
        referenceParts = referenceParts.stream().map(List::copyOf).toList();
    }

    public boolean ok() {
        return failure == null;
    }

    static EvaluationTrack failed(int index, String name, String file, String error) {
        return new EvaluationTrack(index, name, List.of(), List.of(), List.of(), 0, 0, 0, List.of(), Failure.of(file, error),
                List.of());
    }
}
