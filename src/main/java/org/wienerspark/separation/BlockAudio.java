package org.wienerspark.separation;

import java.io.Serializable;
import org.wienerspark.core.EmScale;
import org.wienerspark.dsp.Range;
import org.wienerspark.dsp.Stft;
import org.wienerspark.io.PcmQuantizer;
import org.wienerspark.io.WavFormat;
import org.wienerspark.spark.Failure;

/**
 * The samples a block owns, for every output of its track (its sources, then the aggregates of
 * {@code --aggregate}): (O, n, C), n = the block's owned samples; or the error that failed its
 * track.
 *
 * <p>Where the track is written as integer PCM of 16 bits or fewer, the samples are quantized
 * here, in the block's task, by the writer's own rule ({@link PcmQuantizer}), with their clipped
 * counts: the write shuffle then carries 2 bytes a sample instead of 8, and the files get the
 * same bytes. This is exact because a block's owned samples are final when it is made (the
 * inverse STFT's overlap-add of the halo frames happens in the block: nothing is summed across
 * blocks after the shuffle), and because the aggregates are summed from the double samples,
 * in the order given, before quantizing, as the writer did. Other formats carry doubles.
 */
final class BlockAudio implements Serializable {

    private static final long serialVersionUID = 2L;

    /** Doubles, (O, n, C), for float (or wider integer) formats; or null. */
    final double[] samples;
    /** Quantized samples, (O, n, C), for integer formats of 16 bits or fewer; or null. */
    final short[] pcm;
    /** With {@link #pcm}: per output, the samples clipped (or NaN) by quantizing. */
    final long[] clipped;
    final int frames;
    final Failure failure;

    private BlockAudio(double[] samples, short[] pcm, long[] clipped, int frames, Failure failure) {
        this.samples = samples;
        this.pcm = pcm;
        this.clipped = clipped;
        this.frames = frames;
        this.failure = failure;
    }

    static BlockAudio failed(Failure failure) {
        return new BlockAudio(null, null, null, 0, failure);
    }

    /** Per aggregate of the config, the indices of its sources among the track's (the planner checked them). */
    static int[][] aggregateParts(SeparationConfig config, TrackPlan plan) {
        int[][] parts = new int[config.aggregates().size()][];
        for (int a = 0; a < parts.length; a++) {
            parts[a] = config.aggregates().get(a).sources().stream().mapToInt(plan.sources()::indexOf).toArray();
        }
        return parts;
    }

    /** The inverse STFT of blocks; one per partition (it holds the STFT plan and a sample buffer). */
    static final class Synthesizer {
        private final Stft stft;
        private final SeparationConfig config;
        /** The double samples of a block that is then quantized: reused from block to block. */
        private double[] scratch = new double[0];
        /** The scaled spectra of the sources, reused while blocks have the same size. */
        private double[][] spectra = new double[0][0];

        Synthesizer(SeparationConfig config) {
            this.stft = new Stft(config.nFft(), config.hop());
            this.config = config;
        }

        /**
         * The owned samples of every output: y times its group's scale ({@link EmScale}), inverse
         * STFT; then the aggregates; quantized when the track's output format is 16-bit PCM or less.
         */
        BlockAudio audio(TrackPlan plan, FrameBlock b) {
            Range owned = stft.ownedSamples(plan.samples(), b.ownedStart, b.ownedEnd);
            int n = owned.length();
            int c = b.channels;
            int s = b.sources;
            int nc = n * c;
            int[][] parts = aggregateParts(config, plan);
            int outputs = s + parts.length;
            WavFormat format = config.outputFormat().resolve(plan.mixtureFormat());
            boolean quantize = PcmQuantizer.fitsShort(format);
            double[] out;
            if (quantize) {
                if (scratch.length < outputs * nc) {
                    scratch = new double[outputs * nc];
                }
                out = scratch;
            } else {
                out = new double[outputs * nc];
            }
            int spectrum = 2 * b.frames * b.bins * c;
            if (spectra.length != s || spectra[0].length != spectrum) {
                spectra = new double[s][spectrum];
            }
            double[] one = new double[nc];
            // The reference multiplies the EM output by the scale before the inverse STFT.
            EmScale.sourcesTimesScale(b.y(), b.bins * c, s, b.heldStart, b.frames, b.emWindow, b.scales, spectra);
            for (int j = 0; j < s; j++) {
                stft.inverseSamples(spectra[j], b.heldStart, c, plan.samples(), owned.start(), owned.end(), one);
                System.arraycopy(one, 0, out, j * nc, nc);
            }
            for (int a = 0; a < parts.length; a++) {
                // In the order given, so that a sum of the double stems in that order is the same to the bit.
                int to = (s + a) * nc;
                System.arraycopy(out, parts[a][0] * nc, out, to, nc);
                for (int k = 1; k < parts[a].length; k++) {
                    int off = parts[a][k] * nc;
                    for (int i = 0; i < nc; i++) {
                        out[to + i] += out[off + i];
                    }
                }
            }
            if (!quantize) {
                return new BlockAudio(out, null, null, n, null);
            }
            short[] q = new short[outputs * nc];
            long[] clipped = new long[outputs];
            for (int o = 0; o < outputs; o++) {
                clipped[o] = PcmQuantizer.quantize(out, o * nc, nc, format, q, o * nc);
            }
            return new BlockAudio(null, q, clipped, n, null);
        }
    }
}
