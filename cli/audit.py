"""`medaid audit`: the command, its progress bar and its printed summary."""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click
import yaml

from reasoner.errors import InputError

from .main import ID_TEXT, handle_errors, main

if TYPE_CHECKING:
    from reasoner.audit import Auditor


class RichReporter:
    """A rich progress bar on stderr, one task per stage."""

    def __init__(self, console: Any) -> None:
        from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.completed}/{task.total}"),
            TimeElapsedColumn(),
            console=console,
            transient=True,
        )
        self.task: Any = None

    def __enter__(self) -> RichReporter:
        self.progress.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.stop()

    def stage(self, name: str, total: int | None = None) -> None:
        if self.task is not None:
            t = self.progress.tasks[-1]
            self.progress.update(self.task, completed=t.total or 1, total=t.total or 1)
        self.task = self.progress.add_task(name, total=total)

    def advance(self, n: int = 1) -> None:
        if self.task is not None:
            self.progress.advance(self.task, n)


def _yuan(fen: int) -> str:
    from reasoner.audit_output import money_text

    return money_text(fen)


MEMORY_RE = r"[0-9]+(\.[0-9]+)?\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB)"


def _memory_limit(value: str) -> str:
    import re

    v = value.strip()
    if not re.fullmatch(MEMORY_RE, v, re.IGNORECASE | re.ASCII):
        raise InputError("--memory-limit", f"应为如 2.5GB、800MB 的内存大小，而不是 {value[:40]!r}")
    return v


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that every cleanup runs."""


def _on_sigterm(signum: int, frame: Any) -> None:
    raise _Terminated()


@dataclass(frozen=True)
class AuditOptions:
    """What `medaid audit` was asked for."""

    persons: Path
    identities: Path
    claims: Path
    parameters: Path | None
    out: Path
    errors: Path | None
    explain: str | None
    export_case: tuple[str, Path] | None
    threads: int | None
    memory_limit: str
    encoding: str | None = None
    sheet: str | None = None
    labels: str = "id"
    top: int = 10
    report: Path | None = None
    strict: bool = False
    engine: str = "duckdb"
    spark_master: str = "local[2]"
    partitions: int | None = None


@dataclass(frozen=True)
class _Paths:
    """Where a run writes (checked before any work) and what it reads."""

    errors: Path | None
    discrepancies: Path | None
    manifest: Path
    inputs: dict[str, Path]


def run_cli(opts: AuditOptions) -> None:
    """`medaid audit`: check every path, audit, write all outputs at once, print the summary."""
    import signal

    paths = _check_paths(opts)
    previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        _run(replace(opts, memory_limit=_memory_limit(opts.memory_limit)), paths)
    finally:
        signal.signal(signal.SIGTERM, previous)
        from reasoner.audit import remove_scratch

        remove_scratch()


def _check_paths(opts: AuditOptions) -> _Paths:
    """Formats, limits, and that no output clobbers an input or another output."""
    from reasoner import audit_output as io

    out, errors, report = opts.out, opts.errors, opts.report
    fmt = io.output_format(out, "--out", ("csv", "parquet", "xlsx"))
    if errors is not None:
        io.output_format(errors, "--errors")
    _memory_limit(opts.memory_limit)
    workbook = fmt == "xlsx"
    errors_path = errors
    if errors_path is None and not workbook:
        errors_path = out.with_name(f"{out.stem}.errors.csv")
    disc_path = None if workbook else out.with_name(f"{out.stem}.discrepancies{out.suffix}")
    manifest = out.with_name(f"{out.stem}.manifest.json")
    inputs = {"--persons": opts.persons, "--identities": opts.identities, "--claims": opts.claims}
    if opts.parameters is not None:
        inputs["--parameters"] = opts.parameters
    outputs: dict[str, Path] = {"--out": out}
    if errors_path is not None:
        outputs["--errors" if errors is not None else "--errors（默认）"] = errors_path
    if disc_path is not None:
        outputs["差异文件"] = disc_path
    outputs["清单文件"] = manifest
    if opts.export_case is not None:
        outputs["--export-case"] = opts.export_case[1]
    if report is not None:
        if report.suffix.lower() not in (".html", ".htm"):
            raise InputError(
                "--report", f"不支持的输出格式 {report.suffix or '（无扩展名）'!r}：应为 .html"
            )
        outputs["--report"] = report
    io.check_outputs(outputs, inputs)
    return _Paths(errors_path, disc_path, manifest, inputs)


def _audit(opts: AuditOptions, kb: Any, eng: Any, reporter: Any) -> Any:
    """(result, auditor, raw parameters) from the engine asked for."""
    from reasoner.audit import audit_files as duckdb_audit

    kwargs: dict[str, Any] = {"encoding": opts.encoding, "sheet": opts.sheet}
    audit_files: Any = duckdb_audit
    if opts.engine == "spark":
        from reasoner import audit_spark

        def audit_files(*args: Any, **kw: Any) -> Any:
            # DuckDB's threads and memory limit do not apply: Spark's own configuration does
            return audit_spark.audit_files(*args[:7], master=opts.spark_master, **kw)

    args = (kb, eng, opts.persons, opts.identities, opts.claims, opts.parameters)
    if reporter is not None:
        with reporter:
            return audit_files(*args, reporter, opts.threads, opts.memory_limit, **kwargs)
    return audit_files(*args, None, opts.threads, opts.memory_limit, **kwargs)


def _run(opts: AuditOptions, paths: _Paths) -> None:
    from rich.console import Console

    from reasoner import audit_output as io
    from reasoner.api import get_kb
    from reasoner.engine import engine

    from . import audit_parts

    kb = get_kb()
    eng = engine()
    # Off a terminal rich assumes 80 columns and would cut the Chinese trees and tables.
    stdout = Console(highlight=False, width=None if sys.stdout.isatty() else 200)
    err_console = Console(stderr=True, soft_wrap=True, highlight=False)
    reporter: Any = RichReporter(err_console) if sys.stderr.isatty() else None
    t0 = time.perf_counter()
    run_id = io.new_run_id()
    n = audit_parts.partitions(opts)
    if n > 1:
        result, files, case_text = audit_parts.run_partitioned(
            opts, paths, kb, eng, reporter, n, run_id
        )
        auditor: Any = result  # --explain reads the case the partition run kept
        raw: dict[str, Any] = {}
    else:
        result, auditor, raw = _audit(opts, kb, eng, reporter)
        files = io.RunFiles(paths.manifest, run_id, protect=tuple(paths.inputs.values()))
    try:
        summary = _summary_rows(result, run_id)
        if n == 1:
            audit_parts.check_xlsx_rows(opts, result.stats.output_rows)
            case_text = _write(opts, paths, kb, result, auditor, raw, files, run_id, summary)
        files.commit(_manifest(paths, result, run_id))
        elapsed = time.perf_counter() - t0
        _print_summary(stdout, kb, opts, paths, result, summary, run_id, elapsed)
        if case_text is not None and opts.export_case is not None:
            claim_id, path = opts.export_case
            stdout.print(f"案例文件：{path}（medaid why {path} --claim {claim_id} --program …）")
        if opts.explain is not None:
            _explain(stdout, kb, eng, auditor, raw, opts.explain)
        if opts.strict and result.missing_parameters:
            raise result.missing_errors()[0]
    finally:
        files.discard()
        auditor.close()


def _write(
    opts: AuditOptions,
    paths: _Paths,
    kb: Any,
    result: Any,
    auditor: Any,
    raw: dict[str, Any],
    files: Any,
    run_id: str,
    summary: list[tuple[str, str]],
) -> str | None:
    """Stage every output of the run (committed together); the exported case's text."""
    import pyarrow as pa

    from reasoner import audit_output as io

    out, labels = opts.out, opts.labels
    regions = auditor.con.sql("SELECT person_id, region FROM persons").to_arrow_table()
    results = result.results
    if labels == "zh" or out.suffix.lower() == ".xlsx":
        results = _with_region(results, regions, pa)
    disc_rows = result.discrepancy_rows
    if out.suffix.lower() == ".xlsx":
        missing = auditor.con.sql("SELECT * FROM missing").to_arrow_table()
        sheets = {
            "结果": io.labelled(io.with_run_id(results, run_id), kb),
            "差异": io.labelled(
                io.with_run_id(disc_rows if disc_rows is not None else _empty_disc(pa), run_id),
                kb,
            ),
            "错误": io.labelled(io.with_run_id(result.errors, run_id), kb),
            "缺少参数": io.labelled(io.with_run_id(missing, run_id), kb),
            "汇总": pa.table({"项目": [k for k, _ in summary], "值": [v for _, v in summary]}),
            "预警": io.labelled(_warnings(kb, auditor, pa), kb),
        }
        files.stage("workbook", out, lambda t: io.write_workbook(t, sheets), results.num_rows)
    else:
        shown = io.labelled(results, kb) if labels == "zh" else results
        files.table("results", shown, out)
    if paths.errors is not None:
        err_t = io.labelled(result.errors, kb) if labels == "zh" else result.errors
        files.table("errors", err_t, paths.errors)
    if paths.discrepancies is not None:
        if disc_rows is not None:
            shown_d = io.labelled(disc_rows, kb) if labels == "zh" else disc_rows
            files.table("discrepancies", shown_d, paths.discrepancies)
        else:
            files.drop_if_present(paths.discrepancies)
    if opts.report is not None:
        from reasoner.report import render_report

        page = render_report(kb, result, regions, top=opts.top)
        files.stage("report", opts.report, lambda t: t.write_text(page, encoding="utf-8"))
    if opts.export_case is None:
        return None
    claim_id, path = opts.export_case
    case = _case_of_claim(auditor, claim_id, raw, "--export-case")
    text = yaml.safe_dump(case, allow_unicode=True, sort_keys=False)
    files.stage("case", path, lambda t: t.write_text(text, encoding="utf-8"))
    return text


def _manifest(paths: _Paths, result: Any, run_id: str) -> dict[str, Any]:
    from reasoner import __version__

    s = result.stats
    return {
        "medaid": __version__,
        "created": run_id.split("-")[0],
        "inputs": {
            # an input Spark reads from hdfs:// or s3a:// has no local size
            k.removeprefix("--"): {
                "file": str(v),
                "bytes": v.stat().st_size if v.exists() else None,
            }
            for k, v in paths.inputs.items()
        },
        "rows": {
            "persons_in": s.persons_in,
            "persons_rejected": s.persons_rejected,
            "identities_in": s.identities_in,
            "identities_rejected": s.identities_rejected,
            "claims_in": s.claims_in,
            "claims_evaluated": s.claims_evaluated,
            "claims_rejected": s.claims_rejected,
            "output_rows": s.output_rows,
        },
    }


def _print_summary(
    stdout: Any,
    kb: Any,
    opts: AuditOptions,
    paths: _Paths,
    result: Any,
    summary: list[tuple[str, str]],
    run_id: str,
    elapsed: float,
) -> None:
    s = result.stats
    stdout.print(f"结果：{opts.out}（{s.output_rows} 行）")
    if paths.errors is not None:
        stdout.print(f"错误：{paths.errors}（{_error_rows(result)} 行）")
    else:
        stdout.print(f"错误：{opts.out} 工作表「错误」（{_error_rows(result)} 行）")
    for label, value in summary[1:4]:
        stdout.print(f"{label}：{value}")
    stdout.print(
        f"人年：{s.person_years_sql} 个由 SQL 账本计算，{s.person_years_python} 个由 Python 账本计算；"
        f"用时 {elapsed:.1f} 秒"
    )
    d, disc_rows = result.discrepancies, result.discrepancy_rows
    if d is not None and disc_rows is not None:
        _print_discrepancies(stdout, d, disc_rows, opts.top)
        if paths.discrepancies is not None:
            stdout.print(f"核对明细：{paths.discrepancies}")
    for m in result.missing_parameters:
        stdout.print(
            f"缺少参数 {m['name']}（{m['label']}），地区 {kb.region_name(m['region'])}"
            f"（{m['region']}），年度 {m['year']}：涉及 {m['persons']} 人，"
            + ("其理赔未评估（见错误文件）" if m["blocks_claims"] else "资助参保待定，理赔照常评估")
        )
    if opts.report is not None:
        stdout.print(f"报告：{opts.report}")
    stdout.print(f"运行编号：{run_id}（清单：{paths.manifest}）")


def _error_rows(result: Any) -> int:
    n = getattr(result, "error_rows", None)  # a partitioned run's count (no table)
    return int(n) if n is not None else int(result.errors.num_rows)


def _explain(
    stdout: Any, kb: Any, eng: Any, auditor: Any, raw: dict[str, Any], claim_id: str
) -> None:
    """`medaid why` for every program of the claim, from its person's case."""
    from reasoner.api import evaluate_data
    from reasoner.explain import print_tree, why

    if hasattr(auditor, "cases"):  # a partitioned run kept the case of its partition
        case = auditor.cases["--explain"]
    else:
        case = _case_of_claim(auditor, claim_id, raw, "--explain")
    res = evaluate_data(case)
    programs = [b.program for cr in res.claims if cr.claim.id == claim_id for b in cr.benefits]
    for program in programs:
        node = why(kb, eng, res, claim_id, program)
        print_tree(node, stdout, kb)


def _with_region(results: Any, regions: Any, pa: Any) -> Any:
    """The person's region beside each result row (for labelled outputs)."""
    ids = results.column("person_id").to_pylist()
    of = dict(zip(regions.column(0).to_pylist(), regions.column(1).to_pylist(), strict=True))
    col = pa.array([of.get(p) for p in ids], pa.string())
    return results.add_column(2, "region", col)


def _empty_disc(pa: Any) -> Any:
    cols = {n: pa.array([], pa.string()) for n in ("claim_id", "person_id", "kind")}
    for n in ("paid_assistance", "expected", "difference"):
        cols[n] = pa.array([], pa.decimal128(18, 2))
    cols["not_exact"] = pa.array([], pa.bool_())
    cols["not_exact_programs"] = pa.array([], pa.string())
    return pa.table(cols)


def _warnings(kb: Any, auditor: Any, pa: Any) -> Any:
    """The 预警 rows of the audited persons, by the rules `eval` and `medaid warnings` use."""
    from reasoner.warnings import table_warnings, warning_headers

    t = table_warnings(kb, auditor.con, auditor.parameters)
    keep = {"person_id", "region", "year"}  # labelled() names these, with region names beside
    head = warning_headers(kb)
    return t.rename_columns([c if c in keep else head[c] for c in t.column_names])


def _summary_rows(result: Any, run_id: str) -> list[tuple[str, str]]:
    s = result.stats
    rows = [
        ("运行编号", run_id),
        (
            "人员",
            f"读入 {s.persons_in} 行 = 接受 {s.persons_in - s.persons_rejected} + 拒绝 {s.persons_rejected}",
        ),
        (
            "身份",
            f"读入 {s.identities_in} 行 = 接受 {s.identities_in - s.identities_rejected} + 拒绝 {s.identities_rejected}",
        ),
        (
            "理赔",
            f"读入 {s.claims_in} 行 = 评估 {s.claims_evaluated} + 拒绝 {s.claims_rejected}",
        ),
        ("结果行数", str(s.output_rows)),
    ]
    d = result.discrepancies
    if d is not None:
        rows += _discrepancy_rows(d)
    rows += [(f"缺少参数 {m['name']}", _missing_text(m)) for m in result.missing_parameters]
    return rows


def _missing_text(m: dict[str, Any]) -> str:
    what = "其理赔未评估" if m["blocks_claims"] else "资助参保待定，理赔照常评估"
    return f"地区 {m['region']}，年度 {m['year']}：涉及 {m['persons']} 人，{what}"


def _print_discrepancies(stdout: Any, d: Any, rows: Any, top: int) -> None:
    """Only exact figures are compared; over- and under-payments apart, differences signed."""
    from rich.table import Table

    t = Table(title="已付救助金额核对（只与确定金额比较）")
    for col in ("项目", "值"):
        t.add_column(col)
    for label, value in _discrepancy_rows(d):
        t.add_row(label, value)
    stdout.print(t)
    if top <= 0 or rows.num_rows == 0:
        return
    import pyarrow as pa
    import pyarrow.compute as pc

    for kind, title in (("over", "多付最多的理赔"), ("under", "少付最多的理赔")):
        # the largest differences picked in Arrow: the rows are every differing claim
        sub = rows.filter(pc.equal(rows.column("kind"), kind))
        if sub.num_rows == 0:
            continue
        order = pc.sort_indices(
            pa.table({"d": pc.abs(sub.column("difference")), "c": sub.column("claim_id")}),
            sort_keys=[("d", "descending"), ("c", "ascending")],
        )
        picked = sub.take(order.slice(0, top)).to_pylist()
        lt = Table(title=f"{title}（前 {min(top, sub.num_rows)} 笔）")
        for col in ("理赔", "人员", "已付", "应付", "差额（已付 − 应付）"):
            lt.add_column(col)
        for r in picked:
            diff = r["difference"]
            lt.add_row(
                str(r["claim_id"]),
                str(r["person_id"]),
                f"{r['paid_assistance']:.2f}",
                f"{r['expected']:.2f}",
                ("+" if diff > 0 else "") + f"{diff:.2f}",
            )
        stdout.print(lt)


def _discrepancy_rows(d: Any) -> list[tuple[str, str]]:
    return [
        ("核对理赔数（确定金额）", str(d.claims_compared)),
        ("一致", str(d.matched)),
        ("多付（笔）", str(d.over)),
        ("少付（笔）", str(d.under)),
        ("已付合计（元）", _yuan(d.paid_total)),
        ("应付合计（元）", _yuan(d.expected_total)),
        ("多付合计（元）", "+" + _yuan(d.over_total)),
        ("少付合计（元）", _yuan(d.under_total)),
        ("非确定金额理赔（不计多付少付）", str(d.not_exact)),
        ("其已付合计（元）", _yuan(d.not_exact_paid_total)),
    ]


def _case_of_claim(
    auditor: Auditor, claim_id: str, raw: dict[str, Any], option: str
) -> dict[str, Any]:
    pid = auditor.person_of_claim(claim_id)
    if pid is None:
        raise InputError(option, f"理赔 {claim_id[:40]!r} 不在已评估的理赔中（不存在或已被拒绝）")
    if auditor.con.execute("SELECT 1 FROM missing WHERE person_id = ?", [pid]).fetchone():
        raise InputError(option, f"人员 {pid} 因缺少参数未能评估（见错误文件）")
    return auditor.case_dict(pid, raw)


@main.command("audit")
@click.option("--persons", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--identities", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--claims", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--parameters",
    type=click.Path(dir_okay=False, path_type=Path),
    help="params.yaml: region → {parameter: value} (元), optionally year-keyed.",
)
@click.option(
    "--out",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="results.csv (UTF-8 with BOM), results.parquet or results.xlsx (a workbook).",
)
@click.option(
    "--errors",
    "errors_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Rejected rows (default: <out>.errors.csv; in the workbook for .xlsx).",
)
@click.option(
    "--explain",
    "explain_id",
    metavar="CLAIM_ID",
    type=ID_TEXT,
    help="Print `medaid why` for this claim.",
)
@click.option(
    "--export-case",
    nargs=2,
    type=(ID_TEXT, click.Path(dir_okay=False, path_type=Path)),
    metavar="CLAIM_ID FILE",
    help="Write that claim's person as a case file for `medaid why`.",
)
@click.option("--encoding", help="CSV encoding (default: UTF-8 with or without BOM, else GB18030).")
@click.option("--sheet", help="xlsx inputs: the sheet name or number (default: the first).")
@click.option(
    "--labels",
    type=click.Choice(["id", "zh"]),
    default="id",
    show_default=True,
    help="CSV/Parquet headers: ids, or Chinese headers with names beside ids.",
)
@click.option(
    "--top",
    type=click.IntRange(0, 10_000),
    default=10,
    show_default=True,
    help="Largest over- and under-payments to print.",
)
@click.option(
    "--threads", type=click.IntRange(1, 1024), help="DuckDB threads (default: all cores)."
)
@click.option(
    "--memory-limit",
    default="2.5GB",
    show_default=True,
    help="Memory for the audit (DuckDB's limit; with partitions, what each partition may use).",
)
@click.option(
    "--partitions",
    type=click.IntRange(1, 4096),
    help="Audit the persons in N slices (hash of person_id), one at a time, so memory does "
    "not grow with the input; the outputs are identical. Default: one slice per 1,000,000 "
    "claims, fewer below 2.5GB of --memory-limit (400 a MB); 1 for .xlsx, --report and "
    "--engine spark.",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Exit 1 when any parameter is missing (by default only the rows that need it wait).",
)
@click.option(
    "--engine",
    type=click.Choice(["duckdb", "spark"]),
    default="duckdb",
    show_default=True,
    help="Run the audit plan in DuckDB or on Apache Spark.",
)
@click.option(
    "--spark-master",
    default="local[2]",
    show_default=True,
    help="--engine spark: the Spark master (local[N], spark://host:7077, yarn…).",
)
@click.option(
    "--report",
    "report_path",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Also write a self-contained HTML report (charts, clauses).",
)
@handle_errors
def audit_cmd(
    persons: Path,
    identities: Path,
    claims: Path,
    parameters: Path | None,
    out: Path,
    errors_path: Path | None,
    explain_id: str | None,
    export_case: tuple[str, Path] | None,
    encoding: str | None,
    sheet: str | None,
    labels: str,
    top: int,
    threads: int | None,
    memory_limit: str,
    strict: bool,
    engine: str,
    spark_master: str,
    report_path: Path | None,
    partitions: int | None,
) -> None:
    """Audit a year of settled claims (CSV, GBK CSV, xlsx or Parquet) against medaid's amounts.

    One row per claim and program, as `eval` gives; rejected rows to the errors file;
    a discrepancy summary when paid_assistance is given. All outputs of a run are written
    together (temporary files renamed into place) with a manifest naming the run.
    """
    try:
        run_cli(
            AuditOptions(
                persons,
                identities,
                claims,
                parameters,
                out,
                errors_path,
                explain_id,
                export_case,
                threads,
                memory_limit,
                encoding=encoding,
                sheet=sheet,
                labels=labels,
                top=top,
                report=report_path,
                strict=strict,
                engine=engine,
                spark_master=spark_master,
                partitions=partitions,
            )
        )
    except KeyboardInterrupt:
        click.echo("Error: 已中断：输出文件要么是本次运行的完整结果，要么保持原样", err=True)
        sys.exit(130)
