package org.wienerspark.core;

/**
 * The first estimate of the sources in a block of frames, before EM, as norbert's {@code wiener}
 * makes it: source models v (magnitudes raised to alpha), optionally Open-Unmix's residual as one
 * more source, then a {@link SoftMask} or the models with the mixture's phase
 * ({@link Wiener#withMixturePhase}). Pure functions on flat arrays in the package's layout; the
 * caller reads the inputs, frame range by frame range.
 */
public final class InitialEstimate {

    private InitialEstimate() {
    }

    /**
     * y (F, B, C, S) complex from models v (F, B, vChannels, S) and the mixture x (F, B, C):
     * a soft mask, or the models with the mixture's phase; inputs not modified.
     */
    public static double[] estimate(double[] v, int vChannels, double[] x, int frames, int bins, int channels,
                                    int sources, boolean softmask, double eps) {
        RealTensor vt = new RealTensor(new int[] {frames, bins, vChannels, sources}, v);
        ComplexTensor xt = new ComplexTensor(new int[] {frames, bins, channels}, x);
        ComplexTensor y = softmask ? SoftMask.apply(vt, xt, Double.NaN, eps) : Wiener.withMixturePhase(vt, xt);
        return y.data();
    }

    /**
     * Models from magnitude spectrograms: {@code m^alpha} of (F, B, vChannels, given) magnitudes,
     * followed, when {@code residual}, by the spectral-subtraction residual of
     * {@link ResidualModel} (then with x's channel count when the spectrograms are mono).
     *
     * @return the models and their channel count
     */
    public static RealTensor spectrogramModels(double[] magnitudes, int vChannels, int given, double[] x,
                                               int frames, int bins, int channels, double alpha,
                                               boolean residual) {
        double[] v = new double[magnitudes.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = power(magnitudes[i], alpha);
        }
        RealTensor vt = new RealTensor(new int[] {frames, bins, vChannels, given}, v);
        if (!residual) {
            return vt;
        }
        return ResidualModel.apply(vt, new ComplexTensor(new int[] {frames, bins, channels}, x), alpha, false);
    }

    /** {@code m^alpha}, exact for the usual alpha = 1. */
    public static double power(double m, double alpha) {
        return alpha == 1.0 ? m : Math.pow(m, alpha);
    }

    /**
     * Source models from the STFTs of estimated source signals, given one source at a time so
     * that the caller holds one STFT at once: {@code v_j = |E_j|^alpha}, and with
     * {@code residual} Open-Unmix's residual {@code |X - sum_j E_j|^alpha} as the last source.
     * Layout (F, B, C, S) real, S = given (+ 1 with the residual). Not thread-safe.
     */
    public static final class AudioModels {
        private final int cells;
        private final int given;
        private final int sources;
        private final double alpha;
        private final double[] rest;
        private final double[] v;

        /**
         * @param x       the mixture STFT (F, B, C) complex, {@code cells = F B C}; not modified
         * @param given   the number of estimates that {@link #add} will be given
         */
        public AudioModels(double[] x, int cells, int given, boolean residual, double alpha) {
            this.cells = cells;
            this.given = given;
            this.sources = given + (residual ? 1 : 0);
            this.alpha = alpha;
            this.rest = residual ? x.clone() : null;
            this.v = new double[cells * sources];
        }

        /** Source j's STFT e (F, B, C) complex, not modified. */
        public void add(int j, double[] e) {
            for (int i = 0; i < cells; i++) {
                v[i * sources + j] = power(ComplexOps.modulus(e[2 * i], e[2 * i + 1]), alpha);
                if (rest != null) {
                    rest[2 * i] -= e[2 * i];
                    rest[2 * i + 1] -= e[2 * i + 1];
                }
            }
        }

        /** The models, (F, B, C, S) real, after every source was added; completes the residual. */
        public double[] models() {
            if (rest != null) {
                for (int i = 0; i < cells; i++) {
                    v[i * sources + given] = power(ComplexOps.modulus(rest[2 * i], rest[2 * i + 1]), alpha);
                }
            }
            return v;
        }

        /** S: the given sources plus the residual, if any. */
        public int sources() {
            return sources;
        }
    }
}
