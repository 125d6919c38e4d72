"""Reforms: small files that override a document's figures or a rule's categories.

A reform never copies the rules. `KB.with_reform` returns the same knowledge base
with some rules carrying new `Param`s, each citing the reform's name and the clause
it overrides; category additions and removals reach the Prolog engine as
`reform_adds/2` / `reform_removes/2` facts beside the case facts (kb/core/rules.pl).
This module reads and applies reform files; reasoner.reform_case runs one case under a
reform or another document, reasoner.reform_batch a batch of settled claims.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reasoner.errors import InputError
from reasoner.knowledge import Param, Rule
from reasoner.space import region_categories

if TYPE_CHECKING:
    from reasoner.engine import Answers, Fact, PrologEngine, Term
    from reasoner.knowledge import KB

# The figures a reform may change: those a rule's arithmetic reads. Their names and the
# other words a reform file may use for them are the ontology's (parameter/2, alias/3).
REFORMABLE = ("rate", "deductible", "cap", "subcap", "threshold")
CATEGORY_CHANGES = {"add_category": "增加适用对象", "remove_category": "取消适用对象"}
_KEYS = {"region", "program", "category", "rule", "parameter", "value", "year", "note"}
_UNLIMITED = {"不设", "不限", "unlimited", "none"}
_AMOUNT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*(万)?\s*(元)?\s*$")
_PERCENT = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*[%％]\s*$")


@dataclass(frozen=True)
class Change:
    """One validated change, on the rules it selects."""

    index: int  # 1-based, as the reform file lists it
    region: str
    rules: tuple[str, ...]
    parameter: str  # rate | deductible | cap | subcap | threshold | add_category | remove_category
    value: Any = None  # (bound, value, unit) for a figure; the category id otherwise
    year: int | None = None
    text: str = ""  # how the file stated the value
    note: str = ""
    category: str | None = None  # the category the file named to select rules, if any


@dataclass
class Reform:
    name: str
    changes: list[Change] = field(default_factory=list)
    description: str = ""
    source: str = ""

    def digest(self) -> str:
        h = hashlib.sha256(self.name.encode())
        for c in self.changes:
            h.update(repr(dataclasses.astuple(c)).encode())
        return h.hexdigest()[:12]


# ---------------------------------------------------------------------------
# Reading a reform file
# ---------------------------------------------------------------------------


def load_reform(path: str | Path, kb: KB) -> Reform:
    """Read and validate a reform file (YAML or JSON), with the limits case files have."""
    from reasoner.loader import load_file

    reform = parse_reform(load_file(path), kb)
    reform.source = str(path)
    return reform


def parse_reform(data: Any, kb: KB) -> Reform:
    if not isinstance(data, dict):
        raise InputError("reform", "改革方案应为映射（name、changes）")
    unknown = set(data) - {"name", "description", "changes"}
    if unknown:
        raise InputError(
            f"reform.{sorted(unknown)[0]}", "未知字段；可用：name、description、changes"
        )
    name = str(data.get("name") or "").strip()
    if not name:
        raise InputError("reform.name", "改革方案须有名称（name）")
    raw = data.get("changes", [])
    if raw in ("", None):
        raw = []
    if not isinstance(raw, list):
        raise InputError("reform.changes", "应为列表")
    changes = [_change(i, c, kb) for i, c in enumerate(raw, start=1)]
    return Reform(name, changes, str(data.get("description") or "").strip())


def _valid(items: Iterable[tuple[str, str]]) -> str:
    return "、".join(f"{i}（{n}）" if n and n != i else i for i, n in items)


def _region(value: str, where: str, kb: KB) -> str:
    r = kb.region_lookup.get(value.strip())
    if r is None:
        raise InputError(
            where,
            f"未知地区 {value[:40]!r}；可用：{_valid((k, kb.region_name(k)) for k in kb.documents)}",
        )
    return r


def _program(value: str, where: str, region: str, kb: KB) -> str:
    offered = sorted({r.program for r in kb.rules.values() if r.region == region})
    lookup = {p: p for p in offered} | {kb.label(p): p for p in offered}
    p = lookup.get(value.strip())
    if p is None:
        raise InputError(
            where,
            f"{kb.region_name(region)}没有项目 {value[:40]!r}；可用：{_valid((p, kb.label(p)) for p in offered)}",
        )
    return p


def _category(value: str, where: str, region: str, kb: KB) -> str:
    known = region_categories(kb, region)
    c = kb.category_lookup.get(value.strip())
    if c is None or c not in known:
        raise InputError(
            where,
            f"{kb.region_name(region)}文件没有对象类别 {value[:40]!r}；可用："
            + _valid((k, kb.category_label(region, k)) for k in known),
        )
    return c


def _parameter(kb: KB, value: str, where: str) -> str:
    v = value.strip()
    pid = kb.lookup("parameter").get(v)
    if pid in REFORMABLE:
        return str(pid)
    for pid, name in CATEGORY_CHANGES.items():
        if v in (pid, name):
            return pid
    names = [(p, kb.vocab.parameter_name(p)) for p in REFORMABLE]
    raise InputError(
        where, f"未知参数 {value[:40]!r}；可用：{_valid([*names, *CATEGORY_CHANGES.items()])}"
    )


def _change(index: int, raw: Any, kb: KB) -> Change:
    at = f"changes[{index - 1}]"
    if not isinstance(raw, dict):
        raise InputError(
            at, "每项修改应为映射（region、program、category、rule、parameter、value）"
        )
    extra = set(raw) - _KEYS
    if extra:
        raise InputError(f"{at}.{sorted(extra)[0]}", f"未知字段；可用：{'、'.join(sorted(_KEYS))}")

    def text(key: str) -> str | None:
        v = raw.get(key)
        if v is None or v == "":
            return None
        if isinstance(v, bool) or not isinstance(v, str | int):
            raise InputError(f"{at}.{key}", "应为文本或数字")
        return str(v)

    region, program, category, mine = _scope(at, text, kb)
    ptext = text("parameter")
    if ptext is None:
        raise InputError(f"{at}.parameter", "须指明参数（parameter）")
    parameter = _parameter(kb, ptext, f"{at}.parameter")
    value_text = text("value")
    if value_text is None:
        raise InputError(f"{at}.value", "须给出新值（value）")
    year_text = text("year")
    year = None
    if year_text is not None:
        if not year_text.strip().isdigit() or not 1990 <= int(year_text) <= 2100:
            raise InputError(f"{at}.year", f"不是年度：{year_text[:20]!r}")
        year = int(year_text)
    note = text("note") or ""
    if category is not None:
        mine = [r for r in mine if any(c == category for c, _ in r.categories)]
    if parameter in CATEGORY_CHANGES:
        cat, ids = _category_change(at, kb, region, mine, parameter, value_text)
        if year is not None:
            raise InputError(f"{at}.year", "对象类别的增减不分年度")
        return Change(index, region, ids, parameter, cat, None, value_text, note, category)
    ids, value = _figure_change(at, kb, region, program, category, mine, parameter, value_text)
    return Change(index, region, ids, parameter, value, year, value_text, note, category)


def _scope(
    at: str, text: Callable[[str], str | None], kb: KB
) -> tuple[str, str | None, str | None, list[Rule]]:
    """The change's region, program and category, and the region's rules it may touch."""
    rule_id = text("rule")
    region_text = text("region")
    if region_text is None and rule_id is not None and rule_id.strip() in kb.rules:
        region = kb.rules[rule_id.strip()].region
    elif region_text is None:
        raise InputError(f"{at}.region", "须指明地区（region）")
    else:
        region = _region(region_text, f"{at}.region", kb)
    program_text, category_text = text("program"), text("category")
    program = _program(program_text, f"{at}.program", region, kb) if program_text else None
    category = _category(category_text, f"{at}.category", region, kb) if category_text else None
    mine = [r for r in kb.rules.values() if r.region == region]
    if rule_id is not None:
        rid = rule_id.strip()
        if rid not in kb.rules or kb.rules[rid].region != region:
            scope = [r for r in mine if program is None or r.program == program]
            raise InputError(
                f"{at}.rule",
                f"{kb.region_name(region)}没有规则 {rid[:40]!r}；可用："
                + _valid((r.id, kb.label(r.program)) for r in scope),
            )
        mine = [kb.rules[rid]]
        if program is not None and mine[0].program != program:
            raise InputError(f"{at}.program", f"规则 {rid} 属于{kb.label(mine[0].program)}")
    if program is not None:
        mine = [r for r in mine if r.program == program]
    return region, program, category, mine


def _category_change(
    at: str, kb: KB, region: str, mine: list[Rule], parameter: str, value_text: str
) -> tuple[str, tuple[str, ...]]:
    """The category added or removed, and the rules it changes (one at least)."""
    cat = _category(value_text, f"{at}.value", region, kb)
    if parameter == "add_category":
        mine = [r for r in mine if all(c != cat for c, _ in r.categories)]
    else:
        mine = [r for r in mine if any(c == cat for c, _ in r.categories)]
    if not mine:
        which = "尚未适用于" if parameter == "add_category" else "适用于"
        raise InputError(
            at,
            f"{kb.region_name(region)}所选范围内没有{which}「{kb.category_label(region, cat)}」的规则",
        )
    return cat, tuple(r.id for r in mine)


def _figure_change(
    at: str,
    kb: KB,
    region: str,
    program: str | None,
    category: str | None,
    mine: list[Rule],
    parameter: str,
    value_text: str,
) -> tuple[tuple[str, ...], Any]:
    """The rules whose arithmetic reads the figure, and its value (per rule where units differ)."""
    # A figure only means something to the rules whose arithmetic reads it.
    reads = {
        "residual_tilt": {"threshold", "rate", "cap"},
        "premium": {"rate"},
        "assistance": {"deductible", "rate", "cap", "subcap"},
    }
    fitting = [r for r in mine if parameter in reads.get(_kind(kb, r), set())]
    if not fitting:
        what = f"{kb.region_name(region)}{kb.label(program) if program else ''}" + (
            f"「{kb.category_label(region, category)}」" if category else ""
        )
        raise InputError(
            at, f"{what}没有使用{kb.vocab.parameter_name(parameter)}（{parameter}）的规则"
        )
    values = {r.id: _figure(kb, parameter, value_text, r, f"{at}.value") for r in fitting}
    first = next(iter(values.values()))
    if any(v != first for v in values.values()):
        # The same text can mean different units on different rules (a % of a base);
        # store per rule.
        return tuple(values), tuple(values.items())
    return tuple(values), first


def _kind(kb: KB, rule: Rule) -> str:
    if rule.program == kb.vocab.tilt:
        return "residual_tilt"
    return str(kb.programs[rule.program][1])


def _figure(kb: KB, parameter: str, text: str, rule: Rule, where: str) -> tuple[str, int, Any]:
    """(bound, value, unit) in the kb's units: fen, whole percent, or percent of a base."""
    t = text.strip()
    old = rule.params.get(parameter)
    if t in _UNLIMITED:
        if parameter == "rate":
            raise InputError(where, "救助比例不能为“不设”")
        return ("unlimited", 0, "fen")
    pm = _PERCENT.match(t)
    if parameter == "rate":
        num = pm.group(1) if pm else t
        try:
            d = Decimal(num)
        except InvalidOperation:
            raise InputError(where, f"不是比例：{t[:40]!r}（如 75 或 75%）") from None
        if d != d.to_integral_value() or not 0 <= d <= 100:
            raise InputError(where, f"救助比例应为 0～100 的整数百分比：{t[:40]!r}")
        unit = old.unit if old is not None and isinstance(old.unit, tuple) else "percent"
        return ("exact", int(d), unit)
    if pm:
        d = Decimal(pm.group(1))
        if old is None or not isinstance(old.unit, tuple):
            raise InputError(
                where,
                f"规则 {rule.id} 的{kb.vocab.parameter_name(parameter)}以元计，文件未给出百分比的基数；请用元",
            )
        if d != d.to_integral_value():
            raise InputError(where, f"百分比应为整数：{t[:40]!r}")
        return ("exact", int(d), old.unit)
    m = _AMOUNT.match(t)
    if not m:
        raise InputError(where, f"不是金额：{t[:40]!r}（如 30000、3万元、50% 或 不设）")
    d = Decimal(m.group(1)) * (10000 if m.group(2) else 1)
    if d != d.quantize(Decimal("0.01")):
        raise InputError(where, "金额最多两位小数（分）")
    if d > Decimal("1000000000"):
        raise InputError(where, "金额超出合理范围（10亿元）")
    return ("exact", int(d * 100), "fen")


# ---------------------------------------------------------------------------
# Applying a reform
# ---------------------------------------------------------------------------


def cite_id(change: Change) -> str:
    return f"reform_{change.index}"


def figure_text(kb: KB, p: Param | None) -> str:
    """A figure as the documents state it: 20000.00元, 70%, 10%（上年居民人均可支配收入）."""
    if p is None:
        return "未规定"
    if p.bound == "unlimited":
        return "不设"
    bound = {"min": "不低于", "max": "不高于", "approx": "约"}.get(p.bound, "")
    if p.unit == "fen":
        return f"{bound}{Decimal(p.value) / 100:.2f}元"
    if isinstance(p.unit, tuple) and p.unit[0] == "percent_of":
        base = kb.externals.get(p.unit[1], (p.unit[1],))[0]
        return f"{bound}{p.value}%（{base}）"
    return f"{bound}{p.value}%"


class ReformEngine:
    """The Prolog engine as seen under a reform: its category facts ride along with
    every batch of case facts (set_case replaces both together)."""

    def __init__(self, base: PrologEngine, facts: Sequence[Fact]) -> None:
        self.base = base
        self.facts = list(facts)

    def answers(self, facts: Iterable[Fact]) -> Answers:
        return self.base.answers([*facts, *self.facts])

    def prove(self, goal: Term) -> list[Any]:
        return self.base.prove(goal)

    def solutions(self, name: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
        return self.base.solutions(name, args)

    def static(self, name: str, arity: int) -> list[tuple[Any, ...]]:
        return self.base.static(name, arity)

    def sources(self) -> list[tuple[Any, str, int]]:
        return self.base.sources()


def apply_reform(kb: KB, reform: Reform) -> KB:
    """The knowledge base under the reform (the base is left as it is)."""
    from typing import cast

    from reasoner.engine import PrologEngine as _PE

    new = copy.copy(kb)
    rules = dict(kb.rules)
    cites: dict[str, dict[str, Any]] = dict(kb.reform_cites)
    facts: list[Fact] = list(kb.override_facts)
    for ch in reform.changes:
        cid = cite_id(ch)
        overridden: list[str] = []
        before: list[str] = []
        for rid in ch.rules:
            r = rules[rid]
            if ch.parameter == "add_category":
                r = dataclasses.replace(r, categories=(*r.categories, (ch.value, cid)))
                facts.append(("reform_adds", rid, ch.value))
            elif ch.parameter == "remove_category":
                overridden += [c for k, c in r.categories if k == ch.value]
                r = dataclasses.replace(
                    r, categories=tuple((k, c) for k, c in r.categories if k != ch.value)
                )
                facts.append(("reform_removes", rid, ch.value))
            else:
                bound, value, unit = (
                    dict(ch.value)[rid] if isinstance(ch.value[0], tuple) else ch.value
                )
                name = ch.parameter
                params = dict(r.params)
                yparams = dict(r.year_params)
                derivs = dict(r.derivations)
                if ch.year is None:
                    old = params.get(name)
                    olds = [old] + [p for (n, _), p in yparams.items() if n == name]
                    params[name] = Param(rid, name, bound, value, unit, cid)
                    # A figure stated for one year would win over the new one (Params.get).
                    yparams = {k: p for k, p in yparams.items() if k[0] != name}
                    derivs.pop(name, None)
                else:
                    old = yparams.get((name, ch.year)) or params.get(name)
                    olds = [old]
                    yparams[(name, ch.year)] = Param(rid, name, bound, value, unit, cid)
                overridden += [p.cite for p in olds if p is not None]
                before += [figure_text(kb, p) for p in olds if p is not None] or ["未规定"]
                r = dataclasses.replace(r, params=params, year_params=yparams, derivations=derivs)
            rules[rid] = r
        cites[cid] = _cite_record(kb, reform, ch, list(dict.fromkeys(overridden)), before)
    new.rules = rules
    new.reform_cites = cites
    new.override_facts = tuple(dict.fromkeys(facts))
    new.reforms = (*kb.reforms, reform)
    base_eng = kb.eng.base if isinstance(kb.eng, ReformEngine) else kb.eng
    new.eng = cast(_PE, ReformEngine(cast(_PE, base_eng), new.override_facts))
    return new


def change_text(kb: KB, ch: Change) -> str:
    """The change in the documents' words, e.g. 住院救助年度救助限额改为 30000.00元."""
    progs = dict.fromkeys(kb.label(kb.rules[r].program) for r in ch.rules)
    where = f"{kb.region_name(ch.region)}{'、'.join(progs)}"
    year = f"（{ch.year}年度）" if ch.year else ""
    if ch.parameter == "add_category":
        return f"{where}增加适用对象「{kb.category_label(ch.region, ch.value)}」"
    if ch.parameter == "remove_category":
        return f"{where}取消适用对象「{kb.category_label(ch.region, ch.value)}」"
    if isinstance(ch.value[0], tuple):
        shown = "、".join(
            dict.fromkeys(
                figure_text(kb, Param(r, ch.parameter, v[0], v[1], v[2], "")) for r, v in ch.value
            )
        )
    else:
        shown = figure_text(kb, Param("", ch.parameter, ch.value[0], ch.value[1], ch.value[2], ""))
    return f"{where}{kb.vocab.parameter_name(ch.parameter)}{year}改为 {shown}"


def _cite_record(
    kb: KB, reform: Reform, ch: Change, overridden: list[str], before: list[str]
) -> dict[str, Any]:
    prev = [kb.cite(c) for c in overridden]
    where = "；".join(dict.fromkeys(f"{c['document']} {c['clause']}".strip() for c in prev))
    quote = change_text(kb, ch)
    if before:
        quote += f"（原为 {'、'.join(dict.fromkeys(before))}）"
    return {
        "id": cite_id(ch),
        "document": f"改革方案「{reform.name}」",
        "clause": f"第{ch.index}项" + (f"，替代 {where}" if where else ""),
        "quote": quote,
        "reform": {
            "name": reform.name,
            "change": ch.index,
            "rules": list(ch.rules),
            "parameter": ch.parameter,
            "value": ch.text,
            "overrides": prev,
        },
    }


def changes_json(kb: KB, reform: Reform) -> list[dict[str, Any]]:
    """What the reform changes, rule by rule: before → after, with the clause overridden."""
    rk = kb if kb.reforms else apply_reform(kb, reform)
    base = kb
    out = []
    for ch in reform.changes:
        for rid in ch.rules:
            row: dict[str, Any] = {
                "change": ch.index,
                "region": ch.region,
                "program": kb.rules[rid].program,
                "rule": rid,
                "parameter": ch.parameter,
                "parameter_name": CATEGORY_CHANGES.get(ch.parameter)
                or kb.vocab.parameter_name(ch.parameter),
                "selected_category": ch.category,
            }
            if ch.parameter in CATEGORY_CHANGES:
                row["category"] = ch.value
                row["category_term"] = kb.category_label(ch.region, ch.value)
                row["categories_before"] = [c for c, _ in base.rules[rid].categories]
                row["categories_after"] = [c for c, _ in rk.rules[rid].categories]
            else:
                b, a = base.rules[rid], rk.rules[rid]
                pick_b = (
                    b.year_params.get((ch.parameter, ch.year)) if ch.year else None
                ) or b.params.get(ch.parameter)
                pick_a = (
                    a.year_params.get((ch.parameter, ch.year)) if ch.year else None
                ) or a.params.get(ch.parameter)
                row["year"] = ch.year
                row["before"] = figure_text(kb, pick_b)
                row["after"] = figure_text(kb, pick_a)
                row["before_years"] = {
                    str(y): figure_text(kb, p)
                    for (n, y), p in b.year_params.items()
                    if n == ch.parameter
                }
                # A rule's figures serve all its categories: say which the change reaches.
                row["categories"] = [c for c, _ in b.categories]
            row["citation"] = rk.reform_cites[cite_id(ch)]
            out.append(row)
    return out
