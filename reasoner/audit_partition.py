"""Person partitions: an audit larger than memory, one slice of persons at a time.

Every input row gets its file row number first, then goes (streamed, in batches) to the
bucket ``hash(person_id) % N`` of its person, so a person's rows, identities and claims
are all in one partition and the unchanged :class:`reasoner.audit.Auditor` gives each
person the rows a single pass gives. What validation finds across the whole file is found
here before the split: a repeated claim id (its rows may belong to different persons, so
to different partitions) is marked on the row with the single pass's own reason; repeated
person ids share a bucket and are found inside it. Each partition's results, rejected rows
and discrepancies go to Parquet files in the scratch folder with their sort keys; the
outputs are those files merged by DuckDB's ORDER BY (which spills within the memory limit)
in the single pass's order; counts are sums and the largest differences are taken again
over the union.
"""

from __future__ import annotations

import math
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq

from reasoner.audit_io import (
    CLAIM_COLUMNS,
    IDENTITY_COLUMNS,
    PERSON_COLUMNS,
    Restart,
    iter_input,
    load_parameters,
)
from reasoner.audit_results import AuditResult, AuditStats, Discrepancies
from reasoner.errors import InputError

SOURCES = ("persons", "identities", "claims")
_COLUMNS = {"persons": PERSON_COLUMNS, "identities": IDENTITY_COLUMNS, "claims": CLAIM_COLUMNS}
# Bytes of --memory-limit one claim of a partition takes, all stages counted: one pass over
# 1,000,000 claims peaks at 2.0–2.5 GiB (DuckDB given 2.5GB; bench/audit_bench.py); so
# 1,000,000 claims a partition at 2.5GB.
BYTES_PER_CLAIM = 2500
# The largest partition the default makes: the cost per claim is the same in larger ones
# (linear), only the memory grows (1,430,000 claims a partition peaked at 3.6 GiB of 4GB)
MAX_PARTITION_CLAIMS = 1_000_000
# A CSV claim row is about this many bytes (the generator's: 95–115)
CSV_ROW_BYTES = 100
_UNITS = {"b": 1, "kb": 10**3, "mb": 10**6, "gb": 10**9, "tb": 10**12}
_UNITS.update({"kib": 2**10, "mib": 2**20, "gib": 2**30, "tib": 2**40})
_KEY = "NULLIF(trim(CAST({c} AS VARCHAR)), '')"  # the validation SQL's reading of an id


def memory_bytes(limit: str) -> int:
    m = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([a-zA-Z]+)\s*", limit)
    if m is None or m.group(2).lower() not in _UNITS:
        raise InputError("--memory-limit", f"应为如 2.5GB、800MB 的内存大小，而不是 {limit[:40]!r}")
    return int(float(m.group(1)) * _UNITS[m.group(2).lower()])


def estimated_rows(path: Path) -> int:
    """An input's data rows, without reading it: Parquet's footer, else the file's size."""
    suffix = path.suffix.lower()
    try:
        if suffix in (".parquet", ".pq"):
            return int(pq.ParquetFile(path).metadata.num_rows)
        if suffix in (".xlsx", ".xlsm"):
            return 0  # a sheet: at most 1,048,575 rows, read whole anyway
        return path.stat().st_size // CSV_ROW_BYTES
    except (OSError, pa.ArrowException):
        return 0  # reading it names the problem


def auto_partitions(claims: Path, memory_limit: str) -> int:
    """One partition per BYTES_PER_CLAIM × claims the memory limit holds, at most
    MAX_PARTITION_CLAIMS (1 for small inputs)."""
    per = max(1, min(MAX_PARTITION_CLAIMS, memory_bytes(memory_limit) // BYTES_PER_CLAIM))
    return max(1, math.ceil(estimated_rows(claims) / per))


def duckdb_limit(memory_limit: str, partitioned: bool) -> str:
    """DuckDB's share of the limit: all of it in one pass (as before); in partitions 60 %,
    since the Arrow tables and the Python ledger beside it count against the same limit."""
    if not partitioned:
        return memory_limit
    return f"{max(1, int(memory_bytes(memory_limit) * 0.6) // 2**20)}MiB"


# ---------------------------------------------------------------------------
# Splitting
# ---------------------------------------------------------------------------


@dataclass
class Split:
    folder: Path
    n: int
    rows: dict[str, int] = field(default_factory=dict)

    def file(self, source: str, k: int) -> str:
        return str(self.folder / f"{source}-{k:04d}.parquet")

    def files(self, source: str) -> list[str]:
        return [self.file(source, k) for k in range(self.n)]


def _split_source(
    con: duckdb.DuckDBPyConnection, split: Split, source: str, batches: Iterator[pa.Table]
) -> int:
    writers: list[pq.ParquetWriter] = []
    rows = 0
    try:
        for t in batches:
            if not writers:
                writers = [
                    pq.ParquetWriter(split.file(source, k), t.schema) for k in range(split.n)
                ]
            con.register("batch", t)
            bucket = con.sql(
                f"SELECT CAST(hash({_KEY.format(c='person_id')}) % ? AS INTEGER) AS b FROM batch",
                params=[split.n],
            ).to_arrow_table()
            con.unregister("batch")
            t = t.append_column("_b", bucket.column(0))
            for part in t.group_by("_b").aggregate([]).column(0).to_pylist():
                sel = t.filter(pa.compute.equal(t.column("_b"), part)).drop_columns(["_b"])
                writers[part].write_table(sel)
            rows += t.num_rows
    finally:
        for w in writers:
            w.close()
    return rows


def split_inputs(
    con: duckdb.DuckDBPyConnection,
    paths: dict[str, Path],
    n: int,
    folder: Path,
    kb: Any,
    encoding: str | None,
    sheet: str | None,
) -> Split:
    """Each input in N person buckets (Parquet), and the claim ids repeated in the file."""
    split = Split(folder, n)
    for source in SOURCES:
        kw: dict[str, Any] = {"kb": kb, "encoding": encoding, "sheet": sheet}
        path, cols = paths[source], _COLUMNS[source]
        try:
            split.rows[source] = _split_source(
                con, split, source, iter_input(path, cols, source, **kw)
            )
        except Restart:  # a CSV damaged further down, or a Parquet footer its values belie:
            # read as read_input reads it
            from reasoner.audit_io import read_input

            split.rows[source] = _split_source(
                con, split, source, iter([read_input(path, cols, source, **kw)])
            )
    con.execute(
        f"""CREATE OR REPLACE TABLE dup_claims AS
        SELECT k, min(_row) AS first_row FROM (
          SELECT {_KEY.format(c="claim_id")} AS k, _row FROM read_parquet(?))
        WHERE k IS NOT NULL GROUP BY k HAVING count(*) > 1""",
        [split.files("claims")],
    )
    return split


def partition_tables(con: duckdb.DuckDBPyConnection, split: Split, k: int) -> list[pa.Table]:
    """[persons, identities, claims] of partition k in file order, repeated claim ids marked
    with the reason the single pass's validation gives (audit_validation.CLAIMS_SQL)."""
    out = [
        con.sql(
            "SELECT * FROM read_parquet(?) ORDER BY _row", params=[split.file(source, k)]
        ).to_arrow_table()
        for source in ("persons", "identities")
    ]
    claims = con.sql(
        f"""SELECT c.* REPLACE (CASE WHEN c._bad IS NULL AND c._row > d.first_row
              THEN 'claim_id|理赔编号重复（首次出现于第 ' || d.first_row || ' 行）'
              ELSE c._bad END AS _bad)
        FROM read_parquet(?) c LEFT JOIN dup_claims d ON d.k = {_KEY.format(c="c.claim_id")}
        ORDER BY c._row""",
        params=[split.file("claims", k)],
    ).to_arrow_table()
    return [*out, claims]


# ---------------------------------------------------------------------------
# One partition's outputs, with their sort keys
# ---------------------------------------------------------------------------

_RESULTS_KEYED = """SELECT r.part, r.s1, r.s2, p.region FROM results r
LEFT JOIN persons p ON p.person_id = r.person_id ORDER BY r.part, r.s1, r.s2"""
_ERRORS_KEYED = """SELECT o, "row" FROM (
  SELECT 0 AS o, _row AS "row" FROM p_err WHERE err IS NOT NULL
  UNION ALL SELECT 1, _row FROM i_err WHERE err IS NOT NULL
  UNION ALL SELECT 2, _row FROM c_err WHERE err IS NOT NULL
  UNION ALL SELECT 2, c.crow FROM claims c JOIN missing m USING (person_id)
) ORDER BY o, "row" """
_DISC_KEYED = """SELECT crow FROM disc WHERE diff <> 0 OR not_exact IS NOT NULL
ORDER BY CASE WHEN not_exact IS NOT NULL THEN 2 WHEN diff > 0 THEN 0 ELSE 1 END,
  abs(diff) DESC, crow"""


def _keyed(table: pa.Table, keys: pa.Table, k: int) -> pa.Table:
    """The table with its sort keys (a partition's own order, the last tie-break) beside it."""
    for name in keys.column_names:
        table = table.append_column("_k_" + name, keys.column(name))
    table = table.append_column("_k_pn", pa.array([k] * table.num_rows, pa.int32()))
    return table.append_column("_k_seq", pa.array(range(table.num_rows), pa.int64()))


def save_partition(auditor: Any, result: AuditResult, split: Split, k: int) -> None:
    """A partition's result, error and discrepancy rows to the scratch folder, keyed."""
    con = auditor.con
    # assemble() and errors() order by these keys; the same ORDER BY gives them row for row
    keys = con.sql(_RESULTS_KEYED).to_arrow_table()
    pq.write_table(_keyed(result.results, keys, k), split.folder / f"out-results-{k:04d}.parquet")
    keys = con.sql(_ERRORS_KEYED).to_arrow_table()
    pq.write_table(_keyed(result.errors, keys, k), split.folder / f"out-errors-{k:04d}.parquet")
    if result.discrepancy_rows is not None:
        keys = con.sql(_DISC_KEYED).to_arrow_table()
        pq.write_table(
            _keyed(result.discrepancy_rows, keys, k), split.folder / f"out-disc-{k:04d}.parquet"
        )


# ---------------------------------------------------------------------------
# Merging
# ---------------------------------------------------------------------------


@dataclass
class Merged:
    """A partitioned run's figures (AuditResult's, without the tables), and its files."""

    stats: AuditStats
    discrepancies: Discrepancies | None
    missing_parameters: list[dict[str, Any]]
    error_rows: int
    folder: Path
    con: duckdb.DuckDBPyConnection
    # the largest differences of each kind, for the printed lists (at most `top` each)
    discrepancy_top: pa.Table | None = None
    # the --explain / --export-case person's case, from the partition that held the claim
    cases: dict[str, Any] = field(default_factory=dict)

    def missing_errors(self) -> list[Any]:
        return AuditResult.missing_errors(self)  # type: ignore[arg-type]

    def _files(self, what: str) -> list[str]:
        return sorted(str(p) for p in self.folder.glob(f"out-{what}-*.parquet"))

    @property
    def discrepancy_rows(self) -> pa.Table | None:
        return self.discrepancy_top

    def rows(self, what: str) -> int:
        return sum(pq.ParquetFile(f).metadata.num_rows for f in self._files(what))

    def ordered(
        self, what: str, columns: list[str], batch_rows: int = 1 << 17
    ) -> pa.RecordBatchReader:
        """The merged rows of results / errors / disc, in the single pass's order.

        `columns` are our own column names (or `name AS alias`), never case data."""
        sql = f"SELECT {', '.join(columns)} FROM read_parquet(?) ORDER BY {_ORDER[what]}"
        return self.con.sql(sql, params=[self._files(what)]).to_arrow_reader(batch_rows)

    def close(self) -> None:
        from reasoner.audit import _remove_scratch

        self.con.close()
        _remove_scratch(str(self.folder))


# each file's ORDER BY in the single pass (audit_results), ties broken as inside a partition
_ORDER = {
    "results": "_k_part, _k_s1, _k_s2",
    "errors": "_k_o, _k_row, _k_pn, _k_seq",
    "disc": "CASE kind WHEN 'over' THEN 0 WHEN 'under' THEN 1 ELSE 2 END, "
    "abs(difference) DESC, _k_crow",
}


def merge_stats(parts: list[AuditStats]) -> AuditStats:
    out = AuditStats()
    for s in parts:
        for name in (
            "persons_in",
            "persons_rejected",
            "identities_in",
            "identities_rejected",
            "claims_in",
            "claims_evaluated",
            "claims_rejected",
            "person_years_sql",
            "person_years_python",
            "output_rows",
        ):
            setattr(out, name, getattr(out, name) + getattr(s, name))
        for stage, sec in s.seconds.items():
            out.seconds[stage] = out.seconds.get(stage, 0.0) + sec
    return out


def merge_missing(parts: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
    """One row per parameter × region × year: persons summed (a person is in one partition)."""
    by: dict[tuple[Any, ...], dict[str, Any]] = {}
    for rows in parts:
        for m in rows:
            key = (m["region"], m["year"], m["param"])
            if key in by:
                by[key]["persons"] += m["persons"]
                by[key]["blocks_claims"] = by[key]["blocks_claims"] or m["blocks_claims"]
            else:
                by[key] = dict(m)
    return [by[k] for k in sorted(by)]


_TOTALS = (
    "claims_compared",
    "over",
    "under",
    "matched",
    "not_exact",
    "paid_total",
    "expected_total",
    "not_exact_paid_total",
    "over_total",
    "under_total",
)


def merge_discrepancies(
    con: duckdb.DuckDBPyConnection, parts: list[Discrepancies | None], files: list[str]
) -> Discrepancies | None:
    """Totals summed; the ten largest of each kind taken again over every partition's rows."""
    given = [d for d in parts if d is not None]
    if not given:
        return None
    out = Discrepancies()
    for d in given:
        for name in _TOTALS:
            setattr(out, name, getattr(out, name) + getattr(d, name))
    for target, kind, order in (
        (out.largest_over, "over", "difference DESC"),
        (out.largest_under, "under", "difference ASC"),
    ):
        for cid, pid, paid, exp, diff in con.execute(
            "SELECT claim_id, person_id, paid_assistance, expected, difference "
            f"FROM read_parquet(?) WHERE kind = ? ORDER BY {order}, _k_crow LIMIT 10",
            [files, kind],
        ).fetchall():
            target.append(
                {
                    "claim_id": cid,
                    "person_id": pid,
                    "paid_assistance": int(paid * 100),
                    "expected": int(exp * 100),
                    "difference": int(diff * 100),
                }
            )
    return out


# ---------------------------------------------------------------------------
# The run
# ---------------------------------------------------------------------------


def audit_partitioned(
    kb: Any,
    eng: Any,
    paths: dict[str, Path],
    parameters: Path | None,
    n: int,
    *,
    folder: Path,
    reporter: Any,
    threads: int | None,
    memory_limit: str,
    encoding: str | None = None,
    sheet: str | None = None,
    on_partition: Callable[[Any, dict[str, Any]], None] | None = None,
    top: int = 10,
) -> Merged:
    """Audit the inputs in N person partitions; `on_partition(auditor, raw parameters)` sees
    each partition's auditor before it closes (--explain, --export-case)."""
    from reasoner.audit import Auditor, Quiet

    parsed, raw = load_parameters(parameters, kb)
    rep = reporter or Quiet()
    con = duckdb.connect(
        ":memory:",
        config={
            "temp_directory": str(folder / "spill"),
            "memory_limit": duckdb_limit(memory_limit, True),
            "preserve_insertion_order": True,
            **({"threads": threads} if threads else {}),
        },
    )
    rep.stage("read")
    t = time.perf_counter()
    split = split_inputs(con, paths, n, folder, kb, encoding, sheet)
    split_s = time.perf_counter() - t
    stats: list[AuditStats] = []
    discs: list[Discrepancies | None] = []
    missing: list[list[dict[str, Any]]] = []
    errors = 0
    for k in range(n):
        tables = partition_tables(con, split, k)
        auditor = Auditor(kb, eng, parsed, rep, threads, duckdb_limit(memory_limit, True))
        auditor.sources = {s: paths[s].name for s in SOURCES}
        try:
            result = auditor.run_owned(tables)
            save_partition(auditor, result, split, k)
            if on_partition is not None:
                on_partition(auditor, raw)
        finally:
            auditor.close()
        stats.append(result.stats)
        discs.append(result.discrepancies)
        missing.append(result.missing_parameters)
        errors += result.errors.num_rows
        del result, tables
    st = merge_stats(stats)
    st.seconds = {"read": split_s, **st.seconds}
    merged = Merged(st, None, merge_missing(missing), errors, folder, con)
    disc_files = merged._files("disc")
    merged.discrepancies = merge_discrepancies(con, discs, disc_files)
    if disc_files and top > 0:
        merged.discrepancy_top = con.sql(
            """SELECT * EXCLUDE (k) FROM (
              SELECT claim_id, person_id, kind, paid_assistance, expected, difference,
                row_number() OVER (PARTITION BY kind ORDER BY abs(difference) DESC, claim_id) AS k
              FROM read_parquet(?) WHERE kind IN ('over', 'under')) WHERE k <= ?""",
            params=[disc_files, top],
        ).to_arrow_table()
    return merged
