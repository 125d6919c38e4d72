"""Audit files: the input columns, reading CSV/Parquet and params.yaml, writing outputs."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq
import yaml

from reasoner.case import _parameters
from reasoner.errors import InputError
from reasoner.knowledge import KB

PERSON_COLUMNS = (
    "person_id",
    "region",
    "birth_date",
    "disability_grade",
    "needs_maintenance_treatment",
    "scheme",
)
IDENTITY_COLUMNS = ("person_id", "category", "since", "until")
MONEY_COLUMNS = (
    "policy_scope_cost",
    "basic_insurance_paid",
    "critical_illness_paid",
    "supplementary_paid",
    "paid_assistance",
)
CLAIM_COLUMNS = (
    "claim_id",
    "person_id",
    "type",
    "date",
    "discharge",
    "disease",
    "hospital_level",
    "scope",
    "referral",
    *MONEY_COLUMNS,
)
REQUIRED = {
    "persons": ("person_id", "region"),
    "identities": ("person_id", "category"),
    "claims": (
        "claim_id",
        "person_id",
        "type",
        "date",
        "hospital_level",
        "scope",
        "policy_scope_cost",
    ),
}
OUTPUT_COLUMNS = (
    "claim_id",
    "person_id",
    "program",
    "status",
    "amount",
    "amount_min",
    "amount_max",
    "identity",
)
ERROR_COLUMNS = ("source", "row", "column", "reason")


# ---------------------------------------------------------------------------
# Reading inputs
# ---------------------------------------------------------------------------


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in (".parquet", ".pq")


def read_input(path: Path, columns: tuple[str, ...], source: str) -> pa.Table:
    """The wanted columns of a CSV or Parquet file as strings (absent → null), plus _row."""
    if not path.exists():
        raise InputError(f"--{source}", f"文件不存在：{path}")
    if _is_parquet(path):
        names = pq.read_schema(path).names
        present = [c for c in columns if c in names]
        table = pq.read_table(path, columns=present)
        n = table.num_rows
        cols = {}
        for c in columns:
            if c in names:
                cols[c] = table.column(c)
            else:
                cols[c] = pa.nulls(n, pa.string())
    else:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            header = next(csv.reader(fh), [])
        header = [h.strip() for h in header]
        present = [c for c in columns if c in header]
        table = pacsv.read_csv(
            path,
            read_options=pacsv.ReadOptions(column_names=header, skip_rows=1),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in header},
                include_columns=present,
                strings_can_be_null=False,
            ),
        )
        n = table.num_rows
        cols = {c: table.column(c) if c in present else pa.nulls(n, pa.string()) for c in columns}
    missing = [c for c in REQUIRED[source] if c not in present]
    if missing:
        raise InputError(f"--{source}", f"{path.name} 缺少必需的列：{', '.join(missing)}")
    cols["_row"] = pa.array(range(1, n + 1), pa.int64())
    return pa.table(cols)


def load_parameters(path: Path | None, kb: KB) -> tuple[dict[str, dict[Any, Any]], dict[str, Any]]:
    """params.yaml: region → {parameter: value} or {year: {parameter: value}}.

    Returns the parsed parameters per region id (as a case's `parameters`) and the raw
    mapping per region id (for exported case files).
    """
    if path is None:
        return {}, {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        raise InputError("--parameters", f"文件不存在：{path}") from None
    except yaml.YAMLError as e:
        raise InputError("--parameters", f"无法解析：{str(e).splitlines()[0]}") from None
    if not isinstance(data, dict):
        raise InputError("--parameters", "应为映射：地区 → {参数: 数值}")
    parsed: dict[str, dict[Any, Any]] = {}
    raw: dict[str, Any] = {}
    for key, value in data.items():
        region = kb.region_lookup.get(str(key).strip())
        if region is None:
            raise InputError(f"parameters.{key}", f"未知地区 {str(key)[:40]!r}")
        if not isinstance(value, dict):
            raise InputError(f"parameters.{key}", "应为映射：{参数: 数值}")
        try:
            parsed[region] = _parameters(value, kb)
        except InputError as e:
            raise InputError(
                f"parameters.{key}.{e.field.removeprefix('parameters.')}", e.reason
            ) from None
        raw[region] = value
    return parsed, raw


# ---------------------------------------------------------------------------
# Writing outputs
# ---------------------------------------------------------------------------


OUTPUT_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}


def output_format(path: Path, option: str) -> str:
    """The format an output path asks for by its extension; anything else is refused."""
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None:
        known = "、".join(OUTPUT_FORMATS)
        raise InputError(
            option, f"不支持的输出格式 {path.suffix or '（无扩展名）'!r}：应为 {known}"
        )
    return fmt


def write_table(table: pa.Table, path: Path) -> None:
    """CSV or Parquet by extension."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if output_format(path, "--out") == "parquet":
        pq.write_table(table, path)
    else:
        pacsv.write_csv(table, path)


def sidecar(out: Path, name: str) -> Path:
    """results.csv → results.<name>.csv (same folder, same format)."""
    return out.with_name(f"{out.stem}.{name}{out.suffix}")


def money_text(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"
