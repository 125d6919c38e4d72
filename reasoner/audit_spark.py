"""The batch audit on Apache Spark: the DuckDB plan of reasoner.audit, transpiled with sqlglot.

The SQL exists once, in reasoner.audit. Each statement is parsed as DuckDB and written as
Spark SQL at run time; the few DuckDB idioms Spark lacks (ordered ``first``, full-match
regular expressions) are rewritten on the parsed tree here, as dialect rules, not as a
second plan. Each ``CREATE TEMP TABLE`` becomes a checkpointed temp view; registered Arrow
relations become Spark DataFrames, the decision tables broadcast. The person-years routed to
the Python ledger run through the same Auditor code and the same ledger kernel, on the
driver, from rows Spark collects.
"""

from __future__ import annotations

import os
import re
import sys
import time
from pathlib import Path
from typing import Any

import pyarrow as pa
import sqlglot
from sqlglot import exp
from sqlglot.tokens import Tokenizer, TokenType
from sqlglot.transforms import eliminate_window_clause

from reasoner import audit
from reasoner.audit import Auditor, AuditResult, Reporter
from reasoner.decision import TABLE_NAMES
from reasoner.engine import PrologEngine
from reasoner.knowledge import KB
from reasoner.spark_io import SparkInput
from reasoner.spark_ledger import ExecutorLedger

# Registered relations that are the compiled knowledge base: small, joined by every claim.
BROADCAST = frozenset(TABLE_NAMES) | {
    "thresholds",
    "programs",
    "cat_order",
    "ovl_pairs",
    "shared_tilt_pool",
    "figures",
    "figkeys",
    "figkey",
    "vertices",
    "special",
    "regions",
    "audit_options",
}


def spark_session(master: str = "local[2]", **conf: str) -> Any:
    """A Spark session for the audit (the active one if there is one)."""
    from pyspark.sql import SparkSession

    # executors run the ledger kernel: the driver's Python, with medaid importable
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    b = SparkSession.builder.master(master).appName("medaid-audit")
    defaults = {
        "spark.pyspark.python": sys.executable,
        # GB18030 (the GBK Excel writes) is a Java charset Spark 4 accepts only so
        "spark.sql.legacy.javaCharsets": "true",
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.sql.shuffle.partitions": "2",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.ansi.enabled": "true",
        "spark.sql.execution.arrow.pyspark.enabled": "true",
        "spark.log.level": "ERROR",
    }
    if master.startswith("local"):
        defaults["spark.driver.host"] = "127.0.0.1"
        defaults["spark.driver.bindAddress"] = "127.0.0.1"
    for k, v in {**defaults, **conf}.items():
        b = b.config(k, v)
    return b.getOrCreate()


# ---------------------------------------------------------------------------
# DuckDB → Spark
# ---------------------------------------------------------------------------


def _sort_key(o: exp.Ordered) -> exp.Expression:
    """One component of a min_by key equivalent to an ORDER BY term (DuckDB: NULLS LAST)."""
    e = o.this
    nulls = exp.Case(
        ifs=[exp.If(this=exp.Is(this=e.copy(), expression=exp.Null()), true=exp.Literal.number(1))],
        default=exp.Literal.number(0),
    )
    if o.args.get("desc"):
        # every DESC key in the plan is an integer amount: negate it
        return exp.Tuple(expressions=[nulls, exp.Neg(this=exp.Paren(this=e.copy()))])
    return exp.Tuple(expressions=[nulls, e.copy()])


def _to_spark(node: exp.Expression) -> exp.Expression:
    """DuckDB idioms Spark SQL lacks, as Spark expressions with the same value."""
    # first(x ORDER BY k…) [FILTER (WHERE f)] → min_by(x, struct(key…)) [FILTER (WHERE f)]
    if isinstance(node, exp.First) and isinstance(node.this, exp.Order):
        order = node.this
        keys: list[exp.Expression] = []
        for o in order.expressions:
            k = _sort_key(o)
            keys.extend(k.expressions)
        struct = exp.Anonymous(
            this="named_struct",
            expressions=[
                a for i, key in enumerate(keys) for a in (exp.Literal.string(f"k{i}"), key)
            ],
        )
        return exp.Anonymous(this="min_by", expressions=[order.this.copy(), struct])
    if isinstance(node, exp.RegexpFullMatch):
        return exp.RegexpLike(
            this=node.this.copy(),
            expression=exp.Literal.string(f"^(?:{node.expression.name})$"),
        )
    return node


def to_spark(sql: str) -> str:
    """One DuckDB statement written as Spark SQL."""
    tree = sqlglot.parse_one(sql, read="duckdb")
    # Spark's parser reads `OVER w - x` as a hyphenated name: windows are inlined
    tree = tree.transform(_to_spark).transform(eliminate_window_clause)
    return tree.sql(dialect="spark")


def split(script: str) -> list[str]:
    """The statements of a DuckDB script, cut at the semicolons DuckDB's tokenizer sees."""
    out, start = [], 0
    for tok in Tokenizer(dialect="duckdb").tokenize(script):
        if tok.token_type == TokenType.SEMICOLON:
            out.append(script[start : tok.start])
            start = tok.end + 1
    out.append(script[start:])
    stmts = (re.sub(r"^\s*(--[^\n]*\n\s*)*", "", s).strip() for s in out)
    return [s for s in stmts if s]


_CREATE = re.compile(
    r"CREATE\s+OR\s+REPLACE\s+TEMP\s+(?:TABLE|VIEW)\s+(\w+)\s+AS\s+(.*)", re.S | re.I
)
_DROP = re.compile(r"DROP\s+(?:TABLE|VIEW)\s+(?:IF\s+EXISTS\s+)?(\w+)$", re.I)
_INSERT = re.compile(r"INSERT\s+INTO\s+(\w+)\s+(.*)", re.S | re.I)


class _Result:
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self.rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self.rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self.rows[0] if self.rows else None


class _Relation:
    def __init__(self, df: Any) -> None:
        self.df = df

    def to_arrow_table(self) -> pa.Table:
        return self.df.toArrow()


class SparkConnection:
    """What Auditor asks of a DuckDB connection, answered by a Spark session."""

    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self.views: set[str] = set()
        self._cache: dict[str, str] = {}
        # reasoner.audit_python hands its person-years to this, which runs them on executors
        self.python_ledger = ExecutorLedger(spark)

    def _spark_sql(self, stmt: str) -> str:
        if stmt not in self._cache:
            self._cache[stmt] = to_spark(stmt)
        return self._cache[stmt]

    def _df(self, stmt: str, params: list[Any] | None = None) -> Any:
        q = self._spark_sql(stmt)
        return self.spark.sql(q, args=params) if params else self.spark.sql(q)

    def _view(self, name: str, df: Any) -> None:
        # truncate the plan (later statements read it, some replace it: route from route)
        # without a job per statement: the first job that reads it stores it on the executors
        df = df.localCheckpoint(eager=False)
        df.createOrReplaceTempView(name)
        self.views.add(name)

    def execute(self, script: str, params: list[Any] | None = None) -> _Result:
        rows: list[tuple[Any, ...]] = []
        for stmt in split(script):
            if m := _CREATE.match(stmt):
                self._view(m.group(1), self._df(m.group(2)))
            elif m := _DROP.match(stmt):
                self.unregister(m.group(1))
            elif m := _INSERT.match(stmt):
                name = m.group(1)
                self._view(name, self.spark.table(name).unionByName(self._df(m.group(2))))
            else:
                rows = [tuple(r) for r in self._df(stmt, params).collect()]
        return _Result(rows)

    def sql(self, query: str) -> _Relation:
        return _Relation(self._df(query.strip().rstrip(";")))

    def register(self, name: str, table: pa.Table | SparkInput) -> None:
        from pyspark.sql.functions import broadcast

        if isinstance(table, SparkInput):  # read by Spark itself
            table.df.createOrReplaceTempView(name)
            self.views.add(name)
            return
        df = self.spark.createDataFrame(table)
        if name in BROADCAST:
            df = broadcast(df)
        df.createOrReplaceTempView(name)
        self.views.add(name)

    def unregister(self, name: str) -> None:
        self.spark.catalog.dropTempView(name)
        self.views.discard(name)

    def close(self) -> None:
        for v in list(self.views):
            self.unregister(v)


class SparkAuditor(Auditor):
    """The Auditor with its relations in Spark instead of DuckDB."""

    def __init__(
        self,
        kb: KB,
        eng: PrologEngine,
        parameters: dict[str, dict[Any, Any]],
        spark: Any,
        reporter: Reporter | None = None,
    ) -> None:
        super().__init__(kb, eng, parameters, reporter, threads=1, memory_limit="256MB")
        self.con.close()
        self.con = SparkConnection(spark)  # type: ignore[assignment]


def audit_files(
    kb: KB,
    eng: PrologEngine,
    persons: Path | str,
    identities: Path | str,
    claims: Path | str,
    parameters: Path | None = None,
    reporter: Reporter | None = None,
    *,
    spark: Any = None,
    master: str = "local[2]",
    encoding: str | None = None,
    sheet: str | None = None,
) -> tuple[AuditResult, Auditor, dict[str, Any]]:
    """:func:`reasoner.audit.audit_files` on Spark, the inputs read by Spark (CSV or Parquet;
    local paths or any file system Spark's Hadoop reads, hdfs://, s3a://); the caller closes
    the auditor."""
    from reasoner import spark_io
    from reasoner.audit import Quiet

    parsed, raw = audit.load_parameters(parameters, kb)
    rep = reporter or Quiet()
    session = spark or spark_session(master)
    rep.stage("read")
    t = time.perf_counter()
    tables = [
        spark_io.read(session, spark_io.uri(p), cols, name, kb=kb, encoding=encoding)
        for p, cols, name in (
            (persons, audit.PERSON_COLUMNS, "persons"),
            (identities, audit.IDENTITY_COLUMNS, "identities"),
            (claims, audit.CLAIM_COLUMNS, "claims"),
        )
    ]
    read_s = time.perf_counter() - t
    auditor = SparkAuditor(kb, eng, parsed, session, rep)
    auditor.sources = {
        "persons": Path(str(persons)).name,
        "identities": Path(str(identities)).name,
        "claims": Path(str(claims)).name,
    }
    try:
        result = auditor.run_owned(tables)
    except BaseException:
        auditor.close()
        raise
    result.stats.seconds = {"read": read_s, **result.stats.seconds}
    return result, auditor, raw
