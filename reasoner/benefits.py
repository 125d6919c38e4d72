"""A program's outcome on a claim as the auditor reads it: the status, the amount or its
bounds, the reason and every clause it rests on, built from the ledger kernel's outcome."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reasoner import ledger
from reasoner.errors import MissingParameter
from reasoner.facts import implied_disability
from reasoner.knowledge import KB, Rule
from reasoner.params import HUNDRED, SCENARIOS, Params, Unresolved
from reasoner.result import ZERO, Benefit, Calc, Option, Step, fen, yuan

if TYPE_CHECKING:
    from reasoner.case import Case, NClaim


def dedupe(xs: list[str]) -> list[str]:
    seen: set[str] = set()
    out = []
    for x in xs:
        if x and x not in seen:
            seen.add(x)
            out.append(x)
    return out


class Benefits:
    """Builds each Benefit of one case."""

    def __init__(
        self, kb: KB, case: Case, delegated: dict[tuple[int, str], list[tuple[str, str]]]
    ) -> None:
        self.kb = kb
        self.case = case
        # per claim and program: the (identity, document) whose treatment another document sets
        self.refs = delegated

    # -- outcomes without a ledger -------------------------------------------
    def excluded(self, program: str, why: str) -> Benefit:
        cite = self.kb.referral_exclusion.get(self.case.region)
        return Benefit(
            program,
            "excluded",
            reason="未按规定转诊，在统筹地区以外就医的费用原则上不纳入医疗救助范围",
            reason_code=why,
            cites=[cite] if cite else [],
            money=self.kb.programs[program][1] == "assistance",
        )

    def delegated(self, program: str, kind: str, cat: str, ref: str) -> Benefit:
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
            cites=self.delegation_cites(program, cat),
            money=kind == "assistance",
        )

    def not_eligible(self, program: str, kind: str) -> Benefit:
        return Benefit(
            program,
            "not_eligible",
            reason="无适用规则：身份或条件不符",
            reason_code="no_rule",
            money=kind == "assistance",
        )

    def granted(self, program: str, opts: list[Option]) -> Benefit:
        best = min(opts, key=lambda o: (o.order, o.rule.id))
        return Benefit(
            program,
            "granted",
            identity=best.category,
            via=best.via,
            rule=best.rule.id,
            cites=self.rule_cites(best.rule, best.category),
            chosen=best,
            alternatives=[o for o in opts if o is not best],
            money=False,
        )

    # -- one money program over every reading ---------------------------------
    def combine(
        self,
        claim: NClaim,
        program: str,
        opts: list[Option],
        out: ledger.Outcome,
        pays: list[ledger.Pay],
        reduction: int,
    ) -> Benefit:
        if out.kind == "unresolved":
            return self.unresolved(program, opts)
        assert out.best is not None
        best = opts[out.best]
        if out.kind == "overlap":
            return self._overlap(program, opts, best, out.lost_to or "")
        b = Benefit(
            program,
            out.status,
            identity=best.category,
            via=best.via,
            rule=best.rule.id,
            chosen=best,
            alternatives=[o for o in opts if o is not best],
        )
        # The clauses that state the figures come first: they are what an auditor checks.
        b.cites = self.figure_cites(best) + self.rule_cites(best.rule, best.category)
        if len(opts) > 1 or out.floor:
            b.cites += self._precedence()
        b.cites += self.reading_cites(claim, best.rule)
        self._amounts(b, program, claim, out, pays)
        if out.kind != "exact":
            b.cites += self._bound_cites("vertices")
        if reduction:
            red = self.kb.referral_reduction[self.case.region]
            b.reason = f"未按规定转诊：按选项降低救助比例，降幅不超过{reduction}个百分点"
            b.reason_code = "referral_reduction"
            b.cites = [red[2], *b.cites]
        if program == self.kb.vocab.tilt and b.status == "paid" and b.amount == ZERO:
            self._tilt_zero(b, best)
        b.cites = dedupe(b.cites)
        return b

    def _amounts(
        self,
        b: Benefit,
        program: str,
        claim: NClaim,
        out: ledger.Outcome,
        pays: list[ledger.Pay],
    ) -> None:
        if out.kind == "tainted":
            b.amount_min, b.amount_max = ZERO, yuan(out.hi)
            b.reason = "同一费用的其他救助金额待定（或仅知下限），倾斜救助按其可能范围给出区间"
            b.reason_code = "depends_on_unresolved"
        elif out.kind == "floor":
            b.amount_min = yuan(out.lo)
            b.reason = f"就高不就低：{self._floor_what(program, claim, pays)}，此金额为下限"
            b.reason_code = "floor"
            b.cites += self.delegation_cites(program, None)
            b.cites += self._bound_cites("floor")
        elif out.kind == "exact":
            b.amount = yuan(out.lo)
        else:
            b.amount_min, b.amount_max = yuan(out.lo), yuan(out.hi)
            if out.partly_lost:
                b.reason = "同一费用与另一项目取高：在部分数值下由另一项目支付"
                b.reason_code = "overlap_partial"

    def _floor_what(self, program: str, claim: NClaim, pays: list[ledger.Pay]) -> str:
        kb = self.kb
        refs = sorted({ref for _cat, ref in self.refs.get((claim.index, program), [])})
        partner = [
            p2 if p1 == program else p1
            for r, p1, p2, _x, _c in kb.overlaps
            if r == self.case.region and program in (p1, p2)
        ]
        if refs:
            return f"另一身份的待遇由 {'、'.join(refs)} 规定"
        if any(p.amount is not None for p in pays) and partner:
            return f"与{kb.label(partner[0])}取高，后者金额待定"
        return "另一适用规则的数值待定"

    def _tilt_zero(self, b: Benefit, best: Option) -> None:
        k = best.calc["min"].kernel
        assert k is not None
        if k.residual_before + k.residual > k.threshold:
            b.reason = "倾斜救助年度限额已用完"
            b.reason_code = "cap_reached"
        else:
            after, t = yuan(k.residual_before + k.residual), yuan(k.threshold)
            b.reason = f"年度累计自付 {after:.2f} 元，未超过倾斜救助起点 {t:.2f} 元"
            b.reason_code = "below_threshold"

    def unresolved(
        self, program: str, opts: list[Option], missing: MissingParameter | None = None
    ) -> Benefit:
        o = opts[0]
        assert o.unresolved is not None
        cites = self.rule_cites(o.rule, o.category) + (
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
            cites=dedupe(cites),
            alternatives=opts[1:],
            missing=missing,
        )

    def _overlap(self, program: str, opts: list[Option], best: Option, winner: str) -> Benefit:
        kb = self.kb
        cite = next(
            (
                c
                for r, p1, p2, _x, c in kb.overlaps
                if r == self.case.region and program in (p1, p2)
            ),
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
            cites=dedupe([c for c in [cite, *self.rule_cites(best.rule, best.category)] if c]),
            chosen=best,
            alternatives=[o for o in opts if o is not best],
        )

    # -- premium subsidy: base × rate, no ledger ---------------------------------
    def premium(self, year: int, st: str, options: list[Option], params: Params) -> Benefit:
        if st != "eligible":
            reason = "无适用规则：身份或参保档次不符"
            if self.case.scheme is None:
                reason = "案例未提供参保档次（person.insurance.scheme）"
            return Benefit(
                self.kb.vocab.premium, "not_eligible", reason=reason, reason_code="no_rule"
            )
        for o in options:
            try:
                for sc in SCENARIOS:
                    o.calc[sc] = self._premium_calc(o.rule, year, sc, params)
            except Unresolved as u:
                o.unresolved = u
            except MissingParameter as m:
                # the premium has no ledger: a missing contribution standard leaves this row
                # unresolved and never stops the claims (medaid --strict refuses it)
                o.unresolved = Unresolved(m.reason, None)
                o.missing = m
        return self._choose_premium(options)

    def _premium_calc(self, rule: Rule, year: int, sc: str, params: Params) -> Calc:
        steps: list[Step] = []
        p = params.get(rule, "rate", year)
        if p is None or not isinstance(p.unit, tuple):
            raise params._missing(rule, "rate")
        base = params.external(p.unit[1], year)
        rate = params.rate(rule, year, sc, steps)
        amt = fen(base * rate / HUNDRED)
        label = self.kb.externals.get(p.unit[1], (p.unit[1], ""))[0]
        steps.append(Step("base", f"{base:.2f}", None, label))
        steps.append(Step("amount", f"{base:.2f} × {rate}% = {amt:.2f}"))
        return Calc(amt, steps)

    def _choose_premium(self, options: list[Option]) -> Benefit:
        program = self.kb.vocab.premium
        ok = [o for o in options if o.unresolved is None]
        missing = next((o.missing for o in options if o.missing is not None), None)
        if not ok:
            return self.unresolved(program, options, missing)
        best = min(ok, key=lambda o: (-o.key()[0], -o.key()[1], o.order, o.rule.id))
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
        b.cites = self.figure_cites(best) + self.rule_cites(best.rule, best.category)
        if len(options) > 1:
            b.cites += self._precedence()
        if len(ok) < len(options):
            # 就高 with a candidate that cannot be computed: what is computed is a floor
            b.status, b.amount, b.amount_min, b.amount_max = "bounded", None, lo, None
            b.reason = "就高不就低：另一适用规则的数值待定，此金额为下限"
            b.reason_code = "floor"
        b.cites = dedupe(b.cites)
        return b

    # -- citations --------------------------------------------------------------
    def figure_cites(self, o: Option) -> list[str]:
        return [s.cite for s in o.calc["min"].steps + o.calc["max"].steps if s.cite]

    def _precedence(self) -> list[str]:
        return [c for r, _, c in self.kb.precedence if r == self.case.region]

    def _bound_cites(self, kind: str) -> list[str]:
        return [c for r, k, c in self.kb.bound_readings if r == self.case.region and k == kind]

    def delegation_cites(self, program: str, cat: str | None) -> list[str]:
        return dedupe(
            [
                c
                for r, p, k, _, c in self.kb.delegations
                if r == self.case.region and p == program and (cat is None or k == cat)
            ]
        )

    def reading_cites(self, claim: NClaim, rule: Rule) -> list[str]:
        """Interpretations the claim reached the rule through: the claim kind a program was
        extended to, a condition an identity proves."""
        kb, case = self.kb, self.case
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

    def rule_cites(self, rule: Rule, cat: str) -> list[str]:
        cites = [rule.cite]
        cites += [c for k, c in rule.categories if k == cat]
        cites += [c for _, c in rule.conditions]
        cites += [c for _, c in rule.exclusions]
        cites += [c for _, c in rule.derivations.values()]
        return dedupe(cites)
