"""The checker: what every kind of finding shares (the space, the search, witnesses)."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from functools import cached_property
from typing import Any

from reasoner.checks import (
    anomaly,
    approximation,
    conflict,
    divergence,
    floor,
    gap,
    overlap,
    unresolved_reference,
    validity,
)
from reasoner.checks.common import MAX_TRIES, dedupe, premium_or_claim
from reasoner.checks.model import KINDS, Finding, Probe
from reasoner.checks.search import Search
from reasoner.checks.witness import verify
from reasoner.knowledge import KB
from reasoner.space import (
    Profile,
    Situation,
    Space,
    premium_situation,
    region_categories,
    search_date,
)

STEPS: dict[str, Callable[[Checker], None]] = {
    "gap": gap.gaps,
    "overlap": overlap.overlaps,
    "conflict": conflict.conflicts,
    "unresolved_reference": unresolved_reference.references,
    "divergence": divergence.divergences,
    "floor": floor.floors,
    "anomaly": anomaly.anomalies,
    "approximation": approximation.approximations,
    "validity": validity.validity,
}


class Checker:
    """Derives the findings; the clingo search runs only if a requested kind needs it."""

    def __init__(self, kb: KB, today: dt.date | None = None) -> None:
        self.kb = kb
        self.today = today or dt.date.today()
        self.space = Space(kb, search_date(kb))
        self.findings: list[Finding] = []
        self._unions: dict[
            tuple[tuple[str, ...], tuple[tuple[str, ...], ...]], list[Situation]
        ] = {}
        self._rates: dict[tuple[int | None, str, str], tuple[int, int, Any] | None] = {}
        self._eligible: dict[tuple[str, Situation, str], list[str]] = {}
        self.treatments: dict[tuple[str, str, int | None, str], tuple[Any, ...]] = {}
        self.evaluated: dict[str, Any] = {}  # witness results by case (checks/witness.py)
        self.order_cites = {(r, c): cite for r, c, _, cite in kb.eng.static("category_order", 4)}

    def add(self, f: Finding) -> None:
        f.cites = dedupe(f.cites)
        self.findings.append(f)

    def probe(
        self,
        region: str,
        cats: tuple[str, ...],
        s: Situation,
        program: str | None,
        expect: tuple[str, ...] = (),
        cost: int | None = None,
        **kw: Any,
    ) -> Probe:
        p = Profile(region, cats, s)
        return Probe(
            self.space.case_dict(p, cost),
            program,
            premium_or_claim(s),
            expect,
            **kw,
        )

    def contrast(
        self, region: str, cats: tuple[str, ...], s: Situation, cost: int | None = None
    ) -> dict[str, Any]:
        return self.space.case_dict(Profile(region, cats, s), cost)

    def eligible_categories(self, region: str, s: Situation, program: str) -> list[str]:
        """The region's categories (in the document's order) the program pays in s."""
        key = (region, s, program)
        got = self._eligible.get(key)
        if got is None:
            got = self._eligible[key] = [
                c
                for c in region_categories(self.kb, region)
                if self.search.status_of(region, c, s, program) == "eligible"
            ]
        return got

    def cost_options(self, regions: Iterable[str], s: Situation) -> list[int | None]:
        """The situation's own cost, then larger ones every region puts in the same class
        (so a tilt or a cap can show money)."""
        out: list[int | None] = [None]
        ds = [self.space.dims[r] for r in regions]
        for c in (6_000_000, 20_000_000):
            if all(d.cost_class(c) == d.cost_class(s.cost) for d in ds):
                out.append(c)
        return out

    def union_situations(self, regions: Iterable[str], cat: str) -> list[Situation]:
        """Situations over the dimensions any of the regions distinguishes (closest first;
        shared between the categories whose rules test the same attributes: do not modify)."""
        rs = tuple(regions)
        at = tuple(sorted({a for r in rs for a in self.space.dims[r].attr_variants(cat)}))
        key = (rs, at)
        if key not in self._unions:
            self._unions[key] = self._union_situations(rs, at)
        return self._unions[key]

    def _union_situations(
        self, regions: tuple[str, ...], at: tuple[tuple[str, ...], ...]
    ) -> list[Situation]:
        ds = [self.space.dims[r] for r in regions]
        v = self.kb.vocab
        kinds = [k for k in v.claim_types if any(k in d.kinds for d in ds)]
        lv = sorted({x for d in ds for x in d.levels})
        sc = [x for x in v.scope_ids if any(x in d.scopes for d in ds)]
        rf = [x for x in v.referral_ids if any(x in d.referrals for d in ds)]
        sp = sorted({x for d in ds for x in d.specials})
        co = sorted({x for d in ds for x in d.costs})
        out = [
            Situation(k, a, b, c, e, f, g)
            for k, a, b, c, e, f, g in itertools.product(kinds, lv, sc, rf, sp, co, at)
        ]
        if any(d.premium for d in ds):
            out += [premium_situation(v, x) for x in v.scheme_ids]
        return sorted(out, key=Situation.closeness)

    @cached_property
    def search(self) -> Search:
        return Search(self.kb, self.space)

    def run(self, kinds: Iterable[str] = ()) -> list[Finding]:
        wanted = set(kinds) or set(KINDS)
        for kind in KINDS:
            if kind in wanted:
                STEPS[kind](self)
        for f in self.findings:
            self._witness(f)
        order = {k: i for i, k in enumerate(KINDS)}
        self.findings.sort(key=lambda f: (order[f.kind], f.id))
        return self.findings

    def _witness(self, f: Finding) -> None:
        if not f.candidates:
            return
        for cand in f.candidates[:MAX_TRIES]:
            if verify(self.kb, cand, self.evaluated):
                f.probe = cand
                return
        f.witness_note = self.kb.say("finding_witness_none", min(len(f.candidates), MAX_TRIES))
