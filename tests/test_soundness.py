"""Sound figures: `paid` only when every lawful reading gives that figure.

Amounts are computed by hand in the comments, with the clause they come from.
"""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reasoner.api import case_from_data, evaluate_data, evaluator, get_kb
from reasoner.cli.main import main
from reasoner.evaluate import Params, Result, Vertex, figure_key
from reasoner.render import totals_lines

D = Decimal


def claim(cid: str, kind: str, date: str, cost: int, basic: int = 0, ci: int = 0, **kw: Any):
    c: dict[str, Any] = {
        "id": cid,
        "type": kind,
        "date": date,
        "hospital": {"level": kw.pop("level", 2), "scope": kw.pop("scope", "in_city")},
        "referral": kw.pop("referral", "referred"),
        "policy_scope_cost": cost,
        "basic_insurance_paid": basic,
        "critical_illness_paid": ci,
    }
    c.update(kw)
    return c


def case(region: str, cats: list[str], claims: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    person: dict[str, Any] = {
        "id": "p",
        "identities": [{"category": c, "since": "2024-01-01"} for c in cats],
    }
    person.update(kw.pop("person", {}))
    return {"region": region, "person": person, "claims": claims, **kw}


def benefit(r: Result, cid: str, program: str) -> Any:
    cr = next(c for c in r.claims if c.claim.id == cid)
    return next(b for b in cr.benefits if b.program == program)


# ---------------------------------------------------------------------------
# Unknown propagates
# ---------------------------------------------------------------------------


def test_cangzhou_monitored_tilt_is_bounded_by_every_deductible() -> None:
    # 沧政办规〔2022〕7号 二（三）: 监测对象 67%, 2万元 a year, 起付标准 not stated;
    # 二（四）: tilt 80% of the residual above 50% × 27000 = 13500, up to 3万元.
    # no 起付标准: 住院 min(40000 × 67% = 26800, 20000) = 20000 → residual 20000 →
    #   (20000 − 13500) × 80% = 5200.00
    # 起付标准 above the self-pay: 住院 0 → residual 40000 → (40000 − 13500) × 80% = 21200.00
    r = evaluate_data(
        case(
            "cangzhou",
            ["monitored"],
            [claim("c1", "inpatient", "2025-03-01", 40000)],
            parameters={"per_capita_disposable_income": 27000},
        )
    )
    inp, tilt = benefit(r, "c1", "inpatient"), benefit(r, "c1", "tilt")
    assert inp.status == "unresolved" and inp.amount is None
    assert "0.00～20000.00" in (inp.reason or "")
    assert (tilt.status, tilt.amount, tilt.amount_min, tilt.amount_max) == (
        "bounded",
        None,
        D("5200.00"),
        D("21200.00"),
    )
    assert "i_cz_monitored_deductible" in tilt.cites
    t = r.totals()
    assert t["assistance"] == D("0.00") and t["assistance_min"] == D("5200.00")
    assert "assistance_max" not in t and (t["bounded"], t["unresolved"]) == (1, 1)


def test_highest_against_a_delegated_treatment_is_a_floor() -> None:
    # 渝北府办发〔2025〕2号 二（四）: 低保 三级 75%, 1万元 a year; self-pay 40000 − 24000 − 4000 =
    # 12000 → 12000 × 75% = 9000.00. 二（六）: 低保's 大额费用 (cost 4万 > 3万, 三级, 普通疾病) is in
    # 渝北府办发〔2023〕37号, not in the base; the two are 取高 (i_yb_overlap) → 9000.00 is a floor.
    r = evaluate_data(
        case(
            "yubei",
            ["dibao"],
            [claim("c1", "inpatient", "2025-05-06", 40000, 24000, 4000, level=3)],
        )
    )
    inp, big = benefit(r, "c1", "inpatient"), benefit(r, "c1", "large_expense")
    assert (inp.status, inp.amount, inp.amount_min, inp.amount_max) == (
        "bounded",
        None,
        D("9000.00"),
        None,
    )
    assert inp.reason_code == "floor" and "i_yb_floor" in inp.cites
    assert big.status == "unresolved" and big.reference == "渝北府办发〔2023〕37号"
    t = r.totals()
    assert t == {
        "assistance": D("0.00"),
        "assistance_min": D("9000.00"),
        "bounded": 1,
        "unresolved": 1,
    }
    lines = totals_lines(t)
    assert lines[0] == "医疗救助确定金额合计：0.00 元（只含确定金额）"
    assert "区间或下限项目 1 项、待定项目 1 项" in lines[1] and "不低于 9000.00 元" in lines[1]


def test_overlap_loser_shows_no_amount() -> None:
    # 社会散居孤儿, 三级, 普通疾病, cost 40000: self-pay 12000. 二（四） 75% → 9000 (cap 1万);
    # 二（六） 75% → 9000 (cap 6万). 取高 (i_yb_overlap): equal, the first-listed 住院 pays;
    # 大额费用 is excluded and carries no amount at all.
    r = evaluate_data(
        case(
            "yubei",
            ["orphan"],
            [claim("c1", "inpatient", "2025-05-06", 40000, 24000, 4000, level=3)],
        )
    )
    inp, big = benefit(r, "c1", "inpatient"), benefit(r, "c1", "large_expense")
    assert (inp.status, inp.amount) == ("paid", D("9000.00"))
    assert (big.status, big.reason_code) == ("excluded", "overlap")
    assert (big.amount, big.amount_min, big.amount_max) == (None, None, None)


# ---------------------------------------------------------------------------
# Bounds valid per claim for every city (江苏 四（六）)
# ---------------------------------------------------------------------------

JS = {"per_capita_disposable_income": 50000}


def test_jiangsu_second_stay_bound_holds_for_a_city_at_100_percent() -> None:
    # 江苏 四（六）: 低保 (一类) no 起付标准, rate ≥ 80%, yearly cap ≥ 3 × 50000 = 150000.
    # c1 self-pay 140000: 80% → 112000.00 … 100% → 140000.00.
    # c2 self-pay 20000: a city at 100% with cap 150000 paid c1 140000 → 150000 − 140000 =
    # 10000.00 (the "all least" reading gave 20000 × 80% = 16000); most: 100%, no cap → 20000.00.
    r = evaluate_data(
        case(
            "jiangsu",
            ["dibao"],
            [
                claim("c1", "inpatient", "2025-02-10", 140000),
                claim("c2", "inpatient", "2025-10-11", 20000),
            ],
            parameters=JS,
        )
    )
    c1, c2 = benefit(r, "c1", "inpatient"), benefit(r, "c2", "inpatient")
    assert (c1.amount_min, c1.amount_max) == (D("112000.00"), D("140000.00"))
    assert (c2.status, c2.amount_min, c2.amount_max) == ("bounded", D("10000.00"), D("20000.00"))
    assert "i_js_one_figure" in c2.cites


def test_jiangsu_second_visit_bound_holds_under_the_outpatient_sublimit() -> None:
    # 四（六）: 普通门诊 sub-limit ≥ 1万元. c1 self-pay 9000: 7200.00 (80%) … 9000.00 (100%).
    # c2 self-pay 3000: a city at 100% with sub-limit 10000 paid c1 9000 → min(3000, 1000) =
    # 1000.00 (the "all least" reading gave 3000 × 80% = 2400); most: 3000.00.
    r = evaluate_data(
        case(
            "jiangsu",
            ["dibao"],
            [
                claim("c1", "outpatient", "2025-03-01", 9000),
                claim("c2", "outpatient", "2025-04-01", 3000),
            ],
            parameters=JS,
        )
    )
    c1, c2 = benefit(r, "c1", "outpatient"), benefit(r, "c2", "outpatient")
    assert (c1.amount_min, c1.amount_max) == (D("7200.00"), D("9000.00"))
    assert (c2.amount_min, c2.amount_max) == (D("1000.00"), D("3000.00"))


# A city's figures anywhere inside the province's box (四（六）): rate 80–100 / 70–100, cap
# ≥ 150000 or none, 普通门诊 sub-limit ≥ 10000 or none, 二类 起付标准 0 … 5000.
@st.composite
def jiangsu_years(draw: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    cats = draw(st.sampled_from([["dibao"], ["dibao_edge"], ["dibao", "dibao_edge"], ["tekun"]]))
    n = draw(st.integers(2, 4))
    claims = [
        claim(
            f"c{i}",
            draw(st.sampled_from(["inpatient", "outpatient", "chronic_outpatient"])),
            f"2025-{i + 1:02d}-01",
            draw(st.sampled_from([800, 3000, 6000, 9000, 40000, 90000, 140000])),
        )
        for i in range(n)
    ]
    choice = {
        "r80": draw(st.integers(80, 100)),
        "r70": draw(st.integers(70, 100)),
        "cap": draw(st.one_of(st.none(), st.integers(150000, 400000))),
        "sub": draw(st.one_of(st.none(), st.integers(10000, 30000))),
        "ded": draw(st.integers(0, 5000)),
    }
    return case("jiangsu", cats, claims, parameters=JS), choice


def _reading(data: dict[str, Any], choice: dict[str, Any]) -> Vertex:
    kb = get_kb()
    c = case_from_data(data)
    params = Params(kb, c)
    values: dict[Any, Decimal | None] = {}
    for rule in kb.rules.values():
        if rule.region != "jiangsu":
            continue
        for name in ("deductible", "rate", "cap", "subcap"):
            p = params.get(rule, name, 2025)
            if p is None or figure_key(p, 2025) not in params.open_figures(rule, 2025):
                continue
            v: Any = {
                ("rate", 80): choice["r80"],
                ("rate", 70): choice["r70"],
                ("cap", 300): choice["cap"],
                ("subcap", 1000000): choice["sub"],
                ("deductible", 10): choice["ded"],
            }[(name, p.value)]
            values[figure_key(p, 2025)] = None if v is None else D(v)
    return Vertex(values=values)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(jiangsu_years())
def test_any_city_choice_stays_inside_every_claims_bounds(drawn: Any) -> None:
    data, choice = drawn
    ev = evaluator()
    c = case_from_data(data)
    bounds = ev.evaluate(c, premium=False)
    one = ev.evaluate(c, premium=False, reading=_reading(data, choice))
    for cr, cr1 in zip(bounds.claims, one.claims, strict=True):
        for b, b1 in zip(cr.benefits, cr1.benefits, strict=True):
            if b.status not in ("paid", "bounded"):
                continue
            assert b1.status == "paid" and b1.amount is not None, (cr.claim.id, b.program)
            lo = b.amount if b.status == "paid" else b.amount_min
            hi = b.amount if b.status == "paid" else b.amount_max
            assert lo is not None and lo <= b1.amount, (cr.claim.id, b.program, choice)
            assert hi is None or b1.amount <= hi, (cr.claim.id, b.program, choice)


# ---------------------------------------------------------------------------
# Identities that imply conditions; 门诊慢特病 of an ordinary disease (渝北 二（三）)
# ---------------------------------------------------------------------------


def test_severe_disabled_identity_meets_the_700_rule_without_a_grade() -> None:
    # 渝北 二（三）: 低保 who is 重度1—2级残疾 → 700元 a year, 全额: min(1000 × 100%, 700) = 700.00.
    # Holding 城乡重度（1—2级）残疾人员 proves the grade (i_yb_severe_disabled_grade). Without it:
    # 其他低保对象 400元 at 70%: min(1000 × 70% = 700, 400) = 400.00.
    c = [claim("c1", "outpatient", "2025-03-01", 2000, 1000, level=1, scope="in_district")]
    with_id = evaluate_data(case("yubei", ["dibao", "severe_disabled"], c))
    b = benefit(with_id, "c1", "outpatient")
    assert (b.status, b.amount, b.identity) == ("paid", D("700.00"), "dibao")
    assert "i_yb_severe_disabled_grade" in b.cites
    assert benefit(evaluate_data(case("yubei", ["dibao"], c)), "c1", "outpatient").amount == D(
        "400.00"
    )


def test_tekun_ordinary_chronic_outpatient_gets_the_outpatient_program() -> None:
    # 渝北 二（三）: 特困人员 700元 a year, 全额. A 门诊慢病 claim of an ordinary disease (not in
    # 二（五）'s catalogue) is 门诊 self-pay of an ordinary disease (i_yb_chronic_ordinary):
    # self-pay 1500 − 1000 = 500 → 500.00; then 900 → min(900, 700 − 500) = 200.00.
    r = evaluate_data(
        case(
            "yubei",
            ["tekun"],
            [
                claim("c1", "chronic_outpatient", "2025-03-01", 1500, 1000, disease="高血压"),
                claim("c2", "chronic_outpatient", "2025-04-01", 1900, 1000, disease="高血压"),
            ],
        )
    )
    b1, b2 = benefit(r, "c1", "outpatient"), benefit(r, "c2", "outpatient")
    assert (b1.status, b1.amount, b1.identity) == ("paid", D("500.00"), "tekun")
    assert (b2.status, b2.amount) == ("paid", D("200.00"))
    assert "i_yb_chronic_ordinary" in b1.cites


# ---------------------------------------------------------------------------
# The premium never blocks a claim
# ---------------------------------------------------------------------------

CZ = {"per_capita_disposable_income": 27000}


def _cz_dibao() -> dict[str, Any]:
    # 沧州 低保 二（三）: 70%, no 起付标准: (10000 − 6000) × 70% = 2800.00; tilt residual 1200
    # < 13500 → 0.00. 二（二）: premium ≥ 60% of the 一档 contribution — not given.
    return case(
        "cangzhou",
        ["dibao"],
        [claim("c1", "inpatient", "2025-03-01", 10000, 6000)],
        parameters=CZ,
        person={"insurance": {"scheme": "resident_tier1"}},
    )


def test_missing_contribution_leaves_only_the_premium_unresolved() -> None:
    r = evaluate_data(_cz_dibao())
    assert benefit(r, "c1", "inpatient").amount == D("2800.00")
    prem = r.premiums[2025]
    assert (prem.status, prem.reason_code) == ("unresolved", "missing_parameter")
    assert prem.missing is not None
    assert (prem.missing.name, prem.missing.region, prem.missing.year) == (
        "resident_tier1_contribution",
        "cangzhou",
        2025,
    )


def test_eval_strict_refuses_a_missing_parameter(tmp_path: Path) -> None:
    p = tmp_path / "c.yaml"
    p.write_text(yaml.safe_dump(_cz_dibao(), allow_unicode=True), encoding="utf-8")
    ok = CliRunner().invoke(main, ["eval", str(p), "--format", "json"])
    assert ok.exit_code == 0
    bad = CliRunner().invoke(main, ["eval", str(p), "--strict"])
    assert bad.exit_code == 1
    assert bad.stderr.startswith(
        "Error: parameters.resident_tier1_contribution: 缺少参数 resident_tier1_contribution"
    )
    assert "地区 cangzhou，年度 2025" in bad.stderr and "Traceback" not in bad.stderr


# ---------------------------------------------------------------------------
# The audit: exact figures only in discrepancies; missing parameters summarised
# ---------------------------------------------------------------------------


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def _claim_row(cid: str, pid: str, cost: int, basic: int, ci: int, paid: int, level: int):
    return {
        "claim_id": cid,
        "person_id": pid,
        "type": "inpatient",
        "date": "2025-05-06",
        "discharge": "2025-05-20",
        "disease": "",
        "hospital_level": level,
        "scope": "in_city",
        "referral": "referred",
        "policy_scope_cost": cost,
        "basic_insurance_paid": basic,
        "critical_illness_paid": ci,
        "supplementary_paid": 0,
        "paid_assistance": paid,
    }


@pytest.fixture(scope="module")
def audit_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("sound_audit")
    person = {"disability_grade": "", "needs_maintenance_treatment": "", "birth_date": ""}
    return {
        "persons": _write(
            d / "persons.csv",
            [
                {"person_id": "A", "region": "cangzhou", **person, "scheme": "resident_tier1"},
                {"person_id": "B", "region": "yubei", **person, "scheme": ""},
            ],
        ),
        "identities": _write(
            d / "identities.csv",
            [
                {"person_id": "A", "category": "dibao", "since": "2024-01-01", "until": ""},
                {"person_id": "B", "category": "dibao", "since": "2024-01-01", "until": ""},
            ],
        ),
        "claims": _write(
            d / "claims.csv",
            [
                # 沧州 低保 70%: (10000 − 6000) × 70% = 2800; paid 3000 → +200.00 (多付)
                _claim_row("a1", "A", 10000, 6000, 0, 3000, 2),
                # (5000 − 3000) × 70% = 1400; paid 1000 → −400.00 (少付)
                _claim_row("a2", "A", 5000, 3000, 0, 1000, 2),
                # 渝北 低保 三级: 9000 is only a floor (37号) → not compared
                _claim_row("b1", "B", 40000, 24000, 4000, 9500, 3),
            ],
        ),
        "params": _write_yaml(d / "params.yaml", {"cangzhou": CZ}),
    }


def _write_yaml(path: Path, data: dict[str, Any]) -> Path:
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _audit(files: dict[str, Path], out: Path, *extra: str) -> Any:
    return CliRunner().invoke(
        main,
        [
            "audit",
            "--persons",
            str(files["persons"]),
            "--identities",
            str(files["identities"]),
            "--claims",
            str(files["claims"]),
            "--parameters",
            str(files["params"]),
            "--out",
            str(out),
            *extra,
        ],
    )


def test_audit_compares_exact_figures_only_and_signs_differences(
    audit_files: dict[str, Path], tmp_path: Path
) -> None:
    r = _audit(audit_files, tmp_path / "r.csv")
    assert r.exit_code == 0, r.output
    with (tmp_path / "r.discrepancies.csv").open(encoding="utf-8-sig") as fh:
        rows = {row["claim_id"]: row for row in csv.DictReader(fh)}
    assert (rows["a1"]["kind"], rows["a1"]["difference"], rows["a1"]["expected"]) == (
        "over",
        "200.00",
        "2800.00",
    )
    assert (rows["a2"]["kind"], rows["a2"]["difference"]) == ("under", "-400.00")
    assert rows["b1"]["kind"] == "not_exact" and rows["b1"]["difference"] == ""
    assert rows["b1"]["not_exact_programs"] == "inpatient:bounded;large_expense:unresolved"
    assert "多付最多的理赔" in r.output and "少付最多的理赔" in r.output
    # the premium's missing contribution blocks no claim: every claim row is evaluated
    assert "理赔：读入 3 行 = 评估 3 + 拒绝 0" in r.output
    assert (
        "缺少参数 resident_tier1_contribution（城乡居民医保一档个人缴费标准），地区 沧州市（cangzhou），"
        "年度 2025：涉及 1 人，资助参保待定，理赔照常评估"
    ) in r.output
    with (tmp_path / "r.csv").open(encoding="utf-8-sig") as fh:
        res = {(x["person_id"], x["claim_id"], x["program"]): x for x in csv.DictReader(fh)}
    assert res[("A", "premium:2025", "premium_subsidy")]["status"] == "unresolved"
    assert res[("A", "a1", "inpatient")]["amount"] == "2800.00"


def test_audit_strict_refuses_a_missing_parameter(
    audit_files: dict[str, Path], tmp_path: Path
) -> None:
    r = _audit(audit_files, tmp_path / "r.csv", "--strict")
    assert r.exit_code == 1
    assert "Error: parameters.resident_tier1_contribution: 缺少参数" in r.stderr
    assert "Traceback" not in r.stderr


def test_audit_top_lists_the_largest_differences_each_way() -> None:
    import io
    from decimal import Decimal

    import pyarrow as pa
    from rich.console import Console

    from cli.audit import _print_discrepancies
    from reasoner.audit_results import Discrepancies

    def yuan(xs: list[str]) -> pa.Array:
        return pa.array([Decimal(x) for x in xs], pa.decimal128(18, 2))

    # differences paid − expected: c3 +50.00 and c1 +50.00 tie (the claim id decides), c2 +5.00
    # is the third over-payment; u1 −80.00 is the only under-payment
    rows = pa.table(
        {
            "claim_id": ["c2", "c3", "u1", "c1"],
            "person_id": ["p", "p", "q", "p"],
            "kind": ["over", "over", "under", "over"],
            "paid_assistance": yuan(["105.00", "150.00", "20.00", "150.00"]),
            "expected": yuan(["100.00", "100.00", "100.00", "100.00"]),
            "difference": yuan(["5.00", "50.00", "-80.00", "50.00"]),
        }
    )
    buf = io.StringIO()
    _print_discrepancies(Console(file=buf, width=200), Discrepancies(), rows, 2)
    text = buf.getvalue()
    assert "多付最多的理赔（前 2 笔）" in text and "少付最多的理赔（前 1 笔）" in text
    over = text[text.index("多付最多") : text.index("少付最多")]
    assert over.index("c1") < over.index("c3") and "c2" not in over
    assert "+50.00" in over and "-80.00" in text[text.index("少付最多") :]
