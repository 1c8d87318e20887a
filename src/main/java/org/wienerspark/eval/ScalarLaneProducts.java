package org.wienerspark.eval;

/** {@link LaneProducts} in plain Java; the reference for the vector loops' order of operations. */
final class ScalarLaneProducts implements LaneProducts {

    @Override
    public void mix(double[] inRe, double[] inIm, int inOff, int inputs, double[] gRe, double[] gIm, int gOff,
                    int gStride, double[] outRe, double[] outIm, int outOff, int lanes) {
        double ar = inRe[inOff];
        double ai = inIm[inOff];
        for (int l = 0; l < lanes; l++) {
            double br = gRe[gOff + l];
            double bi = gIm[gOff + l];
            outRe[outOff + l] = ar * br - ai * bi;
            outIm[outOff + l] = ar * bi + ai * br;
        }
        for (int p = 1; p < inputs; p++) {
            ar = inRe[inOff + p];
            ai = inIm[inOff + p];
            int g = gOff + p * gStride;
            for (int l = 0; l < lanes; l++) {
                double br = gRe[g + l];
                double bi = gIm[g + l];
                outRe[outOff + l] += ar * br - ai * bi;
                outIm[outOff + l] += ar * bi + ai * br;
            }
        }
    }
}
