"""The workbench in a real browser: Debian's chromium driven by Playwright.

Screenshots go to a temporary folder (or to $MEDAID_SCREENSHOTS, e.g. docs/screenshots).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import example
from tests.test_web_api import CLAIMS, IDENTITIES, PARAMS, PERSONS

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def _missing() -> str | None:
    if not Path(CHROMIUM).exists():
        return "chromium is not installed (make setup installs it with apt-get as root)"
    fonts = shutil.which("fc-list")
    if fonts is None or "Noto Sans CJK" not in os.popen("fc-list").read():
        return "fonts-noto-cjk is not installed: Chinese would render as boxes"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "the playwright package is not installed"
    return None


pytestmark = pytest.mark.skipif(_missing() is not None, reason=_missing() or "")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from reasoner.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(
        uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    )
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    for _ in range(200):
        if srv.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(timeout=10)


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = os.environ.get("MEDAID_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    ctx = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.console_errors = errors
    yield pg
    ctx.close()
    assert errors == [], errors


def test_case_form_gives_6231_and_opens_the_why_tree(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/")
    page.select_option("#region", "cangzhou")
    page.fill("#person_id", "p1")
    page.select_option("#scheme", "resident_tier1")
    page.fill('[name="ident-0-category"]', "低保边缘家庭成员")
    page.fill('[name="ident-0-since"]', "2022-01-01")
    page.fill('[name="ident-0-until"]', "2022-12-31")
    page.select_option('[name="param-0-name"]', "per_capita_disposable_income")
    page.fill('[name="param-0-value"]', "27000")
    for name, value in (
        ("id", "c1"),
        ("date", "2022-07-01"),
        ("discharge", "2022-07-10"),
        ("disease", "肺炎"),
        ("policy_scope_cost", "30000"),
        ("basic_insurance_paid", "18000"),
        ("critical_illness_paid", "0"),
    ):
        page.fill(f'[name="claim-0-{name}"]', value)
    for name, value in (
        ("type", "inpatient"),
        ("level", "2"),
        ("scope", "in_city"),
        ("referral", "primary_care"),
    ):
        page.select_option(f'[name="claim-0-{name}"]', value)
    page.screenshot(path=str(shots / "case.png"), full_page=True)
    page.click("#evaluate")
    page.wait_for_url("**/result/*")
    row = page.locator("tr", has_text="住院救助").first
    # 沧政办规〔2022〕7号 二（三）: (12000 − 2700) × 67% = 6231.00
    assert row.locator("td.amount").inner_text() == "6231.00"
    assert page.locator("#total").inner_text() == "6231.00"
    page.screenshot(path=str(shots / "result.png"), full_page=True)
    row.locator("a.why").click()
    tree = page.locator(".why-tree")
    tree.wait_for()
    assert "c1 · 住院救助：支付 6231.00 元" in tree.inner_text()
    assert tree.locator("blockquote", has_text="2022年度暂定为2700元").first.is_visible()
    clause = tree.locator("a.clause").first
    assert clause.get_attribute("href").startswith("/docs/cangzhou#p-")
    # collapsible: closing the calculation hides its steps
    calc = tree.locator("details", has=page.locator("summary", has_text="计算")).first
    calc.locator("summary").first.click()
    assert calc.get_attribute("open") is None
    calc.locator("summary").first.click()
    page.screenshot(path=str(shots / "why.png"), full_page=True)
    result_url = page.url
    clause.click()
    page.wait_for_url("**/docs/cangzhou#p-*")
    assert page.locator(":target").count() == 1
    page.screenshot(path=str(shots / "docs.png"))
    page.goto(result_url)
    page.click("#simulate")
    page.select_option('select[name="reform"]', "cangzhou_edge_joins_tilt")
    page.click('form.filters button[type="submit"]')
    page.wait_for_url("**reform=cangzhou_edge_joins_tilt")
    # 低保边缘 under the 低保 rule: (12000 − 0) × 70% = 8400.00 instead of 6231.00
    assert page.locator("#sim-total").inner_text() == "8400.00"
    page.screenshot(path=str(shots / "simulate.png"), full_page=True)


def test_why_not_change_applies_and_re_evaluates(
    server: str, page: Any, shots: Path, tmp_path: Path
) -> None:
    c = example()
    c["claims"][0]["referral"] = "none"
    c["claims"][0]["hospital"]["scope"] = "out_of_province"
    f = tmp_path / "unreferred.json"
    f.write_text(json.dumps(c, ensure_ascii=False, default=str), encoding="utf-8")
    page.goto(server + "/")
    page.set_input_files('input[name="file"]', str(f))
    page.click("text=上传并评估")
    page.wait_for_url("**/result/*")
    row = page.locator("tr", has_text="住院救助").first
    assert row.locator(".badge").inner_text() in ("排除", "不符合")
    row.locator("a.why-not").click()
    page.locator(".why-not-tree").wait_for()
    apply = page.locator("a.apply").first
    change = page.locator(".changes li").first.inner_text()
    assert "住院救助支付" in change
    page.screenshot(path=str(shots / "why_not.png"), full_page=True)
    apply.click()
    page.wait_for_url("**/result/*")
    row = page.locator("tr", has_text="住院救助").first
    assert row.locator(".badge").inner_text() == "支付"
    assert row.locator("td.amount").inner_text() == change.split("住院救助支付", 1)[1].split()[0]


def test_small_audit_upload(server: str, page: Any, shots: Path, tmp_path: Path) -> None:
    for name, text in (
        ("persons.csv", PERSONS),
        ("identities.csv", IDENTITIES),
        ("claims.csv", CLAIMS),
        ("params.yaml", PARAMS),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
    page.goto(server + "/audit")
    page.screenshot(path=str(shots / "audit_upload.png"))
    for field, name in (
        ("persons", "persons.csv"),
        ("identities", "identities.csv"),
        ("claims", "claims.csv"),
        ("parameters", "params.yaml"),
    ):
        page.set_input_files(f'input[name="{field}"]', str(tmp_path / name))
    page.click("text=开始核查")
    page.wait_for_url("**/audit/*")
    page.locator(".stats").wait_for(timeout=60000)
    assert page.locator("tr", has_text="inpatient").first.locator("td.num").first.inner_text() == (
        "6231.00"
    )
    assert "少付" in page.locator("#discrepancy-chart").inner_text()
    assert "不是 ISO 日期" in page.locator(".audit-errors").inner_text()
    page.screenshot(path=str(shots / "audit.png"), full_page=True)
    page.locator("tr", has_text="inpatient").first.locator("a.why").click()
    page.locator(".why-tree").wait_for()
    assert "6231.00" in page.locator(".why-tree").inner_text()


def test_checks_compare_and_documents_pages(server: str, page: Any, shots: Path) -> None:
    page.goto(server + "/checks?region=cangzhou")
    n = page.locator("table.findings tbody tr").count()
    page.select_option('select[name="severity"]', "error")
    page.click("text=筛选")
    page.wait_for_url("**severity=error*")
    assert page.locator("table.findings tbody tr").count() <= n
    page.goto(server + "/checks?region=cangzhou")
    page.screenshot(path=str(shots / "checks.png"))
    witness = page.locator("a", has_text="在案例中打开").first
    if witness.count():
        witness.click()
        page.wait_for_url("**/?case=*")
        assert page.locator("#person_id").input_value() != ""
    page.goto(server + "/compare?program=inpatient&category=dibao&region=cangzhou&region=jiangsu")
    assert page.locator("table.compare tbody tr").count() >= 2
    assert "沧州市" in page.locator("table.compare").inner_text()
    page.screenshot(path=str(shots / "compare.png"), full_page=True)
    page.goto(server + "/docs/jiangsu")
    assert page.locator("table.literate tbody tr").count() > 10
    page.goto(server + "/docs")
    page.screenshot(path=str(shots / "docs_index.png"))
