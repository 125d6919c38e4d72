"""gap: a recognised category left out of a program others get, a missing figure, a
program most documents have."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reasoner.checks.common import (
    MAX_TRIES,
    cat_term,
    cats_text,
    dedupe,
    delegated_cats,
    describe,
    missing_figures,
    offered_programs,
    program_kind,
    program_kinds,
    rule_cats,
    treated,
)
from reasoner.checks.model import Finding, Probe
from reasoner.compare import covers, no_program_cites, param_text
from reasoner.knowledge import Rule
from reasoner.space import (
    Situation,
    region_categories,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def gaps(ck: Checker) -> None:
    kb = ck.kb
    for region in ck.space.dims:
        _missing_programs(ck, region)
        recognised = [
            c
            for c in region_categories(kb, region)
            if any(r == region and x == c for r, x, _, _ in kb.recognises)
        ]
        offered = offered_programs(kb, region)
        paying = [p for p in offered if program_kind(kb, p) in ("assistance", "premium")]
        premium_only: list[str] = []
        for cat in recognised:
            assist = [
                p
                for p in offered
                if program_kind(kb, p) == "assistance" and treated(kb, region, p, cat)
            ]
            anything = [p for p in offered if treated(kb, region, p, cat)]
            if not anything:
                _no_benefit(ck, region, cat)
                continue
            if not assist:
                premium_only.append(cat)
                # Still a gap if the premium rules leave out some schemes others get.
                for p in paying:
                    if program_kind(kb, p) == "premium" and treated(kb, region, p, cat):
                        _category_gap(ck, region, p, cat, full=False)
                continue
            for p in paying:
                if not treated(kb, region, p, cat):
                    _category_gap(ck, region, p, cat, full=True)
                else:
                    _category_gap(ck, region, p, cat, full=False)
        if premium_only:
            _premium_only(ck, region, premium_only)
        _missing_params(ck, region)


def _missing_programs(ck: Checker, region: str) -> None:
    """A program most other documents define (for 救助对象 of the same kinds) that this one lacks."""
    kb = ck.kb
    others = [r for r in ck.space.dims if r != region]
    offered = set(offered_programs(kb, region))
    for p in kb.programs:
        if p in offered:
            continue
        having = [r for r in others if p in offered_programs(kb, r)]
        if len(having) * 4 < len(others) * 3:  # fewer than three of the four others
            continue
        kind = program_kind(kb, p)
        sev = "warning" if kind in ("assistance", "premium") else "info"
        cites = list(no_program_cites(kb, region, p))
        cites += dedupe(
            next((c for r, pp, _, c in kb.program_for if r == h and pp == p), "") for h in having
        )
        name = kb.label(p)
        notes = [
            kb.say("finding_gap_note", kb.doc_no(region), n, reason)
            for r, n, reason in kb.non_computational
            if r == region and (name in reason or p in reason)
        ]
        msg = kb.say(
            "finding_gap_no_program",
            kb.region_name(region),
            kb.doc_no(region),
            name,
            "、".join(kb.region_name(r) for r in having),
            kb.say("finding_gap_notes", "；".join(notes)) if notes else "",
        )
        f = Finding(
            f"gap:{region}:{p}:no_program",
            "gap",
            sev,
            [region],
            [p],
            [],
            msg,
            cites,
        )
        f.candidates = _cross_region_candidates(ck, region, having, p)
        ck.add(f)


def _cross_region_candidates(
    ck: Checker, region: str, having: list[str], program: str
) -> list[Probe]:
    """The same person and claim: no such program here, paid in another region."""
    kb = ck.kb
    out: list[Probe] = []
    mine = region_categories(kb, region)
    for other in having:
        for cat in region_categories(kb, other):
            if cat not in mine:
                continue
            for s in ck.union_situations([region, other], cat):
                if ck.search.status_of(other, cat, s, program) != "eligible":
                    continue
                if ck.search.status_of(region, cat, s, program) != "absent":
                    continue
                for cost in ck.cost_options([region, other], s):
                    pr = ck.probe(region, (cat,), s, program, ("absent",), cost)
                    pr.contrast = ck.contrast(other, (cat,), s, cost)
                    pr.contrast_expect = ("paid", "bounded", "granted")
                    out.append(pr)
                if len(out) >= MAX_TRIES:
                    return out
                break
    return out


def _no_benefit(ck: Checker, region: str, cat: str) -> None:
    kb = ck.kb
    cites = [c for r, x, _, c in kb.recognises if r == region and x == cat]
    cites += [c for r, x, _, c in kb.category_terms if r == region and x == cat]
    msg = kb.say("finding_gap_no_benefit", kb.region_name(region), cat_term(kb, region, cat), cat)
    f = Finding(f"gap:{region}:no_benefit:{cat}", "gap", "warning", [region], [], [cat], msg, cites)
    f.candidates = _gap_candidates(ck, region, None, cat)
    ck.add(f)


def _premium_only(ck: Checker, region: str, cats: list[str]) -> None:
    kb = ck.kb
    cites = [
        c
        for rl in kb.rules.values()
        if rl.region == region and rl.program == kb.vocab.premium
        for x, c in rl.categories
        if x in cats
    ]
    msg = kb.say("finding_gap_premium_only", kb.region_name(region), cats_text(kb, region, cats))
    ck.add(
        Finding(
            f"gap:{region}:premium_only",
            "gap",
            "info",
            [region],
            [kb.vocab.premium],
            cats,
            msg,
            cites,
        )
    )


def _gap_situations(
    ck: Checker, region: str, program: str | None, cat: str
) -> list[tuple[Situation, str]]:
    """Situations where cat gets nothing from the program while another category is paid,
    with that category (closest situations first)."""
    kb = ck.kb
    d = ck.space.dims[region]
    progs = (
        [program]
        if program
        else [
            p
            for p in offered_programs(kb, region)
            if program_kind(kb, p) in ("assistance", "premium")
        ]
    )
    kinds = {k for p in progs for k in program_kinds(kb, region, p)}
    out = []
    for s in sorted({x for x in d.situations(cat) if x.type in kinds}, key=Situation.closeness):
        for p in progs:
            if ck.search.status_of(region, cat, s, p) != "not_eligible":
                continue
            other = next((o for o in ck.eligible_categories(region, s, p) if o != cat), None)
            if other is not None:
                out.append((s, other))
                break
    return out


def _gap_candidates(ck: Checker, region: str, program: str | None, cat: str) -> list[Probe]:
    out = []
    for s, other in _gap_situations(ck, region, program, cat)[:MAX_TRIES]:
        prog = program
        if prog is None:
            prog = next(
                p
                for p in offered_programs(ck.kb, region)
                if ck.search.status_of(region, other, s, p) == "eligible"
            )
        for cost in ck.cost_options([region], s)[:2]:
            pr = ck.probe(region, (cat,), s, prog, ("not_eligible",), cost)
            pr.contrast = ck.contrast(region, (other,), s, cost)
            pr.contrast_expect = ("paid", "bounded")
            out.append(pr)
    return out


def _category_gap(ck: Checker, region: str, program: str, cat: str, full: bool) -> None:
    kb = ck.kb
    sits = _gap_situations(ck, region, program, cat)
    if not sits:
        return
    d = ck.space.dims[region]
    if not full:
        # Partial: only some situations. Which dimension values are affected?
        all_s = [s for s in d.situations(cat) if s.type in {x.type for x, _ in sits}]
        where = describe(kb, [s for s, _ in sits], all_s)
    else:
        where = ""
    others = sorted(
        {o for _, o in sits}, key=lambda c: (kb.category_order.get((region, c), 999), c)
    )
    others_p = [
        p
        for p in offered_programs(kb, region)
        if p != program and program_kind(kb, p) == "assistance"
    ]
    ruled = [kb.label(p) for p in others_p if covers(kb, region, rule_cats(kb, region, p), cat)]
    handed = [
        kb.label(p)
        for p in others_p
        if p not in ruled and covers(kb, region, delegated_cats(kb, region, p), cat)
    ]
    handed = [x for x in handed if x not in ruled]
    term = cat_term(kb, region, cat)
    name, alike = kb.region_name(region), cats_text(kb, region, others[:4])
    if full:
        head = kb.say("finding_gap_category_full", name, kb.label(program), term, cat, alike)
    else:
        head = kb.say(
            "finding_gap_category_partial", name, kb.label(program), term, cat, where, alike
        )
    ruled_text = kb.say("finding_gap_category_ruled", "、".join(ruled)) if ruled else ""
    handed_text = ""
    if handed:
        docs = dedupe(
            str(d[3]) for d in kb.delegations if d[0] == region and covers(kb, region, {d[2]}, cat)
        )
        handed_text = kb.say(
            "finding_gap_category_handed", "、".join(handed), "、".join(docs), kb.label(program)
        )
    msg = kb.say("finding_gap_category", head, ruled_text, handed_text)
    rules = [rl for rl in kb.rules.values() if rl.region == region and rl.program == program]
    cites = [c for r, x, _, c in kb.recognises if r == region and x == cat]
    cites += dedupe(rl.cite for rl in rules)[:4]
    cites += [c for rl in rules for x, c in rl.categories if x == cat]
    cites += [
        i.id
        for i in kb.interpretations.values()
        if i.region == region
        and term in i.rationale
        and ("未列" in i.rationale or "未规定" in i.rationale)
    ][:2]
    f = Finding(
        f"gap:{region}:{program}:{cat}",
        "gap",
        "warning",
        [region],
        [program],
        [cat],
        msg,
        cites,
    )
    f.candidates = _gap_candidates(ck, region, program, cat)
    ck.add(f)


def _missing_params(ck: Checker, region: str) -> None:
    """A rule the document gives no figure for (or hands the figures to someone else)."""
    kb = ck.kb
    for rl in sorted(kb.rules.values(), key=lambda r: r.id):
        if rl.region != region:
            continue
        if program_kind(kb, rl.program) not in ("premium", "assistance"):
            continue
        cats = [c for c, _ in rl.categories]
        if rl.id in kb.params_delegated:
            text, cite = kb.params_delegated[rl.id]
            msg = kb.say(
                "finding_gap_params_delegated",
                kb.region_name(region),
                kb.label(rl.program),
                cats_text(kb, region, cats),
                text,
            )
            fid = f"gap:{region}:{rl.program}:params_delegated"
            cites = [rl.cite, cite]
        else:
            missing = missing_figures(kb, rl)
            if not missing:
                continue
            names = kb.vocab.parameters_short
            stated = "，".join(
                f"{names.get(n, n)}{param_text(kb, p)}" for n, p in rl.params.items() if n in names
            )
            msg = kb.say(
                "finding_gap_params_missing",
                kb.region_name(region),
                cats_text(kb, region, cats),
                kb.label(rl.program),
                stated,
                "、".join(names.get(n, n) for n in missing),
            )
            fid = f"gap:{region}:{rl.program}:{'+'.join(cats)}:{'+'.join(missing)}"
            cites = [rl.cite] + [p.cite for p in rl.params.values()] + [c for _, c in rl.categories]
            # The clause that states the others' figures (where the missing one would be).
            cites += [
                p.cite
                for r2 in kb.rules.values()
                if r2.region == region and r2.program == rl.program
                for n, p in r2.params.items()
                if n in missing
            ][:2]
        f = Finding(fid, "gap", "warning", [region], [rl.program], cats, msg, cites)
        f.candidates = _missing_param_candidates(ck, rl)
        ck.add(f)


def _missing_param_candidates(ck: Checker, rl: Rule) -> list[Probe]:
    out = []
    region, program = rl.region, rl.program
    cats = region_categories(ck.kb, region)
    for cat, _ in rl.categories:
        for s in sorted(ck.space.dims[region].situations(cat), key=Situation.closeness):
            o = ck.search.outcome(region, cat, s, program)
            if o.status != "eligible" or not any(r == rl.id for r, _, _ in o.applicable):
                continue
            other = next(
                (
                    x
                    for x in cats
                    if x != cat
                    and ck.search.status_of(region, x, s, program) == "eligible"
                    and not any(
                        r == rl.id or r in ck.kb.params_delegated
                        for r, _, _ in ck.search.outcome(region, x, s, program).applicable
                    )
                ),
                None,
            )
            pr = ck.probe(region, (cat,), s, program, ("unresolved",), reason_code="missing_figure")
            if other is not None:
                pr.contrast = ck.contrast(region, (other,), s)
                pr.contrast_expect = ("paid", "bounded")
            out.append(pr)
            if len(out) >= 4:
                return out
    return out
