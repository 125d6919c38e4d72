"""Process-wide entry points: the loaded knowledge base and evaluator."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from reasoner.case import Case, load_case_file, parse_case
from reasoner.engine import engine
from reasoner.evaluate import Evaluator, Result
from reasoner.knowledge import KB


@cache
def get_kb() -> KB:
    return KB(engine())


@cache
def evaluator(referral_reduction: bool = False) -> Evaluator:
    return Evaluator(get_kb(), engine(), referral_reduction=referral_reduction)


def case_from_data(data: dict[str, Any]) -> Case:
    return parse_case(data, get_kb())


def evaluate_data(
    data: dict[str, Any], premium: bool = True, referral_reduction: bool = False
) -> Result:
    return evaluator(referral_reduction).evaluate(case_from_data(data), premium=premium)


def evaluate_file(path: str | Path, referral_reduction: bool = False) -> Result:
    return evaluate_data(load_case_file(path), referral_reduction=referral_reduction)
