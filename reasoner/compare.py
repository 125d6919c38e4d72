"""Side-by-side comparison of one program across the five documents (`medaid compare`).

One row per benefit rule (or delegation, or the absence of the program) of each
region: who is eligible, under the document's own term beside the canonical id;
the deductible, rate and cap as the document states them (bounds stay bounds:
≥80%, ≤10% 人均可支配收入); the conditions; and for every cell the clause it comes
from. Everything is read from the static facts: no case is evaluated.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from reasoner.errors import InputError
from reasoner.knowledge import KB, REGIONS, Param, Rule

BOUND_SIGN = {"exact": "", "min": "≥", "max": "≤", "approx": "≈"}
# Which figures go in which column. The 大病保险 tilt states changes to the
# insurance's own figures; they are shown in the matching column.
COLUMN_PARAMS = {
    "deductible": ("deductible", "threshold", "ci_deductible_cut"),
    "rate": ("rate", "ci_rate_raise"),
    "cap": ("cap", "subcap", "ci_cap"),
}
COLUMNS = ("region", "categories", "deductible", "rate", "cap", "conditions")


def headers(kb: KB) -> dict[str, str]:
    """The table's column headers (template compare_columns, in COLUMNS' order)."""
    return dict(zip(COLUMNS, kb.sentence("compare_columns").split("、"), strict=True))


def optional(kb: KB, key: str, default: str = "") -> str:
    """The arity-0 template `key` where the kb has one (a family keyed by an id), else default."""
    return kb.say(key) if (key, 0) in kb.templates else default


def base_short(kb: KB, base: str) -> str:
    """A percent_of base by its short name (base_short_<id>): the ontology's full names are
    too long for a table cell (the JSON keeps the id)."""
    return optional(kb, f"base_short_{base}", base)


@dataclass
class Cell:
    """One table cell: its text and the citation ids it rests on."""

    text: str
    cites: list[str] = field(default_factory=list)


@dataclass
class Row:
    region: str
    kind: str  # rule | delegated | no_rule | not_recognised | no_program
    rule: str | None
    categories: list[tuple[str, str]]  # (id, the document's term)
    cells: dict[str, Cell]


@dataclass
class Comparison:
    program: str
    category: str | None
    rows: list[Row]


def money_text(kb: KB, fen: int) -> str:
    """Fen as 元, in 万元 when the figure is a whole number of 万."""
    yuan = Decimal(fen) / 100
    if yuan and yuan % 10000 == 0:
        return kb.say("compare_wan_yuan", int(yuan / 10000))
    if yuan == yuan.to_integral_value():
        return kb.say("compare_yuan", int(yuan))
    return kb.say("compare_yuan", f"{yuan:.2f}")


def param_text(kb: KB, p: Param, year_params: dict[tuple[str, int], Param] | None = None) -> str:
    """A figure as the document states it: bound sign, value, unit; year-specific values after."""
    sign = BOUND_SIGN.get(p.bound, "")
    if p.bound == "unlimited":
        text = kb.say("compare_unlimited")
    elif p.unit == "fen":
        text = f"{sign}{money_text(kb, p.value)}"
    elif p.unit == "percent":
        text = f"{sign}{p.value}%"
    elif p.unit == "percentage_points":
        text = kb.say("compare_points", sign, p.value)
    elif isinstance(p.unit, tuple) and p.unit[0] == "percent_of":
        text = f"{sign}{p.value}% {base_short(kb, p.unit[1])}"
    else:
        text = f"{sign}{p.value} {p.unit}"
    text = optional(kb, f"compare_prefix_{p.name}") + text
    for (name, year), yp in sorted((year_params or {}).items(), key=lambda kv: kv[0][1]):
        if name == p.name:
            value = money_text(kb, yp.value) if yp.unit == "fen" else yp.value
            text += kb.say("compare_year_value", year, value)
    return text


def _fill(kb: KB, template: str, args: list[Any]) -> str:
    def one(m: re.Match[str]) -> str:
        i, kind = int(m.group(1)) - 1, m.group(2)
        v = args[i] if i < len(args) else ""
        if kind == "fen" and isinstance(v, int):
            return f"{Decimal(v) / 100:f}".rstrip("0").rstrip(".")
        return kb.label(v)

    return re.sub(r"\{(\d+)(?::(\w+))?\}", one, template)


def condition_text(kb: KB, cond: Any) -> str:
    """A condition term in words, from the kb's own templates (kb/core/templates.pl)."""
    name, args = (cond[0], list(cond[1:])) if isinstance(cond, tuple) else (cond, [])
    t = kb.templates.get((name, len(args)))
    return _fill(kb, t, args) if t else kb.label(cond)


def rule_cells(kb: KB, rule: Rule) -> dict[str, Cell]:
    """Deductible, rate, cap and conditions of one rule, each with its citations."""
    cells: dict[str, Cell] = {}
    delegated = kb.params_delegated.get(rule.id)
    for col, names in COLUMN_PARAMS.items():
        parts, cites = [], []
        for n in names:
            p = rule.params.get(n)
            if p is None:
                continue
            parts.append(param_text(kb, p, rule.year_params))
            cites.append(p.cite)
            cites += [c for (yn, _), yp in rule.year_params.items() if yn == n for c in [yp.cite]]
            if n in rule.derivations:
                cites.append(rule.derivations[n][1])
        if not parts and delegated is not None:
            parts, cites = [kb.say("compare_delegated_figure", delegated[0])], [delegated[1]]
        cells[col] = Cell("；".join(parts) if parts else "—", _dedupe(cites))
    cells["conditions"] = conditions_cell(kb, rule)
    return cells


def conditions_cell(kb: KB, rule: Rule) -> Cell:
    """The claim kinds the program covers, the rule's conditions and exclusions, and the
    region's referral rule (an assistance program only)."""
    kinds = [(k, c) for r, p, k, c in kb.program_for if r == rule.region and p == rule.program]
    names = claim_kind_names(kb)
    parts = ["、".join(names.get(k, k) for k, _ in kinds)] if kinds else []
    cites = [c for _, c in kinds]
    for cond, cite in rule.conditions:
        parts.append(condition_text(kb, cond))
        cites.append(cite)
    for cond, cite in rule.exclusions:
        parts.append(kb.say("compare_exclusion", condition_text(kb, cond)))
        cites.append(cite)
    if kb.programs[rule.program][1] == "assistance" and rule.region in kb.referral_exclusion:
        parts.append(kb.say("compare_referral_exclusion"))
        cites.append(kb.referral_exclusion[rule.region])
    return Cell("；".join(parts) if parts else "—", _dedupe(cites))


@cache
def claim_kind_names(kb: KB) -> dict[str, str]:
    """Claim kinds by their own names: kb.label would give the program of the same id
    (`inpatient` is both a claim kind and a program)."""
    return {str(r[0]): str(r[1]) for r in kb.eng.static("claim_kind", 2)}


def resolve_program(kb: KB, value: str) -> str:
    from reasoner.explain import resolve_program as resolve

    return resolve(kb, value)


def resolve_category(kb: KB, value: str) -> str:
    v = value.strip()
    cat = kb.category_lookup.get(v)
    if cat is None:
        raise InputError(
            "--category", kb.say("compare_unknown_category", repr(v[:40]), kb.choices("category"))
        )
    return cat


def covers(kb: KB, region: str, rule_cats: set[str], cat: str) -> bool:
    """Does a person holding `cat` hold one of `rule_cats` (itself or through subkind/4)?"""
    if cat in rule_cats:
        return True
    return any(r == region and s == cat and sup in rule_cats for r, s, sup, _ in kb.subkinds)


def compare(kb: KB, program: str, category: str | None = None) -> Comparison:
    """The table for one program (optionally one category) across the regions."""
    rows: list[Row] = []
    for region in [r for r in REGIONS if r in kb.documents]:
        offered = any(r == region and p == program for r, p, _, _ in kb.program_for)
        recognised = {c for r, c, _, _ in kb.recognises if r == region}
        if category is not None and category not in recognised:
            # A category may be named by a rule without a recognises/4 fact (lint
            # reports that); show what the document says rather than hide it.
            named = any(
                covers(kb, region, {c for c, _ in rl.categories}, category)
                for rl in kb.rules.values()
                if rl.region == region
            )
            if not named:
                rows.append(_empty(kb, region, "not_recognised", category))
                continue
        if not offered:
            cite = no_program_cites(kb, region, program)
            rows.append(_empty(kb, region, "no_program", category, cite))
            continue
        mine = [rl for rl in kb.rules.values() if rl.region == region and rl.program == program]
        mine.sort(key=lambda rl: _rule_order(kb, rl))
        before = len(rows)
        for rl in mine:
            cats = [c for c, _ in rl.categories]
            if category is not None and not covers(kb, region, set(cats), category):
                continue
            cells = rule_cells(kb, rl)
            cells["region"] = Cell(_region_text(kb, region), [kb.documents[region][6]])
            cells["categories"] = Cell(
                "、".join(_cat_text(kb, region, c) for c in cats),
                _dedupe([ci for _, ci in rl.categories]),
            )
            rows.append(
                Row(region, "rule", rl.id, [(c, kb.category_label(region, c)) for c in cats], cells)
            )
        for doc, dcats, dcites in _delegations(kb, region, program, category):
            text = kb.say("compare_delegated", doc)
            cells = {col: Cell(text, dcites) for col in ("deductible", "rate", "cap")}
            cells["conditions"] = Cell("—")
            cells["region"] = Cell(_region_text(kb, region), [kb.documents[region][6]])
            cells["categories"] = Cell("、".join(_cat_text(kb, region, c) for c in dcats), dcites)
            rows.append(
                Row(
                    region,
                    "delegated",
                    None,
                    [(c, kb.category_label(region, c)) for c in dcats],
                    cells,
                )
            )
        if len(rows) == before and category is not None:
            rows.append(_empty(kb, region, "no_rule", category))
    return Comparison(program, category, rows)


def _rule_order(kb: KB, rule: Rule) -> tuple[int, str]:
    orders = [kb.category_order.get((rule.region, c), 999) for c, _ in rule.categories]
    return (min(orders) if orders else 999, rule.id)


def _delegations(
    kb: KB, region: str, program: str, category: str | None
) -> list[tuple[str, list[str], list[str]]]:
    by_doc: dict[str, tuple[list[str], list[str]]] = {}
    for r, p, cat, doc, cite in kb.delegations:
        if r != region or p != program:
            continue
        if category is not None and not covers(kb, region, {cat}, category):
            continue
        cats, cites = by_doc.setdefault(str(doc), ([], []))
        cats.append(cat)
        cites.append(cite)
    return [(d, cs, _dedupe(ci)) for d, (cs, ci) in by_doc.items()]


def no_program_cites(kb: KB, region: str, program: str) -> list[str]:
    """Interpretations explaining that the region has no such program (e.g. i_js_no_ci_tilt
    names the program's id or Chinese name in a sentence saying it is not set)."""
    name = kb.programs[program][0]
    return [
        i.id
        for i in kb.interpretations.values()
        if i.region == region
        and ("未设" in i.rationale or "未规定" in i.rationale)
        and (name in i.rationale or program in i.rationale)
    ][:1]


def _empty(
    kb: KB, region: str, kind: str, category: str | None, cites: list[str] | None = None
) -> Row:
    """A row without a rule: every cell says why (compare_not_recognised, compare_no_program,
    compare_no_rule)."""
    cells = {col: Cell(kb.say(f"compare_{kind}"), cites or []) for col in COLUMNS}
    cells["region"] = Cell(_region_text(kb, region), [kb.documents[region][6]])
    cats = [(category, kb.category_label(region, category))] if category else []
    return Row(region, kind, None, cats, cells)


def _region_text(kb: KB, region: str) -> str:
    return f"{kb.region_name(region)}（{kb.doc_no(region)}）"


def _cat_text(kb: KB, region: str, cat: str) -> str:
    subs = [s for r, s, sup, _ in kb.subkinds if r == region and sup == cat]
    text = f"{kb.category_label(region, cat)}（{cat}）"
    if subs:
        named = "、".join(f"{kb.category_label(region, s)}（{s}）" for s in subs)
        text = kb.say("compare_subkinds", text, named)
    return text


def _dedupe(xs: list[str]) -> list[str]:
    return list(dict.fromkeys(x for x in xs if x))


# ---------------------------------------------------------------------------
# Rendering
# ---------------------------------------------------------------------------


def clause_text(kb: KB, cites: list[str]) -> str:
    """Citations as `document numbering` (an interpretation as 解释「name」 with its clause)."""
    out = []
    for c in cites:
        rec = kb.cite(c)
        if "interpretation" in rec:
            base = f"{rec['document']} {rec['clause']}".strip()
            out.append(interpretation_text(kb, base, rec["interpretation"]["name"]))
        else:
            out.append(f"{rec['document']} {rec['clause']}".strip())
    return "；".join(dict.fromkeys(out))


def interpretation_text(kb: KB, where: str, name: str) -> str:
    """An interpretation after the clause it reads (where may be empty)."""
    return kb.say("compare_clause_interpretation", where, name).strip()


def _numbering(kb: KB, cites: list[str]) -> str:
    out = []
    for c in cites:
        rec = kb.cite(c)
        n = rec["clause"] or ""
        if "interpretation" in rec:
            n = interpretation_text(kb, n, rec["interpretation"]["name"])
        if n:
            out.append(n)
    return "；".join(dict.fromkeys(out))


def _clauses_json(kb: KB, cites: list[str]) -> list[dict[str, Any]]:
    out = []
    for c in cites:
        rec = kb.cite(c)
        item = {k: rec[k] for k in ("id", "document", "clause", "quote")}
        if "interpretation" in rec:
            item["interpretation"] = rec["interpretation"]["name"]
        out.append(item)
    return out


def comparison_json(kb: KB, cmp: Comparison) -> dict[str, Any]:
    rows = []
    for r in cmp.rows:
        rows.append(
            {
                "region": r.region,
                "region_name": kb.region_name(r.region),
                "document": kb.doc_no(r.region),
                "kind": r.kind,
                "rule": r.rule,
                "categories": [{"id": c, "term": t} for c, t in r.categories],
                "categories_clauses": _clauses_json(kb, r.cells["categories"].cites),
                **{
                    col: {
                        "text": r.cells[col].text,
                        "clauses": _clauses_json(kb, r.cells[col].cites),
                    }
                    for col in COLUMNS
                    if col not in ("region", "categories")
                },
            }
        )
    return {
        "program": cmp.program,
        "program_name": kb.label(cmp.program),
        "category": cmp.category,
        "category_name": kb.categories.get(cmp.category) if cmp.category else None,
        "rows": rows,
    }


def _cell_with_clause(kb: KB, cell: Cell, col: str) -> str:
    if col == "region" or not cell.cites:
        return cell.text
    return f"{cell.text}［{_numbering(kb, cell.cites)}］"


def comparison_markdown(kb: KB, cmp: Comparison) -> str:
    title = f"### {kb.label(cmp.program)}（{cmp.program}）"
    if cmp.category:
        title += f" · {kb.categories.get(cmp.category, cmp.category)}（{cmp.category}）"
    head = headers(kb)
    lines = [title, "", "| " + " | ".join(head[c] for c in COLUMNS) + " |"]
    lines.append("|" + "---|" * len(COLUMNS))
    for r in cmp.rows:
        cells = [_cell_with_clause(kb, r.cells[c], c).replace("|", "｜") for c in COLUMNS]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def comparison_csv(kb: KB, cmp: Comparison) -> str:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = ["region", "region_name", "document", "kind", "rule"]
    for c in COLUMNS[1:]:
        head += [c, f"{c}_clause"]
    w.writerow(head)
    for r in cmp.rows:
        line = [r.region, kb.region_name(r.region), kb.doc_no(r.region), r.kind, r.rule or ""]
        for c in COLUMNS[1:]:
            line += [r.cells[c].text, clause_text(kb, r.cells[c].cites)]
        w.writerow(line)
    return buf.getvalue()


def comparison_table(kb: KB, cmp: Comparison) -> Any:
    """A rich Table for the terminal (each cell followed by its clause)."""
    from rich.table import Table

    title = f"{kb.label(cmp.program)}（{cmp.program}）"
    if cmp.category:
        title += f" · {kb.categories.get(cmp.category, cmp.category)}（{cmp.category}）"
    t = Table(title=title, show_lines=True)
    head = headers(kb)
    for c in COLUMNS:
        t.add_column(head[c], overflow="fold")
    for r in cmp.rows:
        t.add_row(*[_cell_with_clause(kb, r.cells[c], c) for c in COLUMNS])
    return t
