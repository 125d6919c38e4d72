"""The clingo engine: the same kb files, case facts through the backend API.

Used to search the space of profiles (consistency checks) and to keep the two
engines in agreement (parity test). Case data never becomes program text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import clingo

from reasoner.engine import Answers
from reasoner.knowledge import kb_files

Fact = tuple[Any, ...]


def symbol(value: Any) -> clingo.Symbol:
    """A Python value as a clingo symbol: str → constant, int → number, tuple → function."""
    if isinstance(value, bool):
        raise TypeError("booleans are not kb values")
    if isinstance(value, int):
        return clingo.Number(value)
    if isinstance(value, str):
        return _constant(value)
    if isinstance(value, tuple):
        return clingo.Function(value[0], [symbol(a) for a in value[1:]])
    raise TypeError(f"unsupported kb value {type(value).__name__}")


def fact_symbol(fact: Fact) -> clingo.Symbol:
    """A fact (name, arg, ...) as a clingo symbol; flat arguments take a short path."""
    args = []
    for a in fact[1:]:
        kind = type(a)
        if kind is int:
            args.append(_number(a))
        elif kind is str:
            args.append(_constant(a))
        else:
            args.append(symbol(a))
    return clingo.Function(fact[0], args)


@lru_cache(maxsize=65536)
def _number(n: int) -> clingo.Symbol:
    return clingo.Number(n)


@lru_cache(maxsize=4096)
def _constant(name: str) -> clingo.Symbol:
    # A profile search adds hundreds of thousands of facts naming the same few
    # constants (regions, claim kinds, categories); building each once saves a
    # third of the time spent handing facts to clingo.
    return clingo.Function(name)


def py(sym: clingo.Symbol) -> Any:
    if sym.type == clingo.SymbolType.Number:
        return sym.number
    if sym.type == clingo.SymbolType.String:
        return sym.string
    if sym.arguments:
        return (sym.name, *[py(a) for a in sym.arguments])
    return sym.name


def _arguments(sym: clingo.Symbol) -> tuple[Any, ...]:
    """The arguments of an answer atom as Python values.

    Reading the atom's text once is several times faster than walking its argument
    symbols; arguments that are strings or terms take the general path."""
    text = str(sym)
    inner = text[len(sym.name) + 1 : -1]
    if not inner or '"' in inner or "(" in inner:
        return tuple(py(a) for a in sym.arguments)
    return tuple(int(x) if x[0] in "-0123456789" else x for x in inner.split(","))


# The atoms answers() reads (the same the Prolog engine collects).
ANSWER_ATOMS = (
    ("status", 3),
    ("applicable", 4),
    ("holds_via", 3),
    ("excluded", 3),
    ("unresolved", 4),
)


class AspEngine:
    """Grounds kb/ plus one batch of case facts and reads the answer set."""

    def __init__(self, files: Sequence[Path] | None = None) -> None:
        self.files = list(files) if files is not None else kb_files()

    def model(
        self,
        facts: Iterable[Fact],
        extra_files: Sequence[Path] = (),
        show: Sequence[tuple[str, int]] | None = None,
    ) -> list[clingo.Symbol]:
        """The answer set; with `show`, only atoms of those predicates (name, arity).

        Restricting the output matters for large batches: the full model holds
        every kb fact and every intermediate atom, and converting it dominates.
        """
        ctl = clingo.Control(["--warn=none"])
        for f in [*self.files, *extra_files]:
            ctl.load(str(f))
        if show is not None:
            # Fixed directives, never case data: case facts go through the backend below.
            ctl.add("base", [], " ".join(f"#show {n}/{a}." for n, a in show))
        with ctl.backend() as backend:
            for fact in facts:
                atom = backend.add_atom(fact_symbol(fact))
                backend.add_rule([atom])
        ctl.ground([("base", [])])
        out: list[clingo.Symbol] = []

        def on_model(m: clingo.Model) -> None:
            out.extend(m.symbols(shown=True) if show is not None else m.symbols(atoms=True))

        ctl.solve(on_model=on_model)
        return out

    def answers(self, facts: Iterable[Fact]) -> Answers:
        syms = self.model(facts, show=ANSWER_ATOMS)
        rows: dict[tuple[str, int], list[tuple[Any, ...]]] = {k: [] for k in ANSWER_ATOMS}
        for s in syms:
            args = _arguments(s)
            got = rows.get((s.name, len(args)))
            if got is not None:
                got.append(args)
        st, app, via = rows[("status", 3)], rows[("applicable", 4)], rows[("holds_via", 3)]
        ex, un = rows[("excluded", 3)], rows[("unresolved", 4)]
        owns: dict[tuple[Any, Any], list[Any]] = {}
        for c, cat, own in via:
            owns.setdefault((c, cat), []).append(own)
        ap = sorted({(c, p, r, cat, own) for c, p, r, cat in app for own in owns.get((c, cat), [])})
        return Answers(sorted(set(st)), ap, sorted(set(ex)), sorted(set(un)))
