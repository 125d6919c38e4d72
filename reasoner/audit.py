"""Batch audit: a year (or several) of claims for many persons, evaluated in bulk.

Pipeline (see README "Batch audit"):

1. Inputs (CSV or Parquet) are read with pyarrow as strings (a Parquet claim column already
   in the checked form stays typed), given a row number, and registered in an embedded DuckDB. Validation is SQL: every rejected row gets its source
   file, row number, column and reason; the run goes on without it.
2. Eligibility: the knowledge base is compiled once by Prolog into decision tables
   (reasoner.decision); each class of claims (profile, held categories, year) is joined to
   them in SQL once, and the claims to their class, to get per claim and program the status
   and the candidate (rule, category) rows — the same answers Prolog gives per case.
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

The stages live beside this pipeline: reasoner.audit_io (reading), reasoner.audit_output (writing),
reasoner.audit_static (the relations the plan joins), reasoner.audit_validation (step 1's
SQL), reasoner.audit_sql (steps 2-3), reasoner.audit_ledger (step 4: routing and
the closed-form ledger), reasoner.audit_python (step 5), reasoner.audit_results
(result rows, rejected rows, discrepancies) and reasoner.audit_case (one person as a case).

All money is integer fen in SQL and Decimal in Python; amounts round half up to the fen.
Case data reaches DuckDB only as registered Arrow relations, never as SQL text.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol

import duckdb
import pyarrow as pa

from reasoner.audit_case import case_dict, person_of_claim
from reasoner.audit_io import (
    CLAIM_COLUMNS,
    ERROR_COLUMNS,
    IDENTITY_COLUMNS,
    OUTPUT_COLUMNS,
    PERSON_COLUMNS,
    load_parameters,
    read_input,
)
from reasoner.audit_ledger import COMPLEX_SQL, LEDGER_SCRATCH, LEDGER_SQL
from reasoner.audit_output import sidecar, write_table
from reasoner.audit_python import PythonLedger
from reasoner.audit_results import (
    AuditResult,
    AuditStats,
    Discrepancies,
    assemble,
    count,
    discrepancies,
    missing_parameters,
    result_rows,
)
from reasoner.audit_results import errors as audit_errors
from reasoner.audit_sql import (
    MISSING_SQL,
    eligibility_sql,
    figure_keys,
    premium_sql,
)
from reasoner.audit_static import (
    decision_tables,
    register_mappings,
    register_static,
    special_table,
)
from reasoner.audit_validation import CLAIMS_SQL, IDENTITIES_SQL, PERSONS_SQL
from reasoner.decision import figure_table
from reasoner.engine import PrologEngine
from reasoner.errors import MissingParameter
from reasoner.knowledge import KB

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
        return count(self.con, sql)

    # -- the run -------------------------------------------------------------
    def run(self, persons: pa.Table, identities: pa.Table, claims: pa.Table) -> AuditResult:
        return self.run_owned([persons, identities, claims])

    def run_owned(self, tables: list[pa.Table]) -> AuditResult:
        """Audit [persons, identities, claims]; the list is emptied once DuckDB holds the rows."""
        con = self.con
        self.validate(tables)
        self._eligibility()
        self._sql_ledger()
        py_rows = PythonLedger(self).rows()
        with self._timed("output"):
            self._reg("out_py", py_rows)
            result = assemble(con)
            self._drop("out_sql", "rg", "tg")
            errors = audit_errors(con, self.sources)
            disc, disc_rows = discrepancies(con)
        self._count_rows(result)
        missing = missing_parameters(con, self.kb)
        return AuditResult(result, errors, self.stats, disc, disc_rows, missing)

    def _eligibility(self) -> None:
        """Each claim's programs, statuses and candidates; premiums; who lacks a parameter."""
        con = self.con
        with self._timed("eligibility"):
            years = con.execute("SELECT DISTINCT region, year FROM claims").fetchall()
            figs = figure_table(self.kb, self.parameters, {(r, int(y)) for r, y in years})
            self._reg("figures", figs)
            for name, table in figure_keys(self.kb, {(r, int(y)) for r, y in years}).items():
                self._reg(name, table)
            thresholds = decision_tables(self.kb, self.eng).thresholds
            con.execute(eligibility_sql(thresholds))
            self._check_coverage()
            self._drop("held_all")
            con.execute(premium_sql(thresholds))
            con.execute(MISSING_SQL)

    def _sql_ledger(self) -> None:
        """The routing and the closed-form ledger; its scratch tables are dropped after."""
        con = self.con
        with self._timed("ledger (SQL)"):
            con.execute(COMPLEX_SQL)
            con.execute(LEDGER_SQL)
            self._drop(*LEDGER_SCRATCH)

    def _count_rows(self, result: pa.Table) -> None:
        """rows in = rows evaluated + rows rejected, per input."""
        st = self.stats
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
                register_static(self._reg, self.kb, self.eng)
            else:
                register_mappings(self._reg, self.kb)
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
            self._reg("special", special_table(con, self.kb))

    def _check_coverage(self) -> None:
        n = self._count("SELECT count(*) FROM held_all WHERE held IS NULL")
        if n:
            raise RuntimeError(
                f"decision table: {n} claim/identity date combinations have no coverage row"
            )
        n = self._count("SELECT count(*) FROM cl WHERE profile_id IS NULL")
        if n:
            raise RuntimeError(f"decision table: {n} claims match no profile")

    # -- one person as a case file ---------------------------------------------
    def person_of_claim(self, claim_id: str) -> str | None:
        return person_of_claim(self.con, claim_id)

    def case_dict(self, person_id: str, raw_parameters: dict[str, Any]) -> dict[str, Any]:
        """The person's accepted rows as a `medaid eval` case (all their claims, file order)."""
        return case_dict(self.con, person_id, raw_parameters)


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
