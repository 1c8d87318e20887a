"""Paired Wilcoxon signed-rank p-values by scipy, and Holm's correction over each family, for
wiener-spark's tests (an independent computation of what the compare job reports).

usage: python3 paired_wilcoxon.py IN_CSV OUT_CSV
IN_CSV: family,pair,method,x,y  (one line per pair of runs: the family the Holm correction runs
over, the pair's name, scipy's method 'exact' or 'approx', the paired values as space-separated
numbers, in the same track order)
OUT_CSV: family,pair,p,p_holm (p as Python's repr)

Options, the same for every pair: scipy.stats.wilcoxon(x, y, zero_method='wilcox',
correction=False, alternative='two-sided', method=<method of the line>): zero differences
dropped, the normal approximation without continuity correction (its variance corrected for
ties). Holm (step-down) by hand: the i-th smallest of m p-values becomes
max over j <= i of min(1, (m - j + 1) p_(j)).
"""
import csv
import sys

import numpy as np
from scipy import stats


def holm(ps):
    order = sorted(range(len(ps)), key=lambda i: ps[i])
    out = [0.0] * len(ps)
    running = 0.0
    for k, i in enumerate(order):
        running = max(running, min(1.0, (len(ps) - k) * ps[i]))
        out[i] = running
    return out


def main(src, dst):
    families = {}
    with open(src, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            x = np.array([float(v) for v in row["x"].split()])
            y = np.array([float(v) for v in row["y"].split()])
            if np.all(x == y):
                p = 1.0  # no nonzero difference: nothing to test (scipy refuses)
            else:
                p = float(stats.wilcoxon(x, y, zero_method="wilcox", correction=False,
                                         alternative="two-sided", method=row["method"]).pvalue)
            families.setdefault(row["family"], []).append((row["pair"], p))
    with open(dst, "w", encoding="utf-8") as f:
        f.write("family,pair,p,p_holm\n")
        for family, pairs in families.items():
            adjusted = holm([p for _, p in pairs])
            for (pair, p), q in zip(pairs, adjusted):
                f.write("%s,%s,%r,%r\n" % (family, pair, p, q))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
