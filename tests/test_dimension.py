"""Adding a condition kind: a kb change plus one entry in reasoner/space.py's DIMENSIONS.

A copy of the kb gains `stay_min(D)` (住院 D 天及以上): its cond/2 clause and case fact in
kb/core/rules.pl, its sentences in templates.pl, and one 沧州 rule that states it
(二（三）'s 低保边缘家庭成员 rule, for stays of at least 15 days). Python learns it from one
`Dimension` entry. In a fresh process reading that kb (one Prolog per process), eval, both
engines on `check`'s profile space, its witnesses and the audit must agree on it.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.helpers import ROOT, example, probe_in_kb

# The kb change, as the README shows it.
RULES_PL = """\
% 住院天数: a stay of at least D days (discharge day minus admission day).
claim_fact(claim_stay, 2).
cond(C, stay_min(D)) :- condition_term(stay_min(D)), claim_stay(C, X), X >= D.
"""
TEMPLATES_PL = """\
template(stay, 0, "住院满规定天数").
template(stay_min, 1, "住院 {1} 天及以上").
template(claim_stay, 2, "理赔 {1:claim} 住院 {2} 天").
"""
CANGZHOU_PL = "rule_condition(cz_inp_edge, stay_min(15), cz_2_3_c).\n"


def add_stay() -> None:
    """The one Python entry, as the README shows it."""
    from reasoner import space
    from reasoner.space import AT_LEAST, Dimension, Witness

    space.DIMENSIONS += (
        Dimension(
            "stay",
            ("stay_min",),
            "claim_stay",
            AT_LEAST,
            lambda r: (
                (r.claim.discharge - r.claim.date).days if r.claim and r.claim.discharge else None
            ),
            "datediff('day', {row}.date, {row}.discharge)",
            claims_only=True,
            witness=Witness(
                "claim.discharge", lambda t, day: day + dt.timedelta(days=max(t, default=0))
            ),
        ),
    )


def _case(pid: str, discharge: str) -> dict[str, Any]:
    case = example()  # 沧州 低保边缘家庭成员, admitted 2022-07-01, 12000 元 self-pay
    case["person"]["id"] = pid
    case["claims"][0].update(id=f"{pid}c1", discharge=discharge)
    return case


def probe(folder: str) -> None:
    """Run in the child process (MEDAID_KB is the changed copy): print what each part says."""
    from reasoner import decision
    from reasoner.api import evaluate_data, get_kb
    from reasoner.asp import AspEngine
    from reasoner.audit import result_rows
    from reasoner.checks.common import situation_text
    from reasoner.engine import engine
    from reasoner.space import Profile, Situation, Space, dimensions, search_date

    kb = get_kb()
    out: dict[str, Any] = {}
    try:  # before the Python entry: the profile space refuses the unknown kind
        dimensions(kb, "cangzhou")
    except RuntimeError as e:
        out["refused"] = str(e)
    add_stay()
    cases = {"short": _case("short", "2022-07-10"), "long": _case("long", "2022-07-20")}
    out["eval"] = {
        k: [_row(r) for r in result_rows(kb, evaluate_data(c))] for k, c in cases.items()
    }
    # check's profile space: the 低保边缘 inpatient situations with and without the stay
    space = Space(kb, search_date(kb))
    d = space.dims["cangzhou"]
    out["attr_kinds"] = {c: list(v) for c, v in d.attr_kinds.items()}
    profs = [
        Profile("cangzhou", ("dibao_edge",), s)
        for s in d.situations("dibao_edge")
        if s.type == "inpatient" and s.cost == Situation("inpatient").cost
    ]
    out["situations"] = [list(p.situation.attrs) for p in profs]
    out["text"] = situation_text(kb, Situation("inpatient", attrs=("stay",)), [d])
    batch = space.batch(profs)
    out["stay_facts"] = sorted({f[2] for f in batch if f[0] == "claim_stay"})
    pro, asp = engine().answers(batch), AspEngine().answers(batch)
    out["engines"] = [_edge(pro, i + 1) for i in range(len(profs))]
    inpatient = {c: st for c, prog, st in pro.status if prog == "inpatient"}
    out["batch_status"] = [inpatient.get(i + 1) for i in range(len(profs))]
    out["asp_equal"] = sorted(pro.applicable) == sorted(asp.applicable) and sorted(
        pro.status
    ) == sorted(asp.status)
    out["witness"] = [
        {
            "discharge": space.case_dict(p)["claims"][0]["discharge"],
            "status": _status(result_rows(kb, evaluate_data(space.case_dict(p)))),
        }
        for p in profs
    ]
    from reasoner.checks import findings_json, run_checks

    gaps = findings_json(kb, run_checks(kb, ["cangzhou"], ["gap"]))["findings"]
    out["gaps"] = {f["id"]: f for f in gaps}
    tables = decision.profile_batch(kb)
    out["profile_columns"] = list(tables.profiles)
    out["thresholds"] = tables.thresholds
    out["audit"] = _audit(kb, engine(), Path(folder), list(cases.values()))
    print(json.dumps(out, ensure_ascii=False, default=str))


def _row(r: dict[str, Any]) -> list[Any]:
    return [r["claim_id"], r["program"], r["status"], str(r["amount"]), r["identity"]]


def _edge(ans: Any, c: int) -> bool:
    return any(x[0] == c and x[2] == "cz_inp_edge" for x in ans.applicable)


def _status(rows: list[dict[str, Any]]) -> str:
    return next(r["status"] for r in rows if r["program"] == "inpatient")


def _audit(kb: Any, eng: Any, folder: Path, cases: list[dict[str, Any]]) -> dict[str, Any]:
    """The cases as the audit's three input files, audited; its rows by person."""
    from reasoner.audit import audit_files
    from reasoner.audit_io import CLAIM_COLUMNS, IDENTITY_COLUMNS, PERSON_COLUMNS

    rows: dict[str, list[dict[str, Any]]] = {"persons": [], "identities": [], "claims": []}
    for case in cases:
        p, cl = case["person"], case["claims"][0]
        scheme = p["insurance"]["scheme"]
        rows["persons"].append({"person_id": p["id"], "region": case["region"], "scheme": scheme})
        rows["identities"] += [{"person_id": p["id"], **i} for i in p["identities"]]
        rows["claims"].append(
            {
                **{k: cl[k] for k in ("type", "date", "discharge", "disease", "referral")},
                **{k: cl[k] for k in ("policy_scope_cost", "basic_insurance_paid")},
                "claim_id": cl["id"],
                "person_id": p["id"],
                "hospital_level": cl["hospital"]["level"],
                "scope": cl["hospital"]["scope"],
                "critical_illness_paid": cl["critical_illness_paid"],
            }
        )
    paths = {}
    for name, cols in (
        ("persons", PERSON_COLUMNS),
        ("identities", IDENTITY_COLUMNS),
        ("claims", CLAIM_COLUMNS),
    ):
        paths[name] = folder / f"{name}.csv"
        with paths[name].open("w", encoding="utf-8", newline="") as f:
            w = csv.DictWriter(f, fieldnames=cols)
            w.writeheader()
            w.writerows(rows[name])
    params = folder / "params.yaml"
    params.write_text(
        yaml.safe_dump({cases[0]["region"]: dict(cases[0]["parameters"])}, allow_unicode=True),
        encoding="utf-8",
    )
    result, auditor, _ = audit_files(
        kb, eng, paths["persons"], paths["identities"], paths["claims"], params
    )
    try:
        by: dict[str, list[list[Any]]] = {}
        for r in result.results.to_pylist():
            by.setdefault(r["person_id"], []).append(_row(r))
        return by
    finally:
        auditor.close()


@pytest.fixture(scope="module")
def probed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    tmp = tmp_path_factory.mktemp("dimension")
    kb = tmp / "kb"
    shutil.copytree(ROOT / "kb", kb)
    rules = kb / "core" / "rules.pl"
    text = rules.read_text(encoding="utf-8")
    anchor = "cond(C, scheme(S)) :- condition_term(scheme(S)), claim_scheme(C, S).\n"
    assert anchor in text
    rules.write_text(text.replace(anchor, anchor + RULES_PL), encoding="utf-8")
    for f, add in ((kb / "core" / "templates.pl", TEMPLATES_PL),):
        f.write_text(f.read_text(encoding="utf-8") + add, encoding="utf-8")
    cz = kb / "cangzhou" / "02_assistance.pl"
    cz.write_text(cz.read_text(encoding="utf-8") + CANGZHOU_PL, encoding="utf-8")
    (tmp / "audit").mkdir()
    call = f"import tests.test_dimension as t; t.probe({str(tmp / 'audit')!r})"
    return probe_in_kb(kb, tmp / "cache", call)


def test_without_the_python_entry_the_profile_space_names_the_one_place(
    probed: dict[str, Any],
) -> None:
    assert probed["refused"] == (
        "profile space: condition ['stay_min'] is not a dimension "
        "(add it to DIMENSIONS in reasoner/space.py)"
    )


def test_eval_applies_the_new_condition(probed: dict[str, Any]) -> None:
    rows = {k: {r[1]: r for r in v} for k, v in probed["eval"].items()}
    # 9 days (07-01 → 07-10) is below stay_min(15): 二（三）'s 低保边缘 rule does not apply.
    assert rows["short"]["inpatient"] == ["shortc1", "inpatient", "not_eligible", "None", None]
    # 19 days: (12000 − 2700 起付标准) × 67% = 6231.00 (沧政办规〔2022〕7号 二（三）).
    assert rows["long"]["inpatient"] == ["longc1", "inpatient", "paid", "6231.00", "dibao_edge"]


def test_checks_profile_space_and_both_engines_read_it(probed: dict[str, Any]) -> None:
    assert "stay" in probed["attr_kinds"]["dibao_edge"]
    # the attribute named by its kb template in `check`'s texts
    assert probed["text"] == "住院，市内就医，规范转诊，住院满规定天数"
    sits = probed["situations"]
    assert [] in sits and ["stay"] in sits
    # Prolog and clingo agree on every profile; the rule holds exactly with the stay stated.
    assert probed["asp_equal"] is True
    assert probed["engines"] == ["stay" in a for a in sits]
    # A witness stays 9 days unless the stay is stated: then the one threshold, 15 days.
    assert probed["stay_facts"] == [9, 15]


def test_witnesses_state_the_stay_and_eval_agrees(probed: dict[str, Any]) -> None:
    day = dt.date.fromisoformat(probed["witness"][0]["discharge"]) - dt.timedelta(days=9)
    pairs = zip(probed["situations"], probed["witness"], probed["batch_status"], strict=True)
    for attrs, w, st in pairs:
        stay = dt.date.fromisoformat(w["discharge"]) - day
        assert stay.days == (15 if "stay" in attrs else 9)
        # eval of the witness says what the profile's facts said in the batch
        if st == "eligible":
            assert w["status"] in ("paid", "bounded", "unresolved"), (attrs, w)
        else:
            assert w["status"] == st, (attrs, w)
        assert st != "eligible" or "stay" in attrs
    assert {"paid", "not_eligible"} <= {w["status"] for w in probed["witness"]}


def test_check_finds_the_gap_the_condition_opens(probed: dict[str, Any]) -> None:
    gap = probed["gaps"]["gap:cangzhou:inpatient:dibao_edge"]
    assert gap["message"].startswith(
        "沧州市文件的住院救助对“低保边缘家庭成员”（dibao_edge）只在部分情形下有规则："
        "无特殊情形时不予住院救助，而低保对象（dibao）等对象同一情形可以享受"
    )
    # its witness is a 9-day stay (06-01 → 06-10), verified by eval: no rule applies
    (claim,) = gap["witness"]["claims"]
    assert (claim["date"], claim["discharge"]) == ("2025-06-01", "2025-06-10")
    assert gap["reproduce"]["observed"]["witness"] == {
        "status": "not_eligible",
        "reason_code": "no_rule",
    }


def test_decision_tables_and_audit_agree_with_eval(probed: dict[str, Any]) -> None:
    assert "stay" in probed["profile_columns"]
    assert probed["thresholds"]["stay"] == [15]
    for pid in ("short", "long"):
        assert sorted(probed["audit"][pid]) == sorted(probed["eval"][pid]), pid
