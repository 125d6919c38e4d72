"""The audit's Python ledger: the person-years the SQL plan does not take.

They go through the ledger kernel by way of :meth:`reasoner.evaluate.Evaluator.rows`, given
the decision-table answers instead of Prolog's: statuses, amounts and identities only, as
``eval`` states them, without building explanations. Many person-years run on every core
(forked workers, each a contiguous slice, joined back in order).
"""

from __future__ import annotations

import os
from collections import defaultdict
from collections.abc import Callable, Iterator
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.compute as pc

from reasoner.case import Case, NClaim, NIdentity
from reasoner.engine import Answers
from reasoner.evaluate import Evaluator
from reasoner.params import Resolved, Unresolved, Vertex, resolve

if TYPE_CHECKING:
    from reasoner.audit import Auditor
    from reasoner.evaluate import _Context, _Year

# Below this many person-years the workers cost more than they save (and tests stay serial).
PARALLEL_MIN = 2000
# Slices per worker: small enough to balance uneven person-years and to report progress.
_SLICES_PER_WORKER = 16

_COLUMNS = (
    ("claim_id", pa.string()),
    ("person_id", pa.string()),
    ("crow", pa.int64()),
    ("prog_ix", pa.int64()),
    ("program", pa.string()),
    ("status", pa.string()),
    ("amount", pa.int64()),
    ("amount_min", pa.int64()),
    ("amount_max", pa.int64()),
    ("identity", pa.string()),
)
_SCHEMA = pa.schema(list(_COLUMNS))
OutRow = tuple[str, str, int, int, str, str, int | None, int | None, int | None, str | None]


def _dec(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class _AuditEvaluator(Evaluator):
    """The evaluator with each candidate's figures resolved once per audit.

    resolve() reads only the rule, year, reading, reduction and tilt, and of the case its
    region's parameters and its scheme (reasoner.params.Params): in an audit every person
    of a region has the same parameters, so the figures are shared by all its person-years.
    """

    def __init__(self, *args: Any, **kw: Any) -> None:
        super().__init__(*args, **kw)
        self._figures: dict[tuple[Any, ...], Resolved | Unresolved] = {}

    def _resolve(
        self, ctx: _Context, year: int, y: _Year, v: Vertex
    ) -> dict[tuple[int, str], list[Resolved | Unresolved]]:
        if v.values:  # a city's own figures: not one of the audit's readings
            return super()._resolve(ctx, year, y, v)
        case = ctx.case
        tilt = self.kb.vocab.tilt
        memo = self._figures
        out: dict[tuple[int, str], list[Resolved | Unresolved]] = {}
        for (idx, p), opts in y.options.items():
            reduction = y.reductions.get((idx, p), 0)
            if reduction and v.generous(("reduction", case.region, year)):
                reduction = 0
            row: list[Resolved | Unresolved] = []
            for o in opts:
                key = (
                    case.region,
                    case.scheme,
                    o.rule.id,
                    year,
                    v.generous_keys,
                    v.everything,
                    reduction,
                    p == tilt,
                )
                r = memo.get(key)
                if r is None:
                    try:
                        r = resolve(ctx.params, o.rule, year, v, reduction, p == tilt)
                    except Unresolved as u:
                        r = u
                    memo[key] = r
                row.append(r)
            out[(idx, p)] = row
        return out


class PythonLedger:
    """The Python path of one audit, on the auditor's connection, parameters and reporter."""

    def __init__(self, auditor: Auditor) -> None:
        self.con = auditor.con
        self.kb = auditor.kb
        self.parameters = auditor.parameters
        self.rep = auditor.rep
        self._timed = auditor._timed
        self._count = auditor._count

    def rows(self, everyone: bool = False) -> pa.Table:
        """One row per claim and program of the person-years routed to Python (with
        ``everyone``, of every person-year the audit evaluates: the kernel's figures to set
        against the SQL ledger's)."""
        con = self.con
        which = "path <> 'error'" if everyone else "path = 'python'"
        con.execute(
            "CREATE OR REPLACE TEMP TABLE cx_final AS SELECT person_id, year FROM route "
            f"WHERE {which}"
        )
        total = self._count("SELECT count(*) FROM cx_final")
        with self._timed("ledger (Python)", total):
            # an engine that runs the kernel where its rows are (Spark's executors)
            elsewhere = getattr(self.con, "python_ledger", None)
            if total and elsewhere is not None:
                table: pa.Table = elsewhere(self.kb, self.parameters)
                self.rep.advance(total)
                return table
            if total:
                return self._run()
        return out_table([])

    def _run(self) -> pa.Table:
        global _JOB
        fetched = _Fetched(self.con)
        total = fetched.keys
        n = workers() if total >= PARALLEL_MIN else 1
        _JOB = _Job(_AuditEvaluator(self.kb), fetched.part, self.parameters)
        try:
            if n <= 1:
                out = _JOB.table(0, total)
                self.rep.advance(total)
                return out
            return self._parallel(n, total)
        finally:
            _JOB = None

    def _parallel(self, n: int, total: int) -> pa.Table:
        import multiprocessing

        step = max(1, -(-total // (n * _SLICES_PER_WORKER)))
        bounds = [(a, min(a + step, total)) for a in range(0, total, step)]
        out: list[pa.Table] = []
        # fork: the workers inherit the loaded kb and the fetched Arrow inputs instead of
        # pickling them, and each builds the Python objects of its own slices
        with multiprocessing.get_context("fork").Pool(n, initializer=_worker_signals) as pool:
            for (a, b), rows in zip(bounds, pool.imap(_slice, bounds), strict=True):
                if isinstance(rows, _Failed):
                    raise rows.error()
                out.append(rows)
                self.rep.advance(b - a)
        return pa.concat_tables(out) if out else out_table([])


def _worker_signals() -> None:
    """A worker dies quietly when the pool ends it: the parent's SIGTERM handler (raise, clean
    up, report) is the parent's, and Ctrl-C reaches the parent, which ends the pool."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def out_table(out: list[OutRow]) -> pa.Table:
    """The kernel's rows as the ``out_py`` relation."""
    cols = list(zip(*out, strict=True)) if out else [()] * len(_COLUMNS)
    return pa.table(
        [pa.array(c, t) for c, (_n, t) in zip(cols, _COLUMNS, strict=True)], schema=_SCHEMA
    )


def kernel_rows(ev: Evaluator, parameters: dict[str, Any], batch: pa.Table) -> list[OutRow]:
    """The kernel's rows for whole person-years given as one Arrow batch of their claim rows
    (the columns of :data:`BATCH_COLUMNS`; a person-year's rows together, in file order)."""
    inputs = _Inputs.from_batch(batch)
    job = _Job(ev, lambda a, b: inputs, parameters)
    return list(job.slice(0, len(inputs.claims)))


def audit_evaluator(kb: Any) -> Evaluator:
    """The evaluator the audit's Python ledger runs (figures resolved once per region)."""
    return _AuditEvaluator(kb)


# One row per claim of a person-year routed to Python: the claim, its person, and the
# person's identities and the claim's decision-table answers as lists.
BATCH_COLUMNS = (
    "person_id",
    "year",
    "crow",
    "claim_ref",
    "ctype",
    "date",
    "discharge",
    "disease",
    "level",
    "scope",
    "referral",
    "cost",
    "basic",
    "ci",
    "supp",
    "region",
    "birth",
    "dis",
    "maint",
    "scheme",
    "idents",  # [{irow, category, since, until}]
    "st",  # [{program, st}]
    "excl",  # [{program, excluded}]
    "appl",  # [{program, rule, cat, own}]
    "unres",  # [{program, cat, ref}]
)
SCHEMA = _SCHEMA


class _Failed:
    """An exception a worker raised, as plain data (MedaidError's arguments do not pickle)."""

    def __init__(self, e: BaseException) -> None:
        self.kind = type(e)
        self.state = dict(vars(e))
        self.args = e.args

    def error(self) -> BaseException:
        e = self.kind.__new__(self.kind)
        e.args = self.args
        vars(e).update(self.state)
        return e


class _Job:
    """What every worker needs, set before the fork: ``part(a, b)`` gives the inputs of
    person-years a … b−1 (at least)."""

    def __init__(
        self,
        ev: Evaluator,
        part: Callable[[int, int], _Inputs],
        parameters: dict[str, Any],
    ) -> None:
        self.ev = ev
        self.part = part
        self.parameters = parameters
        self.prog_ix = {p: i for i, p in enumerate(ev.kb.programs)}

    def slice(self, a: int, b: int) -> Iterator[OutRow]:
        """The rows of person-years a … b−1, in order."""
        ev, prog_ix = self.ev, self.prog_ix
        inputs = self.part(a, b)
        keys = list(inputs.claims)
        for key in keys[a - inputs.first : b - inputs.first]:
            pid = key[0]
            case, answers, crow_of = inputs.case(pid, inputs.claims[key], self.parameters)
            for claim, program, status, amount, lo, hi, identity in ev.rows(case, answers):
                yield (
                    claim.id,
                    pid,
                    crow_of[claim.index],
                    prog_ix[program],
                    program,
                    status,
                    amount,
                    lo,
                    hi,
                    identity,
                )

    def table(self, a: int, b: int) -> pa.Table:
        return out_table(list(self.slice(a, b)))


_JOB: _Job | None = None


def _slice(bounds: tuple[int, int]) -> pa.Table | _Failed:
    assert _JOB is not None
    try:
        return _JOB.table(*bounds)
    except Exception as e:
        return _Failed(e)


# Each person-year routed to Python gets k, its place in claim-row order (by its first
# claim): every input below comes sorted by k, so a slice of person-years is a slice of rows.
_KEYS_SQL = """
CREATE OR REPLACE TEMP TABLE py_k AS
SELECT person_id, year, row_number() OVER (ORDER BY first_crow) - 1 AS k FROM (
  SELECT c.person_id, c.year, min(c.crow) AS first_crow
  FROM claims c JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year
  GROUP BY c.person_id, c.year)
"""
_FETCH_SQL = {
    "persons": "SELECT k.k, p.person_id, p.region, p.birth, p.dis, p.maint, p.scheme "
    "FROM persons p JOIN py_k k USING (person_id) ORDER BY k.k",
    "idents": "SELECT k.k, i.person_id, i.category, i.since, i.until "
    "FROM idents i JOIN py_k k USING (person_id) ORDER BY k.k, i.irow",
    "claims": "SELECT k.k, c.person_id, c.year, c.crow, c.claim_ref, c.ctype, c.date, "
    "c.discharge, c.disease, c.level, c.scope, c.referral, c.cost, c.basic, c.ci, c.supp "
    "FROM claims c JOIN py_k k ON k.person_id = c.person_id AND k.year = c.year "
    "ORDER BY k.k, c.crow",
    "status": "SELECT k.k, b.claim_id, b.program, b.st, b.excluded "
    "FROM bst b JOIN py_k k USING (person_id, year) ORDER BY k.k",
    "appl": "SELECT k.k, a.claim_id, a.program, a.rule, a.cat, a.own "
    "FROM ap a JOIN cl c USING (claim_id) "
    "JOIN py_k k ON k.person_id = c.person_id AND k.year = c.year ORDER BY k.k",
    "unres": "SELECT k.k, u.claim_id, u.program, u.cat, u.ref "
    "FROM un u JOIN cl c USING (claim_id) "
    "JOIN py_k k ON k.person_id = c.person_id AND k.year = c.year ORDER BY k.k",
}


class _Fetched:
    """The inputs of the person-years in ``cx_final`` as Arrow tables, read in one pass
    before the fork; :meth:`part` makes the Python objects of a slice of them."""

    def __init__(self, con: Any) -> None:
        con.execute(_KEYS_SQL)
        self.keys = int(con.execute("SELECT count(*) FROM py_k").fetchall()[0][0])
        self.tables = {n: con.sql(q).to_arrow_table() for n, q in _FETCH_SQL.items()}
        con.execute("DROP TABLE IF EXISTS py_k")

    def part(self, a: int, b: int) -> _Inputs:
        return _Inputs.from_fetched(self.tables, a, b)


def _rows_of(t: pa.Table, a: int, b: int, with_k: bool) -> Iterator[tuple[Any, ...]]:
    """The rows of a table sorted by k whose k is in a … b−1, as tuples."""
    k = t.column("k")
    lo = pc.sum(pc.less(k, a)).as_py() or 0
    hi = pc.sum(pc.less(k, b)).as_py() or 0
    part = t.slice(lo, hi - lo)
    return zip(*(c.to_pylist() for c in part.columns[0 if with_k else 1 :]), strict=True)


class _Inputs:
    """Persons, identities, claims and the decision-table answers of some person-years,
    the first of them person-year number ``first``."""

    first: int
    persons: dict[str, tuple[Any, ...]]
    idents: dict[str, list[NIdentity]]
    claims: dict[tuple[str, int], list[tuple[Any, ...]]]
    status: dict[int, list[tuple[str, str]]]
    excl: dict[int, list[tuple[str, str]]]
    appl: dict[int, list[tuple[str, str, str, str]]]
    unres: dict[int, list[tuple[str, str, str]]]

    @classmethod
    def _empty(cls, first: int) -> _Inputs:
        self = cls.__new__(cls)
        self.first = first
        self.persons = {}
        self.idents = defaultdict(list)
        self.claims = defaultdict(list)
        self.status = defaultdict(list)
        self.excl = defaultdict(list)
        self.appl = defaultdict(list)
        self.unres = defaultdict(list)
        return self

    @classmethod
    def from_fetched(cls, tables: dict[str, pa.Table], a: int, b: int) -> _Inputs:
        """Person-years a … b−1 of the tables :class:`_Fetched` read (sorted by k)."""
        cols = {n: _rows_of(t, a, b, n == "idents") for n, t in tables.items()}
        self = cls._empty(a)
        self.persons = {r[0]: r for r in cols["persons"]}
        # a person's identities come once per person-year: those of the first are kept
        first_k: dict[str, int] = {}
        for k, pid, cat, since, until in cols["idents"]:
            if first_k.setdefault(pid, k) == k:
                self.idents[pid].append(
                    NIdentity.model_construct(category=cat, since=since, until=until, given_as=cat)
                )
        for row in cols["claims"]:
            self.claims[(row[0], row[1])].append(row[2:])
        for cid, p, st, why in cols["status"]:
            self.status[cid].append((p, st))
            if why is not None:
                self.excl[cid].append((p, why))
        for cid, p, r, cat, own in cols["appl"]:
            self.appl[cid].append((p, r, cat, own))
        for cid, p, cat, ref in cols["unres"]:
            self.unres[cid].append((p, cat, ref))
        return self

    @classmethod
    def from_batch(cls, batch: pa.Table) -> _Inputs:
        """The same inputs from claim rows carrying their person's and answers' lists."""
        self = cls._empty(0)
        cols = {n: batch.column(n).to_pylist() for n in BATCH_COLUMNS}
        for k in range(batch.num_rows):
            pid, crow = cols["person_id"][k], cols["crow"][k]
            if pid not in self.persons:
                self.persons[pid] = (
                    pid,
                    *(cols[n][k] for n in ("region", "birth", "dis")),
                    cols["maint"][k],
                    cols["scheme"][k],
                )
                for i in sorted(cols["idents"][k] or (), key=lambda i: i["irow"]):
                    c = i["category"]
                    self.idents[pid].append(
                        NIdentity.model_construct(
                            category=c, since=i["since"], until=i["until"], given_as=c
                        )
                    )
            self.claims[(pid, cols["year"][k])].append(
                tuple(cols[n][k] for n in BATCH_COLUMNS[2:15])
            )
            self.status[crow] = [(s["program"], s["st"]) for s in cols["st"][k] or ()]
            self.excl[crow] = [(s["program"], s["excluded"]) for s in cols["excl"][k] or ()]
            self.appl[crow] = [
                (a["program"], a["rule"], a["cat"], a["own"]) for a in cols["appl"][k] or ()
            ]
            self.unres[crow] = [(u["program"], u["cat"], u["ref"]) for u in cols["unres"][k] or ()]
        return self

    def case(
        self, pid: str, rows: list[tuple[Any, ...]], parameters: dict[str, Any]
    ) -> tuple[Case, Answers, dict[int, int]]:
        """One person-year as a case (claims numbered in file order) with its answers."""
        person = self.persons[pid]
        nclaims = []
        status: list[tuple[int, str, str]] = []
        applicable: list[tuple[int, str, str, str, str]] = []
        excluded: list[tuple[int, str, str]] = []
        unresolved: list[tuple[int, str, str, str]] = []
        crow_of: dict[int, int] = {}
        for i, (
            crow,
            cid,
            ctype,
            date,
            discharge,
            disease,
            level,
            scope,
            referral,
            *money,
        ) in enumerate(rows, start=1):
            cost, basic, ci, supp = (_dec(m) for m in money)
            nclaims.append(
                NClaim.model_construct(
                    index=i,
                    id=cid,
                    type=ctype,
                    date=date,
                    discharge=discharge,
                    disease=disease,
                    special_disease=None,
                    level=level,
                    scope=scope,
                    referral=referral,
                    policy_scope_cost=cost,
                    basic_insurance_paid=basic,
                    critical_illness_paid=ci,
                    supplementary_paid=supp,
                )
            )
            crow_of[i] = crow
            status += [(i, p, s) for p, s in self.status.get(crow, [])]
            applicable += [(i, *a) for a in self.appl.get(crow, [])]
            excluded += [(i, *x) for x in self.excl.get(crow, [])]
            unresolved += [(i, *u) for u in self.unres.get(crow, [])]
        case = Case.model_construct(
            region=person[1],
            person_id=pid,
            birth_date=person[2],
            disability_grade=person[3],
            needs_maintenance_treatment=bool(person[4]),
            scheme=person[5],
            identities=tuple(self.idents[pid]),
            parameters=parameters.get(person[1], {}),
            claims=tuple(nclaims),
            year=None,
        )
        answers = Answers(
            status=sorted(status),
            applicable=sorted(applicable),
            excluded=sorted(excluded),
            unresolved=sorted(unresolved),
        )
        return case, answers, crow_of
