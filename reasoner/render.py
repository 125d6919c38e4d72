"""Rendering evaluation results: JSON for machines, Chinese tables for people."""

from __future__ import annotations

import unicodedata
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from reasoner.evaluate import Benefit, Option, Result
from reasoner.knowledge import KB

if TYPE_CHECKING:
    # rich only where a table is printed: `check` renders witnesses as JSON many times
    from rich.console import Console
    from rich.text import Text

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
    from rich.text import Text

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


def _amount_text(kb: KB, b: Benefit) -> str:
    if b.status == "paid":
        return money(b.amount) or ""
    if b.status == "bounded" and b.amount_max is None:
        return kb.say("cell_floor", money(b.amount_min))
    if b.status == "bounded":
        return kb.say("amount_span", money(b.amount_min), money(b.amount_max))
    return ""


def totals_json(t: dict[str, Any]) -> dict[str, Any]:
    return {k: v if isinstance(v, int) else money(v) for k, v in t.items()}


def totals_lines(t: dict[str, Any], kb: KB | None = None) -> list[str]:
    """Exact, bounded and unresolved amounts are never added into one figure."""
    if kb is None:
        from reasoner.api import get_kb

        kb = get_kb()
    if "assistance_min" not in t:
        return [kb.say("total_all", money(t["assistance"]))]
    parts = []
    if t.get("bounded"):
        parts.append(kb.say("total_bounded_count", t["bounded"]))
    if t.get("unresolved"):
        parts.append(kb.say("total_unresolved_count", t["unresolved"]))
    if "assistance_max" in t:
        whole = kb.say("amount_range", money(t["assistance_min"]), money(t["assistance_max"]))
    else:
        whole = kb.say("total_floor", money(t["assistance_min"]))
    return [
        kb.say("total_exact", money(t["assistance"])),
        kb.say("total_others", "、".join(parts), whole),
    ]


def _cite_short(kb: KB, cite: str) -> str:
    c = kb.cite(cite)
    if "interpretation" in c:
        return kb.say("cite_interpretation", c["interpretation"]["name"])
    return f"{c['clause']}"


def print_result(kb: KB, r: Result, console: Console) -> None:
    from rich.table import Table
    from rich.text import Text

    case = r.case
    status = kb.outcomes
    console.print(
        Text.assemble(
            plain(kb.region_name(case.region), "bold"),
            kb.say("result_heading", kb.doc_no(case.region)),
            plain(case.person_id),
        )
    )
    table = Table(show_lines=False)
    for col in kb.sentence("result_columns").split("、"):
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
                _amount_text(kb, b),
                plain(kb.category_label(case.region, b.identity) if b.identity else ""),
                plain("；".join(dict.fromkeys(_cite_short(kb, c) for c in b.cites[:3]))),
            )
            first = False
    for y, b in r.premiums.items():
        table.add_row(
            kb.say("premium_year", y),
            "",
            "",
            plain(kb.label(b.program)),
            status.get(b.status, b.status),
            _amount_text(kb, b),
            plain(kb.category_label(case.region, b.identity) if b.identity else ""),
            plain("；".join(dict.fromkeys(_cite_short(kb, c) for c in b.cites[:3]))),
        )
    console.print(table)
    for line in totals_lines(r.totals(), kb):
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
                notes.append(kb.say("benefit_note", cr.claim.id, kb.label(b.program), b.reason))
    for n in notes:
        console.print(plain(kb.say("note_line", n)))
    for w in r.warnings:
        c = kb.cite(w["cite"])
        where = kb.say("warning_where", c["document"], c["clause"], c["quote"])
        if w["status"] == "missing_parameter":
            line = kb.say("warning_undecided", w["year"], w["warning_name"], w["reason"], where)
        else:
            line = kb.say(
                "warning_line",
                *(w[k] for k in ("year", "warning_name", "watched_as", "self_pay")),
                *(w[k] for k in ("self_pay_basis", "self_pay_interpretation", "threshold")),
                w["threshold_rule"],
                where,
            )
        console.print(plain(line))
    if r.interpretations:
        console.print(kb.sentence("heading_interpretations_used"))
        for i in r.interpretations:
            it = kb.cite(i).get("interpretation", {})
            line = kb.say("interpretation_used", i, it.get("name", ""), it.get("rationale", ""))
            console.print(plain(line))
