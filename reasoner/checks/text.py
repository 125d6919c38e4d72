"""Findings as text (Chinese, for people) and JSON (for machines), and the --fail-on test."""

from __future__ import annotations

from typing import Any

from reasoner.checks.model import KINDS, SEVERITIES, Finding, kind_name, severity_name
from reasoner.knowledge import KB


def findings_json(kb: KB, findings: list[Finding]) -> dict[str, Any]:
    return {"findings": [f.json(kb) for f in findings]}


def failing(findings: list[Finding], fail_on: str | None) -> bool:
    """Does any finding reach the --fail-on severity?"""
    if fail_on is None:
        return False
    worst = SEVERITIES.index(fail_on)
    return any(SEVERITIES.index(f.severity) <= worst for f in findings)


def findings_text(kb: KB, findings: list[Finding]) -> str:
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}
    lines = [
        kb.say("check_summary", len(findings), counts["error"], counts["warning"], counts["info"])
    ]
    for kind in KINDS:
        mine = [f for f in findings if f.kind == kind]
        if not mine:
            continue
        lines.append("")
        lines.append(kb.say("check_kind_heading", kind_name(kb, kind), kind, len(mine)))
        for f in mine:
            lines.append(f"[{severity_name(kb, f.severity)}] {f.id}")
            lines.append(f"  {f.message}")
            for c in f.cites[:6]:
                rec = kb.cite(c)
                where = f"{rec['document']} {rec['clause']}".strip()
                if "interpretation" in rec:
                    name = rec["interpretation"]["name"]
                    lines.append(kb.say("check_basis_interpretation", where, name))
                elif rec["quote"]:
                    lines.append(kb.say("check_basis_quote", where, rec["quote"]))
            if len(f.cites) > 6:
                lines.append(kb.say("check_more_cites", len(f.cites) - 6))
            if f.probe is not None:
                contrast = "、contrast" if f.probe.contrast is not None else ""
                lines.append(kb.say("check_witness_verified", contrast))
            elif f.witness_note:
                lines.append(kb.say("check_witness_note", f.witness_note))
    return "\n".join(lines)
