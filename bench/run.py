"""Benchmarks for `medaid eval`: cold-start wall time and in-process throughput.

Run with `make bench`. Prints a table of the numbers reported in README.md.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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


def check_time(runs: int = 3) -> list[float]:
    """`medaid check` end to end in a fresh process (grounding, search, witnesses)."""
    medaid = Path(sys.executable).parent / "medaid"
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([str(medaid), "check", "--format", "json"], check=True, capture_output=True)
        times.append(time.perf_counter() - t)
    return times


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
    print(
        f"| `medaid check`, all findings (median of {len(checks)}) | {statistics.median(checks):.2f} s | ≤ 3 s |"
    )


if __name__ == "__main__":
    main()
