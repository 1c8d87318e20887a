package org.wienerspark.eval;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.wienerspark.core.SimdSpecies;

/**
 * {@link RecursionKernels} with the Vector API (incubating in Java 17-21: loaded only when the
 * JVM has the module). Same operations, in the same order per lane, as
 * {@link ScalarRecursionKernels}; the dot products keep {@link #LANES} partial sums in one
 * 256-bit vector and add them in the scalar order.
 */
final class VectorRecursionKernels implements RecursionKernels {

    private static final VectorSpecies<Double> SPECIES = SimdSpecies.DOUBLES;

    private final ScalarRecursionKernels scalar = new ScalarRecursionKernels();

    @Override
    public void dots(double[] a, int aOff, double[] v, int vOff, double[] out, int n, int m, int span) {
        if ((m & 1) != 0) {
            scalar.dots(a, aOff, v, vOff, out, n, m, span);
            return;
        }
        int body = n - n % LANES;
        if ((m & 3) == 0) {
            dots2x4(a, aOff, v, vOff, out, n, m, span, body);
            return;
        }
        // Two rows by two columns per pass: four loads for four products.
        for (int p = 0; p < m; p += 2) {
            int a0 = p * span + aOff;
            int a1 = a0 + span;
            for (int c = 0; c < m; c += 2) {
                int v0 = c * span + vOff;
                int v1 = v0 + span;
                DoubleVector s00 = DoubleVector.zero(SPECIES);
                DoubleVector s01 = s00;
                DoubleVector s10 = s00;
                DoubleVector s11 = s00;
                for (int i = 0; i < body; i += LANES) {
                    DoubleVector x0 = DoubleVector.fromArray(SPECIES, a, a0 + i);
                    DoubleVector x1 = DoubleVector.fromArray(SPECIES, a, a1 + i);
                    DoubleVector y0 = DoubleVector.fromArray(SPECIES, v, v0 + i);
                    DoubleVector y1 = DoubleVector.fromArray(SPECIES, v, v1 + i);
                    s00 = s00.add(x0.mul(y0));
                    s01 = s01.add(x0.mul(y1));
                    s10 = s10.add(x1.mul(y0));
                    s11 = s11.add(x1.mul(y1));
                }
                out[p * m + c] = finish(s00, a, a0, v, v0, body, n);
                out[p * m + c + 1] = finish(s01, a, a0, v, v1, body, n);
                out[(p + 1) * m + c] = finish(s10, a, a1, v, v0, body, n);
                out[(p + 1) * m + c + 1] = finish(s11, a, a1, v, v1, body, n);
            }
        }
    }

    /**
     * Two rows by four columns per pass: six loads for eight products, and eight independent
     * chains of additions rather than four, which the latency of the additions bounds.
     */
    private static void dots2x4(double[] a, int aOff, double[] v, int vOff, double[] out, int n, int m, int span,
                                int body) {
        for (int p = 0; p < m; p += 2) {
            int a0 = p * span + aOff;
            int a1 = a0 + span;
            for (int c = 0; c < m; c += 4) {
                int v0 = c * span + vOff;
                int v1 = v0 + span;
                int v2 = v1 + span;
                int v3 = v2 + span;
                DoubleVector s00 = DoubleVector.zero(SPECIES);
                DoubleVector s01 = s00;
                DoubleVector s02 = s00;
                DoubleVector s03 = s00;
                DoubleVector s10 = s00;
                DoubleVector s11 = s00;
                DoubleVector s12 = s00;
                DoubleVector s13 = s00;
                for (int i = 0; i < body; i += LANES) {
                    DoubleVector x0 = DoubleVector.fromArray(SPECIES, a, a0 + i);
                    DoubleVector x1 = DoubleVector.fromArray(SPECIES, a, a1 + i);
                    DoubleVector y0 = DoubleVector.fromArray(SPECIES, v, v0 + i);
                    DoubleVector y1 = DoubleVector.fromArray(SPECIES, v, v1 + i);
                    s00 = s00.add(x0.mul(y0));
                    s01 = s01.add(x0.mul(y1));
                    s10 = s10.add(x1.mul(y0));
                    s11 = s11.add(x1.mul(y1));
                    DoubleVector y2 = DoubleVector.fromArray(SPECIES, v, v2 + i);
                    DoubleVector y3 = DoubleVector.fromArray(SPECIES, v, v3 + i);
                    s02 = s02.add(x0.mul(y2));
                    s03 = s03.add(x0.mul(y3));
                    s12 = s12.add(x1.mul(y2));
                    s13 = s13.add(x1.mul(y3));
                }
                int r0 = p * m + c;
                int r1 = r0 + m;
                out[r0] = finish(s00, a, a0, v, v0, body, n);
                out[r0 + 1] = finish(s01, a, a0, v, v1, body, n);
                out[r0 + 2] = finish(s02, a, a0, v, v2, body, n);
                out[r0 + 3] = finish(s03, a, a0, v, v3, body, n);
                out[r1] = finish(s10, a, a1, v, v0, body, n);
                out[r1 + 1] = finish(s11, a, a1, v, v1, body, n);
                out[r1 + 2] = finish(s12, a, a1, v, v2, body, n);
                out[r1 + 3] = finish(s13, a, a1, v, v3, body, n);
            }
        }
    }

    /** The partial sums added as the scalar loop adds them, then the tail. */
    private static double finish(DoubleVector sums, double[] a, int a0, double[] v, int v0, int body, int n) {
        double s = (sums.lane(0) + sums.lane(1)) + (sums.lane(2) + sums.lane(3));
        for (int i = body; i < n; i++) {
            s += a[a0 + i] * v[v0 + i];
        }
        return s;
    }

    @Override
    public void update(double[] out, int outOff, double[] base, int baseOff, double[] x, int xOff, double[] k,
                       int c, int m, int span, int n) {
        int vec = n - n % SPECIES.length();
        double[] src = base;
        int srcOff = baseOff;
        int l = 0;
        for (; l + 3 < m; l += 4) {
            double k0 = k[l * m + c];
            double k1 = k[(l + 1) * m + c];
            double k2 = k[(l + 2) * m + c];
            double k3 = k[(l + 3) * m + c];
            int x0 = l * span + xOff;
            int x1 = x0 + span;
            int x2 = x1 + span;
            int x3 = x2 + span;
            int s = 0;
            for (; s < vec; s += SPECIES.length()) {
                DoubleVector t = DoubleVector.fromArray(SPECIES, x, x0 + s).mul(k0)
                        .add(DoubleVector.fromArray(SPECIES, x, x1 + s).mul(k1))
                        .add(DoubleVector.fromArray(SPECIES, x, x2 + s).mul(k2))
                        .add(DoubleVector.fromArray(SPECIES, x, x3 + s).mul(k3));
                DoubleVector.fromArray(SPECIES, src, srcOff + s).add(t).intoArray(out, outOff + s);
            }
            for (; s < n; s++) {
                out[outOff + s] = src[srcOff + s]
                        + (k0 * x[x0 + s] + k1 * x[x1 + s] + k2 * x[x2 + s] + k3 * x[x3 + s]);
            }
            src = out;
            srcOff = outOff;
        }
        for (; l < m; l++) {
            double k0 = k[l * m + c];
            int x0 = l * span + xOff;
            int s = 0;
            for (; s < vec; s += SPECIES.length()) {
                DoubleVector.fromArray(SPECIES, src, srcOff + s)
                        .add(DoubleVector.fromArray(SPECIES, x, x0 + s).mul(k0)).intoArray(out, outOff + s);
            }
            for (; s < n; s++) {
                out[outOff + s] = src[srcOff + s] + k0 * x[x0 + s];
            }
            src = out;
            srcOff = outOff;
        }
    }

    /** Both columns from each load of x: the loads, not the arithmetic, bound the single-column loop. */
    @Override
    public void updatePair(double[] out, int off0, int off1, double[] base, int base0, int base1, double[] x,
                           int xOff, double[] k, int c0, int c1, int m, int span, int n) {
        int vec = n - n % SPECIES.length();
        double[] src = base;
        int src0 = base0;
        int src1 = base1;
        int l = 0;
        for (; l + 3 < m; l += 4) {
            double k0 = k[l * m + c0];
            double k1 = k[(l + 1) * m + c0];
            double k2 = k[(l + 2) * m + c0];
            double k3 = k[(l + 3) * m + c0];
            double j0 = k[l * m + c1];
            double j1 = k[(l + 1) * m + c1];
            double j2 = k[(l + 2) * m + c1];
            double j3 = k[(l + 3) * m + c1];
            int x0 = l * span + xOff;
            int x1 = x0 + span;
            int x2 = x1 + span;
            int x3 = x2 + span;
            int s = 0;
            for (; s < vec; s += SPECIES.length()) {
                DoubleVector y0 = DoubleVector.fromArray(SPECIES, x, x0 + s);
                DoubleVector y1 = DoubleVector.fromArray(SPECIES, x, x1 + s);
                DoubleVector y2 = DoubleVector.fromArray(SPECIES, x, x2 + s);
                DoubleVector y3 = DoubleVector.fromArray(SPECIES, x, x3 + s);
                DoubleVector t = y0.mul(k0).add(y1.mul(k1)).add(y2.mul(k2)).add(y3.mul(k3));
                DoubleVector u = y0.mul(j0).add(y1.mul(j1)).add(y2.mul(j2)).add(y3.mul(j3));
                DoubleVector.fromArray(SPECIES, src, src0 + s).add(t).intoArray(out, off0 + s);
                DoubleVector.fromArray(SPECIES, src, src1 + s).add(u).intoArray(out, off1 + s);
            }
            for (; s < n; s++) {
                out[off0 + s] = src[src0 + s]
                        + (k0 * x[x0 + s] + k1 * x[x1 + s] + k2 * x[x2 + s] + k3 * x[x3 + s]);
                out[off1 + s] = src[src1 + s]
                        + (j0 * x[x0 + s] + j1 * x[x1 + s] + j2 * x[x2 + s] + j3 * x[x3 + s]);
            }
            src = out;
            src0 = off0;
            src1 = off1;
        }
        if (m - l == 2) {
            // Two rows left (m = 2: one stereo source, or 6): both in one pass, added one after
            // the other as two single-row passes add them.
            double k0 = k[l * m + c0];
            double k1 = k[(l + 1) * m + c0];
            double j0 = k[l * m + c1];
            double j1 = k[(l + 1) * m + c1];
            int x0 = l * span + xOff;
            int x1 = x0 + span;
            int s = 0;
            for (; s < vec; s += SPECIES.length()) {
                DoubleVector y0 = DoubleVector.fromArray(SPECIES, x, x0 + s);
                DoubleVector y1 = DoubleVector.fromArray(SPECIES, x, x1 + s);
                DoubleVector.fromArray(SPECIES, src, src0 + s).add(y0.mul(k0)).add(y1.mul(k1)).intoArray(out, off0 + s);
                DoubleVector.fromArray(SPECIES, src, src1 + s).add(y0.mul(j0)).add(y1.mul(j1)).intoArray(out, off1 + s);
            }
            for (; s < n; s++) {
                out[off0 + s] = src[src0 + s] + k0 * x[x0 + s] + k1 * x[x1 + s];
                out[off1 + s] = src[src1 + s] + j0 * x[x0 + s] + j1 * x[x1 + s];
            }
            return;
        }
        for (; l < m; l++) {
            double k0 = k[l * m + c0];
            double j0 = k[l * m + c1];
            int x0 = l * span + xOff;
            int s = 0;
            for (; s < vec; s += SPECIES.length()) {
                DoubleVector y0 = DoubleVector.fromArray(SPECIES, x, x0 + s);
                DoubleVector.fromArray(SPECIES, src, src0 + s).add(y0.mul(k0)).intoArray(out, off0 + s);
                DoubleVector.fromArray(SPECIES, src, src1 + s).add(y0.mul(j0)).intoArray(out, off1 + s);
            }
            for (; s < n; s++) {
                out[off0 + s] = src[src0 + s] + k0 * x[x0 + s];
                out[off1 + s] = src[src1 + s] + j0 * x[x0 + s];
            }
            src = out;
            src0 = off0;
            src1 = off1;
        }
    }
}
