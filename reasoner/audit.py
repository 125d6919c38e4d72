"""Batch audit: a year (or several) of claims for many persons, evaluated in bulk.

Pipeline (see README "Batch audit"):

1. Inputs (CSV or Parquet) are read with pyarrow as strings, given a row number, and
   registered in an embedded DuckDB. Validation is SQL: every rejected row gets its source
   file, row number, column and reason; the run goes on without it.
2. Eligibility: the knowledge base is compiled once by Prolog into decision tables
   (reasoner.decision); claims are joined to them in SQL to get, per claim and program, the
   status and the candidate (rule, category) rows — the same answers Prolog gives per case.
3. Figures (deductible, rate, cap, subcap, threshold, premium) per region, rule, year and
   scenario come from the evaluator's own Params, so units and bounds agree with ``eval``.
4. The annual ledger runs in SQL with window functions wherever it is exact: every
   person-year whose money programs each have at most one payable candidate and no overlap
   to settle (running deductible per pool, shared caps via ``LEAST(cap, running sum)``,
   tilt on the running residual, both bound scenarios side by side). Premium subsidies,
   which have no ledger, are computed in SQL for everyone.
5. Person-years that need path-dependent choices (several identities or rules competing
   under 就高, the 渝北 overlap, a cap that differs between rules of one pool, a subcap that
   binds, two programs of one claim sharing a cap pool) go through the Python ledger: the
   unchanged :class:`reasoner.evaluate.Evaluator`, fed the decision-table answers instead
   of Prolog's.

All money is integer fen in SQL and Decimal in Python; amounts round half up to the fen.
Case data reaches DuckDB only as registered Arrow relations, never as SQL text.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, cast

import duckdb
import pyarrow as pa

from reasoner.audit_io import (
    CLAIM_COLUMNS,
    ERROR_COLUMNS,
    IDENTITY_COLUMNS,
    OUTPUT_COLUMNS,
    PERSON_COLUMNS,
    load_parameters,
    read_input,
    sidecar,
    write_table,
)
from reasoner.audit_python import PythonLedger, _dec
from reasoner.audit_sql import (
    CLAIMS_SQL,
    COMPLEX_SQL,
    IDENTITIES_SQL,
    LEDGER_SQL,
    MISSING_SQL,
    PERSONS_SQL,
    _money_out,
    _signed_money_out,
    eligibility_sql,
    figure_keys,
    premium_sql,
)
from reasoner.case import (
    CLAIM_TYPES,
    REFERRALS,
    SCHEMES,
    SCOPES,
    NClaim,
    accepted,
)
from reasoner.decision import DecisionTables, figure_table, load_or_compile
from reasoner.engine import PrologEngine
from reasoner.errors import InputError, MissingParameter
from reasoner.evaluate import Result, special_match
from reasoner.knowledge import KB
from reasoner.space import region_categories

# ---------------------------------------------------------------------------
# Progress
# ---------------------------------------------------------------------------


class Reporter(Protocol):
    def stage(self, name: str, total: int | None = None) -> None: ...

    def advance(self, n: int = 1) -> None: ...


class Quiet:
    """A reporter that says nothing."""

    def stage(self, name: str, total: int | None = None) -> None:
        pass

    def advance(self, n: int = 1) -> None:
        pass


# ---------------------------------------------------------------------------
# The audit
# ---------------------------------------------------------------------------


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


_TABLES: dict[tuple[int, str], DecisionTables] = {}


def decision_tables(kb: KB, eng: PrologEngine) -> DecisionTables:
    """The compiled knowledge base: once per process, and cached on disk across runs."""
    key = (id(kb), kb.cache_tag)
    if key not in _TABLES:
        _TABLES[key] = load_or_compile(kb, eng)
    return _TABLES[key]


_SCRATCH: set[str] = set()


def _scratch_dir() -> str:
    """A DuckDB spill folder, registered before any signal can separate it from its name."""
    import signal

    mask = {signal.SIGINT, signal.SIGTERM}
    blocked = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
    try:
        folder = tempfile.mkdtemp(prefix="medaid-audit-")
        _SCRATCH.add(folder)
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, blocked)
    return folder


def _remove_scratch(folder: str) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    _SCRATCH.discard(folder)


def remove_scratch() -> None:
    """Remove every spill folder this process still holds (an interrupt between two steps)."""
    for folder in list(_SCRATCH):
        _remove_scratch(folder)


class Auditor:
    """Runs one audit in its own DuckDB connection."""

    def __init__(
        self,
        kb: KB,
        eng: PrologEngine,
        parameters: dict[str, dict[Any, Any]],
        reporter: Reporter | None = None,
        threads: int | None = None,
        memory_limit: str = "2.5GB",
    ) -> None:
        self.kb = kb
        self.eng = eng
        self.parameters = parameters
        self.rep: Reporter = reporter or Quiet()
        self._tmp = _scratch_dir()
        config: dict[str, Any] = {
            "preserve_insertion_order": False,
            "temp_directory": self._tmp,
            "memory_limit": memory_limit,
        }
        if threads:
            config["threads"] = threads
        try:
            self.con = duckdb.connect(":memory:", config=config)
        except BaseException:
            _remove_scratch(self._tmp)
            raise
        self.stats = AuditStats()
        # how rejected rows name their source (audit_files sets the file names)
        self.sources = {"persons": "persons", "identities": "identities", "claims": "claims"}
        self._t0 = time.perf_counter()

    @contextmanager
    def _timed(self, name: str, total: int | None = None) -> Iterator[None]:
        self.rep.stage(name, total)
        t = time.perf_counter()
        yield
        self.stats.seconds[name] = self.stats.seconds.get(name, 0.0) + time.perf_counter() - t

    def close(self) -> None:
        self.con.close()
        _remove_scratch(self._tmp)

    def _drop(self, *names: str) -> None:
        for n in names:
            self.con.execute(f"DROP TABLE IF EXISTS {n}")

    def _reg(self, name: str, table: pa.Table) -> None:
        self.con.register(name, table)

    def _count(self, sql: str) -> int:
        # fetchall, not fetchone: a half-read result blocks register() on this connection
        rows = self.con.execute(sql).fetchall()
        return int(rows[0][0]) if rows else 0

    # -- static relations ----------------------------------------------------
    def _mappings(self) -> None:
        """What validation joins: the accepted spellings of every enumeration, the documents' dates."""
        kb = self.kb

        def mapping(d: dict[str, str]) -> pa.Table:
            return pa.table({"name": list(d), "id": list(d.values())})

        self._reg("map_region", mapping(dict(kb.region_lookup)))
        self._reg("map_category", mapping(dict(kb.category_lookup)))
        self._reg("map_type", mapping(accepted(CLAIM_TYPES, kb, "claim_kind")))
        self._reg("map_scope", mapping(accepted(SCOPES, kb, "scope")))
        self._reg("map_referral", mapping(accepted(REFERRALS, kb, "referral_kind")))
        self._reg("map_scheme", mapping(accepted(SCHEMES, kb, "scheme")))
        regions: dict[str, list[Any]] = {"region": [], "doc_no": [], "start_d": [], "end_d": []}
        for r in kb.documents:
            start, end = (
                (kb.in_force[r][1], kb.in_force[r][2]) if r in kb.in_force else (0, 99991231)
            )
            regions["region"].append(r)
            regions["doc_no"].append(kb.doc_no(r))
            regions["start_d"].append(_ymd_date(start) if start else dt.date(1, 1, 1))
            regions["end_d"].append(_ymd_date(end))
        self._reg("regions", pa.table(regions))
        # A category the person's document does not name is a row error, as in eval
        # (reasoner.case.category_id), never a silent not_eligible.
        rc: dict[str, list[str]] = {"region": [], "category": []}
        msg: dict[str, list[str]] = {"region": [], "refused": [], "listed": []}
        for region in sorted(kb.documents):
            cats = region_categories(kb, region)
            rc["region"] += [region] * len(cats)
            rc["category"] += cats
            msg["region"].append(region)
            msg["refused"].append(
                f"{kb.region_name(region)}（{kb.doc_no(region)}）不认定救助对象类别 "
            )
            msg["listed"].append("、".join(f"{c}（{kb.category_label(region, c)}）" for c in cats))
        self._reg("region_cats", pa.table(rc, schema=pa.schema([(k, pa.string()) for k in rc])))
        self._reg(
            "region_cat_msg", pa.table(msg, schema=pa.schema([(k, pa.string()) for k in msg]))
        )
        labels = sorted(kb.categories.items())
        self._reg(
            "cat_labels",
            pa.table({"category": [c for c, _ in labels], "label": [str(n) for _, n in labels]}),
        )

    def _static(self) -> None:
        kb = self.kb
        self._mappings()
        dtab = decision_tables(kb, self.eng)
        self._reg("profiles", dtab.profiles)
        self._reg("relevance", dtab.relevance)
        self._reg("offer", dtab.offer)
        self._reg("applicable", dtab.applicable)
        self._reg("unresolved", dtab.unresolved)
        self._reg("holds", dtab.holds)
        self._reg("cover", dtab.cover)
        self._reg("rules", dtab.rules)
        thr: dict[str, list[Any]] = {"kind": [], "v": []}
        for kind, vals in dtab.thresholds.items():
            for v in vals:
                thr["kind"].append(kind)
                thr["v"].append(v)
        self._reg(
            "thresholds",
            pa.table(thr, schema=pa.schema([("kind", pa.string()), ("v", pa.int64())])),
        )
        order = list(kb.programs)
        self._reg(
            "programs",
            pa.table(
                {
                    "program": order,
                    "ix": list(range(len(order))),
                    "kind": [kb.programs[p][1] for p in order],
                }
            ),
        )
        co = sorted(kb.category_order.items())
        self._reg(
            "cat_order",
            pa.table(
                {
                    "region": [k[0] for k, _ in co],
                    "cat": [k[1] for k, _ in co],
                    "ord": [v for _, v in co],
                }
            ),
        )
        ov = [(r, p1, p2) for r, p1, p2, _res, _c in kb.overlaps]
        ov += [(r, p2, p1) for r, p1, p2 in list(ov)]
        self._reg(
            "ovl_pairs",
            pa.table(
                {"region": [o[0] for o in ov], "p1": [o[1] for o in ov], "p2": [o[2] for o in ov]},
                schema=pa.schema(
                    [("region", pa.string()), ("p1", pa.string()), ("p2", pa.string())]
                ),
            ),
        )
        # Tilt rules whose pool name is also a non-tilt pool of the region (none today):
        # the Python ledger then keeps the shared dict semantics.
        pools = {
            (r.region, r.cap_pool or r.program) for r in kb.rules.values() if r.program != "tilt"
        }
        shared = [
            r.id
            for r in kb.rules.values()
            if r.program == "tilt" and (r.region, r.cap_pool or r.program) in pools
        ]
        self._reg("shared_tilt_pool", pa.table({"rule": pa.array(shared, pa.string())}))
        imp = [(r, c, int(v)) for r, c, a, v, _ in kb.identity_implies if a == "disability_grade"]
        self._reg(
            "implies",
            pa.table(
                {
                    "region": pa.array([x[0] for x in imp], pa.string()),
                    "cat": pa.array([x[1] for x in imp], pa.string()),
                    "grade": pa.array([x[2] for x in imp], pa.int64()),
                }
            ),
        )

    # -- the run -------------------------------------------------------------
    def run(self, persons: pa.Table, identities: pa.Table, claims: pa.Table) -> AuditResult:
        return self.run_owned([persons, identities, claims])

    def run_owned(self, tables: list[pa.Table]) -> AuditResult:
        """Audit [persons, identities, claims]; the list is emptied once DuckDB holds the rows."""
        con = self.con
        self.validate(tables)
        st = self.stats
        with self._timed("eligibility"):
            years = con.execute("SELECT DISTINCT region, year FROM claims").fetchall()
            figs = figure_table(self.kb, self.parameters, {(r, int(y)) for r, y in years})
            self._reg("figures", figs)
            for name, table in figure_keys(self.kb, {(r, int(y)) for r, y in years}).items():
                self._reg(name, table)
            con.execute(eligibility_sql())
            self._check_coverage()
            self._drop("held_all", "cp")
            con.execute(premium_sql())
            con.execute(MISSING_SQL)
        with self._timed("ledger (SQL)"):
            con.execute(COMPLEX_SQL)
            con.execute(LEDGER_SQL)
            self._drop("rg0", "rg_ded", "rg1", "tl0", "tl1", "optx", "vx")
            for t in ("rg", "tg"):
                self._drop(*(f"{t}_{s}" for s in ("cp", "l1", "o1", "l2", "o2", "v")))
        py_rows = PythonLedger(self).rows()
        with self._timed("output"):
            self._reg("out_py", py_rows)
            result = self._assemble()
            self._drop("out_sql", "rg", "tg", "opt")
            errors = self._errors()
            disc, disc_rows = self._discrepancies()
        st.persons_rejected = self._count("SELECT count(*) FROM p_err WHERE err IS NOT NULL")
        st.identities_rejected = self._count("SELECT count(*) FROM i_err WHERE err IS NOT NULL")
        st.claims_rejected = self._count(
            "SELECT count(*) FROM c_err WHERE err IS NOT NULL"
        ) + self._count(
            "SELECT count(*) FROM claims WHERE person_id IN (SELECT person_id FROM missing)"
        )
        st.claims_evaluated = st.claims_in - st.claims_rejected
        st.output_rows = result.num_rows
        st.person_years_python = self._count("SELECT count(*) FROM cx_final")
        st.person_years_sql = self._count("SELECT count(*) FROM route WHERE path = 'sql'")
        return AuditResult(result, errors, st, disc, disc_rows, self._missing_parameters())

    def _missing_parameters(self) -> list[dict[str, Any]]:
        out = []
        for param, region, year, persons, blocks in self.con.execute(
            "SELECT param, region, year, persons, blocks_claims FROM missing_params "
            "ORDER BY region, year, param"
        ).fetchall():
            name = str(param).removeprefix("parameters.")
            out.append(
                {
                    "param": param,
                    "name": name,
                    "label": self.kb.externals.get(name, (name, ""))[0],
                    "region": region,
                    "year": int(year),
                    "persons": int(persons),
                    "blocks_claims": bool(blocks),
                }
            )
        return out

    def validate(
        self, tables: list[pa.Table], identity_required: bool = True, eligibility: bool = True
    ) -> None:
        """Validate [persons, identities, claims] into `persons`, `idents`, `claims`.

        The list is emptied once DuckDB holds the rows. `medaid warnings` passes
        identity_required=False (a person without identities is an ordinary resident there)
        and eligibility=False (it needs no decision tables).
        """
        con = self.con
        with self._timed("validate"):
            if eligibility:
                self._static()
            else:
                self._mappings()
            self._reg("audit_options", pa.table({"identity_required": [identity_required]}))
            st = self.stats
            for name, table in zip(
                ("in_persons", "in_identities", "in_claims"), tables, strict=True
            ):
                if "_bad" not in table.column_names:  # tables not read by read_input
                    table = table.append_column("_bad", pa.nulls(table.num_rows, pa.string()))
                self._reg(name, table)
            st.persons_in, st.identities_in, st.claims_in = (t.num_rows for t in tables)
            con.execute(PERSONS_SQL)
            con.execute(IDENTITIES_SQL)
            con.execute(CLAIMS_SQL)
            for name in ("in_persons", "in_identities", "in_claims"):
                con.unregister(name)
            tables.clear()  # the validated copies live in DuckDB now
            special = self._special()
            self._reg("special", special)

    def _special(self) -> pa.Table:
        rows = self.con.execute(
            "SELECT DISTINCT region, disease FROM claims WHERE disease IS NOT NULL"
        ).fetchall()
        out: dict[str, list[Any]] = {"region": [], "disease": [], "special": []}
        for region, disease in rows:
            probe = cast(NClaim, _Probe(disease))
            special, _ = special_match(self.kb, region, probe)
            out["region"].append(region)
            out["disease"].append(disease)
            out["special"].append(special)
        return pa.table(
            out,
            schema=pa.schema(
                [("region", pa.string()), ("disease", pa.string()), ("special", pa.bool_())]
            ),
        )

    def _check_coverage(self) -> None:
        n = self._count("SELECT count(*) FROM held_all WHERE held IS NULL")
        if n:
            raise RuntimeError(
                f"decision table: {n} claim/identity date combinations have no coverage row"
            )
        n = self._count("SELECT count(*) FROM cl WHERE profile_id IS NULL")
        if n:
            raise RuntimeError(f"decision table: {n} claims match no profile")

    # -- results -------------------------------------------------------------
    def _assemble(self) -> pa.Table:
        sql = """
        CREATE OR REPLACE TEMP TABLE results AS
        WITH u AS (
          SELECT crow, person_id, 0 AS part, crow AS s1, prog_ix AS s2, program, status,
            CASE WHEN status = 'paid' THEN a_min END AS amount,
            CASE WHEN status = 'bounded' THEN a_min END AS amount_min,
            CASE WHEN status = 'bounded' THEN a_max END AS amount_max, identity
          FROM out_sql
          UNION ALL
          SELECT crow, person_id, 0, crow, prog_ix, program, status, amount, amount_min,
            amount_max, identity
          FROM out_py
          UNION ALL
          SELECT NULL, person_id, 1, prow, year, 'premium_subsidy', status,
            CASE WHEN status = 'paid' THEN a_min END,
            CASE WHEN status = 'bounded' THEN a_min END,
            CASE WHEN status = 'bounded' THEN a_max END, identity
          FROM prem WHERE person_id NOT IN (SELECT person_id FROM missing)
        )
        SELECT coalesce(c.claim_ref, 'premium:' || CAST(u.s2 AS VARCHAR)) AS claim_id, u.*
        FROM u LEFT JOIN claims c ON c.crow = u.crow;
        """
        self.con.execute(sql)
        return self.con.sql(
            f"""SELECT claim_id, person_id, program, status, {_money_out("amount")} AS amount,
              {_money_out("amount_min")} AS amount_min, {_money_out("amount_max")} AS amount_max, identity
            FROM results ORDER BY part, s1, s2"""
        ).to_arrow_table()

    def _errors(self) -> pa.Table:
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
        t = self.con.sql(sql).to_arrow_table()
        names = pa.array([self.sources[s] for s in t.column("source").to_pylist()], pa.string())
        return t.set_column(0, "source", names)

    def _discrepancies(self) -> tuple[Discrepancies | None, pa.Table | None]:
        con = self.con
        n = self._count(
            "SELECT count(*) FROM claims WHERE paid_asst IS NOT NULL "
            "AND person_id NOT IN (SELECT person_id FROM missing)"
        )
        if n == 0:
            return None, None
        con.execute(
            """
            CREATE OR REPLACE TEMP TABLE disc AS
            WITH e AS (
              SELECT r.crow,
                sum(CASE WHEN r.status = 'paid' THEN r.amount ELSE 0 END) AS expected,
                string_agg(CASE WHEN r.status IN ('bounded', 'unresolved')
                  THEN r.program || ':' || r.status END, ';' ORDER BY r.s2) AS not_exact
              FROM results r JOIN programs pg ON pg.program = r.program
              WHERE r.part = 0 AND pg.kind = 'assistance' GROUP BY r.crow
            )
            SELECT c.claim_ref AS claim_id, c.person_id, c.crow, c.paid_asst,
              coalesce(e.expected, 0) AS expected, e.not_exact,
              CASE WHEN e.not_exact IS NULL THEN c.paid_asst - coalesce(e.expected, 0) END AS diff
            FROM claims c LEFT JOIN e USING (crow)
            WHERE c.paid_asst IS NOT NULL AND c.person_id NOT IN (SELECT person_id FROM missing)
            """
        )
        row = con.execute(
            """SELECT count(*) FILTER (WHERE not_exact IS NULL),
                 count(*) FILTER (WHERE diff > 0), count(*) FILTER (WHERE diff < 0),
                 count(*) FILTER (WHERE not_exact IS NOT NULL),
                 coalesce(sum(paid_asst) FILTER (WHERE not_exact IS NULL), 0),
                 coalesce(sum(expected) FILTER (WHERE not_exact IS NULL), 0),
                 coalesce(sum(paid_asst) FILTER (WHERE not_exact IS NOT NULL), 0),
                 coalesce(sum(diff) FILTER (WHERE diff > 0), 0),
                 coalesce(sum(diff) FILTER (WHERE diff < 0), 0)
               FROM disc"""
        ).fetchone()
        assert row is not None
        d = Discrepancies(
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
        # ORDER BY names disc's columns: Spark would take the output's boolean not_exact
        rows = con.sql(
            f"""SELECT claim_id, person_id,
                 CASE WHEN not_exact IS NOT NULL THEN 'not_exact'
                      WHEN diff > 0 THEN 'over' ELSE 'under' END AS kind,
                 {_money_out("paid_asst")} AS paid_assistance,
                 CASE WHEN not_exact IS NULL THEN {_money_out("expected")} END AS expected,
                 {_signed_money_out("diff")} AS difference,
                 not_exact IS NOT NULL AS not_exact,
                 not_exact AS not_exact_programs
               FROM disc WHERE diff <> 0 OR not_exact IS NOT NULL
               ORDER BY CASE WHEN disc.not_exact IS NOT NULL THEN 2 WHEN disc.diff > 0 THEN 0 ELSE 1 END,
                 abs(disc.diff) DESC, crow"""
        ).to_arrow_table()
        return d, rows

    # -- one person as a case file ---------------------------------------------
    def person_of_claim(self, claim_id: str) -> str | None:
        row = self.con.execute(
            "SELECT person_id FROM claims WHERE claim_ref = ?", [claim_id]
        ).fetchone()
        return None if row is None else str(row[0])

    def case_dict(self, person_id: str, raw_parameters: dict[str, Any]) -> dict[str, Any]:
        """The person's accepted rows as a `medaid eval` case (all their claims, file order)."""
        con = self.con
        p = con.execute(
            "SELECT region, birth, dis, maint, scheme FROM persons WHERE person_id = ?", [person_id]
        ).fetchone()
        if p is None:
            raise InputError("--explain", f"没有已评估的人员 {person_id[:40]!r}")
        region, birth, dis, maint, scheme = p
        person: dict[str, Any] = {"id": person_id}
        if birth is not None:
            person["birth_date"] = birth
        if dis is not None:
            person["disability_grade"] = int(dis)
        if maint:
            person["needs_maintenance_treatment"] = True
        ids = []
        for cat, since, until in con.execute(
            "SELECT category, since_d, until_d FROM idents WHERE person_id = ? ORDER BY irow",
            [person_id],
        ).fetchall():
            i: dict[str, Any] = {"category": cat}
            if since is not None:
                i["since"] = since
            if until is not None:
                i["until"] = until
            ids.append(i)
        person["identities"] = ids
        if scheme is not None:
            person["insurance"] = {"scheme": scheme}
        claims = []
        for (
            cid,
            ctype,
            date,
            discharge,
            disease,
            level,
            scope,
            referral,
            cost,
            basic,
            ci,
            supp,
        ) in con.execute(
            "SELECT claim_ref, ctype, date, discharge, disease, level, scope, referral, cost, basic, ci, supp "
            "FROM claims WHERE person_id = ? ORDER BY crow",
            [person_id],
        ).fetchall():
            c: dict[str, Any] = {"id": cid, "type": ctype, "date": date}
            if discharge is not None:
                c["discharge"] = discharge
            if disease is not None:
                c["disease"] = disease
            c["hospital"] = {"level": int(level), "scope": scope}
            c["referral"] = referral
            c["policy_scope_cost"] = str(_dec(cost))
            c["basic_insurance_paid"] = str(_dec(basic))
            c["critical_illness_paid"] = str(_dec(ci))
            if supp:
                c["supplementary_paid"] = str(_dec(supp))
            claims.append(c)
        out: dict[str, Any] = {"region": region, "person": person}
        if region in raw_parameters:
            out["parameters"] = raw_parameters[region]
        out["claims"] = claims
        return out


@dataclass
class _Probe:
    """What special_match reads of a claim."""

    disease: str | None
    special_disease: bool | None = None


def _ymd_date(v: int) -> dt.date:
    return dt.date(v // 10000, v // 100 % 100, v % 100)


# ---------------------------------------------------------------------------
# Entry points
# ---------------------------------------------------------------------------


def audit_tables(
    kb: KB,
    eng: PrologEngine,
    persons: pa.Table,
    identities: pa.Table,
    claims: pa.Table,
    parameters: dict[str, dict[Any, Any]],
    reporter: Reporter | None = None,
    threads: int | None = None,
    memory_limit: str = "2.5GB",
) -> tuple[AuditResult, Auditor]:
    """Audit Arrow tables (string columns as read by :func:`read_input`)."""
    auditor = Auditor(kb, eng, parameters, reporter, threads, memory_limit)
    return auditor.run(persons, identities, claims), auditor


def audit_files(
    kb: KB,
    eng: PrologEngine,
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None = None,
    reporter: Reporter | None = None,
    threads: int | None = None,
    memory_limit: str = "2.5GB",
    *,
    encoding: str | None = None,
    sheet: str | None = None,
    make_auditor: Callable[[dict[str, dict[Any, Any]], Reporter], Auditor] | None = None,
) -> tuple[AuditResult, Auditor, dict[str, Any]]:
    """Read the three inputs (CSV, Parquet or xlsx by extension) and audit them.

    `make_auditor` builds the auditor from the parsed parameters (another engine's, e.g.
    Spark's); by default a DuckDB one. The caller closes the returned auditor; on an error
    it is closed here.
    """
    parsed, raw = load_parameters(parameters, kb)
    rep = reporter or Quiet()
    rep.stage("read")
    t = time.perf_counter()
    tables = [
        read_input(p, cols, name, kb=kb, encoding=encoding, sheet=sheet)
        for p, cols, name in (
            (persons, PERSON_COLUMNS, "persons"),
            (identities, IDENTITY_COLUMNS, "identities"),
            (claims, CLAIM_COLUMNS, "claims"),
        )
    ]
    read_s = time.perf_counter() - t
    if make_auditor is None:
        auditor = Auditor(kb, eng, parsed, rep, threads, memory_limit)
    else:
        auditor = make_auditor(parsed, rep)
    auditor.sources = {
        "persons": persons.name,
        "identities": identities.name,
        "claims": claims.name,
    }
    try:
        result = auditor.run_owned(tables)
    except BaseException:
        auditor.close()
        raise
    result.stats.seconds = {"read": read_s, **result.stats.seconds}
    return result, auditor, raw


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


__all__ = [
    "CLAIM_COLUMNS",
    "ERROR_COLUMNS",
    "IDENTITY_COLUMNS",
    "OUTPUT_COLUMNS",
    "PERSON_COLUMNS",
    "AuditResult",
    "AuditStats",
    "Auditor",
    "Discrepancies",
    "MissingParameter",
    "audit_files",
    "audit_tables",
    "load_parameters",
    "read_input",
    "result_rows",
    "sidecar",
    "write_table",
]
