"""Benchmark `medaid warnings` on a generated year.

    .venv/bin/python bench/warnings_bench.py            # a year: 1,000,000 claims, 200,000 persons
    .venv/bin/python bench/warnings_bench.py --persons 20000 --claims 100000

Generates the inputs once (bench/gen.py, Parquet, under bench/out/warnings-<claims>/), then times
reading + validation and the warning query separately in this process, and prints one line.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--persons", type=int, default=200000)
    ap.add_argument("--claims", type=int, default=1000000)
    args = ap.parse_args()
    data = ROOT / "bench" / "out" / f"warnings-{args.claims}"
    if not (data / "claims.parquet").exists():
        subprocess.run(
            [
                sys.executable,
                str(ROOT / "bench" / "gen.py"),
                "--persons",
                str(args.persons),
                "--claims",
                str(args.claims),
                "--out",
                str(data),
            ],
            check=True,
        )
    from reasoner.api import get_kb
    from reasoner.audit import Auditor
    from reasoner.audit_io import (
        CLAIM_COLUMNS,
        IDENTITY_COLUMNS,
        PERSON_COLUMNS,
        load_parameters,
        read_input,
    )
    from reasoner.engine import engine
    from reasoner.warnings import table_warnings

    kb = get_kb()
    parsed, _ = load_parameters(data / "params.yaml", kb)
    t0 = time.perf_counter()
    tables = [
        read_input(data / "persons.parquet", PERSON_COLUMNS, "persons"),
        read_input(data / "identities.parquet", IDENTITY_COLUMNS, "identities"),
        read_input(data / "claims.parquet", CLAIM_COLUMNS, "claims"),
    ]
    auditor = Auditor(kb, engine(), parsed)
    auditor.validate(tables, identity_required=False, eligibility=False)
    t1 = time.perf_counter()
    rows = table_warnings(kb, auditor.con, parsed)
    t2 = time.perf_counter()
    auditor.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"warnings: {args.claims} claims, {args.persons} persons → {rows.num_rows} rows; "
        f"read+validate {t1 - t0:.2f} s, warnings {t2 - t1:.2f} s; "
        f"{args.claims / (t2 - t0):,.0f} claims/s; peak RSS {rss:.0f} MiB"
    )


if __name__ == "__main__":
    main()
