"""Case evaluation: the rule base decides who is eligible for what; the ledger kernel
(reasoner.ledger) turns the chosen rules into money, once per lawful reading of the year.

Where a document gives only floors or ceilings (or leaves a figure open), every lawful
reading is a *vertex* (reasoner.params); each claim's amount is the range over all of
them and exact only when every vertex agrees. An amount that depends on a program the
knowledge base cannot compute is never exact: a 就高 with an unknown candidate is a
floor, a tilt on an unknown residual a range.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from reasoner import ledger
from reasoner.benefits import Benefits
from reasoner.case import Case, NClaim
from reasoner.engine import Answers, Fact, PrologEngine
from reasoner.errors import MedaidError
from reasoner.facts import (
    PREMIUM_BASE,
    claim_facts,
    implied_disability,
    month_end,
    premium_facts,
    special_match,
    ymd,
)
from reasoner.knowledge import KB, Rule
from reasoner.params import (
    INFINITE,
    LEAST,
    MOST,
    SCENARIOS,
    Params,
    Resolved,
    Scenario,
    Unresolved,
    Vertex,
    as_vertex,
    figure_key,
    is_open,
    open_deductible_key,
    resolve,
)
from reasoner.result import (
    Benefit,
    Calc,
    ClaimResult,
    Option,
    Result,
    Step,
    fen,
    yuan,
)
from reasoner.warnings import case_warnings, used_interpretations

__all__ = [
    "INFINITE",
    "LEAST",
    "MOST",
    "PREMIUM_BASE",
    "SCENARIOS",
    "Benefit",
    "Calc",
    "ClaimResult",
    "Evaluator",
    "Option",
    "Params",
    "Result",
    "Scenario",
    "Step",
    "Unresolved",
    "Vertex",
    "as_vertex",
    "claim_facts",
    "figure_key",
    "fen",
    "implied_disability",
    "is_open",
    "month_end",
    "open_deductible_key",
    "premium_facts",
    "special_match",
    "ymd",
]

# A year with more open figures than this is not enumerated (2**12 readings); none of
# the documents comes near it (江苏 with two classes of identity: 5).
MAX_FIGURES = 12


@dataclass
class _Context:
    case: Case
    params: Params
    benefits: Benefits
    status: dict[tuple[int, str], str] = field(default_factory=dict)
    appl: dict[tuple[int, str], list[tuple[str, str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )
    excl: dict[tuple[int, str], str] = field(default_factory=dict)
    unres: dict[tuple[int, str], list[tuple[str, str]]] = field(
        default_factory=lambda: defaultdict(list)
    )


@dataclass
class _Year:
    """One year's money programs: what the kernel is given and what the text needs."""

    claims: list[NClaim]
    programs: dict[int, list[str]] = field(default_factory=dict)
    options: dict[tuple[int, str], list[Option]] = field(default_factory=dict)
    reductions: dict[tuple[int, str], int] = field(default_factory=dict)
    figures: set[tuple[Any, ...]] = field(default_factory=set)
    # [reading][(claim, program)][candidate]
    resolved: list[dict[tuple[int, str], list[Resolved | Unresolved]]] = field(default_factory=list)


class Evaluator:
    """Evaluates validated cases against the knowledge base."""

    def __init__(
        self, kb: KB, eng: PrologEngine | None = None, referral_reduction: bool = False
    ) -> None:
        self.kb = kb
        self.eng = eng
        # 江苏 七（十五）"特殊的可降低救助比例，降低幅度不超过20个百分点": an option a
        # document allows instead of exclusion; off unless the user asks for it.
        self.referral_reduction = referral_reduction
        self.program_order = list(kb.programs)

    def evaluate(
        self,
        case: Case,
        premium: bool = True,
        reading: Vertex | None = None,
        answers: Answers | None = None,
    ) -> Result:
        """Evaluate every claim (and, unless premium=False, each year's premium subsidy).

        With ``reading`` only that one lawful reading of the open figures is computed (what
        a city that chose those figures pays); by default every reading bounds each claim.
        ``answers`` are the rule base's answers for the case's facts (claims numbered by
        their index, premium rows by PREMIUM_BASE + year); without them the engine is asked.
        """
        kb = self.kb
        specials = {c.index: special_match(kb, case.region, c) for c in case.claims}
        years = case.years() if premium else []
        if answers is None:
            answers = self._ask(case, specials, years)
        ctx = self._context(case, answers)
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
            if (c, self.kb.vocab.premium) in ctx.status:
                opts = self._options(case, c, self.kb.vocab.premium, ctx.appl)
                st = ctx.status[(c, self.kb.vocab.premium)]
                premiums[y] = ctx.benefits.premium(y, st, opts, ctx.params)
                used_interps.update(x for x in premiums[y].cites if x.startswith("i_"))
        warnings = case_warnings(self.kb, case)
        used_interps.update(used_interpretations(self.kb, warnings))
        return Result(case, results, premiums, warnings, sorted(used_interps), answers)

    def _ask(self, case: Case, specials: dict[int, tuple[bool, Any]], years: list[int]) -> Answers:
        if self.eng is None:
            raise TypeError("Evaluator without an engine needs the answers")
        facts: list[Fact] = []
        for cl in case.claims:
            facts += claim_facts(case, cl, specials[cl.index][0], self.kb)
        for y in years:
            facts += premium_facts(case, y)
        return self.eng.answers(facts)

    def _context(self, case: Case, ans: Answers) -> _Context:
        unres: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for c, p, cat, ref in ans.unresolved:
            unres[(c, p)].append((cat, ref))
        ctx = _Context(case, Params(self.kb, case), Benefits(self.kb, case, unres))
        ctx.unres = unres
        ctx.status = {(c, p): s for c, p, s in ans.status}
        for c, p, r, cat, own in ans.applicable:
            ctx.appl[(c, p)].append((r, cat, own))
        ctx.excl = {(c, p): why for c, p, why in ans.excluded}
        return ctx

    def rows(self, case: Case, answers: Answers) -> list[Row]:
        """Each claim's programs as the audit reports them (status, amount, bounds in fen,
        identity), from the kernel alone: no steps, citations or warnings are built."""
        ctx = self._context(case, answers)
        ordered = sorted(case.claims, key=lambda c: (c.date, c.index))
        out: list[Row] = []
        for year in sorted({c.date.year for c in ordered}):
            claims = [c for c in ordered if c.date.year == year]
            y, done, runs, outcomes = self._ledger(ctx, year, claims, None)
            for claim in claims:
                idx = claim.index
                for p in self.program_order:
                    if (idx, p) not in ctx.status:
                        continue
                    if (idx, p) in y.options:
                        o = outcomes[(idx, p)]
                        out.append((claim, p, *_row(o, y.options[(idx, p)])))
                    else:
                        b = done[idx][p]
                        out.append((claim, p, b.status, None, None, None, b.identity))
        return out

    # -- one year: the ledger once per lawful reading ------------------------------
    def _year(
        self, ctx: _Context, year: int, claims: list[NClaim], reading: Vertex | None = None
    ) -> dict[int, dict[str, Benefit]]:
        y, out, runs, outcomes = self._ledger(ctx, year, claims, reading)
        for claim in claims:
            idx = claim.index
            for p in y.programs[idx]:
                if (idx, p) not in y.options:
                    continue
                pays = [r[(idx, p)] for r in runs]
                opts = y.options[(idx, p)]
                self._explain_options(ctx.params, claim, p, opts, y, pays)
                out[idx][p] = ctx.benefits.combine(
                    claim, p, opts, outcomes[(idx, p)], pays, y.reductions.get((idx, p), 0)
                )
        return out

    def _ledger(
        self, ctx: _Context, year: int, claims: list[NClaim], reading: Vertex | None
    ) -> tuple[
        _Year,
        dict[int, dict[str, Benefit]],
        list[dict[tuple[int, str], ledger.Pay]],
        dict[tuple[int, str], ledger.Outcome],
    ]:
        """The year's outcomes no ledger decides, and the kernel's run at every reading."""
        y = _Year(claims)
        out = self._classify(ctx, year, y)
        figures = sorted(y.figures, key=repr)
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
        y.resolved = [self._resolve(ctx, year, y, v) for v in vertices]
        kclaims = self._kernel_claims(ctx, year, y)
        overlaps = [(p1, p2) for r, p1, p2, _x, _c in self.kb.overlaps if r == ctx.case.region]
        runs, outcomes = ledger.year(kclaims, overlaps, len(vertices))
        return y, out, runs, outcomes

    def _classify(self, ctx: _Context, year: int, y: _Year) -> dict[int, dict[str, Benefit]]:
        """The outcomes no ledger decides; the money programs and their candidates."""
        kb = self.kb
        out: dict[int, dict[str, Benefit]] = {}
        for claim in y.claims:
            idx = claim.index
            out[idx] = {}
            y.programs[idx] = []
            for p in self.program_order:
                st = ctx.status.get((idx, p))
                if st is None:
                    continue
                kind = kb.programs[p][1]
                reduction = self._reduction(ctx, idx, p, st)
                if st == "excluded" and not reduction:
                    out[idx][p] = ctx.benefits.excluded(p, ctx.excl[(idx, p)])
                elif st == "unresolved":
                    cat, ref = ctx.unres[(idx, p)][0]
                    out[idx][p] = ctx.benefits.delegated(p, kind, cat, ref)
                    if kind == "assistance":
                        y.programs[idx].append(p)
                elif st == "not_eligible":
                    out[idx][p] = ctx.benefits.not_eligible(p, kind)
                elif kind in ("service", "insurance"):
                    out[idx][p] = ctx.benefits.granted(p, self._options(ctx.case, idx, p, ctx.appl))
                else:
                    opts = self._options(ctx.case, idx, p, ctx.appl)
                    y.options[(idx, p)] = opts
                    y.programs[idx].append(p)
                    if reduction:
                        y.reductions[(idx, p)] = reduction
                        y.figures.add(("reduction", ctx.case.region, year))
                    for o in opts:
                        y.figures |= ctx.params.open_figures(o.rule, year)
        return out

    def _resolve(
        self, ctx: _Context, year: int, y: _Year, v: Vertex
    ) -> dict[tuple[int, str], list[Resolved | Unresolved]]:
        """Every candidate's figures at one reading."""
        out: dict[tuple[int, str], list[Resolved | Unresolved]] = {}
        for (idx, p), opts in y.options.items():
            reduction = y.reductions.get((idx, p), 0)
            if reduction and v.generous(("reduction", ctx.case.region, year)):
                reduction = 0
            row: list[Resolved | Unresolved] = []
            for o in opts:
                try:
                    row.append(
                        resolve(ctx.params, o.rule, year, v, reduction, p == self.kb.vocab.tilt)
                    )
                except Unresolved as u:
                    row.append(u)
            out[(idx, p)] = row
        return out

    def _kernel_claims(self, ctx: _Context, year: int, y: _Year) -> list[ledger.Claim]:
        out = []
        for claim in y.claims:
            idx = claim.index
            entries = []
            for p in y.programs[idx]:
                opts = y.options.get((idx, p))
                if opts is None:
                    entries.append(ledger.Entry(p, None, tilt=p == self.kb.vocab.tilt))
                    continue
                cands = tuple(self._candidate(ctx, o, year) for o in opts)
                figs = [
                    [r.figures if isinstance(r, Resolved) else None for r in res[(idx, p)]]
                    for res in y.resolved
                ]
                entries.append(
                    ledger.Entry(
                        p, cands, figs, bool(ctx.unres.get((idx, p))), p == self.kb.vocab.tilt
                    )
                )
            out.append(ledger.Claim(idx, int(claim.self_pay * 100), entries))
        return out

    @staticmethod
    def _candidate(ctx: _Context, o: Option, year: int) -> ledger.Candidate:
        r = o.rule
        return ledger.Candidate(
            r.id,
            o.order,
            r.deductible_pool or r.program,
            r.cap_pool or r.program,
            "sub:" + r.program,
            ranged=r.program != ctx.params.kb.vocab.tilt
            and ctx.params.get(r, "deductible", year) is None,
        )

    def _explain_options(
        self,
        ctx_params: Params,
        claim: NClaim,
        p: str,
        opts: list[Option],
        y: _Year,
        pays: list[ledger.Pay],
    ) -> None:
        """Each candidate's figures at the least and most generous readings, as steps; or
        why it cannot be computed."""
        idx = claim.index
        first, last = y.resolved[0][(idx, p)], y.resolved[-1][(idx, p)]
        for i, o in enumerate(opts):
            lo_r, hi_r = first[i], last[i]
            lo_k, hi_k = pays[0].calcs[i], pays[-1].calcs[i]
            ranged = (
                p != self.kb.vocab.tilt
                and ctx_params.get(o.rule, "deductible", claim.date.year) is None
            )
            if isinstance(lo_r, Resolved) and isinstance(hi_r, Resolved) and not ranged:
                assert lo_k is not None and hi_k is not None
                o.calc = {
                    "min": explain_calc(lo_r, lo_k, p == self.kb.vocab.tilt),
                    "max": explain_calc(hi_r, hi_k, p == self.kb.vocab.tilt),
                }
            else:
                u = lo_r if isinstance(lo_r, Unresolved) else hi_r
                o.unresolved = (
                    u if isinstance(u, Unresolved) else self._open_reason(o.rule, pays, i)
                )

    def _reduction(self, ctx: _Context, idx: int, program: str, st: str) -> int:
        if st != "excluded" or not self.referral_reduction:
            return 0
        red = self.kb.referral_reduction.get(ctx.case.region)
        if not (red and ctx.appl.get((idx, program))):
            return 0
        return int(red[1])

    def _open_reason(self, rule: Rule, pays: list[ledger.Pay], i: int) -> Unresolved:
        amounts = [c.amount for p in pays if (c := p.calcs[i]) is not None]
        lo, hi = yuan(min(amounts)), yuan(max(amounts))
        return Unresolved(
            f"{self.kb.doc_no(rule.region)} 未规定此规则的起付标准；"
            f"按可能的起付标准，金额在 {lo:.2f}～{hi:.2f} 元之间",
            rule.cite,
        )

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


# (claim, program, status, amount, amount_min, amount_max, identity); money in fen
Row = tuple[NClaim, str, str, int | None, int | None, int | None, str | None]


def _row(
    o: ledger.Outcome, opts: list[Option]
) -> tuple[str, int | None, int | None, int | None, str | None]:
    """A kernel outcome as the audit's columns (as Benefits.combine states it)."""
    if o.kind == "unresolved":
        return ("unresolved", None, None, None, opts[0].category)
    assert o.best is not None
    cat = opts[o.best].category
    if o.kind == "overlap":
        return ("excluded", None, None, None, cat)
    if o.kind == "exact":
        return ("paid", o.lo, None, None, cat)
    if o.kind == "floor":
        return ("bounded", None, o.lo, None, cat)
    return ("bounded", None, o.lo, o.hi, cat)


def explain_calc(r: Resolved, k: ledger.Calc, tilt: bool) -> Calc:
    """The kernel's figures for one candidate at one reading, as the steps an explanation
    shows (the resolved figures with their clauses between the ledger's own lines)."""
    steps: list[Step] = []
    if tilt:
        after = k.residual_before + k.residual
        t = yuan(k.threshold)
        steps.append(
            Step(
                "residual", f"{yuan(k.self_pay):.2f} − {yuan(k.paid):.2f} = {yuan(k.residual):.2f}"
            )
        )
        steps += r.steps["threshold"]
        steps.append(
            Step(
                "over_threshold",
                f"max(0, {yuan(after):.2f} − {t:.2f}) − max(0, {yuan(k.residual_before):.2f} − "
                f"{t:.2f}) = {yuan(k.over):.2f}",
            )
        )
        steps += r.steps["rate"]
        steps.append(Step("raw", f"{yuan(k.over):.2f} × {r.rate}% = {_raw(k):.2f}"))
    else:
        steps.append(Step("self_pay", f"{yuan(k.self_pay):.2f}"))
        steps += r.steps["deductible"]
        if k.deductible_left is None:
            steps.append(Step("deductible_remaining", "高于全部自付"))
            shown = "全部"
        else:
            ded, used, left = (
                yuan(k.deductible or 0),
                yuan(k.deductible_used),
                yuan(k.deductible_left),
            )
            steps.append(
                Step("deductible_remaining", f"max(0, {ded:.2f} − {used:.2f}) = {left:.2f}")
            )
            shown = f"{left:.2f}"
        steps += r.steps["rate"]
        steps.append(Step("raw", f"({yuan(k.self_pay):.2f} − {shown}) × {r.rate}% = {_raw(k):.2f}"))
    steps += r.steps["cap"]
    if k.cap is not None and k.cap_left is not None:
        steps.append(
            Step(
                "cap_remaining",
                f"{yuan(k.cap):.2f} − {yuan(k.cap_used):.2f} = {yuan(k.cap_left):.2f}",
            )
        )
    if "subcap" in r.steps:
        steps += r.steps["subcap"]
        if k.subcap is not None and k.subcap_left is not None:
            steps.append(
                Step(
                    "subcap_remaining",
                    f"{yuan(k.subcap):.2f} − {yuan(k.subcap_used):.2f} = {yuan(k.subcap_left):.2f}",
                )
            )
    amount = yuan(k.amount)
    steps.append(Step("amount", f"{amount:.2f}"))
    return Calc(amount, steps, k)


def _raw(k: ledger.Calc) -> Any:
    return yuan(ledger.half_up(k.raw))
