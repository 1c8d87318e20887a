package org.wienerspark.eval;

import java.util.ArrayList;
import java.util.List;

/**
 * The improvement of the estimates over the unprocessed mixture (SDRi, SI-SDRi, ...), as asteroid
 * reports it next to its {@code input_*} metrics: per reference, group and frame,
 * {@code metric(estimate) - metric(mixture as the estimate)}; NaN where either is NaN or both are
 * the same infinity.
 */
public final class Improvement {

    private Improvement() {
    }

    /** The name of a metric's improvement: {@code SDR} -> {@code SDRi}. */
    public static String name(String metric) {
        return metric + "i";
    }

    /**
     * {@code estimates - mixture}, metric by metric, keeping the estimates' permutation.
     *
     * @throws IllegalArgumentException if the two were not scored by the same set on the same frames
     */
    public static SetScores of(SetScores estimates, SetScores mixture) {
        if (estimates.set() != mixture.set() || !estimates.frames().equals(mixture.frames())
                || estimates.sources() != mixture.sources() || estimates.groups() != mixture.groups()) {
            throw new IllegalArgumentException("improvement needs the same set, frames and shape for the estimates ("
                    + estimates.set().id() + ", " + estimates.frames() + ") and the mixture (" + mixture.set().id()
                    + ", " + mixture.frames() + ")");
        }
        List<String> names = new ArrayList<>();
        double[][] values = new double[estimates.metrics().size()][];
        for (int m = 0; m < values.length; m++) {
            names.add(name(estimates.metrics().get(m)));
            double[] e = estimates.values()[m];
            double[] x = mixture.values()[m];
            double[] d = new double[e.length];
            for (int i = 0; i < d.length; i++) {
                d[i] = e[i] - x[i];
            }
            values[m] = d;
        }
        return new SetScores(estimates.set(), estimates.frames(), estimates.sources(), estimates.groups(),
                List.copyOf(names), values, estimates.permutation(), estimates.solver());
    }
}
