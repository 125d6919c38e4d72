"""floor: a figure outside the bound a parent document in the base sets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reasoner.checks.common import (
    dedupe,
    param_name,
)
from reasoner.checks.model import Finding
from reasoner.compare import param_text
from reasoner.knowledge import KB, Param, Rule

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def floors(ck: Checker) -> None:
    """Figures outside a bound a parent document in the base sets (none among the five:
    every parent is outside the knowledge base; the comparison is generic)."""
    kb = ck.kb
    levels = {"district": 1, "city": 2, "province": 3}
    by_docno = {str(d[1]): r for r, d in kb.documents.items()}
    for child, parent_no, cite in kb.implements:
        parent = by_docno.get(str(parent_no))
        if parent is None or parent == child:
            continue
        if levels.get(str(kb.documents[parent][3]), 0) <= levels.get(
            str(kb.documents[child][3]), 0
        ):
            continue
        for cr, pr, name in floor_violations(kb, child, parent):
            msg = kb.say(
                "finding_floor",
                kb.region_name(child),
                kb.label(cr.program),
                param_name(kb, name),
                param_text(kb, cr.params[name]),
                kb.doc_no(parent),
                param_text(kb, pr.params[name]),
            )
            cats = dedupe(c for c, _ in cr.categories)
            ck.add(
                Finding(
                    f"floor:{child}:{cr.id}:{name}",
                    "floor",
                    "error",
                    [child, parent],
                    [cr.program],
                    cats,
                    msg,
                    [cite, cr.params[name].cite, pr.params[name].cite],
                )
            )


def floor_violations(kb: KB, child: str, parent: str) -> list[tuple[Rule, Rule, str]]:
    """Child rules whose figure lies outside the bound the parent's rule states for the
    same program and category (same parameter name and unit)."""
    out = []
    for cr in kb.rules.values():
        if cr.region != child:
            continue
        ccats = {c for c, _ in cr.categories}
        for pr in kb.rules.values():
            if pr.region != parent or pr.program != cr.program:
                continue
            if not ccats & {c for c, _ in pr.categories}:
                continue
            for name, pp in pr.params.items():
                cp = cr.params.get(name)
                if cp is not None and outside_bound(pp, cp):
                    out.append((cr, pr, name))
    return out


def outside_bound(parent: Param, child: Param) -> bool:
    """Is the child's figure outside the parent's 不低于/不高于 bound (same unit)?

    An unlimited cap satisfies any floor and breaks any ceiling."""
    if parent.unit != child.unit and child.bound != "unlimited":
        return False
    if parent.bound == "min":
        if child.bound == "unlimited":
            return False
        return child.value < parent.value
    if parent.bound == "max":
        if child.bound == "unlimited":
            return True
        return child.value > parent.value or child.bound == "min"
    return False
