package org.wienerspark.eval;

/**
 * The global SDR of the Music Demixing Challenge 2021 [3] (demucs' {@code new_sdr}): per source,
 * {@code 10 log10((sum s^2 + 1e-7) / (sum (s - s_hat)^2 + 1e-7))}, sums over all samples and
 * channels together, in double precision. Accumulates chunk by chunk, in track order or not.
 */
public final class GlobalSdr {

    /** The MDX 2021 regulariser added to both sums. */
    public static final double DELTA = 1e-7;

    private final int sources;
    private final int channels;
    private final double[] signal;
    private final double[] error;

    /** An empty accumulator for {@code sources} sources of {@code channels} channels. */
    public GlobalSdr(int sources, int channels) {
        if (sources < 1 || channels < 1) {
            throw new IllegalArgumentException("need sources >= 1 and channels >= 1, got " + sources + ", " + channels);
        }
        this.sources = sources;
        this.channels = channels;
        this.signal = new double[sources];
        this.error = new double[sources];
    }

    /**
     * Adds a chunk. Shapes: references and estimates (sources, frames, channels); inputs, not
     * modified.
     */
    public GlobalSdr add(double[] references, double[] estimates, int frames) {
        int per = frames * channels;
        if (frames < 0 || references.length < (long) sources * per || estimates.length < (long) sources * per) {
            throw new IllegalArgumentException("references and estimates must hold (sources=" + sources + ", frames="
                    + frames + ", channels=" + channels + ") values, got " + references.length + " and "
                    + estimates.length);
        }
        for (int j = 0; j < sources; j++) {
            double s2 = 0;
            double e2 = 0;
            for (int i = j * per, end = i + per; i < end; i++) {
                double s = references[i];
                double e = s - estimates[i];
                s2 += s * s;
                e2 += e * e;
            }
            signal[j] += s2;
            error[j] += e2;
        }
        return this;
    }

    /** Adds another accumulator's sums (chunks of the same track). */
    public GlobalSdr merge(GlobalSdr other) {
        for (int j = 0; j < sources; j++) {
            signal[j] += other.signal[j];
            error[j] += other.error[j];
        }
        return this;
    }

    /** The global SDR of each source in dB. Shape (sources). */
    public double[] values() {
        double[] out = new double[sources];
        for (int j = 0; j < sources; j++) {
            out[j] = 10 * Math.log10((signal[j] + DELTA) / (error[j] + DELTA));
        }
        return out;
    }

    /**
     * The global SDR of whole signals. Shapes: references and estimates (sources, samples,
     * channels) -> (sources).
     */
    public static double[] of(double[] references, double[] estimates, int sources, int samples, int channels) {
        return new GlobalSdr(sources, channels).add(references, estimates, samples).values();
    }
}
