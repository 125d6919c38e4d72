"""The HTTP API and the pages through FastAPI's TestClient: the CLI's JSON, 4xx for bad input."""

from __future__ import annotations

import glob
import json
import os
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from reasoner.cli.main import main
from reasoner.web.app import JSON_LIMIT, create_app
from reasoner.web.loader import parse_case_text
from tests.helpers import EXAMPLE, ROOT

TILT_CASE = ROOT / "examples" / "cangzhou" / "tekun_cancer_2023.yaml"


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    with TestClient(create_app(), raise_server_exceptions=False) as c:
        yield c


def case(path: Path = EXAMPLE) -> dict[str, Any]:
    return parse_case_text(path.read_bytes(), path.name)


def cli_json(*args: str) -> Any:
    r = CliRunner().invoke(main, list(args), prog_name="medaid")
    assert r.exit_code == 0, r.stderr
    return json.loads(r.stdout)


def err(r: Any) -> tuple[int, str, str]:
    body = r.json()
    assert "Traceback" not in r.text
    return r.status_code, body["error"]["field"], body["error"]["reason"]


# ---------------------------------------------------------------------------
# The same JSON as the CLI
# ---------------------------------------------------------------------------


def test_eval_is_the_cli_json_and_pays_6231(client: TestClient) -> None:
    r = client.post("/api/eval", json=case())
    assert r.status_code == 200
    assert r.json() == cli_json("eval", str(EXAMPLE), "--format", "json")
    inpatient = {b["program"]: b for b in r.json()["claims"][0]["benefits"]}["inpatient"]
    # 沧政办规〔2022〕7号 二（三）: (30000 − 18000 − 2700 起付) × (70% − 3) = 9300 × 67% = 6231.00
    assert inpatient["status"] == "paid" and inpatient["amount"] == "6231.00"


def test_why_and_why_not_are_the_cli_json(client: TestClient) -> None:
    q = "?claim=c1&program=inpatient"
    r = client.post(f"/api/why{q}", json=case())
    assert r.status_code == 200
    assert r.json() == cli_json(
        "why", str(EXAMPLE), "--claim", "c1", "--program", "inpatient", "--format", "json"
    )
    assert r.json()["text"] == "c1 · 住院救助：支付 6231.00 元"
    r = client.post("/api/why-not?claim=c1&program=deposit_exemption", json=case())
    assert r.status_code == 200
    assert r.json() == cli_json(
        "why-not",
        str(EXAMPLE),
        "--claim",
        "c1",
        "--program",
        "deposit_exemption",
        "--format",
        "json",
    )


def test_kb_compare_and_check_are_the_cli_json(client: TestClient) -> None:
    r = client.get("/api/kb/parameters", params={"region": "沧州市"})
    assert r.json() == cli_json("kb", "list", "--region", "沧州市", "--format", "json")
    r = client.get("/api/compare", params={"program": "inpatient", "category": "低保对象"})
    full = cli_json(
        "compare", "--program", "inpatient", "--category", "低保对象", "--format", "json"
    )
    assert r.json() == full
    two = client.get(
        "/api/compare",
        params={"program": "inpatient", "category": "dibao", "region": ["cangzhou", "江苏省"]},
    ).json()
    assert {row["region"] for row in two["rows"]} == {"cangzhou", "jiangsu"}
    assert two["rows"] == [row for row in full["rows"] if row["region"] in ("cangzhou", "jiangsu")]
    r = client.get("/api/check", params={"region": "cangzhou", "kind": "gap"})
    assert r.status_code == 200
    assert r.json() == cli_json(
        "check", "--region", "cangzhou", "--kind", "gap", "--format", "json"
    )
    assert r.json()["findings"] and all(f["kind"] == "gap" for f in r.json()["findings"])


def test_openapi_lists_the_api(client: TestClient) -> None:
    paths = client.get("/openapi.json").json()["paths"]
    for p in (
        "/api/eval",
        "/api/why",
        "/api/why-not",
        "/api/check",
        "/api/compare",
        "/api/kb/parameters",
        "/api/audit",
        "/api/audit/{job_id}",
    ):
        assert p in paths


def test_forty_concurrent_evaluations_are_identical_and_correct(client: TestClient) -> None:
    a, b = case(), case(TILT_CASE)
    want_a = cli_json("eval", str(EXAMPLE), "--format", "json")
    want_b = cli_json("eval", str(TILT_CASE), "--format", "json")

    def one(i: int) -> tuple[int, Any]:
        r = client.post("/api/eval", json=a if i % 2 == 0 else b)
        return i, r.json()

    with ThreadPoolExecutor(max_workers=40) as pool:
        results = list(pool.map(one, range(40)))
    for i, got in results:
        assert got == (want_a if i % 2 == 0 else want_b), i
    assert sum(1 for _, g in results if g["totals"]["assistance"] == "6231.00") == 20


# ---------------------------------------------------------------------------
# Bad requests: 4xx with the field and the reason, never a traceback
# ---------------------------------------------------------------------------


def test_malformed_json_and_wrong_shapes(client: TestClient) -> None:
    r = client.post(
        "/api/eval", content=b'{"region": ', headers={"content-type": "application/json"}
    )
    code, field, reason = err(r)
    assert (code, field) == (400, "body") and reason.startswith("无法解析 JSON（第 1 行第 12 列）")
    assert err(client.post("/api/eval", content=b"[1, 2]"))[:2] == (422, "body")
    assert err(client.post("/api/eval", content=b'{"x": NaN}')) == (400, "x", "不是有限数：NaN")
    assert err(client.post("/api/eval", content=b"[" * 100000 + b"]" * 100000))[0] == 400
    assert err(client.post("/api/eval", content=b"\xff\xfe"))[:2] == (400, "body")
    bad = case()
    bad["claims"] = "c1"
    assert err(client.post("/api/eval", json=bad)) == (422, "claims", "应为列表")
    bad = case()
    bad["claims"][0]["date"] = "2022-04-31"
    code, field, reason = err(client.post("/api/eval", json=bad))
    assert (code, field) == (422, "claims[0].date") and reason.startswith("不是有效日期 2022-04-31")
    bad = case()
    bad["claims"][0]["hospital"]["level"] = 7
    assert err(client.post("/api/eval", json=bad))[:2] == (422, "claims[0].hospital.level")
    bad = case()
    bad["claims"][0]["policy_scope_cost"] = -5
    assert err(client.post("/api/eval", json=bad)) == (
        422,
        "claims[0].policy_scope_cost",
        "金额不能为负数",
    )


def test_unknown_ids(client: TestClient) -> None:
    bad = case()
    bad["region"] = "火星"
    code, field, reason = err(client.post("/api/eval", json=bad))
    assert (code, field) == (422, "region") and reason.startswith("未知地区 '火星'")
    code, field, reason = err(client.post("/api/why?claim=zz&program=inpatient", json=case()))
    assert (code, field) == (422, "claim") and reason.startswith("案例中没有理赔 'zz'；可用：c1")
    code, field, _ = err(client.post("/api/why?claim=c1&program=lottery", json=case()))
    assert (code, field) == (422, "program")
    assert err(client.post("/api/why?program=inpatient", json=case())) == (
        422,
        "claim",
        "必填参数缺失",
    )
    assert err(client.get("/api/check?kind=nonsense"))[:2] == (422, "kind")
    assert err(client.get("/api/compare?program=inpatient&region=atlantis"))[:2] == (422, "region")
    assert err(client.get("/api/kb/parameters?region=atlantis"))[:2] == (422, "region")
    assert err(client.get("/api/audit/" + "0" * 32))[:2] == (404, "job")
    assert client.get("/api/audit/%2e%2e%2f%2e%2e%2fetc").status_code == 404


def test_hostile_strings_are_data(client: TestClient, tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    hostile = [
        f"c1'), shell('touch {marker}'), ('",
        f"\"; import os; os.system('touch {marker}') #",
        "a\x00b",
        "<script>alert(1)</script>",
        "x" * 5000,
        f"{{1}}. :- initialization(shell('touch {marker}')).",
    ]
    for h in hostile:
        for where in ("person", "claim", "disease", "region", "category"):
            c = case()
            if where == "person":
                c["person"]["id"] = h
            elif where == "claim":
                c["claims"][0]["id"] = h
            elif where == "disease":
                c["claims"][0]["disease"] = h
            elif where == "region":
                c["region"] = h
            else:
                c["person"]["identities"][0]["category"] = h
            r = client.post("/api/eval", json=c)
            # 400: text the case loader refuses (control characters, over-long strings)
            assert r.status_code in (200, 400, 422), (where, h[:20], r.text[:200])
            assert "Traceback" not in r.text
            if r.status_code == 200 and where in ("person", "claim", "disease"):
                assert r.json()["totals"]["assistance"] == "6231.00"
        r = client.post("/api/why", params={"claim": h[:200], "program": "inpatient"}, json=case())
        assert r.status_code == 422 and "Traceback" not in r.text
    assert not marker.exists()


def test_body_over_the_limit_is_413(client: TestClient) -> None:
    big = b'{"region": "' + b"x" * (JSON_LIMIT + 10) + b'"}'
    assert err(client.post("/api/eval", content=big))[:2] == (413, "body")

    def chunks() -> Iterator[bytes]:  # no Content-Length: the limit holds while streaming
        for _ in range(40):
            yield b" " * (64 * 1024)

    assert client.post("/api/eval", content=chunks()).status_code == 413


def test_nothing_outside_the_app_is_served(client: TestClient) -> None:
    assert client.get("/static/htmx.min.js").status_code == 200
    for path in (
        "/static/../app.py",
        "/static/%2e%2e/app.py",
        "/static/..%2fapp.py",
        "/static/%2e%2e%2f%2e%2e%2fpyproject.toml",
        "/static//etc/passwd",
        "/docs/..%2f..%2fpyproject.toml",
        "/example/..%2f..%2f/pyproject",
        "/example/cangzhou/..%2fdibao_edge_inpatient",
        "/result/..%2f..%2fetc%2fpasswd",
    ):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "create_app" not in r.text and "root:" not in r.text and "[project]" not in r.text


# ---------------------------------------------------------------------------
# Audit over HTTP
# ---------------------------------------------------------------------------

PERSONS = "person_id,region,scheme\np1,沧州市,resident_tier1\np2,沧州市,resident_tier1\n"
IDENTITIES = (
    "person_id,category,since,until\n"
    "p1,低保边缘家庭成员,2022-01-01,2022-12-31\np2,低保边缘家庭成员,2022-01-01,2022-12-31\n"
)
CLAIMS = (
    "claim_id,person_id,type,date,discharge,disease,hospital_level,scope,referral,"
    "policy_scope_cost,basic_insurance_paid,critical_illness_paid,paid_assistance\n"
    "c1,p1,inpatient,2022-07-01,2022-07-10,肺炎,2,in_city,primary_care,30000,18000,0,6000\n"
    "c2,p2,inpatient,2022-04-31,2022-05-02,肺炎,2,in_city,primary_care,30000,18000,0,0\n"
)
PARAMS = "沧州市:\n  per_capita_disposable_income: 27000\n"


def upload(client: TestClient, **override: Any) -> Any:
    files: dict[str, Any] = {
        "persons": ("persons.csv", PERSONS.encode(), "text/csv"),
        "identities": ("identities.csv", IDENTITIES.encode(), "text/csv"),
        "claims": ("claims.csv", CLAIMS.encode(), "text/csv"),
        "parameters": ("params.yaml", PARAMS.encode(), "application/yaml"),
    }
    for k, v in override.items():
        if v is None:
            files.pop(k)
        else:
            files[k] = v
    return client.post("/api/audit", files=files)


def wait(client: TestClient, job: str) -> dict[str, Any]:
    for _ in range(600):
        body: dict[str, Any] = client.get(f"/api/audit/{job}").json()
        if body["status"] in ("done", "failed"):
            return body
        time.sleep(0.1)
    raise AssertionError("audit did not finish")


def test_audit_upload_progress_results_downloads_and_why(client: TestClient) -> None:
    before = set(glob.glob(os.path.join(tempfile.gettempdir(), "medaid-web-audit-*")))
    r = upload(client)
    assert r.status_code == 202
    job = r.json()["job"]
    body = wait(client, job)
    assert body["status"] == "done", body
    # the uploads are gone once the audit has read them
    assert set(glob.glob(os.path.join(tempfile.gettempdir(), "medaid-web-audit-*"))) <= before
    s = body["stats"]
    # rows in = rows evaluated + rows rejected (c2's date 2022-04-31 does not exist)
    assert (s["claims_in"], s["claims_evaluated"], s["claims_rejected"]) == (2, 1, 1)
    inpatient = [
        x for x in body["results"] if x["claim_id"] == "c1" and x["program"] == "inpatient"
    ]
    assert inpatient[0]["status"] == "paid" and inpatient[0]["amount"] == "6231.00"
    assert body["errors"][0]["source"] == "claims.csv" and body["errors"][0]["row"] == 2
    d = body["discrepancies"]
    # paid 6000.00 against 6231.00 owed: one underpaid claim, 231.00 元
    assert (d["claims_compared"], d["under"], d["under_total"]) == (1, 1, -23100)
    paid = client.get(f"/api/audit/{job}", params={"status": "paid", "sort": "amount"}).json()
    assert paid["results"] and all(x["status"] == "paid" for x in paid["results"])
    amounts = [float(x["amount"]) for x in paid["results"]]
    assert amounts == sorted(amounts)
    assert err(client.get(f"/api/audit/{job}", params={"sort": "nope"}))[:2] == (422, "sort")
    csv = client.get(f"/api/audit/{job}/results.csv")
    assert csv.status_code == 200 and csv.content.startswith(b"\xef\xbb\xbf")
    assert "6231" in csv.content.decode("utf-8-sig")
    errors = client.get(f"/api/audit/{job}/errors.csv").content.decode("utf-8-sig")
    assert '"claims.csv",2,"date","不是 ISO 日期（YYYY-MM-DD）"' in errors
    why = client.get(f"/api/audit/{job}/why", params={"claim": "c1", "program": "inpatient"})
    assert why.status_code == 200 and why.json()["text"] == "c1 · 住院救助：支付 6231.00 元"
    assert err(client.get(f"/api/audit/{job}/why", params={"claim": "c2", "program": "inpatient"}))[
        :2
    ] == (422, "claim")
    page = client.get(f"/audit/{job}")
    assert page.status_code == 200 and "6231.00" in page.text and "少付" in page.text


def test_audit_bad_uploads(client: TestClient) -> None:
    assert err(upload(client, claims=None))[:2] == (422, "claims")
    code, field, _ = err(upload(client, persons=("persons.exe", b"x", "text/plain")))
    assert (code, field) == (422, "persons")
    assert err(client.post("/api/audit", content=b"garbage"))[0] == 422
    r = upload(client, claims=("claims.csv", b"claim_id,person_id\nc1,p1\n", "text/csv"))
    body = wait(client, r.json()["job"])
    assert body["status"] == "failed"
    assert body["error"]["field"] == "claims" and "缺少必需的列" in body["error"]["reason"]
    assert "medaid-web-audit" not in json.dumps(body)  # no server paths


# ---------------------------------------------------------------------------
# Pages
# ---------------------------------------------------------------------------


def test_pages_render_in_chinese(client: TestClient) -> None:
    for path, text in (
        ("/", "救助对象身份"),
        ("/result", "还没有评估的案例"),
        ("/docs", "覆盖情况"),
        ("/docs/cangzhou", "沧政办规〔2022〕7号"),
        ("/checks?region=cangzhou&severity=error", "检查"),
        ("/compare?program=inpatient&category=dibao", "住院救助"),
        ("/audit", "开始核查"),
    ):
        r = client.get(path)
        assert r.status_code == 200, path
        assert text in r.text, path


def test_case_form_evaluates_and_reports_field_errors(client: TestClient) -> None:
    form = {
        "region": "cangzhou",
        "person_id": "p1",
        "scheme": "resident_tier1",
        "ident-0-category": "低保边缘家庭成员",
        "ident-0-since": "2022-01-01",
        "ident-0-until": "2022-12-31",
        "param-0-name": "per_capita_disposable_income",
        "param-0-value": "27000",
        "claim-0-id": "c1",
        "claim-0-type": "inpatient",
        "claim-0-date": "2022-07-01",
        "claim-0-discharge": "2022-07-10",
        "claim-0-disease": "肺炎",
        "claim-0-level": "2",
        "claim-0-scope": "in_city",
        "claim-0-referral": "primary_care",
        "claim-0-policy_scope_cost": "30000",
        "claim-0-basic_insurance_paid": "18000",
        "claim-0-critical_illness_paid": "0",
    }
    r = client.post("/case", data=form)
    assert r.status_code == 200 and "6231.00" in r.text
    bad = {**form, "claim-0-discharge": "2022-06-01"}
    r = client.post("/case", data=bad)
    assert r.status_code == 422
    assert "claims[0].discharge" in r.text and "出院日期早于入院日期" in r.text
    assert (
        'name="claim-0-discharge" id="claim-0-discharge" value="2022-06-01" aria-invalid="true"'
        in r.text
    )


def test_why_not_offers_verified_changes_that_apply(client: TestClient) -> None:
    c = case()
    c["claims"][0]["referral"] = "none"
    c["claims"][0]["hospital"]["scope"] = "out_of_province"
    ev = client.post("/api/eval", json=c).json()
    status = {b["program"]: b["status"] for b in ev["claims"][0]["benefits"]}
    assert status["inpatient"] in ("excluded", "not_eligible")
    r = client.post("/case/upload", files={"file": ("case.json", json.dumps(c).encode())})
    assert r.status_code == 200
    case_id = str(r.url).rsplit("/", 1)[1]
    page = client.get(
        f"/why-not/{case_id}?claim=c1&program=inpatient", headers={"HX-Request": "true"}
    )
    assert page.status_code == 200 and "应用并重新评估" in page.text
    target = page.text.split('class="button apply" href="', 1)[1].split('"', 1)[0]
    applied = client.get(target)
    assert applied.status_code == 200
    assert '<span class="badge paid">支付</span>' in applied.text


def test_upload_rejects_yaml_tricks(client: TestClient) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]" for i in range(1, 8)]
    bomb = "\n".join(lines).encode()
    r = client.post("/case/upload", files={"file": ("case.yaml", bomb)})
    assert r.status_code == 400 and "别名展开后超过" in r.text
    r = client.post("/case/upload", files={"file": ("case.yaml", b"!!python/object:os.system x")})
    assert r.status_code == 400 and "Traceback" not in r.text


def test_simulate_page_shows_the_reform_difference(client: TestClient) -> None:
    r = client.get("/example/cangzhou/dibao_edge_inpatient")
    case_id = str(r.url).rsplit("/", 1)[1]
    page = client.get(f"/simulate/{case_id}", params={"reform": "cangzhou_edge_joins_tilt"})
    assert page.status_code == 200
    # the same figures as `medaid simulate … --reform examples/reforms/cangzhou_edge_joins_tilt.yaml`
    want = cli_json(
        "simulate",
        str(EXAMPLE),
        "--reform",
        str(ROOT / "examples" / "reforms" / "cangzhou_edge_joins_tilt.yaml"),
        "--format",
        "json",
    )
    after = want["reform"]["totals"]["assistance"]
    assert f'<strong id="sim-total">{after}</strong>' in page.text
    assert want["delta"]["assistance"] in page.text
    bad = client.get(f"/simulate/{case_id}", params={"reform": "../../pyproject"})
    assert bad.status_code == 422 and "未知改革方案" in bad.text
