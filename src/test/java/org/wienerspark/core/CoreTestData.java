package org.wienerspark.core;

import java.util.SplittableRandom;

/** Seeded synthetic inputs for the core's property tests. */
final class CoreTestData {

    private CoreTestData() {
    }

    static ComplexTensor complex(long seed, double scale, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ComplexTensor t = ComplexTensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * gaussian(rnd);
        }
        return t;
    }

    static RealTensor magnitudes(long seed, double scale, int... shape) {
        SplittableRandom rnd = new SplittableRandom(seed);
        RealTensor t = RealTensor.zeros(shape);
        double[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = scale * Math.abs(gaussian(rnd));
        }
        return t;
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller: deterministic for a seed, no shared state.
        double u = 1.0 - rnd.nextDouble();
        double v = rnd.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    static double maxAbs(double[] a) {
        double m = 0;
        for (double d : a) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }
}
