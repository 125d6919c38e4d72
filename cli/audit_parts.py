"""`medaid audit` in person partitions: the run, and its outputs streamed from the merge."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reasoner.audit_io import ERROR_COLUMNS, OUTPUT_COLUMNS
from reasoner.errors import InputError

XLSX_ROWS = 1_048_576  # rows of an Excel sheet, the header one of them


def partitions(opts: Any) -> int:
    """--partitions, else one per slice of claims the memory limit holds; checked first."""
    from reasoner.audit_partition import auto_partitions, estimated_rows

    workbook = opts.out.suffix.lower() == ".xlsx"
    if workbook and estimated_rows(opts.claims) >= XLSX_ROWS:
        rows = _lines(opts.claims)  # a CSV's size only suggests it: its lines tell
        if rows >= XLSX_ROWS:
            raise InputError("--out", _xlsx_message(rows, "理赔"))
    given = opts.partitions
    if given is not None and given > 1:
        if opts.engine == "spark":
            raise InputError("--partitions", "--engine spark 自行分区：不与 --partitions 同用")
        if workbook:
            raise InputError(
                "--partitions", "xlsx 工作簿一次写成，不分区；大批量请输出 .parquet 或 .csv"
            )
        if opts.report is not None:
            raise InputError(
                "--report", "报告需要整批结果在内存中：分区运行不生成报告（用 --partitions 1）"
            )
    if given is not None:
        return int(given)
    if workbook or opts.engine == "spark" or opts.report is not None:
        return 1
    return auto_partitions(opts.claims, opts.memory_limit)


def _lines(path: Path) -> int:
    """Data rows of a claims file: Parquet's footer, else its lines after the header."""
    from reasoner.audit_partition import estimated_rows

    if path.suffix.lower() in (".parquet", ".pq"):
        return estimated_rows(path)
    n = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 24), b""):
            n += chunk.count(b"\n")
    return max(0, n - 1)


def _xlsx_message(rows: int, what: str) -> str:
    return f"xlsx 工作表最多 {XLSX_ROWS:,} 行（含表头），本次{what}约 {rows:,} 行：请输出 .parquet 或 .csv"


def check_xlsx_rows(opts: Any, rows: int) -> None:
    """After the audit, before writing: a workbook's result sheet must fit Excel's rows."""
    if opts.out.suffix.lower() == ".xlsx" and rows + 1 > XLSX_ROWS:
        raise InputError("--out", _xlsx_message(rows, "结果"))


def run_partitioned(
    opts: Any, paths: Any, kb: Any, eng: Any, reporter: Any, n: int, run_id: str
) -> tuple[Any, Any, str | None]:
    """(merged result, the run's files staged, the exported case's text)."""
    import yaml

    from reasoner import audit_output as io
    from reasoner.audit import _scratch_dir
    from reasoner.audit_partition import audit_partitioned

    from .audit import _case_of_claim

    wanted = {
        o: c
        for o, c in (
            ("--export-case", opts.export_case and opts.export_case[0]),
            ("--explain", opts.explain),
        )
        if c is not None
    }
    cases: dict[str, Any] = {}

    def on_partition(auditor: Any, raw: dict[str, Any]) -> None:
        for option, claim in wanted.items():
            if option not in cases and auditor.person_of_claim(claim):
                cases[option] = _case_of_claim(auditor, claim, raw, option)

    folder = Path(_scratch_dir())
    args = dict(
        folder=folder,
        reporter=reporter,
        threads=opts.threads,
        memory_limit=opts.memory_limit,
        encoding=opts.encoding,
        sheet=opts.sheet,
        on_partition=on_partition,
        top=opts.top,
    )
    inputs = {"persons": opts.persons, "identities": opts.identities, "claims": opts.claims}
    if reporter is not None:
        with reporter:
            merged = audit_partitioned(kb, eng, inputs, opts.parameters, n, **args)
    else:
        merged = audit_partitioned(kb, eng, inputs, opts.parameters, n, **args)
    for option, claim in wanted.items():
        if option not in cases:
            merged.close()
            raise InputError(option, f"理赔 {claim[:40]!r} 不在已评估的理赔中（不存在或已被拒绝）")
    merged.cases = cases
    files = io.RunFiles(paths.manifest, run_id, protect=tuple(paths.inputs.values()))
    try:
        _stage(opts, paths, kb, merged, files, run_id)
    except BaseException:
        files.discard()
        merged.close()
        raise
    text = None
    if opts.export_case is not None:
        text = yaml.safe_dump(cases["--export-case"], allow_unicode=True, sort_keys=False)
        path = opts.export_case[1]
        files.stage("case", path, lambda t: t.write_text(text, encoding="utf-8"))
    return merged, files, text


# the one-pass columns (reasoner.audit_io); "row" and "column" are SQL keywords
_RESULT_COLS = list(OUTPUT_COLUMNS)
_ERROR_COLS = [f'"{c}"' if c in ("row", "column") else c for c in ERROR_COLUMNS]
_DISC_COLS = [
    "claim_id",
    "person_id",
    "kind",
    "paid_assistance",
    "expected",
    "difference",
    "not_exact",
    "not_exact_programs",
]


def _stage(opts: Any, paths: Any, kb: Any, merged: Any, files: Any, run_id: str) -> None:
    from reasoner import audit_output as io

    zh = opts.labels == "zh"

    def shape(t: Any) -> Any:
        t = io.labelled(t, kb) if zh else t
        return io.with_run_id(t, run_id)

    def put(kind: str, what: str, cols: list[str], path: Path) -> None:
        def write(tmp: Path) -> None:
            reader = merged.ordered(what, cols)
            io.write_batches(reader, tmp, run_id, shape)

        files.stage(kind, path, write, merged.rows(what))

    result_cols = _RESULT_COLS
    if zh:  # the person's region beside each row, as the single pass's _with_region
        result_cols = [*_RESULT_COLS[:2], "_k_region AS region", *_RESULT_COLS[2:]]
    put("results", "results", result_cols, opts.out)
    if paths.errors is not None:
        put("errors", "errors", _ERROR_COLS, paths.errors)
    if paths.discrepancies is not None:
        if merged.discrepancies is not None:
            put("discrepancies", "disc", _DISC_COLS, paths.discrepancies)
        else:
            files.drop_if_present(paths.discrepancies)
