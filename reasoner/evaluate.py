"""Case evaluation: the rule base decides who is eligible for what; this module
turns the chosen rules into money with an annual ledger (Decimal, to the fen).

Where a document gives only floors or ceilings (or leaves a figure open), every
lawful reading of the year is a *vertex*: each open figure at its stated bound or
at its most generous end. The ledger runs once per vertex and each claim's
amount is the range over all of them; it is exact only when every vertex agrees.
An amount that depends on a program the knowledge base cannot compute is never
exact: a 就高 with an unknown candidate is a floor, a tilt on an unknown residual
a range.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reasoner.case import Case, NClaim
from reasoner.engine import Answers, Fact, PrologEngine
from reasoner.errors import MedaidError, MissingParameter
from reasoner.knowledge import KB, Param, Rule
from reasoner.warnings import case_warnings, used_interpretations

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
SCENARIOS = ("min", "max")
PREMIUM_BASE = 900_000_000
INFINITE = Decimal("Infinity")
# A year with more open figures than this is not enumerated (2**12 readings); none of
# the documents comes near it (江苏 with two classes of identity: 5).
MAX_FIGURES = 12


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


def fen(d: Decimal) -> Decimal:
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


def ymd(d: dt.date) -> int:
    return d.year * 10000 + d.month * 100 + d.day


def month_end(d: dt.date) -> dt.date:
    if d.year >= 9999 and d.month == 12:
        return d
    first_next = dt.date(d.year + (d.month == 12), d.month % 12 + 1, 1)
    return first_next - dt.timedelta(days=1)


class Unresolved(Exception):
    """A rule applies but its figures are not in the knowledge base."""

    def __init__(self, reason: str, cite: str | None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.cite = cite


@dataclass
class Step:
    """One figure of a calculation: what it is, its value, where it comes from."""

    name: str
    value: str
    cite: str | None = None
    note: str = ""


@dataclass
class Calc:
    amount: Decimal
    steps: list[Step]
    pools: dict[str, Any]
    # computed on a figure the document leaves open (no 起付标准): the amount holds for
    # this reading only, and the option is reported as unresolved
    ranged: bool = False


@dataclass
class Option:
    """One identity/rule a program could pay under; ``calc`` holds the least (min) and
    most (max) generous readings, shown in explanations."""

    rule: Rule
    category: str
    via: str
    order: int
    calc: dict[str, Calc] = field(default_factory=dict)
    unresolved: Unresolved | None = None
    missing: MissingParameter | None = None

    def key(self) -> tuple[Decimal, Decimal, int]:
        return (self.calc["min"].amount, self.calc["max"].amount, -self.order)


@dataclass
class Benefit:
    program: str
    status: str
    amount: Decimal | None = None
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None
    identity: str | None = None
    via: str | None = None
    rule: str | None = None
    reason: str | None = None
    reason_code: str | None = None
    cites: list[str] = field(default_factory=list)
    chosen: Option | None = None
    alternatives: list[Option] = field(default_factory=list)
    reference: str | None = None
    # False for services and insurance: their outcome is not an assistance amount
    money: bool = True
    # a parameter the case must supply (premium rows go on without it)
    missing: MissingParameter | None = None


@dataclass
class ClaimResult:
    claim: NClaim
    special: bool
    disease_match: tuple[Any, ...] | None
    benefits: list[Benefit]


@dataclass
class Result:
    case: Case
    claims: list[ClaimResult]
    premiums: dict[int, Benefit]
    warnings: list[dict[str, Any]]
    interpretations: list[str]
    answers: Answers

    def totals(self) -> dict[str, Any]:
        """Exact, bounded and unknown kept apart.

        ``assistance`` sums the exact (paid) amounts only. When some amount is a range,
        ``assistance_min``/``assistance_max`` bound the whole (``assistance_max`` is absent
        when a floor or an unresolved program has no upper bound); ``bounded`` and
        ``unresolved`` count the assistance programs of each kind.
        """
        exact = lo = hi = ZERO
        bounded = unresolved = 0
        open_max = False
        for cr in self.claims:
            for b in cr.benefits:
                if b.status == "paid" and b.amount is not None:
                    exact += b.amount
                    lo += b.amount
                    hi += b.amount
                elif b.status == "bounded":
                    bounded += 1
                    lo += b.amount_min or ZERO
                    if b.amount_max is None:
                        open_max = True
                    else:
                        hi += b.amount_max
                elif b.status == "unresolved" and b.money:
                    unresolved += 1
                    open_max = True
        out: dict[str, Any] = {"assistance": fen(exact)}
        if bounded or unresolved:
            out["assistance_min"] = fen(lo)
            if not open_max:
                out["assistance_max"] = fen(hi)
            out["bounded"] = bounded
            out["unresolved"] = unresolved
        return out


class Ledger:
    """Running totals per person, year and pool for one scenario."""

    def __init__(self) -> None:
        self.deductible: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
        self.cap: dict[tuple[str, int], Decimal] = defaultdict(Decimal)
        self.residual: dict[tuple[str, int], Decimal] = defaultdict(Decimal)


# ---------------------------------------------------------------------------
# Case → facts
# ---------------------------------------------------------------------------


def special_match(kb: KB, region: str, claim: NClaim) -> tuple[bool, tuple[Any, ...] | None]:
    """Is the claim's disease in the region's special-disease catalogue?"""
    catalogs = {r[1] for r in kb.uses_catalog if r[0] == region}
    match = None
    if claim.disease and catalogs:
        name = claim.disease.strip()
        code = name.upper().replace(".", "").replace(" ", "")
        for row in kb.diseases:
            if row[0] not in catalogs:
                continue
            _, _, dname, lo, hi, _ = row
            lo_n, hi_n = lo.upper().replace(".", ""), hi.upper().replace(".", "")
            if name == dname or (
                code[:1].isalpha()
                and code[1:3].isdigit()
                and code[: len(lo_n)] >= lo_n
                and code[: len(hi_n)] <= hi_n
            ):
                match = row
                break
    if claim.special_disease is not None:
        return claim.special_disease, match
    return match is not None, match


def claim_facts(case: Case, claim: NClaim, special: bool, kb: KB | None = None) -> list[Fact]:
    c = claim.index
    f: list[Fact] = [
        ("claim", c),
        ("claim_region", c, case.region),
        ("claim_type", c, claim.type),
        ("claim_date", c, ymd(claim.date)),
        ("claim_level", c, claim.level),
        ("claim_scope", c, claim.scope),
        ("claim_referral", c, claim.referral),
        ("claim_cost", c, int(claim.policy_scope_cost * 100)),
    ]
    if claim.discharge:
        f.append(("claim_discharge", c, ymd(claim.discharge)))
    if special:
        f.append(("claim_special", c))
    if case.birth_date:
        f.append(("claim_age", c, _age(case.birth_date, claim.date)))
    grade = case.disability_grade
    implied = implied_disability(kb, case, claim.date) if kb is not None else None
    if implied is not None and (grade is None or implied < grade):
        f += [x for x in _person_facts(case, c) if x[0] != "claim_disability"]
        f.append(("claim_disability", c, implied))
        return f
    f += _person_facts(case, c)
    return f


def implied_disability(kb: KB, case: Case, on: dt.date) -> int | None:
    """The disability grade an identity held on the day certifies (identity_implies/5):
    holding 城乡重度（1—2级）残疾人员 is itself the proof of a grade 1–2 disability."""
    grades = [
        int(v)
        for r, cat, attr, v, _ in kb.identity_implies
        if r == case.region and attr == "disability_grade"
        for i in case.identities
        if i.category == cat and i.since <= on <= i.until
    ]
    return min(grades) if grades else None


def premium_facts(case: Case, year: int) -> list[Fact]:
    c = PREMIUM_BASE + year
    f: list[Fact] = [
        ("claim", c),
        ("claim_region", c, case.region),
        ("claim_type", c, "premium"),
        ("claim_date", c, year * 10000 + 101),
        ("claim_discharge", c, year * 10000 + 1231),
    ]
    if case.birth_date:
        f.append(("claim_age", c, _age(case.birth_date, dt.date(year, 1, 1))))
    return f + _person_facts(case, c)


def _person_facts(case: Case, c: int) -> list[Fact]:
    f: list[Fact] = []
    if case.disability_grade is not None:
        f.append(("claim_disability", c, case.disability_grade))
    if case.needs_maintenance_treatment:
        f.append(("claim_maintenance", c))
    if case.scheme:
        f.append(("claim_scheme", c, case.scheme))
    for i in case.identities:
        f.append(
            (
                "claim_identity",
                c,
                i.category,
                ymd(i.since),
                ymd(i.until),
                ymd(month_end(i.until)),
                i.since.year * 10000 + 101,
            )
        )
    return f


def _age(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


# ---------------------------------------------------------------------------
# Parameters
# ---------------------------------------------------------------------------


class Params:
    """Resolves a rule's figures for a year and scenario; names what is missing."""

    def __init__(self, kb: KB, case: Case) -> None:
        self.kb = kb
        self.case = case

    def external(self, name: str, year: int) -> Decimal:
        if name == "contribution":
            scheme = self.case.scheme
            if scheme == "resident_tier1":
                name = "resident_tier1_contribution"
            elif scheme == "resident_tier2":
                name = "resident_tier2_contribution"
            else:
                raise Unresolved("本人参保档次无居民个人缴费标准", None)
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
            and rule.program != "tilt"
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
            f"{self.kb.doc_no(rule.region)} 未规定此规则的{_PARAM_NAMES.get(name, name)}", rule.cite
        )


_PARAM_NAMES = {
    "deductible": "起付标准",
    "rate": "救助比例",
    "cap": "年度救助限额",
    "subcap": "分项限额",
    "threshold": "倾斜救助起点",
}


def _bound_note(p: Param) -> str:
    return {"min": "不低于", "max": "不高于", "approx": "左右（取所述值）"}.get(p.bound, "")


# ---------------------------------------------------------------------------
# The evaluator
# ---------------------------------------------------------------------------


@dataclass
class _Pay:
    """What one money program pays on one claim under one reading."""

    amount: Decimal | None  # None: the knowledge base cannot compute it
    floor: bool = False  # a candidate it cannot compute could pay more
    option: Option | None = None
    calc: Calc | None = None
    calcs: list[Calc | Unresolved] = field(default_factory=list)
    lost: bool = False  # the overlap partner paid the larger figure
    lost_to: str | None = None
    tainted: bool = False  # tilt on a residual that is only bounded
    upper: Decimal | None = None


@dataclass
class _Context:
    case: Case
    params: Params
    status: dict[tuple[int, str], str] = field(default_factory=dict)
    appl: dict[tuple[int, str], list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    excl: dict[tuple[int, str], str] = field(default_factory=dict)
    unres: dict[tuple[int, str], list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )


class Evaluator:
    """Evaluates validated cases against the knowledge base."""

    def __init__(self, kb: KB, eng: PrologEngine, referral_reduction: bool = False) -> None:
        self.kb = kb
        self.eng = eng
        # 江苏 七（十五）"特殊的可降低救助比例，降低幅度不超过20个百分点": an option a
        # document allows instead of exclusion; off unless the user asks for it.
        self.referral_reduction = referral_reduction
        self.program_order = list(kb.programs)

    def evaluate(self, case: Case, premium: bool = True, reading: Vertex | None = None) -> Result:
        """Evaluate every claim (and, unless premium=False, each year's premium subsidy).

        With ``reading`` only that one lawful reading of the open figures is computed (what
        a city that chose those figures pays); by default every reading bounds each claim.
        """
        kb = self.kb
        specials = {c.index: special_match(kb, case.region, c) for c in case.claims}
        facts: list[Fact] = []
        for cl in case.claims:
            facts += claim_facts(case, cl, specials[cl.index][0], kb)
        years = case.years() if premium else []
        for y in years:
            facts += premium_facts(case, y)
        ans = self.eng.answers(facts)
        ctx = _Context(case, Params(kb, case))
        ctx.status = {(c, p): s for c, p, s in ans.status}
        for c, p, r, cat, own in ans.applicable:
            ctx.appl[(c, p)].append((r, cat, own))
        ctx.excl = {(c, p): why for c, p, why in ans.excluded}
        for c, p, cat, ref in ans.unresolved:
            ctx.unres[(c, p)].append((cat, ref))

        ordered_claims = sorted(case.claims, key=lambda c: (c.date, c.index))
        benefits: dict[int, dict[str, Benefit]] = {}
        for year in sorted({c.date.year for c in ordered_claims}):
            claims = [c for c in ordered_claims if c.date.year == year]
            benefits.update(self._year(ctx, year, claims, reading))
        results: list[ClaimResult] = []
        used_interps: set[str] = set()
        for claim in case.claims:
            idx = claim.index
            progs = [p for p in self.program_order if (idx, p) in ctx.status]
            ordered = [benefits[idx][p] for p in progs]
            for b in ordered:
                used_interps.update(c for c in b.cites if c.startswith("i_"))
            special, match = specials[idx]
            results.append(ClaimResult(claim, special, match, ordered))
        results.sort(key=lambda r: r.claim.index)

        premiums = {}
        for y in years:
            c = PREMIUM_BASE + y
            if (c, "premium_subsidy") in ctx.status:
                premiums[y] = self._premium(
                    case, y, ctx.status[(c, "premium_subsidy")], ctx.appl, ctx.params
                )
                used_interps.update(x for x in premiums[y].cites if x.startswith("i_"))
        warnings = case_warnings(self.kb, case)
        used_interps.update(used_interpretations(self.kb, warnings))
        return Result(case, results, premiums, warnings, sorted(used_interps), ans)

    # -- one year: the ledger once per lawful reading ------------------------------
    def _year(
        self, ctx: _Context, year: int, claims: list[NClaim], reading: Vertex | None = None
    ) -> dict[int, dict[str, Benefit]]:
        kb = self.kb
        out: dict[int, dict[str, Benefit]] = {}
        money_progs: dict[int, list[str]] = {}
        options: dict[tuple[int, str], list[Option]] = {}
        reductions: dict[tuple[int, str], int] = {}
        keys: set[tuple[Any, ...]] = set()
        for claim in claims:
            idx = claim.index
            out[idx] = {}
            money_progs[idx] = []
            for p in self.program_order:
                st = ctx.status.get((idx, p))
                if st is None:
                    continue
                kind = kb.programs[p][1]
                reduction = self._reduction(ctx, idx, p, st)
                if st == "excluded" and not reduction:
                    out[idx][p] = self._excluded(ctx.case, p, ctx.excl[(idx, p)])
                    continue
                if st == "unresolved":
                    out[idx][p] = self._delegated(ctx, idx, p, kind)
                    if kind == "assistance":
                        money_progs[idx].append(p)
                    continue
                if st == "not_eligible":
                    out[idx][p] = Benefit(
                        p,
                        "not_eligible",
                        reason="无适用规则：身份或条件不符",
                        reason_code="no_rule",
                        money=kind == "assistance",
                    )
                    continue
                opts = self._options(ctx.case, idx, p, ctx.appl)
                if kind in ("service", "insurance"):
                    best = min(opts, key=lambda o: (o.order, o.rule.id))
                    out[idx][p] = Benefit(
                        p,
                        "granted",
                        identity=best.category,
                        via=best.via,
                        rule=best.rule.id,
                        cites=self._rule_cites(best.rule, best.category),
                        chosen=best,
                        alternatives=[o for o in opts if o is not best],
                        money=False,
                    )
                    continue
                options[(idx, p)] = opts
                money_progs[idx].append(p)
                if reduction:
                    reductions[(idx, p)] = reduction
                    keys.add(("reduction", ctx.case.region, year))
                for o in opts:
                    keys |= ctx.params.open_figures(o.rule, year)
        figures = sorted(keys, key=repr)
        if len(figures) > MAX_FIGURES:
            raise MedaidError(
                "claims", f"{year}年度待定数值过多（{len(figures)} 项），无法逐一核算全年区间"
            )
        vertices = [
            Vertex(frozenset(f for i, f in enumerate(figures) if mask >> i & 1))
            for mask in range(2 ** len(figures))
        ]
        if reading is not None:
            vertices = [reading]
        runs = [self._run(ctx, year, claims, money_progs, options, reductions, v) for v in vertices]
        least, most = runs[0], runs[-1]
        for claim in claims:
            idx = claim.index
            for p in money_progs[idx]:
                if (idx, p) not in options:
                    continue
                pays = [r[(idx, p)] for r in runs]
                opts = options[(idx, p)]
                for i, o in enumerate(opts):
                    lo_c, hi_c = least[(idx, p)].calcs[i], most[(idx, p)].calcs[i]
                    if isinstance(lo_c, Calc) and isinstance(hi_c, Calc) and not lo_c.ranged:
                        o.calc = {"min": lo_c, "max": hi_c}
                    else:
                        u = lo_c if isinstance(lo_c, Unresolved) else hi_c
                        o.unresolved = (
                            u if isinstance(u, Unresolved) else self._open_reason(o.rule, pays, i)
                        )
                out[idx][p] = self._combine(ctx, claim, p, opts, pays, reductions.get((idx, p), 0))
        return out

    def _reduction(self, ctx: _Context, idx: int, program: str, st: str) -> int:
        if st != "excluded" or not self.referral_reduction:
            return 0
        red = self.kb.referral_reduction.get(ctx.case.region)
        if not (red and ctx.appl.get((idx, program))):
            return 0
        return int(red[1])

    def _open_reason(self, rule: Rule, pays: list[_Pay], i: int) -> Unresolved:
        amounts = [c.amount for p in pays if isinstance(c := p.calcs[i], Calc)]
        lo, hi = min(amounts), max(amounts)
        return Unresolved(
            f"{self.kb.doc_no(rule.region)} 未规定此规则的起付标准；"
            f"按可能的起付标准，金额在 {lo:.2f}～{hi:.2f} 元之间",
            rule.cite,
        )

    def _run(
        self,
        ctx: _Context,
        year: int,
        claims: list[NClaim],
        money_progs: dict[int, list[str]],
        options: dict[tuple[int, str], list[Option]],
        reductions: dict[tuple[int, str], int],
        v: Vertex,
    ) -> dict[tuple[int, str], _Pay]:
        """The whole year under one reading: what each money program pays at it."""
        led = Ledger()
        out: dict[tuple[int, str], _Pay] = {}
        tainted_pools: set[tuple[str, int]] = set()
        for claim in claims:
            idx = claim.index
            pays: dict[str, _Pay] = {}
            for p in money_progs[idx]:
                if p == "tilt":
                    continue
                if (idx, p) not in options:
                    pays[p] = _Pay(None, floor=True)
                    continue
                reduction = reductions.get((idx, p), 0)
                if reduction and v.generous(("reduction", ctx.case.region, year)):
                    reduction = 0
                calcs: list[Calc | Unresolved] = []
                for o in options[(idx, p)]:
                    try:
                        calcs.append(
                            self._amount(o.rule, claim, year, v, ctx.params, led, reduction)
                        )
                    except Unresolved as u:
                        calcs.append(u)
                pays[p] = self._best(options[(idx, p)], calcs, bool(ctx.unres.get((idx, p))))
            self._overlaps(ctx.case.region, pays)
            for pay in pays.values():
                if pay.calc is not None and not pay.lost:
                    led.deductible[pay.calc.pools["deductible"]] += pay.calc.pools["self_pay"]
                    led.cap[pay.calc.pools["cap"]] += pay.calc.amount
                    led.cap[pay.calc.pools["subcap"]] += pay.calc.amount
            if "tilt" in money_progs[idx]:
                pays["tilt"] = self._tilt_run(
                    ctx, claim, year, options.get((idx, "tilt")), pays, led, v, tainted_pools
                )
            for p, pay in pays.items():
                out[(idx, p)] = pay
        return out

    def _best(self, opts: list[Option], calcs: list[Calc | Unresolved], delegated: bool) -> _Pay:
        """就高 at one reading: the largest computable candidate; a candidate the knowledge
        base cannot compute could pay more, so the figure is then a floor."""
        known = [(o, c) for o, c in zip(opts, calcs, strict=True) if isinstance(c, Calc)]
        unknown = delegated or any(isinstance(c, Unresolved) for c in calcs)
        if not known:
            return _Pay(None, floor=True, calcs=calcs)
        top = max(c.amount for _, c in known)
        o, c = min(
            ((o, c) for o, c in known if c.amount == top),
            key=lambda oc: (oc[0].order, oc[0].rule.id),
        )
        return _Pay(c.amount, floor=unknown, option=o, calc=c, calcs=calcs)

    def _overlaps(self, region: str, pays: dict[str, _Pay]) -> None:
        for r, p1, p2, _res, _cite in self.kb.overlaps:
            if r != region or p1 not in pays or p2 not in pays:
                continue
            a, b = pays[p1], pays[p2]
            if a.amount is None and b.amount is None:
                continue
            if a.amount is None or b.amount is None:
                # 取高 against a figure the knowledge base cannot compute: what is known is a floor
                (b if a.amount is None else a).floor = True
                continue
            winner, loser = (a, b) if a.amount >= b.amount else (b, a)
            loser.lost = True
            loser.lost_to = p1 if winner is a else p2
            if loser.floor:
                winner.floor = True

    def _tilt_run(
        self,
        ctx: _Context,
        claim: NClaim,
        year: int,
        opts: list[Option] | None,
        pays: dict[str, _Pay],
        led: Ledger,
        v: Vertex,
        tainted_pools: set[tuple[str, int]],
    ) -> _Pay:
        paid = sum((p.amount for p in pays.values() if p.amount is not None and not p.lost), ZERO)
        # what another program of the claim pays is unknown (or only a floor): the residual
        # the tilt works on is then only bounded from above
        tainted = any(p.amount is None or (p.floor and not p.lost) for p in pays.values())
        if not opts:
            return _Pay(None, floor=True)
        calcs: list[Calc | Unresolved] = []
        for o in opts:
            try:
                calcs.append(self._tilt_amount(o.rule, claim, year, v, ctx.params, led, paid))
            except Unresolved as u:
                calcs.append(u)
        pay = self._best(opts, calcs, False)
        pool = (opts[0].rule.cap_pool or "tilt", year)
        if pay.calc is not None:
            c = pay.calc
            pool = c.pools["residual"]
            before = pool in tainted_pools
            pay.tainted = tainted or before
            if pay.tainted:
                # any reading pays at most the rate on the residual, within the yearly cap
                loose = c.pools["residual_value"] * c.pools["rate"] / HUNDRED
                if c.pools["cap_value"] is not None:
                    loose = min(loose, c.pools["cap_value"])
                pay.upper = fen(loose) if before else c.amount
            led.residual[c.pools["residual"]] += c.pools["residual_value"]
            led.cap[c.pools["cap"]] += c.amount
        else:
            # Unresolved tilt still accumulates the residual (it is the same yearly burden).
            led.residual[pool] += max(ZERO, claim.self_pay - paid)
        if tainted or pay.tainted:
            tainted_pools.add(pool)
        return pay

    def _combine(
        self,
        ctx: _Context,
        claim: NClaim,
        program: str,
        opts: list[Option],
        pays: list[_Pay],
        reduction: int,
    ) -> Benefit:
        """One program's outcome over every reading of the year."""
        kb = self.kb
        case = ctx.case
        ok = [o for o in opts if o.unresolved is None]
        if not ok:
            o = opts[0]
            assert o.unresolved is not None
            cites = self._rule_cites(o.rule, o.category) + (
                [o.unresolved.cite] if o.unresolved.cite else []
            )
            return Benefit(
                program,
                "unresolved",
                identity=o.category,
                via=o.via,
                rule=o.rule.id,
                reason=o.unresolved.reason,
                reason_code="missing_figure",
                cites=_dedupe(cites),
                alternatives=opts[1:],
            )
        ok.sort(key=lambda o: (o.key(), o.rule.id), reverse=True)
        best = ok[0]
        # Ties go to the category the document lists first.
        ties = [o for o in ok if o.key()[:2] == best.key()[:2]]
        best = min(ties, key=lambda o: (o.order, o.rule.id))
        if all(p.lost for p in pays):
            winner = pays[0].lost_to or ""
            cite = next(
                (c for r, p1, p2, _x, c in kb.overlaps if r == case.region and program in (p1, p2)),
                None,
            )
            return Benefit(
                program,
                "excluded",
                identity=best.category,
                via=best.via,
                rule=best.rule.id,
                reason=f"同一费用已由{kb.label(winner)}支付（较高者），不重复救助",
                reason_code="overlap",
                cites=_dedupe(
                    [c for c in [cite, *self._rule_cites(best.rule, best.category)] if c]
                ),
                chosen=best,
                alternatives=[o for o in opts if o is not best],
            )
        amounts = [ZERO if p.lost else (p.amount or ZERO) for p in pays]
        lo, hi = min(amounts), max(amounts)
        floor = any(p.floor and not p.lost for p in pays)
        tainted = any(p.tainted for p in pays)
        if tainted and max(p.upper if p.upper is not None else ZERO for p in pays) == ZERO:
            # a smaller residual cannot raise a tilt that is 0 at the largest one
            tainted = False
        b = Benefit(
            program,
            "paid" if lo == hi and not floor and not tainted else "bounded",
            identity=best.category,
            via=best.via,
            rule=best.rule.id,
            chosen=best,
            alternatives=[o for o in opts if o is not best],
        )
        # The clauses that state the figures come first: they are what an auditor checks.
        b.cites = [
            s.cite for s in best.calc["min"].steps + best.calc["max"].steps if s.cite
        ] + self._rule_cites(best.rule, best.category)
        if len(opts) > 1 or floor:
            b.cites += [c for r, _, c in kb.precedence if r == case.region]
        b.cites += self._reading_cites(case, claim, best.rule)
        if tainted:
            b.amount_min = ZERO
            b.amount_max = max(p.upper if p.upper is not None else ZERO for p in pays)
            b.reason = "同一费用的其他救助金额待定（或仅知下限），倾斜救助按其可能范围给出区间"
            b.reason_code = "depends_on_unresolved"
        elif floor:
            b.amount_min = lo
            refs = sorted({ref for _c, ref in ctx.unres.get((claim.index, program), [])})
            partner = [
                p2 if p1 == program else p1
                for r, p1, p2, _x, _c in kb.overlaps
                if r == case.region and program in (p1, p2)
            ]
            if refs:
                what = f"另一身份的待遇由 {'、'.join(refs)} 规定"
            elif any(p.amount is not None for p in pays) and partner:
                what = f"与{kb.label(partner[0])}取高，后者金额待定"
            else:
                what = "另一适用规则的数值待定"
            b.reason = f"就高不就低：{what}，此金额为下限"
            b.reason_code = "floor"
            b.cites += self._delegation_cites(case.region, program, None)
            b.cites += [c for r, k, c in kb.bound_readings if r == case.region and k == "floor"]
        elif lo == hi:
            b.amount = lo
        else:
            b.amount_min, b.amount_max = lo, hi
            if any(p.lost for p in pays):
                b.reason = "同一费用与另一项目取高：在部分数值下由另一项目支付"
                b.reason_code = "overlap_partial"
        if lo != hi or tainted or floor:
            b.cites += [c for r, k, c in kb.bound_readings if r == case.region and k == "vertices"]
        if reduction:
            red = kb.referral_reduction[case.region]
            b.reason = f"未按规定转诊：按选项降低救助比例，降幅不超过{reduction}个百分点"
            b.reason_code = "referral_reduction"
            b.cites = [red[2], *b.cites]
        if program == "tilt" and b.status == "paid" and b.amount == ZERO:
            pools = best.calc["min"].pools
            after = pools["residual_before"] + pools["residual_value"]
            if after > pools["threshold"]:
                b.reason = "倾斜救助年度限额已用完"
                b.reason_code = "cap_reached"
            else:
                b.reason = (
                    f"年度累计自付 {after:.2f} 元，未超过倾斜救助起点 {pools['threshold']:.2f} 元"
                )
                b.reason_code = "below_threshold"
        b.cites = _dedupe(b.cites)
        return b

    # -- one program on one claim ------------------------------------------
    def _options(
        self,
        case: Case,
        idx: int,
        program: str,
        appl: dict[tuple[int, str], list[tuple[str, str, str]]],
    ) -> list[Option]:
        out = []
        for rid, cat, own in appl.get((idx, program), []):
            rule = self.kb.rules[rid]
            order = self.kb.category_order.get((case.region, cat), 999)
            out.append(Option(rule, cat, own, order))
        return out

    def _delegated(self, ctx: _Context, idx: int, program: str, kind: str) -> Benefit:
        cat, ref = ctx.unres[(idx, program)][0]
        return Benefit(
            program,
            "unresolved",
            identity=cat,
            reason=(
                f"由 {ref} 规定，该文件不在知识库中（仅在理赔满足本文件对同一项目"
                "所列条件时报告为待定）"
            ),
            reason_code="delegated",
            reference=ref,
            cites=self._delegation_cites(ctx.case.region, program, cat),
            money=kind == "assistance",
        )

    def _amount(
        self,
        rule: Rule,
        claim: NClaim,
        year: int,
        sc: Scenario,
        params: Params,
        led: Ledger,
        reduction: int = 0,
    ) -> Calc:
        steps: list[Step] = []
        self_pay = claim.self_pay
        steps.append(Step("self_pay", f"{self_pay:.2f}"))
        dpool = (rule.deductible_pool or rule.program, year)
        cpool = (rule.cap_pool or rule.program, year)
        ranged = params.get(rule, "deductible", year) is None
        ded = params.money(rule, "deductible", year, sc, steps)
        ded = ded if ded is not None else ZERO
        used = led.deductible[dpool]
        if ded == INFINITE:
            remaining_ded = ded
            steps.append(Step("deductible_remaining", "高于全部自付"))
        else:
            remaining_ded = max(ZERO, ded - used)
            steps.append(
                Step(
                    "deductible_remaining",
                    f"max(0, {ded:.2f} − {used:.2f}) = {remaining_ded:.2f}",
                )
            )
        base = max(ZERO, self_pay - remaining_ded)
        rate = params.rate(rule, year, sc, steps)
        if reduction:
            rate = max(ZERO, rate - reduction)
            steps.append(Step("rate", f"{rate}%", None, f"未按规定转诊，降低{reduction}个百分点"))
        raw = base * rate / HUNDRED
        shown = "全部" if ded == INFINITE else f"{remaining_ded:.2f}"
        steps.append(Step("raw", f"({self_pay:.2f} − {shown}) × {rate}% = {fen(raw):.2f}"))
        amount = raw
        cap = params.money(rule, "cap", year, sc, steps)
        if cap is not None:
            left = max(ZERO, cap - led.cap[cpool])
            steps.append(Step("cap_remaining", f"{cap:.2f} − {led.cap[cpool]:.2f} = {left:.2f}"))
            amount = min(amount, left)
        spool = ("sub:" + rule.program, year)
        if params.get(rule, "subcap", year) is not None:
            sub = params.money(rule, "subcap", year, sc, steps)
            if sub is not None:
                left = max(ZERO, sub - led.cap[spool])
                steps.append(
                    Step("subcap_remaining", f"{sub:.2f} − {led.cap[spool]:.2f} = {left:.2f}")
                )
                amount = min(amount, left)
        amount = fen(amount)
        steps.append(Step("amount", f"{amount:.2f}"))
        return Calc(
            amount,
            steps,
            {"deductible": dpool, "cap": cpool, "subcap": spool, "self_pay": self_pay},
            ranged=ranged,
        )

    def _excluded(self, case: Case, program: str, why: str) -> Benefit:
        cite = self.kb.referral_exclusion.get(case.region)
        return Benefit(
            program,
            "excluded",
            reason="未按规定转诊，在统筹地区以外就医的费用原则上不纳入医疗救助范围",
            reason_code=why,
            cites=[cite] if cite else [],
            money=self.kb.programs[program][1] == "assistance",
        )

    def _delegation_cites(self, region: str, program: str, cat: str | None) -> list[str]:
        return _dedupe(
            [
                c
                for r, p, k, _, c in self.kb.delegations
                if r == region and p == program and (cat is None or k == cat)
            ]
        )

    def _reading_cites(self, case: Case, claim: NClaim, rule: Rule) -> list[str]:
        """Interpretations the claim reached the rule through: the claim kind a program was
        extended to, a condition an identity proves."""
        kb = self.kb
        out = [
            c
            for r, p, k, c in kb.program_for
            if r == case.region
            and p == rule.program
            and k == claim.type == "chronic_outpatient"
            and c.startswith("i_")
        ]
        if any(isinstance(c, tuple) and c[0] == "disability_max" for c, _ in rule.conditions):
            implied = implied_disability(kb, case, claim.date)
            if implied is not None and (
                case.disability_grade is None or implied < case.disability_grade
            ):
                out += [
                    c
                    for r, cat, attr, v, c in kb.identity_implies
                    if r == case.region
                    and attr == "disability_grade"
                    and any(i.category == cat for i in case.identities)
                ]
        return out

    def _rule_cites(self, rule: Rule, cat: str) -> list[str]:
        cites = [rule.cite]
        cites += [c for k, c in rule.categories if k == cat]
        cites += [c for _, c in rule.conditions]
        cites += [c for _, c in rule.exclusions]
        cites += [c for _, c in rule.derivations.values()]
        return _dedupe(cites)

    # -- tilt --------------------------------------------------------------
    def _tilt_amount(
        self,
        rule: Rule,
        claim: NClaim,
        year: int,
        sc: Scenario,
        params: Params,
        led: Ledger,
        paid: Decimal,
    ) -> Calc:
        steps: list[Step] = []
        residual = max(ZERO, claim.self_pay - paid)
        steps.append(Step("residual", f"{claim.self_pay:.2f} − {paid:.2f} = {residual:.2f}"))
        pool = (rule.cap_pool or rule.program, year)
        threshold = params.money(rule, "threshold", year, sc, steps)
        t = threshold if threshold is not None else ZERO
        before = led.residual[pool]
        after = before + residual
        over = max(ZERO, after - t) - max(ZERO, before - t)
        steps.append(
            Step(
                "over_threshold",
                f"max(0, {after:.2f} − {t:.2f}) − max(0, {before:.2f} − {t:.2f}) = {over:.2f}",
            )
        )
        rate = params.rate(rule, year, sc, steps)
        amount = over * rate / HUNDRED
        steps.append(Step("raw", f"{over:.2f} × {rate}% = {fen(amount):.2f}"))
        cap = params.money(rule, "cap", year, sc, steps)
        if cap is not None:
            left = max(ZERO, cap - led.cap[pool])
            steps.append(Step("cap_remaining", f"{cap:.2f} − {led.cap[pool]:.2f} = {left:.2f}"))
            amount = min(amount, left)
        amount = fen(amount)
        steps.append(Step("amount", f"{amount:.2f}"))
        return Calc(
            amount,
            steps,
            {
                "cap": pool,
                "residual": pool,
                "residual_value": residual,
                "residual_before": before,
                "threshold": t,
                "rate": rate,
                "cap_value": cap,
            },
        )

    # -- premium -----------------------------------------------------------
    def _premium(
        self,
        case: Case,
        year: int,
        st: str,
        appl: dict[tuple[int, str], list[tuple[str, str, str]]],
        params: Params,
    ) -> Benefit:
        c = PREMIUM_BASE + year
        if st != "eligible":
            reason = "无适用规则：身份或参保档次不符"
            if case.scheme is None:
                reason = "案例未提供参保档次（person.insurance.scheme）"
            return Benefit("premium_subsidy", "not_eligible", reason=reason, reason_code="no_rule")
        options = self._options(case, c, "premium_subsidy", appl)
        for o in options:
            try:
                for sc in SCENARIOS:
                    steps: list[Step] = []
                    p = params.get(o.rule, "rate", year)
                    if p is None or not isinstance(p.unit, tuple):
                        raise params._missing(o.rule, "rate")
                    base = params.external(p.unit[1], year)
                    rate = params.rate(o.rule, year, sc, steps)
                    amt = fen(base * rate / HUNDRED)
                    label = self.kb.externals.get(p.unit[1], (p.unit[1], ""))[0]
                    steps.append(Step("base", f"{base:.2f}", None, label))
                    steps.append(Step("amount", f"{base:.2f} × {rate}% = {amt:.2f}"))
                    o.calc[sc] = Calc(amt, steps, {})
            except Unresolved as u:
                o.unresolved = u
            except MissingParameter as m:
                # the premium has no ledger: a missing contribution standard leaves this row
                # unresolved and never stops the claims (medaid --strict refuses it)
                o.unresolved = Unresolved(m.reason, None)
                o.missing = m
        return self._choose_premium(case, options)

    def _choose_premium(self, case: Case, options: list[Option]) -> Benefit:
        program = "premium_subsidy"
        ok = [o for o in options if o.unresolved is None]
        missing = next((o.missing for o in options if o.missing is not None), None)
        if not ok:
            o = options[0]
            assert o.unresolved is not None
            cites = self._rule_cites(o.rule, o.category) + (
                [o.unresolved.cite] if o.unresolved.cite else []
            )
            return Benefit(
                program,
                "unresolved",
                identity=o.category,
                via=o.via,
                rule=o.rule.id,
                reason=o.unresolved.reason,
                reason_code="missing_parameter" if missing else "missing_figure",
                cites=_dedupe(cites),
                alternatives=options[1:],
                missing=missing,
            )
        ok.sort(key=lambda o: (o.key(), o.rule.id), reverse=True)
        best = ok[0]
        ties = [o for o in ok if o.key()[:2] == best.key()[:2]]
        best = min(ties, key=lambda o: (o.order, o.rule.id))
        lo, hi = best.calc["min"].amount, best.calc["max"].amount
        b = Benefit(
            program,
            "paid" if lo == hi else "bounded",
            amount=lo if lo == hi else None,
            amount_min=None if lo == hi else lo,
            amount_max=None if lo == hi else hi,
            identity=best.category,
            via=best.via,
            rule=best.rule.id,
            chosen=best,
            alternatives=[o for o in options if o is not best],
            missing=missing,
        )
        b.cites = [
            s.cite for s in best.calc["min"].steps + best.calc["max"].steps if s.cite
        ] + self._rule_cites(best.rule, best.category)
        if len(options) > 1:
            b.cites += [c for r, _, c in self.kb.precedence if r == case.region]
        if len(ok) < len(options):
            # 就高 with a candidate that cannot be computed: what is computed is a floor
            b.status, b.amount, b.amount_min, b.amount_max = "bounded", None, lo, None
            b.reason = "就高不就低：另一适用规则的数值待定，此金额为下限"
            b.reason_code = "floor"
        b.cites = _dedupe(b.cites)
        return b


def _dedupe(xs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out
