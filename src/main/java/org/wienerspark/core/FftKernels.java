package org.wienerspark.core;

/**
 * The inner loops of {@link RealFft}: one implementation in plain Java, one with the Vector API
 * when the JVM runs with {@code --add-modules jdk.incubator.vector}. Both do the same IEEE
 * additions and multiplications in the same order on each lane (no fused multiply-add), so
 * their results are bit-identical.
 *
 * <p>Value {@code k} of lane {@code l} is at {@code k * lanes + l}, plus {@code pad} after each
 * quarter of the array: {@code k * lanes + l + (k >> quarterShift) * pad},
 * {@code 1 << quarterShift = m/4}, where a pass reads or writes an array with a padding
 * {@code pad} (0: none). RealFft
 * pads its scratch arrays so that the four quarters a stage reads, which are a power of two
 * apart, do not map to the same cache sets and 4 KiB store-to-load aliases.
 */
interface FftKernels {

    /**
     * One radix-4 Stockham stage of a complex forward FFT of size {@code m}: sub-transforms of
     * length {@code len} at stride {@code stride}, x to y; {@code (wr, wi)[k] = exp(-2 pi i k / m)}.
     */
    void radix4(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                double[] wi, int quarterShift, int inPad, int outPad);

    /**
     * One radix-8 Stockham stage, as {@link #radix4} with eight inputs: output row
     * {@code 8p + r} is {@code sum_s x[(s len/8 + p) stride] W8^(rs)} times
     * {@code w^(r p stride)}. The input eighths {@code 2k} and {@code 2k+1} share quarter
     * {@code k} of the padded layout (the padding falls after every second eighth). The
     * butterfly is a radix-2 layer, the odd half times {@code W8^s} ({@code sqrt(1/2)} a
     * constant, {@code W8^2 = -i} by exchanging parts), then two radix-4 butterflies.
     */
    void radix8(double[] xr, double[] xi, double[] yr, double[] yi, int len, int stride, int lanes, double[] wr,
                double[] wi, int quarterShift, int inPad, int outPad);

    /** sqrt(1/2), the real and (negated) imaginary part of {@code W8 = exp(-2 pi i / 8)}. */
    double SQRT_HALF = Math.sqrt(0.5);

    /**
     * Where row r (value r of lane 0) of a radix-4 or radix-8 stage's output starts:
     * {@code r * run} plus the padding of the quarters before it, row r holding
     * {@code run = stride * lanes} values of value index {@code r * stride} on (a row never
     * crosses a quarter, as stride <= m/4).
     */
    static int outputRow(int r, int run, int stride, int quarterShift, int pad) {
        return r * run + (r * stride >> quarterShift) * pad;
    }

    /** A last stage of radix 2 (see RealFft.plan): length 2 at stride {@code m/2}, no twiddles. */
    default void radix2(double[] xr, double[] xi, double[] yr, double[] yi, int stride, int lanes, int quarterShift,
                        int inPad, int outPad) {
        if (inPad == 0 && outPad == 0) {
            radix2(xr, xi, 0, stride * lanes, yr, yi, 0, stride * lanes, stride * lanes);
            return;
        }
        // Rows j and m/2 + j: each half of the array in its two quarters.
        int q = (1 << quarterShift) * lanes;
        for (int h = 0; h < 2; h++) {
            radix2(xr, xi, h * (q + inPad), 2 * q + 2 * inPad, yr, yi, h * (q + outPad), 2 * q + 2 * outPad, q);
        }
    }

    /** The butterflies of {@link #radix2} over one run: x[a + j], x[a + gap + j] to y[b + j], y[b + ygap + j], j < count. */
    void radix2(double[] xr, double[] xi, int a, int gap, double[] yr, double[] yi, int b, int ygap, int count);

    /**
     * Forward real FFT's last pass: Z = FFT_m(even + i odd) (z, padded by zPad) to the bins 0..m
     * (x, padded by xPad, bin m in a fifth quarter; x may be z when the paddings are equal);
     * {@code (c, s)[k] = (cos, sin)(2 pi k / 2m)} for {@code k <= m/2}.
     */
    void separate(double[] zr, double[] zi, double[] xr, double[] xi, int m, int lanes, double[] c, double[] s,
                  int quarterShift, int zPad, int xPad);

    /** Inverse real FFT's first pass, in place, scaled by {@code f}: the inverse of {@link #separate} times 2f. */
    void combine(double[] xr, double[] xi, int m, int lanes, double[] c, double[] s, double f, int quarterShift,
                 int pad);
}
