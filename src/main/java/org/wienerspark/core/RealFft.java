package org.wienerspark.core;

import java.util.Arrays;

/**
 * Real FFT of power-of-two size {@code n}, of many equal-length signals ("lanes") at once.
 *
 * <p>Hand-written because JTransforms transforms one frame at a time with scalar code (40-90 us
 * for a 4096-point frame on a core that could do it in under 10); an STFT always has many frames,
 * so this transform runs the same butterfly on every lane of a batch, and the lane is the
 * innermost, contiguous index of every array: each butterfly is a loop over contiguous doubles
 * with loop-invariant twiddles, which HotSpot's SuperWord compiles to SIMD instructions.
 *
 * <h2>Algorithm</h2>
 * The {@code n} real samples of a lane are read as {@code n/2} complex values
 * {@code z[k] = x[2k] + i x[2k+1]}; a complex FFT of size {@code n/2} (Stockham autosort,
 * split real/imaginary arrays, no bit reversal) and one pass that separates the even and odd
 * halves give the {@code n/2 + 1} bins. The complex FFT runs radix-8 stages while at least 8
 * is left, then one radix-4 or radix-2 stage ({@link #plan}; n = 4096: 8 8 8 4, four passes
 * where radix-4 stages took six). Every stage reads the whole batch from two arrays and
 * writes it to two others, so fewer, wider stages are faster although the arithmetic is about
 * the same. The inverse runs the same passes backwards (the complex inverse is the forward
 * transform with real and imaginary arrays exchanged), so it costs what the forward costs.
 * Twiddles are tabulated once, exact at multiples of pi/4; radix 8's internal
 * {@code exp(-i pi/4)} is the constant sqrt(1/2).
 *
 * <h2>Layout</h2>
 * Value {@code k} of lane {@code l} is at {@code k * lanes + l}. Forward: on entry
 * {@code re[k lanes + l] = x_l[2k]}, {@code im[k lanes + l] = x_l[2k+1]} for {@code k < n/2};
 * on exit bin {@code k <= n/2} of lane {@code l} is {@code (re, im)[k lanes + l]}, unnormalised
 * ({@code X[k] = sum x[j] exp(-2 pi i j k / n)}). Inverse: the converse, scaled by {@code 1/n};
 * the imaginary parts of bins 0 and {@code n/2} are ignored, as by any inverse real FFT.
 * {@code re} and {@code im} hold at least {@code (n/2 + 1) lanes} values, the two scratch
 * arrays at least {@code (n/2) lanes}.
 *
 * <p>Padded layout ({@link #forwardPadded}, {@link #inversePadded}): the same with
 * {@link #padding()} unused doubles after each quarter of {@code n/2} values
 * ({@link #index}). A Stockham stage reads four quarters a power of two apart (radix 8: two
 * eighths in each); unpadded, they share L1 sets and alias each other's stores modulo 4 KiB,
 * and a stage can take twice as long. Scratch arrays of {@link #scratchLength} are padded in
 * either case.
 *
 * <p>Results of a lane do not depend on the other lanes or on the batch size (every lane sees
 * the same additions and multiplications in the same order). A plan is immutable and shared
 * between threads; callers own the arrays.
 */
public final class RealFft {

    private static final System.Logger LOG = System.getLogger(RealFft.class.getName());

    /** System property that forces the plain-Java loops even when the Vector API is there. */
    public static final String SCALAR_PROPERTY = "wienerspark.fft.scalar";

    /** The inner loops of this JVM: the Vector API's when its module is loaded, plain Java otherwise. */
    static final FftKernels KERNELS = chooseKernels();

    private final int n;
    private final int m;
    /** exp(-2 pi i k / m), k < m: twiddles of the complex FFT. */
    private final double[] wr;
    private final double[] wi;
    /** cos and sin of 2 pi k / n, k <= n/4: twiddles of the even/odd separation. */
    private final double[] pc;
    private final double[] ps;
    private final FftKernels kernels;
    /** log2(m/4): the quarters of the padded scratch layout (31 when m < 4: one quarter). */
    private final int quarterShift;
    /** The radices of the complex FFT's stages, first to last (a 2 only last). */
    private final int[] radices;

    /**
     * Doubles after each quarter of the scratch arrays (when they are {@link #scratchLength}
     * long): a stage reads four quarters a power of two apart, which without the padding map
     * to the same L1 sets and alias each other's stores modulo 4 KiB (stages up to 2x slower,
     * depending on where the heap put the arrays).
     */
    static final int PAD = 32;

    /**
     * @param n transform size, a power of two {@code >= 4}
     * @throws IllegalArgumentException otherwise
     */
    public RealFft(int n) {
        this(n, KERNELS);
    }

    /** With the given inner loops (tests run both). */
    RealFft(int n, FftKernels kernels) {
        this(n, kernels, supports(n) ? plan(n / 2) : null);
    }

    /**
     * With the given inner loops and stages (tests run every mix): radices 8, 4 and 2 whose
     * product is {@code n/2}, a 2 only as the last.
     */
    RealFft(int n, FftKernels kernels, int[] radices) {
        if (!supports(n)) {
            throw new IllegalArgumentException("RealFft size must be a power of two >= 4, got " + n);
        }
        long product = 1;
        for (int i = 0; i < radices.length; i++) {
            int r = radices[i];
            if (r != 8 && r != 4 && !(r == 2 && i == radices.length - 1)) {
                throw new IllegalArgumentException("stages are radix 8 or 4, and 2 only last: "
                        + Arrays.toString(radices));
            }
            product *= r;
        }
        if (product != n / 2) {
            throw new IllegalArgumentException("stages " + Arrays.toString(radices) + " do not make size " + n / 2);
        }
        this.radices = radices.clone();
        this.n = n;
        this.m = n / 2;
        wr = new double[m];
        wi = new double[m];
        for (int k = 0; k < m; k++) {
            wr[k] = cos2pi(k, m);
            wi[k] = -sin2pi(k, m);
        }
        int q = n / 4;
        pc = new double[q + 1];
        ps = new double[q + 1];
        for (int k = 0; k <= q; k++) {
            pc[k] = cos2pi(k, n);
            ps[k] = sin2pi(k, n);
        }
        this.kernels = kernels;
        this.quarterShift = m >= 4 ? Integer.numberOfTrailingZeros(m / 4) : 31;
    }

    /**
     * The stages of a complex FFT of size {@code m}: radix 8 while at least 8 is left, then a
     * 4 or a 2 (2048 = 8 8 8 4: four passes over the arrays where radix 4 took six). Measured
     * at n = 4096 and 2048: where the radix 4 stands, and 8 8 8 2 against 8 8 4 4, within noise.
     */
    static int[] plan(int m) {
        int log = Integer.numberOfTrailingZeros(m);
        int[] radices = new int[(log + 2) / 3];
        Arrays.fill(radices, 8);
        if (log % 3 != 0) {
            radices[radices.length - 1] = 1 << (log % 3);
        }
        return radices;
    }

    /** Whether this JVM runs the Vector API loops (started with {@code --add-modules jdk.incubator.vector}). */
    public static boolean vectorized() {
        return !(KERNELS instanceof ScalarFftKernels);
    }

    /**
     * Lanes per batch: a multiple of the vector length, at least 4, at most 16, fewer for large n
     * ({@code 2^16 / n}). A batch's four arrays hold {@code 2 n lanes} doubles (1 MiB at n = 4096,
     * 16 lanes); per frame, 8, 16 and 32 lanes measured within noise of each other at n = 4096
     * (8.0-9.7 us), 4 lanes 20-60% slower (the butterflies' loops are then one vector long).
     */
    public static int preferredLanes(int n) {
        int lanes = Integer.highestOneBit(Math.max(1, (1 << 16) / n));
        return Math.max(4, Math.min(16, lanes));
    }

    /**
     * Length of the scratch arrays that lets the transform pad its intermediate layout (see
     * {@link #PAD}); shorter ones, down to {@code n/2 * lanes}, work too, unpadded.
     */
    public int scratchLength(int lanes) {
        return m * lanes + (m >= 16 ? 3 * PAD : 0);
    }

    /** Whether {@code n} is a size this transform takes: a power of two {@code >= 4}. */
    public static boolean supports(int n) {
        return n >= 4 && Integer.bitCount(n) == 1;
    }

    /** Transform size. */
    public int size() {
        return n;
    }

    /**
     * Forward real FFT of {@code lanes} signals in place (see the class comment for the layout).
     *
     * @param re       even samples on entry, real parts of bins 0..n/2 on exit
     * @param im       odd samples on entry, imaginary parts on exit
     * @param scratchRe scratch, at least {@code n/2 * lanes} values ({@link #scratchLength} for speed)
     * @param scratchIm scratch, as long as {@code scratchRe}
     * @param lanes    number of signals, {@code >= 1}
     * @see #forwardPadded the faster layout: here the quarters of {@code re} and {@code im} are a
     *      power of two apart, and a radix-8 stage's eight reads share one L1 set (the evaluation's
     *      batches measured 8-15% slower than padded)
     */
    public void forward(double[] re, double[] im, double[] scratchRe, double[] scratchIm, int lanes) {
        requireSizes(re, im, scratchRe, scratchIm, lanes);
        forward(re, im, scratchRe, scratchIm, lanes, 0, pad(scratchRe, scratchIm, lanes));
    }

    /**
     * {@link #forward(double[], double[], double[], double[], int)} with {@code re} and
     * {@code im} in the padded layout ({@link #index}, {@link #paddedLength} values each) and
     * scratch arrays of {@link #scratchLength}: every pass then reads and writes padded arrays.
     * The same values, in other places.
     */
    public void forwardPadded(double[] re, double[] im, double[] scratchRe, double[] scratchIm, int lanes) {
        requirePadded(re, im, scratchRe, scratchIm, lanes);
        forward(re, im, scratchRe, scratchIm, lanes, padding(), padding());
    }

    private void forward(double[] re, double[] im, double[] scratchRe, double[] scratchIm, int lanes, int xPad,
                         int sPad) {
        boolean inScratch = complexForward(re, im, scratchRe, scratchIm, lanes, xPad, sPad);
        kernels.separate(inScratch ? scratchRe : re, inScratch ? scratchIm : im, re, im, m, lanes, pc, ps,
                quarterShift, inScratch ? sPad : xPad, xPad);
    }

    /**
     * Inverse real FFT of {@code lanes} spectra in place, scaled by {@code 1/n}.
     *
     * @param re       real parts of bins 0..n/2 on entry, even samples on exit
     * @param im       imaginary parts on entry (those of bins 0 and n/2 ignored), odd samples on exit
     * @param scratchRe scratch, at least {@code n/2 * lanes} values ({@link #scratchLength} for speed)
     * @param scratchIm scratch, as long as {@code scratchRe}
     * @param lanes    number of spectra, {@code >= 1}
     * @see #inversePadded the faster layout, as for {@link #forward}
     */
    public void inverse(double[] re, double[] im, double[] scratchRe, double[] scratchIm, int lanes) {
        requireSizes(re, im, scratchRe, scratchIm, lanes);
        inverse(re, im, scratchRe, scratchIm, lanes, 0, pad(scratchRe, scratchIm, lanes));
    }

    /** {@link #inverse(double[], double[], double[], double[], int)} in the padded layout, as {@link #forwardPadded}. */
    public void inversePadded(double[] re, double[] im, double[] scratchRe, double[] scratchIm, int lanes) {
        requirePadded(re, im, scratchRe, scratchIm, lanes);
        inverse(re, im, scratchRe, scratchIm, lanes, padding(), padding());
    }

    private void inverse(double[] re, double[] im, double[] scratchRe, double[] scratchIm, int lanes, int xPad,
                         int sPad) {
        kernels.combine(re, im, m, lanes, pc, ps, 1.0 / n, quarterShift, xPad);
        // The inverse DFT is the forward DFT with real and imaginary parts exchanged.
        boolean inScratch = complexForward(im, re, scratchIm, scratchRe, lanes, xPad, sPad);
        if (inScratch) {
            int parts = m >= 4 ? 4 : 1;
            int len = m * lanes / parts;
            for (int h = 0; h < parts; h++) {
                System.arraycopy(scratchRe, h * (len + sPad), re, h * (len + xPad), len);
                System.arraycopy(scratchIm, h * (len + sPad), im, h * (len + xPad), len);
            }
        }
    }

    /**
     * Doubles after each quarter of the padded layout ({@link #PAD} from {@code n = 32} on, 0
     * below): see {@link #index}.
     */
    public int padding() {
        return m >= 16 ? PAD : 0;
    }

    /**
     * Where value (or bin) {@code k <= n/2} of lane {@code l} is in the padded layout:
     * {@code k lanes + l}, plus {@link #padding()} after each quarter of {@code n/2} values.
     */
    public int index(int k, int l, int lanes) {
        return k * lanes + l + (k >> quarterShift) * padding();
    }

    /** Length of {@code re} and {@code im} in the padded layout: bins 0..n/2 of {@code lanes} lanes. */
    public int paddedLength(int lanes) {
        return (m + 1) * lanes + 4 * padding();
    }

    private void requirePadded(double[] re, double[] im, double[] sr, double[] si, int lanes) {
        requireSizes(re, im, sr, si, lanes);
        long io = (long) paddedLength(lanes);
        long scratch = (long) scratchLength(lanes);
        if (re.length < io || im.length < io || sr.length < scratch || si.length < scratch) {
            throw new IllegalArgumentException("the padded layout needs re and im of " + io + " values and scratch"
                    + " arrays of " + scratch + " for " + lanes + " lanes of size " + n + ", got " + re.length + ", "
                    + im.length + ", " + sr.length + " and " + si.length);
        }
    }

    /** {@link #PAD} when the scratch arrays have room for it. */
    private int pad(double[] scratchRe, double[] scratchIm, int lanes) {
        int padded = scratchLength(lanes);
        return m >= 16 && scratchRe.length >= padded && scratchIm.length >= padded ? PAD : 0;
    }

    // ------------------------------------------------------------------ complex FFT (size m)

    /**
     * Unnormalised forward DFT of size m; true when the result is in the scratch arrays y (x laid
     * out with {@code xPad}, y with {@code pad}).
     */
    private boolean complexForward(double[] xr, double[] xi, double[] yr, double[] yi, int lanes, int xPad,
                                   int pad) {
        boolean inScratch = false;
        int len = m;
        int stride = 1;
        for (int radix : radices) {
            double[] ar = inScratch ? yr : xr;
            double[] ai = inScratch ? yi : xi;
            double[] br = inScratch ? xr : yr;
            double[] bi = inScratch ? xi : yi;
            int inPad = inScratch ? pad : xPad;
            int outPad = inScratch ? xPad : pad;
            switch (radix) {
                case 8 -> kernels.radix8(ar, ai, br, bi, len, stride, lanes, wr, wi, quarterShift, inPad, outPad);
                case 4 -> kernels.radix4(ar, ai, br, bi, len, stride, lanes, wr, wi, quarterShift, inPad, outPad);
                default -> kernels.radix2(ar, ai, br, bi, stride, lanes, quarterShift, inPad, outPad);
            }
            inScratch = !inScratch;
            len /= radix;
            stride *= radix;
        }
        return inScratch;
    }

    private void requireSizes(double[] re, double[] im, double[] sr, double[] si, int lanes) {
        if (lanes < 1) {
            throw new IllegalArgumentException("lanes must be >= 1, got " + lanes);
        }
        long io = (long) (m + 1) * lanes;
        long scratch = (long) m * lanes;
        if (re.length < io || im.length < io) {
            throw new IllegalArgumentException("re and im need " + io + " values for " + lanes + " lanes of size " + n
                    + ", got " + re.length + " and " + im.length);
        }
        if (sr.length < scratch || si.length < scratch) {
            throw new IllegalArgumentException("scratch arrays need " + scratch + " values, got " + sr.length + " and "
                    + si.length);
        }
        if (re == im || sr == si || re == sr || im == si || re == si || im == sr) {
            throw new IllegalArgumentException("re, im and the scratch arrays must be four distinct arrays");
        }
    }

    private static FftKernels chooseKernels() {
        if (Boolean.getBoolean(SCALAR_PROPERTY)) {
            return new ScalarFftKernels();
        }
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            LOG.log(System.Logger.Level.DEBUG, "FFT: plain-Java loops (start the JVM with --add-modules jdk.incubator.vector for SIMD)");
            return new ScalarFftKernels();
        }
        try {
            return (FftKernels) Class.forName(RealFft.class.getPackageName() + ".VectorFftKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "FFT: the Vector API module is loaded but its loops are not usable;"
                    + " plain-Java loops", e);
            return new ScalarFftKernels();
        }
    }

    /** cos(2 pi k / size), exact at multiples of pi/4 and symmetric: reduced to the first octant. */
    static double cos2pi(int k, int size) {
        return octant(k, size, true);
    }

    /** sin(2 pi k / size), as {@link #cos2pi}. */
    static double sin2pi(int k, int size) {
        return octant(k, size, false);
    }

    private static double octant(int k, int size, boolean cos) {
        // size is a power of two >= 2; work in eighths of the circle with integer arithmetic.
        long kk = Math.floorMod((long) k, (long) size) * 8L;
        long s = size;
        // angle = 2 pi kk / (8 s); quadrant reduction
        int quadrant = (int) (kk / (2 * s));
        long r = kk - quadrant * 2 * s; // in [0, 2s): angle within the quadrant is (pi/2) r / (2s)
        double c;
        double sn;
        if (r == 0) {
            c = 1.0;
            sn = 0.0;
        } else if (r == s) {
            c = Math.sqrt(0.5);
            sn = c;
        } else if (r < s) {
            double a = Math.PI / 2 * r / (2.0 * s);
            c = Math.cos(a);
            sn = Math.sin(a);
        } else {
            double a = Math.PI / 2 * (2 * s - r) / (2.0 * s);
            c = Math.sin(a);
            sn = Math.cos(a);
        }
        double qc;
        double qs;
        switch (quadrant) {
            case 0 -> {
                qc = c;
                qs = sn;
            }
            case 1 -> {
                qc = -sn;
                qs = c;
            }
            case 2 -> {
                qc = -c;
                qs = -sn;
            }
            default -> {
                qc = sn;
                qs = -c;
            }
        }
        return cos ? qc : qs;
    }
}
