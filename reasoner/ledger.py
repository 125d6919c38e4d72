"""The annual ledger, once: integer fen, rates in percent, no explanation text.

A person's year is a sequence of claims in date order; on each claim every money program
has candidates (rule × identity) whose figures the caller has resolved for each lawful
reading. The kernel runs the year once per reading — running deductibles and caps per
pool, subcaps, 就高 among candidates, 取高 between overlapping programs, the tilt on the
residual above its threshold — and then settles each claim's programs over all readings:
exact only when every reading agrees and nothing unknown could change the figure.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

Rate = int | Fraction


def half_up(x: Rate) -> int:
    """Round a non-negative amount in fen half up (as Decimal ROUND_HALF_UP does)."""
    if isinstance(x, int):
        return x
    return (2 * x.numerator + x.denominator) // (2 * x.denominator)


def percent(base: int, rate: Rate) -> Rate:
    """base × rate%, exact (rounded only where the document's figure is paid)."""
    if isinstance(rate, int):  # most rates: whole percents, no Fraction arithmetic
        n = base * rate
        return n // 100 if n % 100 == 0 else Fraction(n, 100)
    q = Fraction(base) * rate / 100
    return q.numerator if q.denominator == 1 else q


@dataclass(frozen=True, slots=True)
class Figures:
    """One candidate's figures at one reading."""

    rate: Rate  # percent
    deductible: int | None = 0  # None: a 起付标准 above every self-pay of the year
    cap: int | None = None  # None: no limit
    subcap: int | None = None
    threshold: int = 0  # tilt: the yearly self-pay above which it pays


@dataclass(frozen=True, slots=True)
class Candidate:
    """One rule × identity a program may pay under; ties go to ``order`` then ``rule``."""

    rule: str
    order: int
    deductible_pool: str
    cap_pool: str
    subcap_pool: str
    # the document states no 起付标准: its figures hold for one reading only
    ranged: bool = False


@dataclass(slots=True)
class Entry:
    """One money program on one claim. ``candidates`` is None when the knowledge base
    cannot compute any (a delegated treatment); ``figures[reading][candidate]`` is None
    where that candidate cannot be computed at that reading."""

    program: str
    candidates: tuple[Candidate, ...] | None
    figures: list[list[Figures | None]] = field(default_factory=list)
    delegated: bool = False  # another document's treatment competes under 就高
    tilt: bool = False


@dataclass(slots=True)
class Claim:
    index: int
    self_pay: int
    entries: list[Entry]  # in program order


@dataclass(frozen=True, slots=True)
class Calc:
    """One candidate at one reading: the amount and the figures that made it."""

    amount: int
    self_pay: int
    deductible: int | None = 0
    deductible_used: int = 0
    deductible_left: int | None = 0  # None: not reached this year
    rate: Rate = 0
    raw: Rate = 0  # before caps, unrounded
    cap: int | None = None
    cap_used: int = 0
    cap_left: int | None = None
    subcap: int | None = None
    subcap_used: int = 0
    subcap_left: int | None = None
    # tilt
    paid: int = 0  # what the claim's other programs pay
    residual: int = 0
    residual_before: int = 0
    threshold: int = 0
    over: int = 0


@dataclass(slots=True)
class Pay:
    """What one money program pays on one claim at one reading."""

    amount: int | None  # None: not computable
    floor: bool = False  # a candidate not computable could pay more
    best: int | None = None  # the candidate paid under
    calcs: list[Calc | None] = field(default_factory=list)
    lost: bool = False  # the overlap partner paid the larger figure
    lost_to: str | None = None
    tainted: bool = False  # a tilt on a residual that is only bounded
    upper: int | None = None

    @property
    def calc(self) -> Calc | None:
        return None if self.best is None else self.calcs[self.best]


@dataclass(slots=True)
class Outcome:
    """One program on one claim over every reading.

    ``kind``: ``unresolved`` (no candidate computable at the bounding readings),
    ``overlap`` (the partner pays at every reading), ``tainted`` (a tilt on an unknown
    residual: 0 … ``hi``), ``floor`` (at least ``lo``), ``exact`` or ``range``.
    """

    kind: str
    best: int | None = None
    lo: int = 0
    hi: int = 0
    known: list[bool] = field(default_factory=list)
    lost_to: str | None = None
    partly_lost: bool = False
    floor: bool = False  # a candidate or partner not computable could pay more

    @property
    def status(self) -> str:
        if self.kind == "unresolved":
            return "unresolved"
        if self.kind == "overlap":
            return "excluded"
        return "paid" if self.kind == "exact" else "bounded"


class _Pools:
    def __init__(self) -> None:
        self.deductible: defaultdict[str, int] = defaultdict(int)
        self.cap: defaultdict[str, int] = defaultdict(int)
        self.residual: defaultdict[str, int] = defaultdict(int)


def _amount(c: Candidate, f: Figures, self_pay: int, led: _Pools) -> Calc:
    used = led.deductible[c.deductible_pool]
    if f.deductible is None:
        left: int | None = None
        base = 0
    else:
        left = max(0, f.deductible - used)
        base = max(0, self_pay - left)
    raw = percent(base, f.rate)
    amount = raw
    cap_used = led.cap[c.cap_pool]
    cap_left = None if f.cap is None else max(0, f.cap - cap_used)
    if cap_left is not None:
        amount = min(amount, cap_left)
    sub_used = led.cap[c.subcap_pool]
    sub_left = None if f.subcap is None else max(0, f.subcap - sub_used)
    if sub_left is not None:
        amount = min(amount, sub_left)
    return Calc(
        half_up(amount),
        self_pay,
        f.deductible,
        used,
        left,
        f.rate,
        raw,
        f.cap,
        cap_used,
        cap_left,
        f.subcap,
        sub_used,
        sub_left,
    )


def _tilt_amount(c: Candidate, f: Figures, self_pay: int, paid: int, led: _Pools) -> Calc:
    residual = max(0, self_pay - paid)
    before = led.residual[c.cap_pool]
    t = f.threshold
    over = max(0, before + residual - t) - max(0, before - t)
    raw = percent(over, f.rate)
    amount = raw
    cap_used = led.cap[c.cap_pool]
    cap_left = None if f.cap is None else max(0, f.cap - cap_used)
    if cap_left is not None:
        amount = min(amount, cap_left)
    return Calc(
        half_up(amount),
        self_pay,
        rate=f.rate,
        raw=raw,
        cap=f.cap,
        cap_used=cap_used,
        cap_left=cap_left,
        paid=paid,
        residual=residual,
        residual_before=before,
        threshold=t,
        over=over,
    )


def _best(cands: tuple[Candidate, ...], calcs: list[Calc | None], delegated: bool) -> Pay:
    """就高 at one reading: the largest computable candidate (ties: the document's order,
    then rule id); a candidate not computable could pay more, so the figure is a floor."""
    known = [i for i, c in enumerate(calcs) if c is not None]
    unknown = delegated or len(known) < len(calcs)
    if not known:
        return Pay(None, floor=True, calcs=calcs)
    top = max(calcs[i].amount for i in known)  # type: ignore[union-attr]
    i = min(
        (i for i in known if calcs[i].amount == top),  # type: ignore[union-attr]
        key=lambda i: (cands[i].order, cands[i].rule),
    )
    return Pay(calcs[i].amount, floor=unknown, best=i, calcs=calcs)  # type: ignore[union-attr]


def _overlaps(overlaps: list[tuple[str, str]], pays: dict[str, Pay]) -> None:
    """取高: the larger figure is paid, the other program pays nothing."""
    for p1, p2 in overlaps:
        if p1 not in pays or p2 not in pays:
            continue
        a, b = pays[p1], pays[p2]
        if a.amount is None and b.amount is None:
            continue
        if a.amount is None or b.amount is None:
            # against a figure that cannot be computed, what is known is a floor
            (b if a.amount is None else a).floor = True
            continue
        winner, loser = (a, b) if a.amount >= b.amount else (b, a)
        loser.lost = True
        loser.lost_to = p1 if winner is a else p2
        if loser.floor:
            winner.floor = True


def _tilt(
    e: Entry, r: int, claim: Claim, pays: dict[str, Pay], led: _Pools, tainted_pools: set[str]
) -> Pay:
    paid = sum(p.amount for p in pays.values() if p.amount is not None and not p.lost)
    # what another program of the claim pays is unknown (or only a floor): the residual
    # the tilt works on is then only bounded from above
    tainted = any(p.amount is None or (p.floor and not p.lost) for p in pays.values())
    if not e.candidates:
        return Pay(None, floor=True)
    calcs: list[Calc | None] = []
    for c, f in zip(e.candidates, e.figures[r], strict=True):
        calcs.append(None if f is None else _tilt_amount(c, f, claim.self_pay, paid, led))
    pay = _best(e.candidates, calcs, False)
    calc = pay.calc
    if calc is not None:
        pool = e.candidates[pay.best or 0].cap_pool
        before = pool in tainted_pools
        pay.tainted = tainted or before
        if pay.tainted:
            # any reading pays at most the rate on the residual, within the yearly cap
            loose = percent(calc.residual, calc.rate)
            if calc.cap is not None:
                loose = min(loose, calc.cap)
            pay.upper = half_up(loose) if before else calc.amount
        led.residual[pool] += calc.residual
        led.cap[pool] += calc.amount
    else:
        # an unresolved tilt still carries the residual: it is the same yearly burden
        pool = e.candidates[0].cap_pool
        led.residual[pool] += max(0, claim.self_pay - paid)
    if tainted or pay.tainted:
        tainted_pools.add(pool)
    return pay


def run(claims: list[Claim], overlaps: list[tuple[str, str]], r: int) -> dict[tuple[int, str], Pay]:
    """The whole year at reading ``r``: what each money program pays on each claim.

    Programs of one claim see the pools as they stood before the claim; the tilt comes
    last and works on what the others left."""
    led = _Pools()
    out: dict[tuple[int, str], Pay] = {}
    tainted_pools: set[str] = set()
    for claim in claims:
        pays: dict[str, Pay] = {}
        tilt: Entry | None = None
        for e in claim.entries:
            if e.tilt:
                tilt = e
                continue
            if e.candidates is None:
                pays[e.program] = Pay(None, floor=True)
                continue
            calcs: list[Calc | None] = []
            for c, f in zip(e.candidates, e.figures[r], strict=True):
                calcs.append(None if f is None else _amount(c, f, claim.self_pay, led))
            pays[e.program] = _best(e.candidates, calcs, e.delegated)
        _overlaps(overlaps, pays)
        for e in claim.entries:
            pay = pays.get(e.program)
            if e.tilt or pay is None or pay.best is None or pay.lost:
                continue
            c = e.candidates[pay.best]  # type: ignore[index]
            amount = pay.calcs[pay.best].amount  # type: ignore[union-attr]
            led.deductible[c.deductible_pool] += claim.self_pay
            led.cap[c.cap_pool] += amount
            led.cap[c.subcap_pool] += amount
        if tilt is not None:
            pays[tilt.program] = _tilt(tilt, r, claim, pays, led, tainted_pools)
        for p, pay in pays.items():
            out[(claim.index, p)] = pay
    return out


def settle(e: Entry, pays: list[Pay]) -> Outcome:
    """One program's outcome over every reading (``pays`` in reading order: the least
    generous first, the most generous last)."""
    assert e.candidates is not None
    least, most = pays[0], pays[-1]
    known = [
        least.calcs[i] is not None and most.calcs[i] is not None and not c.ranged
        for i, c in enumerate(e.candidates)
    ]
    ok = [i for i, k in enumerate(known) if k]
    if not ok:
        return Outcome("unresolved", known=known)

    def key(i: int) -> tuple[int, int, int, str]:
        lo, hi = least.calcs[i], most.calcs[i]
        assert lo is not None and hi is not None
        c = e.candidates[i]  # type: ignore[index]
        return (-lo.amount, -hi.amount, c.order, c.rule)

    best = min(ok, key=key)
    if all(p.lost for p in pays):
        return Outcome("overlap", best, known=known, lost_to=pays[0].lost_to or "")
    amounts = [0 if p.lost else (p.amount or 0) for p in pays]
    lo, hi = min(amounts), max(amounts)
    floor = any(p.floor and not p.lost for p in pays)
    upper = max(p.upper if p.upper is not None else 0 for p in pays)
    # a smaller residual cannot raise a tilt that is 0 at the largest one
    tainted = any(p.tainted for p in pays) and upper > 0
    partly = any(p.lost for p in pays)
    if tainted:
        return Outcome("tainted", best, 0, upper, known, None, partly, floor)
    if floor:
        return Outcome("floor", best, lo, lo, known, None, partly, floor)
    return Outcome("exact" if lo == hi else "range", best, lo, hi, known, None, partly)


def year(
    claims: list[Claim], overlaps: list[tuple[str, str]], readings: int
) -> tuple[list[dict[tuple[int, str], Pay]], dict[tuple[int, str], Outcome]]:
    """Every reading of the year, and each computable program's outcome over them."""
    runs = [run(claims, overlaps, r) for r in range(readings)]
    out = {}
    for claim in claims:
        for e in claim.entries:
            if e.candidates is not None:
                k = (claim.index, e.program)
                out[k] = settle(e, [r[k] for r in runs])
    return runs, out
