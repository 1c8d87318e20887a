package org.wienerspark.separation;

import java.io.Serializable;
import org.wienerspark.core.EmScale;
import org.wienerspark.dsp.Range;
import org.wienerspark.dsp.Stft;
import org.wienerspark.spark.Failure;

/**
 * The samples a block owns, for every source: (S, n, C), n = the block's owned samples; or the
 * error that failed its track.
 */
final class BlockAudio implements Serializable {

    private static final long serialVersionUID = 1L;

    final double[] samples;
    final int frames;
    final Failure failure;

    private BlockAudio(double[] samples, int frames, Failure failure) {
        this.samples = samples;
        this.frames = frames;
        this.failure = failure;
    }

    static BlockAudio failed(Failure failure) {
        return new BlockAudio(null, 0, failure);
    }

    /** The inverse STFT of blocks; one per partition (it holds the STFT plan and a frame buffer). */
    static final class Synthesizer {
        private final Stft stft;

        Synthesizer(SeparationConfig config) {
            this.stft = new Stft(config.nFft(), config.hop());
        }

        /** The owned samples of every source: y times its group's scale ({@link EmScale}), inverse STFT. */
        BlockAudio audio(TrackPlan plan, FrameBlock b) {
            Range owned = stft.ownedSamples(plan.samples(), b.ownedStart, b.ownedEnd);
            int n = owned.length();
            int c = b.channels;
            int s = b.sources;
            double[] out = new double[s * n * c];
            double[] frames = new double[2 * b.frames * b.bins * c];
            double[] one = new double[n * c];
            double[] y = b.y();
            for (int j = 0; j < s; j++) {
                // The reference multiplies the EM output by the scale before the inverse STFT.
                EmScale.sourceTimesScale(y, b.bins * c, s, j, b.heldStart, b.frames, b.emWindow, b.scales, frames);
                stft.inverseSamples(frames, b.heldStart, c, plan.samples(), owned.start(), owned.end(), one);
                System.arraycopy(one, 0, out, j * n * c, n * c);
            }
            return new BlockAudio(out, n, null);
        }
    }
}
