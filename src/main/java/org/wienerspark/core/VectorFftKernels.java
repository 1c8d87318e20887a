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

    private static final VectorSpecies<Double> SPECIES = DoubleVector.SPECIES_PREFERRED;
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
            for (; j < run; j++) {
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
                double e1r = ur + vi, e1i = ui - vr;
                yr[b1 + j] = e1r * w1r - e1i * w1i;
                yi[b1 + j] = e1r * w1i + e1i * w1r;
                double e2r = sr - tr, e2i = si - ti;
                yr[b2 + j] = e2r * w2r - e2i * w2i;
                yi[b2 + j] = e2r * w2i + e2i * w2r;
                double e3r = ur - vi, e3i = ui + vr;
                yr[b3 + j] = e3r * w3r - e3i * w3i;
                yi[b3 + j] = e3r * w3i + e3i * w3r;
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
