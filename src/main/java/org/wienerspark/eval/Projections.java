package org.wienerspark.eval;

import java.util.Arrays;

/**
 * The two projections of BSSEval v4 for one frame: the frame's reference samples (zero outside
 * the frame) filtered by the distortion filters, full convolution (frame length + L - 1 samples):
 * {@code P_all[j]}, all references through estimate j's interference filters, and
 * {@code P_j[j]}, reference j through its spatial filters.
 *
 * <p>Overlap-add with real FFTs of 4096 points: per block of {@code 4096 - L + 1} samples, the
 * reference channels are transformed in one batched call ({@link RealSpectra}), the products with
 * the filters' spectra (transformed once per track) are summed over input channels in the
 * frequency domain, and one batched inverse of every (estimate, output channel, projection)
 * gives the block's contribution. Not thread-safe (scratch buffers); one instance per thread.
 */
final class Projections {

    private static final int FFT_SIZE = 4096;

    private final int sources;
    private final int channels;
    private final int taps;
    private final int signals;
    private final int block;
    private final RealSpectra fft;
    private final int bins;
    /** Spectra of the interference filters, index {@code (j * signals + p) * channels + c}. */
    private final double[][] allRe;
    private final double[][] allIm;
    /** Spectra of the spatial filters, index {@code (j * channels + cj) * channels + c}. */
    private final double[][] ownRe;
    private final double[][] ownIm;
    /** A block's reference samples and spectra, per reference channel. */
    private final double[][] input;
    private final double[][] inRe;
    private final double[][] inIm;
    /** A block's projections: spectra and samples, index {@code 2 (j * channels + c)} (all), {@code + 1} (own). */
    private final double[][] outRe;
    private final double[][] outIm;
    private final double[][] output;
    /** Per output of {@link #output}, the sums of the earlier blocks' last {@code L - 1} samples. */
    private final double[][] pending;
    /** Per channel, the current source's projections in {@link #accumulate} (general path). */
    private final double[][] yAll;
    private final double[][] yOwn;

    Projections(DistortionFilters filters) {
        this.sources = filters.sources();
        this.channels = filters.channels();
        this.taps = filters.taps();
        this.signals = sources * channels;
        this.block = FFT_SIZE - taps + 1;
        this.fft = new RealSpectra(FFT_SIZE);
        this.bins = fft.bins();
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
        fft.forward(h, allCount + ownCount, re, im);
        this.allRe = Arrays.copyOfRange(re, 0, allCount);
        this.allIm = Arrays.copyOfRange(im, 0, allCount);
        this.ownRe = Arrays.copyOfRange(re, allCount, allCount + ownCount);
        this.ownIm = Arrays.copyOfRange(im, allCount, allCount + ownCount);
        this.input = new double[signals][FFT_SIZE];
        this.inRe = new double[signals][bins];
        this.inIm = new double[signals][bins];
        this.outRe = new double[2 * signals][bins];
        this.outIm = new double[2 * signals][bins];
        this.output = new double[2 * signals][FFT_SIZE];
        this.pending = new double[2 * signals][taps - 1];
        this.yAll = new double[channels][];
        this.yOwn = new double[channels][];
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
            int span = transformBlock(reference, n, 0, start, len);
            for (int j = 0; j < sources; j++) {
                for (int c = 0; c < channels; c++) {
                    int o = 2 * (j * channels + c);
                    overlapAdd(all, output[o], j, c, start, span, outLen);
                    overlapAdd(own, output[o + 1], j, c, start, span, outLen);
                }
            }
        }
    }

    /**
     * The energies behind BSSEval v4's ratios for one frame, without the projections ever
     * materialised: per source j, summed over the {@code n + L - 1} output samples and the
     * channels, in sample-major, channel-minor order (exactly the sums, in exactly the order,
     * of a pass over {@link #project}'s outputs, so the results are bit-identical to it):
     * {@code |s|^2, |e_total|^2, |e_spat|^2, |s_image|^2, |e_interf|^2, |s_target|^2, |e_artif|^2}
     * at {@code sums[7 j + 0 .. 6]}. Each block's first {@code len} outputs are final once its
     * inverse transform is added to the tails of the blocks before it, so they are consumed at
     * once from the block's buffers (one contiguous pass instead of a strided overlap-add into
     * the frame's arrays and a second pass over them). The frame is samples
     * {@code [from, from + n)} of whole tracks, references and estimates (sources, samples,
     * channels), read in place, not modified; sums (7 sources), overwritten.
     */
    void energies(double[] reference, double[] estimate, int samples, int from, int n, double[] sums) {
        Arrays.fill(sums, 0, 7 * sources, 0.0);
        int halo = taps - 1;
        for (double[] t : pending) {
            Arrays.fill(t, 0.0);
        }
        for (int start = 0; start < n; start += block) {
            int len = Math.min(block, n - start);
            int span = transformBlock(reference, samples, from, start, len);
            for (int o = 0; o < 2 * signals; o++) {
                double[] y = output[o];
                double[] t = pending[o];
                // As the overlap-add: (0 + earlier blocks' tails) + this block, in block order.
                for (int i = 0; i < halo; i++) {
                    y[i] = t[i] + y[i];
                }
                System.arraycopy(y, len, t, 0, halo);
            }
            accumulate(reference, estimate, samples, from, n, start, len, output, start, sums);
        }
        accumulate(reference, estimate, samples, from, n, n, halo, pending, n, sums);
    }

    /**
     * Adds outputs {@code t in [first, first + count)} of the frame to the sums; their projections
     * at {@code (all, own)[2 (j channels + c)][t - origin]}; the frame's reference and estimate
     * are samples {@code from + t} of the tracks, zero from {@code t = n} on.
     */
    private void accumulate(double[] reference, double[] estimate, int samples, int from, int n, int first,
                            int count, double[][] y, int origin, double[] sums) {
        int end = first + count;
        int inside = Math.min(end, n);
        for (int j = 0; j < sources; j++) {
            int inBase = (j * samples + from) * channels;
            if (channels == 2) {
                accumulateStereo(reference, estimate, inBase, first, inside, end, y[4 * j], y[4 * j + 1],
                        y[4 * j + 2], y[4 * j + 3], origin, sums, 7 * j);
                continue;
            }
            for (int c = 0; c < channels; c++) {
                int o = 2 * (j * channels + c);
                yAll[c] = y[o];
                yOwn[c] = y[o + 1];
            }
            double sTrue = sums[7 * j];
            double distortion = sums[7 * j + 1];
            double spatial = sums[7 * j + 2];
            double image = sums[7 * j + 3];
            double interference = sums[7 * j + 4];
            double target = sums[7 * j + 5];
            double artifacts = sums[7 * j + 6];
            for (int t = first; t < end; t++) {
                for (int c = 0; c < channels; c++) {
                    double s = t < n ? reference[inBase + t * channels + c] : 0.0;
                    double e = t < n ? estimate[inBase + t * channels + c] : 0.0;
                    double eSpat = yOwn[c][t - origin] - s;
                    double eInterf = yAll[c][t - origin] - s - eSpat;
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
     * same order, without the per-value lookups of the general loop (half of its time). Samples
     * {@code [first, inside)} read the frame; {@code [inside, end)}, after it, take s = e = 0.
     */
    private static void accumulateStereo(double[] reference, double[] estimate, int inBase, int first, int inside,
                                         int end, double[] all0, double[] own0, double[] all1, double[] own1,
                                         int origin, double[] sums, int at) {
        double sTrue = sums[at];
        double distortion = sums[at + 1];
        double spatial = sums[at + 2];
        double image = sums[at + 3];
        double interference = sums[at + 4];
        double target = sums[at + 5];
        double artifacts = sums[at + 6];
        for (int t = first; t < end; t++) {
            int i = inBase + 2 * t;
            boolean in = t < inside;
            for (int c = 0; c < 2; c++) {
                double s = in ? reference[i + c] : 0.0;
                double e = in ? estimate[i + c] : 0.0;
                double own = c == 0 ? own0[t - origin] : own1[t - origin];
                double all = c == 0 ? all0[t - origin] : all1[t - origin];
                double eSpat = own - s;
                double eInterf = all - s - eSpat;
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
     * Samples {@code [start, start + len)} of the frame (samples {@code from + start ..} of
     * references of {@code samples} samples) of the reference channels through every filter:
     * {@code output[2 (j channels + c)]} (all) and {@code + 1} (own), {@code len + L - 1}
     * samples each, returned.
     */
    private int transformBlock(double[] reference, int samples, int from, int start, int len) {
        for (int j = 0; j < sources; j++) {
            for (int c = 0; c < channels; c++) {
                double[] x = input[j * channels + c];
                int src = (j * samples + from + start) * channels + c;
                for (int i = 0; i < len; i++, src += channels) {
                    x[i] = reference[src];
                }
                Arrays.fill(x, len, FFT_SIZE, 0.0);
            }
        }
        fft.forward(input, signals, inRe, inIm);
        int span = len + taps - 1;
        for (int j = 0; j < sources; j++) {
            for (int c = 0; c < channels; c++) {
                int o = 2 * (j * channels + c);
                double[] sr = outRe[o];
                double[] si = outIm[o];
                int f = j * signals * channels + c;
                SpectralOps.setProduct(sr, si, inRe[0], inIm[0], allRe[f], allIm[f], bins);
                for (int p = 1; p < signals; p++) {
                    f = (j * signals + p) * channels + c;
                    SpectralOps.addProduct(sr, si, inRe[p], inIm[p], allRe[f], allIm[f], bins);
                }
                sr = outRe[o + 1];
                si = outIm[o + 1];
                int in = j * channels;
                f = j * channels * channels + c;
                SpectralOps.setProduct(sr, si, inRe[in], inIm[in], ownRe[f], ownIm[f], bins);
                for (int cj = 1; cj < channels; cj++) {
                    f = (j * channels + cj) * channels + c;
                    SpectralOps.addProduct(sr, si, inRe[in + cj], inIm[in + cj], ownRe[f], ownIm[f], bins);
                }
            }
        }
        fft.inverse(outRe, outIm, 2 * signals, output, span);
        return span;
    }

    private void overlapAdd(double[] out, double[] y, int j, int c, int start, int span, int outLen) {
        int dst = (j * outLen + start) * channels + c;
        for (int i = 0; i < span; i++, dst += channels) {
            out[dst] += y[i];
        }
    }
}
