"""anomaly: 二档 earning more than 一档, a category listed earlier paid less, assistance
falling as the cost rises."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reasoner.checks.common import (
    cat_term,
    cats_text,
    dedupe,
    is_sub,
    offered_programs,
    program_kind,
    program_kinds,
    rate_range,
    situation_text,
)
from reasoner.checks.model import Finding
from reasoner.compare import base_short, covers
from reasoner.errors import MedaidError
from reasoner.knowledge import KB
from reasoner.space import (
    PARAMETERS,
    Profile,
    Situation,
    functor,
    premium_situation,
    region_categories,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def anomalies(ck: Checker) -> None:
    for region in ck.space.dims:
        if ck.space.dims[region].premium:
            _premium_tiers(ck, region)
        _order_inversions(ck, region)
    _monotonicity(ck)


def _best_rate(
    ck: Checker, region: str, cat: str, s: Situation, prog: str
) -> tuple[int, int, Any] | None:
    """The highest rate the rules paying cat in s allow (lowest, highest, unit)."""
    i = ck.search.find(region, cat, s)
    key = (i, cat, prog)
    if key not in ck._rates:
        ck._rates[key] = _best_rate_uncached(ck, region, cat, s, prog)
    return ck._rates[key]


def _best_rate_uncached(
    ck: Checker, region: str, cat: str, s: Situation, prog: str
) -> tuple[int, int, Any] | None:
    o = ck.search.outcome(region, cat, s, prog)
    if o.status != "eligible":
        return None
    rates = [rate_range(ck.kb.rules[r]) for r, _, own in o.applicable if own == cat]
    rs = [x for x in rates if x is not None]
    if not rs:
        return None
    return max(rs, key=lambda x: (x[0], x[1]))


def _premium_tiers(ck: Checker, region: str) -> None:
    """Choosing the dearer 二档 should not earn a larger share of subsidy than 一档."""
    kb = ck.kb
    t1, t2 = (
        premium_situation(kb.vocab, "resident_tier1"),
        premium_situation(kb.vocab, "resident_tier2"),
    )
    rows = []
    for cat in region_categories(kb, region):
        if is_sub(kb, region, cat) or not any(
            r == region and c == cat for r, c, _, _ in kb.recognises
        ):
            continue
        r1 = _best_rate(ck, region, cat, t1, kb.vocab.premium)
        r2 = _best_rate(ck, region, cat, t2, kb.vocab.premium)
        if r2 is None:
            continue
        if r1 is None or r2[0] > r1[1]:
            rows.append((cat, r1, r2))
    if not rows:
        return
    cats = [c for c, _, _ in rows]

    def rate(x: tuple[int, int, Any] | None) -> str:
        if x is None:
            return kb.sentence("finding_anomaly_no_subsidy")
        unit = x[2][1] if isinstance(x[2], tuple) else ""
        lo = f"{x[0]}%" if x[0] == x[1] else f"≥{x[0]}%"
        return f"{lo} {base_short(kb, unit)}".strip()

    msg = kb.say(
        "finding_anomaly_tier2",
        kb.region_name(region),
        "；".join(
            kb.say("finding_anomaly_tier2_row", cats_text(kb, region, [c]), rate(a), rate(b))
            for c, a, b in rows
        ),
        _net_note(kb, region, rows),
        kb.sentence("finding_anomaly_tier1_base")
        if any(_unit_base(b[2]) == "resident_tier1_contribution" for _, _, b in rows)
        else "",
    )
    cites: list[str] = []
    f = Finding(
        f"anomaly:{region}:premium_subsidy:tier2",
        "anomaly",
        "warning",
        [region],
        [kb.vocab.premium],
        cats,
        msg,
        cites,
    )
    for cat, _, _ in rows:
        for s in (t1, t2):
            o = ck.search.outcome(region, cat, s, kb.vocab.premium)
            for r, _, own in o.applicable:
                if own == cat:
                    rl = kb.rules[r]
                    f.cites += [rl.cite, rl.params["rate"].cite]
        f.cites += [
            i.id
            for i in kb.interpretations.values()
            if i.region == region
            and "二档" in i.rationale
            and cat_term(kb, region, cat) in i.rationale
        ]
        pr = ck.probe(region, (cat,), t2, kb.vocab.premium, ("paid", "bounded"), relation="gt")
        pr.contrast = ck.contrast(region, (cat,), t1)
        pr.contrast_expect = ("paid", "bounded", "not_eligible")
        f.candidates.append(pr)
    ck.add(f)


def _order_inversions(ck: Checker, region: str) -> None:
    """A category the document lists earlier (category_order, also medaid's 就高 tie-break)
    getting a lower rate than one listed later, in the same situation."""
    kb = ck.kb
    ranked = sorted(
        (c for c in region_categories(kb, region) if (region, c) in kb.category_order),
        key=lambda c: kb.category_order[(region, c)],
    )
    d = ck.space.dims[region]
    for prog in offered_programs(kb, region):
        if program_kind(kb, prog) not in ("assistance", "premium"):
            continue
        kinds = program_kinds(kb, region, prog)
        sits = sorted(
            {x for c in ranked for x in d.situations(c) if x.type in kinds},
            key=Situation.closeness,
        )
        # One list per category, aligned with sits: the pair scan below walks them side by
        # side instead of hashing (category, situation) some 10⁵ times.
        rate = {c: [_best_rate(ck, region, c, x, prog) for x in sits] for c in ranked}
        pairs: dict[tuple[str, str], Situation] = {}
        for cat_a, cat_b in itertools.combinations(ranked, 2):
            if kb.category_order[(region, cat_a)] >= kb.category_order[(region, cat_b)]:
                continue
            for x, ra, rb in zip(sits, rate[cat_a], rate[cat_b], strict=True):
                if ra is None or rb is None or ra[2] != rb[2]:
                    continue
                if ra[1] < rb[0]:
                    pairs[(cat_a, cat_b)] = x
                    break
        if not pairs:
            continue
        lines = []
        f = Finding(
            f"anomaly:{region}:{prog}:category_order",
            "anomaly",
            "info",
            [region],
            [prog],
            dedupe(c for pair in pairs for c in pair),
            "",
            [],
        )
        for (a, b), s in pairs.items():
            lines.append(_order_line(ck, region, prog, a, b, s))
            for c in (a, b):
                o = ck.search.outcome(region, c, s, prog)
                f.cites += [
                    kb.rules[r].params["rate"].cite
                    for r, _, own in o.applicable
                    if own == c and "rate" in kb.rules[r].params
                ]
                f.cites += [ck.order_cites.get((region, c), "")]
            for cost in ck.cost_options([region], s)[:2]:
                pr = ck.probe(region, (a,), s, prog, ("paid", "bounded"), cost, relation="lt")
                pr.contrast = ck.contrast(region, (b,), s, cost)
                pr.contrast_expect = ("paid", "bounded")
                f.candidates.append(pr)
        shown = lines[:6]
        f.message = kb.say(
            "finding_anomaly_order",
            kb.region_name(region),
            kb.label(prog),
            "；".join(shown),
            kb.say("finding_anomaly_order_more", len(lines)) if len(lines) > len(shown) else "",
        )
        ck.add(f)


def _order_line(ck: Checker, region: str, prog: str, a: str, b: str, s: Situation) -> str:
    """Category a, listed before b, paid a lower rate than b in situation s."""
    kb = ck.kb
    ra, rb = _best_rate(ck, region, a, s, prog), _best_rate(ck, region, b, s, prog)
    assert ra is not None and rb is not None
    where = (
        ""
        if s.type == "premium"
        else kb.say(
            "finding_anomaly_order_situation", situation_text(kb, s, [ck.space.dims[region]])
        )
    )
    return kb.say(
        "finding_anomaly_order_pair",
        cat_term(kb, region, a),
        kb.category_order[(region, a)],
        _pct(ra),
        cat_term(kb, region, b),
        kb.category_order[(region, b)],
        _pct(rb),
        where,
    )


def _monotonicity(ck: Checker) -> None:
    """Total assistance on one claim must not shrink as the cost grows (all else equal).

    The scan evaluates already-valid cases directly (no parsing, no rendering); a
    drop it finds becomes a finding whose witness is then verified like any other,
    through `evaluate_data`."""
    from reasoner.api import evaluator

    kb = ck.kb
    ev = evaluator()
    params = {(k, None): Decimal(v) for k, v in PARAMETERS.items()}
    for region, d in ck.space.dims.items():
        # With the other dimensions fixed, one rule's amount min(rate × max(0, self-pay −
        # deductible), cap) never falls as the cost rises, nor does a maximum of such
        # amounts (就高, overlap) or a tilt on what they leave. Only a change in which
        # rules apply can make it fall, and only a cost_over condition changes that with
        # the cost: so only regions with cost thresholds, and only the claim kinds whose
        # programs state one, are scanned — at costs around each threshold.
        if not d.thresholds:
            continue
        kinds = _threshold_kinds(kb, region, d.kinds)
        costs = sorted(
            {500_000, 60_000_000}
            | {t + dlt for t in d.thresholds for dlt in (-100_000, 0, 100, 1_000_000)}
        )
        seen: set[tuple[Any, ...]] = set()
        for cat in region_categories(kb, region):
            # Categories paid by the same rules (and delegations) behave alike: test one.
            key = tuple(
                sorted(
                    (rl.id, c)
                    for rl in kb.rules.values()
                    if rl.region == region and rl.program != kb.vocab.premium
                    for c, _ in rl.categories
                    if covers(kb, region, {c}, cat)
                )
            ) + tuple(
                sorted(
                    (p, str(doc))
                    for r, p, c, doc, _ in kb.delegations
                    if r == region and covers(kb, region, {c}, cat)
                )
            )
            if not key or key in seen:
                continue
            seen.add(key)
            for kind in kinds:
                for special in d.specials:
                    s = Situation(kind, level=2 if 2 in d.levels else d.levels[0], special=special)
                    prev: tuple[int, Decimal, Decimal] | None = None
                    for cost in costs:
                        case, claim = ck.space._case(Profile(region, (cat,), s), cost)
                        assert claim is not None
                        case = case.model_copy(update={"claims": (claim,), "parameters": params})
                        # eligibility read off the search (the profile of the same cost class)
                        ans = ck.search.answers(region, cat, replace(s, cost=cost))
                        try:
                            t = ev.evaluate(case, premium=False, answers=ans).totals()
                        except MedaidError:
                            break
                        lo = t.get("assistance_min", t["assistance"])
                        # a floor or an unresolved program leaves the total without a top
                        hi = t.get(
                            "assistance_max",
                            Decimal("Infinity") if "assistance_min" in t else t["assistance"],
                        )
                        if prev is not None and (lo < prev[1] or hi < prev[2]):
                            _monotonic_finding(
                                ck, region, cat, s, prev[0], cost, prev[1:], (lo, hi)
                            )
                            break
                        prev = (cost, lo, hi)


def _threshold_kinds(kb: KB, region: str, kinds: tuple[str, ...]) -> list[str]:
    """The claim kinds whose programs in the region state a cost_over condition."""
    return [
        k
        for k in kinds
        if any(
            functor(c) == "cost_over"
            for rl in kb.rules.values()
            if rl.region == region and k in program_kinds(kb, region, rl.program)
            for c, _ in (*rl.conditions, *rl.exclusions)
        )
    ]


def _monotonic_finding(
    ck: Checker,
    region: str,
    cat: str,
    s: Situation,
    c1: int,
    c2: int,
    a1: tuple[Decimal, ...],
    a2: tuple[Decimal, ...],
) -> None:
    kb = ck.kb
    msg = kb.say(
        "finding_anomaly_monotonic",
        kb.region_name(region),
        cat_term(kb, region, cat),
        situation_text(kb, replace(s, cost=c1), [ck.space.dims[region]]),
        f"{Decimal(c1) / 100:.0f}",
        f"{Decimal(c2) / 100:.0f}",
        f"{a1[0]:.2f}",
        f"{a2[0]:.2f}",
    )
    f = Finding(
        f"anomaly:{region}:{s.type}:{cat}:monotonic",
        "anomaly",
        "warning",
        [region],
        [],
        [cat],
        msg,
        [],
    )
    pr = ck.probe(region, (cat,), s, None, (), c2, relation="lt")
    pr.contrast = ck.contrast(region, (cat,), s, c1)
    f.candidates.append(pr)
    ck.add(f)


def _unit_base(unit: Any) -> str:
    return str(unit[1]) if isinstance(unit, tuple) else str(unit)


def _net_note(
    kb: KB, region: str, rows: list[tuple[str, tuple[int, int, Any] | None, tuple[int, int, Any]]]
) -> str:
    """Where 一档 pays nothing, what the person pays in each tier with the witness figures."""
    c1 = Decimal(PARAMETERS["resident_tier1_contribution"])
    c2 = Decimal(PARAMETERS["resident_tier2_contribution"])
    for cat, r1, r2 in rows:
        if r1 is not None:
            continue
        base = c1 if _unit_base(r2[2]) == "resident_tier1_contribution" else c2
        net2 = c2 - base * r2[0] / 100
        if net2 < c1:
            return kb.say(
                "finding_anomaly_net",
                cat_term(kb, region, cat),
                f"{c1:.0f}",
                f"{c2:.0f}",
                f"{net2:.0f}",
            )
    return ""


def _pct(x: tuple[int, int, Any]) -> str:
    return f"{x[0]}%" if x[0] == x[1] else f"≥{x[0]}%"
