"""Reforms (`medaid simulate`, `why --reform`), the same case under another region, batches.

Hand-computed figures come from 沧政办规〔2022〕7号 (kb/cangzhou, /work/shared/seeds/004_*):
二（三） 低保对象不设起付标准，按70%救助，年度累计救助限额为2万元；
二（四） 三重制度保障后自付超过本市上年居民人均可支配收入50%以上的部分按80%倾斜救助，年度限额3万元.
"""

from __future__ import annotations

import copy
import csv
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cli.main import main
from reasoner.api import get_kb
from reasoner.errors import InputError
from reasoner.reform import Reform, parse_reform
from reasoner.reform_batch import simulate_batch
from reasoner.reform_case import simulate_case
from tests.helpers import ROOT, write_case

NAME = "沧州住院救助限额提高到3万元"


def dibao_case(self_pay: int = 40000, cost: int = 100000) -> dict[str, Any]:
    """沧州 低保对象, one referred stay in the city; self-pay = cost − 基本医保 − 大病保险."""
    return {
        "region": "cangzhou",
        "parameters": {"per_capita_disposable_income": 27000, "resident_tier1_contribution": 380},
        "person": {
            "id": "p1",
            "identities": [{"category": "低保对象", "since": "2020-01-01"}],
            "insurance": {"scheme": "resident_tier1"},
        },
        "claims": [
            {
                "id": "c1",
                "type": "inpatient",
                "date": "2022-07-01",
                "discharge": "2022-07-10",
                "hospital": {"level": 2, "scope": "in_city"},
                "referral": "primary_care",
                "policy_scope_cost": cost,
                "basic_insurance_paid": cost - self_pay,
                "critical_illness_paid": 0,
            }
        ],
    }


def reform(*changes: dict[str, Any], name: str = NAME) -> Reform:
    return parse_reform({"name": name, "changes": [_text(c) for c in changes]}, get_kb())


def _text(c: dict[str, Any]) -> dict[str, str]:
    # A reform file is read with every scalar as text (yaml BaseLoader).
    return {k: str(v) for k, v in c.items()}


CAP = {"region": "cangzhou", "program": "inpatient", "parameter": "cap", "value": 30000}
RATE = {
    "region": "沧州",
    "program": "住院救助",
    "category": "低保对象",
    "parameter": "rate",
    "value": "75%",
}


def amounts(js: dict[str, Any]) -> dict[tuple[str, str], Any]:
    out = {}
    for c in js["claims"]:
        for b in c["benefits"]:
            out[(c["id"], b["program"])] = (
                b["status"],
                b["amount"],
                b["amount_min"],
                b["amount_max"],
            )
    for y, b in js["premium_subsidies"].items():
        out[(f"premium:{y}", b["program"])] = (
            b["status"],
            b["amount"],
            b["amount_min"],
            b["amount_max"],
        )
    return out


@pytest.fixture(scope="module")
def cap_run() -> dict[str, Any]:
    return simulate_case(get_kb(), dibao_case(), reform(CAP))[0]


def test_baseline_and_cap_3wan_by_hand(cap_run: dict[str, Any]) -> None:
    base, new = amounts(cap_run["baseline"]), amounts(cap_run["reform"])
    # Baseline: 40000 × 70% = 28000 > cap 20000 → 20000.00 (二（三）).
    assert base[("c1", "inpatient")][:2] == ("paid", "20000.00")
    # Tilt: residual 40000 − 20000 = 20000; threshold 27000 × 50% = 13500;
    # (20000 − 13500) × 80% = 5200.00 ≤ 30000 (二（四）).
    assert base[("c1", "tilt")][:2] == ("paid", "5200.00")
    assert cap_run["baseline"]["totals"]["assistance"] == "25200.00"
    # Cap 3万: 28000 ≤ 30000 → 28000.00; residual 12000 < 13500 → tilt 0.00.
    assert new[("c1", "inpatient")][:2] == ("paid", "28000.00")
    assert new[("c1", "tilt")][:2] == ("paid", "0.00")
    # 28000 − (20000 + 5200) = +2800.00
    assert cap_run["delta"]["assistance"] == "+2800.00"
    assert cap_run["delta"]["by_program"]["inpatient"] == "+8000.00"
    assert cap_run["delta"]["by_program"]["tilt"] == "-5200.00"
    changed = {(c["claim"], c["program"]): c for c in cap_run["changes"]}
    assert set(changed) == {("c1", "inpatient"), ("c1", "tilt")}
    assert changed[("c1", "inpatient")]["before"]["amount"] == "20000.00"
    assert changed[("c1", "inpatient")]["after"]["amount"] == "28000.00"


def test_changed_figure_cites_the_reform_and_the_clause_it_overrides(
    cap_run: dict[str, Any],
) -> None:
    inp = next(b for b in cap_run["reform"]["claims"][0]["benefits"] if b["program"] == "inpatient")
    rec = next(c for c in inp["citations"] if c["id"] == "reform_1")
    assert rec["document"] == f"改革方案「{NAME}」"
    assert rec["clause"] == "第1项，替代 沧政办规〔2022〕7号 二（三）"
    assert rec["reform"]["overrides"][0]["id"] == "cz_2_3_f"
    assert "年度累计救助限额为2万元" in rec["reform"]["overrides"][0]["quote"]
    # the overridden clause no longer states the cap the amount rests on
    assert "cz_2_3_f" not in [c["id"] for c in inp["citations"]]
    cap_step = next(s for s in inp["calculation"]["min"] if s["name"] == "cap")
    assert (cap_step["value"], cap_step["clause"]) == ("30000.00", "reform_1")
    o = cap_run["overrides"][0]
    assert (o["rule"], o["before"], o["after"]) == ("cz_inp_basic", "20000.00元", "30000.00元")


def test_rate_75_changes_nothing_while_the_cap_binds() -> None:
    out = simulate_case(get_kb(), dibao_case(), reform(RATE))[0]
    # 40000 × 75% = 30000 > cap 20000 → still 20000.00; tilt still 5200.00.
    assert amounts(out["reform"])[("c1", "inpatient")][:2] == ("paid", "20000.00")
    assert out["delta"]["assistance"] == "0.00"
    assert out["changes"] == []
    # The rule's figures are shared by 特困人员 too: the override says which categories it reaches.
    assert out["overrides"][0]["categories"] == ["tekun", "dibao"]


def test_removing_and_adding_a_category_reaches_prolog() -> None:
    r = reform(
        {
            "region": "沧州市",
            "rule": "cz_inp_basic",
            "parameter": "remove_category",
            "value": "dibao",
        },
        {
            "region": "cangzhou",
            "rule": "cz_inp_edge",
            "parameter": "增加适用对象",
            "value": "低保对象",
        },
    )
    out = simulate_case(get_kb(), dibao_case(), r)[0]
    inp = amounts(out["reform"])[("c1", "inpatient")]
    # Under cz_inp_edge: deductible 2700 (2022), 67%: (40000 − 2700) × 67% = 24991 → cap 20000.00
    assert inp[:2] == ("paid", "20000.00")
    b = next(x for x in out["reform"]["claims"][0]["benefits"] if x["program"] == "inpatient")
    assert b["rule"] == "cz_inp_edge"
    # outpatient rules are untouched; only the removal alone leaves no inpatient rule
    only = simulate_case(get_kb(), dibao_case(), reform({**r_change_remove()}))[0]
    assert amounts(only["reform"])[("c1", "inpatient")][0] == "not_eligible"
    # 20000 + 5200 → 0 + tilt on the whole 40000: (40000 − 13500) × 80% = 21200.00
    assert amounts(only["reform"])[("c1", "tilt")][:2] == ("paid", "21200.00")
    assert only["delta"]["assistance"] == "-4000.00"


def r_change_remove() -> dict[str, Any]:
    return {
        "region": "cangzhou",
        "rule": "cz_inp_basic",
        "parameter": "remove_category",
        "value": "dibao",
    }


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        (
            {**CAP, "region": "火星"},
            "changes[0].region",
            "未知地区 '火星'；可用：shapingba（重庆市沙坪坝区）",
        ),
        ({**CAP, "program": "牙科"}, "changes[0].program", "inpatient（住院救助）"),
        ({**CAP, "category": "孤儿"}, "changes[0].category", "dibao（低保对象）"),
        ({**CAP, "rule": "cz_nope"}, "changes[0].rule", "cz_inp_edge（住院救助）"),
        ({**CAP, "parameter": "bonus"}, "changes[0].parameter", "cap（年度救助限额）"),
        ({**CAP, "value": "三万"}, "changes[0].value", "不是金额"),
        (
            {**CAP, "parameter": "threshold"},
            "changes[0]",
            "没有使用倾斜救助起点（threshold）的规则",
        ),
        ({**RATE, "value": "120"}, "changes[0].value", "0～100 的整数百分比"),
    ],
)
def test_unknown_names_are_errors_listing_the_valid_ones(
    change: dict[str, Any], field: str, message: str
) -> None:
    with pytest.raises(InputError) as e:
        reform(change)
    assert e.value.field == field
    assert message in e.value.reason


def test_values_in_yuan_wan_and_percent_of_the_base() -> None:
    kb = get_kb()
    r = reform(
        {**CAP, "value": "3万元"},
        {"region": "cangzhou", "rule": "cz_tilt", "parameter": "起点", "value": "40%"},
    )
    rk = kb.with_reform(r)
    assert rk.rules["cz_inp_basic"].params["cap"].value == 3000000
    thr = rk.rules["cz_tilt"].params["threshold"]
    assert (thr.value, thr.unit) == (40, ("percent_of", "per_capita_disposable_income"))
    # the documents' base is untouched
    assert kb.rules["cz_inp_basic"].params["cap"].value == 2000000
    # A deductible stated for 2022 alone (2700元) is replaced too, so the new figure applies.
    r2 = reform(
        {"region": "cangzhou", "rule": "cz_inp_edge", "parameter": "deductible", "value": 2500}
    )
    edge = kb.with_reform(r2).rules["cz_inp_edge"]
    assert edge.params["deductible"].value == 250000
    assert ("deductible", 2022) not in edge.year_params


# ---------------------------------------------------------------------------
# Properties
# ---------------------------------------------------------------------------

self_pays = st.integers(min_value=0, max_value=120000)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(self_pay=self_pays)
def test_the_empty_reform_equals_the_baseline(self_pay: int) -> None:
    out = simulate_case(get_kb(), dibao_case(self_pay, 130000), reform(name="空方案"))[0]
    assert out["reform"] == out["baseline"]
    assert out["changes"] == [] and out["delta"]["assistance"] == "0.00"


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    self_pay=self_pays,
    cap=st.integers(min_value=20000, max_value=80000),
    rate=st.integers(min_value=70, max_value=100),
    which=st.sampled_from(["cap", "rate", "tilt_cap", "tilt_rate"]),
)
def test_raising_a_cap_or_a_rate_never_lowers_the_total(
    self_pay: int, cap: int, rate: int, which: str
) -> None:
    change = {
        "cap": {**CAP, "value": cap},
        "rate": {**RATE, "value": rate},
        "tilt_cap": {
            "region": "cangzhou",
            "rule": "cz_tilt",
            "parameter": "cap",
            "value": cap + 10000,
        },
        "tilt_rate": {
            "region": "cangzhou",
            "rule": "cz_tilt",
            "parameter": "rate",
            "value": max(80, rate),
        },
    }[which]
    out = simulate_case(get_kb(), dibao_case(self_pay, 130000), reform(change))[0]
    assert Decimal(out["reform"]["totals"]["assistance"]) >= Decimal(
        out["baseline"]["totals"]["assistance"]
    )
    # Each program that pays under the same rule pays at least as much (tilt may fall:
    # it works on what the rest leaves, which is why only the total is monotone).
    for (cid, prog), (stt, amt, _, _) in amounts(out["baseline"]).items():
        after = amounts(out["reform"])[(cid, prog)]
        if stt == "paid" and prog != "tilt":
            assert Decimal(after[1]) >= Decimal(amt)


def test_a_reform_equals_eval_on_a_hand_edited_kb(tmp_path: Path) -> None:
    kb_copy = tmp_path / "kb"
    shutil.copytree(ROOT / "kb", kb_copy)
    f = kb_copy / "cangzhou" / "02_assistance.pl"
    text = f.read_text(encoding="utf-8")
    for rule in ("cz_inp_basic", "cz_inp_edge", "cz_inp_illness", "cz_inp_monitored"):
        old = f"param({rule}, cap, exact, 2000000, fen, cz_2_3_f)."
        assert old in text
        text = text.replace(old, f"param({rule}, cap, exact, 3000000, fen, cz_2_3_f).")
    f.write_text(text, encoding="utf-8")
    case = write_case(tmp_path, dibao_case())
    env = {**os.environ, "MEDAID_KB": str(kb_copy), "MEDAID_CACHE_DIR": str(tmp_path / "cache")}
    r = subprocess.run(
        [sys.executable, "-m", "cli", "eval", str(case), "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        check=True,
    )
    edited = json.loads(r.stdout)
    out = simulate_case(get_kb(), dibao_case(), reform(CAP))[0]
    assert amounts(out["reform"]) == amounts(edited)
    assert out["reform"]["totals"] == edited["totals"] == {"assistance": "28000.00"}


# ---------------------------------------------------------------------------
# Command line
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("reform")
    case = write_case(d, dibao_case())
    shutil.copy(ROOT / "examples" / "reforms" / "cangzhou_cap_30000.yaml", d / "cap.yaml")
    return {"dir": d, "case": case, "cap": d / "cap.yaml"}


def test_cli_simulate_json_and_text(files: dict[str, Path]) -> None:
    runner = CliRunner()
    r = runner.invoke(
        main, ["simulate", str(files["case"]), "--reform", str(files["cap"]), "--format", "json"]
    )
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert set(data) >= {"baseline", "reform", "delta", "changes"}
    assert data["delta"]["assistance"] == "+2800.00"
    r = runner.invoke(main, ["simulate", str(files["case"]), "--reform", str(files["cap"])])
    assert r.exit_code == 0, r.output
    assert "│ c1   │ 住院救助 │ 支付 20000.00 │ 支付 28000.00 │ +8000.00" in r.output
    assert "医疗救助合计：25200.00 → 28000.00 元（+2800.00）" in r.output


def test_cli_why_under_the_reform_cites_it(files: dict[str, Path]) -> None:
    r = CliRunner().invoke(
        main,
        [
            "why",
            str(files["case"]),
            "--claim",
            "c1",
            "--program",
            "inpatient",
            "--reform",
            str(files["cap"]),
        ],
    )
    assert r.exit_code == 0, r.output
    assert (
        "年度救助限额：30000.00  〔改革方案「沧州住院救助限额提高到3万元」 第1项，"
        "替代 沧政办规〔2022〕7号 二（三）〕"
    ) in r.output
    # without the reform the same line cites the document
    r = CliRunner().invoke(
        main, ["why", str(files["case"]), "--claim", "c1", "--program", "inpatient"]
    )
    assert "年度救助限额：20000.00  〔沧政办规〔2022〕7号 二（三）〕" in r.output


def test_cli_reform_file_errors(files: dict[str, Path]) -> None:
    bad = files["dir"] / "bad.yaml"
    bad.write_text(
        "name: x\nchanges:\n  - {region: cangzhou, parameter: cap, value: 2022-04-31}\n",
        encoding="utf-8",
    )
    r = CliRunner().invoke(main, ["simulate", str(files["case"]), "--reform", str(bad)])
    assert r.exit_code == 1
    assert "Error: changes[0].value: 不是金额：'2022-04-31'" in r.output


def test_as_region_moves_dates_and_names_what_the_target_lacks() -> None:
    from reasoner.reform_case import as_region

    data = dibao_case()
    out = as_region(get_kb(), data, "渝北区")
    assert out["to"] == "yubei"
    # 渝北府办发〔2025〕2号 is in force from 2025-01-01: 2022-07-01 → 2025-07-01.
    assert out["date_shift"]["years"] == 3
    assert out["date_shift"]["claims"]["c1"] == ["2022-07-01", "2025-07-01"]
    only = {p["program"] for p in out["programs_only_in_source"]}
    assert "tilt" in only
    assert out["target"]["claims"][0]["date"] == "2025-07-01"
    # The premium year moves with the claims and is compared with the source's.
    assert {c["claim"] for c in out["changes"] if c["program"] == "premium_subsidy"} == {
        "premium:2022"
    }
    # 江苏 names no 因病致贫重病患者 of 沧州's kind: shown as such, and nothing is paid for it.
    ill = copy.deepcopy(data)
    ill["person"]["identities"] = [{"category": "因病致贫重病患者", "since": "2020-01-01"}]
    js = as_region(get_kb(), ill, "江苏省")
    assert [m["category"] for m in js["missing_categories"]] == ["illness_poor"]
    assert js["missing_categories"][0]["note"].endswith("未规定此类救助对象")


# ---------------------------------------------------------------------------
# Batch
# ---------------------------------------------------------------------------


def _write_csv(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("batch")
    persons = [
        {"person_id": f"p{i}", "region": "cangzhou", "scheme": "resident_tier1"}
        for i in range(1, 5)
    ]
    idents = [
        {"person_id": "p1", "category": "dibao", "since": "2020-01-01"},
        {"person_id": "p2", "category": "dibao_edge", "since": "2020-01-01"},
        {"person_id": "p3", "category": "tekun", "since": "2020-01-01"},
        {"person_id": "p4", "category": "dibao", "since": "2020-01-01"},
    ]
    claims = []
    for pid, sp, date in (
        ("p1", 40000, "2022-07-01"),
        ("p2", 30000, "2022-08-01"),
        ("p3", 10000, "2022-09-01"),
        ("p4", 20000, "2022-06-01"),
        ("p4", 15000, "2022-10-01"),
    ):
        claims.append(
            {
                "claim_id": f"{pid}-{date}",
                "person_id": pid,
                "type": "inpatient",
                "date": date,
                "discharge": date,
                "hospital_level": "2",
                "scope": "in_city",
                "referral": "primary_care",
                "policy_scope_cost": str(sp + 50000),
                "basic_insurance_paid": "50000",
                "critical_illness_paid": "0",
            }
        )
    params = d / "params.yaml"
    params.write_text(
        "cangzhou:\n  per_capita_disposable_income: 27000\n  resident_tier1_contribution: 380\n",
        encoding="utf-8",
    )
    paths = {
        "persons": _write_csv(d / "persons.csv", persons),
        "identities": _write_csv(d / "identities.csv", idents),
        "claims": _write_csv(d / "claims.csv", claims),
        "parameters": params,
    }
    summary, diff = simulate_batch(
        get_kb(),
        paths["persons"],
        paths["identities"],
        paths["claims"],
        params,
        reform(CAP),
    )
    return {
        "dir": d,
        "paths": paths,
        "summary": summary,
        "diff": diff,
        "claims": claims,
        "idents": idents,
    }


def test_batch_delta_is_the_sum_of_claim_deltas_and_of_per_case_simulations(
    batch: dict[str, Any],
) -> None:
    s, diff = batch["summary"], batch["diff"]
    claim_rows = [r for r in diff if r["program"] != "premium_subsidy"]
    total = sum(Decimal(r["delta"]) for r in claim_rows)
    assert Decimal(s["delta"]["assistance"]) == total
    # per person, the same as `simulate CASE` on that person's case
    per_case = Decimal(0)
    for pid in ("p1", "p2", "p3", "p4"):
        data = dibao_case()
        data["person"] = {
            "id": pid,
            "identities": [
                {"category": i["category"], "since": i["since"]}
                for i in batch["idents"]
                if i["person_id"] == pid
            ],
            "insurance": {"scheme": "resident_tier1"},
        }
        data["claims"] = [
            {
                "id": c["claim_id"],
                "type": "inpatient",
                "date": c["date"],
                "discharge": c["discharge"],
                "hospital": {"level": 2, "scope": "in_city"},
                "referral": "primary_care",
                "policy_scope_cost": c["policy_scope_cost"],
                "basic_insurance_paid": c["basic_insurance_paid"],
            }
            for c in batch["claims"]
            if c["person_id"] == pid
        ]
        per_case += Decimal(simulate_case(get_kb(), data, reform(CAP))[0]["delta"]["assistance"])
    assert per_case == total
    # p1: +2800.00 (above). p4: 20000 + 15000 self-pay, 70% → 14000 then 10500 capped at 6000
    # (baseline) or 10500 (cap 3万: 14000 + 10500 = 24500 ≤ 30000); tilt: residual 6000 + 9000
    # = 15000 > 13500 → 1200.00 before; after, residual 6000 + 4500 = 10500 < 13500 → 0.
    # Δ = (4500 − 1200) = +3300.00. p2 (低保边缘, 2700 deductible, 67%): (30000 − 2700) × 67% =
    # 18291 < 20000 → unchanged. p3 特困 10000 × 70% = 7000 → unchanged.
    assert total == Decimal("2800.00") + Decimal("3300.00")
    assert s["persons"] == {"better": 2, "worse": 0, "unchanged": 2}


def test_batch_summary_groups_and_caps(batch: dict[str, Any]) -> None:
    s = batch["summary"]
    by = {(t["region"], t["program"], t["category"]): t for t in s["totals"]}
    # 低保 inpatient: before 20000 + 14000 + 6000 = 40000; after 28000 + 14000 + 10500 = 52500
    assert by[("cangzhou", "inpatient", "dibao")]["baseline"] == "40000.00"
    assert by[("cangzhou", "inpatient", "dibao")]["reform"] == "52500.00"
    assert s["delta"]["by_program"]["inpatient"] == "+12500.00"
    # p1 and p4 use up the shared 2万 cap before; nobody reaches 3万 after.
    cap = next(c for c in s["caps"] if c["pool"] == "cz_annual")
    assert (cap["before"], cap["after"]) == (2, 0)
    assert s["rows"]["claims_in"] == 5 and s["rows"]["claims_rejected"] == 0


def test_cli_batch_writes_the_diff(batch: dict[str, Any], files: dict[str, Path]) -> None:
    p = batch["paths"]
    out = batch["dir"] / "diff.csv"
    args = ["simulate", "--persons", str(p["persons"]), "--identities", str(p["identities"])]
    args += ["--claims", str(p["claims"]), "--parameters", str(p["parameters"])]
    args += ["--reform", str(files["cap"]), "--out", str(out), "--format", "json"]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert json.loads(r.output)["delta"]["assistance"] == "+6100.00"
    with out.open(encoding="utf-8-sig") as fh:
        rows = list(csv.DictReader(fh))
    changed = {(x["claim_id"], x["program"]): x for x in rows if x["changed"] == "True"}
    assert changed[("p1-2022-07-01", "inpatient")]["amount_before"] == "20000.00"
    assert changed[("p1-2022-07-01", "inpatient")]["amount_after"] == "28000.00"
    assert changed[("p1-2022-07-01", "inpatient")]["delta"] == "+8000.00"


def test_as_region_premium_range_against_a_figure() -> None:
    from reasoner.reform_case import as_region

    out = as_region(get_kb(), dibao_case(), "yubei")
    prem = next(c for c in out["changes"] if c["program"] == "premium_subsidy")
    # 沧州 二（二）: 低保对象 不低于60% of the 380 元 contribution → 228.00～380.00;
    # 渝北 二（二）1: 低保对象 一档 90% → 342.00. Under the least generous reading +114.00,
    # under the most generous −38.00.
    assert (prem["before"]["amount_min"], prem["before"]["amount_max"]) == ("228.00", "380.00")
    assert prem["after"]["amount"] == "342.00"
    assert prem["delta"] == "-38.00～+114.00"


def test_batch_xlsx_and_report(batch: dict[str, Any], files: dict[str, Path]) -> None:
    import zipfile

    p = batch["paths"]
    out, page = batch["dir"] / "diff.xlsx", batch["dir"] / "r.html"
    args = ["simulate", "--persons", str(p["persons"]), "--identities", str(p["identities"])]
    args += ["--claims", str(p["claims"]), "--parameters", str(p["parameters"])]
    args += ["--reform", str(files["cap"]), "--out", str(out), "--report", str(page)]
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    # before: 住院 低保 40000 + 低保边缘 18291 + 特困 7000, 倾斜 5200 (p1) + 1200 (p4) = 71691.00;
    # after: 住院 52500 + 18291 + 7000, 倾斜 0 = 77791.00
    assert "医疗救助合计：71691.00 → 77791.00 元（+6100.00）" in r.output
    with zipfile.ZipFile(out) as z:
        book = z.read("xl/workbook.xml").decode("utf-8")
    assert "差异明细" in book and "汇总" in book
    html = page.read_text(encoding="utf-8")
    assert "改革方案测算：沧州住院救助限额提高到3万元" in html
    assert "71691.00 → 77791.00 元" in html
    assert "年度累计救助限额为2万元" in html  # the clause the reform overrides, quoted
    bad = CliRunner().invoke(main, [*args[:-4], "--out", str(batch["dir"] / "d.txt")])
    assert bad.exit_code == 1 and "Error: --out: 不支持的格式 '.txt'" in bad.output


def test_check_under_a_reform_reports_the_findings_it_removes_and_rewords() -> None:
    # 沧政办规〔2022〕7号 二（三） states no 起付标准 for 纳入监测范围的农村易返贫致贫人口, which check
    # reports as a gap; a reform that sets one (2700元) must remove exactly that gap and reword the
    # cross-region divergence that quoted "起付标准未规定", leaving every other finding as it was.
    r = CliRunner().invoke(
        main,
        [
            "check",
            "--reform",
            str(ROOT / "examples" / "reforms" / "cangzhou_monitored_deductible.yaml"),
            "--format",
            "json",
        ],
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["name"] == "沧州监测对象起付标准定为2700元"
    assert out["added"] == []
    assert [f["id"] for f in out["removed"]] == ["gap:cangzhou:inpatient:monitored:deductible"]
    changed = {f["id"]: f for f in out["changed"]}
    assert list(changed) == ["divergence:inpatient:monitored"]
    assert "起付标准未规定" in json.dumps(
        changed["divergence:inpatient:monitored"]["before"], ensure_ascii=False
    )
    assert "起付2700元" in json.dumps(
        changed["divergence:inpatient:monitored"]["after"], ensure_ascii=False
    )
    assert out["unchanged"] == 121  # the 123 findings less the removed and the reworded one
