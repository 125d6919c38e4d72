"""The SWI-Prolog engine: loads kb/ once per process and answers case questions.

Case data reaches Prolog only as terms built with pyswip's Functor (atoms from
validated enumerations, integers) — never as query text.
"""

from __future__ import annotations

import ctypes
import threading
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from pyswip import Atom, Functor, Prolog, Query, Variable, call
from pyswip.core import _lib
from pyswip.easy import getTerm

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


T = TypeVar("T")


def _fn(name: str, res: Any, *args: Any) -> Any:
    # A private prototype: pyswip's own function objects keep the argument types it set.
    f = _lib[name]
    f.restype = res
    f.argtypes = list(args)
    return f


_size, _int = ctypes.c_size_t, ctypes.c_int
_open_frame = _fn("PL_open_foreign_frame", _size)
_discard_frame = _fn("PL_discard_foreign_frame", None, _size)
_new_refs = _fn("PL_new_term_refs", _size, _int)
_new_ref = _fn("PL_new_term_ref", _size)
_put_chars = _fn("PL_put_chars", _int, _size, _int, _size, ctypes.c_char_p)
_put_int64 = _fn("PL_put_int64", _int, _size, ctypes.c_int64)
_put_nil = _fn("PL_put_nil", _int, _size)
_cons_list = _fn("PL_cons_list", _int, _size, _size, _size)
_cons_functor_v = _fn("PL_cons_functor_v", _int, _size, _size, _size)
_new_atom = _fn("PL_new_atom", _size, ctypes.c_char_p)
_new_functor = _fn("PL_new_functor", _size, _size, _int)
_predicate = _fn("PL_predicate", ctypes.c_void_p, ctypes.c_char_p, _int, ctypes.c_char_p)
_open_query = _fn("PL_open_query", _size, ctypes.c_void_p, _int, ctypes.c_void_p, _size)
_next_solution = _fn("PL_next_solution", _int, _size)
_close_query = _fn("PL_close_query", _int, _size)
_exception = _fn("PL_exception", _size, _size)
_get_nchars = _fn(
    "PL_get_nchars",
    _int,
    _size,
    ctypes.POINTER(ctypes.c_size_t),
    ctypes.POINTER(ctypes.c_char_p),
    ctypes.c_uint,
)
_PL_ATOM, _REP_UTF8, _CVT_STRING, _CVT_WRITEQ = 2, 0x00100000, 0x2, 0x200
_Q_FLAGS = 0x04 | 0x08  # PL_Q_NODEBUG | PL_Q_CATCH_EXCEPTION
_functors: dict[tuple[str, int], int] = {}
_predicates: dict[tuple[str, int], int] = {}


def _put(t: int, value: Any) -> None:
    """Put a Python value into term reference t: str → atom, int → integer,
    tuple (name, *args) → compound, list → list."""
    kind = type(value)
    if kind is str:
        b = value.encode("utf-8")
        _put_chars(t, _PL_ATOM | _REP_UTF8, len(b), b)
    elif kind is int:
        _put_int64(t, value)
    elif kind is tuple:
        args = value[1:]
        a0 = _new_refs(len(args))
        for i, a in enumerate(args):
            _put(a0 + i, a)
        key = (value[0], len(args))
        f = _functors.get(key)
        if f is None:
            f = _functors[key] = _new_functor(_new_atom(value[0].encode("utf-8")), len(args))
        _cons_functor_v(t, f, a0)
    elif kind is list:
        _put_nil(t)
        head = _new_ref()
        for item in reversed(value):
            _put(head, item)
            _cons_list(t, head, t)
    else:
        raise TypeError(f"unsupported kb value {kind.__name__}")


def _text(t: int, flags: int = _CVT_STRING) -> str:
    n, s = ctypes.c_size_t(), ctypes.c_char_p()
    if not _get_nchars(t, ctypes.byref(n), ctypes.byref(s), flags | _REP_UTF8):
        raise RuntimeError("the engine returned no text")
    return ctypes.string_at(s, n.value).decode("utf-8")


def _call(name: str, inputs: Sequence[Any], outputs: int, read: Callable[[int], T]) -> T:
    """medaid_engine:name(inputs..., outputs...) once; read(first output ref) inside the frame.

    A direct call: pyswip's Query converts the whole goal back to Python before it
    opens it, which costs more than the query for a case's facts."""
    key = (name, len(inputs) + outputs)
    pred = _predicates.get(key)
    if pred is None:
        pred = _predicates[key] = _predicate(name.encode(), key[1], b"medaid_engine")
    fid = _open_frame()
    try:
        a0 = _new_refs(key[1])
        for i, v in enumerate(inputs):
            _put(a0 + i, v)
        qid = _open_query(None, _Q_FLAGS, pred, a0)
        try:
            if not _next_solution(qid):
                ex = _exception(qid)
                why = _text(ex, _CVT_WRITEQ) if ex else "no solution"
                raise RuntimeError(f"the rule base gave no answer: {why}")
            return read(a0 + len(inputs))
        finally:
            _close_query(qid)
    finally:
        _discard_frame(fid)


def _rows(text: str, other: int) -> list[tuple[Any, ...]]:
    """The rows rows_text/3 wrote: (functor, *fields); a `t` line takes the next term of other."""
    terms = iter(to_py(getTerm(other)))
    out: list[tuple[Any, ...]] = []
    for line in text.split("\n")[:-1]:
        if line == "t":
            r = next(terms)
            out.append(r if isinstance(r, tuple) else (r,))
            continue
        fields = line.split("\t")
        out.append((fields[0], *[int(f[1:]) if f[0] == "i" else f[1:] for f in fields[1:]]))
    return out


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
        rows = _call("static_text", [name, arity], 2, lambda t: _rows(_text(t), t + 1))
        return [r[1:] if len(r) > 1 else r for r in rows]

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
        rows = _call("answers_text", [list(facts)], 2, lambda t: _rows(_text(t), t + 1))
        got: dict[str, list[Any]] = {"s": [], "a": [], "x": [], "u": []}
        for r in rows:
            got[r[0]].append(r[1:])
        return Answers(status=got["s"], applicable=got["a"], excluded=got["x"], unresolved=got["u"])

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
