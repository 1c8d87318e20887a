"""Per-track medians of an evaluation run, computed the way museval's users compute them.

Reads every museval-format track file RUN/test/<track>.json, builds one long pandas table of
frames (track, target, metric, time, score), groups it by (track, target, metric) and takes the
median over frames, NaN skipped (pandas' default). Written for wiener-spark's tests, independently
of the job's Java code; pandas cannot read Parquet here (Debian has neither pyarrow nor
fastparquet), so the JSON the job writes beside its tables is the input.

usage: python3 frame_medians.py RUN OUT_CSV
writes OUT_CSV: track,target,metric,median,frames (the median as Python's repr, NaN as NaN;
frames: the number of frames with a score).
"""
import glob
import json
import math
import os
import sys

import pandas as pd


def frames(path):
    track = os.path.splitext(os.path.basename(path))[0]
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)  # accepts NaN and Infinity literals
    for target in doc["targets"]:
        for frame in target["frames"]:
            for metric, score in frame["metrics"].items():
                yield (track, target["name"], metric, float(frame["time"]),
                       math.nan if score is None else float(score))


def main(run, out):
    files = sorted(glob.glob(os.path.join(run, "test", "*.json")))
    if not files:
        sys.exit("no museval JSON under " + os.path.join(run, "test"))
    table = pd.DataFrame([row for p in files for row in frames(p)],
                         columns=["track", "target", "metric", "time", "score"])
    grouped = table.groupby(["track", "target", "metric"])["score"]
    medians = grouped.median()
    counts = grouped.count()
    with open(out, "w", encoding="utf-8") as f:
        f.write("track,target,metric,median,frames\n")
        for key, value in medians.items():
            text = "NaN" if math.isnan(value) else repr(float(value))
            f.write("%s,%s,%s,%s,%d\n" % (key[0], key[1], key[2], text, counts[key]))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
