"""The clingo search: one batch over every single-identity profile, read off the answer set."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field

from reasoner.asp import AspEngine
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
        t = time.perf_counter()
        ans = AspEngine().answers(space.batch(self.profiles))
        self.solve_seconds = time.perf_counter() - t
        self.status: dict[int, dict[str, str]] = defaultdict(dict)
        for c, prog, st in ans.status:
            self.status[c][prog] = st
        self.applicable: dict[tuple[int, str], list[tuple[str, str, str]]] = defaultdict(list)
        for c, prog, rule, cat, own in ans.applicable:
            self.applicable[(c, prog)].append((rule, cat, own))
        self.unresolved: dict[tuple[int, str], list[tuple[str, str]]] = defaultdict(list)
        for c, prog, cat, ref in ans.unresolved:
            self.unresolved[(c, prog)].append((cat, ref))

    def find(self, region: str, cat: str, s: Situation) -> int | None:
        """The claim index of the profile the region's rules treat like (cat, s)."""
        key = (region, cat, s)
        if key not in self._found:
            d = self.space.dims[region]
            self._found[key] = self.index.get(Profile(region, (cat,), d.project(cat, s)))
        return self._found[key]

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

    def of_region(self, region: str) -> Iterator[tuple[Profile, int]]:
        for p in self.profiles:
            if p.region == region:
                yield p, self.index[p]
