"""Benchmark `medaid eval` cold start: a one-claim case in a fresh process, an empty cache folder.

    .venv/bin/python bench/eval_bench.py             # median of 3
    .venv/bin/python bench/eval_bench.py --runs 5

What a user waits for on the command line: the interpreter, the imports, the kb
loaded into SWI-Prolog, the case validated, evaluated and printed. Prints wall and
CPU (user + system of the child) seconds.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from check_bench import MEDAID, compile_package, fresh_env, load, row, timed  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "cangzhou" / "dibao_edge_inpatient.yaml"
TARGET = 0.5


def eval_times(runs: int, fmt: str) -> list[tuple[float, float]]:
    args = [str(MEDAID), "eval", str(CASE), "--format", fmt]
    out = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            out.append(timed(args, fresh_env(folder)))
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    compile_package()
    for fmt in ("text", "json"):
        what = f"`medaid eval` one-claim case, cold start, --format {fmt}"
        print(row(what, eval_times(args.runs, fmt), TARGET))
    print(f"({load()})")


if __name__ == "__main__":
    main()
