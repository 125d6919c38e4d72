"""Audit files: the input columns, reading CSV/Parquet and params.yaml, writing outputs."""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import math
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
    A Parquet file's typed claim dates, level and amounts may stay typed (TYPED_COLUMNS).

    Headers are the column ids or their Chinese names (kb/core/columns.pl). A damaged, empty,
    header-only (unless the source may be empty) or ragged file is an InputError naming it.
    """
    where = _check_file(path, source)
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
    _check_required(ids, source, path)
    return _columns(data, ids, columns, kb, bad, enc, 1, where, _is_parquet(path))


STREAM_ROWS = 1 << 20  # rows per batch when an input is streamed (audit partitions)


def iter_input(
    path: Path,
    columns: tuple[str, ...],
    source: str,
    *,
    kb: KB | None = None,
    encoding: str | None = None,
    sheet: str | None = None,
    batch_rows: int | None = None,
) -> Iterator[pa.Table]:
    """:func:`read_input`'s table in batches of rows, never the whole file in memory.

    Parquet and cleanly decoded CSV stream; xlsx (at most a sheet) and a CSV that needs the
    record-by-record reading come as one batch. A CSV found damaged after some batches
    raises :class:`Restart`: the caller drops what it got and reads the file with
    :func:`read_input`, which names the damage or reads the rows one by one.
    """
    where = _check_file(path, source)
    batch_rows = batch_rows or STREAM_ROWS
    if not (_is_parquet(path) or _is_xlsx(path) or path.suffix.lower() == ".xls"):
        enc = _encoding(path, encoding)
        yield from _stream_csv(path, columns, source, kb, enc, where, batch_rows)
        return
    if not _is_parquet(path):
        yield read_input(path, columns, source, kb=kb, encoding=encoding, sheet=sheet)
        return
    try:
        pf = pq.ParquetFile(path)
        ids, _ = _header_ids(list(pf.schema_arrow.names), kb, where)
    except InputError:
        raise
    except (pa.ArrowException, OSError) as e:
        raise InputError(
            where, f"不是有效的 Parquet 文件：{str(e).splitlines()[0][:200]}"
        ) from None
    if not any(ids) or pf.metadata.num_rows == 0:
        yield read_input(path, columns, source, kb=kb)  # its message for an empty file
        return
    _check_required(ids, source, path)
    keep = typed_in_footer(pf, ids)
    first = 1
    for batch in pf.iter_batches(batch_size=batch_rows):
        t = pa.Table.from_batches([batch])
        if not all(_typed_ok(t.column(ids.index(c)), c) for c in keep):
            raise Restart  # a footer whose statistics the values belie: read it whole
        yield _columns(t, ids, columns, kb, [], "", first, where, keep)
        first += t.num_rows


class Restart(Exception):
    """The batches so far are void: the file is read again from its first row."""


def _stream_csv(
    path: Path,
    columns: tuple[str, ...],
    source: str,
    kb: KB | None,
    enc: str,
    where: str,
    batch_rows: int,
) -> Iterator[pa.Table]:
    whole = lambda: read_input(path, columns, source, kb=kb, encoding=enc)  # noqa: E731
    try:
        with path.open(encoding=enc, errors="replace", newline="") as fh:
            header = next(csv.reader(fh), [])
    except csv.Error:
        yield whole()
        return
    if header:
        header[0] = header[0].removeprefix("\ufeff")
    if not header or any("\ufffd" in h for h in header):
        yield whole()
        return
    ids, _ = _header_ids(header, kb, where)
    if not any(ids):
        yield whole()
        return
    _check_required(ids, source, path)
    names = [c or f"_unnamed{k}" for k, c in enumerate(ids)]
    first, started = 1, False
    try:
        reader = pacsv.open_csv(
            path,
            read_options=pacsv.ReadOptions(
                column_names=names,
                skip_rows=1,
                encoding="utf-8" if enc == "utf-8-sig" else enc,
                block_size=max(1 << 12, batch_rows * 64),  # ~64 bytes a row at least
            ),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                column_types={c: pa.string() for c in names}, strings_can_be_null=False
            ),
        )
        for batch in reader:
            t = pa.Table.from_batches([batch])
            if t.num_rows:
                started = True
                yield _columns(t, ids, columns, kb, [], enc, first, where)
                first += t.num_rows
    except (UnicodeDecodeError, pa.ArrowInvalid):
        if started:
            raise Restart() from None
        yield whole()
        return
    if not started:
        yield whole()  # header only: read_input's message, or an empty identities table


def _check_required(ids: list[str], source: str, path: Path) -> None:
    missing = [c for c in REQUIRED[source] if c not in ids]
    if missing:
        raise InputError(f"--{source}", f"{path.name} 缺少必需的列：{', '.join(missing)}")


def _columns(
    data: pa.Table | list[list[Any]],
    ids: list[str],
    columns: tuple[str, ...],
    kb: KB | None,
    bad: list[int],
    enc: str,
    first_row: int,
    where: str,
    typed: bool | frozenset[str] = False,
) -> pa.Table:
    """Rows as read (a table or lists) → the wanted string columns, _row from first_row, _bad.

    typed: a claims column of TYPED_COLUMNS stays as read when every value in it would pass
    the validation's text checks (:func:`_typed_ok`); the validation SQL reads it typed. A set:
    the columns a whole file's footer chose (:func:`typed_in_footer`), for every batch alike.
    """
    n = data.num_rows if isinstance(data, pa.Table) else len(data)
    cols: dict[str, pa.Array | pa.ChunkedArray] = {}
    for c in columns:
        if c not in ids:
            cols[c] = pa.nulls(n, pa.string())
        elif isinstance(data, pa.Table):
            col = data.column(ids.index(c))
            if (
                (c in typed)
                if isinstance(typed, frozenset)
                else (typed and c in TYPED_COLUMNS and _typed_ok(col, c))
            ):
                cols[c] = col
                continue
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
        if c in ids and pa.types.is_string(cols[c].type):
            cols[c] = _normalise_money(cols[c], c)
    if (
        "hospital_level" in ids
        and kb is not None
        and pa.types.is_string(cols["hospital_level"].type)
    ):
        cols["hospital_level"] = _level_words(cols["hospital_level"], kb)
    cols["_row"] = pa.array(range(first_row, first_row + n), pa.int64())
    cols["_bad"] = (
        pa.array(_undecodable(bad, data, ids, enc, n), pa.string())
        if bad
        else pa.nulls(n, pa.string())
    )
    return pa.table(cols)


# Claim columns a Parquet file may give typed. Streamed batches (iter_input) need one schema
# for the partition files: the file's footer statistics choose for all of them.
TYPED_COLUMNS = frozenset(("date", "discharge", "hospital_level", *MONEY_COLUMNS))
_EPOCH = dt.date(1970, 1, 1)
_FIRST_DAY, _LAST_DAY = (
    (dt.date(y, m, d) - _EPOCH).days for y, m, d in ((1000, 1, 1), (9999, 12, 31))
)


def _typed_type(t: pa.DataType, c: str) -> bool:
    """Whether a column of this type may stay typed: dates, integer levels, amounts of two
    decimals."""
    if c == "hospital_level":
        return pa.types.is_integer(t) and t != pa.uint64()
    if c in MONEY_COLUMNS:
        return pa.types.is_decimal(t) and t.scale == 2
    return pa.types.is_date32(t)


def _typed_range(c: str, low: Any, high: Any) -> bool:
    """Whether values from low to high (day numbers for dates) pass every check as the same
    value: dates of four-digit years, any integer level (its text is its digits), amounts in
    0 ≤ x < 10亿."""
    if low is None or c == "hospital_level":
        return True
    if c in MONEY_COLUMNS:
        return bool(low >= 0 and high < 1_000_000_000)
    return bool(low >= _FIRST_DAY and high <= _LAST_DAY)


def _typed_ok(col: pa.ChunkedArray, c: str) -> bool:
    """Whether the column's text would pass every check as the same value (see _typed_range)."""
    if not _typed_type(col.type, c):
        return False
    # dates as day numbers: a date beyond Python's years is still a value to refuse, not a crash
    mm = pc.min_max(col if c in MONEY_COLUMNS else col.cast(pa.int32()))
    return _typed_range(c, mm["min"].as_py(), mm["max"].as_py())


def typed_in_footer(pf: pq.ParquetFile, ids: list[str]) -> frozenset[str]:
    """The claim columns of TYPED_COLUMNS that stay typed in every batch of the file: those
    whose row groups' statistics bound every value as :func:`_typed_ok` would over the whole
    file. No statistics, or a bound Python cannot hold: the column streams as text."""
    meta, schema = pf.metadata, pf.schema_arrow
    if meta.num_columns != len(schema) or len(ids) != len(schema):  # nested: no flat stats
        return frozenset()
    out = set()
    for c in TYPED_COLUMNS & set(ids):
        k = ids.index(c)
        if not _typed_type(schema.field(k).type, c):
            continue
        ok = True
        for g in range(meta.num_row_groups):
            st = meta.row_group(g).column(k).statistics
            if st is None or (not st.has_min_max and st.num_values):
                ok = False
            elif st.has_min_max:
                try:
                    low, high = st.min, st.max
                    if c not in MONEY_COLUMNS and c != "hospital_level":
                        low, high = (low - _EPOCH).days, (high - _EPOCH).days
                except (ValueError, OverflowError, TypeError, pa.ArrowException):
                    ok = False
                else:
                    ok = _typed_range(c, low, high)
            if not ok:
                break
        if ok:
            out.add(c)
    return frozenset(out)


def _check_file(path: Path, source: str) -> str:
    """The path as text for messages, once it is known to be a non-empty file."""
    if not path.exists():
        raise InputError(f"--{source}", f"文件不存在：{path}")
    if not path.is_file():
        raise InputError(f"--{source}", f"不是文件：{path}")
    if path.stat().st_size == 0:
        raise InputError(str(path), "文件为空")
    return str(path)


def _undecodable(bad: list[int], data: Any, ids: list[str], enc: str, n: int) -> list[str | None]:
    """Each row's 'column|reason' where bytes did not decode in the file's encoding."""
    why: list[str | None] = [None] * n
    for r in bad:
        rec = cast(list[list[Any]], data)[r - 1]
        col = next((ids[k] for k, v in enumerate(rec) if "\ufffd" in v and ids[k]), "")
        why[r - 1] = (
            f"{col or '（整行）'}|含无法按 {enc} 解码的字节（用 --encoding 指定文件的编码）"
        )
    return why


def _level_words(col: pa.Array | pa.ChunkedArray, kb: KB) -> pa.Array | pa.ChunkedArray:
    """Hospital levels in words (二级, 三级甲等 …) as `eval` reads them, to their number."""
    # the spellings that are not already the number ('1' → 1 is in the lookup too)
    words = {str(k): str(v) for k, v in kb.lookup("level").items() if str(k) != str(v)}
    text = pc.utf8_trim_whitespace(col)
    at = pc.index_in(text, value_set=pa.array(list(words), pa.string()))
    if at.null_count == len(at):
        return col
    number = pc.take(pa.array(list(words.values()), pa.string()), at)
    return pc.if_else(pc.is_valid(at), number, text)


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
