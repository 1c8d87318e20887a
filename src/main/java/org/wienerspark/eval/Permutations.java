package org.wienerspark.eval;

/**
 * The permutation search of BSS Eval: among all assignments of estimates to references, the one
 * with the largest mean SIR, candidates in the order of Python's {@code itertools.permutations}
 * (lexicographic) and the first of equal means kept, as {@code numpy.argmax} keeps it in museval
 * and mir_eval. A NaN mean wins as numpy's argmax lets it win (the first NaN). Exhaustive, so
 * limited to {@link #MAX_SOURCES} sources (mir_eval and museval enumerate them the same way).
 */
public final class Permutations {

    /** 10! = 3.6 million candidates: a few seconds; beyond that the search is refused. */
    public static final int MAX_SOURCES = 10;

    private Permutations() {
    }

    /**
     * The best assignment for one frame.
     *
     * @param sir     SIR of reference i scored against estimate k at {@code sir[i * n + k]}, shape (n, n)
     * @param n       number of sources
     * @return value i is the estimate matched with reference i (mir_eval's {@code popt})
     */
    public static int[] best(double[] sir, int n) {
        return best(new double[][] {sir}, n);
    }

    /**
     * The best assignment by the mean over several frames of the pairwise SIRs (museval's single
     * permutation for time-invariant filters: the mean over sources and frames).
     *
     * @param sirs one (n, n) table per frame, as in {@link #best(double[], int)}
     */
    public static int[] best(double[][] sirs, int n) {
        if (n < 1 || n > MAX_SOURCES) {
            throw new IllegalArgumentException("the permutation search is exhaustive and limited to 1.."
                    + MAX_SOURCES + " sources, got " + n);
        }
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int[] best = perm.clone();
        double bestMean = Double.NEGATIVE_INFINITY;
        boolean first = true;
        do {
            double sum = 0;
            for (double[] sir : sirs) {
                for (int i = 0; i < n; i++) {
                    sum += sir[i * n + perm[i]];
                }
            }
            double mean = sum / ((double) n * sirs.length);
            // numpy's argmax: the first maximum, where a NaN beats everything and is never beaten.
            if (first || !Double.isNaN(bestMean) && (Double.isNaN(mean) || mean > bestMean)) {
                bestMean = mean;
                System.arraycopy(perm, 0, best, 0, n);
            }
            first = false;
        } while (next(perm));
        return best;
    }

    /** Advances to the next permutation in lexicographic order; false after the last. */
    static boolean next(int[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            t = a[l];
            a[l] = a[r];
            a[r] = t;
        }
        return true;
    }
}
