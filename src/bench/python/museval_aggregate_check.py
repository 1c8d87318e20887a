"""Verification: museval's own aggregation equals the job's Parquet medians.

Loads museval's aggregate.py (a git-ignored copy, work/ref/museval/aggregate.py; never committed),
lets its MethodStore read an evaluation run's museval-format JSON (RUN/test/<track>.json) and
aggregate the frames per track (agg_frames_scores: median over frames, NaN skipped), and compares
each (track, target, metric) with the medians read from the run's Parquet tables by Spark
(PARQUET_CSV: track,target,metric,median, as EvaluationTablesTest exports them).
Needs pandas; simplejson (aggregate.py's JSON reader) is replaced by the standard library's json
where missing or too old to take allow_nan; jsonschema and the museval package are stubbed (only
used to validate files and to find museval's schema, which this check does not do).

usage: python3 museval_aggregate_check.py AGGREGATE_PY RUN PARQUET_CSV [TOLERANCE]
exit 0 when every median equals within TOLERANCE (default 1e-9) and both hold the same keys.
"""
import csv
import importlib.util
import math
import os
import sys
import types


def load_aggregate(path):
    package = types.ModuleType("museval")
    package.__path__ = [os.path.dirname(os.path.abspath(path))]
    sys.modules["museval"] = package
    version = types.ModuleType("museval.version")
    version._version = "4"
    sys.modules["museval.version"] = version
    try:
        import jsonschema  # noqa: F401
    except ImportError:
        stub = types.ModuleType("jsonschema")
        stub.validate = lambda *a, **k: None
        sys.modules["jsonschema"] = stub
    try:
        import simplejson
        simplejson.loads("NaN", allow_nan=True)
    except (ImportError, TypeError):
        # simplejson before 3.19 (Debian 12 has 3.18) has no allow_nan on loads; NaN is read
        # anyway, by it and by the standard library's json, which stands in when it is missing.
        import json
        shim = types.ModuleType("simplejson")
        shim.loads = lambda s, allow_nan=True, **kw: json.loads(s, **kw)
        shim.dumps = json.dumps
        sys.modules["simplejson"] = shim
    spec = importlib.util.spec_from_file_location("museval.aggregate", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules["museval.aggregate"] = module
    spec.loader.exec_module(module)
    return module


def main(aggregate_py, run, parquet_csv, tolerance=1e-9):
    aggregate = load_aggregate(aggregate_py)
    store = aggregate.MethodStore()
    store.add_eval_dir(run)
    museval = {}
    for (method, track, target, metric), value in store.agg_frames_scores().items():
        museval[(track, target, metric)] = float(value)
    parquet = {}
    with open(parquet_csv, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            parquet[(row["track"], row["target"], row["metric"])] = float(row["median"])
    bad = []
    if set(museval) != set(parquet):
        bad.append("keys differ: only museval %s, only Parquet %s"
                   % (sorted(set(museval) - set(parquet)), sorted(set(parquet) - set(museval))))
    for key in sorted(set(museval) & set(parquet)):
        a, b = museval[key], parquet[key]
        if not ((math.isnan(a) and math.isnan(b)) or abs(a - b) <= tolerance):
            bad.append("%s: museval %r, Parquet %r" % ("/".join(key), a, b))
    if bad:
        print("museval aggregate.py medians DIFFER from the Parquet medians:")
        print("\n".join(bad))
        return 1
    print("museval aggregate.py: %d per-track medians (%d tracks) equal the Parquet medians within %g"
          % (len(museval), len({k[0] for k in museval}), tolerance))
    return 0


if __name__ == "__main__":
    if len(sys.argv) not in (4, 5):
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:4], *(float(x) for x in sys.argv[4:])))
