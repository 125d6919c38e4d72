"""The clingo search: one batch over every single-identity profile, read off the answer set."""

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
    Profile,
    Situation,
    Space,
)


@dataclass
class Outcome:
    status: str  # eligible | not_eligible | excluded | unresolved | absent
    applicable: list[tuple[str, str, str]] = field(default_factory=list)  # rule, cat, own
    unresolved: list[tuple[str, str]] = field(default_factory=list)  # cat, ref


ABSENT = Outcome("absent")
ROWS = ("status", "applicable", "excluded", "unresolved")


class Search:
    """One clingo batch over every single-identity profile of every region."""

    def __init__(self, kb: KB, space: Space) -> None:
        self.kb = kb
        self.space = space
        self.profiles = space.profiles()
        self.index = {p: i + 1 for i, p in enumerate(self.profiles)}
        self._found: dict[tuple[str, str], dict[Situation, int | None]] = {}
        self._outcomes: dict[tuple[int, str], Outcome] = {}
        self._projected: dict[tuple[str, tuple[str, ...], Situation], Situation] = {}
        self.cached = False
        t = time.perf_counter()
        rows = self._answers()
        self.solve_seconds = time.perf_counter() - t
        self.status: dict[int, dict[str, str]] = defaultdict(dict)
        for c, prog, st in rows["status"]:
            self.status[c][prog] = st
        self.applicable: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
        for c, prog, rule, cat, own in rows["applicable"]:
            self.applicable[(c, prog)].append((rule, cat, own))
        self.unresolved: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for c, prog, cat, ref in rows["unresolved"]:
            self.unresolved[(c, prog)].append((cat, ref))
        self.excluded: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for c, prog, why in rows["excluded"]:
            self.excluded[c].append((prog, why))

    def _answers(self) -> dict[str, list[Any]]:
        """clingo's answers for the batch, from the cache when kb and code are unchanged."""
        key = cache.digest(self.kb)
        rows = cache.load("checks-search", key)
        if isinstance(rows, dict) and set(rows) == set(ROWS):
            self.cached = True
            return rows
        # a reform's category changes ride along with the profile facts
        ans = AspEngine().answers([*self.space.batch(self.profiles), *self.kb.override_facts])
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
