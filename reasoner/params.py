"""A rule's figures for a year under one lawful reading of the open figures.

Where a document gives only floors or ceilings (or leaves a figure open), every lawful
reading of the year is a *vertex*: each open figure at its stated bound or at its most
generous end. Figures are resolved here, with the clause each comes from, and handed to
the ledger kernel as integer fen.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from typing import Any

from reasoner import ledger
from reasoner.case import Case
from reasoner.errors import MissingParameter
from reasoner.knowledge import KB, Param, Rule
from reasoner.result import Step, fen

HUNDRED = Decimal(100)
ZERO = Decimal(0)
SCENARIOS = ("min", "max")
INFINITE = Decimal("Infinity")


@dataclass(frozen=True)
class Vertex:
    """One lawful reading of the open figures: those in ``generous_keys`` (or all, with
    ``everything``) at their most generous end, the others at their stated bound."""

    generous_keys: frozenset[Any] = frozenset()
    everything: bool = False
    # a city's own figures (key → 元, percent, or None for no limit): one concrete reading
    # inside the box, as `evaluate(reading=…)` takes it
    values: dict[Any, Decimal | None] = field(default_factory=dict, compare=False, hash=False)

    def generous(self, key: Any) -> bool:
        return self.everything or key in self.generous_keys


LEAST = Vertex()
MOST = Vertex(everything=True)
Scenario = str | Vertex


def as_vertex(sc: Scenario) -> Vertex:
    if isinstance(sc, Vertex):
        return sc
    return MOST if sc == "max" else LEAST


def figure_key(p: Param, year: int) -> tuple[Any, ...]:
    """One figure a city fixes: the same clause stating the same bound is one choice
    (interpretation of the region, e.g. i_js_one_figure)."""
    return ("figure", p.name, p.bound, p.value, str(p.unit), p.cite, year)


def is_open(p: Param | None) -> bool:
    """A figure the document bounds on one side only (the other end is lawful too)."""
    if p is None:
        return False
    return (p.name in ("cap", "subcap", "rate") and p.bound == "min") or (
        p.name == "deductible" and p.bound == "max"
    )


def open_deductible_key(rule: Rule, year: int) -> tuple[Any, ...]:
    return ("open_deductible", rule.region, rule.deductible_pool or rule.id, year)


class Unresolved(Exception):
    """A rule applies but its figures are not in the knowledge base."""

    def __init__(self, reason: str, cite: str | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.cite = cite


class Params:
    """Resolves a rule's figures for a year and scenario; names what is missing."""

    def __init__(self, kb: KB, case: Case) -> None:
        self.kb = kb
        self.case = case

    def external(self, name: str, year: int) -> Decimal:
        v = self.kb.vocab
        if name == v.own_contribution:
            own = v.contributions.get(self.case.scheme or "")
            if own is None:
                raise Unresolved("本人参保档次无居民个人缴费标准", None)
            name = own
        p = self.case.parameters
        for key in ((name, year), (name, None)):
            if key in p:
                return p[key]
        label = self.kb.externals.get(name, (name, ""))[0]
        raise MissingParameter(name, label, self.case.region, year)

    def get(self, rule: Rule, name: str, year: int) -> Param | None:
        return rule.year_params.get((name, year)) or rule.params.get(name)

    def money(
        self, rule: Rule, name: str, year: int, sc: Scenario, steps: list[Step]
    ) -> Decimal | None:
        """A money figure in 元; None means no limit, INFINITE a deductible no claim reaches.

        An open figure (a floor on a cap, a ceiling on a deductible) takes the vertex's end.
        A deductible the document does not state is open on both sides (0 … above any
        self-pay) when the ledger enumerates readings; otherwise it is unresolved.
        """
        p = self.get(rule, name, year)
        if p is None:
            if name == "deductible" and isinstance(sc, Vertex) and self.open_deductible(rule):
                key = open_deductible_key(rule, year)
                if key in sc.values:
                    v = sc.values[key]
                    steps.append(Step(name, "高于全部自付" if v is None else f"{v:.2f}", rule.cite))
                    return INFINITE if v is None else v
                if sc.generous(key):
                    steps.append(
                        Step(name, "0.00", rule.cite, "文件未规定起付标准：按不设起付标准计")
                    )
                    return ZERO
                steps.append(
                    Step(
                        name,
                        "高于全部自付",
                        rule.cite,
                        "文件未规定起付标准：按起付标准高于全年自付计",
                    )
                )
                return INFINITE
            raise self._missing(rule, name)
        if p.bound == "unlimited":
            steps.append(Step(name, "不设", p.cite))
            return None
        if is_open(p) and isinstance(sc, Vertex) and figure_key(p, year) in sc.values:
            chosen = sc.values[figure_key(p, year)]
            steps.append(Step(name, "不设" if chosen is None else f"{chosen:.2f}", p.cite))
            return chosen
        generous = is_open(p) and as_vertex(sc).generous(figure_key(p, year))
        if generous and name in ("cap", "subcap"):
            steps.append(Step(name, "不设上限（仅规定下限）", p.cite, "取文件所允许的最有利值"))
            return None
        if generous and name == "deductible":
            steps.append(Step(name, "0.00", p.cite, "取文件所允许的最有利值"))
            return ZERO
        value = self._scale(p, year, steps)
        if (name, year) in rule.year_params:
            steps[-1].note = f"{year}年度数值"
        return value

    def open_deductible(self, rule: Rule) -> bool:
        """The rule states its rate but no 起付标准 (and hands no figure to another document)."""
        return (
            rule.id not in self.kb.params_delegated
            and self.kb.programs[rule.program][1] == "assistance"
            and rule.program != self.kb.vocab.tilt
            and "rate" in rule.params
        )

    def rate(
        self, rule: Rule, year: int, sc: Scenario, steps: list[Step], name: str = "rate"
    ) -> Decimal:
        p = self.get(rule, name, year)
        if p is None:
            raise self._missing(rule, name)
        if is_open(p) and isinstance(sc, Vertex) and figure_key(p, year) in sc.values:
            chosen = sc.values[figure_key(p, year)]
            assert chosen is not None
            steps.append(Step(name, f"{chosen}%", p.cite))
            return chosen
        if is_open(p) and as_vertex(sc).generous(figure_key(p, year)):
            steps.append(Step(name, "100%", p.cite, "取文件所允许的最有利值"))
            return HUNDRED
        steps.append(Step(name, f"{p.value}%", p.cite, _bound_note(p)))
        return Decimal(p.value)

    def open_figures(self, rule: Rule, year: int) -> set[tuple[Any, ...]]:
        """The keys of the rule's figures that a lawful reading may set either way."""
        out = set()
        for name in ("deductible", "rate", "cap", "subcap", "threshold"):
            p = self.get(rule, name, year)
            if is_open(p):
                assert p is not None
                out.add(figure_key(p, year))
        if self.get(rule, "deductible", year) is None and self.open_deductible(rule):
            out.add(open_deductible_key(rule, year))
        return out

    def _scale(self, p: Param, year: int, steps: list[Step]) -> Decimal:
        if p.unit == "fen":
            v = Decimal(p.value) / HUNDRED
            steps.append(Step(p.name, f"{v:.2f}", p.cite, _bound_note(p)))
            return v
        if isinstance(p.unit, tuple) and p.unit[0] == "percent_of":
            base_name = p.unit[1]
            base = self.external(base_name, year)
            v = fen(base * Decimal(p.value) / HUNDRED)
            label = self.kb.externals.get(base_name, (base_name, ""))[0]
            steps.append(
                Step(
                    p.name,
                    f"{base:.2f} × {p.value}% = {v:.2f}",
                    p.cite,
                    f"{label}；{_bound_note(p)}",
                )
            )
            return v
        raise Unresolved(f"参数 {p.name} 的单位 {p.unit} 无法换算", p.cite)

    def _missing(self, rule: Rule, name: str) -> Unresolved:
        if rule.id in self.kb.params_delegated:
            text, cite = self.kb.params_delegated[rule.id]
            return Unresolved(f"标准未在文件中规定：{text}", cite)
        return Unresolved(
            f"{self.kb.doc_no(rule.region)} 未规定此规则的{self.kb.vocab.parameter_name(name)}",
            rule.cite,
        )


def _bound_note(p: Param) -> str:
    return {"min": "不低于", "max": "不高于", "approx": "左右（取所述值）"}.get(p.bound, "")


# ---------------------------------------------------------------------------
# The evaluator
# ---------------------------------------------------------------------------


@dataclass
class Resolved:
    """A candidate's figures at one reading, as the kernel takes them, with the steps
    (value, clause, note) that show where each comes from."""

    figures: ledger.Figures
    rate: Decimal
    steps: dict[str, list[Step]]


def to_fen(d: Decimal) -> int:
    return int(fen(d) * 100)


def kernel_rate(d: Decimal) -> ledger.Rate:
    return int(d) if d == d.to_integral_value() else Fraction(d)


def resolve(
    params: Params, rule: Rule, year: int, v: Vertex, reduction: int = 0, tilt: bool = False
) -> Resolved:
    """The figures of one candidate at reading ``v`` (raises Unresolved, in the order the
    clause states them: 起付标准, 比例, 限额, 分项限额; for the tilt its 起点 first)."""
    steps: dict[str, list[Step]] = {}

    def money(name: str) -> Decimal | None:
        return params.money(rule, name, year, v, steps.setdefault(name, []))

    if tilt:
        threshold = money("threshold")
        rate = params.rate(rule, year, v, steps.setdefault("rate", []))
        cap = money("cap")
        figures = ledger.Figures(
            kernel_rate(rate),
            cap=None if cap is None else to_fen(cap),
            threshold=0 if threshold is None else to_fen(threshold),
        )
        return Resolved(figures, rate, steps)
    ded = money("deductible")
    rate = params.rate(rule, year, v, steps.setdefault("rate", []))
    if reduction:
        rate = max(ZERO, rate - reduction)
        steps["rate"].append(
            Step("rate", f"{rate}%", None, f"未按规定转诊，降低{reduction}个百分点")
        )
    cap = money("cap")
    sub = money("subcap") if params.get(rule, "subcap", year) is not None else None
    figures = ledger.Figures(
        kernel_rate(rate),
        deductible=None if ded == INFINITE else 0 if ded is None else to_fen(ded),
        cap=None if cap is None else to_fen(cap),
        subcap=None if sub is None else to_fen(sub),
    )
    return Resolved(figures, rate, steps)
