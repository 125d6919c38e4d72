"""The audit's results: result rows, rejected rows, missing parameters and discrepancies."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.compute as pc

from reasoner.audit_io import OUTPUT_COLUMNS
from reasoner.errors import MissingParameter
from reasoner.evaluate import Result
from reasoner.knowledge import KB


@dataclass
class AuditStats:
    persons_in: int = 0
    persons_rejected: int = 0
    identities_in: int = 0
    identities_rejected: int = 0
    claims_in: int = 0
    claims_evaluated: int = 0
    claims_rejected: int = 0
    person_years_sql: int = 0
    person_years_python: int = 0
    output_rows: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


@dataclass
class Discrepancies:
    """paid_assistance against medaid's figure, for claims whose figure is exact.

    A claim with a bounded or unresolved assistance program has no exact figure to differ
    from: it is counted in ``not_exact`` and listed with kind ``not_exact``, never as 多付.
    Differences are signed (paid − expected); over- and under-payments are kept apart.
    """

    claims_compared: int = 0
    over: int = 0
    under: int = 0
    matched: int = 0
    not_exact: int = 0
    paid_total: int = 0
    expected_total: int = 0
    not_exact_paid_total: int = 0
    over_total: int = 0
    under_total: int = 0
    largest_over: list[dict[str, Any]] = field(default_factory=list)
    largest_under: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class AuditResult:
    results: pa.Table
    errors: pa.Table
    stats: AuditStats
    discrepancies: Discrepancies | None
    discrepancy_rows: pa.Table | None
    # one row per missing parameter × region × year: param (the case field), name, region,
    # year, persons affected, and whether it stopped claims (else only premium rows)
    missing_parameters: list[dict[str, Any]] = field(default_factory=list)

    def missing_errors(self) -> list[MissingParameter]:
        """Each missing parameter as the error `--strict` reports."""
        return [
            MissingParameter(m["name"], m["label"], m["region"], m["year"])
            for m in self.missing_parameters
        ]


# Unordered: sorting in DuckDB carries every string with the keys; the order is made below
# from one integer key, and the rows are put in it by one take.
_RESULT_ROWS = """
SELECT c.claim_ref, o.crow, c.person_id, 0 AS part, o.crow AS s1, o.prog_ix AS s2, o.program,
  o.status, CASE WHEN o.status = 'paid' THEN o.a_min END AS amount,
  CASE WHEN o.status = 'bounded' THEN o.a_min END AS amount_min,
  CASE WHEN o.status = 'bounded' THEN o.a_max END AS amount_max, o.identity
FROM out_sql o JOIN claims c ON c.crow = o.crow
UNION ALL
SELECT c.claim_ref, o.crow, o.person_id, 0, o.crow, o.prog_ix, o.program, o.status, o.amount,
  o.amount_min, o.amount_max, o.identity
FROM out_py o JOIN claims c ON c.crow = o.crow
UNION ALL
SELECT NULL, NULL, person_id, 1, prow, year, program, status,
  CASE WHEN status = 'paid' THEN a_min END,
  CASE WHEN status = 'bounded' THEN a_min END,
  CASE WHEN status = 'bounded' THEN a_max END, identity
FROM prem WHERE person_id NOT IN (SELECT person_id FROM missing)
"""
# the relation `results` later statements read (discrepancies, a partition's sort keys)
_RESULTS_COLUMNS = ["crow", "person_id", "part", "s1", "s2", *OUTPUT_COLUMNS[2:]]


def assemble(con: duckdb.DuckDBPyConnection) -> pa.Table:
    """The result rows: SQL and Python ledger rows and the premium rows, in input order
    (part, s1, s2: claim rows by claim row and program, then premiums by person and year)."""
    t = con.sql(_RESULT_ROWS).to_arrow_table()
    i64 = pa.int64()
    # (part, s1, s2) as one integer: s2 is a program's ix or a year (< 2**12), s1 a row
    key = pc.add(
        pc.add(
            pc.shift_left(pc.cast(t.column("part"), i64), 62),
            pc.shift_left(pc.cast(t.column("s1"), i64), 12),
        ),
        pc.cast(t.column("s2"), i64),
    )
    order = pc.sort_indices(key)
    amounts = ("amount", "amount_min", "amount_max")
    # Arrow's take and cast each run on one thread; the columns are independent, so two
    # threads share them
    with ThreadPoolExecutor(2) as pool:
        taken = pool.map(pc.take, t.columns, [order] * t.num_columns)
        cols = dict(zip(t.column_names, map(_one, taken), strict=True))
        yuans = dict(zip(amounts, pool.map(lambda c: _yuan(cols[c]), amounts), strict=True))
    rows = t.num_rows
    del t  # the unsorted copy
    con.register("results", pa.table([cols[c] for c in _RESULTS_COLUMNS], names=_RESULTS_COLUMNS))
    # claim rows first; a premium row is named by its year
    n = rows - pc.sum(cols["part"]).as_py() if rows else 0
    prem = pc.binary_join_element_wise("premium:", pc.cast(cols["s2"].slice(n), pa.string()), "")
    claim_id = pa.chunked_array([cols["claim_ref"].slice(0, n), prem], pa.string())
    cols.update(yuans)
    return pa.table([claim_id, *(cols[c] for c in OUTPUT_COLUMNS[1:])], names=list(OUTPUT_COLUMNS))


_YUAN = pa.decimal128(18, 2)


def yuan(table: pa.Table, columns: tuple[str, ...]) -> pa.Table:
    """Integer fen columns as DECIMAL(18,2) yuan, exactly: the fen are the decimal's digits.

    Converted here rather than in SQL: formatting every amount as text costs more than
    the query that computes it, and the conversion is then the same on every engine."""
    for name in columns:
        k = table.schema.get_field_index(name)
        table = table.set_column(k, pa.field(name, _YUAN), _yuan(table.column(k)))
    return table


def _one(col: pa.Array | pa.ChunkedArray) -> pa.Array:
    """A column as one array (take and cast return a chunked one for a chunked input)."""
    return col.combine_chunks() if isinstance(col, pa.ChunkedArray) else col


def _yuan(fen: pa.Array | pa.ChunkedArray) -> pa.Array:
    """One integer fen column as DECIMAL(18,2) yuan."""
    # sums may come back as 128-bit integers: to 64 bits first (each value checked); amounts
    # are bounded far below 10**18 fen by validation (at most 10亿元 a claim)
    wide = pc.cast(pc.cast(_one(fen), pa.int64()), pa.decimal128(19, 0))
    # the same unscaled integers read with two decimal places: n fen = n/100 yuan
    return pa.Array.from_buffers(_YUAN, len(wide), wide.buffers(), wide.null_count, wide.offset)


def errors(con: duckdb.DuckDBPyConnection, sources: dict[str, str]) -> pa.Table:
    """Every rejected row: its source file, row, column and reason."""
    sql = """
    SELECT source, "row", "column", reason FROM (
      SELECT 'persons' AS source, _row AS "row", split_part(err, '|', 1) AS "column",
        substr(err, strpos(err, '|') + 1) AS reason, 0 AS o FROM p_err WHERE err IS NOT NULL
      UNION ALL
      SELECT 'identities', _row, split_part(err, '|', 1), substr(err, strpos(err, '|') + 1), 1
      FROM i_err WHERE err IS NOT NULL
      UNION ALL
      SELECT 'claims', _row, split_part(err, '|', 1), substr(err, strpos(err, '|') + 1), 2
      FROM c_err WHERE err IS NOT NULL
      UNION ALL
      SELECT 'claims', c.crow, m.param, m.reason, 2
      FROM claims c JOIN missing m USING (person_id)
    ) ORDER BY o, "row"
    """
    t = con.sql(sql).to_arrow_table()
    names = pa.array([sources[s] for s in t.column("source").to_pylist()], pa.string())
    return t.set_column(0, "source", names)


def missing_parameters(con: duckdb.DuckDBPyConnection, kb: KB) -> list[dict[str, Any]]:
    """One row per missing parameter × region × year, with its Chinese name."""
    out = []
    for param, region, year, persons, blocks in con.execute(
        "SELECT param, region, year, persons, blocks_claims FROM missing_params "
        "ORDER BY region, year, param"
    ).fetchall():
        name = str(param).removeprefix("parameters.")
        out.append(
            {
                "param": param,
                "name": name,
                "label": kb.externals.get(name, (name, ""))[0],
                "region": region,
                "year": int(year),
                "persons": int(persons),
                "blocks_claims": bool(blocks),
            }
        )
    return out


def count(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    """The single integer a count query returns."""
    # fetchall, not fetchone: a half-read result blocks register() on this connection
    rows = con.execute(sql).fetchall()
    return int(rows[0][0]) if rows else 0


_DISC_SQL = """
CREATE OR REPLACE TEMP TABLE disc AS
WITH a AS (
  SELECT r.crow, r.s2, r.program, r.status, r.amount
  FROM results r JOIN programs pg ON pg.ix = r.s2  -- a claim row's s2 is its program's ix
  WHERE r.part = 0 AND pg.kind = 'assistance'
), e AS (
  SELECT crow, sum(amount) AS expected FROM a WHERE status = 'paid' GROUP BY crow
), n AS (
  -- apart from the sums: an ordered string_agg over every claim costs more than the rest
  SELECT crow, string_agg(program || ':' || status, ';' ORDER BY s2) AS not_exact
  FROM a WHERE status IN ('bounded', 'unresolved') GROUP BY crow
)
SELECT c.claim_ref AS claim_id, c.person_id, c.crow, c.paid_asst,
  coalesce(e.expected, 0) AS expected, n.not_exact,
  CASE WHEN n.not_exact IS NULL THEN c.paid_asst - coalesce(e.expected, 0) END AS diff
FROM claims c LEFT JOIN e USING (crow) LEFT JOIN n USING (crow)
WHERE c.paid_asst IS NOT NULL AND c.person_id NOT IN (SELECT person_id FROM missing)
"""

_DISC_TOTALS_SQL = """SELECT count(*) FILTER (WHERE not_exact IS NULL),
     count(*) FILTER (WHERE diff > 0), count(*) FILTER (WHERE diff < 0),
     count(*) FILTER (WHERE not_exact IS NOT NULL),
     coalesce(sum(paid_asst) FILTER (WHERE not_exact IS NULL), 0),
     coalesce(sum(expected) FILTER (WHERE not_exact IS NULL), 0),
     coalesce(sum(paid_asst) FILTER (WHERE not_exact IS NOT NULL), 0),
     coalesce(sum(diff) FILTER (WHERE diff > 0), 0),
     coalesce(sum(diff) FILTER (WHERE diff < 0), 0)
   FROM disc"""


def discrepancies(con: duckdb.DuckDBPyConnection) -> tuple[Discrepancies | None, pa.Table | None]:
    """paid_assistance against the exact figures: the totals and one row per differing claim."""
    n = count(
        con,
        "SELECT count(*) FROM claims WHERE paid_asst IS NOT NULL "
        "AND person_id NOT IN (SELECT person_id FROM missing)",
    )
    if n == 0:
        return None, None
    con.execute(_DISC_SQL)
    d = _totals(con)
    _largest(con, d)
    return d, _discrepancy_rows(con)


def _totals(con: duckdb.DuckDBPyConnection) -> Discrepancies:
    row = con.execute(_DISC_TOTALS_SQL).fetchone()
    assert row is not None
    return Discrepancies(
        claims_compared=int(row[0]),
        over=int(row[1]),
        under=int(row[2]),
        matched=int(row[0]) - int(row[1]) - int(row[2]),
        not_exact=int(row[3]),
        paid_total=int(row[4]),
        expected_total=int(row[5]),
        not_exact_paid_total=int(row[6]),
        over_total=int(row[7]),
        under_total=int(row[8]),
    )


def _largest(con: duckdb.DuckDBPyConnection, d: Discrepancies) -> None:
    for target, cond, order in (
        (d.largest_over, "diff > 0", "diff DESC"),
        (d.largest_under, "diff < 0", "diff ASC"),
    ):
        for cid, pid, paid, exp, diff in con.execute(
            f"SELECT claim_id, person_id, paid_asst, expected, diff FROM disc WHERE {cond} "
            f"ORDER BY {order}, crow LIMIT 10"
        ).fetchall():
            target.append(
                {
                    "claim_id": cid,
                    "person_id": pid,
                    "paid_assistance": paid,
                    "expected": exp,
                    "difference": diff,
                }
            )


def _discrepancy_rows(con: duckdb.DuckDBPyConnection) -> pa.Table:
    # ORDER BY names disc's columns: Spark would take the output's boolean not_exact
    t = con.sql(
        """SELECT claim_id, person_id,
             CASE WHEN not_exact IS NOT NULL THEN 'not_exact'
                  WHEN diff > 0 THEN 'over' ELSE 'under' END AS kind,
             paid_asst AS paid_assistance,
             CASE WHEN not_exact IS NULL THEN expected END AS expected,
             diff AS difference,
             not_exact IS NOT NULL AS not_exact,
             not_exact AS not_exact_programs
           FROM disc WHERE diff <> 0 OR not_exact IS NOT NULL
           ORDER BY CASE WHEN disc.not_exact IS NOT NULL THEN 2 WHEN disc.diff > 0 THEN 0 ELSE 1 END,
             abs(disc.diff) DESC, crow"""
    ).to_arrow_table()
    return yuan(t, ("paid_assistance", "expected", "difference"))


def result_rows(kb: KB, result: Result) -> list[dict[str, Any]]:
    """The audit rows `medaid eval` gives for one case (for comparisons and tests)."""
    out = []
    for cr in result.claims:
        for b in cr.benefits:
            out.append(
                {
                    "claim_id": cr.claim.id,
                    "person_id": result.case.person_id,
                    "program": b.program,
                    "status": b.status,
                    "amount": b.amount,
                    "amount_min": b.amount_min,
                    "amount_max": b.amount_max,
                    "identity": b.identity,
                }
            )
    for y, b in result.premiums.items():
        out.append(
            {
                "claim_id": f"premium:{y}",
                "person_id": result.case.person_id,
                "program": b.program,
                "status": b.status,
                "amount": b.amount,
                "amount_min": b.amount_min,
                "amount_max": b.amount_max,
                "identity": b.identity,
            }
        )
    return out
