package org.wienerspark.core;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link FftKernels} with the Vector API (incubating in Java 17-21: loaded only when the JVM runs
 * with {@code --add-modules jdk.incubator.vector}, see {@link RealFft}). Written with explicit
 * vectors because HotSpot's SuperWord does not vectorise the Stockham butterflies: their loads
 * and stores are at different loop-invariant offsets of arrays that C2 cannot prove distinct,
 * so it assumes they alias. Same operations, in the same order, as {@link ScalarFftKernels};
 * lanes beyond the last full vector go through the same scalar code.
 */
final class VectorFftKernels implements FftKernels {

    private static final VectorSpecies<Double> SPECIES = SimdSpecies.DOUBLES;
    private static final int V = SPECIES.length();

    private final ScalarFftKernels scalar = new ScalarFftKernels();

    /** The vector length in doubles, for {@link RealFft}'s choice of batch sizes. */
    static int vectorLength() {
        return V;
    }

    @Override
    public void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                       double[] wi, int quarterShift, int inPad, int outPad) {
        int q = len / 4;
        int run = stride * lanes;
        int quarter = q * run + inPad;
        int vecEnd = run - run % V;
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
            int j = 0;
            for (; j < vecEnd; j += V) {
                DoubleVector ar = DoubleVector.fromArray(SPECIES, xr, a0 + j);
                DoubleVector ai = DoubleVector.fromArray(SPECIES, xi, a0 + j);
                DoubleVector br = DoubleVector.fromArray(SPECIES, xr, a1 + j);
                DoubleVector bi = DoubleVector.fromArray(SPECIES, xi, a1 + j);
                DoubleVector cr = DoubleVector.fromArray(SPECIES, xr, a2 + j);
                DoubleVector ci = DoubleVector.fromArray(SPECIES, xi, a2 + j);
                DoubleVector dr = DoubleVector.fromArray(SPECIES, xr, a3 + j);
                DoubleVector di = DoubleVector.fromArray(SPECIES, xi, a3 + j);
                DoubleVector sr = ar.add(cr), si = ai.add(ci);
                DoubleVector ur = ar.sub(cr), ui = ai.sub(ci);
                DoubleVector tr = br.add(dr), ti = bi.add(di);
                DoubleVector vr = br.sub(dr), vi = bi.sub(di);
                sr.add(tr).intoArray(yr, b0 + j);
                si.add(ti).intoArray(yi, b0 + j);
                DoubleVector e1r = ur.add(vi), e1i = ui.sub(vr);
                e1r.mul(w1r).sub(e1i.mul(w1i)).intoArray(yr, b1 + j);
                e1r.mul(w1i).add(e1i.mul(w1r)).intoArray(yi, b1 + j);
                DoubleVector e2r = sr.sub(tr), e2i = si.sub(ti);
                e2r.mul(w2r).sub(e2i.mul(w2i)).intoArray(yr, b2 + j);
                e2r.mul(w2i).add(e2i.mul(w2r)).intoArray(yi, b2 + j);
                DoubleVector e3r = ur.sub(vi), e3i = ui.add(vr);
                e3r.mul(w3r).sub(e3i.mul(w3i)).intoArray(yr, b3 + j);
                e3r.mul(w3i).add(e3i.mul(w3r)).intoArray(yi, b3 + j);
            }
            if (j < run) {
                ScalarFftKernels.radix4Run(xr, xi, yr, yi, p, len, stride, run, wr, wi, quarterShift, inPad, outPad,
                        j, run);
            }
        }
    }

    @Override
    public void radix8(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                       double[] wi, int quarterShift, int inPad, int outPad) {
        int q = len / 8;
        int run = stride * lanes;
        int eighth = q * run;
        int vecEnd = run - run % V;
        double h = FftKernels.SQRT_HALF;
        for (int p = 0; p < q; p++) {
            // As ScalarFftKernels.radix8Run: eighths 2k and 2k + 1 lie in quarter k.
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
            for (int j = 0; j < vecEnd; j += V) {
                DoubleVector x0r = DoubleVector.fromArray(SPECIES, xr, a0 + j);
                DoubleVector x0i = DoubleVector.fromArray(SPECIES, xi, a0 + j);
                DoubleVector x4r = DoubleVector.fromArray(SPECIES, xr, a4 + j);
                DoubleVector x4i = DoubleVector.fromArray(SPECIES, xi, a4 + j);
                DoubleVector s0r = x0r.add(x4r), s0i = x0i.add(x4i);
                DoubleVector d0r = x0r.sub(x4r), d0i = x0i.sub(x4i);
                DoubleVector x1r = DoubleVector.fromArray(SPECIES, xr, a1 + j);
                DoubleVector x1i = DoubleVector.fromArray(SPECIES, xi, a1 + j);
                DoubleVector x5r = DoubleVector.fromArray(SPECIES, xr, a5 + j);
                DoubleVector x5i = DoubleVector.fromArray(SPECIES, xi, a5 + j);
                DoubleVector s1r = x1r.add(x5r), s1i = x1i.add(x5i);
                DoubleVector d1r = x1r.sub(x5r), d1i = x1i.sub(x5i);
                DoubleVector x2r = DoubleVector.fromArray(SPECIES, xr, a2 + j);
                DoubleVector x2i = DoubleVector.fromArray(SPECIES, xi, a2 + j);
                DoubleVector x6r = DoubleVector.fromArray(SPECIES, xr, a6 + j);
                DoubleVector x6i = DoubleVector.fromArray(SPECIES, xi, a6 + j);
                DoubleVector s2r = x2r.add(x6r), s2i = x2i.add(x6i);
                DoubleVector d2r = x2r.sub(x6r), d2i = x2i.sub(x6i);
                DoubleVector x3r = DoubleVector.fromArray(SPECIES, xr, a3 + j);
                DoubleVector x3i = DoubleVector.fromArray(SPECIES, xi, a3 + j);
                DoubleVector x7r = DoubleVector.fromArray(SPECIES, xr, a7 + j);
                DoubleVector x7i = DoubleVector.fromArray(SPECIES, xi, a7 + j);
                DoubleVector s3r = x3r.add(x7r), s3i = x3i.add(x7i);
                DoubleVector d3r = x3r.sub(x7r), d3i = x3i.sub(x7i);
                DoubleVector ar = s0r.add(s2r), ai = s0i.add(s2i);
                DoubleVector br = s0r.sub(s2r), bi = s0i.sub(s2i);
                DoubleVector cr = s1r.add(s3r), ci = s1i.add(s3i);
                DoubleVector dr = s1r.sub(s3r), di = s1i.sub(s3i);
                ar.add(cr).intoArray(yr, b0 + j);
                ai.add(ci).intoArray(yi, b0 + j);
                DoubleVector e4r = ar.sub(cr), e4i = ai.sub(ci);
                e4r.mul(w4r).sub(e4i.mul(w4i)).intoArray(yr, b4 + j);
                e4r.mul(w4i).add(e4i.mul(w4r)).intoArray(yi, b4 + j);
                DoubleVector e2r = br.add(di), e2i = bi.sub(dr);
                e2r.mul(w2r).sub(e2i.mul(w2i)).intoArray(yr, b2 + j);
                e2r.mul(w2i).add(e2i.mul(w2r)).intoArray(yi, b2 + j);
                DoubleVector e6r = br.sub(di), e6i = bi.add(dr);
                e6r.mul(w6r).sub(e6i.mul(w6i)).intoArray(yr, b6 + j);
                e6r.mul(w6i).add(e6i.mul(w6r)).intoArray(yi, b6 + j);
                DoubleVector t1r = d1r.add(d1i).mul(h), t1i = d1i.sub(d1r).mul(h);
                DoubleVector t3r = d3i.sub(d3r).mul(h), t3i = d3r.add(d3i).mul(h);
                DoubleVector pr = d0r.add(d2i), pi = d0i.sub(d2r);
                DoubleVector qr = d0r.sub(d2i), qi = d0i.add(d2r);
                DoubleVector rr = t1r.add(t3r), ri = t1i.sub(t3i);
                DoubleVector ur = t1r.sub(t3r), ui = t1i.add(t3i);
                DoubleVector e1r = pr.add(rr), e1i = pi.add(ri);
                e1r.mul(w1r).sub(e1i.mul(w1i)).intoArray(yr, b1 + j);
                e1r.mul(w1i).add(e1i.mul(w1r)).intoArray(yi, b1 + j);
                DoubleVector e5r = pr.sub(rr), e5i = pi.sub(ri);
                e5r.mul(w5r).sub(e5i.mul(w5i)).intoArray(yr, b5 + j);
                e5r.mul(w5i).add(e5i.mul(w5r)).intoArray(yi, b5 + j);
                DoubleVector e3r = qr.add(ui), e3i = qi.sub(ur);
                e3r.mul(w3r).sub(e3i.mul(w3i)).intoArray(yr, b3 + j);
                e3r.mul(w3i).add(e3i.mul(w3r)).intoArray(yi, b3 + j);
                DoubleVector e7r = qr.sub(ui), e7i = qi.add(ur);
                e7r.mul(w7r).sub(e7i.mul(w7i)).intoArray(yr, b7 + j);
                e7r.mul(w7i).add(e7i.mul(w7r)).intoArray(yi, b7 + j);
            }
            if (vecEnd < run) {
                ScalarFftKernels.radix8Run(xr, xi, yr, yi, p, len, stride, run, wr, wi, quarterShift, inPad, outPad,
                        vecEnd, run);
            }
        }
    }

    @Override
    public void radix2(double[] xr, double[] xi, int a, int gap, double[] yr, double[] yi, int b, int ygap,
                       int count) {
        int vecEnd = count - count % V;
        int j = 0;
        for (; j < vecEnd; j += V) {
            DoubleVector ar = DoubleVector.fromArray(SPECIES, xr, a + j);
            DoubleVector ai = DoubleVector.fromArray(SPECIES, xi, a + j);
            DoubleVector br = DoubleVector.fromArray(SPECIES, xr, a + gap + j);
            DoubleVector bi = DoubleVector.fromArray(SPECIES, xi, a + gap + j);
            ar.add(br).intoArray(yr, b + j);
            ai.add(bi).intoArray(yi, b + j);
            ar.sub(br).intoArray(yr, b + ygap + j);
            ai.sub(bi).intoArray(yi, b + ygap + j);
        }
        scalar.radix2(xr, xi, a + j, gap, yr, yi, b + j, ygap, count - j);
    }

    @Override
    public void separate(double[] zr, double[] zi, double[] xr, double[] xi, int m, int lanes, double[] cs,
                         double[] sn, int quarterShift, int zPad, int xPad) {
        if (lanes < V) {
            scalar.separate(zr, zi, xr, xi, m, lanes, cs, sn, quarterShift, zPad, xPad);
            return;
        }
        int top = m * lanes + (m >> quarterShift) * xPad;
        for (int l = 0; l < lanes; l++) {
            double ar = zr[l], ai = zi[l];
            xr[l] = ar + ai;
            xi[l] = 0.0;
            xr[top + l] = ar - ai;
            xi[top + l] = 0.0;
        }
        int vecEnd = lanes - lanes % V;
        for (int k = 1; k <= m / 2; k++) {
            int ka = k * lanes + (k >> quarterShift) * xPad;
            int kb = (m - k) * lanes + ((m - k) >> quarterShift) * xPad;
            int za = k * lanes + (k >> quarterShift) * zPad;
            int zb = (m - k) * lanes + ((m - k) >> quarterShift) * zPad;
            double c = cs[k], s = sn[k];
            int l = 0;
            for (; l < vecEnd; l += V) {
                DoubleVector ar = DoubleVector.fromArray(SPECIES, zr, za + l);
                DoubleVector ai = DoubleVector.fromArray(SPECIES, zi, za + l);
                DoubleVector br = DoubleVector.fromArray(SPECIES, zr, zb + l);
                DoubleVector bi = DoubleVector.fromArray(SPECIES, zi, zb + l);
                DoubleVector er = ar.add(br).mul(0.5), ei = ai.sub(bi).mul(0.5);
                DoubleVector or = ai.add(bi).mul(0.5), oi = br.sub(ar).mul(0.5);
                DoubleVector tr = or.mul(c).add(oi.mul(s)), ti = oi.mul(c).sub(or.mul(s));
                er.add(tr).intoArray(xr, ka + l);
                ei.add(ti).intoArray(xi, ka + l);
                er.sub(tr).intoArray(xr, kb + l);
                ti.sub(ei).intoArray(xi, kb + l);
            }
            for (; l < lanes; l++) {
                double ar = zr[za + l], ai = zi[za + l];
                double br = zr[zb + l], bi = zi[zb + l];
                double er = 0.5 * (ar + br), ei = 0.5 * (ai - bi);
                double or = 0.5 * (ai + bi), oi = 0.5 * (br - ar);
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
        if (lanes < V) {
            scalar.combine(xr, xi, m, lanes, cs, sn, f, quarterShift, pad);
            return;
        }
        int top = m * lanes + (m >> quarterShift) * pad;
        for (int l = 0; l < lanes; l++) {
            double x0 = xr[l], xm = xr[top + l];
            xr[l] = (x0 + xm) * f;
            xi[l] = (x0 - xm) * f;
        }
        int vecEnd = lanes - lanes % V;
        for (int k = 1; k <= m / 2; k++) {
            int ka = k * lanes + (k >> quarterShift) * pad;
            int kb = (m - k) * lanes + ((m - k) >> quarterShift) * pad;
            double c = cs[k], s = sn[k];
            int l = 0;
            for (; l < vecEnd; l += V) {
                DoubleVector ar = DoubleVector.fromArray(SPECIES, xr, ka + l);
                DoubleVector ai = DoubleVector.fromArray(SPECIES, xi, ka + l);
                DoubleVector br = DoubleVector.fromArray(SPECIES, xr, kb + l);
                DoubleVector bi = DoubleVector.fromArray(SPECIES, xi, kb + l);
                DoubleVector er = ar.add(br).mul(f), ei = ai.sub(bi).mul(f);
                DoubleVector dr = ar.sub(br).mul(f), di = ai.add(bi).mul(f);
                DoubleVector or = dr.mul(c).sub(di.mul(s)), oi = dr.mul(s).add(di.mul(c));
                er.sub(oi).intoArray(xr, ka + l);
                ei.add(or).intoArray(xi, ka + l);
                er.add(oi).intoArray(xr, kb + l);
                or.sub(ei).intoArray(xi, kb + l);
            }
            for (; l < lanes; l++) {
                double ar = xr[ka + l], ai = xi[ka + l];
                double br = xr[kb + l], bi = xi[kb + l];
                double er = (ar + br) * f, ei = (ai - bi) * f;
                double dr = (ar - br) * f, di = (ai + bi) * f;
                double or = dr * c - di * s, oi = dr * s + di * c;
                xr[ka + l] = er - oi;
                xi[ka + l] = ei + or;
                xr[kb + l] = er + oi;
                xi[kb + l] = or - ei;
            }
        }
    }
}
