"""Parity: SWI-Prolog and clingo read the same kb and must agree on every profile.

More than 10,000 claims in ONE batch per engine: the profile space exactly as `medaid
check` searches it and as the audit's decision tables compile it (reasoner/space.py,
reasoner/decision.py), plus identity pairs with person attributes, identities that end
or begin around the claim date and the premium pseudo-claim for each scheme, built with
the evaluator's own fact builders (claim_facts, premium_facts). Status, applicable rules
(with the identity the person holds them through), exclusions and delegations must be
identical.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
import time
from decimal import Decimal
from typing import Any

import pytest

from reasoner import decision
from reasoner.api import get_kb
from reasoner.asp import AspEngine
from reasoner.case import Case, NClaim, NIdentity
from reasoner.checks.search import Classes, Search
from reasoner.engine import Answers, Fact, engine
from reasoner.evaluate import claim_facts, premium_facts
from reasoner.space import (
    OPEN_END,
    Space,
    region_categories,
    search_date,
)

OPEN = OPEN_END
DATE = dt.date(2025, 6, 10)


def _case(
    region: str,
    idents: list[tuple[str, dt.date, dt.date]],
    scheme: str,
    attrs: tuple[str, ...] = (),
) -> Case:
    return Case.model_construct(
        region=region,
        person_id="p",
        birth_date=dt.date(1935, 1, 1) if "age" in attrs else dt.date(1980, 1, 1),
        disability_grade=1 if "disability" in attrs else None,
        needs_maintenance_treatment="maintenance" in attrs,
        scheme=scheme,
        identities=tuple(
            NIdentity.model_construct(category=c, since=s, until=u, given_as=c)
            for c, s, u in idents
        ),
        parameters={},
        claims=(),
        year=DATE.year,
    )


def _claim(i: int, kind: str, level: int, scope: str, referral: str, cost: int) -> NClaim:
    return NClaim.model_construct(
        index=i,
        id=f"c{i}",
        type=kind,
        date=DATE,
        discharge=DATE + dt.timedelta(days=12),
        disease=None,
        special_disease=None,
        level=level,
        scope=scope,
        referral=referral,
        policy_scope_cost=Decimal(cost),
        basic_insurance_paid=Decimal(0),
        critical_illness_paid=Decimal(0),
        supplementary_paid=Decimal(0),
    )


def profiles() -> tuple[list[Fact], int]:
    """The batch: facts for every profile, each profile one claim index."""
    kb = get_kb()
    v = kb.vocab
    rng = random.Random(20261125)
    facts: list[Fact] = []
    n = 0

    def add(case: Case, claim: NClaim | None, special: bool) -> None:
        nonlocal n
        n += 1
        raw = premium_facts(case, DATE.year) if claim is None else claim_facts(case, claim, special)
        facts.extend((f[0], n, *f[2:]) for f in raw)

    # The profile space as `check` searches it, then as the decision tables compile it
    # (their claim numbers moved past ours; the date probes keep theirs, far above).
    space = Space(kb, search_date(kb))
    profs = space.profiles()
    facts += space.batch(profs)
    n = len(profs)
    tables = decision.profile_batch(kb)
    probes, probe_rows = decision._probes(kb)
    facts += [(f[0], f[1] + n, *f[2:]) for f in tables.facts]
    facts += probes
    n += len(tables.region_of) + len(probe_rows)
    since = dt.date(2020, 1, 1)
    for region in kb.documents:
        cats = region_categories(kb, region)
        # Every pair of identities over a sample of the claim space, with person attributes.
        for a, b in itertools.combinations(cats, 2):
            for _ in range(6):
                attrs = tuple(x for x in ("age", "disability", "maintenance") if rng.random() < 0.3)
                claim = _claim(
                    n + 1,
                    rng.choice(v.claim_types),
                    rng.choice(v.ids("level")),
                    rng.choice(v.scope_ids),
                    rng.choice(v.referral_ids),
                    rng.choice((5000, 30000, 31000, 80000)),
                )
                add(
                    _case(region, [(a, since, OPEN), (b, since, OPEN)], "resident_tier1", attrs),
                    claim,
                    rng.random() < 0.5,
                )
            add(
                _case(region, [(a, since, OPEN), (b, since, OPEN)], rng.choice(v.scheme_ids)),
                None,
                False,
            )
        # Identities gained or lost around the claim date (month grace, gained during stay,
        # retroactive year, premium year overlap).
        for cat in cats:
            for s, u in (
                (since, DATE - dt.timedelta(days=5)),  # lost earlier in the month
                (since, dt.date(2025, 5, 20)),  # lost the month before
                (DATE + dt.timedelta(days=3), OPEN),  # gained during the stay
                (dt.date(2025, 9, 1), OPEN),  # gained later in the year
            ):
                for k in v.claim_types:
                    add(
                        _case(region, [(cat, s, u)], "resident_tier2"),
                        _claim(n + 1, k, 2, "in_city", "referred", 40000),
                        False,
                    )
                add(_case(region, [(cat, s, u)], "resident_tier2"), None, False)
    return facts, n


def _norm(rows: list[Any]) -> set[tuple[Any, ...]]:
    return {tuple(r) for r in rows}


@pytest.fixture(scope="module")
def grounded() -> tuple[list[Fact], int, Answers, float]:
    """The batch and clingo's answers for it (every profile its own claim), with the time."""
    facts, n = profiles()
    t = time.perf_counter()
    asp = AspEngine().answers(facts)
    return facts, n, asp, time.perf_counter() - t


def test_prolog_and_clingo_agree_on_every_profile(
    grounded: tuple[list[Fact], int, Answers, float],
) -> None:
    facts, n, asp, t_asp = grounded
    assert n >= 10_000, n
    t = time.perf_counter()
    pl = engine().answers(facts)
    t_pl = time.perf_counter() - t
    for name in ("status", "applicable", "excluded", "unresolved"):
        a, p = _norm(getattr(asp, name)), _norm(getattr(pl, name))
        only_a, only_p = sorted(a - p)[:5], sorted(p - a)[:5]
        assert a == p, f"{name}: clingo only {only_a}; prolog only {only_p}"
    # Every claim got a status for every program offered for it, and some of each kind occur.
    statuses = {s for _, _, s in asp.status}
    assert {"eligible", "not_eligible", "excluded", "unresolved"} <= statuses
    assert len({c for c, _, _ in asp.status}) == n
    # The applicable rows carry the identity the person holds (subkinds included).
    assert any(cat != own for _, _, _, cat, own in asp.applicable)
    print(f"parity: {n} profiles, {len(facts)} facts; clingo {t_asp:.1f}s, prolog {t_pl:.1f}s")


def test_search_classes_answer_as_every_profile_alone(
    grounded: tuple[list[Fact], int, Answers, float], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`check` grounds one claim per class of profiles the rules cannot tell apart
    (reasoner/checks/search.py); read back for every profile, the rows are exactly those clingo gives
    the profile grounded as its own claim (the batch's first claims are the search's
    profiles, in order)."""
    monkeypatch.setenv("MEDAID_NO_CACHE", "1")  # the search itself, not a stored result
    kb = get_kb()
    space = Space(kb, search_date(kb))
    search = Search(kb, space)
    m = len(search.profiles)
    reps = Classes(kb, search.profiles).first
    # The classes merge: shapingba's level and cost matter to its inpatient rules only.
    assert len(reps) < 0.6 * m, (len(reps), m)
    _, _, asp, _ = grounded
    want: dict[str, set[tuple[Any, ...]]] = {
        "status": {r for r in _norm(asp.status) if r[0] <= m},
        "applicable": {r for r in _norm(asp.applicable) if r[0] <= m},
        "excluded": {r for r in _norm(asp.excluded) if r[0] <= m},
        "unresolved": {r for r in _norm(asp.unresolved) if r[0] <= m},
    }
    got: dict[str, set[tuple[Any, ...]]] = {
        "status": {(i, p, st) for i, sts in search.status.items() for p, st in sts.items()},
        "applicable": {(i, p, *row) for (i, p), rows in search.applicable.items() for row in rows},
        "excluded": {(i, *row) for i, rows in search.excluded.items() for row in rows},
        "unresolved": {(i, p, *row) for (i, p), rows in search.unresolved.items() for row in rows},
    }
    for name, rows in want.items():
        only_w, only_g = sorted(rows - got[name])[:5], sorted(got[name] - rows)[:5]
        assert got[name] == rows, f"{name}: alone only {only_w}; search only {only_g}"
    assert len({c for c, _, _ in want["status"]}) == m


@pytest.mark.parametrize("region", ["shapingba", "jiangsu"])
def test_batches_are_independent(region: str) -> None:
    """The Prolog engine retracts the previous batch: a second, smaller batch answers alone."""
    kb = get_kb()
    cat = region_categories(kb, region)[0]
    case = _case(region, [(cat, dt.date(2020, 1, 1), OPEN)], "resident_tier1")
    facts = [
        (f[0], 1, *f[2:])
        for f in claim_facts(case, _claim(1, "inpatient", 2, "in_city", "referred", 40000), False)
    ]
    pl, asp = engine().answers(facts), AspEngine().answers(facts)
    assert _norm(pl.status) == _norm(asp.status)
    assert {c for c, _, _ in pl.status} == {1}
