"""Times museval's bss_eval (v4 and v3) on the bench's evaluation input, one thread.

Usage: museval_time.py METRICS_PY INPUT_DIR SOURCES SAMPLES CHANNELS WIN HOP MODES
  METRICS_PY  a copy of museval/metrics.py (sigsep/sigsep-mus-eval; needs numpy and scipy only)
  INPUT_DIR   references.f64 and estimates.f64: float64 little-endian, (sources, samples, channels)
  MODES       comma-separated: v4, v3
Prints one line per mode: "museval_<mode> WALL_SECONDS CPU_SECONDS" (of the bss_eval call; CPU
time of the process, all threads).
Set OMP_NUM_THREADS=1 etc. in the environment before starting (the bench does).
"""
import importlib.util
import os
import sys
import time

import numpy as np


def main():
    metrics_py, folder = sys.argv[1], sys.argv[2]
    sources, samples, channels, win, hop = (int(v) for v in sys.argv[3:8])
    modes = sys.argv[8].split(",")
    spec = importlib.util.spec_from_file_location("museval_metrics", metrics_py)
    metrics = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(metrics)
    shape = (sources, samples, channels)
    refs = np.fromfile(os.path.join(folder, "references.f64"), dtype="<f8").reshape(shape)
    ests = np.fromfile(os.path.join(folder, "estimates.f64"), dtype="<f8").reshape(shape)
    for mode in modes:
        t0 = time.perf_counter()
        c0 = time.process_time()
        metrics.bss_eval(refs, ests, window=win, hop=hop, compute_permutation=False,
                         framewise_filters=(mode == "v3"), bsseval_sources_version=False)
        print("museval_%s %.3f %.3f" % (mode, time.perf_counter() - t0, time.process_time() - c0), flush=True)


if __name__ == "__main__":
    main()
