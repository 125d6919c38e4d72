"""The audit's inputs read by Spark itself (local paths, hdfs://, s3a://): CSV and Parquet.

Each file becomes what reasoner.audit_io.read_input gives the DuckDB engine — the wanted
columns as text (absent → null, empty cell → ''), money in its canonical form or marked,
hospital levels in words as their number, ``_row`` (the data row in file order, from 1) and
``_bad`` (a row with bytes its encoding cannot decode) — so validation names the same rows.
The encoding and the header come from the file's first 64 KiB, sniffed as the DuckDB reader
sniffs them; xlsx is read by the DuckDB engine only.
"""

from __future__ import annotations

import csv
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reasoner import audit_io as aio
from reasoner.errors import InputError
from reasoner.knowledge import KB

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_HEAD = 1 << 16


@dataclass
class SparkInput:
    """An input as a Spark DataFrame, with what Auditor.validate asks of an Arrow table."""

    df: Any
    num_rows: int

    @property
    def column_names(self) -> list[str]:
        return list(self.df.columns)


def uri(path: Path | str) -> str:
    """The path Spark is given: a URI the CLI's Path folded (hdfs:/nn/x) gets its // back."""
    text = str(path)
    if isinstance(path, Path):
        text = re.sub(r"^([A-Za-z][A-Za-z0-9+.-]+):/(?!/)", r"\1://", text)
    return text


def is_remote(path: str) -> bool:
    return bool(_SCHEME.match(path)) and not path.startswith("file://")


def _fs_head(spark: Any, path: str, source: str) -> bytes:
    """The file's first bytes through Hadoop's file system (what Spark itself reads)."""
    jvm = spark.sparkContext._jvm
    conf = spark.sparkContext._jsc.hadoopConfiguration()
    p = jvm.org.apache.hadoop.fs.Path(path)
    try:
        fs = p.getFileSystem(conf)
        if not fs.exists(p):
            raise InputError(f"--{source}", f"文件不存在：{path}")
        st = fs.getFileStatus(p)
        if not st.isFile():
            raise InputError(f"--{source}", f"不是文件：{path}")
        if st.getLen() == 0:
            raise InputError(path, "文件为空")
        stream = fs.open(p)
        try:
            return bytes(
                jvm.org.apache.commons.io.IOUtils.toByteArray(stream, min(_HEAD, st.getLen()))
            )
        finally:
            stream.close()
    except InputError:
        raise
    except Exception as e:  # py4j's errors name the Java exception first
        raise InputError(
            f"--{source}", f"无法读取 {path}：{str(e).splitlines()[0][:200]}"
        ) from None


def _head(spark: Any, path: str, source: str) -> bytes:
    if is_remote(path):
        return _fs_head(spark, path, source)
    local = Path(path.removeprefix("file://"))
    aio._check_file(local, source)
    with local.open("rb") as fh:
        return fh.read(_HEAD)


def _java_charset(spark: Any, enc: str) -> str:
    name = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "gb18030": "GB18030"}.get(enc, enc)
    if not spark.sparkContext._jvm.java.nio.charset.Charset.isSupported(name):
        raise InputError("--encoding", f"Spark 不支持编码 {enc!r}")
    return name


def read(
    spark: Any,
    path: str,
    columns: tuple[str, ...],
    source: str,
    *,
    kb: KB,
    encoding: str | None = None,
) -> SparkInput:
    """One input file as reasoner.audit_io.read_input reads it, but by Spark."""
    from pyspark.sql import functions as F

    where = path
    suffix = Path(path).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raise InputError(f"--{source}", "xlsx 仅支持 --engine duckdb：请另存为 CSV 或 Parquet")
    if suffix == ".xls":
        raise InputError(where, "不支持旧版 .xls 工作簿：请在 Excel 中另存为 .xlsx")
    head = _head(spark, path, source)
    enc = ""
    if suffix in (".parquet", ".pq"):
        try:
            raw = spark.read.parquet(path)
            names = list(raw.columns)
        except Exception as e:
            first = str(e).splitlines()[0][:200]
            raise InputError(where, f"不是有效的 Parquet 文件：{first}") from None
        ids, _ = aio._header_ids(names, kb, where)
        raw = raw.select(
            [F.col(f"`{n}`").cast("string").alias(f"c{k}") for k, n in enumerate(names)]
        )
    else:
        enc, header = _sniff(head, encoding, where)
        ids, _ = aio._header_ids(header, kb, where)
        if not any(ids):
            raise InputError(where, "文件为空（没有表头）")
        raw = _read_csv(spark, path, len(header), enc, where)
    if not any(ids):
        raise InputError(where, "文件为空（没有表头）")
    # a file scan's partitions are the same on every pass: the ids are too
    raw = raw.withColumn("_mid", F.monotonically_increasing_id())
    n, raw = _numbered(spark, raw, path, enc, where, len(ids))
    if n == 0 and source not in aio.MAY_BE_EMPTY:
        raise InputError(where, "只有表头，没有数据行")
    missing = [c for c in aio.REQUIRED[source] if c not in ids]
    if missing:
        raise InputError(f"--{source}", f"{Path(path).name} 缺少必需的列：{', '.join(missing)}")
    cols: dict[str, Any] = {}
    for c in columns:
        cols[c] = F.col(f"c{ids.index(c)}") if c in ids else F.lit(None).cast("string")
    df = raw.select(*[v.alias(k) for k, v in cols.items()], "_row", _bad_column(raw, ids, enc))
    present = [c for c in aio.MONEY_COLUMNS if c in ids]
    df = _normalise_money(spark, df, present)
    if "hospital_level" in ids:
        df = _level_words(spark, df, kb)
    return SparkInput(df.localCheckpoint(eager=False), n)


def _sniff(head: bytes, given: str | None, where: str) -> tuple[str, list[str]]:
    """(Python encoding name, header cells), as reasoner.audit_io reads a CSV's head."""
    with tempfile.NamedTemporaryFile(suffix=".csv") as tmp:
        tmp.write(head)
        tmp.flush()
        enc = aio._encoding(Path(tmp.name), given)
        try:
            with open(tmp.name, encoding=enc, errors="replace", newline="") as fh:
                header = next(csv.reader(fh), [])
        except csv.Error as e:
            raise InputError(where, f"CSV 格式错误：{e}") from None
    if any("\ufffd" in h for h in header):
        raise InputError(where, f"表头无法按 {enc} 解码（用 --encoding 指定文件的编码）")
    if header:
        header[0] = header[0].removeprefix("\ufeff")
    return enc, header


def _read_csv(spark: Any, path: str, width: int, enc: str, where: str) -> Any:
    from pyspark.sql import functions as F
    from pyspark.sql.types import StringType, StructField, StructType

    schema = StructType([StructField(f"c{k}", StringType()) for k in range(width)])
    df = (
        spark.read.schema(schema)
        .option("header", True)
        .option("encoding", _java_charset(spark, enc))
        # quoted newlines as the DuckDB reader takes them; a file is then one task's read
        .option("multiLine", True)
        .option("escape", '"')
        .option("mode", "FAILFAST")
        .csv(path)
    )
    # pyarrow reads an empty cell as '' (strings_can_be_null=False)
    return df.select([F.coalesce(F.col(c), F.lit("")).alias(c) for c in df.columns])


def _numbered(spark: Any, raw: Any, path: str, enc: str, where: str, width: int) -> tuple[int, Any]:
    """The row count and ``_row``: file order is partition order, then order within one."""
    from pyspark.sql import functions as F

    part = F.shiftright(F.col("_mid"), 33)
    try:
        counts = (
            raw.groupBy(part.alias("p"))
            .agg(F.count("*").alias("n"), F.min("_mid").alias("m"))
            .collect()
        )
    except Exception as e:
        raise _csv_error(e, path, enc, where, width) from None
    base, rows = 1, []
    for r in sorted(counts, key=lambda r: r["p"]):
        rows.append((r["p"], base - r["m"]))
        base += r["n"]
    off = spark.createDataFrame(rows or [(0, 0)], "p long, off long")
    out = raw.join(F.broadcast(off), part == off.p).withColumn("_row", F.col("_mid") + F.col("off"))
    return base - 1, out


def _csv_error(e: Exception, path: str, enc: str, where: str, width: int) -> InputError:
    if not is_remote(path):
        ragged = aio._ragged(Path(path.removeprefix("file://")), enc or "utf-8", where, width)
        if ragged is not None:
            return ragged
    msg = str(e).splitlines()[0][:200]
    return InputError(where, f"CSV 格式错误：{msg}")


def _bad_column(raw: Any, ids: list[str], enc: str) -> Any:
    """'column|reason' for a row holding U+FFFD (a byte the decoder replaced), as the DuckDB
    reader names it: the first named column with one, else the whole row."""
    from pyspark.sql import functions as F

    if not enc:
        return F.lit(None).cast("string").alias("_bad")
    reason = f"|含无法按 {enc} 解码的字节（用 --encoding 指定文件的编码）"
    hit = [F.instr(F.col(f"c{k}"), "\ufffd") > 0 for k in range(len(ids))]
    named = [(h, ids[k]) for k, h in enumerate(hit) if ids[k]]
    anyhit = hit[0]
    for h in hit[1:]:
        anyhit = anyhit | h
    expr = F.when(anyhit, F.lit("（整行）" + reason))
    for h, name in reversed(named):
        expr = F.when(h, F.lit(name + reason)).otherwise(expr)
    return expr.alias("_bad")


_TRIM = r"(?U)^\s+|\s+$"


def _normalise_money(spark: Any, df: Any, present: list[str]) -> Any:
    """reasoner.audit_io._normalise_money: the odd spellings, few and distinct, are read by
    parse_money on the driver and joined back."""
    from pyspark.sql import functions as F

    if not present:
        return df
    df = df.select(
        *[F.regexp_replace(c, _TRIM, "").alias(c) if c in present else F.col(c) for c in df.columns]
    )
    odd = None
    for c in present:
        v = df.select(F.lit(c).alias("name"), F.col(c).alias("v")).where(
            (F.col("v") != "") & ~F.col("v").rlike(aio._CANONICAL_MONEY)
        )
        odd = v if odd is None else odd.unionByName(v)
    assert odd is not None
    found = odd.distinct().collect()
    for c in present:
        values = [r["v"] for r in found if r["name"] == c]
        if not values:
            continue
        fixed = []
        for v in values:
            try:
                fixed.append((v, format(aio._parse_money_text(v, c), "f")))
            except InputError as e:
                fixed.append((v, aio._MARK + e.reason))
        m = spark.createDataFrame(fixed, "v string, fixed string")
        df = (
            df.join(F.broadcast(m), df[c] == m.v, "left")
            .withColumn(c, F.coalesce(F.col("fixed"), F.col(c)))
            .drop("v", "fixed")
        )
    return df


def _level_words(spark: Any, df: Any, kb: KB) -> Any:
    """reasoner.audit_io._level_words: levels in words to their number (the rest trimmed,
    as validation trims them)."""
    from pyspark.sql import functions as F

    words = {str(k): str(v) for k, v in kb.lookup("level").items() if str(k) != str(v)}
    m = spark.createDataFrame(list(words.items()), "lw string, ln string")
    text = F.regexp_replace(F.col("hospital_level"), _TRIM, "")
    j = df.withColumn("_lt", text).join(F.broadcast(m), F.col("_lt") == m.lw, "left")
    return j.withColumn("hospital_level", F.coalesce(F.col("ln"), F.col("_lt"))).drop(
        "_lt", "lw", "ln"
    )
