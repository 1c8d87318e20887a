package org.wienerspark.separation;

import java.util.Locale;

/** How blocks store x and v between EM iterations; statistics and kernels are always double. */
public enum Precision {
    /** float64: the reference's arithmetic throughout. */
    DOUBLE,
    /** float32 between stages: half the bytes on local disk, error at most ~1e-7 of the peak. */
    FLOAT;

    /** The option value ({@code double}, {@code float}). */
    public String option() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The value named by an option, e.g. {@code float}. */
    public static Precision parse(String option) {
        for (Precision p : values()) {
            if (p.option().equals(option)) {
                return p;
            }
        }
        throw new IllegalArgumentException("--precision must be double or float, got " + option);
    }
}
