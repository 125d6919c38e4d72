"""`medaid kb`: list every parameter with its quote, lint traceability, coverage."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from reasoner.knowledge import KB, REGIONS, Param, kb_dir, source_text

_WS = re.compile(r"\s+")
# Facts whose last argument is a citation (provision or interpretation id).
CITING = {
    "document": 7,
    "region_alias": 3,
    "interpretation": 5,
    "in_force": 4,
    "document_status": 3,
    "implements": 3,
    "repeals": 3,
    "reference": 5,
    "recognises": 4,
    "category_term": 4,
    "category_order": 4,
    "category_class": 4,
    "subkind": 4,
    "within": 4,
    "program_for": 4,
    "benefit_rule": 4,
    "rule_category": 3,
    "category_set": 3,
    "rule_categories": 3,
    "rule_condition": 3,
    "rule_exclusion": 3,
    "param": 6,
    "param_in_year": 6,
    "derived": 4,
    "derived_basis": 3,
    "cap_pool": 3,
    "deductible_pool": 3,
    "params_delegated": 3,
    "delegated": 5,
    "overlap": 5,
    "identity_implies": 5,
    "bound_reading": 3,
    "precedence": 3,
    "referral_exclusion": 2,
    "referral_reduction_option": 3,
    "temporal_rule": 3,
    "warning": 6,
    "warning_category": 3,
    "warning_group": 3,
    "warning_excluded_scheme": 3,
    "warning_self_pay": 3,
    "payment_order": 4,
    "selfpay_target": 5,
    "uses_catalog": 3,
    "disease": 6,
}
CATEGORY_ARG = {
    "recognises": 1,
    "category_term": 1,
    "category_order": 1,
    "category_class": 1,
    "subkind": 1,
    "rule_category": 1,
    "category_set": 1,
    "delegated": 2,
    "warning_category": 1,
}


def squeeze(text: str) -> str:
    return _WS.sub("", text)


@dataclass
class Row:
    region: str
    program: str
    category: str
    rule: str
    name: str
    bound: str
    value: str | None
    min: str | None
    max: str | None
    unit: str
    year: int | None
    clause: str
    document: str
    quote: str
    derivation: str | None
    interpretation: str | None


def _unit(kb: KB, unit: Any) -> str:
    if isinstance(unit, tuple) and unit[0] == "percent_of":
        return f"percent_of({unit[1]})"
    return str(unit)


def unit_text(kb: KB, unit: str) -> str:
    """A unit of `kb list` (yuan, percent, percent_of(base)) in the kb's words."""
    if unit == "yuan":
        return str(kb.units.get("fen", unit))
    if unit.startswith("percent_of(") and unit.endswith(")"):
        base = unit[len("percent_of(") : -1]
        return f"{kb.units.get('percent_of', '%')}{kb.externals.get(base, (base,))[0]}"
    return str(kb.units.get(unit, unit))


def param_label(kb: KB, name: str, rule: str = "") -> str:
    """A parameter's name as the documents call it (a warning's threshold is its 预警线)."""
    if rule and any(w[1] == rule for w in kb.warnings):
        name = "warning_threshold"
    return str(kb.param_names.get(name, name))


def _display(p: Param) -> str:
    if p.unit == "fen":
        return f"{Decimal(p.value) / 100:.2f}"
    return str(p.value)


def parameter_rows(kb: KB, region: str | None = None) -> list[Row]:
    """Every figure the knowledge base holds, one row per category it applies to."""
    rows: list[Row] = []
    for rule in kb.rules.values():
        if region and rule.region != region:
            continue
        params: list[tuple[Param, int | None]] = [(p, None) for p in rule.params.values()]
        params += [(p, y) for (_, y), p in rule.year_params.items()]
        for p, year in params:
            c = kb.cite(p.cite)
            shown = _display(p)
            deriv = rule.derivations.get(p.name)
            for cat, _ in rule.categories or (("", ""),):
                rows.append(
                    Row(
                        region=rule.region,
                        program=rule.program,
                        category=cat,
                        rule=rule.id,
                        name=p.name,
                        bound=p.bound,
                        value=shown if p.bound in ("exact", "approx") else None,
                        min=shown if p.bound == "min" else None,
                        max=shown if p.bound == "max" else None,
                        unit="yuan" if p.unit == "fen" else _unit(kb, p.unit),
                        year=year,
                        clause=c.get("clause", ""),
                        document=c.get("document", ""),
                        quote=c.get("quote", ""),
                        derivation=deriv[0] if deriv else None,
                        interpretation=c["interpretation"]["id"] if "interpretation" in c else None,
                    )
                )
    for r, wid, bound, value, unit, cite in kb.warnings:
        if region and r != region:
            continue
        c = kb.cite(cite)
        rows.append(
            Row(
                r,
                "warning",
                ",".join(w[1] for w in kb.warning_categories if w[0] == wid),
                wid,
                "threshold",
                bound,
                str(value) if bound != "min" else None,
                str(value) if bound == "min" else None,
                None,
                _unit(kb, unit),
                None,
                c.get("clause", ""),
                c.get("document", ""),
                c.get("quote", ""),
                None,
                None,
            )
        )
    return rows


# ---------------------------------------------------------------------------
# lint
# ---------------------------------------------------------------------------


@dataclass
class Problem:
    file: str
    line: int
    reason: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


def figure_forms(p: Param) -> list[str]:
    """Ways a figure may be written in a quote (70 → "70%"; 2000000 fen → "2万元", "20000元")."""
    v = p.value
    if v == 0 and p.name == "deductible":
        return ["不设", "0"]
    if v == 100 and p.unit == "percent":
        return ["100", "全额"]
    if p.unit == "fen":
        yuan = Decimal(v) / 100
        forms = [_plain(yuan)]
        if yuan % 1000 == 0 and yuan:
            forms.append(_plain(yuan / 10000) + "万")
        return forms
    if isinstance(p.unit, tuple) and v % 100 == 0 and v >= 200:
        return [str(v), f"{v // 100}倍"]
    return [str(v)]


def _plain(d: Decimal) -> str:
    """A number as written in the documents: 800, 2, 0.8 — no trailing zeros."""
    text = f"{d:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def lint(kb: KB, eng: Any) -> list[Problem]:
    lc = _LintContext(kb, eng.sources(), str(kb_dir()))
    problems: list[Problem] = []
    for check in (_lint_quotes, _lint_citations, _lint_figures, _lint_categories):
        problems += check(lc)
    problems += _lint_coverage(lc, eng)
    return problems


@dataclass
class _LintContext:
    kb: KB
    sources: list[tuple[Any, str, int]]
    root: str

    def loc(self, *prefix: Any) -> tuple[str, int]:
        """file:line of the first kb clause whose head starts with `prefix`."""
        for head, f, line in self.sources:
            if isinstance(head, tuple) and head[: len(prefix)] == prefix:
                return _rel(f, self.root), line
        return "kb", 0


def _lint_quotes(lc: _LintContext) -> list[Problem]:
    """Quotes are verbatim and carry their region's prefix."""
    kb, loc = lc.kb, lc.loc
    texts = {r: squeeze(source_text(r)) for r in REGIONS}
    problems: list[Problem] = []
    for pid, p in kb.provisions.items():
        f, line = loc("provision", pid)
        src = texts.get(p.region)
        if src is None:
            problems.append(Problem(f, line, f"provision {pid}：未知地区 {p.region}"))
        elif squeeze(p.quote) not in src:
            problems.append(
                Problem(f, line, f"provision {pid}：引文与 kb/sources/{p.region}.txt 原文不符")
            )
        if not pid.startswith(
            {
                "shapingba": "spb_",
                "yubei": "yb_",
                "panzhihua": "pzh_",
                "jiangsu": "js_",
                "cangzhou": "cz_",
            }.get(p.region, "?")
        ):
            problems.append(Problem(f, line, f"provision {pid}：编号前缀与地区 {p.region} 不符"))
    return problems


def _lint_citations(lc: _LintContext) -> list[Problem]:
    """Citations resolve; the categories clauses name are defined."""
    kb, sources, root = lc.kb, lc.sources, lc.root
    problems: list[Problem] = []
    for head, f, line in sources:
        if not isinstance(head, tuple):
            continue
        name, *args = head
        # A rule's head (rule_category from a category_set) cites through its body.
        if CITING.get(name) == len(args) and args[-1] != "_":
            cite = args[-1]
            if not (
                isinstance(cite, str) and (cite in kb.provisions or cite in kb.interpretations)
            ):
                problems.append(
                    Problem(
                        _rel(f, root),
                        line,
                        f"{name}：引用 {cite!r} 既不是条文摘录也不是解释",
                    )
                )
        if name in CATEGORY_ARG and len(args) == CITING.get(name):
            cat = args[CATEGORY_ARG[name]]
            if isinstance(cat, str) and cat not in kb.categories and cat != "_":
                problems.append(
                    Problem(_rel(f, root), line, f"{name}：未定义的救助对象类别 {cat!r}")
                )
        if name == "subkind" and len(args) == 4 and args[2] not in kb.categories:
            problems.append(
                Problem(_rel(f, root), line, f"subkind：未定义的救助对象类别 {args[2]!r}")
            )
    return problems


def _lint_figures(lc: _LintContext) -> list[Problem]:
    """Each figure appears in its clause's quote (or is derived)."""
    kb, loc = lc.kb, lc.loc
    problems: list[Problem] = []
    for rule in kb.rules.values():
        for prm in [*rule.params.values(), *rule.year_params.values()]:
            if prm.bound == "unlimited" or prm.name in rule.derivations:
                continue
            if prm.cite not in kb.provisions:
                continue  # an interpretation states the figure; its rationale says why
            q = squeeze(kb.provisions[prm.cite].quote)
            if not any(form in q for form in figure_forms(prm)):
                f, line = loc("param", rule.id, prm.name)
                if not line:
                    f, line = loc("param_in_year", rule.id, prm.name)
                problems.append(
                    Problem(
                        f,
                        line,
                        f"param {rule.id}.{prm.name} = {prm.value}（{_unit(kb, prm.unit)}）"
                        f"未出现在 {prm.cite} 的引文中，也没有 derived/4 推导",
                    )
                )
    return problems


def _lint_categories(lc: _LintContext) -> list[Problem]:
    """A rule's categories are ones its document recognises."""
    kb, sources, loc = lc.kb, lc.sources, lc.loc
    problems: list[Problem] = []
    recognised = {(r, c) for r, c, _, _ in kb.recognises}
    for rule in kb.rules.values():
        for cat, _cite in rule.categories:
            subs = {s for r, s, sup, _ in kb.subkinds if r == rule.region and sup == cat}
            if (rule.region, cat) not in recognised and not any(
                (rule.region, s) in recognised for s in subs
            ):
                f, line = loc("rule_category", rule.id, cat)
                for head, _, _ in sources if not line else ():
                    if isinstance(head, tuple) and head[:2] == ("rule_categories", rule.id):
                        f, line = loc("category_set", head[2], cat)
                problems.append(
                    Problem(
                        f,
                        line,
                        f"规则 {rule.id} 列出的救助对象类别 {cat!r} 不是 {rule.region} 文件认定的对象",
                    )
                )
    return problems


def _lint_coverage(lc: _LintContext, eng: Any) -> list[Problem]:
    """Every clause is encoded or marked non-computational."""
    kb, sources, root = lc.kb, lc.sources, lc.root
    problems: list[Problem] = []
    for region, numbering, status in coverage_rows(kb, cited_ids(kb, eng)):
        if status == "missing":
            f, line = next(
                (
                    (_rel(fl, root), ln)
                    for h, fl, ln in sources
                    if isinstance(h, tuple) and h[:2] == ("outline", region) and h[3] == numbering
                ),
                ("kb", 0),
            )
            problems.append(
                Problem(
                    f,
                    line,
                    f"{region} 的条款 {numbering} 既未编码，也未标注为非计算性条款",
                )
            )
    return problems


def _rel(f: str, root: str) -> str:
    return str(f).replace(root + "/", "kb/")


def cited_ids(kb: KB, eng: Any) -> set[str]:
    out: set[str] = set()
    for head, _, _ in eng.sources():
        if isinstance(head, tuple) and CITING.get(head[0]) == len(head) - 1:
            out.add(head[-1])
    for it in kb.interpretations.values():
        out.add(it.cite)
    return out


def coverage_rows(kb: KB, cited: set[str]) -> list[tuple[str, str, str]]:
    """(region, numbering, encoded|non_computational|missing) for every outline clause."""
    encoded: dict[tuple[str, str], bool] = defaultdict(bool)
    for pid, p in kb.provisions.items():
        if pid in cited:
            encoded[(p.region, p.numbering)] = True
    noncomp = {(r, n) for r, n, _ in kb.non_computational}
    out = []
    for region, _seq, numbering, _heading in sorted(
        kb.outline, key=lambda r: (REGIONS.index(r[0]) if r[0] in REGIONS else 9, r[1])
    ):
        if encoded[(region, numbering)]:
            status = "encoded"
        elif (region, numbering) in noncomp:
            status = "non_computational"
        else:
            status = "missing"
        out.append((region, numbering, status))
    return out


def coverage_table(kb: KB, eng: Any) -> list[dict[str, Any]]:
    rows = coverage_rows(kb, cited_ids(kb, eng))
    out = []
    for region in REGIONS:
        mine = [s for r, _, s in rows if r == region]
        out.append(
            {
                "region": region,
                "document": kb.doc_no(region),
                "clauses": len(mine),
                "encoded": mine.count("encoded"),
                "non_computational": mine.count("non_computational"),
                "missing": mine.count("missing"),
                "provisions": sum(1 for p in kb.provisions.values() if p.region == region),
                "rules": sum(1 for r in kb.rules.values() if r.region == region),
                "interpretations": sum(
                    1 for i in kb.interpretations.values() if i.region == region
                ),
            }
        )
    return out
