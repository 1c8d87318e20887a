package org.wienerspark.core;

/**
 * The statistics behind the spatial covariance matrices of the local Gaussian model [1]: for
 * every bin f and source j, the sum over frames of {@code y_j y_j^H} (C x C) and the sum of the
 * power spectral density {@code v_j = mean_c |y_j,c|^2}. The EM update is
 * {@code R_j(f) = sum_t y_j y_j^H / (eps + sum_t v_j)}.
 *
 * <p>This is an accumulator in the sense of a distributed aggregation: {@link #add} takes a block
 * of frames, {@link #merge} adds another accumulator, and an empty one is the identity. Sums over
 * disjoint frame blocks merged in a fixed order give the same statistics whatever the blocking,
 * up to the rounding of the merge; eps is added once, in {@link #covariances}, after all partial
 * sums are in.
 *
 * <p>Internal layout (also that of {@link #covariances}): sums of {@code y y^H} as (B, S, C, C)
 * complex, so each matrix is contiguous for the per-bin kernels; weights as (B, S).
 *
 * <p>[1] N.Q.K. Duong, E. Vincent, R. Gribonval, "Under-determined reverberant audio source
 * separation using a full-rank spatial covariance model", IEEE TASLP 18(7), 2010.
 */
public final class SpatialCovariance {

    private final int bins;
    private final int channels;
    private final int sources;
    private final double[] sumYy;
    private final double[] sumV;

    /** An empty accumulator (the identity of {@link #merge}). */
    public SpatialCovariance(int bins, int channels, int sources) {
        this(bins, channels, sources, new double[2 * bins * sources * channels * channels],
                new double[bins * sources]);
    }

    private SpatialCovariance(int bins, int channels, int sources, double[] sumYy, double[] sumV) {
        if (bins < 0 || channels < 1 || sources < 1) {
            throw new IllegalArgumentException("need bins >= 0, channels >= 1, sources >= 1, got " + bins + ", "
                    + channels + ", " + sources);
        }
        this.bins = bins;
        this.channels = channels;
        this.sources = sources;
        this.sumYy = sumYy;
        this.sumV = sumV;
    }

    /**
     * Rebuilds an accumulator from its sums (e.g. after serialisation).
     *
     * @param sumYy (B, S, C, C) complex, taken (not copied); Hermitian per (bin, source), as
     *              {@link #sumYy} gives them (the 2-channel {@link #add} rewrites each lower
     *              triangle from the upper one)
     * @param sumV  (B, S), taken (not copied)
     */
    public static SpatialCovariance fromSums(int bins, int channels, int sources, double[] sumYy, double[] sumV) {
        if (sumYy.length != 2 * bins * sources * channels * channels || sumV.length != bins * sources) {
            throw new IllegalArgumentException("sums of length " + sumYy.length + " and " + sumV.length
                    + " do not match bins=" + bins + ", channels=" + channels + ", sources=" + sources);
        }
        return new SpatialCovariance(bins, channels, sources, sumYy, sumV);
    }

    public int bins() {
        return bins;
    }

    public int channels() {
        return channels;
    }

    public int sources() {
        return sources;
    }

    /** The sums of {@code y y^H}, (B, S, C, C) complex; the live array, not a copy. */
    public double[] sumYy() {
        return sumYy;
    }

    /** The sums of {@code v}, (B, S); the live array, not a copy. */
    public double[] sumV() {
        return sumV;
    }

    /**
     * Adds frames of source estimates.
     *
     * @param y      (frames, B, C, S) complex from {@code offset} (in doubles), input, not modified
     * @param frames number of frames to add
     * @return this
     */
    public SpatialCovariance add(double[] y, int offset, int frames) {
        add(y, offset, frames, null, 0);
        return this;
    }

    /**
     * Adds frames of source estimates and writes their power spectral densities.
     *
     * @param y    (frames, B, C, S) complex from {@code offset}, input, not modified
     * @param vOut (frames, B, S) from {@code vOffset}, output, overwritten; or null
     */
    public void add(double[] y, int offset, int frames, double[] vOut, int vOffset) {
        // One dispatch per block; the 1- and 2-channel loops keep a (bin, source) in registers.
        if (channels == 1) {
            addMono(y, offset, frames, vOut, vOffset);
        } else if (channels == 2) {
            addStereo(y, offset, frames, vOut, vOffset);
        } else {
            addGeneral(y, offset, frames, vOut, vOffset);
        }
    }

    private void addMono(double[] y, int offset, int frames, double[] vOut, int vOffset) {
        int bs = bins * sources;
        for (int t = 0; t < frames; t++) {
            int yt = offset + 2 * t * bs;
            for (int fj = 0; fj < bs; fj++) {
                double ar = y[yt + 2 * fj];
                double ai = y[yt + 2 * fj + 1];
                double v = ar * ar + ai * ai;
                if (vOut != null) {
                    vOut[vOffset + t * bs + fj] = v;
                }
                sumV[fj] += v;
                sumYy[2 * fj] += v;
            }
        }
    }

    /**
     * Two channels: per (bin, source) the sums of |y_0|^2, y_0 conj(y_1) and |y_1|^2; the (1, 0)
     * entry is set once at the end to the conjugate of (0, 1), which is what adding the
     * conjugates frame by frame gives (rounding is symmetric under negation).
     */
    private void addStereo(double[] y, int offset, int frames, double[] vOut, int vOffset) {
        int s = sources;
        int bs = bins * s;
        double[] sumV = this.sumV;
        double[] sumYy = this.sumYy;
        for (int t = 0; t < frames; t++) {
            int vt = vOffset + t * bs;
            // One flat loop over (bin, source), not a short loop over sources per bin (faster
            // with few sources): p0 walks channel 0's entries, skipping channel 1's.
            int p0 = offset + 4 * t * bs;
            int j = 0;
            for (int fj = 0; fj < bs; fj++) {
                int p1 = p0 + 2 * s;
                double ar = y[p0];
                double ai = y[p0 + 1];
                double br = y[p1];
                double bi = y[p1 + 1];
                double pa = ar * ar + ai * ai;
                double pb = br * br + bi * bi;
                double v = (pa + pb) / 2;
                if (vOut != null) {
                    vOut[vt + fj] = v;
                }
                sumV[fj] += v;
                int m = 8 * fj;
                sumYy[m] += pa;
                sumYy[m + 2] += ar * br + ai * bi;
                sumYy[m + 3] += ai * br - ar * bi;
                sumYy[m + 6] += pb;
                p0 += 2;
                if (++j == s) {
                    j = 0;
                    p0 += 2 * s;
                }
            }
        }
        for (int m = 0; m < sumYy.length; m += 8) {
            sumYy[m + 4] = sumYy[m + 2];
            sumYy[m + 5] = 0.0 - sumYy[m + 3];
        }
    }

    private void addGeneral(double[] y, int offset, int frames, double[] vOut, int vOffset) {
        int c = channels;
        int s = sources;
        int frameStride = 2 * bins * c * s;
        for (int t = 0; t < frames; t++) {
            int yt = offset + t * frameStride;
            for (int f = 0; f < bins; f++) {
                int yf = yt + 2 * f * c * s;
                for (int j = 0; j < s; j++) {
                    double power = 0;
                    for (int ch = 0; ch < c; ch++) {
                        int p = yf + 2 * (ch * s + j);
                        power += y[p] * y[p] + y[p + 1] * y[p + 1];
                    }
                    double v = power / c;
                    if (vOut != null) {
                        vOut[vOffset + (t * bins + f) * s + j] = v;
                    }
                    sumV[f * s + j] += v;
                    int m = 2 * (f * s + j) * c * c;
                    for (int a = 0; a < c; a++) {
                        int pa = yf + 2 * (a * s + j);
                        double ar = y[pa];
                        double ai = y[pa + 1];
                        // Diagonal: |y_a|^2, exactly real.
                        sumYy[m + 2 * (a * c + a)] += ar * ar + ai * ai;
                        for (int b = a + 1; b < c; b++) {
                            int pb = yf + 2 * (b * s + j);
                            double br = y[pb];
                            double bi = y[pb + 1];
                            // y_a conj(y_b); the (b, a) entry is its exact conjugate.
                            double re = ar * br + ai * bi;
                            double im = ai * br - ar * bi;
                            sumYy[m + 2 * (a * c + b)] += re;
                            sumYy[m + 2 * (a * c + b) + 1] += im;
                            sumYy[m + 2 * (b * c + a)] += re;
                            sumYy[m + 2 * (b * c + a) + 1] -= im;
                        }
                    }
                }
            }
        }
    }

    /** Adds another accumulator's sums into this one; returns this. */
    public SpatialCovariance merge(SpatialCovariance other) {
        if (other.bins != bins || other.channels != channels || other.sources != sources) {
            throw new IllegalArgumentException("cannot merge statistics of (bins, channels, sources) = ("
                    + other.bins + ", " + other.channels + ", " + other.sources + ") into (" + bins + ", "
                    + channels + ", " + sources + ")");
        }
        for (int i = 0; i < sumYy.length; i++) {
            sumYy[i] += other.sumYy[i];
        }
        for (int i = 0; i < sumV.length; i++) {
            sumV[i] += other.sumV[i];
        }
        return this;
    }

    /**
     * The spatial covariance matrices {@code R_j(f) = sum y y^H / (eps + sum v)}.
     *
     * @return (B, S, C, C) complex, a new array
     */
    public double[] covariances(double eps) {
        int cc = channels * channels;
        double[] r = new double[sumYy.length];
        for (int fj = 0; fj < bins * sources; fj++) {
            double w = eps + sumV[fj];
            if (w == 0) {
                // A source silent in this bin with eps = 0 (NaN in the reference): no model, R = 0.
                continue;
            }
            for (int k = 2 * fj * cc; k < 2 * (fj + 1) * cc; k++) {
                r[k] = sumYy[k] / w;
            }
        }
        return r;
    }

    /** Converts matrices from the internal (B, S, C, C) order to norbert's (B, C, C, S). */
    public static ComplexTensor toReferenceLayout(double[] r, int bins, int channels, int sources) {
        int c = channels;
        int s = sources;
        double[] out = new double[r.length];
        for (int f = 0; f < bins; f++) {
            for (int j = 0; j < s; j++) {
                for (int k = 0; k < c * c; k++) {
                    int from = 2 * ((f * s + j) * c * c + k);
                    int to = 2 * ((f * c * c + k) * s + j);
                    out[to] = r[from];
                    out[to + 1] = r[from + 1];
                }
            }
        }
        return new ComplexTensor(new int[] {bins, c, c, s}, out);
    }
}
