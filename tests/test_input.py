"""Case files and command-line arguments: every bad input is `Error: field: reason`, fast."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from reasoner.case import parse_money
from reasoner.cli.main import main
from reasoner.errors import InputError
from tests.helpers import example, write_case


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), prog_name="medaid")
    return r.exit_code, r.stdout, r.stderr


def write_text(tmp_path: Path, text: str, name: str = "case.yaml") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return p


# -- money ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("12000", Decimal("12000")),
        (" 12.5 ", Decimal("12.5")),
        ("0.01", Decimal("0.01")),
        ("12.500", Decimal("12.50")),
        ("007", Decimal("7")),
        ("1000000000", Decimal("1000000000")),
    ],
)
def test_parse_money_accepts_plain_decimals(text: str, value: Decimal) -> None:
    assert parse_money(text) == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "金额为空"),
        ("1e5", "不接受科学计数法"),
        ("1E+05", "不接受科学计数法"),
        ("1.", "不是金额"),
        (".5", "不是金额"),
        ("-5", "金额不能为负数"),
        ("+5", "不是金额"),
        ("1,000", "不接受千位分隔符"),
        ("¥12", "不是金额"),
        ("12元", "不是金额"),
        ("１２", "不是金额"),
        ("NaN", "有限数"),
        ("-inf", "有限数"),
        ("12.345", "最多两位小数"),
        ("1000000000.01", "超出合理范围"),
        ("9" * 5000, "超出合理范围"),
    ],
)
def test_parse_money_refuses(text: str, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as e:
        parse_money(text, "policy_scope_cost")
    assert e.value.field == "policy_scope_cost"


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1e308", "不接受科学计数法"),
        ("1.0e+308", "不接受科学计数法|超出合理范围"),
        ("123456789012345678901234567890", "超出合理范围"),
        ("-1", "不能为负数"),
        (".nan", "有限数"),
        (".inf", "有限数"),
        ("12.345", "最多两位小数"),
    ],
)
@pytest.mark.parametrize("command", ["eval", "why"])
def test_bad_money_in_a_case_file(tmp_path: Path, value: str, reason: str, command: str) -> None:
    text = write_case(tmp_path, example()).read_text(encoding="utf-8")
    text = text.replace("policy_scope_cost: 30000", f"policy_scope_cost: {value}")
    assert value in text
    args = [command, str(write_text(tmp_path, text))]
    if command == "why":
        args += ["--claim", "c1", "--program", "inpatient"]
    code, out, err = run(*args)
    assert (code, out) == (1, ""), err
    assert err.startswith("Error: claims[0].policy_scope_cost: ") and re.search(reason, err)
    assert "Traceback" not in err
