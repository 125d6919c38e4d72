"""Rendering evaluation results: JSON for machines, Chinese tables for people."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from reasoner.evaluate import Benefit, Option, Result
from reasoner.knowledge import KB

_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def visible(text: str) -> str:
    """Control and format characters (ESC, NUL, bidi overrides) spelled out, as \\x1b."""
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            n = ord(ch)
            out.append(
                f"\\x{n:02x}" if n < 0x100 else f"\\u{n:04x}" if n < 0x10000 else f"\\U{n:08x}"
            )
        else:
            out.append(ch)
    return "".join(out)


def plain(text: Any, style: str = "") -> Text:
    """Text shown literally: never read as rich markup (`[bold]`, `[/]`), controls visible."""
    return Text(visible(str(text)), style=style)


def money(d: Decimal | None) -> str | None:
    return None if d is None else f"{d:.2f}"


def option_json(kb: KB, region: str, o: Option) -> dict[str, Any]:
    out: dict[str, Any] = {
        "identity": o.category,
        "identity_term": kb.category_label(region, o.category),
        "via": o.via,
        "rule": o.rule.id,
    }
    if o.unresolved is not None:
        out["status"] = "unresolved"
        out["reason"] = o.unresolved.reason
    elif o.calc:
        lo, hi = o.calc["min"].amount, o.calc["max"].amount
        out["amount"] = money(lo) if lo == hi else None
        out["amount_min"] = None if lo == hi else money(lo)
        out["amount_max"] = None if lo == hi else money(hi)
    return out


def benefit_json(kb: KB, region: str, b: Benefit) -> dict[str, Any]:
    out: dict[str, Any] = {
        "program": b.program,
        "program_name": kb.label(b.program),
        "status": b.status,
        "amount": money(b.amount),
        "amount_min": money(b.amount_min),
        "amount_max": money(b.amount_max),
        "identity": b.identity,
        "identity_term": kb.category_label(region, b.identity) if b.identity else None,
        "via": b.via if b.via != b.identity else None,
        "rule": b.rule,
        "reason": b.reason,
        "reason_code": b.reason_code,
        "reference": b.reference,
        "citations": [kb.cite(c) for c in b.cites],
    }
    if b.missing is not None:
        out["missing_parameter"] = {
            "name": b.missing.name,
            "region": b.missing.region,
            "year": b.missing.year,
        }
    if b.chosen is not None and b.chosen.calc:
        out["calculation"] = {
            sc: [
                {"name": s.name, "value": s.value, "note": s.note, "clause": s.cite}
                for s in b.chosen.calc[sc].steps
            ]
            for sc in b.chosen.calc
        }
    if b.alternatives:
        out["alternatives"] = [option_json(kb, region, o) for o in b.alternatives]
    return out


def result_json(kb: KB, r: Result) -> dict[str, Any]:
    case = r.case
    claims = []
    for cr in r.claims:
        c = cr.claim
        claims.append(
            {
                "id": c.id,
                "type": c.type,
                "date": c.date.isoformat(),
                "self_pay": money(c.self_pay),
                "special_disease": cr.special,
                "disease_match": (
                    {
                        "catalog": cr.disease_match[0],
                        "no": cr.disease_match[1],
                        "name": cr.disease_match[2],
                    }
                    if cr.disease_match
                    else None
                ),
                "benefits": [benefit_json(kb, case.region, b) for b in cr.benefits],
            }
        )
    premiums = {str(y): benefit_json(kb, case.region, b) for y, b in r.premiums.items()}
    out: dict[str, Any] = {
        "region": case.region,
        "document": kb.doc_no(case.region),
        "person": case.person_id,
        "claims": claims,
        "premium_subsidy": next(iter(premiums.values())) if len(premiums) == 1 else None,
        "premium_subsidies": premiums,
        "totals": totals_json(r.totals()),
        "warnings": [{**w, "citation": kb.cite(w["cite"])} for w in r.warnings],
        "interpretations": [kb.cite(i) for i in r.interpretations],
    }
    return out


def _amount_text(b: Benefit) -> str:
    if b.status == "paid":
        return money(b.amount) or ""
    if b.status == "bounded" and b.amount_max is None:
        return f"不低于 {money(b.amount_min)}"
    if b.status == "bounded":
        return f"{money(b.amount_min)}～{money(b.amount_max)}"
    return ""


def totals_json(t: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int) else money(v) for k, v in t.items()}


def totals_lines(t: dict[str, Any]) -> list[str]:
    """Exact, bounded and unresolved amounts are never added into one figure."""
    if "assistance_min" not in t:
        return [f"医疗救助合计：{money(t['assistance'])} 元"]
    lines = [f"医疗救助确定金额合计：{money(t['assistance'])} 元（只含确定金额）"]
    if True:
        parts = []
        if t.get("bounded"):
            parts.append(f"区间或下限项目 {t['bounded']} 项")
        if t.get("unresolved"):
            parts.append(f"待定项目 {t['unresolved']} 项")
        if "assistance_max" in t:
            whole = f"{money(t['assistance_min'])}～{money(t['assistance_max'])} 元"
        else:
            whole = f"不低于 {money(t['assistance_min'])} 元（有项目无法确定上限）"
        lines.append(f"另有{'、'.join(parts)}：全部医疗救助 {whole}")
    return lines


def _cite_short(kb: KB, cite: str) -> str:
    c = kb.cite(cite)
    if "interpretation" in c:
        return f"解释 {c['interpretation']['name']}"
    return f"{c['clause']}"


def print_result(kb: KB, r: Result, console: Console) -> None:
    case = r.case
    status = kb.outcomes
    console.print(
        Text.assemble(
            plain(kb.region_name(case.region), "bold"),
            f" · {kb.doc_no(case.region)} · 人员 ",
            plain(case.person_id),
        )
    )
    table = Table(show_lines=False)
    for col in ("理赔", "日期", "个人自付", "项目", "结果", "金额（元）", "身份", "条款"):
        table.add_column(col)
    for cr in r.claims:
        first = True
        for b in cr.benefits:
            table.add_row(
                plain(cr.claim.id if first else ""),
                cr.claim.date.isoformat() if first else "",
                money(cr.claim.self_pay) if first else "",
                plain(kb.label(b.program)),
                status.get(b.status, b.status),
                _amount_text(b),
                plain(kb.category_label(case.region, b.identity) if b.identity else ""),
                plain("；".join(dict.fromkeys(_cite_short(kb, c) for c in b.cites[:3]))),
            )
            first = False
    for y, b in r.premiums.items():
        table.add_row(
            f"{y}年",
            "",
            "",
            plain(kb.label(b.program)),
            status.get(b.status, b.status),
            _amount_text(b),
            plain(kb.category_label(case.region, b.identity) if b.identity else ""),
            plain("；".join(dict.fromkeys(_cite_short(kb, c) for c in b.cites[:3]))),
        )
    console.print(table)
    for line in totals_lines(r.totals()):
        console.print(plain(line))
    notes = []
    for cr in r.claims:
        for b in cr.benefits:
            if b.reason and (
                b.status in ("excluded", "unresolved")
                or b.reason_code == "cap_reached"
                or b.reason_code == "below_threshold"
                or b.reason_code in ("floor", "depends_on_unresolved", "overlap_partial")
            ):
                notes.append(f"{cr.claim.id} {kb.label(b.program)}：{b.reason}")
    for n in notes:
        console.print(plain(f"  注：{n}"))
    for w in r.warnings:
        c = kb.cite(w["cite"])
        where = f"（{c['document']} {c['clause']}：「{c['quote']}」）"
        if w["status"] == "missing_parameter":
            console.print(
                plain(f"  预警：{w['year']}年 {w['warning_name']} 未能判断——{w['reason']}{where}")
            )
            continue
        console.print(
            plain(
                f"  预警：{w['year']}年 {w['warning_name']}（{w['watched_as']}）：个人自付 {w['self_pay']} 元"
                f"（{w['self_pay_basis']}，解释 {w['self_pay_interpretation']}），超过 {w['threshold']} 元"
                f"（{w['threshold_rule']}）{where}"
            )
        )
    if r.interpretations:
        console.print("采用的解释：")
        for i in r.interpretations:
            c = kb.cite(i)
            it = c.get("interpretation", {})
            console.print(plain(f"  {i}：{it.get('name', '')}——{it.get('rationale', '')}"))
