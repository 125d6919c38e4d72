"""Reforms: small files that override a document's figures or a rule's categories.

A reform never copies the rules. `KB.with_reform` returns the same knowledge base
with some rules carrying new `Param`s, each citing the reform's name and the clause
it overrides; category additions and removals reach the Prolog engine as
`reform_adds/2` / `reform_removes/2` facts beside the case facts (kb/core/rules.pl).
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import re
from collections.abc import Iterable, Sequence
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

# parameter id → its Chinese names (the documents' words)
PARAMETERS: dict[str, tuple[str, ...]] = {
    "rate": ("救助比例", "比例", "支付比例"),
    "deductible": ("起付标准", "起付线"),
    "cap": ("年度救助限额", "救助限额", "限额", "年度最高救助限额"),
    "subcap": ("分项限额",),
    "threshold": ("倾斜救助起点", "起点"),
}
CATEGORY_CHANGES = {"add_category": "增加适用对象", "remove_category": "取消适用对象"}
PARAM_ZH = {k: v[0] for k, v in PARAMETERS.items()}
_MONEY_PARAMS = ("deductible", "cap", "subcap", "threshold")
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


def _parameter(value: str, where: str) -> str:
    v = value.strip()
    for pid, names in PARAMETERS.items():
        if v == pid or v in names:
            return pid
    for pid, name in CATEGORY_CHANGES.items():
        if v in (pid, name):
            return pid
    raise InputError(
        where,
        f"未知参数 {value[:40]!r}；可用：{_valid([*PARAM_ZH.items(), *CATEGORY_CHANGES.items()])}",
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
    ptext = text("parameter")
    if ptext is None:
        raise InputError(f"{at}.parameter", "须指明参数（parameter）")
    parameter = _parameter(ptext, f"{at}.parameter")
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

    if parameter in CATEGORY_CHANGES:
        if category is not None:
            mine = [r for r in mine if any(c == category for c, _ in r.categories)]
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
        if year is not None:
            raise InputError(f"{at}.year", "对象类别的增减不分年度")
        return Change(
            index,
            region,
            tuple(r.id for r in mine),
            parameter,
            cat,
            None,
            value_text,
            note,
            category,
        )

    if category is not None:
        mine = [r for r in mine if any(c == category for c, _ in r.categories)]
    # A figure only means something to the rules whose arithmetic reads it.
    reads = {
        "tilt": {"threshold", "rate", "cap"},
        "premium": {"rate"},
        "assistance": {"deductible", "rate", "cap", "subcap"},
    }
    fitting = [r for r in mine if parameter in reads.get(_kind(kb, r), set())]
    if not fitting:
        what = f"{kb.region_name(region)}{kb.label(program) if program else ''}" + (
            f"「{kb.category_label(region, category)}」" if category else ""
        )
        raise InputError(at, f"{what}没有使用{PARAM_ZH[parameter]}（{parameter}）的规则")
    values = {r.id: _figure(parameter, value_text, r, f"{at}.value") for r in fitting}
    first = next(iter(values.values()))
    if any(v != first for v in values.values()):
        # The same text can mean different units on different rules (a % of a base);
        # store per rule.
        return Change(
            index,
            region,
            tuple(values),
            parameter,
            tuple(values.items()),
            year,
            value_text,
            note,
            category,
        )
    return Change(index, region, tuple(values), parameter, first, year, value_text, note, category)


def _kind(kb: KB, rule: Rule) -> str:
    if rule.program == "tilt":
        return "tilt"
    return str(kb.programs[rule.program][1])


def _figure(parameter: str, text: str, rule: Rule, where: str) -> tuple[str, int, Any]:
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
                f"规则 {rule.id} 的{PARAM_ZH[parameter]}以元计，文件未给出百分比的基数；请用元",
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
    return f"{where}{PARAM_ZH[ch.parameter]}{year}改为 {shown}"


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
                "parameter_name": PARAM_ZH.get(ch.parameter, CATEGORY_CHANGES.get(ch.parameter)),
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


# ---------------------------------------------------------------------------
# One case, before and after
# ---------------------------------------------------------------------------

Row = dict[str, Any]


def _signed(d: Decimal) -> str:
    return f"+{d:.2f}" if d > 0 else f"{d:.2f}"


def outcome_rows(result: Any) -> dict[tuple[str, str], Row]:
    """(claim id, program) → what eval decided; premiums as claim `premium:YEAR`."""
    out: dict[tuple[str, str], Row] = {}
    items = [(cr.claim.id, b) for cr in result.claims for b in cr.benefits]
    items += [(f"premium:{y}", b) for y, b in result.premiums.items()]
    for cid, b in items:
        out[(cid, b.program)] = {
            "status": b.status,
            "amount": None if b.amount is None else f"{b.amount:.2f}",
            "amount_min": None if b.amount_min is None else f"{b.amount_min:.2f}",
            "amount_max": None if b.amount_max is None else f"{b.amount_max:.2f}",
            "identity": b.identity,
            "rule": b.rule,
        }
    return out


def _money_of(row: Row | None, key: str) -> Decimal:
    if row is None:
        return Decimal(0)
    if row["status"] == "paid" and row["amount"] is not None:
        return Decimal(row["amount"])
    if row["status"] == "bounded" and key != "amount":
        return Decimal(row[key] or 0)
    return Decimal(0)


def compare_results(kb: KB, before: Any, after: Any, years: int = 0) -> dict[str, Any]:
    """delta (totals and by program) and the changed rows, before → after.

    `years`: how far the after-case's dates were moved (its premium years are matched
    to the before-case's)."""
    b_rows = outcome_rows(before)
    a_rows = {}
    for (cid, prog), row in outcome_rows(after).items():
        if years and cid.startswith("premium:"):
            cid = f"premium:{int(cid.split(':', 1)[1]) - years}"
        a_rows[(cid, prog)] = row
    keys = list(dict.fromkeys([*b_rows, *a_rows]))
    changes = []
    by_prog: dict[str, dict[str, Decimal]] = {}
    for key in keys:
        b, a = b_rows.get(key), a_rows.get(key)
        if any(r is not None and r["status"] in ("paid", "bounded") for r in (b, a)):
            d = by_prog.setdefault(key[1], defaultdict_decimal())
            for k in ("amount", "amount_min", "amount_max"):
                d[k] += _money_of(a, k) - _money_of(b, k)
        if b != a:
            if any(r is not None and r["status"] == "bounded" for r in (b, a)):
                # the change under the least and under the most generous reading
                lo, hi = sorted(
                    (
                        _money_of(a, "amount_min") - _money_of(b, "amount_min"),
                        _money_of(a, "amount_max") - _money_of(b, "amount_max"),
                    )
                )
                shown = _signed(lo) if lo == hi else f"{_signed(lo)}～{_signed(hi)}"
            else:
                shown = _signed(_money_of(a, "amount") - _money_of(b, "amount"))
            changes.append(
                {
                    "claim": key[0],
                    "program": key[1],
                    "program_name": kb.label(key[1]),
                    "before": b,
                    "after": a,
                    "delta": shown,
                }
            )
    tb, ta = before.totals(), after.totals()
    bounded = "assistance_min" in tb or "assistance_min" in ta
    delta: dict[str, Any] = {
        "assistance": _signed(ta["assistance"] - tb["assistance"]),
        "by_program": {p: _signed(v["amount"]) for p, v in by_prog.items()},
    }
    if bounded:
        for k in ("assistance_min", "assistance_max"):
            delta[k] = _signed(ta.get(k, ta["assistance"]) - tb.get(k, tb["assistance"]))
        delta["by_program_min"] = {p: _signed(v["amount_min"]) for p, v in by_prog.items()}
        delta["by_program_max"] = {p: _signed(v["amount_max"]) for p, v in by_prog.items()}
    return {"delta": delta, "changes": changes}


def defaultdict_decimal() -> dict[str, Decimal]:
    return {"amount": Decimal(0), "amount_min": Decimal(0), "amount_max": Decimal(0)}


def evaluate_under(kb: KB, case: Any, referral_reduction: bool = False) -> Any:
    from reasoner.evaluate import Evaluator

    return Evaluator(kb, kb.eng, referral_reduction=referral_reduction).evaluate(case)


def simulate_case(
    kb: KB, data: dict[str, Any], reform: Reform, referral_reduction: bool = False
) -> tuple[dict[str, Any], Any, Any, KB]:
    """The case under the documents and under the reform: JSON, both results, the reformed KB."""
    from reasoner.case import parse_case
    from reasoner.render import result_json

    rk = kb.with_reform(reform)
    case = parse_case(data, kb)
    before = evaluate_under(kb, case, referral_reduction)
    after = evaluate_under(rk, case, referral_reduction)
    cmp = compare_results(kb, before, after)
    out = {
        "name": reform.name,
        "baseline": result_json(kb, before),
        "reform": result_json(rk, after),
        "delta": cmp["delta"],
        "changes": cmp["changes"],
        "overrides": changes_json(kb, reform),
    }
    return out, before, after, rk


# ---------------------------------------------------------------------------
# The same person and claims under another document
# ---------------------------------------------------------------------------


def _shift(d: Any, years: int) -> Any:
    import datetime as dt

    if d is None or years == 0 or d.year <= 1900 or d.year >= 9999:
        return d
    try:
        return d.replace(year=d.year + years)
    except ValueError:  # 2月29日 in a common year
        return dt.date(d.year + years, 2, 28)


def as_region(
    kb: KB, data: dict[str, Any], target_text: str, referral_reduction: bool = False
) -> dict[str, Any]:
    """Evaluate the case under its own document and under the target region's."""
    from reasoner.case import parse_case
    from reasoner.render import result_json

    target = _region(target_text, "--as-region", kb)
    case = parse_case(data, kb)
    start, end = kb.in_force[target][1], kb.in_force[target][2]
    first_year = start // 10000
    years = first_year - min(c.date.year for c in case.claims) if case.claims else 0
    notes = []

    def ymd(d: Any) -> int:
        return int(d.strftime("%Y%m%d"))

    if any(ymd(_shift(c.date, years)) < start for c in case.claims):
        years += 1
        notes.append(
            f"部分理赔移入 {first_year} 年后早于施行日期 {start // 10000}-{start // 100 % 100:02d}-"
            f"{start % 100:02d}，故移入次年"
        )
    claims = tuple(
        c.model_copy(
            update={"date": _shift(c.date, years), "discharge": _shift(c.discharge, years)}
        )
        for c in case.claims
    )
    late = [c.id for c in claims if ymd(c.date) > end]
    if late:
        raise InputError(
            "--as-region", f"理赔 {', '.join(late)} 移入后晚于 {kb.doc_no(target)} 有效期"
        )
    idents = tuple(
        i.model_copy(update={"since": _shift(i.since, years), "until": _shift(i.until, years)})
        for i in case.identities
    )
    params = {(n, y + years if y is not None else None): v for (n, y), v in case.parameters.items()}
    moved = case.model_copy(
        update={
            "region": target,
            "claims": claims,
            "identities": idents,
            "parameters": params,
            "birth_date": _shift(case.birth_date, years),
            "year": case.year + years if case.year else None,
        }
    )
    before = evaluate_under(kb, case, referral_reduction)
    after = evaluate_under(kb, moved, referral_reduction)
    known = set(region_categories(kb, target))
    missing_cats = [
        {
            "category": i.category,
            "term": kb.category_label(case.region, i.category),
            "note": f"{kb.doc_no(target)} 未规定此类救助对象",
        }
        for i in case.identities
        if i.category not in known
    ]
    b_rows = outcome_rows(before)
    a_rows = outcome_rows(after)
    only_source = sorted({p for _, p in b_rows} - {p for _, p in a_rows})
    only_target = sorted({p for _, p in a_rows} - {p for _, p in b_rows})
    cmp = compare_results(kb, before, after, years)
    date_note = (
        f"理赔日期按年平移 {years:+d} 年（同月同日），移入 {kb.doc_no(target)} 施行首年"
        if years
        else "理赔日期不变（已在目标文件施行首年）"
    )
    return {
        "from": case.region,
        "to": target,
        "from_document": kb.doc_no(case.region),
        "to_document": kb.doc_no(target),
        "date_shift": {
            "years": years,
            "note": "；".join([date_note, *notes]),
            "claims": {
                c.id: [o.date.isoformat(), c.date.isoformat()]
                for o, c in zip(case.claims, claims, strict=True)
            },
            "identities_and_birth_date": "同样平移",
        },
        "parameters_note": "案例所给参数（如上年居民人均可支配收入）原样沿用",
        "missing_categories": missing_cats,
        "programs_only_in_source": [
            {"program": p, "name": kb.label(p), "note": f"{kb.doc_no(target)} 无此项目"}
            for p in only_source
        ],
        "programs_only_in_target": [
            {"program": p, "name": kb.label(p), "note": f"{kb.doc_no(case.region)} 无此项目"}
            for p in only_target
        ],
        "baseline": result_json(kb, before),
        "target": result_json(kb, after),
        "delta": cmp["delta"],
        "changes": cmp["changes"],
    }


# ---------------------------------------------------------------------------
# Consistency findings the reform adds or removes
# ---------------------------------------------------------------------------


def check_delta(
    kb: KB, reform: Reform, regions: Sequence[str] = (), kinds: Sequence[str] = ()
) -> dict[str, Any]:
    from reasoner.api import using
    from reasoner.checks import run_checks

    rk = kb.with_reform(reform)
    before = run_checks(kb, regions, kinds)
    # Witnesses are verified by eval: under the reform, eval must read the reformed base.
    with using(rk):
        after = run_checks(rk, regions, kinds)
    b = {f.id: f for f in before}
    a = {f.id: f for f in after}
    return {
        "name": reform.name,
        "overrides": changes_json(kb, reform),
        "added": [a[i].json(rk) for i in a if i not in b],
        "removed": [b[i].json(kb) for i in b if i not in a],
        "changed": [
            {"id": i, "kind": a[i].kind, "before": b[i].message, "after": a[i].message}
            for i in a
            if i in b and a[i].message != b[i].message
        ],
        "unchanged": sum(1 for i in a if i in b and a[i].message == b[i].message),
        "_after": after,
    }


# ---------------------------------------------------------------------------
# A batch of settled claims, before and after (the audit pipeline, run twice)
# ---------------------------------------------------------------------------

DIFF_COLUMNS = (
    "claim_id",
    "person_id",
    "region",
    "year",
    "program",
    "status_before",
    "amount_before",
    "amount_min_before",
    "amount_max_before",
    "identity_before",
    "status_after",
    "amount_after",
    "amount_min_after",
    "amount_max_after",
    "identity_after",
    "delta",
    "changed",
)


def _fen(v: Any) -> int | None:
    return None if v is None else int(Decimal(str(v)) * 100)


def _yuan(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _signed_fen(fen: int) -> str:
    return ("+" if fen > 0 else "") + _yuan(fen)


def _paid(row: dict[str, Any] | None, key: str = "amount") -> int:
    """What a row counts towards a total: exact amounts; bounded ones only in min/max."""
    if row is None:
        return 0
    if row["status"] == "paid":
        return int(row["amount"] or 0)
    if row["status"] == "bounded" and key != "amount":
        return int(row[key] or 0)
    return 0


def simulate_batch(
    kb: KB,
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    reform: Reform,
) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """Audit the files under the documents and under the reform; summary and per-claim rows."""
    from reasoner.audit import audit_files

    rk = kb.with_reform(reform)
    runs = []
    where: dict[str, tuple[str, int]] = {}
    region_of: dict[str, str] = {}
    for k in (kb, rk):
        result, auditor, _raw = audit_files(k, k.eng, persons, identities, claims, parameters)
        try:
            if not region_of:
                region_of = dict(
                    auditor.con.execute("SELECT person_id, region FROM persons").fetchall()
                )
                for ref, region, year in auditor.con.execute(
                    "SELECT claim_ref, region, year FROM claims"
                ).fetchall():
                    where[str(ref)] = (str(region), int(year))
        finally:
            auditor.close()
        runs.append(result)
    before_res, after_res = runs

    def rows_of(result: Any) -> dict[tuple[str, str, str], dict[str, Any]]:
        out = {}
        for r in result.results.to_pylist():
            out[(r["person_id"], r["claim_id"], r["program"])] = {
                "status": r["status"],
                "amount": _fen(r["amount"]),
                "amount_min": _fen(r["amount_min"]),
                "amount_max": _fen(r["amount_max"]),
                "identity": r["identity"],
            }
        return out

    b_rows, a_rows = rows_of(before_res), rows_of(after_res)
    diff: list[dict[str, Any]] = []
    groups: dict[tuple[str, str, str], list[int]] = {}
    person_delta: dict[str, int] = {}
    bounded = False
    for key in dict.fromkeys([*b_rows, *a_rows]):
        pid, cid, prog = key
        b, a = b_rows.get(key), a_rows.get(key)
        region, year = where.get(cid, (region_of.get(pid, ""), 0))
        if cid.startswith("premium:"):
            year = int(cid.split(":", 1)[1])
        d = _paid(a) - _paid(b)
        person_delta[pid] = person_delta.get(pid, 0) + d
        for side, row in ((0, b), (1, a)):
            if row is None or row["status"] not in ("paid", "bounded"):
                continue
            bounded = bounded or row["status"] == "bounded"
            g = groups.setdefault((region, prog, row["identity"] or ""), [0] * 6)
            g[side] += _paid(row)
            g[2 + side] += _paid(row, "amount_min")
            g[4 + side] += _paid(row, "amount_max")
        diff.append(
            {
                "claim_id": cid,
                "person_id": pid,
                "region": region,
                "year": year,
                "program": prog,
                **{
                    f"{k}_before": _cell(b, k)
                    for k in ("status", "amount", "amount_min", "amount_max", "identity")
                },
                **{
                    f"{k}_after": _cell(a, k)
                    for k in ("status", "amount", "amount_min", "amount_max", "identity")
                },
                "delta": _signed_fen(d),
                "changed": b != a,
            }
        )
    totals = []
    for (region, prog, cat), g in sorted(groups.items()):
        row = {
            "region": region,
            "program": prog,
            "category": cat or None,
            "baseline": _yuan(g[0]),
            "reform": _yuan(g[1]),
            "delta": _signed_fen(g[1] - g[0]),
        }
        if bounded:
            row.update(
                baseline_min=_yuan(g[2]),
                baseline_max=_yuan(g[4]),
                reform_min=_yuan(g[3]),
                reform_max=_yuan(g[5]),
                delta_min=_signed_fen(g[3] - g[2]),
                delta_max=_signed_fen(g[5] - g[4]),
            )
        totals.append(row)
    # As eval's totals: assistance is what claims are paid; the premium subsidy apart.
    asst = {k: g for k, g in groups.items() if k[1] != "premium_subsidy"}
    prem = [g for k, g in groups.items() if k[1] == "premium_subsidy"]
    tb = sum(g[0] for g in asst.values())
    ta = sum(g[1] for g in asst.values())
    summary: dict[str, Any] = {
        "name": reform.name,
        "overrides": changes_json(kb, reform),
        "baseline": {"assistance": _yuan(tb)},
        "reform": {"assistance": _yuan(ta)},
        "delta": {
            "assistance": _signed_fen(ta - tb),
            "premium_subsidy": _signed_fen(sum(g[1] - g[0] for g in prem)),
            "by_region": _sum_by(totals, ("region",)),
            "by_program": _sum_by(totals, ("program",)),
            "by_category": _sum_by(totals, ("category",)),
        },
        "totals": totals,
        "persons": {
            "better": sum(1 for v in person_delta.values() if v > 0),
            "worse": sum(1 for v in person_delta.values() if v < 0),
            "unchanged": sum(1 for v in person_delta.values() if v == 0),
        },
        "caps": _caps(kb, rk, parameters, b_rows, a_rows, where, region_of),
        "rows": {
            "claims_in": before_res.stats.claims_in,
            "claims_evaluated": before_res.stats.claims_evaluated,
            "claims_rejected": before_res.stats.claims_rejected,
            "diff_rows": len(diff),
            "changed_rows": sum(1 for r in diff if r["changed"]),
        },
    }
    if bounded:
        summary["baseline"]["assistance_min"] = _yuan(sum(g[2] for g in asst.values()))
        summary["baseline"]["assistance_max"] = _yuan(sum(g[4] for g in asst.values()))
        summary["reform"]["assistance_min"] = _yuan(sum(g[3] for g in asst.values()))
        summary["reform"]["assistance_max"] = _yuan(sum(g[5] for g in asst.values()))
    return summary, diff


def _cell(row: dict[str, Any] | None, key: str) -> Any:
    if row is None:
        return None
    v = row[key]
    return _yuan(v) if key.startswith("amount") and v is not None else v


def _sum_by(totals: list[dict[str, Any]], keys: tuple[str, ...]) -> dict[str, str]:
    acc: dict[str, int] = {}
    for t in totals:
        k = "/".join(str(t[x] or "") for x in keys)
        acc[k] = acc.get(k, 0) + _fen(t["reform"]) - _fen(t["baseline"])  # type: ignore[operator]
    return {k: _signed_fen(v) for k, v in acc.items()}


def _caps(
    kb: KB,
    rk: KB,
    parameters: Path | None,
    b_rows: dict[tuple[str, str, str], dict[str, Any]],
    a_rows: dict[tuple[str, str, str], dict[str, Any]],
    where: dict[str, tuple[str, int]],
    region_of: dict[str, str],
) -> list[dict[str, Any]]:
    """Person-years whose yearly cap pool is used up, before and after.

    A row names its program and the identity it paid under; the rules of that
    program for that identity give the pool and its cap (when they agree)."""
    from reasoner.audit_io import load_parameters
    from reasoner.decision import stub_case
    from reasoner.errors import MissingParameter
    from reasoner.evaluate import Params, Unresolved

    parsed, _ = load_parameters(parameters, kb)
    out: dict[tuple[str, str], list[int]] = {}
    names: dict[tuple[str, str], set[str]] = {}
    for side, (k, rows) in enumerate(((kb, b_rows), (rk, a_rows))):
        used: dict[tuple[str, int, str, str], int] = {}
        limit: dict[tuple[str, int, str, str], int | None] = {}
        for (pid, cid, prog), row in rows.items():
            if row["status"] != "paid" or cid.startswith("premium:") or not row["identity"]:
                continue
            region, year = where.get(cid, (region_of.get(pid, ""), 0))
            rules = [
                r
                for r in k.rules.values()
                if r.region == region
                and r.program == prog
                and any(c == row["identity"] for c, _ in r.categories)
            ]
            caps: set[tuple[str, int | None]] = set()
            for r in rules:
                try:
                    fig = Params(k, stub_case(region, parsed.get(region, {}), None)).money(
                        r, "cap", year, "min", []
                    )
                except (Unresolved, MissingParameter):
                    continue
                caps.add((r.cap_pool or r.program, None if fig is None else int(fig * 100)))
            if len(caps) != 1:
                continue
            pool, cap = caps.pop()
            key = (region, year, pool, pid)
            used[key] = used.get(key, 0) + int(row["amount"] or 0)
            limit[key] = cap
            names.setdefault((region, pool), set()).add(prog)
            out.setdefault((region, pool), [0, 0])
        for key, total in used.items():
            lim = limit[key]
            if lim is not None and total >= lim:
                out[(key[0], key[2])][side] += 1
    return [
        {
            "region": region,
            "pool": pool,
            "pool_name": "、".join(sorted(kb.label(p) for p in names[(region, pool)])) + "年度限额",
            "before": v[0],
            "after": v[1],
        }
        for (region, pool), v in sorted(out.items())
    ]


def write_diff(
    rows: list[dict[str, Any]], out: Path, summary: dict[str, Any] | None = None
) -> Path:
    """Per-claim differences: .json, .xlsx (with the totals on a second sheet), else CSV
    (UTF-8 with a BOM, so Excel reads the Chinese)."""
    import csv
    import json

    out.parent.mkdir(parents=True, exist_ok=True)
    suffix = out.suffix.lower()
    if suffix == ".json":
        out.write_text(json.dumps(rows, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        return out
    if suffix == ".xlsx":
        from reasoner.audit_io import write_workbook

        sheets = {"差异明细": _table(rows, list(DIFF_COLUMNS))}
        if summary is not None:
            cols = ["region", "program", "category", "baseline", "reform", "delta"]
            sheets["汇总"] = _table(summary["totals"], cols)
        write_workbook(out, sheets)
        return out
    if suffix not in (".csv", ""):
        raise InputError("--out", f"不支持的格式 {out.suffix[:10]!r}；可用：.csv、.xlsx、.json")
    with out.open("w", encoding="utf-8-sig", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(DIFF_COLUMNS))
        w.writeheader()
        for r in rows:
            w.writerow({k: ("" if v is None else v) for k, v in r.items()})
    return out


def _table(rows: list[dict[str, Any]], cols: list[str]) -> Any:
    """Rows as an Arrow table: amounts as decimals (numbers in Excel), the rest as text."""
    import pyarrow as pa

    money = {c for c in cols if c.startswith(("amount", "delta", "baseline", "reform"))}
    arrays = []
    for c in cols:
        vals = [r.get(c) for r in rows]
        if c in money:
            arrays.append(
                pa.array(
                    [None if v in (None, "") else Decimal(str(v)) for v in vals],
                    pa.decimal128(18, 2),
                )
            )
        else:
            arrays.append(pa.array([None if v is None else str(v) for v in vals], pa.string()))
    return pa.Table.from_arrays(arrays, names=cols)


def report_html(kb: KB, summary: dict[str, Any]) -> str:
    """One self-contained page: the reform's changes with their clauses, totals, persons, caps."""
    from html import escape as e

    def table(head: list[str], body: list[list[Any]]) -> str:
        th = "".join(f"<th>{e(h)}</th>" for h in head)
        trs = "".join("<tr>" + "".join(f"<td>{e(str(c))}</td>" for c in r) + "</tr>" for r in body)
        return f"<table><thead><tr>{th}</tr></thead><tbody>{trs}</tbody></table>"

    seen: set[int] = set()
    items = []
    for o in summary["overrides"]:
        if o["change"] in seen:
            continue
        seen.add(o["change"])
        c = o["citation"]
        prev = "".join(
            f"<blockquote>{e(p['document'])} {e(p['clause'])}「{e(p['quote'])}」</blockquote>"
            for p in c["reform"]["overrides"]
        )
        items.append(f"<li>{e(c['clause'])}：{e(c['quote'])}{prev}</li>")
    d, p = summary["delta"], summary["persons"]
    totals = table(
        ["地区", "项目", "对象", "现行（元）", "改革后（元）", "差额（元）"],
        [
            [
                kb.region_name(t["region"]),
                kb.label(t["program"]),
                kb.category_label(t["region"], t["category"]) if t["category"] else "",
                t["baseline"],
                t["reform"],
                t["delta"],
            ]
            for t in summary["totals"]
        ],
    )
    caps = table(
        ["地区", "限额", "现行（人年）", "改革后（人年）"],
        [
            [kb.region_name(c["region"]), c["pool_name"], c["before"], c["after"]]
            for c in summary["caps"]
        ],
    )
    name = e(summary["name"])
    return f"""<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>改革方案测算：{name}</title>
<style>body{{font-family:"Noto Sans CJK SC",sans-serif;margin:2em;max-width:72em}}
table{{border-collapse:collapse;margin:1em 0}}td,th{{border:1px solid #ccc;padding:.3em .6em}}
td:nth-child(n+4){{text-align:right}}blockquote{{color:#555;margin:.3em 0 .3em 1.5em}}</style></head>
<body><h1>改革方案测算：{name}</h1>
<h2>修改内容</h2><ol>{"".join(items)}</ol>
<h2>医疗救助合计</h2><p>{e(summary["baseline"]["assistance"])} → {e(summary["reform"]["assistance"])} 元
（{e(d["assistance"])}）；资助参保 {e(d["premium_subsidy"])} 元</p>
<h2>按地区、项目、对象</h2>{totals}
<h2>人员</h2><p>受益 {p["better"]}，受损 {p["worse"]}，不变 {p["unchanged"]}</p>
<h2>年度限额用尽的人年数</h2>{caps}
<p>理赔：读入 {summary["rows"]["claims_in"]} = 评估 {summary["rows"]["claims_evaluated"]} + 拒绝
{summary["rows"]["claims_rejected"]}</p>
</body></html>
"""
