package org.wienerspark.core;

/**
 * The local Gaussian model of one source from its STFT [1, 2] (norbert's
 * {@code get_local_gaussian_model}): the power spectral density {@code v_j = mean_c |y_j|^2} and
 * the spatial covariance {@code R_j(f) = sum_t y_j y_j^H / (eps + sum_t v_j)}.
 *
 * <p>[1] N.Q.K. Duong, E. Vincent, R. Gribonval, "Under-determined reverberant audio source
 * separation using a full-rank spatial covariance model", IEEE TASLP 18(7), 2010.
 * [2] A. Liutkus, R. Badeau, G. Richard, "Low bitrate informed source separation of realistic
 * mixtures", ICASSP 2013.
 */
public final class LocalGaussianModel {

    /** The reference's default regularisation for this function (not machine epsilon). */
    public static final double DEFAULT_EPS = 1.0;

    /** v_j (F, B) and R_j (1, B, C, C), the leading singleton axis as in the reference. */
    public record Result(RealTensor v, ComplexTensor r) {
    }

    private LocalGaussianModel() {
    }

    /** Shapes: y_j (F, B, C) complex, input, not modified -> {@link Result}. */
    public static Result apply(ComplexTensor yj, double eps) {
        Tensors.requireRank("y_j", yj.shape(), 3, "(F, B, C)");
        Tensors.requireEps(eps);
        Tensors.requireFinite("y_j", yj);
        int frames = yj.dim(0), bins = yj.dim(1), c = yj.dim(2);
        SpatialCovariance stats = new SpatialCovariance(bins, c, 1);
        double[] v = new double[frames * bins];
        stats.add(yj.data(), 0, frames, v, 0);
        double[] r = stats.covariances(eps);
        return new Result(new RealTensor(new int[] {frames, bins}, v), new ComplexTensor(new int[] {1, bins, c, c}, r));
    }

    /**
     * The power spectral densities {@code v_j = mean_c |y_j|^2} of a run of (frame, bin) cells,
     * rounded as {@link SpatialCovariance#add(double[], int, int, double[], int)} and the EM map
     * round them (the sum of the per-channel powers in channel order, divided by C), so that v
     * computed here or there is the same to the bit.
     *
     * @param y     (cells, C, S) complex from {@code yOff}, input, not modified
     * @param cells number of (frame, bin) cells
     * @param v     (cells, S) from {@code vOff}, output, overwritten
     */
    public static void powerSpectralDensity(double[] y, int yOff, int cells, int channels, int sources, double[] v,
                                            int vOff) {
        int s = sources;
        // Flat loops for 1 and 2 channels (the same sums in the same order as the general one).
        if (channels == 1) {
            for (int k = 0; k < cells * s; k++) {
                double re = y[yOff + 2 * k];
                double im = y[yOff + 2 * k + 1];
                v[vOff + k] = re * re + im * im;
            }
            return;
        }
        if (channels == 2) {
            for (int i = 0; i < cells; i++) {
                int y0 = yOff + 4 * i * s;
                int vi = vOff + i * s;
                for (int j = 0; j < s; j++) {
                    int p0 = y0 + 2 * j;
                    int p1 = p0 + 2 * s;
                    double a = y[p0];
                    double b = y[p0 + 1];
                    double c = y[p1];
                    double d = y[p1 + 1];
                    v[vi + j] = ((a * a + b * b) + (c * c + d * d)) / 2;
                }
            }
            return;
        }
        for (int i = 0; i < cells; i++) {
            int yi = yOff + 2 * i * channels * s;
            int vi = vOff + i * s;
            for (int j = 0; j < s; j++) {
                double power = 0;
                for (int ch = 0; ch < channels; ch++) {
                    int p = yi + 2 * (ch * s + j);
                    power += y[p] * y[p] + y[p + 1] * y[p + 1];
                }
                v[vi + j] = power / channels;
            }
        }
    }

    /** With the reference's default eps = 1. */
    public static Result apply(ComplexTensor yj) {
        return apply(yj, DEFAULT_EPS);
    }
}
