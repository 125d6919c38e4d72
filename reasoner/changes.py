"""The smallest changes to a case that make a program apply (or pay more), each re-evaluated.

Every description is a kb sentence (kb/core/templates.pl, change_*).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reasoner.errors import InputError
from reasoner.evaluate import Benefit, Result
from reasoner.knowledge import KB

APPLIES = ("paid", "bounded", "granted")


@dataclass
class Change:
    description: str
    data: dict[str, Any]
    outcome: str = ""


def money_line(kb: KB, b: Benefit) -> str:
    """A benefit's amount in words: exact, a floor, or a range; empty when it pays nothing."""
    if b.status == "paid":
        return kb.say("amount_exact", f"{b.amount:.2f}")
    if b.status == "bounded" and b.amount_max is None:
        return kb.say("amount_floor", f"{b.amount_min:.2f}")
    if b.status == "bounded":
        return kb.say("amount_range", f"{b.amount_min:.2f}", f"{b.amount_max:.2f}")
    return ""


def _claim_pos(raw: dict[str, Any], claim_id: str) -> int:
    for i, c in enumerate(raw.get("claims", [])):
        if str(c.get("id")) == claim_id:
            return i
    return -1


def _gain(nb: Benefit, old: Benefit | None) -> bool:
    """Does `nb` apply, and (when `old` already applies) pay more?"""
    if nb.status not in APPLIES:
        return False
    if old is None or old.status not in ("paid", "bounded"):
        return old is None or old.status not in ("granted",)
    lo_new = nb.amount if nb.status == "paid" else nb.amount_min
    lo_old = old.amount if old.status == "paid" else old.amount_min
    return lo_new is not None and lo_old is not None and lo_new > lo_old


class _Candidates:
    """Single-field changes of one claim or its person, cheapest first."""

    def __init__(self, raw: dict[str, Any], pos: int) -> None:
        self.raw, self.pos = raw, pos
        self.found: list[tuple[int, Change]] = []

    def claim(self, desc: str, cost: int, **kv: Any) -> None:
        if self.pos < 0:
            return
        d = copy.deepcopy(self.raw)
        c = d["claims"][self.pos]
        for k, v in kv.items():
            if k in ("level", "scope"):
                c.setdefault("hospital", {})[k] = v
            else:
                c[k] = v
        self.found.append((cost, Change(desc, d)))

    def person(self, desc: str, cost: int, **kv: Any) -> None:
        d = copy.deepcopy(self.raw)
        d["person"].update(kv)
        self.found.append((cost, Change(desc, d)))

    def ordered(self) -> list[Change]:
        return [ch for _, ch in sorted(self.found, key=lambda x: x[0])]


def _claim_changes(kb: KB, cands: _Candidates, claim: dict[str, Any], region: str) -> None:
    for ref in kb.vocab.proper_referrals:
        if claim.get("referral", kb.vocab.unreferred) != ref:
            cands.claim(kb.say("change_referral", kb.label(ref)), 1, referral=ref)
    # Only places some document counts as inside an area: care outside every one never helps.
    for scope in dict.fromkeys(s for reg, s, _, _ in kb.within if reg == region):
        if claim.get("hospital", {}).get("scope") != scope:
            cands.claim(kb.say("change_scope", kb.label(scope)), 2, scope=scope)
    for level in kb.vocab.levels:
        if claim.get("hospital", {}).get("level") != level:
            cands.claim(kb.say("change_level", level), 2, level=level)


def _condition_changes(
    kb: KB, cands: _Candidates, result: Result, claim: dict[str, Any], conds: list[Any]
) -> None:
    """Changes that meet a condition some rule of the program states."""
    person = cands.raw.get("person", {})
    pos = cands.pos
    for cond in conds:
        if isinstance(cond, tuple) and cond[0] == "disability_max":
            g = int(cond[1])
            if person.get("disability_grade") != g:
                cands.person(kb.say("change_disability", g), 3, disability_grade=g)
        elif cond == "special_disease" and not claim.get("special_disease"):
            cands.claim(kb.say("change_special"), 3, special_disease=True)
        elif cond == "ordinary_disease" and claim.get("special_disease"):
            cands.claim(kb.say("change_ordinary"), 3, special_disease=False)
        elif cond == "maintenance" and not person.get("needs_maintenance_treatment"):
            cands.person(kb.say("change_maintenance"), 3, needs_maintenance_treatment=True)
        elif isinstance(cond, tuple) and cond[0] == "age_min" and pos >= 0:
            on = result.case.claims[pos].date if pos < len(result.case.claims) else None
            if on is not None:
                years = int(cond[1])
                born = dt.date(on.year - years, 1, 1)
                cands.person(
                    kb.say("change_birth", born.isoformat(), years),
                    3,
                    birth_date=born.isoformat(),
                )
        elif isinstance(cond, tuple) and cond[0] == "cost_over" and pos >= 0:
            need = Decimal(cond[1]) / 100 + Decimal("0.01")
            cands.claim(kb.say("change_cost", f"{need:.2f}"), 3, policy_scope_cost=str(need))


def _identity_changes(
    kb: KB, raw: dict[str, Any], result: Result, claim: dict[str, Any], program: str
) -> list[Change]:
    """Every identity that could serve: the program's rule categories and their subkinds."""
    region = result.case.region
    wanted: list[str] = []
    for rule in kb.rules.values():
        if rule.region == region and rule.program == program:
            wanted += [c for c, _ in rule.categories]
    wanted += [sub for reg, sub, sup, _ in kb.subkinds if reg == region and sup in wanted]
    out: list[Change] = []
    for cat in dict.fromkeys(wanted):
        if any(i.category == cat for i in result.case.identities):
            continue
        d = copy.deepcopy(raw)
        since = claim.get("date") or dt.date(result.case.years()[0], 1, 1)
        d["person"]["identities"] = [
            *d["person"]["identities"],
            {"category": cat, "since": since},
        ]
        out.append(Change(kb.say("change_identity", kb.category_label(region, cat), cat), d))
    return out


def smallest_changes(
    kb: KB,
    raw: dict[str, Any],
    result: Result,
    claim_id: str,
    program: str,
    evaluate: Callable[..., Result],
    limit: int = 5,
    better_than: Benefit | None = None,
) -> list[Change]:
    """Single-field changes to the case that make the program apply (or, when it applies,
    pay more), each re-evaluated. At most `limit` changes of the claim or person; every
    identity that works is listed."""
    from reasoner.explain import benefit_of, status_text

    pos = _claim_pos(raw, claim_id)
    region = result.case.region
    cands = _Candidates(raw, pos)
    claim = raw["claims"][pos] if pos >= 0 else {}
    _claim_changes(kb, cands, claim, region)
    conds = [
        cond
        for rule in kb.rules.values()
        if rule.region == region and rule.program == program
        for cond, _ in rule.conditions + rule.exclusions
    ]
    _condition_changes(kb, cands, result, claim, conds)
    ordered = cands.ordered()
    identities = _identity_changes(kb, raw, result, claim, program)
    seen: set[str] = set()
    out: list[Change] = []
    for n, ch in enumerate([*ordered, *identities]):
        is_identity = n >= len(ordered)
        if ch.description in seen or (not is_identity and len(out) >= limit):
            continue
        seen.add(ch.description)
        try:
            # Claim programs do not depend on the yearly premium subsidy (nor its parameters).
            res = evaluate(ch.data, premium=program == kb.vocab.premium)
        except Exception:  # noqa: BLE001 — a change that makes the case invalid is simply not a fix
            continue
        try:
            _, nb = benefit_of(kb, res, claim_id, program)
        except InputError:
            continue
        if _gain(nb, better_than):
            label = kb.label(program)
            ch.outcome = kb.say(
                "change_outcome", label, status_text(kb, nb.status), money_line(kb, nb)
            ).strip()
            out.append(ch)
    return out
