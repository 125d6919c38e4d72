"""The knowledge base: traceability lint, coverage, dates, templates, both engines."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reasoner.api import evaluate_data, get_kb
from reasoner.asp import AspEngine
from reasoner.engine import engine
from reasoner.errors import InputError
from reasoner.kbtools import coverage_table, lint, parameter_rows
from reasoner.knowledge import REGIONS, kb_dir, kb_files
from tests.helpers import ROOT, example

MEDAID = [sys.executable, "-m", "reasoner.cli"]


def test_lint_passes() -> None:
    assert [str(p) for p in lint(get_kb(), engine())] == []


def test_every_clause_is_encoded_or_marked() -> None:
    for row in coverage_table(get_kb(), engine()):
        assert row["missing"] == 0, row
        assert row["clauses"] == row["encoded"] + row["non_computational"]
        assert row["encoded"] > 0


def _lint_copy(tmp_path: Path, edit) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    copy = tmp_path / "kb"
    shutil.copytree(kb_dir(), copy)
    edit(copy)
    env = {**os.environ, "MEDAID_KB": str(copy), "LANG": "C"}
    return subprocess.run(
        [*MEDAID, "kb", "lint"], capture_output=True, text=True, env=env, cwd=ROOT
    )


def test_lint_catches_a_quote_that_is_not_verbatim(tmp_path: Path) -> None:
    def edit(kb: Path) -> None:
        f = kb / "cangzhou" / "02_assistance.pl"
        lines = f.read_text(encoding="utf-8").split("\n")
        lines = [
            ln.replace("2700元", "2800元") if ln.startswith("provision(cz_2_3_c,") else ln
            for ln in lines
        ]
        f.write_text("\n".join(lines), encoding="utf-8")

    r = _lint_copy(tmp_path, edit)
    assert r.returncode == 1
    assert re.search(
        r"kb/cangzhou/02_assistance\.pl:\d+: provision cz_2_3_c：引文与 kb/sources/cangzhou\.txt 原文不符",
        r.stderr,
    )
    assert "Traceback" not in r.stderr


def test_lint_catches_a_figure_missing_from_its_quote(tmp_path: Path) -> None:
    def edit(kb: Path) -> None:
        f = kb / "cangzhou" / "02_assistance.pl"
        text = f.read_text(encoding="utf-8")
        new = re.sub(
            r"param\(cz_inp_basic, rate, exact, 70,", "param(cz_inp_basic, rate, exact, 75,", text
        )
        assert new != text
        f.write_text(new, encoding="utf-8")

    r = _lint_copy(tmp_path, edit)
    assert r.returncode == 1
    assert "param cz_inp_basic.rate = 75（percent）未出现在 cz_2_3_e 的引文中" in r.stderr


def test_lint_catches_an_uncovered_clause_and_undefined_category(tmp_path: Path) -> None:
    def edit(kb: Path) -> None:
        f = kb / "jiangsu" / "00_document.pl"
        f.write_text(
            f.read_text(encoding="utf-8") + '\noutline(jiangsu, 99, "九（二十）", "虚构条款").\n'
            "rule_category(js_inp_full, martian, js_4_6_b).\n",
            encoding="utf-8",
        )

    r = _lint_copy(tmp_path, edit)
    assert r.returncode == 1
    assert "jiangsu 的条款 九（二十） 既未编码，也未标注为非计算性条款" in r.stderr
    assert "rule_category：未定义的救助对象类别 'martian'" in r.stderr


def test_kb_list_json_has_every_figure_with_quote() -> None:
    rows = parameter_rows(get_kb())
    assert {r.region for r in rows} == set(REGIONS)
    for r in rows:
        assert r.clause and r.quote and r.document, r
        assert (
            r.value is not None or r.min is not None or r.max is not None or r.bound == "unlimited"
        )
    cz = [r for r in rows if r.rule == "cz_inp_edge" and r.name == "rate"]
    assert (
        cz and cz[0].value == "67" and (cz[0].derivation or "").startswith("67% = 70% − 3个百分点")
    )
    js = [
        r
        for r in rows
        if r.region == "jiangsu" and r.category == "dibao_edge" and r.name == "deductible"
    ]
    assert js and js[0].max == "10" and js[0].bound == "max"


def test_kb_list_cli_json() -> None:
    r = subprocess.run(
        [*MEDAID, "kb", "list", "--region", "沧州市", "--format", "json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert r.returncode == 0, r.stderr
    params = json.loads(r.stdout)["parameters"]
    assert params and all(p["region"] == "cangzhou" for p in params)
    assert {
        "region",
        "program",
        "category",
        "name",
        "value",
        "min",
        "max",
        "clause",
        "quote",
    } <= set(params[0])


def test_both_engines_read_the_same_facts() -> None:
    """Every fact of the kb loads identically in SWI-Prolog and clingo."""
    prolog = set()
    for head, _, _ in engine().sources():
        if isinstance(head, tuple) and "_" not in head[1:]:
            prolog.add(head)
    asp = set()
    from reasoner.asp import py

    for s in AspEngine().model([]):
        asp.add(py(s) if s.arguments else (s.name,))
    facts = {h for h in prolog if not any(isinstance(a, str) and a.startswith("_") for a in h)}
    missing = {f for f in facts if f not in asp}
    assert not missing, sorted(missing)[:5]


def test_every_rule_head_has_a_template_beside_it() -> None:
    """Each generic rule's sentence stands in rules.pl with its definition (as s(CASP)'s #pred)."""
    text = (kb_dir() / "core" / "rules.pl").read_text(encoding="utf-8")
    heads = set(re.findall(r"^([a-z_]+)\(", text, re.M)) - {"template"}
    beside = set(re.findall(r"^template\(([a-z_]+), \d+,", text, re.M))
    assert beside <= heads
    assert heads - beside <= {
        "condition_term",
        "has_applicable",
        "is_excluded",
        "has_unresolved",
        "conditions_fit",
        "has_rules",
        "rule_misfit",
    }


def test_kb_files_are_in_document_order() -> None:
    for region in REGIONS:
        names = [f.name for f in kb_files() if f.parent.name == region]
        assert names == sorted(names) and names[0].startswith("00_")


@pytest.mark.parametrize("region", REGIONS)
def test_temporal_coverage(region: str) -> None:
    """No claim date without a document in force; none with two."""
    kb = get_kb()
    rows = [r for r in kb.in_force.values() if r[0] == region]
    assert len(rows) == 1
    start = dt.datetime.strptime(str(rows[0][1]), "%Y%m%d").date()
    data = example()
    data["region"] = region
    data["person"]["identities"] = [{"category": "dibao", "since": "2020-01-01"}]
    data["parameters"] = {
        k: 30000
        for k in (
            "per_capita_disposable_income",
            "monitoring_income_standard",
            "resident_tier1_contribution",
            "resident_tier2_contribution",
            "province_rural_per_capita_disposable_income",
        )
    }
    for day in (start, start + dt.timedelta(days=200)):
        data["claims"][0].update(date=day.isoformat(), discharge=day.isoformat())
        result = evaluate_data(data)
        assert result.claims[0].benefits
    before = start - dt.timedelta(days=1)
    data["claims"][0].update(date=before.isoformat(), discharge=before.isoformat())
    with pytest.raises(InputError, match="知识库中无适用文件"):
        evaluate_data(data)


def test_kb_readme_coverage_table_is_current() -> None:
    r = subprocess.run(
        [*MEDAID, "kb", "coverage", "--format", "markdown"],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    text = (ROOT / "kb" / "README.md").read_text(encoding="utf-8")
    block = text.split("<!-- coverage:start -->\n", 1)[1].split("\n<!-- coverage:end -->", 1)[0]
    assert block == r.stdout.strip(), (
        "run: medaid kb coverage --format markdown --write kb/README.md"
    )


def test_package_data_ships_every_kb_file() -> None:
    """An installed medaid finds kb/ as package data: every kb file matches a package-data glob."""
    import fnmatch
    import tomllib

    cfg = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    assert cfg["package-dir"]["reasoner.kb"] == "kb" and cfg["package-dir"]["reasoner.cli"] == "cli"
    globs = cfg["package-data"]["*"]
    packages = set(cfg["packages"])
    for f in (ROOT / "kb").rglob("*"):
        if f.is_file() and "__pycache__" not in f.parts:
            rel = f.relative_to(ROOT / "kb")
            package = ".".join(["reasoner", "kb", *rel.parent.parts])
            assert package in packages, rel
            assert any(fnmatch.fnmatch(f.name, g) for g in globs), rel


def test_vocabulary_comes_from_the_ontology() -> None:
    """Programs are found by the role the ontology gives them; enumerations keep its order."""
    v = get_kb().vocab
    assert (v.premium, v.tilt, v.ci_tilt, v.deposit) == (
        "premium_subsidy",
        "tilt",
        "critical_illness_tilt",
        "deposit_exemption",
    )
    assert v.programs[v.tilt].name == "倾斜救助" and v.kind(v.premium) == "premium"
    assert v.claim_types == ("outpatient", "chronic_outpatient", "inpatient")
    assert v.all_types[-1] == v.premium_kind == "premium"
    assert v.proper_referrals == ("primary_care", "referred") and v.unreferred == "none"
    assert tuple(v.scopes) == ("in_district", "in_city", "in_province", "out_of_province")
    assert v.statuses["unresolved"] == "待定" and v.status_headings["unresolved"] == "无法确定"
    assert v.parameters["threshold"] == "倾斜救助起点"
    assert get_kb().names("level") == {1: "一级", 2: "二级", 3: "三级"}


def test_a_claim_is_never_the_premium_pseudo_claim() -> None:
    kb = get_kb()
    assert kb.lookup("claim_kind")["参保缴费"] == "premium"
    claims = kb.accepted("claim_kind")
    assert "参保缴费" not in claims and "premium" not in claims
    assert kb.accepted("claim_kind")["门诊慢病"] == "chronic_outpatient"
    data = example()
    data["claims"][0]["type"] = "参保缴费"
    with pytest.raises(InputError, match="claims\\[0\\].type"):
        evaluate_data(data)


def test_both_engines_expand_a_category_set_alike() -> None:
    """rule_category/3 derived from category_set/3 is the same set of rows in both engines."""
    from reasoner.asp import py

    prolog = {("rule_category", *row) for row in engine().static("rule_category", 3)}
    asp = {py(s) for s in AspEngine().model([]) if s.name == "rule_category"}
    assert prolog == asp
    # yb_premium_full lists 二（一）2's sixteen persons once; each tier's rule cites its own line.
    assert ("rule_category", "yb_r_2_1_2_t1", "poor_student", "yb_2_1_2_a") in prolog
    assert ("rule_category", "yb_r_2_1_2_emp", "poor_student", "yb_2_1_2_b") in prolog


def test_no_document_repeats_a_list_of_persons_rule_by_rule() -> None:
    """Three or more categories that one clause lists for several rules are one category_set."""
    lists: dict[tuple[str, ...], list[str]] = {}
    for region in REGIONS:
        by_rule: dict[str, list[tuple[str, str]]] = {}
        for f in sorted((kb_dir() / region).glob("*.pl")):
            for rule, cat, cite in re.findall(
                r"^rule_category\((\w+), (\w+), (\w+)\)\.", f.read_text(encoding="utf-8"), re.M
            ):
                by_rule.setdefault(rule, []).append((cat, cite))
        for rule, rows in by_rule.items():
            if len(rows) >= 3 and len({c for _, c in rows}) == 1:
                lists.setdefault((region, *(c for c, _ in rows)), []).append(rule)
    assert {k: v for k, v in lists.items() if len(v) > 1} == {}


def test_lint_names_the_set_line_of_a_member_the_document_does_not_recognise(
    tmp_path: Path,
) -> None:
    def edit(kb: Path) -> None:
        f = kb / "yubei" / "02_policy.pl"
        f.write_text(
            f.read_text(encoding="utf-8")
            + "\ncategory_set(yb_special_groups, martian, yb_2_5_f).\n"
            + "category_set(yb_special_groups, hardship_worker, yb_2_5_f).\n",
            encoding="utf-8",
        )

    r = _lint_copy(tmp_path, edit)
    assert r.returncode == 1
    assert "category_set：未定义的救助对象类别 'martian'" in r.stderr
    n = len((kb_dir() / "yubei" / "02_policy.pl").read_text(encoding="utf-8").split("\n"))
    assert (
        f"kb/yubei/02_policy.pl:{n + 2}: 规则 yb_r_2_5_70 列出的救助对象类别 'hardship_worker'"
        " 不是 yubei 文件认定的对象" in r.stderr
    )
