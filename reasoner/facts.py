"""A case as facts for the rule base: one claim (or one year's premium row) at a time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from reasoner.case import Case, NClaim
from reasoner.engine import Fact
from reasoner.knowledge import KB
from reasoner.space import Reading, dimension_facts

PREMIUM_BASE = 900_000_000


def ymd(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def month_end(d: dt.date) -> dt.date:
    if d.year >= 9999 and d.month == 12:
        return d
    first_next = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


def special_match(kb: KB, region: str, claim: NClaim) -> tuple[bool, tuple[Any, ...] | None]:
    """Is the claim's disease in the region's special-disease catalogue?"""
    catalogs = {r[1] for r in kb.uses_catalog if r[0] == region}
    match = None
    if claim.disease and catalogs:
        name = claim.disease.strip()
        code = name.upper().replace(".", "").replace(" ", "")
        for row in kb.diseases:
            if row[0] not in catalogs:
                continue
            _, _, dname, lo, hi, _ = row
            lo_n, hi_n = lo.upper().replace(".", ""), hi.upper().replace(".", "")
            if name == dname or (
                code[:1].isalpha()
                and code[1:3].isdigit()
                and code[: len(lo_n)] >= lo_n
                and code[: len(hi_n)] <= hi_n
            ):
                match = row
                break
    if claim.special_disease is not None:
        return claim.special_disease, match
    return match is not None, match


def claim_facts(case: Case, claim: NClaim, special: bool, kb: KB | None = None) -> list[Fact]:
    c = claim.index
    f: list[Fact] = [
        ("claim", c),
        ("claim_region", c, case.region),
        ("claim_type", c, claim.type),
        ("claim_date", c, ymd(claim.date)),
    ]
    if claim.discharge:
        f.append(("claim_discharge", c, ymd(claim.discharge)))
    # What the conditions read, as the dimensions of reasoner/space.py describe it.
    f += dimension_facts(Reading(case, claim, claim.date, special, kb), c)
    return f + _identity_facts(case, c)


def implied_disability(kb: KB, case: Case, on: dt.date) -> int | None:
    """The disability grade an identity held on the day certifies (identity_implies/5):
    holding 城乡重度（1—2级）残疾人员 is itself the proof of a grade 1–2 disability."""
    grades = [
        int(v)
        for r, cat, attr, v, _ in kb.identity_implies
        if r == case.region and attr == "disability_grade"
        for i in case.identities
        if i.category == cat and i.since <= on <= i.until
    ]
    return min(grades) if grades else None


def premium_facts(case: Case, year: int) -> list[Fact]:
    c = PREMIUM_BASE + year
    f: list[Fact] = [
        ("claim", c),
        ("claim_region", c, case.region),
        ("claim_type", c, "premium"),
        ("claim_date", c, year * 10000 + 101),
        ("claim_discharge", c, year * 10000 + 1231),
    ]
    f += dimension_facts(Reading(case, None, dt.date(year, 1, 1)), c)
    return f + _identity_facts(case, c)


def _identity_facts(case: Case, c: int) -> list[Fact]:
    return [
        (
            "claim_identity",
            c,
            i.category,
            ymd(i.since),
            ymd(i.until),
            ymd(month_end(i.until)),
            i.since.year * 10000 + 101,
        )
        for i in case.identities
    ]
