"""Benchmarks for `medaid eval` (cold-start wall time, in-process throughput) and `medaid check`.

Run with `make bench`. Prints a table of the numbers reported in README.md.
"""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "cangzhou" / "dibao_edge_inpatient.yaml"


def cold_start(runs: int = 5) -> list[float]:
    medaid = Path(sys.executable).parent / "medaid"
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run(
            [str(medaid), "eval", str(CASE), "--format", "json"], check=True, capture_output=True
        )
        times.append(time.perf_counter() - t)
    return times


def throughput(n: int = 2000) -> tuple[float, float]:
    import yaml

    from reasoner.api import case_from_data, evaluator

    data = yaml.safe_load(CASE.read_text(encoding="utf-8"))
    ev = evaluator()
    case = case_from_data(data)
    ev.evaluate(case)  # warm: kb loaded
    t = time.perf_counter()
    for _ in range(n):
        ev.evaluate(case)
    eval_only = n / (time.perf_counter() - t)
    t = time.perf_counter()
    for _ in range(n):
        ev.evaluate(case_from_data(data))
    with_validation = n / (time.perf_counter() - t)
    return eval_only, with_validation


def _timed(args: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU (user + system) seconds of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True, env=env)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def check_time(runs: int = 3) -> dict[str, list[tuple[float, float]]]:
    """`medaid check` end to end in a fresh process: cold (an empty cache folder: grounding,
    search, every witness verified) and warm (the same folder after a first run)."""
    medaid = Path(sys.executable).parent / "medaid"
    args = [str(medaid), "check", "--format", "json"]
    out: dict[str, list[tuple[float, float]]] = {"cold": [], "warm": []}
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            env = {**os.environ, "MEDAID_CACHE_DIR": folder}
            env.pop("MEDAID_NO_CACHE", None)
            out["cold"].append(_timed(args, env))
            out["warm"].append(_timed(args, env))
    return out


def main() -> None:
    checks = check_time()
    times = cold_start()
    eval_only, with_validation = throughput()
    print("| benchmark | result | target |")
    print("|---|---|---|")
    print(
        f"| `medaid eval` one-claim case, cold start (median of {len(times)}) | {statistics.median(times):.2f} s | ≤ 1 s |"
    )
    print(
        f"| in-process evaluation (validated case reused) | {eval_only:,.0f} cases/s | ≥ 500 cases/s |"
    )
    print(
        f"| in-process validation + evaluation | {with_validation:,.0f} cases/s | ≥ 500 cases/s |"
    )
    for state in ("warm", "cold"):
        wall = statistics.median(w for w, _ in checks[state])
        cpu = statistics.median(c for _, c in checks[state])
        print(
            f"| `medaid check`, all findings, {state} (median of {len(checks[state])}) "
            f"| {wall:.2f} s wall, {cpu:.2f} s CPU | ≤ 3 s |"
        )


if __name__ == "__main__":
    main()
