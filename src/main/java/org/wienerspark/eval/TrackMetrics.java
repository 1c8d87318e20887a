package org.wienerspark.eval;

import java.io.Serializable;
import java.util.Objects;

/**
 * BSSEval v4 framewise metrics of one track and, when computed, its global SDR.
 *
 * @param framing   the windows the frames are
 * @param sources   number of sources
 * @param sdr       SDR, shape (sources, frames); NaN for frames museval skips
 * @param isr       ISR, same shape
 * @param sir       SIR, same shape
 * @param sar       SAR, same shape
 * @param globalSdr MDX 2021 global SDR, shape (sources), or null if not computed
 * @param solver    the solver the distortion filters needed ({@link DistortionFilters#solver()})
 */
public record TrackMetrics(Framing framing, int sources, double[] sdr, double[] isr, double[] sir, double[] sar,
                           double[] globalSdr, String solver) implements Serializable {

    private static final long serialVersionUID = 1L;

    public TrackMetrics {
        Objects.requireNonNull(framing, "framing");
        int n = sources * framing.count();
        for (double[] m : new double[][] {sdr, isr, sir, sar}) {
            if (m == null || m.length != n) {
                throw new IllegalArgumentException("framewise metrics must have shape (sources=" + sources
                        + ", frames=" + framing.count() + ")");
            }
        }
        if (globalSdr != null && globalSdr.length != sources) {
            throw new IllegalArgumentException("globalSdr must have shape (sources=" + sources + "), got "
                    + globalSdr.length);
        }
    }

    /** Number of frames. */
    public int frames() {
        return framing.count();
    }

    /** The framewise values of a metric; shared, not to be modified. Shape (sources, frames). */
    public double[] values(Metric m) {
        return switch (m) {
            case SDR -> sdr;
            case ISR -> isr;
            case SIR -> sir;
            case SAR -> sar;
        };
    }

    /** Value of a metric for source j in frame t. */
    public double value(Metric m, int j, int t) {
        return values(m)[j * frames() + t];
    }

    /** Source j's framewise values of a metric; a copy. Shape (frames). */
    public double[] row(Metric m, int j) {
        double[] out = new double[frames()];
        System.arraycopy(values(m), j * frames(), out, 0, frames());
        return out;
    }

    /** Median over frames of source j, ignoring NaN (numpy's nanmedian of the raw values). */
    public double median(Metric m, int j) {
        return Aggregation.nanMedian(values(m), j * frames(), frames());
    }

    /**
     * Median over frames of source j after rounding each value as museval's JSON does, ignoring
     * NaN: what museval's aggregation reports for the track.
     */
    public double quantizedMedian(Metric m, int j) {
        return Aggregation.nanMedian(Aggregation.quantized(row(m, j)));
    }
}
