package org.wienerspark.separation;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.wienerspark.core.EmScale;
import org.wienerspark.core.InitialEstimate;
import org.wienerspark.core.RealTensor;
import org.wienerspark.dsp.Range;
import org.wienerspark.dsp.Stft;
import org.wienerspark.io.BadInputException;
import org.wienerspark.io.HadoopFiles;
import org.wienerspark.io.Npy;
import org.wienerspark.io.RandomAccessInput;
import org.wienerspark.io.Audio;
import org.wienerspark.io.AudioReader;

/**
 * The load stage of a block, on an executor: reads the samples its frames need (or the frame
 * range of the spectrograms) and computes their STFTs; the signal processing on them (initial
 * estimate, residual, scale) is core's ({@link InitialEstimate}, {@link EmScale}). One instance
 * per partition (it holds the STFT plan).
 */
final class BlockLoader {

    private final SeparationConfig config;
    private final Configuration conf;
    private final Stft stft;

    BlockLoader(SeparationConfig config, Configuration conf) {
        this.config = config;
        this.conf = conf;
        this.stft = new Stft(config.nFft(), config.hop());
    }

    /**
     * The largest mixture modulus of each statistics group over the block's owned frames, from
     * group {@code group(ownedStart)} on: the per-track scale {@code max(1, max|x| / 10)} is the
     * maximum of these over the track's blocks.
     */
    double[] ownedMaxAbs(TrackPlan plan, BlockSpec spec) throws IOException {
        int a = spec.ownedStart();
        int b = spec.ownedEnd();
        double[] x = mixtureStft(plan, a, b);
        return EmScale.maxAbsPerGroup(x, 2 * stft.bins() * plan.channels(), a, b - a, config.emWindowFrames());
    }

    /**
     * The block with its mixture STFT and initial estimates, both divided by their group's scale.
     *
     * @param trackScales the scale of every group of the track, or null when no EM runs (scale 1)
     */
    FrameBlock load(TrackPlan plan, BlockSpec spec, double[] trackScales) throws IOException {
        Range held = stft.haloFrames(plan.samples(), spec.ownedStart(), spec.ownedEnd());
        int h0 = held.start();
        int w = config.emWindowFrames();
        int g0 = FrameBlock.group(h0, w);
        double[] scales = new double[FrameBlock.group(held.end() - 1, w) - g0 + 1];
        for (int g = 0; g < scales.length; g++) {
            scales[g] = trackScales == null ? 1.0 : trackScales[g0 + g];
        }
        int frames = held.length();
        int bins = stft.bins();
        int c = plan.channels();
        int sIn = plan.inputSources();
        int s = plan.sources().size();
        double[] x = mixtureStft(plan, h0, held.end());
        RealTensor v = plan.spectrogramInput() ? spectrograms(plan, h0, held.end(), x, s > sIn)
                : audioModels(plan, h0, held.end(), x, s > sIn);
        double[] yd = InitialEstimate.estimate(v.data(), v.dim(2), x, frames, bins, c, s, config.softmask(),
                config.eps());
        int xs = 2 * bins * c;
        EmScale.divide(x, xs, h0, frames, w, scales);
        EmScale.divide(yd, xs * s, h0, frames, w, scales);
        return FrameBlock.loaded(spec.track(), spec.block(), h0, frames, spec.ownedStart(), spec.ownedEnd(), bins, c,
                s, w, scales, x, yd);
    }

    /** Mixture STFT frames [a, b), (b - a, B, C) complex. */
    private double[] mixtureStft(TrackPlan plan, int a, int b) throws IOException {
        Range r = stft.samplesForFrames(plan.samples(), a, b);
        double[] samples = readSamples(plan.mixture(), plan.channels(), r);
        double[] out = new double[2 * (b - a) * stft.bins() * plan.channels()];
        stft.forwardFrames(samples, r.start(), plan.channels(), plan.samples(), a, b, out);
        return out;
    }

    /**
     * v (frames, B, C, S): the models of the estimates' STFTs, plus Open-Unmix's residual as the
     * last source when asked for ({@link InitialEstimate.AudioModels}).
     */
    private RealTensor audioModels(TrackPlan plan, int h0, int h1, double[] x, boolean residual)
            throws IOException {
        int frames = h1 - h0;
        int bins = stft.bins();
        int c = plan.channels();
        int sIn = plan.inputSources();
        Range r = stft.samplesForFrames(plan.samples(), h0, h1);
        double[] e = new double[2 * frames * bins * c];
        InitialEstimate.AudioModels models = new InitialEstimate.AudioModels(x, frames * bins * c, sIn, residual,
                config.alpha());
        for (int j = 0; j < sIn; j++) {
            double[] samples = readSamples(plan.estimates().get(j), c, r);
            stft.forwardFrames(samples, r.start(), c, plan.samples(), h0, h1, e);
            models.add(j, e);
        }
        return new RealTensor(new int[] {frames, bins, c, models.sources()}, models.models());
    }

    /**
     * v (frames, B, 1 or C, S) from the .npy magnitudes, raised to alpha, plus the residual when
     * asked for ({@link InitialEstimate#spectrogramModels}).
     */
    private RealTensor spectrograms(TrackPlan plan, int h0, int h1, double[] x, boolean residual)
            throws IOException {
        int sIn = plan.inputSources();
        int frames = h1 - h0;
        int bins = stft.bins();
        double[][] parts = new double[sIn][];
        int cv = -1;
        for (int j = 0; j < sIn; j++) {
            String file = plan.estimates().get(j);
            try (RandomAccessInput in = HadoopFiles.open(conf, new Path(file))) {
                Npy.Header h = Npy.readHeader(in);
                int thisCv = h.shape()[2];
                if (cv >= 0 && thisCv != cv) {
                    throw new BadInputException(file, "has " + thisCv + " channels, another source of the track has "
                            + cv);
                }
                cv = thisCv;
                parts[j] = Npy.readRows(in, h, h0, h1);
                for (int i = 0; i < parts[j].length; i++) {
                    double m = parts[j][i];
                    if (!Double.isFinite(m) || m < 0) {
                        throw new BadInputException(file, "spectrogram value " + m + " at frame "
                                + (h0 + i / (bins * thisCv)) + ": magnitudes must be finite and nonnegative");
                    }
                }
            }
        }
        double[] m = new double[frames * bins * cv * sIn];
        for (int i = 0; i < frames * bins * cv; i++) {
            for (int j = 0; j < sIn; j++) {
                m[i * sIn + j] = parts[j][i];
            }
        }
        return InitialEstimate.spectrogramModels(m, cv, sIn, x, frames, bins, plan.channels(), config.alpha(),
                residual);
    }

    /**
     * Samples {@code r} of an audio file (WAV or FLAC), (r.length, C) interleaved; an estimate shorter than the
     * mixture reads as zeros past its end (the planner allowed less than one hop).
     */
    private double[] readSamples(String file, int channels, Range r) throws IOException {
        double[] out = new double[r.length() * channels];
        boolean integer;
        try (AudioReader reader = Audio.open(conf, new Path(file))) {
            integer = !reader.info().format().isFloat();
            long available = reader.info().frames();
            long end = Math.min(r.end(), available);
            if (end > r.start()) {
                reader.read(r.start(), end, out, 0);
            }
        }
        // Integer PCM decodes to finite values: only float files need the check.
        for (int i = 0; !integer && i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                throw new BadInputException(file, "non-finite sample " + out[i] + " at sample "
                        + (r.start() + i / channels) + ", channel " + (i % channels));
            }
        }
        return out;
    }
}
