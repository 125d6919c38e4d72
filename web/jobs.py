"""Audit jobs: uploaded files in a temporary folder, run on the reasoner thread."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
import uuid
from collections import OrderedDict
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from reasoner.errors import InputError, MedaidError

from .worker import Worker

# The stages Auditor reports, in order, with their Chinese names.
STAGES_ZH = {
    "read": "读取文件",
    "validate": "校验行",
    "eligibility": "匹配规则",
    "ledger (SQL)": "年度台账（SQL）",
    "ledger (Python)": "年度台账（逐人）",
    "output": "汇总结果",
}
INPUTS = ("persons", "identities", "claims")
SUFFIXES = (".csv", ".parquet", ".pq", ".xlsx", ".xlsm")


@dataclass
class Job:
    id: str
    folder: Path
    status: str = "queued"  # queued → running → done | failed
    stage: str | None = None
    stages: list[str] = field(default_factory=list)
    done: int = 0
    total: int | None = None
    created: float = field(default_factory=time.time)
    error: dict[str, str] | None = None
    result: Any = None
    auditor: Any = None
    raw_parameters: dict[str, Any] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    # the Reporter protocol
    def stage_(self, name: str, total: int | None = None) -> None:
        self.stage, self.total, self.done = name, total, 0
        self.stages.append(name)

    def advance(self, n: int = 1) -> None:
        self.done += n


class _Reporter:
    def __init__(self, job: Job) -> None:
        self.job = job

    def stage(self, name: str, total: int | None = None) -> None:
        self.job.stage_(name, total)

    def advance(self, n: int = 1) -> None:
        self.job.advance(n)


def upload_name(source: str, filename: str | None) -> str:
    """The stored name of an upload: fixed per input; only the suffix comes from the client."""
    suffix = Path(filename or "").suffix.lower()
    if source == "parameters":
        if suffix not in (".yaml", ".yml"):
            raise InputError(source, "参数文件应为 .yaml")
        return "params.yaml"
    if suffix not in SUFFIXES:
        raise InputError(source, f"应为 CSV、Parquet 或 xlsx 文件（{', '.join(SUFFIXES)}）")
    return f"{source}{suffix}"


class Jobs:
    """The latest audit jobs; older ones are closed and forgotten."""

    def __init__(self, worker: Worker, keep: int = 8) -> None:
        self.worker = worker
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def create(self, files: dict[str, tuple[str, bytes]]) -> Job:
        """files: input name → (client file name, content). Stored under fixed names."""
        for name in INPUTS:
            if name not in files:
                raise InputError(name, "必须上传此文件")
        stored = {src: upload_name(src, fn) for src, (fn, _) in files.items()}
        folder = Path(tempfile.mkdtemp(prefix="medaid-web-audit-"))
        try:
            for src, (_, content) in files.items():
                (folder / stored[src]).write_bytes(content)
        except OSError:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        job = Job(id=uuid.uuid4().hex, folder=folder)
        job.names = {src: Path(fn).name[:100] for src, (fn, _) in files.items()}
        with self._lock:
            self._jobs[job.id] = job
            old = list(self._jobs.values())[: max(0, len(self._jobs) - self.keep)]
            for o in old:
                if o.status in ("done", "failed"):
                    del self._jobs[o.id]
                    self.worker.submit(_close, o)
        self.worker.submit(_run, job, {src: folder / stored[src] for src in stored})
        return job

    def get(self, job_id: str) -> Job | None:
        with self._lock:
            return self._jobs.get(job_id)

    def close_all(self) -> None:
        with self._lock:
            jobs = list(self._jobs.values())
            self._jobs.clear()
        for j in jobs:
            _close(j)


def _close(job: Job) -> None:
    if job.auditor is not None:
        job.auditor.close()
        job.auditor = None
    shutil.rmtree(job.folder, ignore_errors=True)


def _run(job: Job, paths: dict[str, Path]) -> None:
    from reasoner.api import get_kb
    from reasoner.audit import audit_files
    from reasoner.engine import engine

    job.status = "running"
    try:
        kb = get_kb()
        result, auditor, raw = audit_files(
            kb,
            engine(),
            paths["persons"],
            paths["identities"],
            paths["claims"],
            paths.get("parameters"),
            _Reporter(job),
            threads=1,
            memory_limit="1GB",
        )
        job.result, job.auditor, job.raw_parameters = result, auditor, raw
        job.status = "done"
    except MedaidError as e:
        job.error = {"field": _public_field(e.field, job), "reason": _public_reason(e.reason, job)}
        job.status = "failed"
    except Exception:  # noqa: BLE001 — the client sees a reason, never a traceback
        job.error = {"field": "", "reason": "核查失败：文件无法读取或格式不受支持"}
        job.status = "failed"
    finally:
        # The uploads are not kept once the audit has read them.
        shutil.rmtree(job.folder, ignore_errors=True)


def _public_field(f: str, job: Job) -> str:
    return f[2:] if f.startswith("--") else f


def _public_reason(reason: str, job: Job) -> str:
    """Never show the server's temporary paths; name the client's files instead."""
    text = reason.replace(str(job.folder) + "/", "")
    for src, name in job.names.items():
        for suffix in (*SUFFIXES, ".yaml"):
            text = text.replace(f"{src}{suffix}", name)
    return text.replace("params.yaml", job.names.get("parameters", "params.yaml"))


def _plain(v: Any) -> Any:
    if isinstance(v, Decimal):
        return f"{v:.2f}"
    if hasattr(v, "isoformat"):
        return v.isoformat()
    return v


def rows(table: Any) -> list[dict[str, Any]]:
    return [{k: _plain(v) for k, v in r.items()} for r in table.to_pylist()]


def job_json(
    job: Job,
    offset: int = 0,
    limit: int = 200,
    program: str | None = None,
    status: str | None = None,
    sort: str | None = None,
    descending: bool = False,
) -> dict[str, Any]:
    out: dict[str, Any] = {
        "job": job.id,
        "status": job.status,
        "progress": {
            "stage": job.stage,
            "stage_name": STAGES_ZH.get(job.stage or "", job.stage),
            "stages": job.stages,
            "done": job.done,
            "total": job.total,
        },
        "files": job.names,
    }
    if job.error:
        out["error"] = job.error
    if job.status != "done" or job.result is None:
        return out
    res = job.result
    out["stats"] = asdict(res.stats)
    out["stats"].pop("seconds", None)
    out["discrepancies"] = asdict(res.discrepancies) if res.discrepancies else None
    all_rows = rows(res.results)
    if program:
        all_rows = [r for r in all_rows if r.get("program") == program]
    if status:
        all_rows = [r for r in all_rows if r.get("status") == status]
    if sort:
        if all_rows and sort not in all_rows[0]:
            raise InputError("sort", f"未知列 {sort[:40]!r}；可用：{', '.join(all_rows[0])}")
        all_rows.sort(key=lambda r: _sort_key(r.get(sort)), reverse=descending)
    out["results_total"] = len(all_rows)
    out["results"] = all_rows[offset : offset + limit]
    out["errors_total"] = res.errors.num_rows
    out["errors"] = rows(res.errors)[:limit]
    return out


def _sort_key(v: Any) -> tuple[int, Any]:
    if v is None:
        return (2, "")
    try:
        return (0, Decimal(str(v)))
    except Exception:  # noqa: BLE001 — text sorts after numbers
        return (1, str(v))


def case_of_claim(job: Job, claim_id: str) -> dict[str, Any]:
    """The case of the person a claim belongs to, as audit --export-case writes it."""
    from .loader import canonical

    if job.auditor is None:
        raise InputError("job", "核查尚未完成")
    pid = job.auditor.person_of_claim(claim_id)
    if pid is None:
        raise InputError("claim", f"理赔 {claim_id[:40]!r} 不在已评估的理赔中（不存在或已被拒绝）")
    case: dict[str, Any] = canonical(job.auditor.case_dict(pid, job.raw_parameters))
    return case
