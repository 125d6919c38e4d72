"""Case files and command-line arguments: every bad input is `Error: field: reason`, fast."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from reasoner.case import parse_money
from reasoner.cli.main import main
from reasoner.errors import InputError
from tests.helpers import EXAMPLE, example, write_case


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
        ("1.0e+308", "不接受科学计数法"),
        ("123456789012345678901234567890", "整数超出范围"),
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


# -- the text of a case file --------------------------------------------------


def case_text(tmp_path: Path) -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def example_json() -> str:
    return json.dumps(example(), ensure_ascii=False, default=str)


def eval_text(tmp_path: Path, text: str, name: str = "case.yaml") -> tuple[int, str, str]:
    return run("eval", str(write_text(tmp_path, text, name)), "--format", "json")


def assert_error(result: tuple[int, str, str], field: str, *fragments: str) -> str:
    code, out, err = result
    assert (code, out) == (1, ""), err
    assert err.startswith(f"Error: {field}: "), err
    for f in fragments:
        assert f in err, err
    assert "Traceback" not in err and err.count("\n") == 1
    return err


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        (
            "date: 2022-07-01",
            "date: 2022-04-31",
            "claims[0].date",
            "不是有效日期 2022-04-31：2022年4月只有30天",
        ),
        (
            "date: 2022-07-01",
            "date: 2022-13-01",
            "claims[0].date",
            "不是有效日期 2022-13-01：月份应为 01–12",
        ),
        (
            "date: 2022-07-01",
            "date: !!timestamp 2022-04-31",
            "claims[0].date",
            "不是有效日期 2022-04-31",
        ),
        ("date: 2022-07-01", "date: 2022-7-1", "claims[0].date", "不是 ISO 日期"),
        # an integer is not a date (pydantic would read 86400 as 1970-01-02)
        ("date: 2022-07-01", "date: 86400", "claims[0].date", "不是 ISO 日期"),
        (
            "since: 2022-01-01",
            "since: 2022-02-29",
            "person.identities[0].since",
            "2022年2月只有28天",
        ),
    ],
)
def test_dates_are_validated_as_text(
    tmp_path: Path, old: str, new: str, field: str, reason: str
) -> None:
    text = case_text(tmp_path)
    assert old in text
    assert_error(eval_text(tmp_path, text.replace(old, new, 1)), field, reason)


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("gb18030", b""),
        ("gbk", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16", b""),  # Python writes the BOM
    ],
)
@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_chinese_encodings_are_read(
    tmp_path: Path, encoding: str, prefix: bytes, suffix: str
) -> None:
    data = example()
    text = example_json() if suffix == ".json" else yaml.safe_dump(data, allow_unicode=True)
    assert "低保边缘家庭成员" in text and "沧州市" in text
    p = tmp_path / f"case{suffix}"
    p.write_bytes(prefix + text.encode(encoding))
    code, out, err = run("eval", str(p), "--format", "json")
    assert code == 0, err
    result = json.loads(out)
    assert result["region"] == "cangzhou"
    assert result["totals"]["assistance"] == "6231.00"  # (12000 − 2700) × 67%


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"region: \xff\xff\xff\n", "无法识别文件编码"),
        ("region: 沧州市\n".encode("utf-16-le"), "NUL"),
        (b"\xff\xfeA", "UTF-16"),
    ],
)
def test_undecodable_files(tmp_path: Path, raw: bytes, reason: str) -> None:
    p = tmp_path / "case.yaml"
    p.write_bytes(raw)
    assert_error(run("eval", str(p)), str(p), reason)


# -- bounds -----------------------------------------------------------------

LAUGHS = "\n".join(
    ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 10)}]" for i in range(8)]
)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    text = case_text(tmp_path).replace("policy_scope_cost: 30000", "policy_scope_cost: *i")
    p = write_text(tmp_path, LAUGHS + "\n" + text)
    assert_error(run("eval", str(p)), str(p), "节点过多（别名展开后超过 200000 个）")


def test_self_referencing_alias_is_refused(tmp_path: Path) -> None:
    text = case_text(tmp_path).replace("policy_scope_cost: 30000", "policy_scope_cost: &x [*x]")
    p = write_text(tmp_path, text)
    assert_error(run("eval", str(p)), str(p), "别名引用了自身")


def test_alias_chain_deeper_than_the_bound_is_refused(tmp_path: Path) -> None:
    chain = "a0: &a0 [x]\n" + "".join(f"a{i}: &a{i} [*a{i - 1}]\n" for i in range(1, 30))
    p = write_text(tmp_path, chain + case_text(tmp_path))
    assert_error(run("eval", str(p)), str(p), "嵌套层数超过 20")


def test_aliases_within_bounds_are_fine(tmp_path: Path) -> None:
    text = (
        case_text(tmp_path)
        .replace("hospital:", "hospital: &h")
        .replace("policy_scope_cost: 30000", "policy_scope_cost: &cost 30000")
    )
    text += "  - id: c2\n    type: outpatient\n    date: '2022-08-01'\n    hospital: *h\n"
    text += "    policy_scope_cost: *cost\n    basic_insurance_paid: 29000\n"
    code, out, err = eval_text(tmp_path, text)
    assert code == 0, err
    assert [c["id"] for c in json.loads(out)["claims"]] == ["c1", "c2"]


@pytest.mark.parametrize("name", ["case.yaml", "case.json"])
def test_deep_nesting_is_refused(tmp_path: Path, name: str) -> None:
    code, out, err = eval_text(tmp_path, "[" * 30 + "]" * 30, name)
    assert (code, out) == (1, "") and err.startswith("Error: ") and "嵌套层数超过 20" in err


def test_very_deep_json_is_refused(tmp_path: Path) -> None:
    p = write_text(tmp_path, "[" * 500_000 + "]" * 500_000, "case.json")
    assert_error(run("eval", str(p)), str(p), "嵌套层数超过 20")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    text = case_text(tmp_path) + "#" * (1024 * 1024)
    p = write_text(tmp_path, text)
    assert_error(run("eval", str(p)), str(p), "文件过大", "1024 KiB")


@pytest.mark.parametrize(
    ("old", "new", "field", "reason"),
    [
        ("id: c1", "id: " + "c" * 101, "claims[0].id", "过长（101 个字符，上限 100）"),
        ("id: p1", "id: " + "p" * 10_000, "person.id", "文本过长（10000 个字符，上限 1000）"),
        ("disease: 肺炎", "disease: " + "肺" * 201, "claims[0].disease", "上限 200"),
        (
            "policy_scope_cost: 30000",
            "policy_scope_cost: " + "9" * 5000,
            "claims[0].policy_scope_cost",
            "整数超出范围",
        ),
        ("level: 2", "level: " + "9" * 19, "claims[0].hospital.level", "整数超出范围"),
        ("level: 2", "level: 99", "claims[0].hospital.level", "超出允许范围（≤ 3）"),
        ("level: 2", "level: true", "claims[0].hospital.level", "不是整数"),
        ("id: p1", 'id: "a\\0b"', "person.id", "含控制字符 U+0000"),
        ("id: c1", 'id: "c\\e[31m1"', "claims[0].id", "含控制字符 U+001B"),
        ("id: c1", 'id: "c\\u202e1"', "claims[0].id", "含控制字符 U+202E"),
        ("region: 沧州市", "region: [沧州市]", "region", "应为地区名称"),
    ],
)
def test_values_out_of_bounds(tmp_path: Path, old: str, new: str, field: str, reason: str) -> None:
    text = case_text(tmp_path)
    assert old in text
    assert_error(eval_text(tmp_path, text.replace(old, new, 1)), field, reason)


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("1" * 50, "整数超出范围"),
        ("NaN", "不是有限数"),
        ("-Infinity", "不是有限数"),
        ("1e308", "科学计数法"),
    ],
)
def test_json_numbers_out_of_bounds(tmp_path: Path, value: str, reason: str) -> None:
    text = example_json().replace('"policy_scope_cost": 30000', f'"policy_scope_cost": {value}')
    assert value in text
    assert_error(eval_text(tmp_path, text, "case.json"), "claims[0].policy_scope_cost", reason)


def test_json_lone_surrogate_is_refused(tmp_path: Path) -> None:
    text = example_json().replace('"p1"', '"p\\ud800"')
    assert_error(eval_text(tmp_path, text, "case.json"), "person.id", "含控制字符 U+D800")


def test_octal_looking_ids_keep_their_digits(tmp_path: Path) -> None:
    # YAML 1.1 reads 012 as octal 10 and 1_0 as 10: an id is what the file says.
    text = case_text(tmp_path).replace("id: c1", "id: 012").replace("id: p1", "id: 1_0")
    code, out, err = eval_text(tmp_path, text)
    assert code == 0, err
    result = json.loads(out)
    assert result["person"] == "1_0" and result["claims"][0]["id"] == "012"


def test_octal_looking_amount_is_decimal(tmp_path: Path) -> None:
    text = case_text(tmp_path).replace("policy_scope_cost: 30000", "policy_scope_cost: 030000")
    code, out, err = eval_text(tmp_path, text)
    assert code == 0, err
    assert json.loads(out)["totals"]["assistance"] == "6231.00"  # 30000, not octal 12288


# -- duplicates -----------------------------------------------------------------


def test_duplicate_yaml_key_names_key_and_path(tmp_path: Path) -> None:
    text = case_text(tmp_path).replace(
        "policy_scope_cost: 30000", "policy_scope_cost: 30000\n    policy_scope_cost: 40000"
    )
    assert_error(
        eval_text(tmp_path, text), "claims[0].policy_scope_cost", "键重复：'policy_scope_cost'"
    )


def test_duplicate_json_key_names_key_and_path(tmp_path: Path) -> None:
    text = example_json().replace('"id": "p1"', '"id": "p1", "id": "p2"')
    assert_error(eval_text(tmp_path, text, "case.json"), "person.id", "键重复：'id'")


def test_parameter_given_twice_under_two_names(tmp_path: Path) -> None:
    data = example()
    data["parameters"]["上年居民人均可支配收入"] = 30000
    assert_error(
        run("eval", str(write_case(tmp_path, data))),
        "parameters.上年居民人均可支配收入",
        "参数重复：per_capita_disposable_income",
    )


def test_merge_keys_are_refused(tmp_path: Path) -> None:
    text = case_text(tmp_path).replace("hospital:", "<<: {referral: none}\n    hospital:")
    assert_error(eval_text(tmp_path, text), "claims[0]", "合并键")


# -- categories, year ----------------------------------------------------------


def test_category_the_region_does_not_recognise(tmp_path: Path) -> None:
    # 原8023部队退役人员先天性残疾子女 is a 渝北 category; 沧州's document does not name it.
    data = example()
    data["person"]["identities"][0]["category"] = "原8023部队退役人员先天性残疾子女"
    assert_error(
        run("eval", str(write_case(tmp_path, data))),
        "person.identities[0].category",
        "沧州市（沧政办规〔2022〕7号）不认定救助对象类别 unit8023_child（原8023部队退役人员先天性残疾子女）",
        "可用：",
        "dibao_edge（低保边缘家庭成员）",
        "monitored（纳入监测范围的农村易返贫致贫人口）",
    )


def test_unknown_category_lists_the_region_terms(tmp_path: Path) -> None:
    data = example()
    data["person"]["identities"][0]["category"] = "富人"
    err = assert_error(
        run("eval", str(write_case(tmp_path, data))),
        "person.identities[0].category",
        "未知救助对象类别 '富人'；沧州市可用：",
        "tekun（特困人员）",
    )
    assert "unit8023_child" not in err


def test_no_claims_and_no_year_names_year(tmp_path: Path) -> None:
    data = example()
    data["claims"] = []
    assert_error(run("eval", str(write_case(tmp_path, data))), "year", "year: 2024")


# -- command-line ids ------------------------------------------------------------


@pytest.mark.parametrize("command", ["why", "why-not"])
@pytest.mark.parametrize(
    ("claim", "reason"),
    [
        ("c\x001", "含控制字符 U+0000"),
        ("c\x1b[2J", "含控制字符 U+001B"),
        ("c" * 101, "过长（101 个字符，上限 100）"),
    ],
)
def test_control_characters_in_claim_option(
    tmp_path: Path, command: str, claim: str, reason: str
) -> None:
    case = write_case(tmp_path, example())
    code, out, err = run(command, str(case), "--claim", claim, "--program", "inpatient")
    assert (code, out) == (2, "")
    assert f"Error: Invalid value for '--claim': {reason}" in err
    assert "Traceback" not in err and "\x00" not in err and "\x1b" not in err


def test_unknown_claim_is_an_input_error(tmp_path: Path) -> None:
    case = write_case(tmp_path, example())
    code, out, err = run("why", str(case), "--claim", "c9", "--program", "inpatient")
    assert (code, out) == (1, "") and err.startswith("Error: ") and "c9" in err


# -- unexpected failures -----------------------------------------------------------


def _boom(*args: object, **kwargs: object) -> None:
    raise RuntimeError("disk on fire\nsecond line")


def test_unexpected_exception_is_an_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import reasoner.api

    monkeypatch.delenv("MEDAID_DEBUG", raising=False)
    monkeypatch.setattr(reasoner.api, "evaluate_file", _boom)
    code, out, err = run("eval", str(write_case(tmp_path, example())))
    assert (code, out) == (1, "")
    assert err == "Error: internal: RuntimeError: disk on fire（设 MEDAID_DEBUG=1 可查看调用栈）\n"


def test_debug_shows_the_traceback(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import reasoner.api

    monkeypatch.setenv("MEDAID_DEBUG", "1")
    monkeypatch.setattr(reasoner.api, "evaluate_file", _boom)
    r = CliRunner().invoke(main, ["eval", str(write_case(tmp_path, example()))])
    assert r.exit_code == 1 and isinstance(r.exception, RuntimeError)


@pytest.mark.parametrize(
    "option", [["--explain", "c\x1b[2J"], ["--export-case", "c\x00", "case.yaml"]]
)
def test_control_characters_in_audit_claim_options(tmp_path: Path, option: list[str]) -> None:
    files = ["--persons", "p.csv", "--identities", "i.csv", "--claims", "c.csv"]
    code, out, err = run("audit", *files, "--out", str(tmp_path / "r.csv"), *option)
    assert (code, out) == (2, "")
    assert "Error: Invalid value for '--" in err and "含控制字符 U+00" in err
    assert not list(tmp_path.iterdir())  # refused before any work
