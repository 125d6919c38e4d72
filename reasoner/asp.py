"""The clingo engine: the same kb files, case facts through the backend API.

Used to search the space of profiles (consistency checks) and to keep the two
engines in agreement (parity test). Case data never becomes program text.
"""

from __future__ import annotations

import re
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


def _arguments(sym: clingo.Symbol) -> tuple[str, tuple[Any, ...]]:
    """An answer atom's name and arguments as Python values.

    Reading the atom's text once is several times faster than walking its argument
    symbols; arguments that are strings or terms take the general path."""
    text = str(sym)
    name, _, inner = text.partition("(")
    inner = inner[:-1]
    if not inner or '"' in inner or "(" in inner:
        return sym.name, tuple(py(a) for a in sym.arguments)
    return name, tuple(int(x) if x[0] in "-0123456789" else x for x in inner.split(","))


# The atoms answers() reads (the same the Prolog engine collects); an applicable rule is
# shown joined with the identity it holds through, as the Prolog engine's a/5 rows are.
ANSWER_ATOMS = (
    ("status", 3),
    ("excluded", 3),
    ("unresolved", 4),
)
APPLICABLE_VIA = (
    "#show medaid_applicable(C, P, R, Cat, Own) : applicable(C, P, R, Cat), holds_via(C, Cat, Own)."
)
_NAME = re.compile(r"[a-z][A-Za-z0-9_]*\Z")


def _value(v: Any) -> clingo.Symbol:
    kind = type(v)
    if kind is int:
        return _number(v)
    if kind is str:
        return _constant(v)
    return symbol(v)


class _Parts:
    """Facts as instances of small parameterised programs, one per shape.

    The facts sharing a first argument (a claim's) form a group; a group's shape is
    the names and arities of its facts, and each shape is one program whose text
    holds only predicate and parameter names: `claim(c). claim_region(c, a0). ...`.
    Every value travels as a parameter symbol, so case data is never program text,
    and clingo instantiates the facts itself: about a fifth of the cost of adding
    each fact through the backend."""

    def __init__(self) -> None:
        self.programs: dict[tuple[tuple[str, int], ...], tuple[str, list[str], str]] = {}
        self.parts: list[tuple[str, list[clingo.Symbol]]] = []
        self.atoms: list[Fact] = []  # facts without arguments: through the backend

    def add(self, facts: Iterable[Fact]) -> None:
        groups: dict[Any, list[Fact]] = {}
        for f in facts:
            if len(f) < 2:
                self.atoms.append(f)
            else:
                groups.setdefault((type(f[1]), f[1]), []).append(f)
        for fs in groups.values():
            shape = tuple((f[0], len(f) - 2) for f in fs)
            prog = self.programs.get(shape)
            if prog is None:
                prog = self.programs[shape] = self._program(shape)
            values = [_value(x) for f in fs for x in f[2:]]
            self.parts.append((prog[0], [_value(fs[0][1]), *values]))

    def _program(self, shape: tuple[tuple[str, int], ...]) -> tuple[str, list[str], str]:
        params, body = ["c"], []
        for name, arity in shape:
            if not _NAME.match(name):
                raise ValueError(f"not a predicate name: {name!r}")
            args = [f"a{len(params) - 1 + i}" for i in range(arity)]
            params += args
            body.append(f"{name}({', '.join(['c', *args])}).")
        return f"medaid_facts_{len(self.programs)}", params, " ".join(body)


class AspEngine:
    """Grounds kb/ plus one batch of case facts and reads the answer set."""

    def __init__(self, files: Sequence[Path] | None = None) -> None:
        self.files = list(files) if files is not None else kb_files()

    def model(
        self,
        facts: Iterable[Fact],
        extra_files: Sequence[Path] = (),
        show: Sequence[tuple[str, int]] | None = None,
        show_also: str = "",
    ) -> list[clingo.Symbol]:
        """The answer set; with `show`, only atoms of those predicates (name, arity)
        and the terms of the fixed `#show` directives in show_also.

        Restricting the output matters for large batches: the full model holds
        every kb fact and every intermediate atom, and converting it dominates.
        """
        ctl = clingo.Control(["--warn=none"])
        for f in [*self.files, *extra_files]:
            ctl.load(str(f))
        if show is not None:
            # Fixed directives, never case data: case facts are parameters (_Parts).
            ctl.add("base", [], " ".join([*(f"#show {n}/{a}." for n, a in show), show_also]))
        parts = _Parts()
        parts.add(facts)
        for name, params, text in parts.programs.values():
            ctl.add(name, params, text)
        if parts.atoms:
            with ctl.backend() as backend:
                for fact in parts.atoms:
                    backend.add_rule([backend.add_atom(fact_symbol(fact))])
        ctl.ground([("base", []), *parts.parts])
        out: list[clingo.Symbol] = []

        def on_model(m: clingo.Model) -> None:
            out.extend(m.symbols(shown=True) if show is not None else m.symbols(atoms=True))

        ctl.solve(on_model=on_model)
        return out

    def answers(self, facts: Iterable[Fact]) -> Answers:
        syms = self.model(facts, show=ANSWER_ATOMS, show_also=APPLICABLE_VIA)
        rows: dict[str, list[tuple[Any, ...]]] = {
            "status": [],
            "medaid_applicable": [],
            "excluded": [],
            "unresolved": [],
        }
        for s in syms:
            name, args = _arguments(s)
            rows[name].append(args)
        return Answers(
            sorted(rows["status"]),
            sorted(rows["medaid_applicable"]),
            sorted(rows["excluded"]),
            sorted(rows["unresolved"]),
        )
