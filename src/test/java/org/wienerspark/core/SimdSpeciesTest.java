package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Pins {@link SimdSpecies}'s rule: a second vector shape anywhere in the JVM made Java 17's C2
 * box the vectors of every loop (see its javadoc), and nothing else would catch that but a
 * benchmark on an AVX-512 host.
 */
class SimdSpeciesTest {

    private static final Path MAIN = Path.of("src", "main", "java");
    private static final Pattern OTHER_SHAPE = Pattern.compile("SPECIES_(PREFERRED|MAX|64|128|256|512)\\b"
            + "|VectorSpecies\\.of|ofLength\\(");

    @Test
    void theShapeIsFourDoubles() {
        assertEquals(256, SimdSpecies.DOUBLES.vectorBitSize());
        assertEquals(4, SimdSpecies.DOUBLES.length());
    }

    @Test
    void noMainSourceNamesAnotherShape() throws IOException {
        List<String> vectorSources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(f);
                if (!text.contains("import jdk.incubator.vector.") || f.endsWith("SimdSpecies.java")) {
                    continue;
                }
                vectorSources.add(f.getFileName().toString());
                assertFalse(OTHER_SHAPE.matcher(text).find(), f + " names a vector shape of its own: use SimdSpecies.DOUBLES");
                assertTrue(text.contains("SimdSpecies.DOUBLES"), f + " uses the Vector API without SimdSpecies.DOUBLES");
            }
        }
        // The scan must have seen the FFT's and the evaluation's loops, or it checks nothing.
        assertTrue(vectorSources.containsAll(List.of("VectorFftKernels.java", "VectorLaneProducts.java",
                "VectorRecursionKernels.java")), "vector sources found: " + vectorSources);
    }
}
