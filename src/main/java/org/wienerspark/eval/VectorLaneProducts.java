package org.wienerspark.eval;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.VectorSpecies;
import org.wienerspark.core.SimdSpecies;

/**
 * {@link LaneProducts} with the Vector API (incubating in Java 17-21: loaded only when the JVM
 * has the module). Same operations, in the same order per lane, as {@link ScalarLaneProducts};
 * the sums of two vectors of lanes stay in registers over all inputs.
 */
final class VectorLaneProducts implements LaneProducts {

    private static final VectorSpecies<Double> SPECIES = SimdSpecies.DOUBLES;
    private static final int V = SPECIES.length();

    private final ScalarLaneProducts scalar = new ScalarLaneProducts();

    @Override
    public void mix(double[] inRe, double[] inIm, int inOff, int inputs, double[] gRe, double[] gIm, int gOff,
                    int gStride, double[] outRe, double[] outIm, int outOff, int lanes) {
        int l = 0;
        for (; l + 2 * V <= lanes; l += 2 * V) {
            double ar = inRe[inOff];
            double ai = inIm[inOff];
            int g = gOff + l;
            DoubleVector br0 = DoubleVector.fromArray(SPECIES, gRe, g);
            DoubleVector bi0 = DoubleVector.fromArray(SPECIES, gIm, g);
            DoubleVector br1 = DoubleVector.fromArray(SPECIES, gRe, g + V);
            DoubleVector bi1 = DoubleVector.fromArray(SPECIES, gIm, g + V);
            DoubleVector sr0 = br0.mul(ar).sub(bi0.mul(ai));
            DoubleVector si0 = bi0.mul(ar).add(br0.mul(ai));
            DoubleVector sr1 = br1.mul(ar).sub(bi1.mul(ai));
            DoubleVector si1 = bi1.mul(ar).add(br1.mul(ai));
            for (int p = 1; p < inputs; p++) {
                ar = inRe[inOff + p];
                ai = inIm[inOff + p];
                g += gStride;
                br0 = DoubleVector.fromArray(SPECIES, gRe, g);
                bi0 = DoubleVector.fromArray(SPECIES, gIm, g);
                br1 = DoubleVector.fromArray(SPECIES, gRe, g + V);
                bi1 = DoubleVector.fromArray(SPECIES, gIm, g + V);
                sr0 = sr0.add(br0.mul(ar).sub(bi0.mul(ai)));
                si0 = si0.add(bi0.mul(ar).add(br0.mul(ai)));
                sr1 = sr1.add(br1.mul(ar).sub(bi1.mul(ai)));
                si1 = si1.add(bi1.mul(ar).add(br1.mul(ai)));
            }
            sr0.intoArray(outRe, outOff + l);
            si0.intoArray(outIm, outOff + l);
            sr1.intoArray(outRe, outOff + l + V);
            si1.intoArray(outIm, outOff + l + V);
        }
        for (; l + V <= lanes; l += V) {
            double ar = inRe[inOff];
            double ai = inIm[inOff];
            int g = gOff + l;
            DoubleVector br = DoubleVector.fromArray(SPECIES, gRe, g);
            DoubleVector bi = DoubleVector.fromArray(SPECIES, gIm, g);
            DoubleVector sr = br.mul(ar).sub(bi.mul(ai));
            DoubleVector si = bi.mul(ar).add(br.mul(ai));
            for (int p = 1; p < inputs; p++) {
                ar = inRe[inOff + p];
                ai = inIm[inOff + p];
                g += gStride;
                br = DoubleVector.fromArray(SPECIES, gRe, g);
                bi = DoubleVector.fromArray(SPECIES, gIm, g);
                sr = sr.add(br.mul(ar).sub(bi.mul(ai)));
                si = si.add(bi.mul(ar).add(br.mul(ai)));
            }
            sr.intoArray(outRe, outOff + l);
            si.intoArray(outIm, outOff + l);
        }
        if (l < lanes) {
            scalar.mix(inRe, inIm, inOff, inputs, gRe, gIm, gOff + l, gStride, outRe, outIm, outOff + l, lanes - l);
        }
    }
}
