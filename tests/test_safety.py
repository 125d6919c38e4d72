"""Case data never becomes program text: hostile strings in every string field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reasoner.asp import AspEngine
from reasoner.cli.main import main
from reasoner.engine import engine
from tests.helpers import example, write_case

PWNED = Path("/tmp/medaid_pwned")
HOSTILE = [
    "x'), shell('touch /tmp/medaid_pwned'), ('",
    "a) :- shell('touch /tmp/medaid_pwned'). p(b",
    "x. #program base. pwned :- claim(_). #show pwned/0.",
    "\"'`\\",
    "a\x00b",
    "A" * 100_000,
]


def run(path: Path) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, ["eval", str(path), "--format", "json"], prog_name="medaid")
    return r.exit_code, r.stdout, r.stderr


@pytest.fixture(autouse=True)
def _no_pwned() -> None:
    PWNED.unlink(missing_ok=True)
    yield
    assert not PWNED.exists(), "case text was executed"


# NUL and a 100 kB string are refused as input (tests/test_input.py); the rest is data.
@pytest.mark.parametrize("value", HOSTILE[:4])
def test_free_text_fields_are_data(tmp_path: Path, value: str) -> None:
    data = example()
    data["person"]["id"] = value
    data["claims"][0]["id"] = value
    data["claims"][0]["disease"] = value
    code, out, err = run(write_case(tmp_path, data))
    assert code == 0, err
    result = json.loads(out)
    assert result["person"] == value
    assert result["claims"][0]["id"] == value
    # the hostile text changes nothing: (12000 − 2700) × 67% = 6231.00
    assert result["totals"]["assistance"] == "6231.00"


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize(
    ("path", "field"),
    [
        (("region",), "region"),
        (("person", "identities", 0, "category"), "person.identities[0].category"),
        (("claims", 0, "type"), "claims[0].type"),
        (("claims", 0, "referral"), "claims[0].referral"),
        (("claims", 0, "hospital", "scope"), "claims[0].hospital.scope"),
        (("person", "insurance", "scheme"), "person.insurance.scheme"),
    ],
)
def test_enumerated_fields_reject_hostile_text(
    tmp_path: Path, value: str, path: tuple, field: str
) -> None:  # type: ignore[type-arg]
    data = example()
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = value
    code, out, err = run(write_case(tmp_path, data))
    assert code == 1 and out == ""
    assert err.startswith(f"Error: {field}: 未知") or (
        err.startswith(f"Error: {field}: ") and ("含控制字符" in err or "文本过长" in err)
    )
    assert len(err) < 2000  # the 100 kB value is not echoed back


@pytest.mark.parametrize("value", HOSTILE[:3])
def test_hostile_parameter_name(tmp_path: Path, value: str) -> None:
    data = example()
    data["parameters"] = {value: 1}
    code, _, err = run(write_case(tmp_path, data))
    assert code == 1 and "未知参数" in err


def test_prolog_atoms_are_never_parsed() -> None:
    hostile = HOSTILE[0]
    facts = [("claim", 1), ("claim_region", 1, hostile), ("claim_type", 1, "inpatient")]
    ans = engine().answers(facts)
    assert ans.status == []  # an unknown region offers nothing; nothing ran
    assert engine().solutions("claim_region", [1, None]) == [(1, hostile)]


def test_clingo_symbols_are_never_parsed() -> None:
    hostile = HOSTILE[2]
    syms = AspEngine().model([("claim", 1), ("claim_region", 1, hostile)])
    names = {s.name for s in syms}
    assert "pwned" not in names
    regions = [s for s in syms if s.name == "claim_region"]
    assert len(regions) == 1 and regions[0].arguments[1].name == hostile
