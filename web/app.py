"""The FastAPI application: the JSON API and the Chinese pages, both thin over reasoner/."""

from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from reasoner.errors import InputError, MedaidError

from . import jobs as jobs_mod
from . import pages, service
from .jobs import Jobs
from .loader import MalformedBody, NotFound, parse_json
from .worker import Worker

HERE = Path(__file__).resolve().parent
Claim = Annotated[str, Query(min_length=1, max_length=200, description="claim id or premium:YEAR")]
Program = Annotated[str, Query(min_length=1, max_length=100, description="program id")]
Regions = Annotated[list[str], Query(description="region id, 区划代码 or Chinese name")]
JSON_LIMIT = 1 << 20  # a case is a few kB; 1 MiB leaves room and stops abuse
UPLOAD_LIMIT = 64 << 20  # audit uploads
_JOB_ID = re.compile(r"^[0-9a-f]{32}$")
CASE_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "description": "A case, as a medaid case file (region, person, claims, parameters)",
                }
            }
        },
    }
}
AUDIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["persons", "identities", "claims"],
                    "properties": {
                        k: {"type": "string", "format": "binary"}
                        for k in ("persons", "identities", "claims", "parameters")
                    },
                }
            }
        },
    }
}


class BodyLimit:
    """413 for bodies over the limit, whether announced by Content-Length or streamed."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        limit = UPLOAD_LIMIT if path.rstrip("/") in ("/api/audit", "/audit") else JSON_LIMIT
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > limit
            except ValueError:
                too_big = True
            if too_big:
                await _too_large(scope, send, limit)
                return
        # Read the whole body first (bounded), then replay it to the application.
        chunks: list[bytes] = []
        size = 0
        more = True
        while more:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > limit:
                await _too_large(scope, send, limit)
                return
            chunks.append(chunk)
            more = message.get("more_body", False)
        body = b"".join(chunks)
        sent = False

        async def replay() -> Message:
            nonlocal sent
            if not sent:
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def _too_large(scope: Scope, send: Send, limit: int) -> None:
    resp = JSONResponse(
        {"error": {"field": "body", "reason": f"请求体超过 {limit // (1 << 20)} MiB 上限"}},
        status_code=413,
    )
    await resp({"type": "http", **scope}, _nothing, send)


async def _nothing() -> Message:
    return {"type": "http.disconnect"}


def error_json(status: int, field: str, reason: str) -> JSONResponse:
    return JSONResponse({"error": {"field": field, "reason": reason}}, status_code=status)


def _loc(loc: Any) -> str:
    parts = [p for p in loc if p not in ("query", "path", "body", "header")]
    out = ""
    for p in parts:
        out += f"[{p}]" if isinstance(p, int) else ("." if out else "") + str(p)
    return out or "body"


_VALIDATION_ZH = {
    "missing": "必填参数缺失",
    "int_parsing": "不是整数",
    "bool_parsing": "不是布尔值（true/false）",
    "greater_than_equal": "超出允许范围",
    "less_than_equal": "超出允许范围",
    "string_too_long": "过长",
    "string_pattern_mismatch": "格式不符",
}


def create_app(worker: Worker | None = None) -> FastAPI:
    """The application; one reasoner thread serves all its requests."""
    w = worker or Worker()
    jobs = Jobs(w)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.close_all()

    app = FastAPI(
        lifespan=lifespan,
        docs_url=None,  # the Swagger page loads its script from a CDN; /docs is the 文件 page
        redoc_url=None,
        title="medaid",
        summary="重特大疾病医疗保险和救助 policy reasoner: the same JSON as `medaid … --format json`",
        version=_version(),
    )
    app.state.worker = w
    app.state.cases = service.CaseStore()
    app.state.jobs = jobs
    app.add_middleware(BodyLimit)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    _error_handlers(app)
    run: Callable[..., Awaitable[Any]] = w.run
    _case_routes(app, run)
    get_job, start_audit = _audit_routes(app, run)
    app.state.get_job = get_job
    app.state.start_audit = start_audit
    pages.register(app)

    return app


def _error_handlers(app: FastAPI) -> None:
    """Errors as `{"error": {field, reason}}` for the API, as a page for the pages; never a traceback."""

    def wants_html(request: Request) -> bool:
        return not request.url.path.startswith(("/api/", "/openapi", "/docs-api"))

    @app.exception_handler(MedaidError)
    async def medaid_error(request: Request, exc: MedaidError) -> Response:
        status = (
            400 if isinstance(exc, MalformedBody) else 404 if isinstance(exc, NotFound) else 422
        )
        if wants_html(request):
            return pages.error_page(request, status, exc.field, exc.reason)
        return error_json(status, exc.field, exc.reason)

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> Response:
        err = exc.errors()[0] if exc.errors() else {"loc": (), "type": "", "msg": "请求无效"}
        field = _loc(err.get("loc", ()))
        reason = _VALIDATION_ZH.get(str(err.get("type")), str(err.get("msg", "请求无效")))
        if wants_html(request):
            return pages.error_page(request, 422, field, reason)
        return error_json(422, field, reason)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        reason = {404: "不存在", 405: "不支持此方法", 413: "请求体过大"}.get(
            exc.status_code, str(exc.detail)
        )
        if wants_html(request):
            return pages.error_page(request, exc.status_code, "", reason)
        return error_json(exc.status_code, "", reason)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> Response:
        # The client never sees a traceback.
        import logging

        logging.getLogger("medaid.web").exception("unexpected error on %s", request.url.path)
        if wants_html(request):
            return pages.error_page(request, 500, "", "内部错误：请求未能完成")
        return error_json(500, "", "内部错误：请求未能完成")


def _case_routes(app: FastAPI, run: Callable[..., Awaitable[Any]]) -> None:
    """The JSON API over one case and over the knowledge base."""

    async def case_body(request: Request) -> dict[str, Any]:
        raw = parse_json(await request.body())
        if not isinstance(raw, dict):
            raise InputError("body", "应为 JSON 对象（region/person/claims）")
        return raw

    # -- JSON API --------------------------------------------------------------

    @app.post("/api/eval", tags=["api"], openapi_extra=CASE_BODY)
    async def api_eval(request: Request) -> JSONResponse:
        """`medaid eval --format json`: every program, status and amount, with citations."""
        raw = await case_body(request)
        return JSONResponse(await run(service.eval_json, raw))

    @app.post("/api/why", tags=["api"], openapi_extra=CASE_BODY)
    async def api_why(request: Request, claim: Claim, program: Program) -> JSONResponse:
        """`medaid why --format json`: the tree from the amount down to facts and clauses."""
        raw = await case_body(request)
        return JSONResponse(await run(service.why_json, raw, claim, program))

    @app.post("/api/why-not", tags=["api"], openapi_extra=CASE_BODY)
    async def api_why_not(request: Request, claim: Claim, program: Program) -> JSONResponse:
        """`medaid why-not --format json`: failed conditions and the smallest verified changes."""
        raw = await case_body(request)
        return JSONResponse(await run(service.why_not_json, raw, claim, program))

    @app.get("/api/check", tags=["api"])
    async def api_check(
        region: Regions = [],  # noqa: B006 — FastAPI reads the default, never mutates it
        kind: Annotated[list[str], Query()] = [],  # noqa: B006
    ) -> JSONResponse:
        """`medaid check --format json`: findings, filtered by region and kind."""
        return JSONResponse(await run(service.check_json, region, kind))

    @app.get("/api/compare", tags=["api"])
    async def api_compare(
        program: Program,
        category: Annotated[str | None, Query(max_length=100)] = None,
        region: Regions = [],  # noqa: B006
    ) -> JSONResponse:
        """`medaid compare --format json`, optionally only some regions."""
        return JSONResponse(await run(service.compare_json, program, category, region))

    @app.get("/api/kb/parameters", tags=["api"])
    async def api_parameters(
        region: Annotated[str | None, Query(max_length=100)] = None,
    ) -> JSONResponse:
        """`medaid kb list --format json`: every parameter with its clause and quote."""
        return JSONResponse(await run(service.parameters_json, region))


def _audit_routes(
    app: FastAPI, run: Callable[..., Awaitable[Any]]
) -> tuple[Callable[[str], jobs_mod.Job], Callable[[Request], Awaitable[jobs_mod.Job]]]:
    """The audit jobs' JSON API; how a page finds a job and starts one."""

    def get_job(job_id: str) -> jobs_mod.Job:
        return _get_job(app, job_id)

    async def start_audit(request: Request) -> jobs_mod.Job:
        return await _start_audit(app, request)

    @app.post(
        "/api/audit",
        tags=["api"],
        status_code=202,
        openapi_extra=AUDIT_BODY,
    )
    async def api_audit(request: Request) -> JSONResponse:
        """Start an audit of uploaded files (what `medaid audit` reads); poll the job."""
        job = await start_audit(request)
        return JSONResponse(
            {"job": job.id, "status": job.status, "href": f"/api/audit/{job.id}"},
            status_code=202,
        )

    @app.get("/api/audit/{job_id}", tags=["api"])
    async def api_audit_job(
        job_id: str,
        offset: Annotated[int, Query(ge=0)] = 0,
        limit: Annotated[int, Query(ge=1, le=10000)] = 200,
        program: Annotated[str | None, Query(max_length=100)] = None,
        status: Annotated[str | None, Query(max_length=40)] = None,
        sort: Annotated[str | None, Query(max_length=40)] = None,
        desc: bool = False,
    ) -> JSONResponse:
        """Progress while running; then stats, discrepancies, result rows and rejected rows."""
        job = get_job(job_id)
        return JSONResponse(
            await run(jobs_mod.job_json, job, offset, limit, program, status, sort, desc)
        )

    @app.get("/api/audit/{job_id}/why", tags=["api"])
    async def api_audit_why(job_id: str, claim: Claim, program: Program) -> JSONResponse:
        """`medaid why --format json` for one row of an audit."""
        job = get_job(job_id)

        def build() -> dict[str, Any]:
            return service.why_json(jobs_mod.case_of_claim(job, claim), claim, program)

        return JSONResponse(await run(build))

    @app.get("/api/audit/{job_id}/{name}.csv", tags=["api"])
    async def api_audit_download(job_id: str, name: str) -> Response:
        """results.csv, errors.csv or discrepancies.csv (UTF-8 with BOM, for Excel)."""
        job = get_job(job_id)
        if name not in ("results", "errors", "discrepancies"):
            raise StarletteHTTPException(404)
        if job.status != "done" or job.result is None:
            raise InputError("job", "核查尚未完成")
        table = {
            "results": job.result.results,
            "errors": job.result.errors,
            "discrepancies": job.result.discrepancy_rows,
        }[name]
        if table is None:
            raise InputError(name, "未提供 paid_assistance 列，没有核对明细")
        data = await run(_csv_bytes, table)
        return Response(
            data,
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{name}.csv"'},
        )

    return get_job, start_audit


def _get_job(app: FastAPI, job_id: str) -> jobs_mod.Job:
    job = app.state.jobs.get(job_id) if _JOB_ID.match(job_id) else None
    if job is None:
        raise NotFound("job", f"未知核查任务 {job_id[:40]!r}")
    return job


async def _start_audit(app: FastAPI, request: Request) -> jobs_mod.Job:
    """A job for the uploaded persons, identities, claims and (optional) parameters."""
    try:
        form = await request.form(max_files=4, max_fields=8)
    except Exception:  # noqa: BLE001 — malformed multipart is the client's error
        raise InputError("body", "应为 multipart/form-data 上传") from None
    files: dict[str, tuple[str, bytes]] = {}
    for name in ("persons", "identities", "claims", "parameters"):
        item = form.get(name)
        if item is None or isinstance(item, str):
            if name != "parameters" and item is None:
                raise InputError(name, "必须上传此文件")
            if isinstance(item, str) and item and name != "parameters":
                raise InputError(name, "应为文件")
            continue
        content = await item.read()
        if name == "parameters" and not content:
            continue
        files[name] = (item.filename or "", content)
    await form.close()
    job: jobs_mod.Job = app.state.jobs.create(files)
    return job


def _csv_bytes(table: Any) -> bytes:
    import pyarrow.csv as pacsv

    buf = io.BytesIO()
    pacsv.write_csv(table, buf)
    return b"\xef\xbb\xbf" + buf.getvalue()


def _version() -> str:
    from reasoner import __version__

    return str(__version__)
