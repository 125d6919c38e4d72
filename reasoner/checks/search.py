"""The clingo search: one batch answering every single-identity profile."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reasoner.asp import AspEngine
from reasoner.checks import cache
from reasoner.engine import Answers
from reasoner.knowledge import KB
from reasoner.space import (
    SITUATION_FIELDS,
    Profile,
    Situation,
    Space,
    condition_dimensions,
)


@dataclass
class Outcome:
    status: str  # eligible | not_eligible | excluded | unresolved | absent
    applicable: list[tuple[str, str, str]] = field(default_factory=list)  # rule, cat, own
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # cat, ref


ABSENT = Outcome("absent")
ROWS = ("status", "applicable", "excluded", "unresolved")


class Search:
    """One clingo batch answering every single-identity profile of every region."""

    def __init__(self, kb: KB, space: Space) -> None:
        self.kb = kb
        self.space = space
        self.profiles = space.profiles()
        self.index = {p: i + 1 for i, p in enumerate(self.profiles)}
        self._found: dict[tuple[str, str], dict[Situation, int | None]] = {}
        self._outcomes: dict[tuple[int, str], Outcome] = {}
        self._projected: dict[tuple[str, tuple[str, ...], Situation], Situation] = {}
        self.cached = False
        # clingo answers one claim per class of profiles the rules cannot tell apart; every
        # profile reads its class's rows (shared: do not modify).
        classes = Classes(kb, self.profiles)
        t = time.perf_counter()
        rows = self._answers(classes.first)
        self.solve_seconds = time.perf_counter() - t
        status: dict[int, dict[str, str]] = defaultdict(dict)
        for c, prog, st in rows["status"]:
            status[c][prog] = st
        applicable: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
        for c, prog, rule, cat, own in rows["applicable"]:
            applicable[(c, prog)].append((rule, cat, own))
        unresolved: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for c, prog, cat, ref in rows["unresolved"]:
            unresolved[(c, prog)].append((cat, ref))
        excluded: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for c, prog, why in rows["excluded"]:
            excluded[c].append((prog, why))
        self.status: dict[int, dict[str, str]] = defaultdict(dict)
        self.applicable: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
        self.unresolved: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        self.excluded: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for i, k in enumerate(classes.of, 1):
            k += 1
            if k in status:
                st = self.status[i] = status[k]
                for prog in st:
                    if (k, prog) in applicable:
                        self.applicable[(i, prog)] = applicable[(k, prog)]
                    if (k, prog) in unresolved:
                        self.unresolved[(i, prog)] = unresolved[(k, prog)]
            if k in excluded:
                self.excluded[i] = excluded[k]

    def _answers(self, profiles: list[Profile]) -> dict[str, list[Any]]:
        """clingo's answers for the profiles (claim i + 1 the i-th), from the cache when kb and
        code are unchanged."""
        key = cache.digest(self.kb)
        rows = cache.load("checks-search", key)
        if isinstance(rows, dict) and set(rows) == set(ROWS):
            self.cached = True
            return rows
        # a reform's category changes ride along with the profile facts
        ans = AspEngine().answers([*self.space.batch(profiles), *self.kb.override_facts])
        rows = {name: getattr(ans, name) for name in ROWS}
        cache.store("checks-search", key, rows)
        return rows

    def find(self, region: str, cat: str, s: Situation) -> int | None:
        """The claim index of the profile the region's rules treat like (cat, s)."""
        # The findings ask some 10⁵ times: one dict per (region, category), keyed by situation.
        found = self._found.get((region, cat))
        if found is None:
            found = self._found[(region, cat)] = {}
        try:
            return found[s]
        except KeyError:
            # The projection depends on the category only through the attributes its rules test.
            d = self.space.dims[region]
            pk = (region, d.attr_kinds.get(cat, ()), s)
            proj = self._projected.get(pk)
            if proj is None:
                proj = self._projected[pk] = d.project(cat, s)
            i = found[s] = self.index.get(Profile(region, (cat,), proj))
            return i

    def status_of(self, region: str, cat: str, s: Situation, program: str) -> str:
        i = self.find(region, cat, s)
        if i is None:
            return "absent"
        return self.status[i].get(program, "absent")

    def outcome(self, region: str, cat: str, s: Situation, program: str) -> Outcome:
        """What the rule base says for (cat, s) under the program (shared: do not modify)."""
        i = self.find(region, cat, s)
        if i is None:
            return ABSENT
        key = (i, program)
        o = self._outcomes.get(key)
        if o is None:
            st = self.status[i].get(program)
            o = self._outcomes[key] = (
                ABSENT
                if st is None
                else Outcome(
                    st,
                    sorted(self.applicable.get(key, [])),
                    sorted(self.unresolved.get(key, [])),
                )
            )
        return o

    def answers(self, region: str, cat: str, s: Situation) -> Answers | None:
        """The rule base's answers for the one-claim case of (cat, s), as claim 1: what the
        engine answers for it, read off the batch (None if the space has no such profile)."""
        i = self.find(region, cat, s)
        if i is None:
            return None
        return Answers(
            sorted((1, p, st) for p, st in self.status[i].items()),
            sorted(
                (1, p, r, c, own)
                for p in self.status[i]
                for r, c, own in self.applicable.get((i, p), [])
            ),
            sorted((1, p, why) for p, why in self.excluded.get(i, [])),
            sorted(
                (1, p, c, ref) for p in self.status[i] for c, ref in self.unresolved.get((i, p), [])
            ),
        )

    def of_region(self, region: str, cat: str | None = None) -> list[tuple[Profile, int]]:
        """The region's profiles (of one category) with their claim indexes."""
        return self._by_region.get((region, cat), [])

    @cached_property
    def _by_region(self) -> dict[tuple[str, str | None], list[tuple[Profile, int]]]:
        out: dict[tuple[str, str | None], list[tuple[Profile, int]]] = defaultdict(list)
        for p in self.profiles:
            out[(p.region, None)].append((p, self.index[p]))
            out[(p.region, p.identities[0])].append((p, self.index[p]))
        return out


class Classes:
    """Profiles the rule base cannot tell apart: one claim per class is grounded.

    Profiles of one region, identity and claim kind fall in one class when they differ
    only in dimensions no condition of the rules that can answer for them reads (`read`):
    a dimension that matters to one category or claim kind of a region need not be
    searched for the others."""

    def __init__(self, kb: KB, profiles: list[Profile]) -> None:
        self.kb = kb
        self._read: dict[tuple[str, tuple[str, ...], str], frozenset[str]] = {}
        first: dict[tuple[Any, ...], int] = {}
        self.first: list[Profile] = []  # the first profile of each class
        self.of: list[int] = []  # each profile's class, a position in `first`
        for p in profiles:
            s = p.situation
            read = self.read(p.region, p.identities, s.type)
            key = (
                p.region,
                p.identities,
                s.type,
                *[getattr(s, f) if f in read else None for f in SITUATION_FIELDS],
                tuple(a for a in s.attrs if a in read),
            )
            i = first.get(key)
            if i is None:
                i = first[key] = len(self.first)
                self.first.append(p)
            self.of.append(i)

    def read(self, region: str, identities: tuple[str, ...], kind: str) -> frozenset[str]:
        """The dimensions the answers for a claim of the kind can depend on, for a person
        holding the identities: those the conditions and exclusions of the rules that can
        become candidates read (kb/core/rules.pl: candidate/4 through holds/2, so a category's
        supers count), of every rule of a program delegated for a held category
        (conditions_fit/2), and place and referral where unreferred care is excluded."""
        key = (region, identities, kind)
        got = self._read.get(key)
        if got is not None:
            return got
        kb = self.kb
        held = set(identities)
        held |= {sup for r, sub, sup, _ in kb.subkinds if r == region and sub in identities}
        offered = {p for r, p, k, _ in kb.program_for if r == region and k == kind}
        delegating = {
            p for r, p, c, _, _ in kb.delegations if r == region and p in offered and c in held
        }
        conds = {
            c
            for rule in kb.rules.values()
            if rule.region == region
            and rule.program in offered
            and (rule.program in delegating or any(c in held for c, _ in rule.categories))
            for c, _ in (*rule.conditions, *rule.exclusions)
        }
        dims = condition_dimensions(conds)
        if region in kb.referral_exclusion:
            dims |= {"scope", "referral"}
        got = self._read[key] = frozenset(dims)
        return got
