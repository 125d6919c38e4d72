"""The audit's Python ledger: the person-years the SQL plan does not take.

They go through the ledger kernel by way of :meth:`reasoner.evaluate.Evaluator.rows`, given
the decision-table answers instead of Prolog's: statuses, amounts and identities only, as
``eval`` states them, without building explanations.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from reasoner.case import Case, NClaim, NIdentity
from reasoner.engine import Answers
from reasoner.evaluate import Evaluator

if TYPE_CHECKING:
    from reasoner.audit import Auditor


def _dec(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


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
        out: dict[str, list[Any]] = {
            k: []
            for k in (
                "claim_id",
                "person_id",
                "crow",
                "prog_ix",
                "program",
                "status",
                "amount",
                "amount_min",
                "amount_max",
                "identity",
            )
        }
        with self._timed("ledger (Python)", total):
            if total:
                self._run(out)
        schema = pa.schema(
            [
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
            ]
        )
        return pa.table(out, schema=schema)

    def _run(self, out: dict[str, list[Any]]) -> None:
        ev = Evaluator(self.kb)
        prog_ix = {p: i for i, p in enumerate(self.kb.programs)}
        inputs = _Inputs(self.con)
        for (pid, _year), rows in inputs.claims.items():
            case, answers, crow_of = inputs.case(pid, rows, self.parameters)
            for claim, program, status, amount, lo, hi, identity in ev.rows(case, answers):
                out["claim_id"].append(claim.id)
                out["person_id"].append(pid)
                out["crow"].append(crow_of[claim.index])
                out["prog_ix"].append(prog_ix[program])
                out["program"].append(program)
                out["status"].append(status)
                out["amount"].append(amount)
                out["amount_min"].append(lo)
                out["amount_max"].append(hi)
                out["identity"].append(identity)
            self.rep.advance()


class _Inputs:
    """The person-years in ``cx_final``: persons, identities, claims and the decision-table
    answers, read once."""

    def __init__(self, con: Any) -> None:
        self.persons = {
            r[0]: r
            for r in con.execute(
                "SELECT p.person_id, p.region, p.birth, p.dis, p.maint, p.scheme FROM persons p "
                "WHERE p.person_id IN (SELECT person_id FROM cx_final)"
            ).fetchall()
        }
        self.idents: dict[str, list[NIdentity]] = defaultdict(list)
        for pid, cat, since, until in con.execute(
            "SELECT person_id, category, since, until FROM idents "
            "WHERE person_id IN (SELECT person_id FROM cx_final) ORDER BY person_id, irow"
        ).fetchall():
            self.idents[pid].append(
                NIdentity.model_construct(category=cat, since=since, until=until, given_as=cat)
            )
        self.claims: dict[tuple[str, int], list[tuple[Any, ...]]] = defaultdict(list)
        for row in con.execute(
            "SELECT c.person_id, c.year, c.crow, c.claim_ref, c.ctype, c.date, c.discharge, c.disease, "
            "c.level, c.scope, c.referral, c.cost, c.basic, c.ci, c.supp FROM claims c "
            "JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year ORDER BY c.crow"
        ).fetchall():
            self.claims[(row[0], row[1])].append(row[2:])
        self.status: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for cid, p, s in con.execute(
            "SELECT b.claim_id, b.program, b.st FROM bst b JOIN cx_final x USING (person_id, year)"
        ).fetchall():
            self.status[cid].append((p, s))
        self.excl: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for cid, p, why in con.execute(
            "SELECT b.claim_id, b.program, b.excluded FROM bst b JOIN cx_final x USING (person_id, year) "
            "WHERE b.excluded IS NOT NULL"
        ).fetchall():
            self.excl[cid].append((p, why))
        self.appl: dict[int, list[tuple[str, str, str, str]]] = defaultdict(list)
        for cid, p, r, cat, own in con.execute(
            "SELECT a.claim_id, a.program, a.rule, a.cat, a.own FROM ap a JOIN cl c USING (claim_id) "
            "JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year"
        ).fetchall():
            self.appl[cid].append((p, r, cat, own))
        self.unres: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for cid, p, cat, ref in con.execute(
            "SELECT u.claim_id, u.program, u.cat, u.ref FROM un u JOIN cl c USING (claim_id) "
            "JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year"
        ).fetchall():
            self.unres[cid].append((p, cat, ref))

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
