package org.wienerspark.separation;

import java.io.Serializable;
import java.util.List;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.Failure;

/**
 * One track of the corpus as the driver planned it: where its inputs are, what they hold, and
 * (when planning already found a problem) why it cannot be separated.
 *
 * @param index        position in the corpus (tracks are processed and reported in this order)
 * @param name         track name, also its output folder
 * @param mixture      path of the mixture WAV
 * @param sources      source names; the residual, when asked for, is the last one
 * @param estimates    per input source (the residual excluded), the WAV or .npy path
 * @param spectrogramInput whether the estimates are .npy magnitude spectrograms
 * @param sampleRate   mixture sample rate
 * @param channels     mixture channels
 * @param samples      mixture length in samples
 * @param frames       STFT frames of the mixture
 * @param mixtureFormat the mixture's sample format
 * @param notes        remarks for the report (e.g. an estimate padded to the mixture's length)
 * @param failure      why planning failed, else null
 */
public record TrackPlan(int index, String name, String mixture, List<String> sources, List<String> estimates,
                        boolean spectrogramInput, int sampleRate, int channels, int samples, int frames,
                        WavFormat mixtureFormat, List<String> notes, Failure failure)
        implements Serializable {

    public TrackPlan {
        sources = List.copyOf(sources);
        estimates = List.copyOf(estimates);
        notes = List.copyOf(notes);
    }

    public boolean ok() {
        return failure == null;
    }

    /** A failed plan for a track whose inputs cannot be used. */
    static TrackPlan failed(int index, String name, String mixture, Failure failure) {
        return failed(index, name, mixture, failure, List.of());
    }

    /** A failed plan that still reports its notes (e.g. files left out of the track). */
    static TrackPlan failed(int index, String name, String mixture, Failure failure, List<String> notes) {
        return new TrackPlan(index, name, mixture, List.of(), List.of(), false, 0, 0, 0, 0, null, notes, failure);
    }

    /** Number of blocks of {@code blockFrames} frames. */
    public int blocks(int blockFrames) {
        return (frames + blockFrames - 1) / blockFrames;
    }

    /** Number of sources read from input (without the residual). */
    public int inputSources() {
        return estimates.size();
    }
}
