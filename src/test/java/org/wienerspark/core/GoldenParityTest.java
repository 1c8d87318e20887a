package org.wienerspark.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.wienerspark.io.Npy;

/**
 * Runs every case of a folder of reference cases (inputs and outputs of norbert, see the folder's
 * README) through the Java core and compares every output element-wise with
 * {@code |a - b| <= 1e-9 |b| + 1e-12 max|b|} (complex modulus). The folder is
 * {@code $WIENER_GOLDEN_DIR}, by default the copy in {@code src/test/resources/golden}.
 */
class GoldenParityTest {

    static final double REL_TOL = 1e-9;
    static final double ABS_TOL_OF_MAX = 1e-12;

    private static int compared;
    private static int cases;
    private static double worstRelative;
    private static double worstOfTolerance;
    private static String worstCase = "-";

    /** A case's inputs and params, computing its outputs by name. */
    interface Runner {
        Map<String, Object> run(Case c) throws IOException;
    }

    record Case(String name, Path dir, JsonNode node) {
        Npy.Array in(String arg) throws IOException {
            JsonNode input = node.path("inputs").path(arg);
            if (input.isMissingNode()) {
                throw new AssertionError(name + ": manifest lists no input '" + arg + "'");
            }
            return Npy.read(dir.resolve(input.path("file").asText()));
        }

        RealTensor real(String arg) throws IOException {
            return in(arg).asReal();
        }

        ComplexTensor complex(String arg) throws IOException {
            return in(arg).asComplex();
        }

        boolean has(String param) {
            return node.path("params").has(param) && !node.path("params").path(param).isNull();
        }

        double num(String param, double dflt) {
            return has(param) ? node.path("params").path(param).asDouble() : dflt;
        }

        int integer(String param, int dflt) {
            return has(param) ? node.path("params").path(param).asInt() : dflt;
        }

        boolean bool(String param, boolean dflt) {
            return has(param) ? node.path("params").path(param).asBoolean() : dflt;
        }
    }

    static final Map<String, Runner> RUNNERS = new LinkedHashMap<>();

    static {
        double eps = Tensors.DOUBLE_EPS;
        RUNNERS.put("norbert.softmask", c -> Map.of("y",
                SoftMask.apply(c.real("v"), c.complex("x"), c.num("logit", Double.NaN), c.num("eps", eps))));
        RUNNERS.put("norbert.wiener", c -> Map.of("y", Wiener.apply(c.real("v"), c.complex("x"),
                c.integer("iterations", Wiener.DEFAULT_ITERATIONS), c.bool("use_softmask", true), c.num("eps", eps))));
        RUNNERS.put("norbert.expectation_maximization", c -> {
            ExpectationMaximization.Result r = ExpectationMaximization.apply(c.complex("y"), c.complex("x"),
                    c.integer("iterations", ExpectationMaximization.DEFAULT_ITERATIONS), c.num("eps", eps));
            return Map.of("y", r.y(), "v", r.v(), "R", r.r());
        });
        RUNNERS.put("norbert.get_local_gaussian_model", c -> {
            LocalGaussianModel.Result r = LocalGaussianModel.apply(c.complex("y_j"),
                    c.num("eps", LocalGaussianModel.DEFAULT_EPS));
            return Map.of("v_j", r.v(), "R_j", r.r());
        });
        RUNNERS.put("norbert.get_mix_model", c -> Map.of("Cxx", MixModel.apply(c.real("v"), c.complex("R"))));
        RUNNERS.put("norbert.wiener_gain", c -> Map.of("G",
                WienerGain.apply(c.real("v_j"), c.complex("R_j"), c.complex("inv_Cxx"))));
        RUNNERS.put("norbert.apply_filter", c -> Map.of("y_hat", ApplyFilter.apply(c.complex("x"), c.complex("W"))));
        RUNNERS.put("norbert._invert", c -> Map.of("invM", MatrixInverse.apply(c.complex("M"), c.num("eps", eps))));
        RUNNERS.put("norbert.contrib.residual_model", c -> Map.of("v_out", ResidualModel.apply(c.real("v"),
                c.complex("x"), c.num("alpha", 1.0), c.bool("autoscale", false))));
        RUNNERS.put("norbert.contrib.smooth", c -> Map.of("v_smooth",
                Smooth.apply(c.real("v"), c.num("width", 1.0), c.bool("temporal", false))));
        RUNNERS.put("norbert.contrib.reduce_interferences", c -> Map.of("v_out", ReduceInterferences.apply(
                c.real("v"), c.num("thresh", ReduceInterferences.DEFAULT_THRESH),
                c.num("slope", ReduceInterferences.DEFAULT_SLOPE))));
        RUNNERS.put("norbert.contrib.compress_filter", c -> {
            double thresh = c.num("thresh", CompressFilter.DEFAULT_THRESH);
            double slope = c.num("slope", CompressFilter.DEFAULT_SLOPE);
            Npy.Array w = c.in("W");
            // The output keeps the input's type, as the reference's does.
            return Map.of("W_out", w.header().dtype().isComplex()
                    ? CompressFilter.apply(w.asComplex(), thresh, slope)
                    : CompressFilter.apply(w.asReal(), thresh, slope));
        });
    }

    static Path goldenDir() throws URISyntaxException {
        String env = System.getenv("WIENER_GOLDEN_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(GoldenParityTest.class.getResource("/golden/manifest.json").toURI()).getParent();
    }

    @TestFactory
    Stream<DynamicTest> everyGoldenCase() throws Exception {
        Path dir = goldenDir();
        JsonNode manifest = new ObjectMapper().readTree(Files.readAllBytes(dir.resolve("manifest.json")));
        JsonNode cases = manifest.path("cases");
        assertTrue(cases.isArray() && cases.size() > 0, dir + "/manifest.json lists no cases");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode node : cases) {
            Case c = new Case(node.path("name").asText(), dir, node);
            tests.add(DynamicTest.dynamicTest(c.name(), () -> runCase(c)));
        }
        return tests.stream();
    }

    private static void runCase(Case c) throws IOException {
        synchronized (GoldenParityTest.class) {
            cases++;
        }
        String status = c.node().path("status").asText();
        String function = c.node().path("function").asText();
        Runner runner = RUNNERS.get(function);
        if (runner == null) {
            fail(c.name() + ": no Java counterpart for reference function '" + function + "'");
        }
        switch (status) {
            case "reference", "variant_not_reference" -> {
                Map<String, Object> actual = runner.run(c);
                JsonNode outputs = c.node().path("outputs");
                assertFalse(outputs.isEmpty(), c.name() + ": manifest lists no outputs");
                for (var it = outputs.fields(); it.hasNext(); ) {
                    var e = it.next();
                    Object a = actual.get(e.getKey());
                    if (a == null) {
                        fail(c.name() + ": the Java function returns no output '" + e.getKey() + "'");
                    }
                    Npy.Array expected = Npy.read(c.dir().resolve(e.getValue().path("file").asText()));
                    compare(c.name() + "/" + e.getKey(), a, expected);
                }
            }
            case "reference_error" -> {
                // The reference raises here; we implement its documented behaviour instead (a
                // variant case pins its values). Check that we answer, with finite values.
                Map<String, Object> actual = runner.run(c);
                for (Object a : actual.values()) {
                    double[] d = a instanceof ComplexTensor t ? t.data() : ((RealTensor) a).data();
                    assertTrue(Arrays.stream(d).allMatch(Double::isFinite), c.name() + ": non-finite output");
                }
                System.out.println("[golden] " + c.name() + ": the reference raises "
                        + c.node().path("error").path("type").asText() + "; the Java core returns the documented "
                        + "behaviour (values pinned by the variant case)");
            }
            default -> fail(c.name() + ": unknown status '" + status + "'");
        }
    }

    static void compare(String what, Object actual, Npy.Array expected) {
        boolean complex = expected.header().dtype().isComplex();
        int[] shape = expected.shape();
        double[] a;
        int[] aShape;
        if (actual instanceof ComplexTensor t) {
            a = t.data();
            aShape = t.shape();
        } else {
            RealTensor t = (RealTensor) actual;
            a = t.data();
            aShape = t.shape();
            if (complex) {
                fail(what + ": Java output is real, reference is complex");
            }
        }
        assertEquals(Arrays.toString(shape), Arrays.toString(aShape), what + ": shape");
        boolean aComplex = actual instanceof ComplexTensor;
        double[] b = aComplex ? expected.asComplex().data() : expected.data();
        int per = aComplex ? 2 : 1;
        int n = b.length / per;
        double maxB = 0;
        for (int i = 0; i < n; i++) {
            maxB = Math.max(maxB, modulus(b, i, per));
        }
        double worstRel = 0;
        double worstTol = 0;
        for (int i = 0; i < n; i++) {
            double bi = modulus(b, i, per);
            double diff = per == 2 ? Math.hypot(a[2 * i] - b[2 * i], a[2 * i + 1] - b[2 * i + 1])
                    : Math.abs(a[i] - b[i]);
            double tol = REL_TOL * bi + ABS_TOL_OF_MAX * maxB;
            if (!(diff <= tol)) {
                fail(String.format("%s: element %s differs: java %s, reference %s, |a-b| = %.3e > tol %.3e", what,
                        Arrays.toString(Tensors.unravel(i, shape)), value(a, i, per), value(b, i, per), diff, tol));
            }
            if (tol > 0) {
                worstTol = Math.max(worstTol, diff / tol);
            }
            if (bi > 1e-6 * maxB && bi > 0) {
                worstRel = Math.max(worstRel, diff / bi);
            }
        }
        synchronized (GoldenParityTest.class) {
            compared++;
            if (worstRel > worstRelative) {
                worstRelative = worstRel;
                worstCase = what;
            }
            worstOfTolerance = Math.max(worstOfTolerance, worstTol);
        }
    }

    private static double modulus(double[] d, int i, int per) {
        return per == 2 ? Math.hypot(d[2 * i], d[2 * i + 1]) : Math.abs(d[i]);
    }

    private static String value(double[] d, int i, int per) {
        return per == 2 ? "(" + d[2 * i] + ", " + d[2 * i + 1] + ")" : Double.toString(d[i]);
    }

    @AfterAll
    static void summary() {
        System.out.printf("[golden] %d cases, compared %d outputs; largest relative error %.3e (%s, entries above 1e-6 max|b|); "
                + "largest |a-b| / tolerance %.3e%n", cases, compared, worstRelative, worstCase, worstOfTolerance);
    }
}
