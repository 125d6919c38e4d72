"""Benchmark `medaid check`: a fresh process, cold (an empty cache folder) and warm.

    .venv/bin/python bench/check_bench.py            # median of 3 of each
    .venv/bin/python bench/check_bench.py --runs 5

Cold is the whole work: the kb loaded, every region's profile space searched with
clingo, every finding derived and every witness verified with the evaluator. Warm
runs in the same cache folder after a cold run and reads the findings back. Prints
wall and CPU (user + system of the child, from getrusage) seconds; on a shared
machine CPU is the comparable figure.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MEDAID = Path(sys.executable).parent / "medaid"
ROOT = Path(__file__).resolve().parent.parent
TARGET = 3.0


def compile_package() -> None:
    """Bytecode for the package, as an installed package has it (pip compiles on install;
    an editable checkout compiles on first import unless PYTHONDONTWRITEBYTECODE is set)."""
    import compileall

    for d in ("reasoner", "cli", "web"):
        compileall.compile_dir(ROOT / d, quiet=1)


def timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def fresh_env(folder: str) -> dict[str, str]:
    env = {**os.environ, "MEDAID_CACHE_DIR": folder}
    env.pop("MEDAID_NO_CACHE", None)
    return env


def check_times(runs: int) -> dict[str, list[tuple[float, float]]]:
    args = [str(MEDAID), "check", "--format", "json"]
    out: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            out["cold"].append(timed(args, fresh_env(folder)))
            out["warm"].append(timed(args, fresh_env(folder)))
    return out


def row(what: str, times: list[tuple[float, float]], target: float) -> str:
    wall = statistics.median(w for w, _ in times)
    cpu = statistics.median(c for _, c in times)
    # judged on CPU: wall time on a shared machine measures the other jobs as well
    met = "met" if cpu <= target else "**not met**"
    return (
        f"| {what} (median of {len(times)}) | {wall:.2f} s wall, {cpu:.2f} s CPU "
        f"| ≤ {target:g} s ({met}) |"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"load average {one:.1f} (5 min {five:.1f}) on {os.cpu_count()} cores"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    compile_package()
    times = check_times(args.runs)
    print(row("`medaid check`, all findings, cold (empty cache folder)", times["cold"], TARGET))
    print(row("`medaid check`, all findings, warm (findings cached)", times["warm"], TARGET))
    print(f"({load()})")


if __name__ == "__main__":
    main()
