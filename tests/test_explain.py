"""why and why-not: the arithmetic, the proof, the clauses, verified smallest changes."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from reasoner.cli.main import main
from tests.helpers import EXAMPLE, example, write_case


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), prog_name="medaid")
    return r.exit_code, r.stdout, r.stderr


def texts(node: dict) -> list[str]:  # type: ignore[type-arg]
    out = [node["text"]]
    for c in node.get("children", []):
        out += texts(c)
    return out


def test_why_shows_arithmetic_clauses_and_proof() -> None:
    code, out, err = run(
        "why", str(EXAMPLE), "--claim", "c1", "--program", "inpatient", "--format", "json"
    )
    assert code == 0, err
    tree = json.loads(out)
    lines = texts(tree)
    assert tree["text"] == "c1 · 住院救助：支付 6231.00 元"
    # (12000 − 2700) × 67% = 6231.00
    assert "按比例计算：(12000.00 − 2700.00) × 67% = 6231.00" in lines
    assert any(t.startswith("起付标准：2700.00") for t in lines)
    assert "年度救助限额：20000.00" in lines
    assert any("以「低保边缘家庭成员」身份享受住院救助" in t for t in lines)
    assert any("本人身份「低保边缘家庭成员」自 2022-01-01 至 2022-12-31" in t for t in lines)

    def cites(n: dict) -> list[dict]:  # type: ignore[type-arg]
        own = [n["citation"]] if "citation" in n else []
        return own + [c for ch in n.get("children", []) for c in cites(ch)]

    quoted = {(c["document"], c["clause"], c["quote"]) for c in cites(tree)}
    assert (
        "沧政办规〔2022〕7号",
        "二（三）",
        "低保边缘家庭成员起付标准按本市上年居民人均可支配收入的10%左右确定（2022年度暂定为2700元）",
    ) in quoted


def test_why_text_tree() -> None:
    code, out, _ = run("why", str(EXAMPLE), "--claim", "c1", "--program", "inpatient")
    assert code == 0
    assert "〔沧政办规〔2022〕7号 二（三）〕" in out and "6231.00" in out


def test_why_precedence_lists_the_alternative(tmp_path: Path) -> None:
    data = example()
    data["person"]["identities"].append({"category": "illness_poor", "since": "2022-01-01"})
    code, out, _ = run(
        "why",
        str(write_case(tmp_path, data)),
        "--claim",
        "c1",
        "--program",
        "inpatient",
        "--format",
        "json",
    )
    lines = texts(json.loads(out))
    # dibao_edge: (12000 − 2700) × 67% = 6231.00; illness_poor: (12000 − 6700) × 67% = 3551.00
    assert "因病致贫重病患者（规则 cz_inp_illness）：3551.00 元，未选" in lines


def test_why_unknown_claim_and_program() -> None:
    code, _, err = run("why", str(EXAMPLE), "--claim", "zz", "--program", "inpatient")
    assert code == 1 and err.startswith("Error: --claim: 案例中没有理赔 'zz'；可用：c1")
    code, _, err = run("why", str(EXAMPLE), "--claim", "c1", "--program", "magic")
    assert code == 1 and "未知项目 'magic'" in err


def test_why_not_unreferred_suggests_verified_referral(tmp_path: Path) -> None:
    data = example()
    data["claims"][0]["referral"] = "none"
    data["claims"][0]["hospital"]["scope"] = "in_province"
    code, out, err = run(
        "why-not",
        str(write_case(tmp_path, data)),
        "--claim",
        "c1",
        "--program",
        "inpatient",
        "--format",
        "json",
    )
    assert code == 0, err
    lines = texts(json.loads(out))
    assert lines[0] == "c1 · 住院救助：排除"
    assert "未按规定转诊，在统筹地区以外就医的费用原则上不纳入医疗救助范围" in lines
    # re-evaluated: (12000 − 2700) × 67% = 6231.00
    assert "转诊改为「基层首诊转诊」 → 住院救助支付 6231.00 元" in lines
    assert "就医地改为「市内」 → 住院救助支付 6231.00 元" in lines


def test_why_not_missing_identity_names_the_rule_and_fix() -> None:
    code, out, _ = run(
        "why-not",
        str(EXAMPLE),
        "--claim",
        "c1",
        "--program",
        "deposit_exemption",
        "--format",
        "json",
    )
    assert code == 0
    tree = json.loads(out)
    lines = texts(tree)
    assert "身份不符：规则 cz_deposit 仅适用于 低保对象、特困人员" in lines
    assert "增加身份「低保对象」（dibao） → 先诊疗后付费（免住院押金）享受" in lines


def test_why_shows_each_condition_met_with_money_in_yuan() -> None:
    case = (
        Path(__file__).resolve().parent.parent
        / "examples"
        / "yubei"
        / "orphan_major_surgery_overlap.yaml"
    )
    code, out, _ = run(
        "why", str(case), "--claim", "surgery", "--program", "large_expense", "--format", "json"
    )
    assert code == 0
    lines = texts(json.loads(out))
    # 渝北 二（六）: 62000 > 30000 at a level-2 hospital; 20500 × 75% = 15375.00
    assert "满足条件：一次住院政策范围内费用超过 30000.00 元" in lines
    assert "62000.00 元 > 30000.00 元" in lines
    assert "满足条件：2级及以上医疗机构" in lines
    assert "按比例计算：(20500.00 − 0.00) × 75% = 15375.00" in lines


def test_why_premium_by_year(tmp_path: Path) -> None:
    data = {
        "region": "yubei",
        "year": 2025,
        "person": {
            "id": "p9",
            "identities": [
                {"category": "dibao", "since": "2020-01-01"},
                {"category": "severe_disabled", "since": "2021-01-01"},
            ],
            "insurance": {"scheme": "resident_tier1"},
        },
        "parameters": {"resident_tier1_contribution": 400},
        "claims": [],
    }
    path = write_case(tmp_path, data)
    code, out, _ = run(
        "why",
        str(path),
        "--claim",
        "premium:2025",
        "--program",
        "premium_subsidy",
        "--format",
        "json",
    )
    assert code == 0
    lines = texts(json.loads(out))
    # 二（一）2 重度残疾 100% × 400 = 400.00 beats 二（二）1 低保 90% × 400 = 360.00
    assert lines[0] == "2025年 · 资助参保：支付 400.00 元"
    assert "低保对象（规则 yb_r_2_2_1）：360.00 元，未选" in lines
    code, _, err = run("why", str(path), "--claim", "c1", "--program", "premium_subsidy")
    assert code == 1 and "请用 --claim 年度（如 2022年）；可用：2025年" in err
