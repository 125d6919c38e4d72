"""The command line: help, version, usage errors, eval output and input errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reasoner.cli.main import main
from tests.helpers import EXAMPLE, example, write_case


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), prog_name="medaid")
    return r.exit_code, r.stdout, r.stderr


def test_help_lists_commands_with_descriptions() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for cmd in ("eval", "why", "why-not", "kb", "check", "compare", "audit"):
        assert f"  {cmd} " in out
    assert "Evaluate a case file: every program, status and amount, with citations." in out
    assert "..." not in out.split("Commands:")[1]  # one whole line per command


def test_version() -> None:
    code, out, _ = run("--version")
    assert code == 0 and out.strip() == "medaid, version 0.1.0"


def test_bad_flag_is_a_usage_error() -> None:
    code, _, err = run("eval", "--nope", str(EXAMPLE))
    assert code == 2
    assert "Usage: medaid eval [OPTIONS] CASE" in err
    assert "No such option" in err and "--nope" in err


def test_eval_json_canonical_example() -> None:
    code, out, _ = run("eval", str(EXAMPLE), "--format", "json")
    assert code == 0
    data = json.loads(out)
    assert data["region"] == "cangzhou" and data["person"] == "p1"
    inpatient = {b["program"]: b for b in data["claims"][0]["benefits"]}["inpatient"]
    # self-pay 30000 − 18000 = 12000; (12000 − 2700) × 67% = 6231.00
    assert inpatient["status"] == "paid"
    assert inpatient["amount"] == "6231.00"
    assert inpatient["identity"] == "dibao_edge"
    cites = {(c["document"], c["clause"]) for c in inpatient["citations"]}
    assert ("沧政办规〔2022〕7号", "二（三）") in cites
    quotes = " ".join(c["quote"] for c in inpatient["citations"])
    assert "2022年度暂定为2700元" in quotes
    assert "降低3个百分点" in quotes
    assert data["totals"]["assistance"] == "6231.00"


def test_eval_text_is_chinese_with_clause() -> None:
    code, out, _ = run("eval", str(EXAMPLE))
    assert code == 0
    assert "住院救助" in out and "6231.00" in out and "二（三）" in out
    assert "医疗救助合计：6231.00 元" in out


@pytest.mark.parametrize(
    ("mutate", "field", "fragment"),
    [
        (lambda d: d.update(region="北京市"), "region", "可用：shapingba"),
        (
            lambda d: d["person"]["identities"][0].update(category="富人"),
            "person.identities[0].category",
            "可用：",
        ),
        (
            lambda d: d["claims"][0].update(policy_scope_cost=-1),
            "claims[0].policy_scope_cost",
            "不能为负数",
        ),
        (
            lambda d: d["claims"][0].update(policy_scope_cost=float("nan")),
            "claims[0].policy_scope_cost",
            "有限数",
        ),
        (
            lambda d: d["claims"][0].update(policy_scope_cost=float("inf")),
            "claims[0].policy_scope_cost",
            "有限数",
        ),
        (
            lambda d: d["claims"][0].update(basic_insurance_paid=40000),
            "claims[0].basic_insurance_paid",
            "超过政策范围内费用",
        ),
        (lambda d: d["claims"][0].update(date="2022-02-30"), "claims[0].date", "ISO 日期"),
        (
            lambda d: d["claims"][0].update(date="2021-07-01", discharge="2021-07-10"),
            "claims[0].date",
            "早于 沧政办规〔2022〕7号 施行日期",
        ),
        (
            lambda d: d["claims"][0].update(discharge="2022-06-01"),
            "claims[0].discharge",
            "出院日期早于入院日期",
        ),
        (
            lambda d: d["claims"][0].update(type="dental"),
            "claims[0].type",
            "可用：chronic_outpatient",
        ),
        (
            lambda d: d["claims"][0]["hospital"].update(level=7),
            "claims[0].hospital.level",
            "超出允许范围",
        ),
        (
            lambda d: d.pop("parameters"),
            "parameters.per_capita_disposable_income",
            "地区 cangzhou，年度 2022",
        ),
        (lambda d: d["person"].pop("identities"), "person.identities", "必填字段缺失"),
    ],
)
def test_bad_input_names_field_and_reason(
    tmp_path: Path, mutate, field: str, fragment: str
) -> None:  # type: ignore[no-untyped-def]
    data = example()
    mutate(data)
    code, out, err = run("eval", str(write_case(tmp_path, data)))
    assert code == 1
    assert err.startswith(f"Error: {field}: ")
    assert fragment in err
    assert "Traceback" not in err and out == ""


def test_missing_file() -> None:
    code, _, err = run("eval", "/nonexistent/case.yaml")
    assert code == 1 and "文件不存在" in err


def test_chinese_terms_accepted(tmp_path: Path) -> None:
    data = example()
    data["region"] = "130900"
    data["claims"][0].update(type="住院", referral="基层首诊转诊")
    data["claims"][0]["hospital"]["scope"] = "市内"
    code, out, _ = run("eval", str(write_case(tmp_path, data)), "--format", "json")
    assert code == 0
    assert json.loads(out)["totals"]["assistance"] == "6231.00"
