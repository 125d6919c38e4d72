"""The ontology's enumerations and names reach Python through one accessor (kb.vocab).

The profile space, case and audit validation, the figures' names in findings and messages
all read kb/core/ontology.pl: a value added there is accepted everywhere, and no module
spells a program id of the kb.
"""

from __future__ import annotations

import ast
import json
import shutil
from decimal import Decimal
from typing import Any

import pytest

from reasoner import space
from reasoner.api import get_kb
from reasoner.case import parse_case
from reasoner.checks.common import figures_text, param_name
from reasoner.errors import InputError
from reasoner.knowledge import KB
from reasoner.params import Params, Unresolved
from reasoner.reform import parse_reform
from tests.helpers import ROOT, example, probe_in_kb


@pytest.fixture(scope="module")
def kb() -> KB:
    return get_kb()


# ---------------------------------------------------------------------------
# What Python once spelled, now read from the ontology
# ---------------------------------------------------------------------------


def test_the_profile_space_enumerates_the_ontologys_values(kb: KB) -> None:
    v = kb.vocab
    # The values reasoner/space.py once listed, in the same order (claim_kind/2 … scheme/2).
    assert v.claim_types == ("outpatient", "chronic_outpatient", "inpatient")
    assert v.all_types == (*v.claim_types, "premium")
    assert space.dimension("level").values(v) == (1, 2, 3)
    assert space.dimension("scope").values(v) == (
        "in_district",
        "in_city",
        "in_province",
        "out_of_province",
    )
    assert space.dimension("referral").values(v) == ("primary_care", "referred", "none")
    # A person with no scheme stated is the scheme dimension's own key, after the ontology's.
    assert space.dimension("scheme").values(v) == (
        "resident_tier1",
        "resident_tier2",
        "employee",
        "none",
    )


def test_premium_situations_follow_the_ontologys_scheme_order(kb: KB) -> None:
    v = kb.vocab
    sits = [space.premium_situation(v, s) for s in reversed(v.scheme_ids)]
    ordered = sorted(sits, key=space.Situation.closeness)
    assert [s.scheme for s in ordered] == list(v.scheme_ids)
    # The rank orders; it does not make two situations different.
    assert space.premium_situation(v, "resident_tier2") == space.Situation(
        "premium", scheme="resident_tier2"
    )


def test_case_and_audit_accept_the_ontologys_names_and_aliases(kb: KB) -> None:
    kinds = kb.accepted("claim_kind")
    # claim_kind/2 names and alias/3 short forms; never the yearly premium pseudo-claim.
    assert kinds["普通门诊"] == "outpatient"
    assert kinds["门诊慢性病"] == "chronic_outpatient"
    assert "premium" not in kinds and "参保缴费" not in kinds
    assert kb.accepted("scope")["县域内"] == "in_district"
    assert kb.accepted("referral_kind")["未转诊"] == "none"
    assert kb.accepted("scheme")["一档"] == "resident_tier1"


def test_hospital_levels_come_from_the_ontology(kb: KB) -> None:
    case = example()
    case["claims"][0]["hospital"]["level"] = "四级"
    with pytest.raises(InputError) as e:
        parse_case(case, kb)
    assert e.value.field == "claims[0].hospital.level"
    assert "可用：1（一级）、2（二级）、3（三级）" in str(e.value)
    case["claims"][0]["hospital"]["level"] = 4
    with pytest.raises(InputError, match=r"超出允许范围（≤ 3）"):
        parse_case(case, kb)


def test_statuses_and_their_labels(kb: KB) -> None:
    assert kb.vocab.statuses == {
        "paid": "支付",
        "bounded": "区间",
        "granted": "享受",
        "excluded": "排除",
        "unresolved": "待定",
        "not_eligible": "不符合",
    }


# ---------------------------------------------------------------------------
# Parameter names: parameter/2, parameter_short/2, parameter_lead/2
# ---------------------------------------------------------------------------


def test_every_figure_a_rule_states_has_a_name(kb: KB) -> None:
    v = kb.vocab
    stated = {n for r in kb.rules.values() for n in r.params} | {
        n for r in kb.rules.values() for n, _ in r.year_params
    }
    assert stated <= set(v.parameters)
    assert set(v.parameters_short) <= set(v.parameters)
    assert set(v.parameter_leads) <= set(v.parameters)


def test_figures_in_a_finding_are_named_by_the_kb(kb: KB) -> None:
    # 沙坪坝 倾斜救助: 起点 first, then 比例 and 限额 (parameter_lead/2's order).
    assert figures_text(kb, kb.rules["spb_tilt_a"]) == (
        "起点年度累计超过100% 防止返贫监测收入标准，比例80%，限额2万元"
    )
    # 沧州 监测对象: no 起付标准 stated, named by its short term.
    assert figures_text(kb, kb.rules["cz_inp_monitored"]) == "比例67%，限额2万元，起付标准未规定"
    assert param_name(kb, "cap") == "年度限额"
    assert param_name(kb, "threshold") == "起点"


def test_a_missing_figure_is_named_by_the_documents_term(kb: KB) -> None:
    params = Params(kb, parse_case(example(), kb))
    with pytest.raises(Unresolved) as e:
        params.money(kb.rules["cz_inp_monitored"], "subcap", 2022, "min", [])
    assert e.value.reason == "沧政办规〔2022〕7号 未规定此规则的分项限额"


def test_the_own_contribution_follows_the_scheme(kb: KB) -> None:
    case = example()
    case["parameters"] = {"resident_tier2_contribution": 640}
    case["person"]["insurance"]["scheme"] = "二档"
    params = Params(kb, parse_case(case, kb))
    assert params.external(kb.vocab.own_contribution, 2022) == Decimal(640)
    case["person"]["insurance"]["scheme"] = "职工"
    with pytest.raises(Unresolved, match="本人参保档次无居民个人缴费标准"):
        Params(kb, parse_case(case, kb)).external(kb.vocab.own_contribution, 2022)
    # A case never states the own standard itself: it follows from the scheme.
    case["parameters"] = {"contribution": 640}
    with pytest.raises(InputError, match="未知参数 'contribution'"):
        parse_case(case, kb)


def test_a_reform_names_figures_by_the_ontology(kb: KB) -> None:
    def parameter(text: str) -> str:
        change = {"region": "cangzhou", "program": "inpatient", "parameter": text, "value": 30000}
        return parse_reform({"name": "x", "changes": [change]}, kb).changes[0].parameter

    # parameter/2's term and alias(parameter, cap, …)'s other words.
    assert {parameter(t) for t in ("年度救助限额", "限额", "年度最高救助限额", "cap")} == {"cap"}
    with pytest.raises(InputError) as e:
        parameter("年度上限")
    assert e.value.field == "changes[0].parameter"
    assert str(e.value).endswith(
        "未知参数 '年度上限'；可用：rate（救助比例）、deductible（起付标准）、cap（年度救助限额）、"
        "subcap（分项限额）、threshold（倾斜救助起点）、add_category（增加适用对象）、"
        "remove_category（取消适用对象）"
    )


# ---------------------------------------------------------------------------
# A value added to the ontology reaches the accessor and case validation
# ---------------------------------------------------------------------------

ONTOLOGY_PL = """\
scheme(resident_tier3, "城乡居民医保三档").
alias(scheme, resident_tier3, "三档").
claim_kind(day_surgery, "日间手术").
hospital_level(4, "四级").
"""


def probe() -> None:
    """Run in the child process (MEDAID_KB is the changed copy): print what each part says."""
    from reasoner.space import Space, search_date

    kb = get_kb()
    v = kb.vocab
    case = example()
    case["person"]["insurance"]["scheme"] = "三档"
    case["claims"][0].update(type="日间手术")
    case["claims"][0]["hospital"]["level"] = "四级"
    parsed = parse_case(case, kb)
    dims = Space(kb, search_date(kb)).dims
    premium = [s.scheme for s in dims["cangzhou"].situations("dibao") if s.type == v.premium_kind]
    out = {
        "schemes": list(v.scheme_ids),
        "claim_types": list(v.claim_types),
        "scheme_values": list(space.dimension("scheme").values(v)),
        "accepted": kb.accepted("scheme").get("三档"),
        "case": [parsed.scheme, parsed.claims[0].type, parsed.claims[0].level],
        "premium_situations": premium,
    }
    print(json.dumps(out, ensure_ascii=False))


@pytest.fixture(scope="module")
def added(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("vocab")
    kb = tmp / "kb"
    shutil.copytree(ROOT / "kb", kb)
    onto = kb / "core" / "ontology.pl"
    onto.write_text(onto.read_text(encoding="utf-8") + ONTOLOGY_PL, encoding="utf-8")
    return probe_in_kb(kb, tmp / "cache", "import tests.test_vocab as t; t.probe()")


def test_an_added_scheme_is_enumerated_and_accepted(added: dict[str, Any]) -> None:
    assert added["schemes"] == ["resident_tier1", "resident_tier2", "employee", "resident_tier3"]
    assert added["scheme_values"] == [*added["schemes"], "none"]
    assert added["accepted"] == "resident_tier3"
    # 沧州 funds premiums (二（一）): its premium rows now include the new scheme, last.
    assert added["premium_situations"] == added["schemes"]


def test_an_added_claim_kind_and_level_pass_case_validation(added: dict[str, Any]) -> None:
    assert added["claim_types"] == ["outpatient", "chronic_outpatient", "inpatient", "day_surgery"]
    assert added["case"] == ["resident_tier3", "day_surgery", 4]


# ---------------------------------------------------------------------------
# No module spells a program id
# ---------------------------------------------------------------------------

# (module, literal): why the string is not a program id there. The list only shrinks.
ALLOWED = {
    ("reasoner/render.py", "premium_subsidy"): "the result JSON's key for the year's subsidy",
    ("reasoner/checks/witness.py", "premium_subsidy"): "reads that key of the result JSON",
    ("reasoner/reform_batch.py", "premium_subsidy"): "the reform summary's JSON key",
    ("reasoner/render.py", "special_disease"): "a claim's field (special_disease: true)",
    ("reasoner/space.py", "special_disease"): "the condition kind and the claim's field",
    ("reasoner/changes.py", "special_disease"): "the condition kind and the claim's field",
}


def spelled(source: str, ids: set[str]) -> list[tuple[int, str]]:
    """The string literals of a module that are one of `ids` (a docstring or an f-string's
    text around a place is not)."""
    return [
        (n.lineno, n.value)
        for n in ast.walk(ast.parse(source))
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and n.value in ids
    ]


def test_the_scan_finds_a_spelled_id() -> None:
    source = '''"""Pays the tilt."""
f"gap:{region}:tilt"
if rule.program == "tilt" or rule.program == kb.vocab.tilt:
    pass
'''
    assert spelled(source, {"tilt"}) == [(3, "tilt")]


def test_no_module_spells_a_program_id(kb: KB) -> None:
    programs = set(kb.vocab.programs)
    found: set[tuple[str, str]] = set()
    lines: list[str] = []
    for folder in ("reasoner", "cli"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            rel = path.relative_to(ROOT).as_posix()
            for line, value in spelled(path.read_text(encoding="utf-8"), programs):
                found.add((rel, value))
                if (rel, value) not in ALLOWED:
                    lines.append(f"{rel}:{line}: {value!r}")
    assert lines == [], "program ids spelled in Python (use kb.vocab's roles):\n" + "\n".join(lines)
    assert set(ALLOWED) <= found, f"no longer needed: {sorted(set(ALLOWED) - found)}"
