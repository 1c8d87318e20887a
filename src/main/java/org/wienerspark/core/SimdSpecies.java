package org.wienerspark.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The one vector shape of every Vector API loop in the project (the FFT's, the evaluation's):
 * 256 bits, four doubles. Loaded only by those loops, so only when the JVM has the
 * {@code jdk.incubator.vector} module.
 *
 * <p>One shape, not {@code SPECIES_PREFERRED}, because on Java 17 C2 stops compiling the Vector
 * API's loads and stores to vector instructions once their call sites have seen two shapes:
 * on an AVX-512 host, 512-bit FFT loops next to 256-bit evaluation loops left them boxing
 * every vector, and museval v4 on a 30 s track took 1.4-2.0 s instead of 0.46 s (plain Java:
 * 0.63 s). 512-bit FFT loops alone measured no faster than 256-bit ones there (STFT bench,
 * forward 42.9k frames/s both).
 */
public final class SimdSpecies {

    /** Four doubles. */
    public static final VectorSpecies<Double> DOUBLES = DoubleVector.SPECIES_256;

    private SimdSpecies() {
    }
}
