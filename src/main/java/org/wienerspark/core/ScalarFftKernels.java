package org.wienerspark.core;

/** {@link FftKernels} in plain Java: the fallback when the Vector API module is not loaded. */
final class ScalarFftKernels implements FftKernels {

    @Override
    public void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                       double[] wi, int quarterShift, int inPad, int outPad) {
        int run = stride * lanes;
        for (int p = 0; p < len / 4; p++) {
            radix4Run(xr, xi, yr, yi, p, len, stride, run, wr, wi, quarterShift, inPad, outPad, 0, run);
        }
    }

    /**
     * The butterflies of {@link #radix4} for sub-transform row p, at offsets {@code from..to}
     * of its runs (the vector kernel's tail goes through here too).
     */
    static void radix4Run(double[] xr, double[] xi, double[] yr, double[] yi, int p, int len, int stride, int run,
                          double[] wr, double[] wi, int quarterShift, int inPad, int outPad, int from, int to) {
        int quarter = len / 4 * run + inPad;
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
        for (int j = from; j < to; j++) {
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

    @Override
    public void radix8(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                       double[] wi, int quarterShift, int inPad, int outPad) {
        int run = stride * lanes;
        for (int p = 0; p < len / 8; p++) {
            radix8Run(xr, xi, yr, yi, p, len, stride, run, wr, wi, quarterShift, inPad, outPad, 0, run);
        }
    }

    /**
     * The butterflies of {@link #radix8} for sub-transform row p, at offsets {@code from..to}
     * of its runs (the vector kernel's tail goes through here too).
     */
    static void radix8Run(double[] xr, double[] xi, double[] yr, double[] yi, int p, int len, int stride, int run,
                          double[] wr, double[] wi, int quarterShift, int inPad, int outPad, int from, int to) {
        int eighth = len / 8 * run;
        // Eighths 2k and 2k + 1 lie in quarter k.
        int a0 = p * run;
        int a1 = a0 + eighth;
        int a2 = a1 + eighth + inPad;
        int a3 = a2 + eighth;
        int a4 = a3 + eighth + inPad;
        int a5 = a4 + eighth;
        int a6 = a5 + eighth + inPad;
        int a7 = a6 + eighth;
        int b0 = FftKernels.outputRow(8 * p, run, stride, quarterShift, outPad);
        int b1 = FftKernels.outputRow(8 * p + 1, run, stride, quarterShift, outPad);
        int b2 = FftKernels.outputRow(8 * p + 2, run, stride, quarterShift, outPad);
        int b3 = FftKernels.outputRow(8 * p + 3, run, stride, quarterShift, outPad);
        int b4 = FftKernels.outputRow(8 * p + 4, run, stride, quarterShift, outPad);
        int b5 = FftKernels.outputRow(8 * p + 5, run, stride, quarterShift, outPad);
        int b6 = FftKernels.outputRow(8 * p + 6, run, stride, quarterShift, outPad);
        int b7 = FftKernels.outputRow(8 * p + 7, run, stride, quarterShift, outPad);
        int w = p * stride;
        double w1r = wr[w], w1i = wi[w];
        double w2r = wr[2 * w], w2i = wi[2 * w];
        double w3r = wr[3 * w], w3i = wi[3 * w];
        double w4r = wr[4 * w], w4i = wi[4 * w];
        double w5r = wr[5 * w], w5i = wi[5 * w];
        double w6r = wr[6 * w], w6i = wi[6 * w];
        double w7r = wr[7 * w], w7i = wi[7 * w];
        double h = FftKernels.SQRT_HALF;
        for (int j = from; j < to; j++) {
            // Radix 2: s_k = x_k + x_{k+4}, d_k = x_k - x_{k+4}.
            double x0r = xr[a0 + j], x0i = xi[a0 + j];
            double x4r = xr[a4 + j], x4i = xi[a4 + j];
            double s0r = x0r + x4r, s0i = x0i + x4i;
            double d0r = x0r - x4r, d0i = x0i - x4i;
            double x1r = xr[a1 + j], x1i = xi[a1 + j];
            double x5r = xr[a5 + j], x5i = xi[a5 + j];
            double s1r = x1r + x5r, s1i = x1i + x5i;
            double d1r = x1r - x5r, d1i = x1i - x5i;
            double x2r = xr[a2 + j], x2i = xi[a2 + j];
            double x6r = xr[a6 + j], x6i = xi[a6 + j];
            double s2r = x2r + x6r, s2i = x2i + x6i;
            double d2r = x2r - x6r, d2i = x2i - x6i;
            double x3r = xr[a3 + j], x3i = xi[a3 + j];
            double x7r = xr[a7 + j], x7i = xi[a7 + j];
            double s3r = x3r + x7r, s3i = x3i + x7i;
            double d3r = x3r - x7r, d3i = x3i - x7i;
            // Even rows: radix 4 of s.
            double ar = s0r + s2r, ai = s0i + s2i;
            double br = s0r - s2r, bi = s0i - s2i;
            double cr = s1r + s3r, ci = s1i + s3i;
            double dr = s1r - s3r, di = s1i - s3i;
            yr[b0 + j] = ar + cr;
            yi[b0 + j] = ai + ci;
            double e4r = ar - cr, e4i = ai - ci;
            yr[b4 + j] = e4r * w4r - e4i * w4i;
            yi[b4 + j] = e4r * w4i + e4i * w4r;
            // b - i d, b + i d
            double e2r = br + di, e2i = bi - dr;
            yr[b2 + j] = e2r * w2r - e2i * w2i;
            yi[b2 + j] = e2r * w2i + e2i * w2r;
            double e6r = br - di, e6i = bi + dr;
            yr[b6 + j] = e6r * w6r - e6i * w6i;
            yi[b6 + j] = e6r * w6i + e6i * w6r;
            // Odd rows: radix 4 of d_k W8^k; W8 = h (1 - i), W8^2 = -i, W8^3 = -h (1 + i),
            // the last kept as (t3r, -t3i).
            double t1r = (d1r + d1i) * h, t1i = (d1i - d1r) * h;
            double t3r = (d3i - d3r) * h, t3i = (d3r + d3i) * h;
            double pr = d0r + d2i, pi = d0i - d2r;
            double qr = d0r - d2i, qi = d0i + d2r;
            double rr = t1r + t3r, ri = t1i - t3i;
            double ur = t1r - t3r, ui = t1i + t3i;
            double e1r = pr + rr, e1i = pi + ri;
            yr[b1 + j] = e1r * w1r - e1i * w1i;
            yi[b1 + j] = e1r * w1i + e1i * w1r;
            double e5r = pr - rr, e5i = pi - ri;
            yr[b5 + j] = e5r * w5r - e5i * w5i;
            yi[b5 + j] = e5r * w5i + e5i * w5r;
            // q - i u, q + i u
            double e3r = qr + ui, e3i = qi - ur;
            yr[b3 + j] = e3r * w3r - e3i * w3i;
            yi[b3 + j] = e3r * w3i + e3i * w3r;
            double e7r = qr - ui, e7i = qi + ur;
            yr[b7 + j] = e7r * w7r - e7i * w7i;
            yi[b7 + j] = e7r * w7i + e7i * w7r;
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
