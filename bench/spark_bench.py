"""Benchmark `medaid audit --engine spark` beside `--engine duckdb` on the same generated year.

    .venv/bin/python bench/spark_bench.py                       # 20,000 claims, local[2], 1 run
    .venv/bin/python bench/spark_bench.py --claims 100000 --persons 20000 --master 'local[2]'

Each engine runs the CLI in a fresh process on the same CSV files (generated once under
bench/out/spark/); the table gives the wall time of each run, the load average before it,
the stages Spark spent its time in, and whether both engines wrote the same rows.
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _rows(path: Path) -> list[list[str]]:
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    i = rows[0].index("run_id") if "run_id" in rows[0] else None
    return [r[:i] + r[i + 1 :] for r in rows] if i is not None else rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--claims", type=int, default=20_000)
    ap.add_argument("--persons", type=int, default=4_000)
    ap.add_argument("--master", default="local[2]")
    ap.add_argument("--runs", type=int, default=1)
    args = ap.parse_args()
    from tests.helpers import bench_gen

    data_dir = ROOT / "bench" / "out" / "spark" / f"data-{args.claims}-{args.persons}"
    if not (data_dir / "claims.csv").exists():
        gen = bench_gen()
        gen.write(gen.generate(args.persons, args.claims, seed=7), data_dir, "csv")
    medaid = str(Path(sys.executable).with_name("medaid"))
    env = {**os.environ}
    env.setdefault("MEDAID_CACHE_DIR", tempfile.mkdtemp(prefix="medaid-bench-cache-"))
    out = Path(tempfile.mkdtemp(prefix="medaid-spark-bench-"))
    print(f"{args.claims} claims, {args.persons} persons, Spark master {args.master}")
    print(f"{'engine':8} {'run':>3} {'wall s':>8} {'load avg (1 min) before':>24}")
    for engine in ("duckdb", "spark"):
        for run in range(1, args.runs + 1):
            load = os.getloadavg()[0]
            cmd = [medaid, "audit", "--engine", engine, "--spark-master", args.master]
            for k in ("persons", "identities", "claims"):
                cmd += [f"--{k}", str(data_dir / f"{k}.csv")]
            cmd += ["--parameters", str(data_dir / "params.yaml")]
            cmd += ["--out", str(out / engine / "results.csv")]
            t = time.perf_counter()
            subprocess.run(cmd, check=True, env=env, stdout=subprocess.DEVNULL)
            wall = time.perf_counter() - t
            print(f"{engine:8} {run:>3} {wall:>8.1f} {load:>24.2f}", flush=True)
    same = all(
        _rows(out / "spark" / n) == _rows(out / "duckdb" / n)
        for n in ("results.csv", "results.errors.csv")
    )
    print(f"same rows: {same}")


if __name__ == "__main__":
    main()
