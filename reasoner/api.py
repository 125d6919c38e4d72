"""Process-wide entry points: the loaded knowledge base and evaluator."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from pathlib import Path
from typing import Any

from reasoner.case import Case, load_case_file, parse_case
from reasoner.engine import engine
from reasoner.evaluate import Evaluator, Result
from reasoner.knowledge import KB

# A reformed knowledge base in force for the calls made inside `using(kb)`.
_active: ContextVar[KB | None] = ContextVar("medaid_kb", default=None)


@cache
def _base_kb() -> KB:
    return KB(engine())


def get_kb() -> KB:
    return _active.get() or _base_kb()


@contextmanager
def using(kb: KB) -> Iterator[KB]:
    """Within the block, get_kb/evaluator/evaluate_data answer under `kb` (e.g. a reform)."""
    token = _active.set(kb)
    try:
        yield kb
    finally:
        _active.reset(token)


@cache
def _base_evaluator(referral_reduction: bool) -> Evaluator:
    return Evaluator(_base_kb(), engine(), referral_reduction=referral_reduction)


def evaluator(referral_reduction: bool = False) -> Evaluator:
    kb = _active.get()
    if kb is None:
        return _base_evaluator(referral_reduction)
    return Evaluator(kb, kb.eng, referral_reduction=referral_reduction)


def case_from_data(data: dict[str, Any]) -> Case:
    return parse_case(data, get_kb())


def evaluate_data(
    data: dict[str, Any], premium: bool = True, referral_reduction: bool = False
) -> Result:
    return evaluator(referral_reduction).evaluate(case_from_data(data), premium=premium)


def evaluate_file(path: str | Path, referral_reduction: bool = False) -> Result:
    return evaluate_data(load_case_file(path), referral_reduction=referral_reduction)
