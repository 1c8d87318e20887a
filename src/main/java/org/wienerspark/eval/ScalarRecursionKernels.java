package org.wienerspark.eval;

/** {@link RecursionKernels} in plain Java; the reference for the vector loops' order of operations. */
final class ScalarRecursionKernels implements RecursionKernels {

    @Override
    public void dots(double[] a, int aOff, double[] v, int vOff, double[] out, int n, int m, int span) {
        int body = n - n % LANES;
        for (int p = 0; p < m; p++) {
            int a0 = p * span + aOff;
            for (int c = 0; c < m; c++) {
                int v0 = c * span + vOff;
                double s0 = 0;
                double s1 = 0;
                double s2 = 0;
                double s3 = 0;
                int i = 0;
                for (; i < body; i += LANES) {
                    s0 += a[a0 + i] * v[v0 + i];
                    s1 += a[a0 + i + 1] * v[v0 + i + 1];
                    s2 += a[a0 + i + 2] * v[v0 + i + 2];
                    s3 += a[a0 + i + 3] * v[v0 + i + 3];
                }
                double s = (s0 + s1) + (s2 + s3);
                for (; i < n; i++) {
                    s += a[a0 + i] * v[v0 + i];
                }
                out[p * m + c] = s;
            }
        }
    }

    @Override
    public void update(double[] out, int outOff, double[] base, int baseOff, double[] x, int xOff, double[] k,
                       int c, int m, int span, int n) {
        // The first group reads base, the later ones what the first wrote.
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
            for (int s = 0; s < n; s++) {
                out[outOff + s] = src[srcOff + s] + (k0 * x[x0 + s] + k1 * x[x1 + s] + k2 * x[x2 + s] + k3 * x[x3 + s]);
            }
            src = out;
            srcOff = outOff;
        }
        for (; l < m; l++) {
            double k0 = k[l * m + c];
            int x0 = l * span + xOff;
            for (int s = 0; s < n; s++) {
                out[outOff + s] = src[srcOff + s] + k0 * x[x0 + s];
            }
            src = out;
            srcOff = outOff;
        }
    }
}
