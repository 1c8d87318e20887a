package org.wienerspark.bench;

/**
 * What one core of this machine can do from Java, to put the kernel figures in context:
 * memory bandwidth of a large copy (bytes read plus bytes written per second, STREAM's "copy")
 * and the scalar double-precision rate of independent multiply-add chains (the EM kernels are
 * scalar: interleaved complex layouts are not auto-vectorised).
 */
final class MachineLimits {

    private MachineLimits() {
    }

    /** GB/s of {@code System.arraycopy} between two 256 MB arrays, best of 7. */
    static double copyGbPerSecond() {
        int n = 1 << 25;
        double[] a = new double[n];
        double[] b = new double[n];
        java.util.Arrays.fill(a, 1.0);
        java.util.Arrays.fill(b, 2.0);
        double best = 0;
        for (int rep = 0; rep < 7; rep++) {
            long t0 = System.nanoTime();
            System.arraycopy(a, 0, b, 0, n);
            long t1 = System.nanoTime();
            best = Math.max(best, 16.0 * n / (t1 - t0));
        }
        return best;
    }

    /** GFlop/s of 8 independent chains {@code a = a * m + c} (2 flops each), best of 7. */
    static double scalarGflops() {
        long steps = 50_000_000L;
        double best = 0;
        double sink = 0;
        for (int rep = 0; rep < 7; rep++) {
            long t0 = System.nanoTime();
            sink += chains(steps, 0.999999 + rep * 1e-9);
            long t1 = System.nanoTime();
            best = Math.max(best, 16.0 * steps / (t1 - t0));
        }
        return sink == 42 ? -best : best;
    }

    private static double chains(long steps, double m) {
        double a0 = 1, a1 = 2, a2 = 3, a3 = 4, a4 = 5, a5 = 6, a6 = 7, a7 = 8;
        double c = 1e-7;
        for (long i = 0; i < steps; i++) {
            a0 = a0 * m + c;
            a1 = a1 * m + c;
            a2 = a2 * m + c;
            a3 = a3 * m + c;
            a4 = a4 * m + c;
            a5 = a5 * m + c;
            a6 = a6 * m + c;
            a7 = a7 * m + c;
        }
        return a0 + a1 + a2 + a3 + a4 + a5 + a6 + a7;
    }
}
