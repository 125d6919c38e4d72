"""conflict: two rules of one program applying through one category at different rates."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from reasoner.checks.common import (
    cat_term,
    figures_text,
)
from reasoner.checks.model import Finding
from reasoner.space import (
    Profile,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def conflicts(ck: Checker) -> None:
    """Two rules of one program, both applicable through the same category, paying
    different rates. (Two rules reached through two categories — a subkind — are a
    就高 choice between identities, not a conflict.)"""
    kb = ck.kb
    for region in ck.space.dims:
        found: dict[tuple[str, str, tuple[str, ...]], list[Profile]] = defaultdict(list)
        for prof, i in ck.search.of_region(region):
            for prog in ck.search.status[i]:
                by_cat: dict[str, set[str]] = defaultdict(set)
                for rule, cat, _own in ck.search.applicable.get((i, prog), []):
                    by_cat[cat].add(rule)
                for cat, rules in by_cat.items():
                    rates = {kb.rules[r].params.get("rate") for r in rules}
                    sig = {(p.bound, p.value, p.unit) if p else None for p in rates}
                    if len(rules) > 1 and len(sig) > 1:
                        found[(prog, cat, tuple(sorted(rules)))].append(prof)
        for (prog, cat, rule_ids), profs in found.items():
            rl = [kb.rules[r] for r in rule_ids]
            msg = kb.say(
                "finding_conflict",
                kb.region_name(region),
                kb.label(prog),
                cat_term(kb, region, cat),
                cat,
                "；".join(kb.say("finding_conflict_rule", r.id, figures_text(kb, r)) for r in rl),
            )
            cites = [r.cite for r in rl] + [p.cite for r in rl for p in r.params.values()]
            f = Finding(
                f"conflict:{region}:{prog}:{cat}",
                "conflict",
                "error",
                [region],
                [prog],
                [cat],
                msg,
                cites,
            )
            for prof in sorted(profs, key=lambda p: p.situation.closeness())[:3]:
                f.candidates.append(
                    ck.probe(region, prof.identities, prof.situation, prog, ("paid", "bounded"))
                )
            ck.add(f)
