"""One audited person as a `medaid eval` case file (`audit --explain`, the workbench)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import duckdb

from reasoner.errors import InputError


def _dec(fen: int) -> Decimal:
    return Decimal(fen).scaleb(-2)


def person_of_claim(con: duckdb.DuckDBPyConnection, claim_id: str) -> str | None:
    """The person an accepted claim belongs to."""
    row = con.execute("SELECT person_id FROM claims WHERE claim_ref = ?", [claim_id]).fetchone()
    return None if row is None else str(row[0])


def case_dict(
    con: duckdb.DuckDBPyConnection, person_id: str, raw_parameters: dict[str, Any]
) -> dict[str, Any]:
    """The person's accepted rows as a `medaid eval` case (all their claims, file order)."""
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
