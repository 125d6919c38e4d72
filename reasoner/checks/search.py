"""The clingo search: one batch over every single-identity profile, read off the answer set."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from reasoner.asp import AspEngine
from reasoner.checks import cache
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


class Search:
    """One clingo batch over every single-identity profile of every region."""

    def __init__(self, kb: KB, space: Space) -> None:
        self.kb = kb
        self.space = space
        self.profiles = space.profiles()
        self.index = {p: i + 1 for i, p in enumerate(self.profiles)}
        self._found: dict[tuple[str, str, Situation], int | None] = {}
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

    def _answers(self) -> dict[str, list[Any]]:
        """clingo's answers for the batch, from the cache when kb and code are unchanged."""
        key = cache.digest(self.kb)
        rows = cache.load("checks-search", key)
        if isinstance(rows, dict) and set(rows) == {"status", "applicable", "unresolved"}:
            self.cached = True
            return rows
        # a reform's category changes ride along with the profile facts
        ans = AspEngine().answers([*self.space.batch(self.profiles), *self.kb.override_facts])
        rows = {"status": ans.status, "applicable": ans.applicable, "unresolved": ans.unresolved}
        cache.store("checks-search", key, rows)
        return rows

    def find(self, region: str, cat: str, s: Situation) -> int | None:
        """The claim index of the profile the region's rules treat like (cat, s)."""
        key = (region, cat, s)
        try:
            return self._found[key]
        except KeyError:
            d = self.space.dims[region]
            i = self._found[key] = self.index.get(Profile(region, (cat,), d.project(cat, s)))
            return i

    def status_of(self, region: str, cat: str, s: Situation, program: str) -> str:
        i = self.find(region, cat, s)
        if i is None:
            return "absent"
        return self.status[i].get(program, "absent")

    def outcome(self, region: str, cat: str, s: Situation, program: str) -> Outcome:
        i = self.find(region, cat, s)
        if i is None or program not in self.status[i]:
            return Outcome("absent")
        return Outcome(
            self.status[i][program],
            sorted(self.applicable.get((i, program), [])),
            sorted(self.unresolved.get((i, program), [])),
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
