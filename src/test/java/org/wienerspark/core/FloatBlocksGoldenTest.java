package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.wienerspark.io.Npy;

/**
 * The error {@code --precision float} adds, measured on the golden cases: norbert's
 * {@code wiener} and {@code expectation_maximization} run as the job runs them with float32
 * blocks (x and the estimates rounded to float32 after the scale, and the estimates again after
 * every EM map; statistics and kernels in double), against the reference outputs.
 */
class FloatBlocksGoldenTest {

    /** Documented bound (README): largest |a - b| over the largest |b| of a case's output. */
    static final double BOUND_OF_PEAK = 1e-6;

    @Test
    void floatBlocksStayWithinTheDocumentedBoundOfTheReference() throws Exception {
        Path dir = GoldenParityTest.goldenDir();
        JsonNode manifest = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
        double worstPeak = 0;
        double worstRel = 0;
        String worstCase = "-";
        for (JsonNode c : manifest.path("cases")) {
            String fn = c.path("function").asText();
            boolean wiener = fn.equals("norbert.wiener");
            if (!wiener && !fn.equals("norbert.expectation_maximization")
                    || !c.path("status").asText().equals("reference")) {
                continue;
            }
            JsonNode p = c.path("params");
            double eps = p.hasNonNull("eps") ? p.get("eps").asDouble() : Tensors.DOUBLE_EPS;
            ComplexTensor x = read(dir, c, "inputs", "x").asComplex();
            double[] y;
            if (wiener) {
                int it = p.hasNonNull("iterations") ? p.get("iterations").asInt() : Wiener.DEFAULT_ITERATIONS;
                boolean softmask = !p.hasNonNull("use_softmask") || p.get("use_softmask").asBoolean();
                RealTensor v = read(dir, c, "inputs", "v").asReal();
                ComplexTensor y0 = softmask ? SoftMask.apply(v, x, Double.NaN, eps) : Wiener.withMixturePhase(v, x);
                double scale = it == 0 ? 1.0 : Wiener.scale(x.data(), 0, x.data().length);
                y = emWithFloatBlocks(x, y0, scale, it, eps);
            } else {
                int it = p.hasNonNull("iterations") ? p.get("iterations").asInt()
                        : ExpectationMaximization.DEFAULT_ITERATIONS;
                y = emWithFloatBlocks(x, read(dir, c, "inputs", "y").asComplex(), 1.0, it, eps);
            }
            double[] b = read(dir, c, "outputs", "y").asComplex().data();
            double peak = 0;
            for (int i = 0; i < b.length; i += 2) {
                peak = Math.max(peak, Math.hypot(b[i], b[i + 1]));
            }
            double ofPeak = 0;
            double rel = 0;
            for (int i = 0; i < b.length; i += 2) {
                double d = Math.hypot(y[i] - b[i], y[i + 1] - b[i + 1]);
                double bi = Math.hypot(b[i], b[i + 1]);
                ofPeak = Math.max(ofPeak, d / peak);
                if (bi > 1e-3 * peak) {
                    rel = Math.max(rel, d / bi);
                }
            }
            System.out.printf("[float-blocks] %-36s max |a-b| / max |b| = %.2e, max relative (|b| > 1e-3 max) = %.2e%n",
                    c.path("name").asText(), ofPeak, rel);
            if (ofPeak > worstPeak) {
                worstPeak = ofPeak;
                worstCase = c.path("name").asText();
            }
            worstRel = Math.max(worstRel, rel);
        }
        System.out.printf("[float-blocks] worst: max |a-b| / max |b| = %.2e (%s); max relative = %.2e%n", worstPeak,
                worstCase, worstRel);
        assertTrue(worstPeak <= BOUND_OF_PEAK, worstCase + ": " + worstPeak + " > " + BOUND_OF_PEAK);
    }

    /**
     * The job's float path on whole tracks: x and y divided by the scale and rounded to float32,
     * then per iteration the statistics of y, the map in double, y rounded again; times the scale.
     */
    static double[] emWithFloatBlocks(ComplexTensor x, ComplexTensor y0, double scale, int iterations, double eps) {
        int frames = x.dim(0), bins = x.dim(1), c = x.dim(2), s = y0.dim(3);
        double[] xs = rounded(x.data(), scale);
        double[] y = rounded(y0.data(), scale);
        PosteriorMean sep = new PosteriorMean(c, s);
        for (int it = 0; it < iterations; it++) {
            double[] r = new SpatialCovariance(bins, c, s).add(y, 0, frames).covariances(eps);
            sep.separate(r, bins, eps, xs, 0, y, 0, y, 0, null, 0, frames);
            y = rounded(y, 1.0);
        }
        for (int i = 0; i < y.length; i++) {
            y[i] *= scale;
        }
        return y;
    }

    private static double[] rounded(double[] a, double divisor) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (float) (divisor == 1.0 ? a[i] : a[i] / divisor);
        }
        return out;
    }

    private static Npy.Array read(Path dir, JsonNode c, String group, String name) throws IOException {
        return Npy.read(dir.resolve(c.path(group).path(name).path("file").asText()));
    }
}
