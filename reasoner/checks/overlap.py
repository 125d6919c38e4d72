"""overlap: two assistance programs paying the same person for the same claim."""

from __future__ import annotations

import itertools
from collections import defaultdict
from typing import TYPE_CHECKING

from reasoner.checks.common import (
    MAX_TRIES,
    cats_text,
    describe,
    offered_programs,
    program_kind,
)
from reasoner.checks.model import Finding, Probe
from reasoner.checks.witness import benefit
from reasoner.errors import MedaidError
from reasoner.knowledge import KB
from reasoner.space import (
    Profile,
    Situation,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def overlaps(ck: Checker) -> None:
    kb = ck.kb
    for region in ck.space.dims:
        # Tilt is paid on what is left after the other programs: layered, not a double payment.
        progs = [
            p
            for p in offered_programs(kb, region)
            if program_kind(kb, p) == "assistance" and p != kb.vocab.tilt
        ]
        hits: dict[tuple[str, str], list[tuple[Profile, str]]] = defaultdict(list)
        for prof, i in ck.search.of_region(region):
            if prof.situation.type == "premium":
                continue
            el = [p for p in progs if ck.search.status[i].get(p) == "eligible"]
            for a, b in itertools.combinations(el, 2):
                owns_a = {own for _, _, own in ck.search.applicable[(i, a)]}
                owns_b = {own for _, _, own in ck.search.applicable[(i, b)]}
                for own in owns_a & owns_b:
                    hits[(a, b)].append((prof, own))
        for (a, b), items in hits.items():
            fact = next((o for o in kb.overlaps if o[0] == region and {o[1], o[2]} == {a, b}), None)
            cats = sorted(
                {own for _, own in items},
                key=lambda c: (kb.category_order.get((region, c), 999), c),
            )
            sits = sorted({p.situation for p, _ in items}, key=Situation.closeness)
            where = describe(
                kb,
                sits,
                [
                    s
                    for s in ck.space.dims[region].situations(cats[0])
                    if s.type in {x.type for x in sits}
                ],
            )
            rules = [
                rl
                for rl in kb.rules.values()
                if rl.region == region
                and rl.program in (a, b)
                and any(c in cats for c, _ in rl.categories)
            ]
            base = kb.say(
                "finding_overlap_where",
                kb.region_name(region),
                kb.label(a),
                kb.label(b),
                where,
                cats_text(kb, region, cats),
            )
            if fact is not None:
                interp = kb.interpretations.get(fact[4])
                how = (
                    kb.say("finding_overlap_interpretation", interp.name)
                    if interp
                    else kb.cite(fact[4])["clause"]
                )
                msg = kb.say("finding_overlap_settled", base, how, fact[3])
                sev = "info"
                cites = [fact[4]]
            else:
                msg = kb.say("finding_overlap_open", base)
                sev = "warning"
                cites = []
            cites += [rl.cite for rl in rules]
            f = Finding(
                f"overlap:{region}:{a}+{b}", "overlap", sev, [region], [a, b], cats, msg, cites
            )
            for prof, own in sorted(items, key=lambda x: x[0].situation.closeness())[:MAX_TRIES]:
                pr = ck.probe(region, (own,), prof.situation, a)
                if fact is not None:
                    pr.expect, pr.also = ("paid", "excluded"), {b: ("paid", "excluded")}
                    pr.relation = None
                    f.candidates.append(overlap_probe(ck.kb, pr, a, b))
                else:
                    pr.expect, pr.also = ("paid", "bounded"), {b: ("paid", "bounded")}
                    f.candidates.append(pr)
            ck.add(f)


def overlap_probe(kb: KB, pr: Probe, a: str, b: str) -> Probe:
    """Overlap witnesses: the evaluator pays the larger and excludes the other (reason overlap)."""
    from reasoner.api import evaluate_data
    from reasoner.render import result_json

    try:
        out = result_json(kb, evaluate_data(pr.case))
    except MedaidError:
        return pr
    ba = benefit(out, pr.claim, a)
    loser, winner = (a, b) if ba["status"] == "excluded" else (b, a)
    pr.program = loser
    pr.expect = ("excluded",)
    pr.reason_code = "overlap"
    pr.also = {winner: ("paid", "bounded")}
    return pr
