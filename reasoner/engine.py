"""The SWI-Prolog engine: loads kb/ once per process and answers case questions.

Case data reaches Prolog only as terms built with pyswip's Functor (atoms from
validated enumerations, integers) — never as query text.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyswip import Atom, Functor, Prolog, Query, Variable, call

from reasoner.knowledge import engine_file, kb_files

Term = Any
Fact = tuple[Any, ...]

_lock = threading.Lock()
_engine: PrologEngine | None = None


def to_py(value: Any) -> Any:
    """Convert a pyswip value to plain Python: atoms → str, strings → str,
    compound terms → tuples (name, *args), lists → lists."""
    if isinstance(value, Atom):
        return str(value.value)
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, Functor):
        return (str(value.name.value), *[to_py(a) for a in value.args])
    if isinstance(value, list):
        return [to_py(v) for v in value]
    if isinstance(value, Variable):
        inner = value.value
        return "_" if isinstance(inner, Variable) else to_py(inner)
    return value


def term(name: str, *args: Any) -> Term:
    """Build a Prolog term; str args become atoms (never parsed), ints integers."""
    return Functor(name, len(args))(*args)


def to_term(fact: Fact) -> Term:
    """A neutral fact tuple (name, *args) as a Prolog term; nested tuples are compound terms."""
    return term(fact[0], *[to_term(a) if isinstance(a, tuple) else a for a in fact[1:]])


def _q(module: str, goal: Term) -> Term:
    """module:goal wrapped in call/1 (pyswip's Query cannot open ':'/2 directly)."""
    return Functor("call", 1)(Functor(":", 2)(module, goal))


@dataclass(frozen=True)
class Answers:
    """What the rule base says about one batch of claims."""

    status: list[tuple[int, str, str]]
    applicable: list[tuple[int, str, str, str, str]]
    excluded: list[tuple[int, str, str]]
    unresolved: list[tuple[int, str, str, str]]


class PrologEngine:
    """One SWI-Prolog instance holding the knowledge base in module ``kb``."""

    def __init__(self, files: Sequence[Path] | None = None) -> None:
        self._prolog = Prolog()
        call(_q("user", term("consult", str(engine_file()))))
        for f in files if files is not None else kb_files():
            call(_q("medaid_engine", term("kb_load_file", str(f))))
        call(_q("medaid_engine", term("kb_finish")))

    def static(self, name: str, arity: int) -> list[tuple[Any, ...]]:
        """All rows of a kb predicate, as tuples of plain Python values."""
        rows = Variable()
        q: Any = Query(_q("medaid_engine", term("static_facts", name, arity, rows)))
        try:
            out: list[tuple[Any, ...]] = []
            if q.nextSolution():
                for r in to_py(rows.value):
                    out.append(tuple(r[1:]) if isinstance(r, tuple) else (r,))
            return out
        finally:
            q.closeQuery()

    def sources(self) -> list[tuple[Any, str, int]]:
        """Every kb clause head with the file and line it was read from."""
        rows = Variable()
        q: Any = Query(_q("medaid_engine", term("all_sources", rows)))
        try:
            out: list[tuple[Any, str, int]] = []
            if q.nextSolution():
                for r in to_py(rows.value):
                    out.append((r[1], r[2], r[3]))
            return out
        finally:
            q.closeQuery()

    def answers(self, facts: Iterable[Fact]) -> Answers:
        """Assert one batch of case facts and collect status/applicable/excluded/unresolved."""
        st, ap, ex, un = Variable(), Variable(), Variable(), Variable()
        goal = term("answers", [to_term(f) for f in facts], st, ap, ex, un)
        q: Any = Query(_q("medaid_engine", goal))
        try:
            if not q.nextSolution():
                raise RuntimeError("the rule base gave no answer for the case")
            return Answers(
                status=[tuple(x[1:]) for x in to_py(st.value)],
                applicable=[tuple(x[1:]) for x in to_py(ap.value)],
                excluded=[tuple(x[1:]) for x in to_py(ex.value)],
                unresolved=[tuple(x[1:]) for x in to_py(un.value)],
            )
        finally:
            q.closeQuery()

    def prove(self, goal: Term) -> list[Any]:
        """Proof trees (one per solution) of a kb goal under the current case facts."""
        tree = Variable()
        q: Any = Query(_q("medaid_engine", term("prove", goal, tree)))
        out = []
        try:
            while q.nextSolution():
                out.append(to_py(tree.value))
        finally:
            q.closeQuery()
        return out

    def solutions(self, name: str, args: Sequence[Any]) -> list[tuple[Any, ...]]:
        """Solutions of kb:name(args...), where None stands for an unbound variable."""
        vars_ = [Variable() if a is None else None for a in args]
        real = [v if v is not None else a for v, a in zip(vars_, args, strict=True)]
        q: Any = Query(_q("kb", term(name, *real)))
        out = []
        try:
            while q.nextSolution():
                out.append(
                    tuple(
                        to_py(v.value) if v is not None else a
                        for v, a in zip(vars_, args, strict=True)
                    )
                )
        finally:
            q.closeQuery()
        return out


def engine() -> PrologEngine:
    """The process-wide engine (SWI-Prolog allows one per process)."""
    global _engine
    with _lock:
        if _engine is None:
            _engine = PrologEngine()
        return _engine
