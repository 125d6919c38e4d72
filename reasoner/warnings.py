"""预警: the documents' 因病致贫/返贫 warning rules, for one case (`eval`) and for a year of claims.

The rules are kb facts (warning/6 and its companions, see kb/core/warnings.pl). A person is
watched by a warning in a year when they belong to its population that year; the warning
fires when their self-pay summed over the year, on the basis the warning's interpretation
names, exceeds the threshold. `eval` applies the rules per case in Python; `medaid warnings`
applies the same rule objects to a whole claim table in DuckDB.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.errors import MissingParameter

if TYPE_CHECKING:
    import duckdb
    import pyarrow as pa

    from reasoner.case import Case
    from reasoner.knowledge import KB

CENT = Decimal("0.01")
HUNDRED = Decimal(100)

# The columns of a `medaid warnings` row (and the keys of an `eval` warning).
COLUMNS = (
    "person_id",
    "region",
    "year",
    "warning",
    "warning_name",
    "status",
    "self_pay",
    "threshold",
    "threshold_rule",
    "watched_as",
    "self_pay_basis",
    "self_pay_interpretation",
    "document",
    "clause",
    "quote",
    "reason",
)


@dataclass(frozen=True)
class WarningRule:
    """One warning of one document, as the kb states it."""

    id: str
    region: str
    name: str
    percent: int
    base: str
    cite: str
    categories: frozenset[str]
    groups: frozenset[str]
    excluded_schemes: frozenset[str]
    basis: str
    basis_cite: str

    def watched_as(self, held: set[str], scheme: str | None) -> str | None:
        """Why a person holding `held` in the year is watched (a group or category id), or None."""
        if scheme in self.excluded_schemes:
            return None
        if "insured" in self.groups:
            return "insured"
        for c in sorted(held & self.categories):
            return c
        if "ordinary_resident" in self.groups and not held:
            return "ordinary_resident"
        return None


_RULES: dict[int, list[WarningRule]] = {}


def warning_rules(kb: KB) -> list[WarningRule]:
    """Every warning/6 fact with its population and self-pay basis (once per kb)."""
    if id(kb) in _RULES:
        return _RULES[id(kb)]
    f = kb.eng.static
    names = {r[0]: str(r[1]) for r in f("warning_name", 2)}
    cats: dict[str, set[str]] = defaultdict(set)
    for w, c, _ in kb.warning_categories:
        cats[w].add(str(c))
    groups: dict[str, set[str]] = defaultdict(set)
    for w, g, _ in f("warning_group", 3):
        groups[w].add(str(g))
    excluded: dict[str, set[str]] = defaultdict(set)
    for w, s, _ in f("warning_excluded_scheme", 3):
        excluded[w].add(str(s))
    basis = {r[0]: (str(r[1]), str(r[2])) for r in f("warning_self_pay", 3)}
    out = []
    for region, wid, _bound, value, unit, cite in kb.warnings:
        if not (isinstance(unit, tuple) and unit[0] == "percent_of"):
            raise ValueError(f"warning {wid}: unit must be percent_of(Base), got {unit!r}")
        if wid not in basis:
            raise ValueError(f"warning {wid}: no warning_self_pay/3 names its self-pay basis")
        out.append(
            WarningRule(
                id=wid,
                region=region,
                name=names.get(wid, wid),
                percent=int(value),
                base=str(unit[1]),
                cite=cite,
                categories=frozenset(cats[wid]),
                groups=frozenset(groups[wid]),
                excluded_schemes=frozenset(excluded[wid]),
                basis=basis[wid][0],
                basis_cite=basis[wid][1],
            )
        )
    _RULES[id(kb)] = out
    return out


def threshold(
    rule: WarningRule, parameters: dict[tuple[str, int | None], Decimal], year: int, kb: KB
) -> Decimal:
    """The line in 元 for `year`; MissingParameter names the base figure when not given."""
    for key in ((rule.base, year), (rule.base, None)):
        if key in parameters:
            return (parameters[key] * Decimal(rule.percent) / HUNDRED).quantize(
                CENT, rounding=ROUND_HALF_UP
            )
    label = kb.externals.get(rule.base, (rule.base, ""))[0]
    raise MissingParameter(rule.base, label, rule.region, year)


def held_in_year(identities: Iterable[Any], year: int) -> set[str]:
    """The categories held at any time in the year (identity periods are inclusive)."""
    start, end = dt.date(year, 1, 1), dt.date(year, 12, 31)
    return {i.category for i in identities if i.since <= end and i.until >= start}


def _label(kb: KB, watched: str) -> str:
    groups = {r[0]: str(r[1]) for r in kb.eng.static("warning_group_name", 2)}
    if watched in groups:
        return groups[watched]
    return kb.categories.get(watched, watched)


def _basis_name(kb: KB, basis: str) -> str:
    names = {r[0]: str(r[1]) for r in kb.eng.static("self_pay_basis", 2)}
    return names.get(basis, basis)


def threshold_rule(kb: KB, rule: WarningRule) -> str:
    label = kb.externals.get(rule.base, (rule.base, ""))[0]
    return kb.say("warnings_threshold_rule", label, rule.percent)


def _row(
    kb: KB,
    rule: WarningRule,
    person_id: str,
    year: int,
    watched: str,
    self_pay: Decimal,
    limit: Decimal | None,
    missing: MissingParameter | None,
) -> dict[str, Any]:
    c = kb.cite(rule.cite)
    return {
        "person_id": person_id,
        "region": rule.region,
        "year": year,
        "warning": rule.id,
        "warning_name": rule.name,
        "status": "warning" if missing is None else "missing_parameter",
        "self_pay": f"{self_pay:.2f}",
        "threshold": None if limit is None else f"{limit:.2f}",
        "threshold_rule": threshold_rule(kb, rule),
        "watched_as": _label(kb, watched),
        "self_pay_basis": _basis_name(kb, rule.basis),
        "self_pay_interpretation": rule.basis_cite,
        "document": c.get("document", ""),
        "clause": c.get("clause", ""),
        "quote": c.get("quote", ""),
        "reason": None if missing is None else missing.reason,
    }


def case_warnings(kb: KB, case: Case) -> list[dict[str, Any]]:
    """The warnings that fire for one case, by year; a missing line is reported, not guessed."""
    by_year: dict[int, Decimal] = defaultdict(Decimal)
    for claim in case.claims:
        by_year[claim.date.year] += claim.self_pay
    out = []
    for rule in warning_rules(kb):
        if rule.region != case.region:
            continue
        for year, total in sorted(by_year.items()):
            watched = rule.watched_as(held_in_year(case.identities, year), case.scheme)
            if watched is None:
                continue
            try:
                limit = threshold(rule, case.parameters, year, kb)
            except MissingParameter as e:
                row = _row(kb, rule, case.person_id, year, watched, total, None, e)
                out.append(_eval_keys(row, rule))
                continue
            if total > limit:
                row = _row(kb, rule, case.person_id, year, watched, total, limit, None)
                out.append(_eval_keys(row, rule))
    return out


def _eval_keys(row: dict[str, Any], rule: WarningRule) -> dict[str, Any]:
    return {"id": rule.id, **row, "cite": rule.cite}


def used_interpretations(kb: KB, warnings: list[dict[str, Any]]) -> set[str]:
    """Interpretations the fired (or undecided) warnings rely on."""
    out: set[str] = set()
    by_id = {r.id: r for r in warning_rules(kb)}
    for w in warnings:
        rule = by_id[w["warning"]]
        out.add(rule.basis_cite)
        if rule.cite in kb.interpretations:
            out.add(rule.cite)
    return out


# ---------------------------------------------------------------------------
# A year of claims (DuckDB)
# ---------------------------------------------------------------------------

_WARN_SQL = """
WITH py AS (
  SELECT c.person_id, c.region, c.year, CAST(sum(c.sp) AS BIGINT) AS self_pay
  FROM claims c GROUP BY ALL
), held AS (
  SELECT DISTINCT py.person_id, py.year, i.category
  FROM py JOIN idents i ON i.person_id = py.person_id
   AND i.since <= make_date(py.year, 12, 31) AND i.until >= make_date(py.year, 1, 1)
), cand AS (
  SELECT py.*, w.warning, w.ix, p.scheme,
    CASE
      WHEN w.insured THEN 'insured'
      ELSE coalesce(
        (SELECT min(h.category) FROM held h JOIN w_cat wc ON wc.category = h.category
         WHERE h.person_id = py.person_id AND h.year = py.year AND wc.warning = w.warning),
        CASE WHEN w.ordinary AND NOT EXISTS (
          SELECT 1 FROM held h WHERE h.person_id = py.person_id AND h.year = py.year)
        THEN 'ordinary_resident' END)
    END AS watched
  FROM py JOIN w_rules w ON w.region = py.region
  JOIN persons p ON p.person_id = py.person_id
  WHERE NOT EXISTS (SELECT 1 FROM w_scheme ws WHERE ws.warning = w.warning AND ws.scheme = p.scheme)
)
SELECT c.person_id, c.region, c.year, c.warning, c.watched, c.self_pay, t.limit_fen, t.reason
FROM cand c JOIN w_limit t ON t.warning = c.warning AND t.year = c.year
WHERE c.watched IS NOT NULL AND (t.limit_fen IS NULL OR c.self_pay > t.limit_fen)
ORDER BY c.person_id, c.year, c.ix
"""


def _money(fen: int) -> str:
    return f"{Decimal(fen) / 100:.2f}"


def table_warnings(
    kb: KB,
    con: duckdb.DuckDBPyConnection,
    parameters: dict[str, dict[tuple[str, int | None], Decimal]],
) -> pa.Table:
    """Warnings for every person-year of the validated `claims`, `persons`, `idents` tables.

    Self-pay is summed per person and year in SQL; the population test and the line are the
    rule objects `eval` uses, turned into small relations. A missing line gives one
    `missing_parameter` row per watched person-year instead of a guess.
    """
    import pyarrow as pa  # only the table path needs it (eval's start stays light)

    rules = warning_rules(kb)
    by_id = {r.id: r for r in rules}
    _register_rules(kb, con, parameters, rules)
    hits = con.sql(_WARN_SQL).to_arrow_table()
    for name in ("w_rules", "w_cat", "w_scheme", "w_limit"):
        con.unregister(name)
    cols = _columns(kb, rules, hits)
    wid = hits.column("warning").to_pylist()
    assert set(by_id) >= set(wid)
    return pa.table({k: pa.array(v) if isinstance(v, list) else v for k, v in cols.items()})


def _register_rules(
    kb: KB,
    con: duckdb.DuckDBPyConnection,
    parameters: dict[str, dict[tuple[str, int | None], Decimal]],
    rules: list[WarningRule],
) -> None:
    """The warning rules as the small relations _WARN_SQL joins (w_rules, w_cat, w_scheme,
    w_limit: each rule's line per region and year of the claims, or why it is missing)."""
    import pyarrow as pa

    con.register(
        "w_rules",
        pa.table(
            {
                "warning": [r.id for r in rules],
                "ix": list(range(len(rules))),
                "region": [r.region for r in rules],
                "insured": [("insured" in r.groups) for r in rules],
                "ordinary": [("ordinary_resident" in r.groups) for r in rules],
            },
            schema=pa.schema(
                [
                    ("warning", pa.string()),
                    ("ix", pa.int64()),
                    ("region", pa.string()),
                    ("insured", pa.bool_()),
                    ("ordinary", pa.bool_()),
                ]
            ),
        ),
    )
    wc = [(r.id, c) for r in rules for c in sorted(r.categories)]
    con.register(
        "w_cat",
        pa.table(
            {"warning": [w for w, _ in wc], "category": [c for _, c in wc]},
            schema=pa.schema([("warning", pa.string()), ("category", pa.string())]),
        ),
    )
    ws = [(r.id, s) for r in rules for s in sorted(r.excluded_schemes)]
    con.register(
        "w_scheme",
        pa.table(
            {"warning": [w for w, _ in ws], "scheme": [s for _, s in ws]},
            schema=pa.schema([("warning", pa.string()), ("scheme", pa.string())]),
        ),
    )
    years = con.execute("SELECT DISTINCT region, year FROM claims").fetchall()
    lim: dict[str, list[Any]] = {"warning": [], "year": [], "limit_fen": [], "reason": []}
    for region, year in years:
        for r in rules:
            if r.region != region:
                continue
            try:
                limit: int | None = int(
                    threshold(r, parameters.get(region, {}), int(year), kb) * 100
                )
                reason = None
            except MissingParameter as e:
                limit, reason = None, e.reason
            lim["warning"].append(r.id)
            lim["year"].append(int(year))
            lim["limit_fen"].append(limit)
            lim["reason"].append(reason)
    con.register(
        "w_limit",
        pa.table(
            lim,
            schema=pa.schema(
                [
                    ("warning", pa.string()),
                    ("year", pa.int32()),
                    ("limit_fen", pa.int64()),
                    ("reason", pa.string()),
                ]
            ),
        ),
    )


def _columns(kb: KB, rules: list[WarningRule], hits: pa.Table) -> dict[str, Any]:
    """The output columns: the SQL hits and, per warning, its names, basis and clause."""
    # Per-row text comes from a few rules: build it once per warning, then map.
    static: dict[str, dict[str, Any]] = {}
    for r in rules:
        c = kb.cite(r.cite)
        static[r.id] = {
            "warning_name": r.name,
            "threshold_rule": threshold_rule(kb, r),
            "self_pay_basis": _basis_name(kb, r.basis),
            "self_pay_interpretation": r.basis_cite,
            "document": c.get("document", ""),
            "clause": c.get("clause", ""),
            "quote": c.get("quote", ""),
        }
    wid = hits.column("warning").to_pylist()
    watched_labels = {w: _label(kb, w) for w in set(hits.column("watched").to_pylist())}
    limits = hits.column("limit_fen").to_pylist()
    cols: dict[str, Any] = {
        "person_id": hits.column("person_id"),
        "region": hits.column("region"),
        "year": hits.column("year"),
        "warning": hits.column("warning"),
        "warning_name": [static[w]["warning_name"] for w in wid],
        "status": ["warning" if x is not None else "missing_parameter" for x in limits],
        "self_pay": [_money(x) for x in hits.column("self_pay").to_pylist()],
        "threshold": [None if x is None else _money(x) for x in limits],
        "threshold_rule": [static[w]["threshold_rule"] for w in wid],
        "watched_as": [watched_labels[w] for w in hits.column("watched").to_pylist()],
        "self_pay_basis": [static[w]["self_pay_basis"] for w in wid],
        "self_pay_interpretation": [static[w]["self_pay_interpretation"] for w in wid],
        "document": [static[w]["document"] for w in wid],
        "clause": [static[w]["clause"] for w in wid],
        "quote": [static[w]["quote"] for w in wid],
        "reason": hits.column("reason"),
    }
    return cols


def warnings_files(
    kb: KB,
    eng: Any,
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None = None,
    *,
    encoding: str | None = None,
    sheet: str | None = None,
) -> tuple[pa.Table, pa.Table, Any]:
    """Read and validate the audit's inputs, then list the warnings.

    Returns the warning rows, the rejected input rows (as the audit reports them) and the
    validation statistics.
    """
    import pyarrow as pa

    from reasoner.audit import Auditor
    from reasoner.audit_io import (
        CLAIM_COLUMNS,
        IDENTITY_COLUMNS,
        PERSON_COLUMNS,
        load_parameters,
        read_input,
    )

    parsed, _raw = load_parameters(parameters, kb)
    tables = [
        read_input(p, cols, name, kb=kb, encoding=encoding, sheet=sheet)
        for p, cols, name in (
            (persons, PERSON_COLUMNS, "persons"),
            (identities, IDENTITY_COLUMNS, "identities"),
            (claims, CLAIM_COLUMNS, "claims"),
        )
    ]
    auditor = Auditor(kb, eng, parsed)
    auditor.sources = {
        "persons": persons.name,
        "identities": identities.name,
        "claims": claims.name,
    }
    try:
        auditor.validate(tables, identity_required=False, eligibility=False)
        rows = table_warnings(kb, auditor.con, parsed)
        errors = auditor.con.sql(_ERRORS_SQL).to_arrow_table()
        names = [auditor.sources[s] for s in errors.column("source").to_pylist()]
        errors = errors.set_column(0, "source", pa.array(names, pa.string()))
        st = auditor.stats
        st.persons_rejected = _count(auditor, "p_err")
        st.identities_rejected = _count(auditor, "i_err")
        st.claims_rejected = _count(auditor, "c_err")
        st.claims_evaluated = st.claims_in - st.claims_rejected
        st.output_rows = rows.num_rows
        return rows, errors, st
    finally:
        auditor.close()


_ERRORS_SQL = """
SELECT source, "row", "column", reason FROM (
  SELECT 'persons' AS source, _row AS "row", split_part(err, '|', 1) AS "column",
    substr(err, strpos(err, '|') + 1) AS reason, 0 AS o FROM p_err
  UNION ALL
  SELECT 'identities', _row, split_part(err, '|', 1), substr(err, strpos(err, '|') + 1), 1
  FROM i_err
  UNION ALL
  SELECT 'claims', _row, split_part(err, '|', 1), substr(err, strpos(err, '|') + 1), 2
  FROM c_err
) ORDER BY o, "row"
"""


def _count(auditor: Any, table: str) -> int:
    rows = auditor.con.execute(f"SELECT count(*) FROM {table}").fetchall()
    return int(rows[0][0]) if rows else 0


def warning_headers(kb: KB) -> dict[str, str]:
    """Chinese column headers (template warnings_columns, in COLUMNS' order)."""
    return dict(zip(COLUMNS, kb.sentence("warnings_columns").split("、"), strict=True))


def check_out(kb: KB, path: Path) -> None:
    if path.suffix.lower() not in (".csv", ".xlsx", ".json"):
        from reasoner.errors import InputError

        suffix = path.suffix or kb.sentence("warnings_no_suffix")
        raise InputError("--out", kb.say("warnings_bad_out", suffix))


def write_warnings(kb: KB, rows: pa.Table, path: Path) -> None:
    """CSV (UTF-8 with BOM, for Excel), XLSX (Chinese headers) or JSON, by extension."""
    import csv
    import json

    check_out(kb, path)
    suffix = path.suffix.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    data = rows.to_pylist()
    if suffix == ".json":
        path.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    elif suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as fh:
            w = csv.DictWriter(fh, fieldnames=list(COLUMNS))
            w.writeheader()
            w.writerows(data)
    else:
        import xlsxwriter

        wb = xlsxwriter.Workbook(str(path))
        ws = wb.add_worksheet(kb.sentence("warnings_sheet"))
        bold = wb.add_format({"bold": True})
        money = wb.add_format({"num_format": "0.00"})
        head = warning_headers(kb)
        for j, c in enumerate(COLUMNS):
            ws.write(0, j, head[c], bold)
        for i, r in enumerate(data, start=1):
            for j, c in enumerate(COLUMNS):
                v = r[c]
                if c in ("self_pay", "threshold") and v is not None:
                    ws.write_number(i, j, float(v), money)
                elif v is not None:
                    ws.write(i, j, v)
        ws.freeze_panes(1, 0)
        wb.close()
