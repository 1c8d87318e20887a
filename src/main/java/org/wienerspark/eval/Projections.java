package org.wienerspark.eval;

import java.util.Arrays;
import org.wienerspark.core.RealFft;

/**
 * The two projections of BSSEval v4 for one frame: the frame's reference samples (zero outside
 * the frame) filtered by the distortion filters, full convolution (frame length + L - 1 samples):
 * {@code P_all[j]}, all references through estimate j's interference filters, and
 * {@code P_j[j]}, reference j through its spatial filters.
 *
 * <p>Overlap-add with real FFTs of 4096 points: per block of {@code 4096 - L + 1} samples, the
 * reference channels are transformed in one batched call, the products with the filters' spectra
 * (transformed once per track) are summed over input channels in the frequency domain, and one
 * batched inverse per group of sources gives the block's contribution to every (estimate, output
 * channel, projection).
 *
 * <p>Everything stays in {@link RealFft}'s padded lanes-innermost layout: the block's samples go
 * straight into the forward transform's lanes, each bin's products read the inputs' lanes and
 * write the outputs' lanes of that bin (the filter spectra are stored bin-major for that), and
 * the energies read the inverse's lanes. The per-signal layout of {@link RealSpectra} would
 * transpose each block three times more. Not thread-safe (scratch buffers); one instance per
 * thread.
 */
final class Projections {

    private static final int FFT_SIZE = 4096;
    private static final LaneProducts PRODUCTS = LaneProducts.INSTANCE;

    private final int sources;
    private final int channels;
    private final int taps;
    private final int halo;
    private final int signals;
    private final int block;
    private final RealFft fft;
    private final int half;
    /** Sources whose projections share one inverse batch, {@code 2 channels} lanes each. */
    private final int groupSources;
    /** Output lanes of all sources, {@code 2 channels} each: P_all channels 0..channels-1, then P_j's. */
    private final int outputs;
    /**
     * Both filter banks' spectra, bin-major, as one dense complex matrix per bin: bin k, input
     * channel p, output lane o at {@code (k signals + p) outputs + o}. The spatial filters of
     * source j take only its own channels; their other inputs are zeros, whose products add
     * nothing, so every output is one vectorised loop over the lanes.
     */
    private final double[] gRe;
    private final double[] gIm;
    /** A block's reference channels (lanes {@code j channels + c}): samples, then spectra. */
    private final double[] inRe;
    private final double[] inIm;
    /**
     * A group's projections, spectra then samples; source j's lanes start at
     * {@code (j - first) 2 channels}: P_all channels 0..channels-1, then P_j channels.
     */
    private final double[] outRe;
    private final double[] outIm;
    private final double[] scratchRe;
    private final double[] scratchIm;
    /**
     * Per projection (lane {@code j 2 channels + ...} over all sources), the sums of the earlier
     * blocks' last {@code L - 1} samples.
     */
    private final double[][] pending;

    Projections(DistortionFilters filters) {
        this.sources = filters.sources();
        this.channels = filters.channels();
        this.taps = filters.taps();
        this.halo = taps - 1;
        this.signals = sources * channels;
        this.block = FFT_SIZE - taps + 1;
        this.fft = new RealFft(FFT_SIZE);
        this.half = FFT_SIZE / 2;
        int bins = half + 1;
        this.groupSources = Math.max(1, RealFft.preferredLanes(FFT_SIZE) / (2 * channels));
        int allCount = sources * signals * channels;
        int ownCount = sources * channels * channels;
        double[][] h = new double[allCount + ownCount][FFT_SIZE];
        for (int j = 0; j < sources; j++) {
            double[] all = filters.interferenceShared(j);
            for (int p = 0; p < signals; p++) {
                for (int c = 0; c < channels; c++) {
                    fill(h[(j * signals + p) * channels + c], all, p, c);
                }
            }
            double[] own = filters.spatialShared(j);
            for (int cj = 0; cj < channels; cj++) {
                for (int c = 0; c < channels; c++) {
                    fill(h[allCount + (j * channels + cj) * channels + c], own, cj, c);
                }
            }
        }
        double[][] re = new double[allCount + ownCount][bins];
        double[][] im = new double[allCount + ownCount][bins];
        new RealSpectra(FFT_SIZE).forward(h, allCount + ownCount, re, im);
        this.outputs = 2 * signals;
        this.gRe = new double[bins * signals * outputs];
        this.gIm = new double[bins * signals * outputs];
        for (int k = 0; k < bins; k++) {
            for (int p = 0; p < signals; p++) {
                int row = (k * signals + p) * outputs;
                for (int j = 0; j < sources; j++) {
                    for (int c = 0; c < channels; c++) {
                        int all = (j * signals + p) * channels + c;
                        gRe[row + j * 2 * channels + c] = re[all][k];
                        gIm[row + j * 2 * channels + c] = im[all][k];
                        if (p / channels == j) {
                            int own = allCount + (j * channels + p % channels) * channels + c;
                            gRe[row + j * 2 * channels + channels + c] = re[own][k];
                            gIm[row + j * 2 * channels + channels + c] = im[own][k];
                        }
                    }
                }
            }
        }
        int outLanes = 2 * channels * Math.min(groupSources, sources);
        this.inRe = new double[fft.paddedLength(signals)];
        this.inIm = new double[fft.paddedLength(signals)];
        this.outRe = new double[fft.paddedLength(outLanes)];
        this.outIm = new double[fft.paddedLength(outLanes)];
        this.scratchRe = new double[fft.scratchLength(Math.max(signals, outLanes))];
        this.scratchIm = new double[fft.scratchLength(Math.max(signals, outLanes))];
        this.pending = new double[2 * signals][halo];
    }

    /** The filter from input channel p to output channel c of a (inputs, L, channels) bank, zero-padded. */
    private void fill(double[] h, double[] bank, int p, int c) {
        for (int d = 0; d < taps; d++) {
            h[d] = bank[(p * taps + d) * channels + c];
        }
    }

    /**
     * Projects one frame. Shapes: reference (sources, n, channels), input, not modified;
     * all and own (sources, n + L - 1, channels), outputs, overwritten.
     */
    void project(double[] reference, int n, double[] all, double[] own) {
        int outLen = n + taps - 1;
        Arrays.fill(all, 0, sources * outLen * channels, 0.0);
        Arrays.fill(own, 0, sources * outLen * channels, 0.0);
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            int span = len + halo;
            forwardBlock(reference, n, 0, start, len);
            for (int first = 0; first < sources; first += groupSources) {
                int last = Math.min(sources, first + groupSources);
                int lanes = inverseGroup(first, last);
                for (int j = first; j < last; j++) {
                    int lane = (j - first) * 2 * channels;
                    for (int c = 0; c < channels; c++) {
                        int dst = (j * outLen + start) * channels + c;
                        for (int i = 0; i < span; i++, dst += channels) {
                            all[dst] += sample(i, lane + c, lanes);
                            own[dst] += sample(i, lane + channels + c, lanes);
                        }
                    }
                }
            }
        }
    }

    /**
     * The energies behind BSSEval v4's ratios for one frame, without the projections ever
     * materialised: per source j, summed over the {@code n + L - 1} output samples and the
     * channels, in sample-major, channel-minor order (exactly the sums, in exactly the order,
     * of a pass over {@link #project}'s outputs):
     * {@code |s|^2, |e_total|^2, |e_spat|^2, |s_image|^2, |e_interf|^2, |s_target|^2, |e_artif|^2}
     * at {@code sums[7 j + 0 .. 6]}. Each block's first {@code len} outputs are final once its
     * inverse transform is added to the tails of the blocks before it, so they are consumed at
     * once from the inverse's lanes. The frame is samples {@code [from, from + n)} of whole
     * tracks, references and estimates (sources, samples, channels), read in place, not
     * modified; sums (7 sources), overwritten.
     */
    void energies(double[] reference, double[] estimate, int samples, int from, int n, double[] sums) {
        Arrays.fill(sums, 0, 7 * sources, 0.0);
        for (double[] t : pending) {
            Arrays.fill(t, 0.0);
        }
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            forwardBlock(reference, samples, from, start, len);
            for (int first = 0; first < sources; first += groupSources) {
                int last = Math.min(sources, first + groupSources);
                int lanes = inverseGroup(first, last);
                for (int l = 0; l < lanes; l++) {
                    double[] t = pending[first * 2 * channels + l];
                    // As the overlap-add: (0 + earlier blocks' tails) + this block, in block order.
                    for (int i = 0; i < halo; i++) {
                        put(i, l, lanes, t[i] + sample(i, l, lanes));
                    }
                    for (int i = 0; i < halo; i++) {
                        t[i] = sample(len + i, l, lanes);
                    }
                }
                accumulate(reference, estimate, samples, from, n, first, last, lanes, start, len, start, sums);
            }
        }
        // The last L - 1 outputs: the tails, laid out as a block's lanes.
        for (int first = 0; first < sources; first += groupSources) {
            int last = Math.min(sources, first + groupSources);
            int lanes = 2 * channels * (last - first);
            for (int l = 0; l < lanes; l++) {
                double[] t = pending[first * 2 * channels + l];
                for (int i = 0; i < halo; i++) {
                    put(i, l, lanes, t[i]);
                }
            }
            accumulate(reference, estimate, samples, from, n, first, last, lanes, n, halo, n, sums);
        }
    }

    /** Sample i of lane l of the inverse's output ({@code lanes} lanes). */
    private double sample(int i, int l, int lanes) {
        int at = fft.index(i >> 1, l, lanes);
        return (i & 1) == 0 ? outRe[at] : outIm[at];
    }

    /** Sets sample i of lane l of the inverse's output. */
    private void put(int i, int l, int lanes, double v) {
        int at = fft.index(i >> 1, l, lanes);
        if ((i & 1) == 0) {
            outRe[at] = v;
        } else {
            outIm[at] = v;
        }
    }

    /**
     * Adds outputs {@code t in [first, first + count)} of the frame to the sums of sources
     * {@code [j0, j1)}; their projections are samples {@code t - origin} of the output lanes.
     * The frame's reference and estimate are samples {@code from + t} of the tracks, zero from
     * {@code t = n} on.
     */
    private void accumulate(double[] reference, double[] estimate, int samples, int from, int n, int j0, int j1,
                            int lanes, int first, int count, int origin, double[] sums) {
        int end = first + count;
        int inside = Math.min(end, n);
        for (int j = j0; j < j1; j++) {
            int inBase = (j * samples + from) * channels;
            int lane = (j - j0) * 2 * channels;
            if (channels == 2) {
                accumulateStereo(reference, estimate, inBase, first, inside, end, lane, lanes, origin, sums, 7 * j);
                continue;
            }
            double sTrue = sums[7 * j];
            double distortion = sums[7 * j + 1];
            double spatial = sums[7 * j + 2];
            double image = sums[7 * j + 3];
            double interference = sums[7 * j + 4];
            double target = sums[7 * j + 5];
            double artifacts = sums[7 * j + 6];
            for (int t = first; t < end; t++) {
                int i = t - origin;
                double[] y = (i & 1) == 0 ? outRe : outIm;
                int at = fft.index(i >> 1, lane, lanes);
                for (int c = 0; c < channels; c++) {
                    double s = t < n ? reference[inBase + t * channels + c] : 0.0;
                    double e = t < n ? estimate[inBase + t * channels + c] : 0.0;
                    double eSpat = y[at + channels + c] - s;
                    double eInterf = y[at + c] - s - eSpat;
                    double eArtif = -s - eSpat - eInterf + e;
                    double eTotal = eSpat + eInterf + eArtif;
                    double sImage = s + eSpat;
                    double sTarget = s + eSpat + eInterf;
                    sTrue += s * s;
                    distortion += eTotal * eTotal;
                    spatial += eSpat * eSpat;
                    image += sImage * sImage;
                    interference += eInterf * eInterf;
                    target += sTarget * sTarget;
                    artifacts += eArtif * eArtif;
                }
            }
            sums[7 * j] = sTrue;
            sums[7 * j + 1] = distortion;
            sums[7 * j + 2] = spatial;
            sums[7 * j + 3] = image;
            sums[7 * j + 4] = interference;
            sums[7 * j + 5] = target;
            sums[7 * j + 6] = artifacts;
        }
    }

    /**
     * {@link #accumulate} for two channels, the case of every music corpus: the same sums in the
     * same order, without the per-value lookups of the general loop. Samples
     * {@code [first, inside)} read the frame; {@code [inside, end)}, after it, take s = e = 0.
     * The source's four lanes (P_all left, right, P_j left, right) are adjacent.
     */
    private void accumulateStereo(double[] reference, double[] estimate, int inBase, int first, int inside, int end,
                                  int lane, int lanes, int origin, double[] sums, int at) {
        double sTrue = sums[at];
        double distortion = sums[at + 1];
        double spatial = sums[at + 2];
        double image = sums[at + 3];
        double interference = sums[at + 4];
        double target = sums[at + 5];
        double artifacts = sums[at + 6];
        for (int t = first; t < end; t++) {
            int i = t - origin;
            double[] y = (i & 1) == 0 ? outRe : outIm;
            int o = fft.index(i >> 1, lane, lanes);
            int x = inBase + 2 * t;
            boolean in = t < inside;
            for (int c = 0; c < 2; c++) {
                double s = in ? reference[x + c] : 0.0;
                double e = in ? estimate[x + c] : 0.0;
                double eSpat = y[o + 2 + c] - s;
                double eInterf = y[o + c] - s - eSpat;
                double eArtif = -s - eSpat - eInterf + e;
                double eTotal = eSpat + eInterf + eArtif;
                double sImage = s + eSpat;
                double sTarget = s + eSpat + eInterf;
                sTrue += s * s;
                distortion += eTotal * eTotal;
                spatial += eSpat * eSpat;
                image += sImage * sImage;
                interference += eInterf * eInterf;
                target += sTarget * sTarget;
                artifacts += eArtif * eArtif;
            }
        }
        sums[at] = sTrue;
        sums[at + 1] = distortion;
        sums[at + 2] = spatial;
        sums[at + 3] = image;
        sums[at + 4] = interference;
        sums[at + 5] = target;
        sums[at + 6] = artifacts;
    }

    /**
     * Spectra of samples {@code [start, start + len)} of the frame (samples {@code from + start ..}
     * of references of {@code samples} samples), every reference channel a lane, zero-padded:
     * the samples are written bin by bin into the transform's lanes (one cache line per pair of
     * samples for four stereo sources) and transformed in place.
     */
    private void forwardBlock(double[] reference, int samples, int from, int start, int len) {
        int pairs = len / 2;
        for (int k = 0; k < pairs; k++) {
            int at = fft.index(k, 0, signals);
            for (int j = 0; j < sources; j++) {
                int src = (j * samples + from + start + 2 * k) * channels;
                for (int c = 0; c < channels; c++, at++) {
                    inRe[at] = reference[src + c];
                    inIm[at] = reference[src + channels + c];
                }
            }
        }
        int k = pairs;
        if (len % 2 == 1) {
            int at = fft.index(k, 0, signals);
            for (int j = 0; j < sources; j++) {
                int src = (j * samples + from + start + 2 * k) * channels;
                for (int c = 0; c < channels; c++, at++) {
                    inRe[at] = reference[src + c];
                    inIm[at] = 0.0;
                }
            }
            k++;
        }
        for (; k < half; k++) {
            int at = fft.index(k, 0, signals);
            Arrays.fill(inRe, at, at + signals, 0.0);
            Arrays.fill(inIm, at, at + signals, 0.0);
        }
        fft.forwardPadded(inRe, inIm, scratchRe, scratchIm, signals);
    }

    /**
     * The projections of sources {@code [first, last)} for the block whose spectra
     * {@link #forwardBlock} left: per bin, each output lane is the sum over input channels of
     * input times filter, in input order ({@link LaneProducts#mix}), then one batched inverse.
     * Returns the number of lanes.
     */
    private int inverseGroup(int first, int last) {
        int lanes = 2 * channels * (last - first);
        for (int k = 0; k <= half; k++) {
            PRODUCTS.mix(inRe, inIm, fft.index(k, 0, signals), signals, gRe, gIm,
                    k * signals * outputs + first * 2 * channels, outputs, outRe, outIm, fft.index(k, 0, lanes), lanes);
        }
        fft.inversePadded(outRe, outIm, scratchRe, scratchIm, lanes);
        return lanes;
    }
}
