"""Every example evaluates to its reviewed expected output."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reasoner.api import evaluate_file, get_kb
from reasoner.render import result_json

EXAMPLES = sorted(
    p
    for p in (Path(__file__).resolve().parent.parent / "examples").glob("*/*.yaml")
    if p.parent.name != "reforms"  # reform files, not cases (tests/test_reform.py)
)


def test_three_examples_per_region() -> None:
    by_region: dict[str, int] = {}
    for p in EXAMPLES:
        by_region[p.parent.name] = by_region.get(p.parent.name, 0) + 1
    assert len(by_region) == 5 and min(by_region.values()) >= 3, by_region


@pytest.mark.parametrize("case", EXAMPLES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_example_matches_expected_output(case: Path) -> None:
    expected = json.loads(case.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert result_json(get_kb(), evaluate_file(case)) == expected, "review, then: make examples"
