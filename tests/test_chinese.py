"""Chinese in, Chinese out: short forms and Chinese names wherever ids are accepted, text
output without English, ids shown literally, why-not that explains better rules and
delegations, and derived figures with their clauses."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from rich.console import Console

from reasoner.api import get_kb
from reasoner.cli.main import main
from reasoner.explain import Node, print_tree
from reasoner.kbtools import param_label, unit_text
from reasoner.render import visible
from tests.helpers import EXAMPLE, example, write_case

YB_200 = "渝北府办发〔2025〕2号"
YB_2_3_A = (
    f"{YB_200} 二（三）「特困人员以及符合下列三个条件之一的低保对象（80周岁以上老年人、"
    "重度1—2级残疾人员、需院外维持治疗的重病患者），每年给予700元/人的限额门诊救助」"
)
YB_2_6_A = (
    f"{YB_200} 二（六）「特困人员、低保对象、低保边缘家庭成员、返贫致贫人口、脱贫不稳定户、"
    "边缘易致贫户、突发严重困难户、因病致贫重病患者的大额费用医疗救助按照《重庆市渝北区人民政府"
    "办公室关于健全重特大疾病医疗保险和救助制度的实施意见（渝北府办发〔2023〕37号）》执行」"
)
YB_2_6_B = (
    f"{YB_200} 二（六）「其他救助对象患上述重特大疾病以外的其他疾病，在二级及以上医疗机构一次性"
    "住院发生医疗保险政策范围内费用超过3万元的，经基本医保、大病保险报销后的政策范围内费用，"
    "按比例给予救助」"
)


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), prog_name="medaid")
    return r.exit_code, r.stdout, r.stderr


def tree(*args: str) -> dict[str, Any]:
    code, out, err = run(*args, "--format", "json")
    assert code == 0, err
    return json.loads(out)  # type: ignore[no-any-return]


def texts(node: dict[str, Any]) -> list[str]:
    out = [node["text"]]
    for c in node.get("children", []):
        out += texts(c)
    return out


def find(node: dict[str, Any], text: str) -> dict[str, Any]:
    if node["text"] == text:
        return node
    for c in node.get("children", []):
        try:
            return find(c, text)
        except KeyError:
            pass
    raise KeyError(text)


def child_texts(node: dict[str, Any]) -> list[str]:
    return [c["text"] for c in node.get("children", [])]


def yubei(identities: list[str], claims: list[dict[str, Any]]) -> dict[str, Any]:
    """A 渝北 case written the way people write it: short forms for every enumerated field."""
    return {
        "region": "渝北",
        "person": {
            "id": "p1",
            "identities": [{"category": c, "since": "2024-01-01"} for c in identities],
            "insurance": {"scheme": "一档"},
        },
        "parameters": {"resident_tier1_contribution": 400},
        "claims": claims,
    }


def outpatient(cost: int = 1000) -> dict[str, Any]:
    return {
        "id": "c1",
        "type": "门诊",
        "date": "2025-03-01",
        "hospital": {"level": "二级", "scope": "区县内"},
        "referral": "基层首诊",
        "policy_scope_cost": cost,
    }


def stay(cid: str, date: str, cost: int, basic: int, level: str = "二级") -> dict[str, Any]:
    return {
        "id": cid,
        "type": "住院",
        "date": date,
        "hospital": {"level": level, "scope": "区县内"},
        "referral": "基层首诊",
        "policy_scope_cost": cost,
        "basic_insurance_paid": basic,
    }


@pytest.fixture(scope="module")
def cases(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("zh")
    return {
        "dibao_outpatient": write_case(d, yubei(["低保"], [outpatient()]), "a.yaml"),
        "edge_stays": write_case(
            d,
            yubei(
                ["低保边缘"],
                [
                    stay("c1", "2025-03-01", 20000, 12000),
                    stay("c2", "2025-05-01", 40000, 24000),
                ],
            ),
            "b.yaml",
        ),
        "orphan_level1": write_case(
            d, yubei(["孤儿"], [stay("c1", "2025-03-01", 40000, 24000, "一级")]), "c.yaml"
        ),
        "premium": write_case(d, {**yubei(["低保"], []), "year": 2025}, "d.yaml"),
    }


# --- Chinese in -----------------------------------------------------------------


def test_why_accepts_chinese_program_names_and_short_forms() -> None:
    # 沧州 二（三）: (12000 − 2700) × 67% = 6231.00
    t = tree("why", str(EXAMPLE), "--claim", "c1", "--program", "住院救助")
    assert t["text"] == "c1 · 住院救助：支付 6231.00 元"
    t = tree("why", str(EXAMPLE), "--claim", "c1", "--program", "住院")
    assert t["text"] == "c1 · 住院救助：支付 6231.00 元"
    t = tree("why-not", str(EXAMPLE), "--claim", "c1", "--program", "免押金")
    assert t["text"] == "c1 · 先诊疗后付费（免住院押金）：不符合"


def test_case_file_short_forms(cases: dict[str, Path], tmp_path: Path) -> None:
    code, out, err = run("eval", str(cases["dibao_outpatient"]), "--format", "json")
    assert code == 0, err
    res = json.loads(out)
    b = next(b for b in res["claims"][0]["benefits"] if b["program"] == "outpatient")
    # 渝北 二（三）: 其他低保对象 1000 × 70% = 700, within the 400元 yearly limit → 400.00
    assert (b["status"], b["amount"], b["identity"], b["rule"]) == (
        "paid",
        "400.00",
        "dibao",
        "yb_r_2_3_dibao_other",
    )
    data = example()  # 沧州 低保边缘 at a 二级 hospital in the city
    data["person"]["identities"][0]["category"] = "低保边缘"
    data["claims"][0]["hospital"] = {"level": "二级", "scope": "市内"}
    data["claims"][0]["type"] = "住院"
    data["person"]["insurance"]["scheme"] = "居民医保一档"
    code, out, err = run("eval", str(write_case(tmp_path, data)), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["totals"]["assistance"] == "6231.00"  # (12000 − 2700) × 67%
    data["claims"][0]["type"] = "慢特病"  # 门诊慢特病: 沧州 二（五） pays it as 住院救助
    code, out, err = run("eval", str(write_case(tmp_path, data)), "--format", "json")
    assert code == 0, err
    assert json.loads(out)["claims"][0]["type"] == "chronic_outpatient"


@pytest.mark.parametrize(
    ("mutate", "field", "fragment"),
    [
        (
            lambda d: d["person"]["identities"][0].update(category="贫困户"),
            "person.identities[0].category",
            "dibao（低保对象）",
        ),
        (
            lambda d: d["claims"][0]["hospital"].update(scope="市外"),
            "claims[0].hospital.scope",
            "可用：in_city（市内）、in_district（区（县）内）、in_province（省内）、out_of_province（省外）",
        ),
        (
            lambda d: d["claims"][0].update(type="牙科"),
            "claims[0].type",
            "可用：chronic_outpatient（门诊慢特病）、inpatient（住院）、outpatient（普通门诊）",
        ),
        (
            lambda d: d["claims"][0]["hospital"].update(level="四级"),
            "claims[0].hospital.level",
            "未知医院级别 '四级'；可用：1（一级）、2（二级）、3（三级）",
        ),
    ],
)
def test_unknown_ids_are_listed_with_their_chinese_terms(
    tmp_path: Path, mutate: Any, field: str, fragment: str
) -> None:
    data = example()
    mutate(data)
    code, out, err = run("eval", str(write_case(tmp_path, data)))
    assert code == 1 and out == ""
    assert err.startswith(f"Error: {field}: 未知")
    assert fragment in err


def test_unknown_program_lists_chinese_names() -> None:
    code, _, err = run("why", str(EXAMPLE), "--claim", "c1", "--program", "magic")
    assert code == 1
    assert err.startswith("Error: --program: 未知项目 'magic'；可用：premium_subsidy（资助参保）、")
    assert "inpatient（住院救助）" in err and "large_expense（大额费用救助）" in err


@pytest.mark.parametrize("year", ["2025年", "2025", "premium:2025"])
def test_claim_year_selects_the_premium_row(cases: dict[str, Path], year: str) -> None:
    t = tree("why", str(cases["premium"]), "--claim", year, "--program", "资助参保")
    # 渝北 二（二）1: 低保对象 90% × 400 = 360.00
    assert t["text"] == "2025年 · 资助参保：支付 360.00 元"


# --- Chinese out ----------------------------------------------------------------


def test_why_not_on_a_paid_program_has_no_english_status() -> None:
    t = tree("why-not", str(EXAMPLE), "--claim", "c1", "--program", "tilt")
    assert t["text"] == "c1 · 倾斜救助：支付 0.00 元"
    for line in texts(t):
        assert "paid" not in line
    t = tree("why", str(EXAMPLE), "--claim", "c1", "--program", "倾斜")
    # 沧州 二（四）: residual 12000 − 6231 = 5769 stays below 50% × 27000 = 13500
    assert (
        "年度累计超过起点的部分：（5769.00 − 13500.00，负数计 0） − （0.00 − 13500.00，负数计 0） = 0.00"
        in texts(t)
    )
    assert "倾斜救助起点：27000.00 × 50% = 13500.00（上年居民人均可支配收入）" in texts(t)


def test_bounded_calculation_notes_are_chinese(tmp_path: Path) -> None:
    data = {
        "region": "jiangsu",
        "parameters": {"per_capita_disposable_income": 50000, "resident_tier1_contribution": 380},
        "person": {
            "id": "p1",
            "identities": [{"category": "低保", "since": "2022-01-01"}],
            "insurance": {"scheme": "一档"},
        },
        "claims": [
            {
                "id": "c1",
                "type": "住院",
                "date": "2023-07-01",
                "hospital": {"level": 2, "scope": "市内"},
                "referral": "基层首诊",
                "policy_scope_cost": 30000,
                "basic_insurance_paid": 18000,
                "critical_illness_paid": 2000,
            }
        ],
    }
    code, out, err = run(
        "why", str(write_case(tmp_path, data)), "--claim", "c1", "--program", "住院"
    )
    assert code == 0, err
    # 江苏 四（六）: 不低于80% — the most a city may choose is 100%
    assert "救助比例：100%（取文件所允许的最有利值）" in out
    assert "most generous" not in out


def test_kb_list_units_and_names_are_chinese() -> None:
    code, out, _ = run("kb", "list", "--region", "沧州")
    assert code == 0
    assert "percent_of" not in out and "yuan" not in out and "rate" not in out
    assert "救助比例" in out and "起付标准" in out and "年度救助限额" in out
    kb = get_kb()
    assert unit_text(kb, "percent_of(per_capita_disposable_income)") == (
        "%，基数：上年居民人均可支配收入"
    )
    assert [unit_text(kb, u) for u in ("yuan", "percent", "percentage_points")] == [
        "元",
        "%",
        "个百分点",
    ]
    assert param_label(kb, "threshold", "cz_warn_poverty") == "预警线"


def test_kb_coverage_and_lint_speak_chinese() -> None:
    code, out, _ = run("kb", "coverage")
    assert code == 0
    assert out.splitlines()[0] == (
        "| 地区 | 文件 | 条款 | 已编码 | 非计算性 | 缺失 | 摘录 | 规则 | 解释 |"
    )
    assert "| 沧州市 | 沧政办规〔2022〕7号 |" in out
    code, out, _ = run("kb", "lint")
    assert code == 0 and out.startswith("kb lint：通过——")


@pytest.mark.parametrize("hostile", ["[bold]x[/bold]", "a[/]b", "[link=file:///etc]z", "[/dim]"])
def test_text_output_shows_ids_literally(tmp_path: Path, hostile: str) -> None:
    data = example()
    data["claims"][0]["id"] = hostile
    data["person"]["id"] = hostile
    path = write_case(tmp_path, data)
    code, out, err = run("eval", str(path))
    assert code == 0, err
    assert f"人员 {hostile}" in out and f"│ {hostile}" in out
    code, out, err = run("why", str(path), "--claim", hostile, "--program", "住院救助")
    assert code == 0, err
    assert out.splitlines()[0] == f"{hostile} · 住院救助：支付 6231.00 元"


def test_control_characters_are_shown_visibly() -> None:
    # Case files refuse control characters; text from other sources (claim files, the kb)
    # still never reaches the terminal as an escape sequence.
    assert visible("a\x1b[31mb\x00c\u202ed\ne") == "a\\x1b[31mb\\x00c\\u202ed\\ne"
    console = Console(file=io.StringIO(), width=200, force_terminal=False)
    print_tree(Node("\x1b[2J[bold]清屏", None, [Node("[/]")]), console, get_kb())
    out = console.file.getvalue()  # type: ignore[attr-defined]
    assert out.splitlines() == ["\\x1b[2J[bold]清屏", "└── [/]"]


# --- why: derived figures ---------------------------------------------------------


def test_why_shows_how_a_derived_rate_is_derived() -> None:
    t = tree("why", str(EXAMPLE), "--claim", "c1", "--program", "住院救助")
    # 沧州 二（三）: deductible 2700 of which 0 used this year
    assert "剩余起付标准：（2700.00 − 0.00，负数计 0） = 2700.00" in texts(t)
    rate = find(t, "救助比例：67%")
    assert rate["citation"]["clause"] == "二（三）"
    [deriv] = rate["children"]
    assert deriv["text"] == "推导：67% = 70% − 3个百分点"
    assert child_texts(deriv) == [
        "沧政办规〔2022〕7号 二（三）「在年度救助限额内，对低保对象、特困人员符合规定的医疗费用按70%的比例救助」",
        "沧政办规〔2022〕7号 二（三）「其他救助对象救助比例降低3个百分点，年度累计救助限额为2万元。」",
    ]


# --- why-not -----------------------------------------------------------------------


def test_why_not_on_a_paid_program_explains_the_better_rule(cases: dict[str, Path]) -> None:
    t = tree(
        "why-not", str(cases["dibao_outpatient"]), "--claim", "c1", "--program", "普通门诊救助"
    )
    assert t["text"] == "c1 · 普通门诊救助：支付 400.00 元"
    better = find(t, "未适用的更优规则")
    rule = find(better, "规则 yb_r_2_3_dibao_disabled（起付标准0元，救助比例100%，年度限额700元）")
    assert child_texts(rule) == ["条件未满足：2级及以上残疾"]
    assert child_texts(rule["children"][0]) == [YB_2_3_A]
    assert child_texts(
        find(better, "规则 yb_r_2_3_dibao_age（起付标准0元，救助比例100%，年度限额700元）")
    ) == ["条件未满足：年满 80 周岁"]
    # the 400元 rule that paid is not "better" than itself; the 400元 rule of 孤儿 is not better
    assert not any(
        "yb_r_2_3_dibao_other" in x or "yb_r_2_3_other" in x for x in child_texts(better)
    )
    more = child_texts(find(t, "可多得救助的改动（均已重新计算验证）"))
    # 二（三）: 全额 within 700元 → min(1000 × 100%, 700) = 700.00
    assert "残疾等级为 2 级 → 普通门诊救助支付 700.00 元" in more
    assert "认定为需院外维持治疗的重病患者 → 普通门诊救助支付 700.00 元" in more
    assert "增加身份「特困人员」（tekun） → 普通门诊救助支付 700.00 元" in more


def test_why_not_text_quotes_each_failed_clause(cases: dict[str, Path]) -> None:
    code, out, err = run(
        "why-not", str(cases["orphan_level1"]), "--claim", "c1", "--program", "大额"
    )
    assert code == 0, err
    lines = [line.lstrip("│├└─ ").rstrip() for line in out.splitlines()]
    i = lines.index("条件未满足：2级及以上医疗机构")
    # the clause's own words follow the condition (rich may wrap after the document number)
    assert " ".join(lines[i + 1 : i + 3]).startswith(
        f"{YB_200} 二（六）「其他救助对象患上述重特大疾病以外的其他疾病"
    )
    # verified: at a 二级 hospital the stay pays (40000 − 24000) × 75% = 12000.00 (二（六）)
    assert "医院级别改为 2 级 → 大额费用救助支付 12000.00 元" in lines


def test_why_not_suggests_every_identity_that_works(cases: dict[str, Path]) -> None:
    t = tree("why-not", str(cases["edge_stays"]), "--claim", "c2", "--program", "大额")
    changes = child_texts(find(t, "最小改动（均已重新计算验证）"))
    # 二（六）: self-pay 40000 − 24000 = 16000; × 75% = 12000.00; × 70% = 11200.00
    seventy_five = ["orphan", "de_facto_orphan", "hiv_child", "key_entitled"]
    seventy = [
        "severe_disabled",
        "retired_1960s",
        "xiangyu_worker",
        "martyr_family",
        "unit8023_child",
    ]
    got = {
        c.split("（")[-1].split("）")[0]: c.rsplit(" → ", 1)[1] for c in changes if "增加身份" in c
    }
    # the person stays 低保边缘家庭成员, whose 大额费用 is in 渝北府办发〔2023〕37号: 就高 against it
    # makes the added identity's figure a floor (i_yb_floor)
    assert got == {
        **{c: "大额费用救助区间 不低于 12000.00 元" for c in seventy_five},
        **{c: "大额费用救助区间 不低于 11200.00 元" for c in seventy},
    }


def test_why_not_says_a_category_is_delegated(cases: dict[str, Path]) -> None:
    delegated = (
        "「低保边缘家庭成员」的大额费用救助由 渝北府办发〔2023〕37号 规定，该文件不在知识库中"
    )
    # a 20000 stay: the document's own condition (over 3万元) is not met either
    t = tree("why-not", str(cases["edge_stays"]), "--claim", "c1", "--program", "大额")
    assert t["text"] == "c1 · 大额费用救助：不符合"
    node = find(t, delegated)
    assert child_texts(node) == [
        YB_2_6_A,
        "本文件为该项目所列条件未满足：一次住院政策范围内费用超过 30000.00 元",
    ]
    assert child_texts(node["children"][1]) == [YB_2_6_B]
    assert not any(x.startswith("身份不符") for x in texts(t))
    assert "无适用规则：身份或条件不符" not in texts(t)
    # a 40000 stay: 待定 under the other document
    t = tree("why-not", str(cases["edge_stays"]), "--claim", "c2", "--program", "大额")
    assert t["text"] == "c2 · 大额费用救助：待定"
    assert child_texts(find(t, delegated)) == [YB_2_6_A]
    assert not any(x.startswith("身份不符") for x in texts(t))


def test_compare_accepts_short_forms() -> None:
    code, out, err = run(
        "compare", "--program", "大额", "--category", "低保边缘", "--format", "json"
    )
    assert code == 0, err
    assert json.loads(out)["category"] == "dibao_edge"
    code, _, err = run("compare", "--program", "住院", "--category", "贫困户")
    assert code == 1
    assert err.startswith(
        "Error: --category: 未知救助对象类别 '贫困户'；可用：tekun（特困人员）、dibao（低保对象）"
    )


def test_why_not_quotes_the_exclusion(tmp_path: Path) -> None:
    data = example()
    data["claims"][0].update(referral="未转诊")
    data["claims"][0]["hospital"]["scope"] = "省内"
    t = tree("why-not", str(write_case(tmp_path, data)), "--claim", "c1", "--program", "住院")
    assert t["text"] == "c1 · 住院救助：排除"
    reason = find(t, "未按规定转诊，在统筹地区以外就医的费用原则上不纳入医疗救助范围")
    assert child_texts(reason) == [
        "沧政办规〔2022〕7号 六（三）「未按规定转诊的救助对象，所发生的医疗费用原则上不纳入医疗救助范围。」"
    ]
