"""Synthetic audit inputs: persons, identities, claims and per-region parameters.

    .venv/bin/python bench/gen.py --persons 200000 --claims 1000000 --out bench/out/data

writes persons/identities/claims as Parquet (or CSV with --format csv) and params.yaml.
The mix is meant to look like a real year: mostly one identity, some two or three (就高),
identities gained or lost during the year, outpatient visits and stays, referrals, special
diseases from the 重庆 catalogue, costs large enough to reach deductibles and caps, and a
``paid_assistance`` column with a few deliberate over- and under-payments.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from reasoner.audit import CLAIM_COLUMNS, IDENTITY_COLUMNS  # noqa: E402  (after the path fix)

REGIONS = ("shapingba", "yubei", "panzhihua", "jiangsu", "cangzhou")
YEARS = (2025, 2026)
SCHEMES = [("resident_tier1", 50), ("resident_tier2", 30), ("employee", 15), (None, 5)]
SCOPES = [("in_district", 45), ("in_city", 25), ("in_province", 18), ("out_of_province", 12)]
REFERRALS = [("primary_care", 45), ("referred", 35), ("none", 20)]
TYPES = [("outpatient", 55), ("chronic_outpatient", 15), ("inpatient", 30)]
IDENTITY_COUNTS = [(1, 82), (2, 15), (3, 3)]
SPECIAL = [
    "肺癌",
    "C34.1",
    "胃癌",
    "C16",
    "乳腺癌",
    "D61",
    "N18",
    "严重多器官衰竭（心、肝、肺、脑、肾）",
]
ORDINARY = ["肺炎", "J18", "骨折", "S72", "高血压", "I10", "糖尿病", "E11", None, None, None]


def region_categories() -> dict[str, list[str]]:
    """Each region's categories as its document lists them (from the knowledge base)."""
    from reasoner.api import get_kb

    kb = get_kb()
    out: dict[str, list[str]] = {r: [] for r in REGIONS}
    for (region, cat), _n in sorted(kb.category_order.items(), key=lambda kv: kv[1]):
        out[region].append(cat)
    for _r, sub, _sup, _c in kb.subkinds:
        if sub not in out[_r]:
            out[_r].append(sub)
    return out


def parameters() -> dict[str, Any]:
    """Illustrative figures (元) for every region and year."""
    out: dict[str, Any] = {}
    for i, region in enumerate(REGIONS):
        out[region] = {
            year: {
                "per_capita_disposable_income": 42000 + 3000 * i + 1500 * (year - 2025),
                "monitoring_income_standard": 7200 + 100 * i + 200 * (year - 2025),
                "resident_tier1_contribution": 380 + 20 * (year - 2025),
                "resident_tier2_contribution": 600 + 30 * (year - 2025),
                "province_rural_per_capita_disposable_income": 20000 + 800 * i,
            }
            for year in YEARS
        }
    return out


def _pick(rng: random.Random, weighted: list[tuple[Any, int]]) -> Any:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights)[0]


def _money(fen: int) -> str:
    return f"{fen // 100}.{fen % 100:02d}"


def _day(rng: random.Random, year: int) -> dt.date:
    return dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(365))


PERSON_FIELDS = (
    "person_id",
    "region",
    "birth_date",
    "disability_grade",
    "needs_maintenance_treatment",
    "scheme",
)


def _empty() -> dict[str, dict[str, list[Any]]]:
    return {
        "persons": {k: [] for k in PERSON_FIELDS},
        "identities": {k: [] for k in IDENTITY_COLUMNS},
        "claims": {k: [] for k in CLAIM_COLUMNS},
    }


def generate(
    n_persons: int, n_claims: int, seed: int = 7, cats: dict[str, list[str]] | None = None
) -> dict[str, dict[str, list[Any]]]:
    """Columns of persons, identities and claims (strings, empty = absent)."""
    out = _empty()
    for chunk in generate_chunks(n_persons, n_claims, seed, cats):
        for name, cols in chunk.items():
            for k, v in cols.items():
                out[name][k].extend(v)
    return out


def generate_chunks(
    n_persons: int,
    n_claims: int,
    seed: int = 7,
    cats: dict[str, list[str]] | None = None,
    chunk: int = 100_000,
) -> Iterator[dict[str, dict[str, list[Any]]]]:
    """:func:`generate`'s rows, `chunk` persons at a time (the same random sequence)."""
    rng = random.Random(seed)
    cats = cats or region_categories()
    data = _empty()
    persons, idents, claims = data["persons"], data["identities"], data["claims"]
    # claims per person: a skewed count averaging n_claims / n_persons
    mean = n_claims / max(1, n_persons)
    counts = [max(0, int(rng.expovariate(1 / mean) + 0.5)) for _ in range(n_persons)]
    diff = n_claims - sum(counts)
    i = 0
    while diff != 0:
        j = i % n_persons
        if diff > 0:
            counts[j] += 1
            diff -= 1
        elif counts[j] > 0:
            counts[j] -= 1
            diff += 1
        i += 1
    cid = 0
    for p in range(n_persons):
        if p and p % chunk == 0:
            yield data
            data = _empty()
            persons, idents, claims = data["persons"], data["identities"], data["claims"]
        pid = f"P{p:07d}"
        region = REGIONS[p % len(REGIONS)] if p < 50 else rng.choice(REGIONS)
        age = rng.choice([rng.randrange(0, 18), rng.randrange(18, 60), rng.randrange(60, 95)])
        birth = dt.date(2025 - age, 1, 1) + dt.timedelta(days=rng.randrange(365))
        persons["person_id"].append(pid)
        persons["region"].append(region)
        persons["birth_date"].append("" if rng.random() < 0.05 else birth.isoformat())
        persons["disability_grade"].append(str(rng.randint(1, 4)) if rng.random() < 0.12 else "")
        persons["needs_maintenance_treatment"].append("true" if rng.random() < 0.1 else "")
        persons["scheme"].append(_pick(rng, SCHEMES) or "")
        n_ids = _pick(rng, IDENTITY_COUNTS)
        # the first categories of each list are the common ones (低保, 特困, 边缘…)
        pool = cats[region]
        chosen = set()
        for _ in range(n_ids):
            cat = pool[min(len(pool) - 1, int(rng.expovariate(0.35)))]
            if cat in chosen:
                continue
            chosen.add(cat)
            idents["person_id"].append(pid)
            idents["category"].append(cat)
            r = rng.random()
            if r < 0.7:
                since = dt.date(rng.randint(2018, 2024), rng.randint(1, 12), rng.randint(1, 28))
            elif r < 0.9:
                since = _day(rng, 2025)
            else:
                since = None
            idents["since"].append(since.isoformat() if since else "")
            if rng.random() < 0.12:
                until = _day(rng, rng.choice(YEARS))
                if since and until < since:
                    until = since + dt.timedelta(days=rng.randrange(200))
                idents["until"].append(until.isoformat())
            else:
                idents["until"].append("")
        for _ in range(counts[p]):
            cid += 1
            ctype = _pick(rng, TYPES)
            year = YEARS[0] if rng.random() < 0.8 else YEARS[1]
            date = _day(rng, year)
            if ctype == "inpatient":
                discharge = min(date + dt.timedelta(days=rng.randint(1, 30)), dt.date(year, 12, 31))
                cost = int(10 ** rng.uniform(5.3, 7.4))  # 2,000–250,000 元 in fen
            elif ctype == "chronic_outpatient":
                discharge = None
                cost = int(10 ** rng.uniform(4.5, 6.3))
            else:
                discharge = None
                cost = int(10 ** rng.uniform(3.7, 5.6))
            basic = cost * rng.randint(35, 75) // 100
            ci = (
                cost * rng.randint(0, 20) // 100
                if ctype != "outpatient" and rng.random() < 0.4
                else 0
            )
            supp = (cost - basic - ci) * rng.randint(0, 30) // 100 if rng.random() < 0.15 else 0
            self_pay = cost - basic - ci - supp
            if rng.random() < 0.7:
                paid = self_pay * rng.choice([0, 50, 60, 70, 80, 100]) // 100
                paid_s = _money(paid)
            else:
                paid_s = ""
            claims["claim_id"].append(f"C{cid:08d}")
            claims["person_id"].append(pid)
            claims["type"].append(ctype)
            claims["date"].append(date.isoformat())
            claims["discharge"].append(discharge.isoformat() if discharge else "")
            claims["disease"].append(
                (rng.choice(SPECIAL) if rng.random() < 0.25 else rng.choice(ORDINARY)) or ""
            )
            claims["hospital_level"].append(str(_pick(rng, [(1, 35), (2, 40), (3, 25)])))
            claims["scope"].append(_pick(rng, SCOPES))
            claims["referral"].append(_pick(rng, REFERRALS))
            claims["policy_scope_cost"].append(_money(cost))
            claims["basic_insurance_paid"].append(_money(basic))
            claims["critical_illness_paid"].append(_money(ci))
            claims["supplementary_paid"].append(_money(supp) if supp else "")
            claims["paid_assistance"].append(paid_s)
    yield data


def to_arrow(cols: dict[str, list[Any]]) -> pa.Table:
    return pa.table({k: pa.array(v, pa.string()) for k, v in cols.items()})


def typed_claims(t: pa.Table) -> pa.Table:
    """Claims with Parquet-native types: dates, integer levels, decimal(12,2) money."""
    out = {}
    for name in t.column_names:
        col = t.column(name)
        if name in ("date", "discharge"):
            col = pc.cast(pc.if_else(pc.equal(col, ""), None, col), pa.date32())
        elif name == "hospital_level":
            col = pc.cast(col, pa.int8())
        elif name in (
            "policy_scope_cost",
            "basic_insurance_paid",
            "critical_illness_paid",
            "supplementary_paid",
            "paid_assistance",
        ):
            col = pc.cast(pc.if_else(pc.equal(col, ""), None, col), pa.decimal128(12, 2))
        out[name] = col
    return pa.table(out)


def write(
    data: dict[str, dict[str, list[Any]]], out: Path, fmt: str = "parquet", typed: bool = True
) -> dict[str, Path]:
    """Write the three tables (Parquet claims typed unless typed=False) and params.yaml."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, cols in data.items():
        table = to_arrow(cols)
        p = out / f"{name}.{fmt}"
        if fmt == "parquet":
            if name == "claims" and typed:
                table = typed_claims(table)
            pq.write_table(table, p)
        else:
            pacsv.write_csv(table, p)
        paths[name] = p
    params = out / "params.yaml"
    params.write_text(
        yaml.safe_dump(parameters(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    paths["params"] = params
    return paths


def write_chunked(
    n_persons: int, n_claims: int, out: Path, fmt: str = "parquet", seed: int = 7
) -> dict[str, Path]:
    """:func:`write` of :func:`generate`'s data, 100,000 persons at a time (any size)."""
    out.mkdir(parents=True, exist_ok=True)
    paths = {name: out / f"{name}.{fmt}" for name in ("persons", "identities", "claims")}
    writers: dict[str, Any] = {}
    try:
        for chunk in generate_chunks(n_persons, n_claims, seed):
            for name, cols in chunk.items():
                table = to_arrow(cols)
                if fmt == "parquet" and name == "claims":
                    table = typed_claims(table)
                if name not in writers:
                    writers[name] = (
                        pq.ParquetWriter(paths[name], table.schema)
                        if fmt == "parquet"
                        else pacsv.CSVWriter(paths[name], table.schema)
                    )
                writers[name].write_table(table)
    finally:
        for w in writers.values():
            w.close()
    params = out / "params.yaml"
    params.write_text(
        yaml.safe_dump(parameters(), allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return {**paths, "params": params}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--persons", type=int, default=200_000)
    ap.add_argument("--claims", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--format", choices=("parquet", "csv"), default="parquet")
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "data")
    a = ap.parse_args()
    paths = write_chunked(a.persons, a.claims, a.out, a.format, a.seed)
    for k, p in paths.items():
        print(f"{k}: {p}")


if __name__ == "__main__":
    main()
