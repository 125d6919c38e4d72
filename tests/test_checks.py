"""`medaid check` and `medaid compare`: the findings a careful reader of the five documents
makes, each witness re-evaluated with `evaluate_data`, exit codes, and the comparison table.

The list of finding ids is pinned on purpose: a change to the kb that adds, removes or
renames a finding fails here and has to be looked at.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import time
from decimal import Decimal
from typing import Any

import pytest
from click.testing import CliRunner

from reasoner.api import case_from_data, evaluate_data, get_kb
from reasoner.checks import (
    KINDS,
    Finding,
    Profile,
    Situation,
    Space,
    cache,
    failing,
    findings_json,
    outside_bound,
    run_checks,
    search_date,
)
from reasoner.cli.main import main
from reasoner.compare import compare, comparison_csv, comparison_json, comparison_markdown
from reasoner.evaluate import claim_facts, premium_facts
from reasoner.knowledge import Param
from reasoner.render import result_json

# id → severity. validity:panzhihua:end depends on today's date (see _end_severity).
EXPECTED: dict[str, str] = {
    # gap — a recognised category left out of a program others get, a missing figure,
    # a program most documents have
    "gap:cangzhou:inpatient:monitored:deductible": "warning",
    "gap:cangzhou:outpatient:monitored:deductible": "warning",
    "gap:cangzhou:premium_subsidy:dibao_edge": "warning",
    "gap:cangzhou:premium_subsidy:illness_poor": "warning",
    "gap:cangzhou:premium_subsidy:lifted_poor": "warning",
    "gap:cangzhou:premium_subsidy:monitored": "warning",
    "gap:cangzhou:premium_subsidy:unmonitored_rural": "warning",
    "gap:jiangsu:critical_illness_tilt:no_program": "info",
    "gap:jiangsu:no_benefit:nonlocal_temp_assist_patient": "warning",
    "gap:jiangsu:tilt:params_delegated": "warning",
    "gap:panzhihua:outpatient:dibao_edge": "warning",
    "gap:panzhihua:outpatient:illness_poor": "warning",
    "gap:panzhihua:outpatient:monitored": "warning",
    "gap:panzhihua:premium_subsidy:dibao_edge": "warning",
    "gap:panzhihua:premium_subsidy:illness_poor": "warning",
    "gap:shapingba:inpatient:no_program": "warning",
    "gap:shapingba:outpatient:no_program": "warning",
    "gap:shapingba:premium_subsidy:illness_poor": "warning",
    "gap:shapingba:premium_subsidy:other_hardship": "warning",
    "gap:yubei:critical_illness_tilt:no_program": "info",
    "gap:yubei:deposit_exemption:no_program": "info",
    "gap:yubei:inpatient:dibao_edge": "warning",
    "gap:yubei:inpatient:edge_risk": "warning",
    "gap:yubei:inpatient:returned_poor": "warning",
    "gap:yubei:inpatient:sudden_hardship": "warning",
    "gap:yubei:inpatient:unit8023_child": "warning",
    "gap:yubei:inpatient:unstable_exit": "warning",
    "gap:yubei:outpatient:dibao_edge": "warning",
    "gap:yubei:outpatient:edge_risk": "warning",
    "gap:yubei:outpatient:illness_poor": "warning",
    "gap:yubei:outpatient:martyr_family": "warning",
    "gap:yubei:outpatient:retired_1960s": "warning",
    "gap:yubei:outpatient:returned_poor": "warning",
    "gap:yubei:outpatient:severe_disabled": "warning",
    "gap:yubei:outpatient:sudden_hardship": "warning",
    "gap:yubei:outpatient:unit8023_child": "warning",
    "gap:yubei:outpatient:unstable_exit": "warning",
    "gap:yubei:outpatient:xiangyu_worker": "warning",
    "gap:yubei:premium_only": "info",
    "gap:yubei:premium_subsidy:demobilized_veteran": "warning",
    "gap:yubei:premium_subsidy:duty_death_survivor": "warning",
    "gap:yubei:premium_subsidy:illness_death_survivor": "warning",
    "gap:yubei:premium_subsidy:key_entitled": "warning",
    "gap:yubei:premium_subsidy:pensioned_martyr_survivor": "warning",
    "gap:yubei:tilt:no_program": "warning",
    # overlap — 渝北 普通疾病住院 and 大额费用, separated by medaid's reading (info)
    "overlap:yubei:inpatient+large_expense": "info",
    # unresolved_reference — delegations (warning) and documents only mentioned (info)
    "unresolved_reference:cangzhou:ref_cz_hebei_rural_revitalization": "warning",
    "unresolved_reference:cangzhou:ref_cz_illness_poor_criteria": "info",
    "unresolved_reference:cangzhou:ref_cz_ji_2021_157": "info",
    "unresolved_reference:cangzhou:ref_cz_national_catalogue": "info",
    "unresolved_reference:jiangsu:ref_js_city_other_hardship": "info",
    "unresolved_reference:jiangsu:ref_js_city_standards": "info",
    "unresolved_reference:jiangsu:ref_js_city_tilt": "warning",
    "unresolved_reference:jiangsu:ref_js_gbf_2021_42": "info",
    "unresolved_reference:jiangsu:ref_js_prior_rules": "info",
    "unresolved_reference:jiangsu:ref_js_szbf_2015_135": "info",
    "unresolved_reference:jiangsu:ref_js_transition": "info",
    "unresolved_reference:panzhihua:ref_pzh_adjustment": "info",
    "unresolved_reference:panzhihua:ref_pzh_chuanbangui_2022_6": "info",
    "unresolved_reference:panzhihua:ref_pzh_city_pooling": "info",
    "unresolved_reference:panzhihua:ref_pzh_panbanfa_2021_111": "info",
    "unresolved_reference:shapingba:ref_spb_cq116": "info",
    "unresolved_reference:shapingba:ref_spb_prior_policy": "warning",
    "unresolved_reference:shapingba:ref_spb_union_policy": "info",
    "unresolved_reference:yubei:ref_yb_cq116": "info",
    "unresolved_reference:yubei:ref_yb_cq174": "info",
    "unresolved_reference:yubei:ref_yb_cq78": "info",
    "unresolved_reference:yubei:ref_yb_cqtyjr52": "info",
    "unresolved_reference:yubei:ref_yb_cqyb66": "info",
    "unresolved_reference:yubei:ref_yb_ybd97": "info",
    "unresolved_reference:yubei:ref_yb_ybf37": "warning",
    # divergence — 沙坪坝 and 渝北 implement 渝府办发〔2022〕116号; the rest informational
    "divergence:shapingba+yubei:large_expense": "info",
    "divergence:shapingba+yubei:premium_subsidy": "warning",
    "divergence:shapingba+yubei:special_disease": "info",
    "divergence:critical_illness_tilt:dibao": "info",
    "divergence:critical_illness_tilt:tekun": "info",
    "divergence:inpatient:de_facto_orphan": "info",
    "divergence:inpatient:dibao": "info",
    "divergence:inpatient:dibao_edge": "info",
    "divergence:inpatient:illness_poor": "info",
    "divergence:inpatient:monitored": "info",
    "divergence:inpatient:orphan": "info",
    "divergence:inpatient:retired_1960s": "info",
    "divergence:inpatient:tekun": "info",
    "divergence:outpatient:de_facto_orphan": "info",
    "divergence:outpatient:dibao": "info",
    "divergence:outpatient:dibao_edge": "info",
    "divergence:outpatient:orphan": "info",
    "divergence:outpatient:tekun": "info",
    "divergence:premium_subsidy:de_facto_orphan": "info",
    "divergence:premium_subsidy:dibao": "info",
    "divergence:premium_subsidy:dibao_edge": "info",
    "divergence:premium_subsidy:monitored": "info",
    "divergence:premium_subsidy:orphan": "info",
    "divergence:premium_subsidy:retired_1960s": "info",
    "divergence:premium_subsidy:returned_poor": "info",
    "divergence:premium_subsidy:tekun": "info",
    "divergence:tilt:dibao": "info",
    "divergence:tilt:dibao_edge": "info",
    "divergence:tilt:illness_poor": "info",
    "divergence:tilt:monitored": "info",
    "divergence:tilt:orphan": "info",
    "divergence:tilt:tekun": "info",
    # anomaly — 二档 earns more than 一档; a category listed earlier paid less
    "anomaly:shapingba:premium_subsidy:tier2": "warning",
    "anomaly:yubei:premium_subsidy:tier2": "warning",
    "anomaly:panzhihua:inpatient:category_order": "info",
    "anomaly:shapingba:large_expense:category_order": "info",
    "anomaly:shapingba:premium_subsidy:category_order": "info",
    "anomaly:shapingba:special_disease:category_order": "info",
    "anomaly:shapingba:tilt:category_order": "info",
    "anomaly:yubei:inpatient:category_order": "info",
    "anomaly:yubei:large_expense:category_order": "info",
    "anomaly:yubei:premium_subsidy:category_order": "info",
    "anomaly:yubei:special_disease:category_order": "info",
    # approximation — 10%左右 (2700) and 25%左右 (6700): bases 27000 and 26800
    "approximation:cangzhou:per_capita_disposable_income:2022": "info",
    # validity
    "validity:cangzhou:in_force_interpreted": "info",
    "validity:jiangsu:draft": "warning",
    "validity:jiangsu:in_force_interpreted": "info",
    "validity:jiangsu:repeals:ref_js_szbf_2015_135": "info",
    "validity:panzhihua:end": "",
    "validity:panzhihua:repeals:ref_pzh_panbanfa_2021_111": "info",
    "validity:shapingba:in_force_interpreted": "info",
    "validity:yubei:in_force_interpreted": "info",
}


def _end_severity(today: dt.date) -> str:
    days = (dt.date(2028, 1, 31) - today).days
    return "error" if days < 0 else "warning" if days <= 730 else "info"


@pytest.fixture(scope="module")
def findings() -> tuple[list[Finding], float]:
    get_kb()  # the kb load is shared by every command; time the checks themselves
    t = time.perf_counter()
    fs = run_checks(get_kb())
    return fs, time.perf_counter() - t


@pytest.fixture(scope="module")
def by_id(findings: tuple[list[Finding], float]) -> dict[str, dict[str, Any]]:
    return {f["id"]: f for f in findings_json(get_kb(), findings[0])["findings"]}


def run(*args: str) -> tuple[int, str, str]:
    r = CliRunner().invoke(main, list(args), prog_name="medaid")
    return r.exit_code, r.stdout, r.stderr


# ---------------------------------------------------------------------------
# The findings
# ---------------------------------------------------------------------------


def test_finding_ids_and_severities_are_pinned(by_id: dict[str, dict[str, Any]]) -> None:
    want = dict(EXPECTED)
    want["validity:panzhihua:end"] = _end_severity(dt.date.today())
    got = {i: f["severity"] for i, f in by_id.items()}
    assert sorted(set(got) - set(want)) == [], "new findings"
    assert sorted(set(want) - set(got)) == [], "findings gone"
    assert got == want


def test_every_finding_is_well_formed(by_id: dict[str, dict[str, Any]]) -> None:
    for fid, f in by_id.items():
        assert f["kind"] in KINDS and fid.startswith(f["kind"] + ":")
        assert f["severity"] in ("error", "warning", "info")
        assert f["regions"] and f["message"]
        assert any("\u4e00" <= ch <= "\u9fff" for ch in f["message"]), fid  # Chinese
        assert f["citations"], fid
        for c in f["citations"]:
            assert c["document"], (fid, c)
            assert c["quote"] or "interpretation" in c, (fid, c)
        assert "witness_note" not in f, f"{fid}: {f.get('witness_note')}"


def _benefit(out: dict[str, Any], claim: str | None, program: str | None) -> dict[str, Any]:
    if program is None:
        return {"status": "total", "amount": out["totals"]["assistance"]}
    if claim is None:
        return out["premium_subsidy"] or {"status": "absent"}
    c = next(c for c in out["claims"] if c["id"] == claim)
    return next((b for b in c["benefits"] if b["program"] == program), {"status": "absent"})


def _money(b: dict[str, Any]) -> tuple[Decimal, Decimal]:
    if b["status"] == "bounded":
        return Decimal(b["amount_min"]), Decimal(b["amount_max"])
    if b.get("amount") is not None:
        return Decimal(b["amount"]), Decimal(b["amount"])
    return Decimal(0), Decimal(0)


WITNESSED = [i for i in EXPECTED if not i.startswith(("validity:", "approximation:"))]


@pytest.mark.parametrize("fid", WITNESSED)
def test_witness_reproduces_the_finding(fid: str, by_id: dict[str, dict[str, Any]]) -> None:
    """Evaluate the serialised witness (and contrast) again and check what `reproduce` says."""
    f = by_id[fid]
    if f["witness"] is None:
        # Only findings no single case can show go without a witness.
        assert f["kind"] in ("unresolved_reference", "divergence", "gap"), fid
        assert f["severity"] == "info" or f["kind"] == "divergence", fid
        return
    rep = f["reproduce"]
    out = result_json(get_kb(), evaluate_data(json.loads(json.dumps(f["witness"]))))
    w = _benefit(out, rep["claim"], rep["program"])
    if rep["witness"].get("status"):
        assert w["status"] in rep["witness"]["status"], (fid, w)
        if set(rep["witness"]["status"]) <= {"paid", "bounded"}:
            assert max(_money(w)) > 0, (fid, w)
    if "reason_code" in rep["witness"]:
        assert w["reason_code"] == rep["witness"]["reason_code"], (fid, w)
    for prog, allowed in rep["witness"].get("other_programs", {}).items():
        assert _benefit(out, rep["claim"], prog)["status"] in allowed, (fid, prog)
    if "contrast" in f:
        cout = result_json(get_kb(), evaluate_data(f["contrast"]))
        c = _benefit(cout, rep["claim"], rep["program"])
        if rep["contrast"].get("status"):
            assert c["status"] in rep["contrast"]["status"], (fid, c)
        rel = rep.get("relation")
        wl, wh = _money(w)
        cl, ch = _money(c)
        if rel == "lt":
            assert wh < cl, (fid, w, c)
        elif rel == "gt":
            assert wl > ch, (fid, w, c)
        elif rel == "ne":
            assert (wl, wh) != (cl, ch), (fid, w, c)
    # The observation recorded by `medaid check` is what evaluation gives now.
    assert rep["observed"]["witness"]["status"] == w["status"]


def test_known_witnesses(by_id: dict[str, dict[str, Any]]) -> None:
    # 渝北 二（四） leaves out 原8023部队退役人员先天性残疾子女: not eligible, another category paid.
    f = by_id["gap:yubei:inpatient:unit8023_child"]
    assert f["witness"]["person"]["identities"][0]["category"] == "unit8023_child"
    assert f["reproduce"]["observed"]["witness"]["status"] == "not_eligible"
    assert f["reproduce"]["observed"]["contrast"]["status"] == "paid"
    assert any(c["clause"] == "二（四）" for c in f["citations"])
    # 沧州 监测对象: the rate and cap are stated, the deductible is not.
    f = by_id["gap:cangzhou:inpatient:monitored:deductible"]
    assert f["reproduce"]["witness"] == {"status": ["unresolved"], "reason_code": "missing_figure"}
    assert "起付标准" in f["message"]
    # 沙坪坝 因病致贫重病患者: nothing in 一档, 100% in 二档.
    f = by_id["anomaly:shapingba:premium_subsidy:tier2"]
    assert {"illness_poor", "dibao"} <= set(f["categories"])
    assert f["witness"]["person"]["insurance"]["scheme"] == "resident_tier2"
    assert f["contrast"]["person"]["insurance"]["scheme"] == "resident_tier1"
    assert {"dibao", "dibao_edge", "pensioned_martyr_survivor"} <= set(
        by_id["anomaly:yubei:premium_subsidy:tier2"]["categories"]
    )
    # 渝北 overlap: one of the two programs is excluded as a repeat, the larger is paid.
    f = by_id["overlap:yubei:inpatient+large_expense"]
    assert f["reproduce"]["witness"]["reason_code"] == "overlap"
    assert any("interpretation" in c and c["id"] == "i_yb_overlap" for c in f["citations"])
    # A delegation: unresolved, naming the document not in the base.
    f = by_id["unresolved_reference:yubei:ref_yb_ybf37"]
    assert f["reproduce"]["witness"]["reason_code"] == "delegated"
    assert "渝北府办发〔2023〕37号" in f["message"]


def test_approximation_and_validity(by_id: dict[str, dict[str, Any]]) -> None:
    msg = by_id["approximation:cangzhou:per_capita_disposable_income:2022"]["message"]
    assert "27000" in msg and "26800" in msg and "相容" in msg
    assert "征求意见稿" in by_id["validity:jiangsu:draft"]["message"]
    assert "2028年1月31日" in by_id["validity:panzhihua:end"]["message"]


def test_floor_comparison_is_generic() -> None:
    """No parent document is in the base, so no floor finding; the bound test itself works."""

    def p(bound: str, value: int, unit: Any = "percent") -> Param:
        return Param("r", "rate", bound, value, unit, "c")

    assert outside_bound(p("min", 80), p("exact", 70))
    assert not outside_bound(p("min", 80), p("exact", 85))
    assert outside_bound(p("max", 10, ("percent_of", "x")), p("exact", 12, ("percent_of", "x")))
    assert not outside_bound(
        p("max", 10, ("percent_of", "x")), p("approx", 10, ("percent_of", "x"))
    )
    assert outside_bound(
        Param("r", "cap", "max", 5, "fen", "c"), Param("r", "cap", "unlimited", 0, "fen", "c")
    )
    assert not outside_bound(p("min", 80), p("exact", 70, "fen"))  # different units: no comparison


def test_search_facts_are_the_evaluators() -> None:
    """A profile's clingo facts are exactly what the evaluator builds for its witness case."""
    kb = get_kb()
    space = Space(kb, search_date(kb))
    for prof in (
        Profile("yubei", ("dibao",), Situation("outpatient", attrs=("age", "maintenance"))),
        Profile("jiangsu", ("orphan",), Situation("inpatient", 3, "out_of_province", "none")),
        Profile(
            "shapingba", ("unstable_exit",), Situation("inpatient", special=True, cost=4_000_000)
        ),
        Profile("panzhihua", ("dibao",), Situation("premium", scheme="resident_tier2")),
    ):
        case = case_from_data(space.case_dict(prof))
        if prof.situation.type == "premium":
            want = premium_facts(case, space.date.year)
        else:
            want = claim_facts(case, case.claims[0], prof.situation.special)
        assert space.facts(prof, 7) == [(f[0], 7, *f[2:]) for f in want]


# ---------------------------------------------------------------------------
# The command
# ---------------------------------------------------------------------------


def test_cli_fail_on_and_filters(findings: tuple[list[Finding], float]) -> None:
    fs = findings[0]
    code, out, _ = run("check", "--format", "json", "--fail-on", "error")
    assert code == (1 if failing(fs, "error") else 0)
    data = json.loads(out)
    assert set(data) == {"findings"}
    assert len(data["findings"]) == len(fs)
    # A draft document is a warning: --fail-on warning fails; without --fail-on it exits 0.
    code, out, _ = run("check", "--kind", "validity", "--region", "江苏", "--fail-on", "warning")
    assert code == 1
    assert "validity:jiangsu:draft" in out and "征求意见稿" in out
    assert "validity:panzhihua" not in out
    code, out, _ = run("check", "--kind", "approximation")
    assert code == 0 and "一致性检查" in out and "26800" in out


def test_cli_bad_kind_is_a_usage_error() -> None:
    code, _, err = run("check", "--kind", "nonsense")
    assert code == 2 and "--kind" in err


def test_cli_unknown_region_is_an_error() -> None:
    code, _, err = run("check", "--region", "火星")
    assert code == 1 and err.startswith("Error: --region")


# ---------------------------------------------------------------------------
# compare
# ---------------------------------------------------------------------------


def test_compare_inpatient_has_five_regions_and_known_cells() -> None:
    kb = get_kb()
    data = comparison_json(kb, compare(kb, "inpatient"))
    assert {r["region"] for r in data["rows"]} == set(kb.documents)
    cz = next(r for r in data["rows"] if r["rule"] == "cz_inp_basic")
    assert {c["id"] for c in cz["categories"]} == {"tekun", "dibao"}
    assert {"term": "低保对象", "id": "dibao"} in cz["categories"]
    assert cz["rate"]["text"] == "70%"
    assert any(
        c["document"] == "沧政办规〔2022〕7号" and c["clause"] == "二（三）"
        for c in cz["rate"]["clauses"]
    )
    assert cz["cap"]["text"] == "2万元" and cz["deductible"]["text"] == "0元"
    spb = next(r for r in data["rows"] if r["region"] == "shapingba")
    assert spb["kind"] == "no_program"
    js = next(r for r in data["rows"] if r["rule"] == "js_inp_class2")
    assert js["rate"]["text"] == "≥70%"
    assert js["deductible"]["text"].startswith("≤10%")
    edge = next(r for r in data["rows"] if r["rule"] == "cz_inp_edge")
    assert "2022年：2700元" in edge["deductible"]["text"] and edge["deductible"]["text"].startswith(
        "≈10%"
    )
    deleg = [r for r in data["rows"] if r["kind"] == "delegated"]
    assert any(r["region"] == "cangzhou" and "未入库" in r["rate"]["text"] for r in deleg)


def test_compare_category_by_chinese_term_and_formats() -> None:
    code, out, _ = run(
        "compare", "--program", "inpatient", "--category", "低保对象", "--format", "json"
    )
    assert code == 0
    data = json.loads(out)
    assert data["category"] == "dibao"
    rows = {(r["region"], r["rule"]): r for r in data["rows"]}
    assert rows[("cangzhou", "cz_inp_basic")]["rate"]["text"] == "70%"
    assert ("cangzhou", "cz_inp_edge") not in rows  # another category
    assert rows[("yubei", "yb_r_2_4_l3")]["rate"]["text"] == "75%"
    kb = get_kb()
    cmp = compare(kb, "inpatient", "dibao")
    md = comparison_markdown(kb, cmp)
    assert "| 沧州市（沧政办规〔2022〕7号） |" in md and "70%［二（三）］" in md
    table = list(csv.DictReader(io.StringIO(comparison_csv(kb, cmp))))
    cz = next(r for r in table if r["rule"] == "cz_inp_basic")
    assert cz["rate"] == "70%" and cz["rate_clause"] == "沧政办规〔2022〕7号 二（三）"
    code, out, _ = run("compare", "--program", "住院救助", "--category", "dibao")
    assert code == 0
    for name in ("沙坪坝", "渝北", "攀枝花", "江苏", "沧州"):
        assert name in out


def test_compare_errors() -> None:
    code, _, err = run("compare", "--program", "nope")
    assert code == 1 and err.startswith("Error: --program")
    code, _, err = run("compare", "--program", "inpatient", "--category", "不存在")
    assert code == 1 and err.startswith("Error: --category")
    code, _, err = run("compare")
    assert code == 2 and "--program" in err


# ---------------------------------------------------------------------------
# The cache: keyed by the kb's content and the code; validity always fresh
# ---------------------------------------------------------------------------


def test_cached_findings_equal_computed(findings: tuple[list[Finding], float]) -> None:
    """The fixture computed (and stored) the findings; a second run reads them back."""
    kb = get_kb()
    again = run_checks(kb)
    assert findings_json(kb, again) == findings_json(kb, findings[0])
    assert cache.load("checks-findings", cache.digest(kb)) is not None


def test_a_changed_kb_does_not_read_the_stored_findings() -> None:
    """A KB changed in memory (a reform raising a cap) has a digest of its own."""
    import copy
    from dataclasses import replace

    kb = get_kb()
    reformed = copy.copy(kb)
    rule = kb.rules["cz_inp_basic"]
    cap = replace(rule.params["cap"], value=rule.params["cap"].value + 1_000_000)
    reformed.rules = {**kb.rules, rule.id: replace(rule, params={**rule.params, "cap": cap})}
    assert cache.digest(reformed) != cache.digest(kb)
    assert cache.digest(copy.copy(kb)) == cache.digest(kb)


def test_validity_is_derived_for_the_day_asked() -> None:
    kb = get_kb()
    late = run_checks(kb, kinds=["validity"], today=dt.date(2028, 2, 1))
    end = next(f for f in late if f.id == "validity:panzhihua:end")
    assert end.severity == "error" and "已于2028年1月31日期满失效（1天前）" in end.message
