"""unresolved_reference: documents referred to (or delegated to) that are not in the base."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from reasoner.checks import gap
from reasoner.checks.common import (
    cats_text,
    dedupe,
)
from reasoner.checks.model import Finding, Probe
from reasoner.space import (
    Situation,
)

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def references(ck: Checker) -> None:
    kb = ck.kb
    used_deleg: set[int] = set()
    for region, ref, text, status, cite in kb.references:
        delegs = [
            (k, d)
            for k, d in enumerate(kb.delegations)
            if d[0] == region and (str(d[3]) in str(text) or d[4] == cite)
        ]
        used_deleg.update(k for k, _ in delegs)
        pdel = [
            rid
            for rid, (ptext, pcite) in kb.params_delegated.items()
            if kb.rules[rid].region == region and (pcite == cite or str(ptext) in str(text))
        ]
        _reference(ck, region, ref, str(text), str(status), cite, [d for _, d in delegs], pdel)
    for k, d in enumerate(kb.delegations):
        if k not in used_deleg:
            _reference(
                ck, d[0], f"delegated_{d[1]}_{d[2]}", str(d[3]), "not_in_base", d[4], [d], []
            )


def _reference(
    ck: Checker,
    region: str,
    ref: str,
    text: str,
    status: str,
    cite: str,
    delegs: list[tuple[Any, ...]],
    pdel: list[str],
) -> None:
    kb = ck.kb
    what = kb.sentence(
        "finding_reference_not_in_base" if status == "not_in_base" else "finding_reference_unnamed"
    )
    msg = kb.say("finding_reference", kb.region_name(region), text, what)
    programs: list[str] = []
    cats: list[str] = []
    cites = [cite]
    if delegs:
        by_prog: dict[str, list[str]] = defaultdict(list)
        for d in delegs:
            by_prog[d[1]].append(d[2])
            cites.append(d[4])
        programs = [p for p in kb.programs if p in by_prog]
        cats = dedupe(c for p in programs for c in by_prog[p])
        msg += kb.say(
            "finding_reference_delegated",
            "；".join(
                kb.say(
                    "finding_reference_delegated_part",
                    kb.label(p),
                    cats_text(kb, region, by_prog[p]),
                )
                for p in programs
            ),
        )
    if pdel:
        for rid in pdel:
            rl = kb.rules[rid]
            programs = dedupe([*programs, rl.program])
            cats = dedupe([*cats, *(c for c, _ in rl.categories)])
            cites += [rl.cite, kb.params_delegated[rid][1]]
        msg += kb.sentence("finding_reference_figures")
    if any(i[1] == text or i[1] in text for i in kb.implements if i[0] == region):
        msg += kb.sentence("finding_reference_parent")
    sev = "warning" if delegs or pdel else "info"
    f = Finding(
        f"unresolved_reference:{region}:{ref}",
        "unresolved_reference",
        sev,
        [region],
        programs,
        cats,
        msg,
        cites,
    )
    for d in delegs:
        f.candidates += _delegation_candidates(ck, region, d[1], d[2], str(d[3]))
    for rid in pdel:
        f.candidates += gap._missing_param_candidates(ck, kb.rules[rid])
    ck.add(f)


def _delegation_candidates(
    ck: Checker, region: str, program: str, cat: str, doc: str
) -> list[Probe]:
    out = []
    for s in sorted(ck.space.dims[region].situations(cat), key=Situation.closeness):
        o = ck.search.outcome(region, cat, s, program)
        if o.status == "unresolved" and any(ref == doc for _, ref in o.unresolved):
            out.append(
                ck.probe(region, (cat,), s, program, ("unresolved",), reason_code="delegated")
            )
            break
    return out
