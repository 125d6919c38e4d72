"""approximation: "左右" percentages against the provisional amounts the document gives."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import TYPE_CHECKING

from reasoner.checks.common import (
    dedupe,
)
from reasoner.checks.model import Finding

if TYPE_CHECKING:
    from reasoner.checks.checker import Checker


def approximations(ck: Checker) -> None:
    kb = ck.kb
    groups: dict[tuple[str, str, int], set[tuple[int, int, str, str]]] = defaultdict(set)
    for rl in kb.rules.values():
        for name, p in rl.params.items():
            if p.bound != "approx" or not (isinstance(p.unit, tuple) and p.unit[0] == "percent_of"):
                continue
            for (yn, year), yp in rl.year_params.items():
                if yn == name and yp.unit == "fen":
                    groups[(rl.region, p.unit[1], year)].add((p.value, yp.value, p.cite, yp.cite))
    for (region, base, year), items in sorted(groups.items()):
        rows = sorted(items)
        implied = [(pct, v, Decimal(v) / 100 / (Decimal(pct) / 100)) for pct, v, _, _ in rows]
        step = _rounding_step([v for _, v, _, _ in rows])
        lo_hi = [
            (
                (Decimal(v) / 100 - step / 2) / (Decimal(pct) / 100),
                (Decimal(v) / 100 + step / 2) / (Decimal(pct) / 100),
            )
            for pct, v, _, _ in rows
        ]
        lo, hi = max(x for x, _ in lo_hi), min(y for _, y in lo_hi)
        consistent = lo < hi
        label = kb.externals.get(base, (base, ""))[0]
        parts = [
            kb.say("finding_approximation_part", pct, year, f"{Decimal(v) / 100:.0f}", f"{b:.0f}")
            for pct, v, b in implied
        ]
        spread = max(b for _, _, b in implied) - min(b for _, _, b in implied)
        compared = ""
        if len(implied) > 1:
            if consistent:
                mid = f"{_mid(lo, hi, step):.0f}"
                fit = kb.say(
                    "finding_approximation_consistent", f"{step:.0f}", f"{lo:.0f}", f"{hi:.0f}", mid
                )
            else:
                fit = kb.say("finding_approximation_inconsistent", f"{step:.0f}")
            compared = kb.say("finding_approximation_spread", f"{spread:.0f}", fit)
        msg = kb.say(
            "finding_approximation",
            kb.region_name(region),
            label,
            year,
            "；".join(parts),
            compared,
            base,
        )
        cites = dedupe([c for _, _, c, _ in rows] + [c for _, _, _, c in rows])
        ck.add(
            Finding(
                f"approximation:{region}:{base}:{year}",
                "approximation",
                "info" if consistent else "warning",
                [region],
                dedupe(
                    rl.program
                    for rl in kb.rules.values()
                    if rl.region == region and any(p.bound == "approx" for p in rl.params.values())
                ),
                dedupe(
                    c
                    for rl in kb.rules.values()
                    if rl.region == region and any(p.bound == "approx" for p in rl.params.values())
                    for c, _ in rl.categories
                ),
                msg,
                cites,
            )
        )


def _rounding_step(values_fen: list[int]) -> Decimal:
    """The coarsest power of ten (元) that divides every stated figure: its rounding step."""
    step = Decimal(1)
    while all((Decimal(v) / 100) % (step * 10) == 0 for v in values_fen) and step < 10000:
        step *= 10
    return step


def _mid(lo: Decimal, hi: Decimal, step: Decimal) -> Decimal:
    m = (lo + hi) / 2
    return (m / step).quantize(Decimal(1)) * step
