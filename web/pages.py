"""The Chinese pages: 案例, 结果, 文件, 检查, 比较, 核查 (Jinja2, htmx for partial updates)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from reasoner.errors import InputError, MedaidError

from . import jobs as jobs_mod
from . import service
from .loader import NotFound, parse_case_text

HERE = Path(__file__).resolve().parent
Claim = Annotated[str, Query(min_length=1, max_length=200)]
Program = Annotated[str, Query(min_length=1, max_length=100)]
templates = Jinja2Templates(directory=str(HERE / "templates"))

REFUSED = ("not_eligible", "excluded", "unresolved")
KIND_ZH = {
    "gap": "空白",
    "overlap": "重叠",
    "conflict": "冲突",
    "unresolved_reference": "未决引用",
    "divergence": "差异",
    "floor": "底线",
    "anomaly": "异常",
    "approximation": "近似",
    "validity": "有效期",
}
SEVERITY_ZH = {"error": "错误", "warning": "警告", "info": "提示"}
NAV = [
    ("/", "案例"),
    ("/result", "结果"),
    ("/docs", "文件"),
    ("/checks", "检查"),
    ("/compare", "比较"),
    ("/audit", "核查"),
    ("/simulate", "模拟"),
]
MONEY = ("policy_scope_cost", "basic_insurance_paid", "critical_illness_paid", "supplementary_paid")


def examples_dir() -> Path | None:
    """The shipped examples (present in a source checkout)."""
    d = HERE.parent / "examples"
    return d if d.is_dir() else None


def example_files() -> list[tuple[str, str, str]]:
    """(region folder, file stem, first comment line) of every shipped example."""
    d = examples_dir()
    if d is None:
        return []
    out = []
    for f in sorted(d.glob("*/*.yaml")):
        first = f.read_text(encoding="utf-8").splitlines()[0] if f.stat().st_size else ""
        out.append((f.parent.name, f.stem, first.lstrip("# ").strip()))
    return out


def render(request: Request, name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
    ctx.setdefault("nav", NAV)
    ctx.setdefault("active", "")
    ctx["STATUS_ZH"] = service.kb().vocab.statuses
    ctx["REFUSED"] = REFUSED
    ctx["KIND_ZH"] = KIND_ZH
    ctx["SEVERITY_ZH"] = SEVERITY_ZH
    return templates.TemplateResponse(request, name, ctx, status_code=status)


def error_page(request: Request, status: int, field: str, reason: str) -> HTMLResponse:
    if request.headers.get("hx-request"):
        return render(request, "_error.html", status, field=field, reason=reason)
    return render(request, "error.html", status, field=field, reason=reason, code=status)


def _is_htmx(request: Request) -> bool:
    return request.headers.get("hx-request") == "true"


# ---------------------------------------------------------------------------
# The case form ↔ case data
# ---------------------------------------------------------------------------


def _rows(form: dict[str, str], prefix: str) -> list[dict[str, str]]:
    """ident-0-category, ident-1-since … → [{category: …, since: …}, …] in index order."""
    found: dict[int, dict[str, str]] = {}
    for key, value in form.items():
        parts = key.split("-", 2)
        if len(parts) == 3 and parts[0] == prefix and parts[1].isdigit() and len(parts[1]) < 4:
            found.setdefault(int(parts[1]), {})[parts[2]] = value.strip()
    return [found[i] for i in sorted(found)]


def form_to_case(form: dict[str, str]) -> dict[str, Any]:
    """The 案例 form as a case file's data; empty fields are left out."""
    person: dict[str, Any] = {"id": form.get("person_id", "").strip()}
    if form.get("birth_date", "").strip():
        person["birth_date"] = form["birth_date"].strip()
    if form.get("disability_grade", "").strip():
        g = form["disability_grade"].strip()
        if not g.isdigit():
            raise InputError("person.disability_grade", "不是整数")
        person["disability_grade"] = int(g)
    if form.get("needs_maintenance_treatment"):
        person["needs_maintenance_treatment"] = True
    idents = []
    for row in _rows(form, "ident"):
        if not row.get("category"):
            continue
        ident: dict[str, Any] = {"category": row["category"]}
        for k in ("since", "until"):
            if row.get(k):
                ident[k] = row[k]
        idents.append(ident)
    person["identities"] = idents
    if form.get("scheme", "").strip():
        person["insurance"] = {"scheme": form["scheme"].strip()}
    params: dict[str, Any] = {}
    for row in _rows(form, "param"):
        if row.get("name") and row.get("value"):
            if row.get("year"):
                params.setdefault(row["year"], {})[row["name"]] = row["value"]
            else:
                params[row["name"]] = row["value"]
    claims: list[dict[str, Any]] = []
    for row in _rows(form, "claim"):
        if not any(row.get(k) for k in ("id", "date", "policy_scope_cost")):
            continue
        claim: dict[str, Any] = {
            "id": row.get("id", ""),
            "type": row.get("type", ""),
            "date": row.get("date", ""),
        }
        for k in ("discharge", "disease"):
            if row.get(k):
                claim[k] = row[k]
        if row.get("special_disease") in ("true", "false"):
            claim["special_disease"] = row["special_disease"] == "true"
        level = row.get("level", "")
        if not level.isdigit():
            raise InputError(f"claims[{len(claims)}].hospital.level", "请选择医院级别（1、2、3）")
        claim["hospital"] = {"level": int(level), "scope": row.get("scope", "")}
        if row.get("referral"):
            claim["referral"] = row["referral"]
        for k in MONEY:
            if row.get(k):
                claim[k] = row[k]
        claims.append(claim)
    case: dict[str, Any] = {"region": form.get("region", "").strip(), "person": person}
    if params:
        case["parameters"] = params
    case["claims"] = claims
    if form.get("year", "").strip():
        y = form["year"].strip()
        if not y.isdigit():
            raise InputError("year", "不是整数")
        case["year"] = int(y)
    return case


def case_to_form(raw: dict[str, Any]) -> dict[str, Any]:
    """Case data as the form's values (ids where the kb knows the spelling)."""
    k = service.kb()

    def spelled(domain: str, value: Any) -> str:
        return str(k.accepted(domain).get(str(value), str(value)))

    person = raw.get("person") or {}
    if not isinstance(person, dict):
        person = {}
    region = str(raw.get("region", ""))
    idents = [i for i in person.get("identities") or [] if isinstance(i, dict)]
    params = []
    for key, value in (raw.get("parameters") or {}).items():
        if isinstance(value, dict):
            params += [{"year": str(key), "name": n, "value": str(v)} for n, v in value.items()]
        else:
            params.append({"year": "", "name": str(key), "value": str(value)})
    claims: list[dict[str, Any]] = []
    for c in raw.get("claims") or []:
        if not isinstance(c, dict):
            continue
        h: dict[str, Any] = c["hospital"] if isinstance(c.get("hospital"), dict) else {}
        sd = c.get("special_disease")
        claims.append(
            {
                "id": str(c.get("id", "")),
                "type": spelled("claim_kind", c.get("type", "")),
                "date": str(c.get("date", "")),
                "discharge": str(c.get("discharge") or ""),
                "disease": str(c.get("disease") or ""),
                "special_disease": "" if sd is None else ("true" if sd else "false"),
                "level": str(h.get("level", "")),
                "scope": spelled("scope", h.get("scope", "")),
                "referral": spelled("referral_kind", c.get("referral", "")),
                **{m: str(c.get(m, "")) for m in MONEY},
            }
        )
    ins = person.get("insurance") if isinstance(person.get("insurance"), dict) else {}
    scheme = str((ins or {}).get("scheme") or "")
    return {
        "region": k.region_lookup.get(region.strip(), region),
        "person_id": str(person.get("id", "")),
        "birth_date": str(person.get("birth_date") or ""),
        "disability_grade": str(person.get("disability_grade") or ""),
        "needs_maintenance_treatment": bool(person.get("needs_maintenance_treatment")),
        "scheme": spelled("scheme", scheme),
        "year": str(raw.get("year") or ""),
        "identities": [
            {
                "category": str(i.get("category", "")),
                "since": str(i.get("since") or ""),
                "until": str(i.get("until") or ""),
            }
            for i in idents
        ],
        "parameters": params,
        "claims": claims,
    }


def _form_values(form: dict[str, str]) -> dict[str, Any]:
    """Re-show what was typed, after an error."""
    return {
        "region": form.get("region", ""),
        "person_id": form.get("person_id", ""),
        "birth_date": form.get("birth_date", ""),
        "disability_grade": form.get("disability_grade", ""),
        "needs_maintenance_treatment": bool(form.get("needs_maintenance_treatment")),
        "scheme": form.get("scheme", ""),
        "year": form.get("year", ""),
        "identities": _rows(form, "ident"),
        "parameters": _rows(form, "param"),
        "claims": _rows(form, "claim"),
    }


def field_input(field: str) -> str:
    """An error's field path → the name of the form input that holds it."""
    import re

    m = re.match(r"person\.identities\[(\d+)\]\.(\w+)", field)
    if m:
        return f"ident-{m[1]}-{m[2]}"
    m = re.match(r"claims\[(\d+)\]\.(?:hospital\.)?(\w+)", field)
    if m:
        return f"claim-{m[1]}-{m[2]}"
    if field.startswith("person.insurance"):
        return "scheme"
    if field == "person.id":
        return "person_id"
    if field.startswith("person."):
        return field.split(".", 1)[1]
    return field


# ---------------------------------------------------------------------------
# Routes
# ---------------------------------------------------------------------------


def register(app: FastAPI) -> None:
    """Every page, section by section, over one shared state."""
    sh = _Shared(app)
    for section in (
        _case_pages,
        _result_pages,
        _simulate_pages,
        _docs_pages,
        _check_pages,
        _compare_pages,
        _audit_pages,
    ):
        section(app, sh)


class _Shared:
    """What the page sections share: the worker, the case store and the cached options."""

    def __init__(self, app: FastAPI) -> None:
        run = app.state.worker.run
        cases: service.CaseStore = app.state.cases

        async def options() -> dict[str, Any]:
            if not hasattr(app.state, "options"):
                app.state.options = await run(service.options)
            return app.state.options

        def stored(case_id: str) -> dict[str, Any]:
            raw = cases.get(case_id) if len(case_id) <= 40 else None
            if raw is None:
                raise NotFound("case", "案例不存在或已过期：请在案例页重新输入")
            return raw

        def blank() -> dict[str, Any]:
            return {
                "region": "",
                "identities": [{}],
                "parameters": [{}],
                "claims": [{}],
                "needs_maintenance_treatment": False,
            }

        async def case_page(
            request: Request,
            values: dict[str, Any],
            error: MedaidError | None = None,
            status: int = 200,
            add: str | None = None,
        ) -> HTMLResponse:
            opts = await options()
            for key in ("identities", "parameters", "claims"):
                rows = values.get(key) or []
                if key == add:
                    rows = [*rows, {}]
                elif key != "claims" or not rows:
                    rows = [*[r for r in rows if any(r.values())], {}]
                values[key] = rows
            return render(
                request,
                "case.html",
                status,
                active="/",
                v=values,
                o=opts,
                error=error,
                error_input=field_input(error.field) if error else None,
                examples=example_files(),
            )

        async def anchors_map() -> dict[str, tuple[str, str]]:
            if not hasattr(app.state, "anchors"):
                app.state.anchors = await run(service.anchors)
            return app.state.anchors

        self.parts = (run, cases, options, stored, blank, case_page, anchors_map)


def _case_pages(app: FastAPI, sh: _Shared) -> None:
    """案例: the case form, uploads, examples."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    async def case_form(
        request: Request, case: Annotated[str | None, Query(max_length=40)] = None
    ) -> HTMLResponse:
        values = blank()
        if case:
            values = await run(case_to_form, stored(case))
        return await case_page(request, values)

    @app.post("/case", include_in_schema=False)
    async def case_submit(request: Request) -> Response:
        form = {k: v for k, v in (await request.form()).items() if isinstance(v, str)}
        values = _form_values(form)
        add = form.get("add")
        if add in ("identities", "parameters", "claims"):
            return await case_page(request, values, add=add)
        try:
            raw = form_to_case(form)
            await run(service.evaluate, raw)
        except MedaidError as e:
            return await case_page(request, values, e, 422)
        return RedirectResponse(f"/result/{cases.put(raw)}", status_code=303)

    @app.post("/case/upload", include_in_schema=False)
    async def case_upload(request: Request) -> Response:
        try:
            form = await request.form(max_files=1, max_fields=2)
        except Exception:  # noqa: BLE001 — a malformed upload is the client's error
            raise InputError("file", "应为 multipart/form-data 上传") from None
        item = form.get("file")
        if item is None or isinstance(item, str) or not item.filename:
            raise InputError("file", "请选择 YAML 或 JSON 案例文件")
        raw = parse_case_text(await item.read(), item.filename)
        await form.close()
        try:
            await run(service.evaluate, raw)
        except MedaidError as e:
            values = await run(case_to_form, raw)
            return await case_page(request, values, e, 422)
        return RedirectResponse(f"/result/{cases.put(raw)}", status_code=303)

    @app.get("/example/{folder}/{name}", include_in_schema=False)
    async def example(folder: str, name: str) -> Response:
        known = {(f, n) for f, n, _ in example_files()}
        d = examples_dir()
        if (folder, name) not in known or d is None:
            raise StarletteHTTPException(404)
        raw = parse_case_text((d / folder / f"{name}.yaml").read_bytes(), f"{name}.yaml")
        return RedirectResponse(f"/result/{cases.put(raw)}", status_code=303)

    @app.get("/fragment/categories", response_class=HTMLResponse, include_in_schema=False)
    async def categories(
        request: Request, region: Annotated[str, Query(max_length=100)] = ""
    ) -> HTMLResponse:
        opts = await options()
        return render(request, "_categories.html", o=opts, region=region)


def _result_pages(app: FastAPI, sh: _Shared) -> None:
    """结果: a case's result, why and why-not."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/result", response_class=HTMLResponse, include_in_schema=False)
    async def result_empty(request: Request) -> HTMLResponse:
        return render(request, "result.html", active="/result", result=None)

    @app.get("/result/{case_id}", response_class=HTMLResponse, include_in_schema=False)
    async def result(request: Request, case_id: str) -> HTMLResponse:
        raw = stored(case_id)
        try:
            res = await run(service.eval_json, raw)
        except MedaidError as e:
            return await case_page(request, await run(case_to_form, raw), e, 422)
        anchors = await anchors_map()
        opts = await options()
        return render(
            request,
            "result.html",
            active="/result",
            result=res,
            case_id=case_id,
            anchors=anchors,
            region_name=dict((r, n) for r, n, _ in opts["regions"]).get(res["region"], ""),
        )

    @app.get("/why/{case_id}", response_class=HTMLResponse, include_in_schema=False)
    async def why_page(request: Request, case_id: str, claim: Claim, program: Program) -> Response:
        tree = await run(service.why_json, stored(case_id), claim, program)
        ctx = {
            "tree": tree,
            "anchors": await anchors_map(),
            "case_id": case_id,
            "claim": claim,
            "program": program,
        }
        if _is_htmx(request):
            return render(request, "_why.html", **ctx)
        return render(request, "why.html", active="/result", title="为什么", **ctx)

    @app.get("/why-not/{case_id}", response_class=HTMLResponse, include_in_schema=False)
    async def why_not_page(
        request: Request, case_id: str, claim: Claim, program: Program
    ) -> Response:
        raw = stored(case_id)

        def build() -> tuple[dict[str, Any], list[service.ChangeOption], str]:
            tree = service.why_not_json(raw, claim, program)
            heading = service.kb().sentence("heading_changes")
            if service.status_of(raw, claim, program) not in REFUSED:
                return tree, [], heading
            return tree, service.changes(raw, claim, program), heading

        tree, found, heading = await run(build)
        # The changes are shown with their buttons below, not twice.
        tree["children"] = [c for c in tree.get("children", []) if c.get("text") != heading]
        changes = [
            {"description": c.description, "outcome": c.outcome, "case_id": cases.put(c.case)}
            for c in found
        ]
        ctx = {
            "tree": tree,
            "anchors": await anchors_map(),
            "changes": changes,
            "heading": heading,
            "case_id": case_id,
            "claim": claim,
            "program": program,
        }
        if _is_htmx(request):
            return render(request, "_why_not.html", **ctx)
        return render(request, "why_not.html", active="/result", title="为什么不", **ctx)


def _simulate_pages(app: FastAPI, sh: _Shared) -> None:
    """模拟: a case under a shipped reform."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/simulate", response_class=HTMLResponse, include_in_schema=False)
    async def simulate_empty(request: Request) -> HTMLResponse:
        reforms = await run(service.reform_files)
        return render(request, "simulate.html", active="/simulate", reforms=reforms, sim=None)

    @app.get("/simulate/{case_id}", response_class=HTMLResponse, include_in_schema=False)
    async def simulate_page(
        request: Request, case_id: str, reform: Annotated[str, Query(max_length=100)] = ""
    ) -> HTMLResponse:
        raw = stored(case_id)
        reforms = await run(service.reform_files)
        chosen = reform or (reforms[0][0] if reforms else "")
        sim = await run(service.simulate_json, raw, chosen) if chosen else None
        return render(
            request,
            "simulate.html",
            active="/simulate",
            reforms=reforms,
            reform=chosen,
            sim=sim,
            case_id=case_id,
            anchors=await anchors_map(),
        )


def _docs_pages(app: FastAPI, sh: _Shared) -> None:
    """文件: the documents and their clauses."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    async def docs_index(request: Request) -> HTMLResponse:
        opts = await options()
        view = await run(service.documents_view, opts["regions"][0][0])
        return render(
            request,
            "docs_index.html",
            active="/docs",
            regions=opts["regions"],
            coverage=view["coverage"],
        )

    @app.get("/docs/{region}", response_class=HTMLResponse, include_in_schema=False)
    async def docs(request: Request, region: str) -> HTMLResponse:
        opts = await options()
        if region not in {r for r, _, _ in opts["regions"]}:
            raise StarletteHTTPException(404)
        view = await run(service.documents_view, region)
        return render(request, "docs.html", active="/docs", regions=opts["regions"], view=view)


def _check_pages(app: FastAPI, sh: _Shared) -> None:
    """检查: the consistency findings and their witnesses."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/checks", response_class=HTMLResponse, include_in_schema=False)
    async def checks(
        request: Request,
        kind: Annotated[str, Query(max_length=40)] = "",
        region: Annotated[str, Query(max_length=100)] = "",
        severity: Annotated[str, Query(max_length=20)] = "",
    ) -> HTMLResponse:
        opts = await options()
        data = await run(service.check_json, [region] if region else [], [kind] if kind else [])
        findings = [f for f in data["findings"] if not severity or f["severity"] == severity]
        counts = {s: sum(1 for f in findings if f["severity"] == s) for s in SEVERITY_ZH}
        return render(
            request,
            "checks.html",
            active="/checks",
            findings=findings,
            counts=counts,
            o=opts,
            kind=kind,
            region=region,
            severity=severity,
            anchors=await anchors_map(),
        )

    @app.get("/checks/{finding_id}/witness", include_in_schema=False)
    async def witness(finding_id: str) -> Response:
        def find() -> dict[str, Any] | None:
            for f in service.all_findings():
                if f.id == finding_id and f.probe is not None:
                    from .loader import canonical

                    case: dict[str, Any] = canonical(f.probe.case)
                    return case
            return None

        case = await run(find)
        if case is None:
            raise NotFound("finding", f"没有带见证案例的发现 {finding_id[:60]!r}")
        return RedirectResponse(f"/?case={cases.put(case)}", status_code=303)


def _compare_pages(app: FastAPI, sh: _Shared) -> None:
    """比较: one program across the documents."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/compare", response_class=HTMLResponse, include_in_schema=False)
    async def compare_page(
        request: Request,
        program: Annotated[str, Query(max_length=100)] = "inpatient",
        category: Annotated[str, Query(max_length=100)] = "",
        region: Annotated[list[str], Query()] = [],  # noqa: B006
    ) -> HTMLResponse:
        opts = await options()
        data = await run(service.compare_json, program, category or None, region)
        return render(
            request,
            "compare.html",
            active="/compare",
            o=opts,
            cmp=data,
            program=program,
            category=category,
            chosen=set(region),
            anchors=await anchors_map(),
        )


def _audit_pages(app: FastAPI, sh: _Shared) -> None:
    """核查: audit uploads and jobs."""
    run, cases, options, stored, blank, case_page, anchors_map = sh.parts

    @app.get("/audit", response_class=HTMLResponse, include_in_schema=False)
    async def audit_form(request: Request) -> HTMLResponse:
        return render(request, "audit.html", active="/audit")

    @app.post("/audit", include_in_schema=False)
    async def audit_submit(request: Request) -> Response:
        job = await app.state.start_audit(request)
        return RedirectResponse(f"/audit/{job.id}", status_code=303)

    @app.get("/audit/{job_id}", response_class=HTMLResponse, include_in_schema=False)
    async def audit_job(
        request: Request,
        job_id: str,
        program: Annotated[str, Query(max_length=100)] = "",
        status: Annotated[str, Query(max_length=40)] = "",
        sort: Annotated[str, Query(max_length=40)] = "",
        desc: bool = False,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> HTMLResponse:
        job = app.state.get_job(job_id)
        data = await run(
            jobs_mod.job_json,
            job,
            offset,
            200,
            program or None,
            status or None,
            sort or None,
            desc,
        )
        opts = await options()

        def link(**kw: Any) -> str:
            q = {"program": program, "status": status, "sort": sort, "desc": desc}
            q.update(kw)
            return f"/audit/{job_id}?" + urlencode({k: v for k, v in q.items() if v})

        template = "_audit_job.html" if _is_htmx(request) else "audit_job.html"
        return render(
            request,
            template,
            active="/audit",
            job=data,
            o=opts,
            program=program,
            status_filter=status,
            sort=sort,
            desc=desc,
            link=link,
            stages=jobs_mod.STAGES_ZH,
        )

    @app.get("/audit/{job_id}/why", include_in_schema=False)
    async def audit_why(job_id: str, claim: Claim, program: Program) -> Response:
        job = app.state.get_job(job_id)
        case = await run(jobs_mod.case_of_claim, job, claim)
        q = urlencode({"claim": claim, "program": program})
        return RedirectResponse(f"/why/{cases.put(case)}?{q}", status_code=303)
