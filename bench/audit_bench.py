"""Benchmark `medaid audit`: 1,000,000 claims for 200,000 persons across the five regions.

    .venv/bin/python bench/audit_bench.py            # generates bench/out/audit/ once, then runs
    .venv/bin/python bench/audit_bench.py --claims 100000 --persons 20000 --runs 1

Measures, on this machine, in one run:

- the audit end to end from Parquet to Parquet, each time in a fresh process (Python start,
  knowledge base load, decision tables from the cache, validation, eligibility, both
  ledgers, writing): the median of ``--runs`` (3) wall times, the peak RSS of every run and
  the stages of the median run;
- a plain DuckDB scan of the same claims file (read every column, aggregate), the floor;
- the per-person kernel: the Python ledger (``Evaluator.rows`` over the kernel) on the person-years the audit
  routes to it, per person-year, and per-case evaluation (``evaluate_data``, Prolog per
  case) of a 2,000-claim sample.

and prints one table; claims/s is claims in ÷ wall time.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _child(args: argparse.Namespace) -> None:
    """Run one audit in this process and print its figures as JSON."""
    t0 = time.perf_counter()
    from reasoner.api import get_kb
    from reasoner.audit import audit_files, write_table
    from reasoner.engine import engine

    kb = get_kb()
    eng = engine()
    t_kb = time.perf_counter() - t0
    d = args.data
    n = _partitions(args)
    if n > 1:
        _child_partitioned(args, kb, eng, n, t0, t_kb)
        return
    result, auditor, _ = audit_files(
        kb,
        eng,
        d / "persons.parquet",
        d / "identities.parquet",
        d / "claims.parquet",
        d / "params.yaml",
        memory_limit=args.memory_limit,
    )
    t = time.perf_counter()
    out = args.out
    write_table(result.results, out / "results.parquet")
    write_table(result.errors, out / "results.errors.csv")
    if result.discrepancy_rows is not None:
        write_table(result.discrepancy_rows, out / "results.discrepancies.csv")
    t_write = time.perf_counter() - t
    auditor.close()
    st = result.stats
    print(
        json.dumps(
            {
                "total": time.perf_counter() - t0,
                "stages": {"python + kb load": t_kb, **st.seconds, "write": t_write},
                "claims_in": st.claims_in,
                "claims_evaluated": st.claims_evaluated,
                "claims_rejected": st.claims_rejected,
                "rows_out": st.output_rows,
                "person_years_sql": st.person_years_sql,
                "person_years_python": st.person_years_python,
                "kernel_workers": _kernel_workers(st.person_years_python),
                "partitions": 1,
                "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "cpu_s": _cpu(),
            }
        )
    )


def _partitions(args: argparse.Namespace) -> int:
    from reasoner.audit_partition import auto_partitions

    if args.partitions == "auto":
        return auto_partitions(args.data / "claims.parquet", args.memory_limit)
    return int(args.partitions)


def _child_partitioned(
    args: argparse.Namespace, kb: Any, eng: Any, n: int, t0: float, t_kb: float
) -> None:
    """The partitioned audit as `medaid audit --partitions N` runs it, outputs streamed."""
    from reasoner import audit_output as io
    from reasoner.audit import _scratch_dir
    from reasoner.audit_partition import audit_partitioned

    d = args.data
    paths = {s: d / f"{s}.parquet" for s in ("persons", "identities", "claims")}
    merged = audit_partitioned(
        kb,
        eng,
        paths,
        d / "params.yaml",
        n,
        folder=Path(_scratch_dir()),
        reporter=None,
        threads=None,
        memory_limit=args.memory_limit,
    )
    t = time.perf_counter()
    out = args.out
    cols = ["claim_id", "person_id", "program", "status", "amount", "amount_min"]
    cols += ["amount_max", "identity"]
    io.write_batches(merged.ordered("results", cols), out / "results.parquet", None)
    err_cols = ["source", '"row"', '"column"', "reason"]
    io.write_batches(merged.ordered("errors", err_cols), out / "results.errors.csv", None)
    if merged.discrepancies is not None:
        disc = ["claim_id", "person_id", "kind", "paid_assistance", "expected", "difference"]
        disc += ["not_exact", "not_exact_programs"]
        io.write_batches(merged.ordered("disc", disc), out / "results.discrepancies.csv", None)
    t_write = time.perf_counter() - t
    merged.close()
    st = merged.stats
    print(
        json.dumps(
            {
                "total": time.perf_counter() - t0,
                "stages": {"python + kb load": t_kb, **st.seconds, "merge + write": t_write},
                "claims_in": st.claims_in,
                "claims_evaluated": st.claims_evaluated,
                "claims_rejected": st.claims_rejected,
                "rows_out": st.output_rows,
                "person_years_sql": st.person_years_sql,
                "person_years_python": st.person_years_python,
                "kernel_workers": _kernel_workers(st.person_years_python // n),
                "partitions": n,
                "rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "cpu_s": _cpu(),
            }
        )
    )


def _kernel_workers(person_years: int) -> int:
    """How many processes the Python ledger ran on (reasoner.audit_python)."""
    from reasoner import audit_python

    return audit_python.workers() if person_years >= audit_python.PARALLEL_MIN else 1


def _cpu() -> float:
    """This process and the Python ledger's workers it forked and reaped."""
    r = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime + c.ru_utime + c.ru_stime


def _scan(claims: Path) -> float:
    import duckdb

    con = duckdb.connect()
    t = time.perf_counter()
    con.execute(
        "SELECT count(*), count(DISTINCT person_id), sum(policy_scope_cost), max(date), "
        "count(disease), sum(hospital_level) FROM read_parquet(?)",
        [str(claims)],
    ).fetchall()
    return time.perf_counter() - t


def _per_case(data: Path, n_claims: int) -> tuple[int, float]:
    """Rebuild the first persons' cases (up to n_claims claims) and evaluate them one by one."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from reasoner.api import evaluate_data, get_kb
    from reasoner.audit import (
        CLAIM_COLUMNS,
        IDENTITY_COLUMNS,
        PERSON_COLUMNS,
        audit_tables,
        load_parameters,
        read_input,
    )
    from reasoner.engine import engine
    from reasoner.errors import MedaidError

    kb = get_kb()
    claims = pq.read_table(data / "claims.parquet", columns=["person_id"])
    persons: list[str] = []
    seen: set[str] = set()
    for pid in claims.column("person_id").to_pylist()[:n_claims]:
        if pid not in seen:
            seen.add(pid)
            persons.append(pid)
    keep = pa.array(persons)

    def subset(name: str, cols: tuple[str, ...]) -> pa.Table:
        t = read_input(data / f"{name}.parquet", cols, name)
        t = t.filter(pc.is_in(t.column("person_id").cast(pa.string()), value_set=keep))
        return t.set_column(
            t.schema.get_field_index("_row"), "_row", pa.array(range(1, t.num_rows + 1))
        )

    parsed, raw = load_parameters(data / "params.yaml", kb)
    result, auditor = audit_tables(
        kb,
        engine(),
        subset("persons", PERSON_COLUMNS),
        subset("identities", IDENTITY_COLUMNS),
        subset("claims", CLAIM_COLUMNS),
        parsed,
    )
    cases = []
    for p in persons:
        try:
            cases.append(auditor.case_dict(p, raw))
        except MedaidError:
            continue
    auditor.close()
    n = sum(len(c["claims"]) for c in cases)
    t = time.perf_counter()
    for c in cases:
        with contextlib.suppress(MedaidError):  # a missing parameter still costs the evaluation
            evaluate_data(c)
    return n, time.perf_counter() - t


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=200_000)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--data", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "audit" / "results")
    ap.add_argument("--memory-limit", default="2.5GB")
    ap.add_argument("--sample", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=3, help="audit runs (the median is reported)")
    ap.add_argument(
        "--partitions",
        default="1",
        help="person partitions (`medaid audit --partitions`): a number, or auto",
    )
    ap.add_argument(
        "--no-kernel", action="store_true", help="skip the scan and per-case measurements"
    )
    ap.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.data is None:
        args.data = ROOT / "bench" / "out" / "audit" / f"data-{args.claims}-{args.persons}"
    if args.child:
        _child(args)
        return
    load0 = _load()
    if not (args.data / "claims.parquet").exists():
        import gen  # type: ignore[import-not-found]

        t = time.perf_counter()
        gen.write_chunked(args.persons, args.claims, args.data, "parquet")
        print(
            f"generated {args.claims} claims for {args.persons} persons in {time.perf_counter() - t:.1f} s"
        )
    args.out.mkdir(parents=True, exist_ok=True)
    cmd = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--child",
        "--data",
        str(args.data),
        "--out",
        str(args.out),
        "--memory-limit",
        args.memory_limit,
        "--claims",
        str(args.claims),
        "--partitions",
        str(args.partitions),
    ]
    runs: list[tuple[float, dict[str, Any]]] = []
    for _ in range(args.runs):
        t = time.perf_counter()
        proc = subprocess.run(cmd, check=True, capture_output=True, text=True)
        wall = time.perf_counter() - t
        runs.append((wall, json.loads(proc.stdout.strip().splitlines()[-1])))
    rss = max(
        resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
        *(c["rss_mib"] for _, c in runs),
    )
    wall, child = sorted(runs, key=lambda r: r[0])[len(runs) // 2]
    scans = sorted(_scan(args.data / "claims.parquet") for _ in range(args.runs))
    scan = scans[len(scans) // 2]
    n_sample, t_sample = (0, 0.0) if args.no_kernel else _per_case(args.data, args.sample)

    claims = child["claims_in"]
    walls = ", ".join(f"{w:.1f}" for w, _ in runs)
    py = child["person_years_python"]
    t_py = child["stages"].get("ledger (Python)", 0.0)
    print()
    print(f"{claims:,} claims, {args.persons:,} persons, 5 regions; machine: {_machine()}")
    print(f"load average before the runs: {load0}; after: {_load()}")
    print()
    print("| run | claims | time (s) | claims/s | peak RSS (MiB) |")
    print("|---|---:|---:|---:|---:|")
    print(
        f"| medaid audit, Parquet → Parquet, {child['partitions']} partition(s), "
        f"--memory-limit {args.memory_limit} (fresh process, end to end; median of "
        f"{len(runs)}: {walls}; CPU {child['cpu_s']:.1f} s) | {claims:,} | {wall:.1f} | "
        f"{claims / wall:,.0f} | {rss:,.0f} |"
    )
    print(
        f"| plain DuckDB scan of claims.parquet | {claims:,} | {scan:.2f} | {claims / scan:,.0f} | |"
    )
    if py:
        print(
            f"| per-person kernel (`Evaluator.rows`), the audit's {py:,} Python-ledger person-years "
            f"on {child['kernel_workers']} process(es) | | {t_py:.1f} | {py / t_py:,.0f} "
            "person-years/s | |"
        )
    if n_sample:
        print(
            f"| per-case `evaluate_data` (Prolog per case) | {n_sample:,} | {t_sample:.1f} | "
            f"{n_sample / t_sample:,.0f} | |"
        )
    print()
    print("| audit stage (median run) | time (s) |")
    print("|---|---:|")
    for k, v in child["stages"].items():
        print(f"| {k} | {v:.1f} |")
    print()
    print(
        f"rows in = evaluated + rejected: {claims:,} = {child['claims_evaluated']:,} + "
        f"{child['claims_rejected']:,}; result rows {child['rows_out']:,}; person-years "
        f"{child['person_years_sql']:,} in SQL, {py:,} in Python"
    )


def _load() -> str:
    import os

    return " ".join(f"{x:.1f}" for x in os.getloadavg())


def _machine() -> str:
    import os
    import platform

    mem = ""
    try:
        with open("/proc/meminfo", encoding="ascii") as fh:
            kb = int(fh.readline().split()[1])
        mem = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        pass
    return f"{os.cpu_count()} cores{mem}, Python {platform.python_version()}"


if __name__ == "__main__":
    main()
