"""Audit files: the input columns, reading CSV/Parquet and params.yaml, writing outputs."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
import os
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from reasoner.case import _parameters
from reasoner.errors import InputError
from reasoner.knowledge import KB

PERSON_COLUMNS = (
    "person_id",
    "region",
    "birth_date",
    "disability_grade",
    "needs_maintenance_treatment",
    "scheme",
)
IDENTITY_COLUMNS = ("person_id", "category", "since", "until")
MONEY_COLUMNS = (
    "policy_scope_cost",
    "basic_insurance_paid",
    "critical_illness_paid",
    "supplementary_paid",
    "paid_assistance",
)
CLAIM_COLUMNS = (
    "claim_id",
    "person_id",
    "type",
    "date",
    "discharge",
    "disease",
    "hospital_level",
    "scope",
    "referral",
    *MONEY_COLUMNS,
)
REQUIRED = {
    "persons": ("person_id", "region"),
    "identities": ("person_id", "category"),
    "claims": (
        "claim_id",
        "person_id",
        "type",
        "date",
        "hospital_level",
        "scope",
        "policy_scope_cost",
    ),
}
OUTPUT_COLUMNS = (
    "claim_id",
    "person_id",
    "program",
    "status",
    "amount",
    "amount_min",
    "amount_max",
    "identity",
)
ERROR_COLUMNS = ("source", "row", "column", "reason")


# ---------------------------------------------------------------------------
# Reading inputs
# ---------------------------------------------------------------------------

DATE_COLUMNS = ("birth_date", "since", "until", "date", "discharge")
# Header-only files: an identities file may list nobody (every person an ordinary resident).
MAY_BE_EMPTY = ("identities",)
_MARK = "\x00"  # a money value that failed parse_money: the mark, then the reason (audit SQL)
_CANONICAL_MONEY = r"^[0-9]{1,9}(\.[0-9]{1,2})?$"


def _parse_money_text(text: str, field: str) -> Decimal:
    """Money text as `eval` reads it (reasoner.case.parse_money when present)."""
    from reasoner import case

    parse = getattr(case, "parse_money", None)
    if parse is not None:
        return cast(Decimal, parse(text, field))
    return cast(Decimal, case._money(text, field))


def _is_parquet(path: Path) -> bool:
    return path.suffix.lower() in (".parquet", ".pq")


def _is_xlsx(path: Path) -> bool:
    return path.suffix.lower() in (".xlsx", ".xlsm")


def _header_ids(header: list[str], kb: KB | None, where: str) -> tuple[list[str], dict[str, int]]:
    """Header cells → column ids (Chinese names from the kb), refusing duplicates."""
    zh = kb.column_names if kb is not None else {}
    ids: list[str] = []
    first: dict[str, int] = {}
    for k, h in enumerate(header):
        name = str(h).replace("\ufeff", "").strip()
        cid = zh.get(name, name)
        if cid and cid in first:
            a, b = header[first[cid]].strip(), name
            same = f"{a!r}" if a == b else f"{a!r} 与 {b!r}"
            raise InputError(where, f"列名重复：{same}（都是 {cid}）")
        if cid:
            first[cid] = k
        ids.append(cid)
    return ids, first


def _cell_text(v: Any, date_col: bool) -> str:
    """An Excel cell as the text a CSV export would hold."""
    if v is None or v == "":
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.datetime):
        if date_col or (v.hour, v.minute, v.second, v.microsecond) == (0, 0, 0, 0):
            return v.date().isoformat()
        return v.isoformat(sep=" ")
    if isinstance(v, dt.date):
        return v.isoformat()
    if isinstance(v, float):
        if not math.isfinite(v):
            return repr(v)
        # ids and levels typed as numbers come back as floats: 1001.0 is the id 1001
        return str(int(v)) if v.is_integer() and abs(v) < 1e15 else repr(v)
    return str(v)


def _read_xlsx(path: Path, where: str, sheet: str | None) -> tuple[list[str], list[list[Any]]]:
    from python_calamine import CalamineWorkbook

    try:
        wb = CalamineWorkbook.from_path(str(path))
        names = list(wb.sheet_names)
        if sheet is None:
            if not names:
                raise InputError(where, "工作簿没有工作表")
            ws = wb.get_sheet_by_index(0)
        elif sheet in names:
            ws = wb.get_sheet_by_name(sheet)
        elif sheet.isdigit() and 1 <= int(sheet) <= len(names):
            ws = wb.get_sheet_by_index(int(sheet) - 1)
        else:
            raise InputError(
                "--sheet", f"{path.name} 中没有工作表 {sheet!r}；有：{'、'.join(names)}"
            )
        grid = ws.to_python(skip_empty_area=False)
    except InputError:
        raise
    except Exception as e:  # calamine's errors (zip, xml, password) share no base class
        raise InputError(where, f"不是有效的 xlsx 文件：{str(e).splitlines()[0][:200]}") from None
    rows = [r for r in grid if any(c not in (None, "") for c in r)]
    if not rows:
        return [], []
    return [_cell_text(c, False) for c in rows[0]], rows[1:]


def _encoding(path: Path, given: str | None) -> str:
    """--encoding, else UTF-8 (with or without BOM) when the bytes are UTF-8, else GB18030."""
    if given:
        try:
            return codecs.lookup(given).name
        except LookupError:
            raise InputError("--encoding", f"未知编码 {given[:40]!r}") from None
    with path.open("rb") as fh:
        head = fh.read(1 << 16)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if len(head) == 1 << 16:  # drop a character the sniffing window may have cut
        head = head[: head.rfind(b"\n") + 1] or head
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    # Not clean UTF-8: the encoding that leaves fewer undecodable bytes (GB18030, a superset
    # of the GBK that Excel on Chinese Windows writes, or UTF-8 with a few bad bytes).
    bad_utf8 = head.decode("utf-8", errors="replace").count("\ufffd")
    bad_gb = head.decode("gb18030", errors="replace").count("\ufffd")
    return "utf-8" if bad_utf8 <= bad_gb else "gb18030"


def _csv_rows(path: Path, enc: str) -> Iterator[list[str]]:
    """Every non-empty CSV record, undecodable bytes replaced by U+FFFD (slow, exact)."""
    with path.open(encoding=enc, errors="replace", newline="") as fh:
        first = True
        for rec in csv.reader(fh):
            if first and rec:
                rec[0] = rec[0].removeprefix("\ufeff")
            first = False
            if rec:
                yield rec


def _ragged(path: Path, enc: str, where: str, width: int) -> InputError | None:
    for n, rec in enumerate(_csv_rows(path, enc)):
        if n and len(rec) != width:
            return InputError(where, f"第 {n} 行有 {len(rec)} 列，表头有 {width} 列")
    return None


def _read_csv(
    path: Path, where: str, enc: str, kb: KB | None
) -> tuple[list[str], pa.Table | list[list[Any]], list[int]]:
    """(column ids, the rows as an Arrow table or as lists, data rows with bad bytes)."""
    try:
        # text mode decodes ahead of the header: a bad byte further down is a row's problem
        with path.open(encoding=enc, errors="replace", newline="") as fh:
            header = next(csv.reader(fh), [])
        if any("\ufffd" in h for h in header):
            raise InputError(where, f"表头无法按 {enc} 解码（用 --encoding 指定文件的编码）")
    except csv.Error as e:
        raise InputError(where, f"CSV 格式错误：{e}") from None
    if header:
        header[0] = header[0].removeprefix("\ufeff")
    ids, _ = _header_ids(header, kb, where)
    if not any(ids):
        return ids, [], []
    names = [c or f"_unnamed{k}" for k, c in enumerate(ids)]
    try:
        table = pacsv.read_csv(
            path,
            # the BOM goes with the skipped header row
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=1,
                encoding="utf-8" if enc == "utf-8-sig" else enc,
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in names}, strings_can_be_null=False
            ),
        )
        return ids, table, []
    except (UnicodeDecodeError, pa.ArrowInvalid) as e:
        msg = str(e)
        if isinstance(e, pa.ArrowInvalid) and "Expected" in msg and "columns" in msg:
            raise _ragged(path, enc, where, len(header)) or InputError(
                where, f"CSV 格式错误：{msg.splitlines()[0][:200]}"
            ) from None
        if not isinstance(e, UnicodeDecodeError) and "UTF8" not in msg and "utf-8" not in msg:
            raise InputError(where, f"CSV 格式错误：{msg.splitlines()[0][:200]}") from None
    # undecodable bytes somewhere: read record by record and name each bad row
    recs = _csv_rows(path, enc)
    next(recs, None)
    rows: list[list[Any]] = []
    bad: list[int] = []
    for n, rec in enumerate(recs, start=1):
        if len(rec) != len(header):
            raise InputError(where, f"第 {n} 行有 {len(rec)} 列，表头有 {len(header)} 列")
        if any("\ufffd" in v for v in rec):
            bad.append(n)
        rows.append(rec)
    return ids, rows, bad


def read_input(
    path: Path,
    columns: tuple[str, ...],
    source: str,
    *,
    kb: KB | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
) -> pa.Table:
    """The wanted columns of a CSV, Parquet or xlsx file as strings (absent → null), plus
    _row (the data row, from 1) and _bad ('column|reason' for a row that cannot be read).

    Headers are the column ids or their Chinese names (kb/core/columns.pl). A damaged, empty,
    header-only (unless the source may be empty) or ragged file is an InputError naming it.
    """
    where = str(path)
    if not path.exists():
        raise InputError(f"--{source}", f"文件不存在：{path}")
    if not path.is_file():
        raise InputError(f"--{source}", f"不是文件：{path}")
    if path.stat().st_size == 0:
        raise InputError(where, "文件为空")
    bad: list[int] = []
    enc = ""
    if _is_parquet(path):
        try:
            pf = pq.ParquetFile(path)
            ids, _ = _header_ids(list(pf.schema_arrow.names), kb, where)
            data: pa.Table | list[list[Any]] = pf.read()
        except InputError:
            raise
        except (pa.ArrowException, OSError) as e:
            raise InputError(
                where, f"不是有效的 Parquet 文件：{str(e).splitlines()[0][:200]}"
            ) from None
    elif _is_xlsx(path):
        header, data = _read_xlsx(path, where, sheet)
        ids, _ = _header_ids(header, kb, where)
    elif path.suffix.lower() == ".xls":
        raise InputError(where, "不支持旧版 .xls 工作簿：请在 Excel 中另存为 .xlsx")
    else:
        enc = _encoding(path, encoding)
        ids, data, bad = _read_csv(path, where, enc, kb)
    if not any(ids):
        raise InputError(where, "文件为空（没有表头）")
    n = data.num_rows if isinstance(data, pa.Table) else len(data)
    if n == 0 and source not in MAY_BE_EMPTY:
        raise InputError(where, "只有表头，没有数据行")
    missing = [c for c in REQUIRED[source] if c not in ids]
    if missing:
        raise InputError(f"--{source}", f"{path.name} 缺少必需的列：{', '.join(missing)}")
    cols: dict[str, pa.Array | pa.ChunkedArray] = {}
    for c in columns:
        if c not in ids:
            cols[c] = pa.nulls(n, pa.string())
        elif isinstance(data, pa.Table):
            col = data.column(ids.index(c))
            try:
                cols[c] = col if col.type == pa.string() else pc.cast(col, pa.string())
            except pa.ArrowException:
                raise InputError(where, f"列 {c} 的类型 {col.type} 无法作为文本读取") from None
        else:
            k = ids.index(c)
            date_col = c in DATE_COLUMNS
            cols[c] = pa.array(
                [_cell_text(r[k], date_col) if k < len(r) else "" for r in data], pa.string()
            )
    for c in MONEY_COLUMNS:
        if c in ids:
            cols[c] = _normalise_money(cols[c], c)
    if "hospital_level" in ids and kb is not None:
        cols["hospital_level"] = _level_words(cols["hospital_level"], kb)
    why: list[str | None] = [None] * n
    for r in bad:
        rec = cast(list[list[Any]], data)[r - 1]
        col = next((ids[k] for k, v in enumerate(rec) if "\ufffd" in v and ids[k]), "")
        why[r - 1] = (
            f"{col or '（整行）'}|含无法按 {enc} 解码的字节（用 --encoding 指定文件的编码）"
        )
    cols["_row"] = pa.array(range(1, n + 1), pa.int64())
    cols["_bad"] = pa.array(why, pa.string())
    return pa.table(cols)


def _level_words(col: pa.Array | pa.ChunkedArray, kb: KB) -> pa.Array | pa.ChunkedArray:
    """Hospital levels in words (二级, 三级甲等 …) as `eval` reads them, to their number."""
    words = {str(k): str(v) for k, v in kb.lookup("level").items()}
    text = pc.utf8_trim_whitespace(col)
    odd = pc.fill_null(pc.is_in(text, pa.array(list(words), pa.string())), False)
    if not pc.any(odd).as_py():
        return col
    return pa.array(
        [words.get(v, v) if v is not None else None for v in text.to_pylist()], pa.string()
    )


def _normalise_money(col: pa.Array | pa.ChunkedArray, name: str) -> pa.Array | pa.ChunkedArray:
    """Money text in the one canonical form SQL reads, or the mark and parse_money's reason."""
    text = pc.utf8_trim_whitespace(col)
    odd = pc.and_(
        pc.not_equal(text, ""), pc.invert(pc.match_substring_regex(text, _CANONICAL_MONEY))
    )
    odd = pc.fill_null(odd, False)
    if not pc.any(odd).as_py():
        return text
    fixed: dict[str, str] = {}
    for v in pc.unique(pc.filter(text, odd)).to_pylist():
        try:
            fixed[v] = format(_parse_money_text(v, name), "f")
        except InputError as e:
            fixed[v] = _MARK + e.reason
    values = text.to_pylist()
    return pa.array([fixed.get(v, v) if v is not None else None for v in values], pa.string())


def load_parameters(path: Path | None, kb: KB) -> tuple[dict[str, dict[Any, Any]], dict[str, Any]]:
    """params.yaml: region → {parameter: value} or {year: {parameter: value}}.

    Returns the parsed parameters per region id (as a case's `parameters`) and the raw
    mapping per region id (for exported case files).
    """
    if path is None:
        return {}, {}
    from reasoner.loader import load_file

    # The case files' loader: the same limits, encodings, dates as text, duplicate keys named.
    try:
        data = load_file(path) or {}
    except InputError as e:
        raise InputError("--parameters", f"{e.field}：{e.reason}") from None
    if not isinstance(data, dict):
        raise InputError("--parameters", "应为映射：地区 → {参数: 数值}")
    parsed: dict[str, dict[Any, Any]] = {}
    raw: dict[str, Any] = {}
    for key, value in data.items():
        region = kb.region_lookup.get(str(key).strip())
        if region is None:
            raise InputError(f"parameters.{key}", f"未知地区 {str(key)[:40]!r}")
        if not isinstance(value, dict):
            raise InputError(f"parameters.{key}", "应为映射：{参数: 数值}")
        try:
            parsed[region] = _parameters(value, kb)
        except InputError as e:
            raise InputError(
                f"parameters.{key}.{e.field.removeprefix('parameters.')}", e.reason
            ) from None
        raw[region] = value
    return parsed, raw


# ---------------------------------------------------------------------------
# Writing outputs
# ---------------------------------------------------------------------------


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


def with_run_id(table: pa.Table, run_id: str) -> pa.Table:
    name = "运行编号" if any(not c.isascii() for c in table.column_names) else "run_id"
    return table.append_column(name, pa.array([run_id] * table.num_rows, pa.string()))


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
STATUS_NAMES = {
    "paid": "支付",
    "bounded": "区间",
    "not_eligible": "不符合",
    "excluded": "排除",
    "unresolved": "待定",
    "granted": "享受",
}
KIND_NAMES = {"over": "多付", "under": "少付"}
WARNING_COLUMNS = (
    "person_id",
    "region",
    "year",
    "warning",
    "self_pay",
    "threshold",
    "basis",
    "clause",
    "quote",
)


def _names(kb: KB, column: str) -> dict[str, str] | None:
    """Chinese names of a column's ids, for the name column printed beside it."""
    if column == "program":
        return {p: v[0] for p, v in kb.programs.items()}
    if column == "status":
        return STATUS_NAMES
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
