"""`medaid audit --report`: one self-contained HTML page whose figures are the audit's, opened in Chromium."""

from __future__ import annotations

import csv
import os
import re
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reasoner.api import get_kb
from reasoner.cli.main import main

CHROMIUM = "/usr/bin/chromium"

# 沧州 2022 (沧政办规〔2022〕7号), 全省上年农村常住居民人均可支配收入 not needed here.
# Three persons, four claims; paid_assistance is given so the page has discrepancies.
PERSONS = [
    ("r1", "沧州市", "resident_tier1"),
    ("r2", "沧州市", "resident_tier1"),
    ("r3", "攀枝花市", "resident_tier1"),
    ("r4", "沧州市", "resident_tier2"),
]
# r4 holds two identities: 就高 between them goes through the Python ledger
IDENTITIES = [
    ("r1", "dibao"),
    ("r2", "tekun"),
    ("r3", "dibao"),
    ("r4", "dibao"),
    ("r4", "dibao_edge"),
]
CLAIMS = [
    # claim, person, date, cost, basic, paid_assistance
    ("k1", "r1", "2022-07-01", 30000, 18000, "100.00"),
    ("k2", "r1", "2022-09-01", 20000, 12000, "9000.00"),
    ("k3", "r2", "2022-08-01", 40000, 24000, "0"),
    ("k4", "r3", "2023-05-01", 30000, 18000, "5000.00"),
    ("k5", "r4", "2022-10-01", 50000, 30000, "12000.00"),
]
PARAMS = """沧州市:
  per_capita_disposable_income: 27000
  resident_tier1_contribution: 380
  resident_tier2_contribution: 640
攀枝花市:
  per_capita_disposable_income: 30000
  resident_tier1_contribution: 380
"""


@pytest.fixture(scope="module")
def audited(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    d = tmp_path_factory.mktemp("report")
    with (d / "persons.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "region", "scheme"])
        w.writerows(PERSONS)
    with (d / "identities.csv").open("w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["person_id", "category"])
        w.writerows(IDENTITIES)
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
                "referral",
                "policy_scope_cost",
                "basic_insurance_paid",
                "paid_assistance",
            ]
        )
        for cid, pid, date, cost, basic, paid in CLAIMS:
            w.writerow(
                [cid, pid, "inpatient", date, 2, "in_city", "primary_care", cost, basic, paid]
            )
    (d / "params.yaml").write_text(PARAMS, encoding="utf-8")
    report = d / "report.html"
    r = CliRunner().invoke(
        main,
        [
            "audit",
            "--persons",
            str(d / "persons.csv"),
            "--identities",
            str(d / "identities.csv"),
            "--claims",
            str(d / "claims.csv"),
            "--parameters",
            str(d / "params.yaml"),
            "--out",
            str(d / "out.csv"),
            "--report",
            str(report),
        ],
    )
    assert r.exit_code == 0, r.output
    assert f"报告：{report}" in r.output
    with (d / "out.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    return {"dir": d, "html": report.read_text(encoding="utf-8"), "rows": rows, "path": report}


def test_page_is_self_contained(audited: dict[str, Any]) -> None:
    page = audited["html"]
    assert page.startswith("<!DOCTYPE html>")
    # the only URL on the page is the SVG namespace: no scripts, styles or fonts fetched
    urls = set(re.findall(r"https?://[^\s\"'<>)]+", page))
    assert urls == {"http://www.w3.org/2000/svg"}
    assert not re.search(r"<(script|link|img|iframe)\b", page)
    assert page.count("<svg") >= 4  # regions, programs, distribution, over, under


def test_region_totals_are_the_audit_rows(audited: dict[str, Any]) -> None:
    page, rows = audited["html"], audited["rows"]
    # 沧州: exact amounts 8400 + 5600 + 11200 + 14000 (住院救助) + 380 (特困 premium) + 0 (tilt)
    paid = sum((Decimal(r["amount"]) for r in rows if r["status"] == "paid"), Decimal(0))
    assert paid == Decimal("39580.00")
    assert (
        "<tr><td>沧州市</td><td>沧政办规〔2022〕7号</td><td class=n>3</td><td class=n>4</td>"
        in page
    )
    # 3 persons, 4 claims (k4 of 攀枝花 rejected); bounded premiums 228～380 and 384～640
    assert "<td class=n>39,580.00</td><td class=n>612.00～1,020.00</td>" in page


def test_missing_parameter_is_named_with_region_and_year(audited: dict[str, Any]) -> None:
    # 攀枝花 2023 needs 防止返贫监测收入标准, not given: k4 is rejected and the page says why
    assert (
        "<tr><td>缺少参数 monitoring_income_standard（防止返贫监测收入标准），地区 panzhihua，"
        "年度 2023：请在案例的 parameters 中提供</td><td class=n>1</td></tr>"
    ) in audited["html"]


def test_every_link_resolves_to_a_quoted_clause(audited: dict[str, Any]) -> None:
    page = audited["html"]
    targets = set(re.findall(r'href="#cite-([^"]+)"', page))
    anchors = set(re.findall(r'<li id="cite-([^"]+)">', page))
    assert targets and targets == anchors
    kb = get_kb()
    for cid in targets:
        c = kb.cite(cid)
        assert f"<b>{c['document']} {c['clause']}</b>" in page
    # 沧州 住院救助 for 低保: the rule clause with its verbatim quote
    assert any(kb.cite(t)["document"] == "沧政办规〔2022〕7号" for t in targets)


def test_discrepancies_listed_apart(audited: dict[str, Any]) -> None:
    page = audited["html"]
    assert "多付最多的理赔" in page and "少付最多的理赔" in page
    assert "差额分布（笔数）" in page


def _chromium_or_skip() -> None:
    if not os.path.exists(CHROMIUM):
        if os.geteuid() == 0:
            pytest.fail("chromium missing although running as root: run `make setup`")
        pytest.skip("Debian chromium is not installed and apt-get needs root")
    if shutil.which("chromium") is None and not os.path.exists(CHROMIUM):
        pytest.skip("chromium not on PATH")


def test_page_opens_in_headless_chromium(audited: dict[str, Any], tmp_path: Path) -> None:
    _chromium_or_skip()
    from playwright.sync_api import sync_playwright

    errors: list[str] = []
    shot = tmp_path / "report.png"
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 900})
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
            page.goto(audited["path"].as_uri())
            assert page.title() == "医疗救助结算核查报告"
            assert page.locator("svg").count() >= 4
            # the CJK font is present, so the Chinese is drawn, not boxes
            assert page.evaluate("document.fonts.check('16px \"Noto Sans CJK SC\"')")
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert errors == []
    assert shot.stat().st_size > 10_000
    keep = os.environ.get("MEDAID_REPORT_SCREENSHOT")
    if keep:
        shutil.copy(shot, keep)
