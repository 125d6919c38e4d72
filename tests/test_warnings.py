"""预警: `medaid warnings` lists exactly the persons over each line; `eval` agrees person by person.

Lines (hand-computed from the parameters below):
- 沧州 沧政办规〔2022〕7号 四（一）, 全省上年农村常住居民人均可支配收入 18000 元:
  因病返贫预警 (低保边缘家庭成员、农村易返贫致贫人口) 50% → 9000.00 元;
  因病致贫预警 (参加城乡居民医保的普通居民) 100% → 18000.00 元.
- 攀枝花 第十八条, 上年居民人均可支配收入 30000 元, every insured person: 50% → 15000.00 元.
- 江苏 五（九）: no figure; the named parameter warning_threshold is given for 2024 only
  (10000 元 × 100% → 10000.00 元), so 2023 is reported as missing.
Self-pay = 政策范围内费用 − 基本医保 − 大病保险 − 补充保险, summed per person and year.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reasoner.api import evaluate_data, get_kb
from reasoner.case import parse_case
from reasoner.cli.main import main
from reasoner.engine import engine
from reasoner.warnings import case_warnings, warning_rules, warnings_files

# person: (region, scheme, [(category, since, until)], [(date, cost, basic)])
PERSONS: dict[str, tuple[str, str, list[tuple[str, str, str]], list[tuple[str, int, int]]]] = {
    # 低保: 20000 over both lines, but 低保 is neither 普通居民 nor a 返贫 group → none
    "cz_dibao": (
        "沧州市",
        "resident_tier1",
        [("低保对象", "", "")],
        [("2022-07-01", 30000, 10000)],
    ),
    # 特困 50000 → none
    "cz_tekun": (
        "沧州市",
        "resident_tier1",
        [("特困人员", "", "")],
        [("2022-06-01", 60000, 10000)],
    ),
    # 低保边缘 from June: 30000 − 20000 = 10000 > 9000 → 因病返贫预警
    "cz_edge": (
        "沧州市",
        "resident_tier1",
        [("低保边缘家庭成员", "2022-06-01", "")],
        [("2022-07-01", 30000, 20000)],
    ),
    # 纳入监测 9000.01 > 9000.00 → 因病返贫预警 (to the fen)
    "cz_monitored": (
        "沧州市",
        "resident_tier2",
        [("纳入监测范围的农村易返贫致贫人口", "", "")],
        [("2022-06-10", 20000, 10999.99)],  # type: ignore[list-item]
    ),
    # 未纳入监测的农村易返贫致贫人口 9500 > 9000 → 因病返贫预警
    "cz_rural": (
        "沧州市",
        "resident_tier1",
        [("未纳入监测范围的农村易返贫致贫人口", "", "")],
        [("2022-06-10", 19500, 10000)],
    ),
    # no identity, 30000 − 10000 = 20000 > 18000 → 因病致贫预警
    "cz_plain": ("沧州市", "resident_tier1", [], [("2022-07-01", 30000, 10000)]),
    # no identity, exactly 18000.00: not over → none
    "cz_equal": ("沧州市", "resident_tier1", [], [("2022-07-01", 28000, 10000)]),
    # 职工医保, 30000: not 城乡居民医保 → none
    "cz_employee": ("沧州市", "employee", [], [("2022-07-01", 40000, 10000)]),
    # 低保边缘 ended 2021-12-31: in 2022 an ordinary resident, 20000 > 18000 → 因病致贫预警
    "cz_former": (
        "沧州市",
        "resident_tier1",
        [("低保边缘家庭成员", "2021-01-01", "2021-12-31")],
        [("2022-08-01", 30000, 10000)],
    ),
    # 攀枝花 no identity, 20000 > 15000 → 推送
    "pzh_plain": ("攀枝花市", "resident_tier1", [], [("2023-03-01", 40000, 20000)]),
    # 攀枝花 特困 16000 > 15000 → 推送 (基本医保参保对象, identity or not)
    "pzh_tekun": (
        "攀枝花市",
        "resident_tier1",
        [("特困人员", "", "")],
        [("2023-03-01", 20000, 4000)],
    ),
    # 14000 → none
    "pzh_low": ("攀枝花市", "", [], [("2023-03-01", 20000, 6000)]),
    # 8000 + 8000 = 16000 in 2023 → 推送; 2024: 16000 → 推送 again (one row per year)
    "pzh_two": (
        "攀枝花市",
        "resident_tier2",
        [],
        [("2023-03-01", 10000, 2000), ("2023-09-01", 10000, 2000), ("2024-01-05", 20000, 4000)],
    ),
    # 江苏 低保边缘 2023: no warning_threshold for 2023 → missing_parameter
    "js_edge23": (
        "江苏省",
        "resident_tier1",
        [("低保边缘家庭成员", "", "")],
        [("2023-04-01", 30000, 10000)],
    ),
    # 江苏 低保边缘 2024: 12000 > 10000 → 预警
    "js_edge24": (
        "江苏省",
        "resident_tier1",
        [("低保边缘家庭成员", "", "")],
        [("2024-04-01", 20000, 8000)],
    ),
    # 江苏 低保 is not a watched group → none, and nothing missing
    "js_dibao": (
        "江苏省",
        "resident_tier1",
        [("低保对象", "", "")],
        [("2023-04-01", 30000, 10000)],
    ),
}
PARAMETERS = {
    "沧州市": {"province_rural_per_capita_disposable_income": 18000},
    "攀枝花市": {"per_capita_disposable_income": 30000},
    "江苏省": {2024: {"warning_threshold": 10000}},
}
# (person, year, warning, status, self_pay, threshold)
EXPECTED = [
    ("cz_edge", 2022, "cz_warn_return", "warning", "10000.00", "9000.00"),
    ("cz_former", 2022, "cz_warn_poverty", "warning", "20000.00", "18000.00"),
    ("cz_monitored", 2022, "cz_warn_return", "warning", "9000.01", "9000.00"),
    ("cz_plain", 2022, "cz_warn_poverty", "warning", "20000.00", "18000.00"),
    ("cz_rural", 2022, "cz_warn_return", "warning", "9500.00", "9000.00"),
    ("js_edge23", 2023, "js_warn", "missing_parameter", "20000.00", None),
    ("js_edge24", 2024, "js_warn", "warning", "12000.00", "10000.00"),
    ("pzh_plain", 2023, "pzh_warn", "warning", "20000.00", "15000.00"),
    ("pzh_tekun", 2023, "pzh_warn", "warning", "16000.00", "15000.00"),
    ("pzh_two", 2023, "pzh_warn", "warning", "16000.00", "15000.00"),
    ("pzh_two", 2024, "pzh_warn", "warning", "16000.00", "15000.00"),
]


def _write_inputs(d: Path) -> None:
    with (d / "persons.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "region", "scheme"])
        for pid, (region, scheme, _, _) in PERSONS.items():
            w.writerow([pid, region, scheme])
    with (d / "identities.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "category", "since", "until"])
        for pid, (_, _, ids, _) in PERSONS.items():
            for cat, since, until in ids:
                w.writerow([pid, cat, since, until])
    with (d / "claims.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(
            [
                "claim_id",
                "person_id",
                "type",
                "date",
                "hospital_level",
                "scope",
                "policy_scope_cost",
                "basic_insurance_paid",
            ]
        )
        for pid, (_, _, _, claims) in PERSONS.items():
            for i, (date, cost, basic) in enumerate(claims):
                w.writerow([f"{pid}-{i}", pid, "inpatient", date, 2, "in_city", cost, basic])
    lines = []
    for region, params in PARAMETERS.items():
        lines.append(f"{region}:")
        for k, v in params.items():
            if isinstance(v, dict):
                lines.append(f"  {k}:")
                lines += [f"    {kk}: {vv}" for kk, vv in v.items()]
            else:
                lines.append(f"  {k}: {v}")
    (d / "params.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("warnings")
    _write_inputs(d)
    return d


@pytest.fixture(scope="module")
def listed(inputs: Path) -> list[dict[str, Any]]:
    rows, errors, st = warnings_files(
        get_kb(),
        engine(),
        inputs / "persons.csv",
        inputs / "identities.csv",
        inputs / "claims.csv",
        inputs / "params.yaml",
    )
    assert errors.num_rows == 0 and st.claims_evaluated == st.claims_in == 18
    return rows.to_pylist()


def _key(r: dict[str, Any]) -> tuple[Any, ...]:
    return (r["person_id"], r["year"], r["warning"], r["status"], r["self_pay"], r["threshold"])


def test_exactly_the_persons_over_each_line(listed: list[dict[str, Any]]) -> None:
    assert sorted(_key(r) for r in listed) == EXPECTED


def test_rows_name_the_warning_clause_quote_and_self_pay_basis(
    listed: list[dict[str, Any]],
) -> None:
    by = {(r["person_id"], r["year"]): r for r in listed}
    edge = by[("cz_edge", 2022)]
    assert edge["warning_name"] == "因病返贫预警"
    assert edge["watched_as"] == "低保边缘家庭成员"
    assert edge["document"] == "沧政办规〔2022〕7号" and edge["clause"] == "四（一）"
    assert edge["quote"].startswith("对低保边缘家庭成员、农村易返贫致贫人口中经基本医保")
    assert edge["threshold_rule"] == "全省上年农村常住居民人均可支配收入 × 50%"
    assert edge["self_pay_interpretation"] == "i_cz_warn_self_pay"
    assert "医疗救助前" in edge["self_pay_basis"]
    plain = by[("cz_plain", 2022)]
    assert plain["warning_name"] == "因病致贫预警"
    assert plain["watched_as"].startswith("普通居民")
    pzh = by[("pzh_tekun", 2023)]
    assert (pzh["warning_name"], pzh["clause"]) == ("因病致贫返贫监测推送", "第十八条")
    missing = by[("js_edge23", 2023)]
    assert missing["reason"] == (
        "缺少参数 warning_threshold（预警监测标准（个人年度负担医疗费用）），地区 jiangsu，"
        "年度 2023：请在案例的 parameters 中提供"
    )


def test_every_warning_names_its_self_pay_interpretation() -> None:
    kb = get_kb()
    rules = warning_rules(kb)
    assert {r.id for r in rules} >= {"cz_warn_return", "cz_warn_poverty", "pzh_warn", "js_warn"}
    for r in rules:
        assert r.basis_cite in kb.interpretations, r.id
        assert kb.cite(r.basis_cite)["interpretation"]["rationale"]


def _case(pid: str) -> dict[str, Any]:
    region, scheme, ids, claims = PERSONS[pid]
    person: dict[str, Any] = {
        "id": pid,
        "identities": [
            {
                "category": c,
                **({"since": s} if s else {}),
                **({"until": u} if u else {}),
            }
            for c, s, u in ids
        ]
        or [{"category": "低保对象"}],  # replaced below: the case model needs one
    }
    if scheme:
        person["insurance"] = {"scheme": scheme}
    return {
        "region": region,
        "person": person,
        "parameters": PARAMETERS[region],
        "claims": [
            {
                "id": f"{pid}-{i}",
                "type": "inpatient",
                "date": d,
                "hospital": {"level": 2, "scope": "in_city"},
                "policy_scope_cost": cost,
                "basic_insurance_paid": basic,
            }
            for i, (d, cost, basic) in enumerate(claims)
        ],
    }


def _eval_keys(ws: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(_key(w) for w in ws)


@pytest.mark.parametrize("pid", sorted(PERSONS))
def test_table_equals_case_rules(pid: str, listed: list[dict[str, Any]]) -> None:
    kb = get_kb()
    case = parse_case(_case(pid), kb)
    if not PERSONS[pid][2]:
        case = case.model_copy(update={"identities": ()})
    got = [r for r in listed if r["person_id"] == pid]
    assert _eval_keys(case_warnings(kb, case)) == sorted(_key(r) for r in got)


@pytest.mark.parametrize("pid", ["cz_dibao", "cz_tekun", "cz_edge", "cz_monitored", "js_edge23"])
def test_eval_reports_the_same_warnings(pid: str, listed: list[dict[str, Any]]) -> None:
    data = _case(pid)
    # the figures the other programs need; none of them is a warning line here
    data["parameters"] = {
        "per_capita_disposable_income": 30000,
        "resident_tier1_contribution": 380,
        "resident_tier2_contribution": 640,
        **data["parameters"],
    }
    res = evaluate_data(data)
    want = sorted(_key(r) for r in listed if r["person_id"] == pid)
    assert _eval_keys(res.warnings) == want
    for w in res.warnings:
        assert w["self_pay_interpretation"] in res.interpretations


def test_eval_text_names_the_warning_clause_quote_and_interpretation(tmp_path: Path) -> None:
    data = _case("cz_edge")
    data["parameters"] = {**data["parameters"], "resident_tier1_contribution": 380}
    (tmp_path / "case.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    r = CliRunner().invoke(main, ["eval", str(tmp_path / "case.json")])
    assert r.exit_code == 0, r.output
    text = "".join(r.output.split())
    assert "预警：2022年因病返贫预警（低保边缘家庭成员）：个人自付10000.00元" in text
    assert (
        "解释i_cz_warn_self_pay），超过9000.00元（全省上年农村常住居民人均可支配收入×50%）" in text
    )
    assert "（沧政办规〔2022〕7号四（一）：「对低保边缘家庭成员、农村易返贫致贫人口中" in text
    assert "i_cz_warn_self_pay：预警按医疗救助前的个人负担计" in text


def test_cli_writes_csv_with_bom_xlsx_and_json(inputs: Path, tmp_path: Path) -> None:
    args = [
        "warnings",
        "--persons",
        str(inputs / "persons.csv"),
        "--identities",
        str(inputs / "identities.csv"),
        "--claims",
        str(inputs / "claims.csv"),
        "--parameters",
        str(inputs / "params.yaml"),
    ]
    r = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "w.csv")])
    assert r.exit_code == 0, r.output
    assert "沧州市 2022年 因病返贫预警（沧政办规〔2022〕7号 四（一））：3 人" in r.output
    assert "江苏省 2023年 未能判断 1 人：缺少参数 warning_threshold" in r.output
    raw = (tmp_path / "w.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert len(rows) == len(EXPECTED)
    r = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "w.json")])
    assert r.exit_code == 0, r.output
    assert len(json.loads((tmp_path / "w.json").read_text(encoding="utf-8"))) == len(EXPECTED)
    r = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "w.xlsx")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "w.xlsx").read_bytes()[:2] == b"PK"
    r = CliRunner().invoke(main, [*args, "--out", str(tmp_path / "w.txt")])
    assert r.exit_code == 1
    assert "Error: --out: 不支持的输出格式 .txt：可用 .csv、.xlsx、.json" in r.output


def test_audit_workbook_has_the_same_warnings_sheet(inputs: Path, tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    # the audit needs the figures of every program; persons without identities are its
    # rejected rows, so the sheet lists the warnings of persons holding an identity
    full = tmp_path / "params.yaml"
    full.write_text(
        "沧州市:\n  province_rural_per_capita_disposable_income: 18000\n"
        "  per_capita_disposable_income: 30000\n  monitoring_income_standard: 8000\n"
        "  resident_tier1_contribution: 380\n  resident_tier2_contribution: 640\n"
        "攀枝花市:\n  per_capita_disposable_income: 30000\n  monitoring_income_standard: 8000\n"
        "  resident_tier1_contribution: 380\n  resident_tier2_contribution: 640\n"
        "江苏省:\n  per_capita_disposable_income: 30000\n  resident_tier1_contribution: 380\n"
        "  resident_tier2_contribution: 640\n  2024:\n    warning_threshold: 10000\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(
        main,
        [
            "audit",
            "--persons",
            str(inputs / "persons.csv"),
            "--identities",
            str(inputs / "identities.csv"),
            "--claims",
            str(inputs / "claims.csv"),
            "--parameters",
            str(full),
            "--out",
            str(tmp_path / "audit.xlsx"),
        ],
    )
    assert r.exit_code == 0, r.output
    sheet = CalamineWorkbook.from_path(str(tmp_path / "audit.xlsx")).get_sheet_by_name("预警")
    rows = sheet.to_python()
    header, body = rows[0], rows[1:]
    assert header[:3] == ["人员编号", "地区代码", "地区"]
    got = sorted((str(b[0]), int(b[3])) for b in body)
    want = sorted((k[0], k[1]) for k in EXPECTED if PERSONS[k[0]][2])
    assert got == want
