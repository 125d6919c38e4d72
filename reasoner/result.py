"""What an evaluation returns: each claim's benefits, with the figures and clauses behind
each amount, and the totals that keep exact, bounded and unknown apart."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

from reasoner.case import Case, NClaim
from reasoner.engine import Answers
from reasoner.errors import MissingParameter

if TYPE_CHECKING:
    from reasoner import ledger
    from reasoner.knowledge import Rule
    from reasoner.params import Unresolved

CENT = Decimal("0.01")
ZERO = Decimal(0)


def fen(d: Decimal) -> Decimal:
    return d.quantize(CENT, rounding=ROUND_HALF_UP)


def yuan(n: int) -> Decimal:
    """Integer fen as 元 to the fen."""
    return Decimal(n).scaleb(-2)


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
    # the kernel's figures behind the amount (None for a premium, which has no ledger)
    kernel: ledger.Calc | None = None
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
