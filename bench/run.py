"""Benchmark in-process `medaid eval` throughput (validated cases, then validation + evaluation).

Run with `make bench` (which also runs bench/eval_bench.py for the cold start and
bench/check_bench.py for `medaid check`). Prints rows of the table in README.md.
"""

from __future__ import annotations

import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "examples" / "cangzhou" / "dibao_edge_inpatient.yaml"


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


def main() -> None:
    eval_only, with_validation = throughput()
    print("| benchmark | result | target |")
    print("|---|---|---|")
    print(
        f"| in-process evaluation (validated case reused) | {eval_only:,.0f} cases/s | ≥ 500 cases/s |"
    )
    print(
        f"| in-process validation + evaluation | {with_validation:,.0f} cases/s | ≥ 500 cases/s |"
    )


if __name__ == "__main__":
    main()
