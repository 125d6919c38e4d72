"""The audit's Python ledger on Spark's executors: the person-years routed to Python, with
their claims, identities and decision-table answers gathered per claim row, go through
``mapInArrow`` to the same kernel code as the DuckDB engine (reasoner.audit_python).

The kb and the parameters travel once, as a broadcast; each Python worker process builds its
evaluator from them the first time it is handed rows and keeps it for the worker's life.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from typing import Any

import pyarrow as pa

from reasoner import audit_python as kernel

# One row per claim of the person-years in cx_final, as reasoner.audit_python.BATCH_COLUMNS.
GATHER_SQL = """
WITH pc AS (
  SELECT c.* FROM claims c JOIN cx_final x ON x.person_id = c.person_id AND x.year = c.year
), pi AS (
  SELECT person_id,
         collect_list(named_struct('irow', irow, 'category', category, 'since', since,
                                   'until', until)) AS idents
  FROM idents WHERE person_id IN (SELECT person_id FROM cx_final) GROUP BY person_id
), ps AS (
  SELECT claim_id,
         collect_list(named_struct('program', program, 'st', st)) AS st,
         collect_list(CASE WHEN excluded IS NOT NULL
                           THEN named_struct('program', program, 'excluded', excluded) END) AS excl
  FROM bst WHERE claim_id IN (SELECT crow FROM pc) GROUP BY claim_id
), pa AS (
  SELECT claim_id,
         collect_list(named_struct('program', program, 'rule', rule, 'cat', cat, 'own', own))
           AS appl
  FROM ap WHERE claim_id IN (SELECT crow FROM pc) GROUP BY claim_id
), pu AS (
  SELECT claim_id, collect_list(named_struct('program', program, 'cat', cat, 'ref', ref)) AS unres
  FROM un WHERE claim_id IN (SELECT crow FROM pc) GROUP BY claim_id
)
SELECT c.person_id, c.year, c.crow, c.claim_ref, c.ctype, c.date, c.discharge, c.disease,
       c.level, c.scope, c.referral, c.cost, c.basic, c.ci, c.supp,
       p.region, p.birth, p.dis, p.maint, p.scheme,
       pi.idents, ps.st, ps.excl, pa.appl, pu.unres
FROM pc c JOIN persons p ON p.person_id = c.person_id
LEFT JOIN pi ON pi.person_id = c.person_id
LEFT JOIN ps ON ps.claim_id = c.crow
LEFT JOIN pa ON pa.claim_id = c.crow
LEFT JOIN pu ON pu.claim_id = c.crow
"""

# Per Python worker process: the run's key → (evaluator, parameters).
_WORKER: dict[str, tuple[Any, dict[str, Any]]] = {}


def _worker_state(key: str, payload: Any) -> tuple[Any, dict[str, Any]]:
    state = _WORKER.get(key)
    if state is None:
        kb, parameters = payload.value
        state = _WORKER[key] = (kernel.audit_evaluator(kb), parameters)
    return state


def _ledger_udf(key: str, payload: Any, counter: Any, driver_pid: int) -> Any:
    """The mapInArrow function: whole person-years in, the kernel's rows out."""

    def run(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
        ev, parameters = _worker_state(key, payload)
        carry: pa.Table | None = None

        def evaluate(t: pa.Table) -> pa.RecordBatch:
            out = kernel.out_table(kernel.kernel_rows(ev, parameters, t))
            if os.getpid() != driver_pid:
                counter.add(out.num_rows)
            return out.combine_chunks().to_batches()[0] if out.num_rows else _empty()

        for b in batches:
            t = pa.Table.from_batches([b])
            if carry is not None:
                t = pa.concat_tables([carry, t])
            if t.num_rows == 0:
                continue
            # the last person-year may go on in the next batch: keep it for then
            pids, years = t.column("person_id"), t.column("year")
            last = (pids[-1].as_py(), years[-1].as_py())
            cut = t.num_rows
            while cut > 0 and (pids[cut - 1].as_py(), years[cut - 1].as_py()) == last:
                cut -= 1
            carry = t.slice(cut)
            if cut:
                yield evaluate(t.slice(0, cut))
        if carry is not None and carry.num_rows:
            yield evaluate(carry)

    return run


def _empty() -> pa.RecordBatch:
    return pa.RecordBatch.from_pylist([], schema=kernel.SCHEMA)


def _spark_schema() -> str:
    names = {pa.string(): "string", pa.int64(): "bigint"}
    return ", ".join(f"{f.name} {names[f.type]}" for f in kernel.SCHEMA)


class ExecutorLedger:
    """Runs the Python ledger's person-years on the executors; keeps what the run did."""

    def __init__(self, spark: Any) -> None:
        self.spark = spark
        self.plan = ""
        self.rows_on_executors = 0

    def __call__(self, kb: Any, parameters: dict[str, Any]) -> pa.Table:
        spark = self.spark
        sc = spark.sparkContext
        payload = sc.broadcast((kb, parameters))
        counter = sc.accumulator(0)
        try:
            rows = spark.sql(GATHER_SQL)
            parts = max(1, sc.defaultParallelism)
            out = (
                rows.repartition(parts, "person_id")
                .sortWithinPartitions("person_id", "year", "crow")
                .mapInArrow(
                    _ledger_udf(uuid.uuid4().hex, payload, counter, os.getpid()), _spark_schema()
                )
            )
            self.plan = out._jdf.queryExecution().executedPlan().toString()
            table = out.toArrow()
        finally:
            payload.unpersist()
        self.rows_on_executors += counter.value
        return table.cast(kernel.SCHEMA)
