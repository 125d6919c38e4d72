"""divergence: documents implementing one parent treating the same person differently;
the standards of one program and category across regions."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from reasoner.checks.common import (
    cats_text,
    computable,
    dedupe,
    eval_statuses,
    figures,
    figures_text,
    offered_programs,
    program_kind,
    program_kinds,
    rule_cats,
    situation_text,
)
from reasoner.checks.model import Finding, Probe
from reasoner.compare import covers, optional
from reasoner.space import (
    Situation,
    region_categories,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def divergences(ck: Checker) -> None:
    kb = ck.kb
    regions = list(ck.space.dims)
    # (a) documents implementing the same parent document.
    parents: dict[str, list[str]] = defaultdict(list)
    for r, parent, _ in kb.implements:
        if r in ck.space.dims:
            parents[str(parent)].append(r)
    for parent, members in parents.items():
        for a, b in itertools.combinations(members, 2):
            _pair_divergence(ck, parent, a, b)
    # (b) every program and category several documents pay: informational.
    cats = dedupe(c for r in regions for c in region_categories(kb, r))
    for prog in kb.programs:
        for cat in cats:
            having = [
                r
                for r in regions
                if prog in offered_programs(kb, r)
                and cat in region_categories(kb, r)
                and covers(kb, r, rule_cats(kb, r, prog), cat)
            ]
            if len(having) >= 2:
                _cross_divergence(ck, prog, cat, having)


def _treatment(ck: Checker, region: str, cat: str, s: Situation, program: str) -> tuple[Any, ...]:
    """What the region gives cat in s: the figures of the rules that pay, a delegation,
    or nothing (not eligible and excluded alike: both pay nothing)."""
    key = (region, cat, ck.search.find(region, cat, s), program)
    got = ck.treatments.get(key)
    if got is None:
        got = ck.treatments[key] = _treatment_of(ck, region, cat, s, program)
    return got


def _treatment_of(
    ck: Checker, region: str, cat: str, s: Situation, program: str
) -> tuple[Any, ...]:
    o = ck.search.outcome(region, cat, s, program)
    if o.status == "eligible":
        return (
            "eligible",
            frozenset(figures(ck.kb, ck.kb.rules[r]) for r, _, own in o.applicable if own == cat),
        )
    if o.status == "unresolved":
        return ("unresolved", frozenset(ref for _, ref in o.unresolved))
    if o.status == "absent":
        return ("absent",)
    return ("none",)


def _treatment_text(ck: Checker, region: str, cat: str, s: Situation, program: str) -> str:
    kb = ck.kb
    o = ck.search.outcome(region, cat, s, program)
    if o.status == "eligible":
        rules = dedupe(r for r, _, own in o.applicable if own == cat)
        return "；".join(figures_text(kb, kb.rules[r]) for r in rules)
    if o.status == "unresolved":
        return kb.say("compare_delegated", "、".join(dedupe(ref for _, ref in o.unresolved)))
    return optional(kb, f"finding_divergence_{o.status}", o.status)


def _expect(ck: Checker, region: str, cat: str, s: Situation, program: str) -> tuple[str, ...]:
    """The evaluator statuses the rule-base outcome leads to (a rule without figures
    is eligible in the rule base but unresolved in the evaluator)."""
    o = ck.search.outcome(region, cat, s, program)
    if o.status == "eligible":
        rules = [ck.kb.rules[r] for r, _, own in o.applicable if own == cat]
        if rules and not any(computable(ck.kb, r) for r in rules):
            return ("unresolved",)
        return ("paid", "bounded", "granted")
    return eval_statuses(o.status)


def _situations_for(ck: Checker, regions: list[str], cat: str, prog: str) -> list[Situation]:
    kinds = {k for r in regions for k in program_kinds(ck.kb, r, prog)}
    return [s for s in ck.union_situations(regions, cat) if s.type in kinds]


def _pair_divergence(ck: Checker, parent: str, a: str, b: str) -> None:
    kb = ck.kb
    shared = [c for c in region_categories(kb, a) if c in region_categories(kb, b)]
    dims = [ck.space.dims[a], ck.space.dims[b]]
    for prog in kb.programs:
        if prog not in offered_programs(kb, a) or prog not in offered_programs(kb, b):
            continue
        # (text in a, text in b, scheme for premiums) → categories, first situation
        groups: dict[tuple[str, str, str], tuple[list[str], Situation]] = {}
        hard = False
        cands: list[Probe] = []
        cites: list[str] = [c for r, _, c in kb.implements if r in (a, b)]
        for cat in shared:
            diff = [
                s
                for s in _situations_for(ck, [a, b], cat, prog)
                if _treatment(ck, a, cat, s, prog) != _treatment(ck, b, cat, s, prog)
            ]
            for s in diff:
                ta, tb = _treatment(ck, a, cat, s, prog), _treatment(ck, b, cat, s, prog)
                if "unresolved" not in (ta[0], tb[0]):
                    hard = True
                key = (
                    _treatment_text(ck, a, cat, s, prog),
                    _treatment_text(ck, b, cat, s, prog),
                    s.scheme if s.type == "premium" else "",
                )
                if key not in groups:
                    groups[key] = ([], s)
                    cites += _treatment_cites(ck, a, cat, s, prog)
                    cites += _treatment_cites(ck, b, cat, s, prog)
                if cat not in groups[key][0]:
                    groups[key][0].append(cat)
            if diff and program_kind(kb, prog) in ("assistance", "premium"):
                cands += _pair_candidates(ck, a, b, cat, diff, prog)
        if not groups:
            continue
        lines = [
            kb.say(
                "finding_divergence_pair_line",
                cats_text(kb, a, cs),
                situation_text(kb, s, dims),
                kb.region_name(a),
                ta,
                kb.region_name(b),
                tb,
            )
            for (ta, tb, _), (cs, s) in groups.items()
        ]
        cats = dedupe(c for cs, _ in groups.values() for c in cs)
        f = Finding(
            f"divergence:{a}+{b}:{prog}",
            "divergence",
            "warning" if hard else "info",
            [a, b],
            [prog],
            cats,
            kb.say(
                "finding_divergence_pair",
                kb.region_name(a),
                kb.region_name(b),
                parent,
                kb.label(prog),
                "" if hard else kb.sentence("finding_divergence_unverifiable"),
                "；".join(lines),
            ),
            cites,
        )
        # Money that differs first, then a benefit one side pays and the other does not.
        f.candidates = sorted(cands, key=lambda p: 0 if p.relation else 1)
        ck.add(f)


def _treatment_cites(ck: Checker, region: str, cat: str, s: Situation, prog: str) -> list[str]:
    o = ck.search.outcome(region, cat, s, prog)
    out = []
    for r, _, own in o.applicable:
        if own == cat:
            rl = ck.kb.rules[r]
            out += [rl.cite] + [p.cite for p in rl.params.values()]
    out += [
        d[4]
        for d in ck.kb.delegations
        if d[0] == region and d[1] == prog and covers(ck.kb, region, {d[2]}, cat)
    ]
    if o.status == "excluded":
        out.append(ck.kb.referral_exclusion.get(region, ""))
    return out


def _pair_candidates(
    ck: Checker, a: str, b: str, cat: str, sits: list[Situation], prog: str
) -> list[Probe]:
    """The same person and claim in two regions: amounts differ, or one pays and the
    other does not (or cannot say)."""
    out = []
    for s in sits[:4]:
        ea, eb = _expect(ck, a, cat, s, prog), _expect(ck, b, cat, s, prog)
        for cost in ck.cost_options([a, b], s):
            pr = ck.probe(a, (cat,), s, prog, ea, cost)
            pr.contrast = ck.contrast(b, (cat,), s, cost)
            pr.contrast_expect = eb
            if ea == eb == ("paid", "bounded", "granted"):
                pr.expect = pr.contrast_expect = ("paid", "bounded")
                pr.relation = "ne"
            out.append(pr)
    return out


def _cross_divergence(ck: Checker, prog: str, cat: str, regions: list[str]) -> None:
    kb = ck.kb
    per: dict[str, set[tuple[Any, ...]]] = {}
    texts: dict[str, list[str]] = {}
    cites: list[str] = []
    for r in regions:
        rules = {
            rule
            for _, i in ck.search.of_region(r, cat)
            for rule, _, own in ck.search.applicable.get((i, prog), [])
            if own == cat
        }
        if not rules:
            continue
        per[r] = {figures(kb, kb.rules[x]) for x in rules}
        texts[r] = [figures_text(kb, kb.rules[x]) for x in sorted(rules)]
        cites += [kb.rules[x].cite for x in sorted(rules)]
    if len(per) < 2 or len({frozenset(v) for v in per.values()}) < 2:
        return
    msg = kb.say(
        "finding_divergence_cross",
        kb.label(prog),
        kb.categories.get(cat, cat),
        cat,
        "；".join(f"{kb.region_name(r)} " + " / ".join(dedupe(texts[r])) for r in per),
    )
    f = Finding(
        f"divergence:{prog}:{cat}", "divergence", "info", list(per), [prog], [cat], msg, cites
    )
    if program_kind(kb, prog) in ("assistance", "premium"):
        f.candidates = _cross_candidates(ck, prog, cat, per)
    ck.add(f)


def _cross_candidates(
    ck: Checker, prog: str, cat: str, per: dict[str, set[tuple[Any, ...]]]
) -> list[Probe]:
    """Two regions, one person and claim: both pay, different amounts."""
    out: list[Probe] = []
    fallback: list[Probe] = []
    for a, b in itertools.combinations(list(per), 2):
        if per[a] == per[b]:
            continue
        mine = 0
        for s in _situations_for(ck, [a, b], cat, prog):
            if mine >= 6:
                break
            ta, tb = _treatment(ck, a, cat, s, prog), _treatment(ck, b, cat, s, prog)
            if ta == tb or ta[0] != "eligible" or tb[0] != "eligible":
                continue
            ea, eb = _expect(ck, a, cat, s, prog), _expect(ck, b, cat, s, prog)
            if "unresolved" in ea + eb:
                # One side states no figure: the difference is paid vs undecided.
                if len(fallback) < 2:
                    pr = ck.probe(a, (cat,), s, prog, ea)
                    pr.contrast = ck.contrast(b, (cat,), s)
                    pr.contrast_expect = eb
                    fallback.append(pr)
                continue
            for cost in ck.cost_options([a, b], s):
                pr = ck.probe(a, (cat,), s, prog, ("paid", "bounded"), cost, relation="ne")
                pr.contrast = ck.contrast(b, (cat,), s, cost)
                pr.contrast_expect = ("paid", "bounded")
                out.append(pr)
                mine += 1
    return out + fallback
