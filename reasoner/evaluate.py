"""Case evaluation: the rule base decides who is eligible for what; this module
turns the chosen rules into money with an annual ledger (Decimal, to the fen).

The year is computed twice when a document gives only bounds: least generous
(`min`) and most generous (`max`). Where both agree the amount is exact.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from reasoner.case import Case, NClaim
from reasoner.engine import Answers, Fact, PrologEngine
from reasoner.errors import MissingParameter
from reasoner.knowledge import KB, Param, Rule
from reasoner.warnings import case_warnings, used_interpretations

CENT = Decimal("0.01")
HUNDRED = Decimal(100)
ZERO = Decimal(0)
SCENARIOS = ("min", "max")
PREMIUM_BASE = 900_000_000

Scenario = str


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


@dataclass
class Option:
    """One identity/rule a program could pay under, computed in both scenarios."""

    rule: Rule
    category: str
    via: str
    order: int
    calc: dict[Scenario, Calc] = field(default_factory=dict)
    unresolved: Unresolved | None = None

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

    def totals(self) -> dict[str, Decimal]:
        lo = hi = exact = ZERO
        bounded = False
        for cr in self.claims:
            for b in cr.benefits:
                if b.status == "paid" and b.amount is not None:
                    exact += b.amount
                    lo += b.amount
                    hi += b.amount
                elif b.status == "bounded":
                    bounded = True
                    lo += b.amount_min or ZERO
                    hi += b.amount_max or ZERO
        out = {"assistance": fen(exact)}
        if bounded:
            out["assistance_min"] = fen(lo)
            out["assistance_max"] = fen(hi)
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


def claim_facts(case: Case, claim: NClaim, special: bool) -> list[Fact]:
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
    f += _person_facts(case, c)
    return f


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
        """A money figure in 元; None means no limit. Deductible `max` bounds give 0 at best."""
        p = self.get(rule, name, year)
        if p is None:
            raise self._missing(rule, name)
        if p.bound == "unlimited":
            steps.append(Step(name, "不设", p.cite))
            return None
        generous = sc == "max"
        if p.bound == "min" and generous and name in ("cap", "subcap"):
            steps.append(Step(name, "不设上限（仅规定下限）", p.cite, "most generous reading"))
            return None
        if p.bound == "max" and generous and name == "deductible":
            steps.append(Step(name, "0.00", p.cite, "most generous reading"))
            return ZERO
        value = self._scale(p, year, steps)
        if (name, year) in rule.year_params:
            steps[-1].note = f"{year}年度数值"
        return value

    def rate(
        self, rule: Rule, year: int, sc: Scenario, steps: list[Step], name: str = "rate"
    ) -> Decimal:
        p = self.get(rule, name, year)
        if p is None:
            raise self._missing(rule, name)
        if p.bound == "min" and sc == "max":
            steps.append(Step(name, "100%", p.cite, "most generous reading"))
            return HUNDRED
        steps.append(Step(name, f"{p.value}%", p.cite, _bound_note(p)))
        return Decimal(p.value)

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


class Evaluator:
    """Evaluates validated cases against the knowledge base."""

    def __init__(self, kb: KB, eng: PrologEngine, referral_reduction: bool = False) -> None:
        self.kb = kb
        self.eng = eng
        # 江苏 七（十五）"特殊的可降低救助比例，降低幅度不超过20个百分点": an option a
        # document allows instead of exclusion; off unless the user asks for it.
        self.referral_reduction = referral_reduction
        self.program_order = list(kb.programs)

    def evaluate(self, case: Case, premium: bool = True) -> Result:
        """Evaluate every claim (and, unless premium=False, each year's premium subsidy)."""
        kb = self.kb
        specials = {c.index: special_match(kb, case.region, c) for c in case.claims}
        facts: list[Fact] = []
        for cl in case.claims:
            facts += claim_facts(case, cl, specials[cl.index][0])
        years = case.years() if premium else []
        for y in years:
            facts += premium_facts(case, y)
        ans = self.eng.answers(facts)
        status: dict[tuple[int, str], str] = {(c, p): s for c, p, s in ans.status}
        appl: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
        for c, p, r, cat, own in ans.applicable:
            appl[(c, p)].append((r, cat, own))
        excl = {(c, p): why for c, p, why in ans.excluded}
        unres: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for c, p, cat, ref in ans.unresolved:
            unres[(c, p)].append((cat, ref))

        params = Params(kb, case)
        ledgers = {sc: Ledger() for sc in SCENARIOS}
        results: list[ClaimResult] = []
        used_interps: set[str] = set()
        for claim in sorted(case.claims, key=lambda c: (c.date, c.index)):
            idx = claim.index
            progs = [p for p in self.program_order if (idx, p) in status]
            benefits: dict[str, Benefit] = {}
            for p in progs:
                if p == "tilt":
                    continue
                benefits[p] = self._benefit(
                    case, claim, p, status[(idx, p)], appl, excl, unres, params, ledgers
                )
            self._resolve_overlaps(case.region, benefits)
            for b in benefits.values():
                if b.chosen is not None and b.status in ("paid", "bounded"):
                    self._commit(claim, b.chosen, ledgers)
            if "tilt" in progs:
                benefits["tilt"] = self._tilt(
                    case, claim, status[(idx, "tilt")], appl, excl, unres, params, ledgers, benefits
                )
            ordered = [benefits[p] for p in progs]
            for b in ordered:
                used_interps.update(c for c in b.cites if c.startswith("i_"))
            special, match = specials[idx]
            results.append(ClaimResult(claim, special, match, ordered))
        results.sort(key=lambda r: r.claim.index)

        premiums = {}
        for y in years:
            c = PREMIUM_BASE + y
            if (c, "premium_subsidy") in status:
                premiums[y] = self._premium(case, y, status[(c, "premium_subsidy")], appl, params)
                used_interps.update(x for x in premiums[y].cites if x.startswith("i_"))
        warnings = case_warnings(self.kb, case)
        used_interps.update(used_interpretations(self.kb, warnings))
        return Result(case, results, premiums, warnings, sorted(used_interps), ans)

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

    def _benefit(
        self,
        case: Case,
        claim: NClaim,
        program: str,
        st: str,
        appl: dict[tuple[int, str], list[tuple[str, str, str]]],
        excl: dict[tuple[int, str], str],
        unres: dict[tuple[int, str], list[tuple[str, str]]],
        params: Params,
        ledgers: dict[Scenario, Ledger],
    ) -> Benefit:
        kb = self.kb
        kind = kb.programs[program][1]
        idx = claim.index
        reduction = 0
        if st == "excluded":
            red = kb.referral_reduction.get(case.region)
            if not (self.referral_reduction and red and appl.get((idx, program))):
                return self._excluded(case, program, excl[(idx, program)])
            reduction = int(red[1])
        if st == "unresolved":
            cat, ref = unres[(idx, program)][0]
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
                cites=self._delegation_cites(case.region, program, cat),
            )
        if st == "not_eligible":
            return Benefit(
                program, "not_eligible", reason="无适用规则：身份或条件不符", reason_code="no_rule"
            )
        options = self._options(case, idx, program, appl)
        if kind in ("service", "insurance"):
            best = min(options, key=lambda o: (o.order, o.rule.id))
            return Benefit(
                program,
                "granted",
                identity=best.category,
                via=best.via,
                rule=best.rule.id,
                cites=self._rule_cites(best.rule, best.category),
                chosen=best,
                alternatives=[o for o in options if o is not best],
            )
        year = claim.date.year
        for o in options:
            try:
                for sc in SCENARIOS:
                    o.calc[sc] = self._amount(
                        o.rule, claim, year, sc, params, ledgers[sc], reduction
                    )
            except Unresolved as u:
                o.unresolved = u
        b = self._choose(case, program, options)
        if reduction:
            red = kb.referral_reduction[case.region]
            b.reason = f"未按规定转诊：按选项降低救助比例，降幅不超过{reduction}个百分点"
            b.reason_code = "referral_reduction"
            b.cites = _dedupe([red[2], *b.cites])
        return b

    def _choose(
        self,
        case: Case,
        program: str,
        options: list[Option],
    ) -> Benefit:
        ok = [o for o in options if o.unresolved is None]
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
                reason_code="missing_figure",
                cites=_dedupe(cites),
                alternatives=options[1:],
            )
        ok.sort(key=lambda o: (o.key(), o.rule.id), reverse=True)
        best = ok[0]
        # Ties go to the category the document lists first.
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
        )
        # The clauses that state the figures come first: they are what an auditor checks.
        b.cites = [
            s.cite for s in best.calc["min"].steps + best.calc["max"].steps if s.cite
        ] + self._rule_cites(best.rule, best.category)
        if len(options) > 1:
            b.cites += [c for r, _, c in self.kb.precedence if r == case.region]
        b.cites = _dedupe(b.cites)
        return b

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
        ded = params.money(rule, "deductible", year, sc, steps)
        ded = ded if ded is not None else ZERO
        used = led.deductible[dpool]
        remaining_ded = max(ZERO, ded - used)
        steps.append(
            Step("deductible_remaining", f"max(0, {ded:.2f} − {used:.2f}) = {remaining_ded:.2f}")
        )
        base = max(ZERO, self_pay - remaining_ded)
        rate = params.rate(rule, year, sc, steps)
        if reduction and sc == "min":
            rate = max(ZERO, rate - reduction)
            steps.append(Step("rate", f"{rate}%", None, f"未按规定转诊，降低{reduction}个百分点"))
        raw = base * rate / HUNDRED
        steps.append(
            Step("raw", f"({self_pay:.2f} − {remaining_ded:.2f}) × {rate}% = {fen(raw):.2f}")
        )
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
        )

    def _commit(self, claim: NClaim, o: Option, ledgers: dict[Scenario, Ledger]) -> None:
        for sc in SCENARIOS:
            calc = o.calc[sc]
            led = ledgers[sc]
            led.deductible[calc.pools["deductible"]] += calc.pools["self_pay"]
            led.cap[calc.pools["cap"]] += calc.amount
            led.cap[calc.pools["subcap"]] += calc.amount

    def _resolve_overlaps(self, region: str, benefits: dict[str, Benefit]) -> None:
        for r, p1, p2, _res, cite in self.kb.overlaps:
            if r != region or p1 not in benefits or p2 not in benefits:
                continue
            b1, b2 = benefits[p1], benefits[p2]
            if b1.chosen is None or b2.chosen is None:
                continue
            if b1.status not in ("paid", "bounded") or b2.status not in ("paid", "bounded"):
                continue
            k1, k2 = b1.chosen.key()[:2], b2.chosen.key()[:2]
            loser, winner = (b2, b1) if k1 >= k2 else (b1, b2)
            loser.status = "excluded"
            loser.reason_code = "overlap"
            loser.reason = f"同一费用已由{self.kb.label(winner.program)}支付（较高者），不重复救助"
            loser.amount_min = loser.amount_min or loser.amount
            loser.amount = None
            loser.cites = _dedupe([cite, *loser.cites])

    def _excluded(self, case: Case, program: str, why: str) -> Benefit:
        cite = self.kb.referral_exclusion.get(case.region)
        return Benefit(
            program,
            "excluded",
            reason="未按规定转诊，在统筹地区以外就医的费用原则上不纳入医疗救助范围",
            reason_code=why,
            cites=[cite] if cite else [],
        )

    def _delegation_cites(self, region: str, program: str, cat: str) -> list[str]:
        return _dedupe(
            [
                c
                for r, p, k, _, c in self.kb.delegations
                if r == region and p == program and k == cat
            ]
        )

    def _rule_cites(self, rule: Rule, cat: str) -> list[str]:
        cites = [rule.cite]
        cites += [c for k, c in rule.categories if k == cat]
        cites += [c for _, c in rule.conditions]
        cites += [c for _, c in rule.exclusions]
        cites += [c for _, c in rule.derivations.values()]
        return _dedupe(cites)

    # -- tilt --------------------------------------------------------------
    def _tilt(
        self,
        case: Case,
        claim: NClaim,
        st: str,
        appl: dict[tuple[int, str], list[tuple[str, str, str]]],
        excl: dict[tuple[int, str], str],
        unres: dict[tuple[int, str], list[tuple[str, str]]],
        params: Params,
        ledgers: dict[Scenario, Ledger],
        benefits: dict[str, Benefit],
    ) -> Benefit:
        idx = claim.index
        if st != "eligible":
            return self._benefit(case, claim, "tilt", st, appl, excl, unres, params, ledgers)
        year = claim.date.year
        paid = {sc: ZERO for sc in SCENARIOS}
        for b in benefits.values():
            if b.status == "paid" and b.amount is not None:
                paid["min"] += b.amount
                paid["max"] += b.amount
            elif b.status == "bounded":
                paid["min"] += b.amount_min or ZERO
                paid["max"] += b.amount_max or ZERO
        options = self._options(case, idx, "tilt", appl)
        for o in options:
            try:
                for sc in SCENARIOS:
                    o.calc[sc] = self._tilt_amount(
                        o.rule, claim, year, sc, params, ledgers[sc], paid[sc]
                    )
            except Unresolved as u:
                o.unresolved = u
        b = self._choose(case, "tilt", options)
        if b.chosen is not None and b.status == "paid" and b.amount == ZERO:
            pools = b.chosen.calc["min"].pools
            after = ledgers["min"].residual[pools["residual"]] + pools["residual_value"]
            if after > pools["threshold"]:
                b.reason = "倾斜救助年度限额已用完"
                b.reason_code = "cap_reached"
            else:
                b.reason = (
                    f"年度累计自付 {after:.2f} 元，未超过倾斜救助起点 {pools['threshold']:.2f} 元"
                )
                b.reason_code = "below_threshold"
        if b.chosen is not None:
            for sc in SCENARIOS:
                calc = b.chosen.calc[sc]
                ledgers[sc].residual[calc.pools["residual"]] += calc.pools["residual_value"]
                ledgers[sc].cap[calc.pools["cap"]] += calc.amount
        elif options:
            # Unresolved tilt still accumulates the residual (it is the same yearly burden).
            pool = (options[0].rule.cap_pool or "tilt", year)
            for sc in SCENARIOS:
                ledgers[sc].residual[pool] += max(ZERO, claim.self_pay - paid[sc])
        return b

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
            {"cap": pool, "residual": pool, "residual_value": residual, "threshold": t},
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
        return self._choose(case, "premium_subsidy", options)


def _dedupe(xs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out
