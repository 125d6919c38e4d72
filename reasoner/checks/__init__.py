"""Consistency checks across the five documents (`medaid check`).

The rule base is searched, not sampled: every region's profile space
(reasoner/space.py) becomes one batch of clingo facts, grounded once
(`search`). Which (region, program, category, situation) is eligible, not
eligible, excluded or unresolved is read off the answer set, and each kind of
finding (one module each: `gap`, `overlap`, `conflict`,
`unresolved_reference`, `divergence`, `floor`, `anomaly`, `approximation`,
`validity`) is derived from it together with the static facts.

A finding that a case can show carries a witness: a case in the `medaid eval`
input format (and, where the finding is a comparison, a contrasting case). Every
witness is evaluated with the real evaluator and kept only if it shows what the
finding claims (`witness`); otherwise it is dropped and the finding says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from importlib import import_module
from typing import TYPE_CHECKING, Any

from reasoner.checks.model import KINDS, SEVERITIES, Finding, Probe, kind_name, severity_name
from reasoner.knowledge import KB

if TYPE_CHECKING:
    from reasoner.checks.floor import outside_bound
    from reasoner.checks.text import failing, findings_json, findings_text
    from reasoner.space import (
        Dims,
        Profile,
        Situation,
        Space,
        dimensions,
        region_categories,
        search_date,
    )

__all__ = [
    "KINDS",
    "SEVERITIES",
    "Dims",
    "Finding",
    "Probe",
    "Profile",
    "Situation",
    "Space",
    "dimensions",
    "failing",
    "findings_json",
    "findings_text",
    "kind_name",
    "outside_bound",
    "region_categories",
    "run_checks",
    "search_date",
    "severity_name",
]

# Loaded on first use: `medaid eval` imports this package for KINDS alone and should not
# pay for the profile space, the evaluator's ledger or the finding modules.
_LAZY = {
    "outside_bound": "reasoner.checks.floor",
    "failing": "reasoner.checks.text",
    "findings_json": "reasoner.checks.text",
    "findings_text": "reasoner.checks.text",
    **dict.fromkeys(
        ("Dims", "Profile", "Situation", "Space", "dimensions", "region_categories", "search_date"),
        "reasoner.space",
    ),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def run_checks(
    kb: KB,
    regions: Iterable[str] = (),
    kinds: Iterable[str] = (),
    today: dt.date | None = None,
) -> list[Finding]:
    """All findings (filtered by region and kind when given).

    Every finding but validity is a function of the knowledge base and the code alone:
    the verified findings are kept under their digest and read back while neither
    changes. Validity depends on today's date and is derived on every run."""
    from reasoner.checks.checker import Checker

    ks = set(kinds) or set(KINDS)
    findings = _kb_findings(kb, ks - {"validity"})
    if "validity" in ks:
        findings += Checker(kb, today).run(["validity"])
    order = {k: i for i, k in enumerate(KINDS)}
    findings.sort(key=lambda f: (order[f.kind], f.id))
    rs = set(regions)
    return [f for f in findings if (not rs or rs & set(f.regions)) and f.kind in ks]


def _kb_findings(kb: KB, kinds: set[str]) -> list[Finding]:
    from reasoner.checks import cache
    from reasoner.checks.checker import Checker

    if not kinds:
        return []
    key = cache.digest(kb)
    stored = cache.load("checks-findings", key)
    if isinstance(stored, list):
        try:
            return [Finding.restored(d) for d in stored if d["kind"] in kinds]
        except (KeyError, TypeError):
            pass
    every = set(KINDS) - {"validity"}
    findings = Checker(kb).run(kinds)
    if kinds == every:
        cache.store("checks-findings", key, [f.stored() for f in findings])
    return findings
