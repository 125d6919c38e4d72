"""Audit outputs: formats, formula-safe cells, atomic writes with a run id, the manifest,
Chinese labels and the xlsx workbook."""

from __future__ import annotations

import codecs
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from reasoner.errors import InputError
from reasoner.knowledge import KB

OUTPUT_FORMATS = {".csv": "csv", ".parquet": "parquet", ".pq": "parquet", ".xlsx": "xlsx"}
# A spreadsheet executes a cell that starts with one of these (formula injection).
_FORMULA_START = r"^[=+\-@\t\r]"


def output_format(path: Path, option: str, allowed: tuple[str, ...] = ("csv", "parquet")) -> str:
    """The format an output path asks for by its extension; anything else is refused."""
    fmt = OUTPUT_FORMATS.get(path.suffix.lower())
    if fmt is None or fmt not in allowed:
        known = "、".join(k for k, v in OUTPUT_FORMATS.items() if v in allowed)
        raise InputError(
            option, f"不支持的输出格式 {path.suffix or '（无扩展名）'!r}：应为 {known}"
        )
    return fmt


def neutralise(table: pa.Table) -> pa.Table:
    """Text cells a spreadsheet would run as a formula get a leading apostrophe.

    Only text columns: amounts are numbers (a negative difference stays -12.50)."""
    for k, f in enumerate(table.schema):
        if pa.types.is_string(f.type) or pa.types.is_large_string(f.type):
            col = table.column(k)
            hit = pc.fill_null(pc.match_substring_regex(col, _FORMULA_START), False)
            if pc.any(hit).as_py():
                fixed = pc.if_else(hit, pc.binary_join_element_wise("'", col, ""), col)
                table = table.set_column(k, f.name, fixed)
    return table


def _csv_bytes(table: pa.Table, fh: Any) -> None:
    fh.write(codecs.BOM_UTF8)  # Excel reads UTF-8 CSV as UTF-8 only with a BOM
    pacsv.write_csv(neutralise(table), fh)


def write_table(table: pa.Table, path: Path, run_id: str | None = None) -> None:
    """CSV (UTF-8 with BOM) or Parquet by extension, in place (see RunFiles for atomic)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if output_format(path, "--out") == "parquet":
        meta = {b"medaid.run_id": run_id.encode()} if run_id else {}
        pq.write_table(table.replace_schema_metadata(meta or None), path)
    else:
        with path.open("wb") as fh:
            _csv_bytes(table, fh)


ROW_GROUP_ROWS = 1024 * 1024  # pq.write_table's row group size (rows)


def write_batches(
    batches: pa.RecordBatchReader,
    path: Path,
    run_id: str | None,
    shape: Any = None,
) -> int:
    """:func:`write_table` of the reader's rows, `shape`d (run id, labels) one batch at a
    time: the same bytes for CSV (one header), the same row groups for Parquet, and never
    the whole table in memory. Returns the rows written."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fix = shape or (lambda t: t)
    first = fix(batches.schema.empty_table())
    meta = {b"medaid.run_id": run_id.encode()} if run_id else {}
    rows = 0
    if output_format(path, "--out") == "parquet":
        schema = first.schema.with_metadata(meta) if meta else first.schema
        with pq.ParquetWriter(path, schema) as w:
            held: list[pa.Table] = []
            n_held = 0
            for batch in batches:
                t = fix(pa.Table.from_batches([batch]))
                held.append(t)
                n_held += t.num_rows
                while n_held >= ROW_GROUP_ROWS:
                    whole = pa.concat_tables(held)
                    w.write_table(whole.slice(0, ROW_GROUP_ROWS).cast(schema))
                    held, n_held = [whole.slice(ROW_GROUP_ROWS)], n_held - ROW_GROUP_ROWS
                rows += t.num_rows
            if n_held or rows == 0:
                w.write_table(pa.concat_tables([first, *held]).cast(schema))
        return rows
    with path.open("wb") as fh:
        fh.write(codecs.BOM_UTF8)
        with pacsv.CSVWriter(fh, first.schema) as cw:
            for batch in batches:
                t = fix(pa.Table.from_batches([batch]))
                cw.write_table(neutralise(t).cast(first.schema))
                rows += t.num_rows
    return rows


def with_run_id(table: pa.Table, run_id: str) -> pa.Table:
    name = "运行编号" if any(not c.isascii() for c in table.column_names) else "run_id"
    return table.append_column(name, pa.repeat(pa.scalar(run_id, pa.string()), table.num_rows))


def new_run_id() -> str:
    import secrets

    now = dt.datetime.now(dt.UTC)
    return f"{now:%Y%m%dT%H%M%SZ}-{secrets.token_hex(4)}"


def _same(a: Path, b: Path) -> bool:
    if a.resolve() == b.resolve():
        return True
    try:
        return a.exists() and b.exists() and a.samefile(b)
    except OSError:
        return False


def check_outputs(outputs: dict[str, Path], inputs: dict[str, Path]) -> None:
    """Before any work: no output is (or links to) an input or another output, and each can
    be written. Keys are the option names the user gave (--out, --errors, …)."""
    seen: list[tuple[str, Path]] = []
    for opt, path in outputs.items():
        for iopt, ipath in inputs.items():
            if _same(path, ipath):
                raise InputError(opt, f"{path} 与输入 {iopt} 是同一个文件：不会覆盖输入")
        for oopt, opath in seen:
            if _same(path, opath):
                raise InputError(opt, f"{path} 与 {oopt} 是同一个文件")
        seen.append((opt, path))
        if path.is_dir():
            raise InputError(opt, f"{path} 是文件夹")
        folder = path.parent
        while not folder.exists() and folder != folder.parent:
            folder = folder.parent
        if not folder.is_dir():
            raise InputError(opt, f"无法创建 {path}：{folder} 不是文件夹")
        try:
            import tempfile

            fd, probe = tempfile.mkstemp(prefix=".medaid-probe-", dir=folder)
            os.close(fd)
            os.unlink(probe)
        except OSError as e:
            raise InputError(opt, f"无法写入 {folder}：{e.strerror or e}") from None


class RunFiles:
    """The outputs of one run, each written to a temporary file beside its target and
    renamed into place together, the manifest last.

    Renames run with SIGINT/SIGTERM blocked, so an interrupted run leaves the previous
    complete set or the new complete set. Files a previous run listed in the manifest and
    this run does not write are removed, so no file of an older run passes for this one's.
    """

    def __init__(self, manifest: Path, run_id: str, protect: tuple[Path, ...] = ()) -> None:
        self.manifest = manifest
        self.run_id = run_id
        self.protect = [p.resolve() for p in protect]
        self.staged: dict[Path, Path] = {}
        self.info: dict[str, dict[str, Any]] = {}
        self.stale: list[Path] = []

    def _tmp(self, path: Path) -> Path:
        path.parent.mkdir(parents=True, exist_ok=True)
        # keeps the extension, which says the format
        return path.with_name(f".{path.stem}.tmp-{os.getpid()}-{self.run_id[-8:]}{path.suffix}")

    def stage(self, kind: str, path: Path, write: Any, rows: int | None = None) -> None:
        """write(tmp_path) fills the temporary file; it is renamed to path at commit."""
        tmp = self._tmp(path)
        self.staged[path] = tmp
        try:
            write(tmp)
            with tmp.open("rb") as fh:
                os.fsync(fh.fileno())
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self.info[kind] = {"file": path.name, "rows": rows, "sha256": _sha256(tmp)}

    def table(self, kind: str, table: pa.Table, path: Path) -> None:
        table = with_run_id(table, self.run_id)
        self.stage(kind, path, lambda t: write_table(table, t, self.run_id), table.num_rows)

    def drop_if_present(self, path: Path) -> None:
        """A file this run does not write but an older run of the same name did."""
        if path.exists() and path not in self.staged:
            self.stale.append(path)

    def commit(self, extra: dict[str, Any]) -> None:
        import json
        import signal

        old: list[Path] = []
        try:
            prev = json.loads(self.manifest.read_text(encoding="utf-8"))
            stem = self.manifest.name.removesuffix(".manifest.json")
            old = [
                self.manifest.with_name(str(v["file"]))
                for v in prev.get("outputs", {}).values()
                if str(v["file"]).startswith(stem) and "/" not in str(v["file"])
            ]
        except (OSError, ValueError, TypeError, KeyError, AttributeError):
            pass
        body = {"run_id": self.run_id, **extra, "outputs": self.info}
        text = json.dumps(body, ensure_ascii=False, indent=2) + "\n"
        self.stage("manifest", self.manifest, lambda t: t.write_text(text, encoding="utf-8"))
        self.info.pop("manifest", None)
        mask = {signal.SIGINT, signal.SIGTERM}
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, mask)
        try:
            for path, tmp in self.staged.items():
                if path != self.manifest:
                    os.replace(tmp, path)
            for path in {*old, *self.stale} - set(self.staged):
                if path.resolve() not in self.protect:
                    path.unlink(missing_ok=True)
            os.replace(self.staged[self.manifest], self.manifest)
            self.staged.clear()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def discard(self) -> None:
        for tmp in self.staged.values():
            tmp.unlink(missing_ok=True)
        self.staged.clear()


def _sha256(path: Path) -> str:
    import hashlib

    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def sidecar(out: Path, name: str) -> Path:
    """results.csv → results.<name>.csv (same folder, same format)."""
    return out.with_name(f"{out.stem}.{name}{out.suffix}")


def money_text(fen: int) -> str:
    sign = "-" if fen < 0 else ""
    fen = abs(fen)
    return f"{sign}{fen // 100}.{fen % 100:02d}"


# ---------------------------------------------------------------------------
# Chinese labels and the workbook
# ---------------------------------------------------------------------------

HEADERS_ZH = {
    "claim_id": "结算编号",
    "person_id": "人员编号",
    "region": "地区",
    "program": "救助项目",
    "status": "状态",
    "amount": "金额（元）",
    "amount_min": "金额下限（元）",
    "amount_max": "金额上限（元）",
    "identity": "身份",
    "source": "文件",
    "row": "行",
    "column": "列",
    "reason": "原因",
    "param": "参数",
    "parameter": "参数",
    "year": "年度",
    "persons": "涉及人数",
    "paid_assistance": "已付救助金额（元）",
    "expected_min": "应付下限（元）",
    "expected_max": "应付上限（元）",
    "expected": "应付（元）",
    "difference": "差额（已付 − 应付，元）",
    "not_exact": "非确定金额",
    "not_exact_programs": "非确定金额项目",
    "kind": "类型",
    "run_id": "运行编号",
    "warning": "预警",
    "self_pay": "个人自付（元）",
    "threshold": "预警线（元）",
    "basis": "自付口径",
    "clause": "条款",
    "quote": "原文",
}
KIND_NAMES = {"over": "多付", "under": "少付"}


def _names(kb: KB, column: str) -> dict[str, str] | None:
    """Chinese names of a column's ids, for the name column printed beside it."""
    if column == "program":
        return {p: v[0] for p, v in kb.programs.items()}
    if column == "status":
        return kb.vocab.statuses
    if column == "identity":
        return {k: str(v) for k, v in kb.categories.items()}
    if column == "region":
        return {r: kb.region_name(r) for r in kb.documents}
    if column == "kind":
        return KIND_NAMES
    if column == "column":
        out: dict[str, str] = {}
        for zh, cid in kb.column_names.items():
            out.setdefault(cid, zh)
        return out
    return None


def labelled(table: pa.Table, kb: KB) -> pa.Table:
    """Chinese headers, and a name column beside each id column (program, status, …)."""
    cols: list[pa.ChunkedArray] = []
    names: list[str] = []
    for f, col in zip(table.schema, table.columns, strict=True):
        zh = HEADERS_ZH.get(f.name, f.name)
        names_of = _names(kb, f.name)
        if names_of is not None and f.name == "column":
            cols.append(col)
            names.append(zh)
            values = [None if v is None else names_of.get(v, v) for v in col.to_pylist()]
            cols.append(pa.chunked_array([pa.array(values, pa.string())]))
            names.append("列名")
            continue
        cols.append(col)
        names.append(f"{zh}代码" if names_of is not None else zh)
        if names_of is not None:
            values = [None if v is None else names_of.get(v, v) for v in col.to_pylist()]
            cols.append(pa.chunked_array([pa.array(values, pa.string())]))
            names.append(zh)
    return pa.Table.from_arrays(cols, names=names)


def write_workbook(path: Path, sheets: dict[str, pa.Table]) -> None:
    """An .xlsx with one sheet per table: text as text (never formulas), amounts as numbers."""
    import xlsxwriter

    wb = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "constant_memory": True},
    )
    try:
        bold = wb.add_format({"bold": True})
        money = wb.add_format({"num_format": "0.00"})
        for name, table in sheets.items():
            ws = wb.add_worksheet(name)
            table = neutralise(table)
            for k, col_name in enumerate(table.column_names):
                ws.write_string(0, k, col_name, bold)
                ws.set_column(k, k, max(10, min(40, 2 * len(col_name) + 2)))
            kinds = [
                "money"
                if pa.types.is_decimal(f.type)
                else "num"
                if pa.types.is_integer(f.type) or pa.types.is_floating(f.type)
                else "text"
                for f in table.schema
            ]
            for r, batch_row in enumerate(_rows(table), start=1):
                for k, v in enumerate(batch_row):
                    if v is None:
                        continue
                    if kinds[k] == "money":
                        ws.write_number(r, k, float(v), money)
                    elif kinds[k] == "num":
                        ws.write_number(r, k, v)
                    else:
                        ws.write_string(r, k, str(v))
            ws.freeze_panes(1, 0)
    finally:
        wb.close()


def _rows(table: pa.Table) -> Iterator[tuple[Any, ...]]:
    for batch in table.to_batches(max_chunksize=65536):
        yield from zip(*(c.to_pylist() for c in batch.columns), strict=True)
