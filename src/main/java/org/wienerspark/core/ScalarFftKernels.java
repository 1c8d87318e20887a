package org.wienerspark.core;

/** {@link FftKernels} in plain Java: the fallback when the Vector API module is not loaded. */
final class ScalarFftKernels implements FftKernels {

    @Override
    public void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                       double[] wi, int quarterShift, int inPad, int outPad) {
        int q = len / 4;
        int run = stride * lanes;
        int quarter = q * run + inPad;
        for (int p = 0; p < q; p++) {
            int a0 = p * run;
            int a1 = a0 + quarter;
            int a2 = a1 + quarter;
            int a3 = a2 + quarter;
            // Output rows 4p + r, stride rows each, never across a quarter (stride <= m/4).
            int b0 = FftKernels.outputRow(4 * p, run, stride, quarterShift, outPad);
            int b1 = FftKernels.outputRow(4 * p + 1, run, stride, quarterShift, outPad);
            int b2 = FftKernels.outputRow(4 * p + 2, run, stride, quarterShift, outPad);
            int b3 = FftKernels.outputRow(4 * p + 3, run, stride, quarterShift, outPad);
            int w = p * stride;
            double w1r = wr[w], w1i = wi[w];
            double w2r = wr[2 * w], w2i = wi[2 * w];
            double w3r = wr[3 * w], w3i = wi[3 * w];
            for (int j = 0; j < run; j++) {
                double ar = xr[a0 + j], ai = xi[a0 + j];
                double br = xr[a1 + j], bi = xi[a1 + j];
                double cr = xr[a2 + j], ci = xi[a2 + j];
                double dr = xr[a3 + j], di = xi[a3 + j];
                double sr = ar + cr, si = ai + ci;
                double ur = ar - cr, ui = ai - ci;
                double tr = br + dr, ti = bi + di;
                double vr = br - dr, vi = bi - di;
                yr[b0 + j] = sr + tr;
                yi[b0 + j] = si + ti;
                // (a - c) - i (b - d), times w^p
                double e1r = ur + vi, e1i = ui - vr;
                yr[b1 + j] = e1r * w1r - e1i * w1i;
                yi[b1 + j] = e1r * w1i + e1i * w1r;
                double e2r = sr - tr, e2i = si - ti;
                yr[b2 + j] = e2r * w2r - e2i * w2i;
                yi[b2 + j] = e2r * w2i + e2i * w2r;
                // (a - c) + i (b - d), times w^3p
                double e3r = ur - vi, e3i = ui + vr;
                yr[b3 + j] = e3r * w3r - e3i * w3i;
                yi[b3 + j] = e3r * w3i + e3i * w3r;
            }
        }
    }

    @Override
    public void radix2(double[] xr, double[] xi, int a, int gap, double[] yr, double[] yi, int b, int ygap,
                       int count) {
        for (int j = 0; j < count; j++) {
            double ar = xr[a + j], ai = xi[a + j];
            double br = xr[a + gap + j], bi = xi[a + gap + j];
            yr[b + j] = ar + br;
            yi[b + j] = ai + bi;
            yr[b + ygap + j] = ar - br;
            yi[b + ygap + j] = ai - bi;
        }
    }

    @Override
    public void separate(double[] zr, double[] zi, double[] xr, double[] xi, int m, int lanes, double[] cs,
                         double[] sn, int quarterShift, int zPad, int xPad) {
        int top = m * lanes + (m >> quarterShift) * xPad;
        for (int l = 0; l < lanes; l++) {
            double ar = zr[l], ai = zi[l];
            xr[l] = ar + ai;
            xi[l] = 0.0;
            xr[top + l] = ar - ai;
            xi[top + l] = 0.0;
        }
        for (int k = 1; k <= m / 2; k++) {
            int ka = k * lanes + (k >> quarterShift) * xPad;
            int kb = (m - k) * lanes + ((m - k) >> quarterShift) * xPad;
            int za = k * lanes + (k >> quarterShift) * zPad;
            int zb = (m - k) * lanes + ((m - k) >> quarterShift) * zPad;
            double c = cs[k], s = sn[k];
            for (int l = 0; l < lanes; l++) {
                double ar = zr[za + l], ai = zi[za + l];
                double br = zr[zb + l], bi = zi[zb + l];
                // Even part (Z[k] + conj Z[m-k]) / 2, odd part (Z[k] - conj Z[m-k]) / 2i.
                double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
                double or = 0.5 * (ai + bi), oi = 0.5 * (br - ar);
                // t = exp(-2 pi i k / n) odd
                double tr = c * or + s * oi, ti = c * oi - s * or;
                xr[ka + l] = er + tr;
                xi[ka + l] = ei + ti;
                xr[kb + l] = er - tr;
                xi[kb + l] = ti - ei;
            }
        }
    }

    @Override
    public void combine(double[] xr, double[] xi, int m, int lanes, double[] cs, double[] sn, double f,
                        int quarterShift, int pad) {
        int top = m * lanes + (m >> quarterShift) * pad;
        for (int l = 0; l < lanes; l++) {
            double x0 = xr[l], xm = xr[top + l];
            xr[l] = (x0 + xm) * f;
            xi[l] = (x0 - xm) * f;
        }
        for (int k = 1; k <= m / 2; k++) {
            int ka = k * lanes + (k >> quarterShift) * pad;
            int kb = (m - k) * lanes + ((m - k) >> quarterShift) * pad;
            double c = cs[k], s = sn[k];
            for (int l = 0; l < lanes; l++) {
                double ar = xr[ka + l], ai = xi[ka + l];
                double br = xr[kb + l], bi = xi[kb + l];
                double er = (ar + br) * f, ei = (ai - bi) * f;
                double dr = (ar - br) * f, di = (ai + bi) * f;
                // odd = d exp(+2 pi i k / n); Z[k] = even + i odd, Z[m-k] = conj(even) + i conj(odd)
                double or = dr * c - di * s, oi = dr * s + di * c;
                xr[ka + l] = er - oi;
                xi[ka + l] = ei + or;
                xr[kb + l] = er + oi;
                xi[kb + l] = or - ei;
            }
        }
    }
}
