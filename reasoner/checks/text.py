"""Findings as text (Chinese, for people) and JSON (for machines), and the --fail-on test."""

from __future__ import annotations

from typing import Any

from reasoner.checks.model import KIND_ZH, KINDS, SEVERITIES, SEVERITY_ZH, Finding
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
        f"一致性检查：共 {len(findings)} 项发现（错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}）"
    ]
    for kind in KINDS:
        mine = [f for f in findings if f.kind == kind]
        if not mine:
            continue
        lines.append("")
        lines.append(f"== {KIND_ZH[kind]}（{kind}）：{len(mine)} 项 ==")
        for f in mine:
            lines.append(f"[{SEVERITY_ZH[f.severity]}] {f.id}")
            lines.append(f"  {f.message}")
            for c in f.cites[:6]:
                rec = kb.cite(c)
                where = f"{rec['document']} {rec['clause']}".strip()
                if "interpretation" in rec:
                    lines.append(f"  依据：{where} 解释「{rec['interpretation']['name']}」")
                elif rec["quote"]:
                    lines.append(f"  依据：{where}「{rec['quote']}」")
            if len(f.cites) > 6:
                lines.append(f"  （另有 {len(f.cites) - 6} 处依据，见 --format json）")
            if f.probe is not None:
                lines.append(
                    "  例证：已用 medaid eval 验证（案例见 --format json 的 witness"
                    + ("、contrast" if f.probe.contrast is not None else "")
                    + "）"
                )
            elif f.witness_note:
                lines.append(f"  例证：{f.witness_note}")
    return "\n".join(lines)
