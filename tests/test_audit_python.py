"""The audit's Python ledger: forked workers and the shared figures give exactly the serial,
uncached rows, in the same order; a worker's error reaches the caller as itself."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pyarrow as pa
import pytest

import reasoner.audit_python as ap
from reasoner.api import get_kb
from reasoner.audit import Auditor, audit_files
from reasoner.engine import engine
from reasoner.errors import MedaidError
from reasoner.evaluate import Evaluator
from tests.helpers import bench_gen


@pytest.fixture(scope="module")
def auditor(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Auditor]:
    gen = bench_gen()
    paths = gen.write(gen.generate(300, 1200, seed=11), tmp_path_factory.mktemp("py"), "csv")
    _result, auditor, _raw = audit_files(
        get_kb(),
        engine(),
        paths["persons"],
        paths["identities"],
        paths["claims"],
        paths["params"],
    )
    yield auditor
    auditor.close()


def _rows(auditor: Auditor, everyone: bool = True) -> pa.Table:
    return ap.PythonLedger(auditor).rows(everyone=everyone)


@pytest.fixture(scope="module")
def serial(auditor: Auditor) -> pa.Table:
    mp = pytest.MonkeyPatch()
    mp.setattr(ap, "PARALLEL_MIN", 10**9)
    try:
        return _rows(auditor)
    finally:
        mp.undo()


def test_workers_give_the_serial_rows_in_order(
    auditor: Auditor, serial: pa.Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "PARALLEL_MIN", 1)
    monkeypatch.setattr(ap, "workers", lambda: 2)
    assert serial.num_rows > 1000  # every person-year of the sample, several programs each
    assert _rows(auditor).equals(serial)


def test_shared_figures_give_the_evaluators_rows(
    auditor: Auditor, serial: pa.Table, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "PARALLEL_MIN", 10**9)
    monkeypatch.setattr(ap, "_AuditEvaluator", Evaluator)
    assert _rows(auditor).equals(serial)
    paid = [s for s in serial.column("status").to_pylist() if s in ("paid", "bounded")]
    assert paid  # the sample reaches the money, not only statuses


def test_a_workers_error_is_raised_as_itself(
    auditor: Auditor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(ap, "PARALLEL_MIN", 1)
    monkeypatch.setattr(ap, "workers", lambda: 2)

    def fail(self: Any, case: Any, answers: Any) -> Any:
        raise MedaidError("claims", f"{case.person_id}：待定数值过多")

    monkeypatch.setattr(ap._AuditEvaluator, "rows", fail)
    with pytest.raises(MedaidError) as e:
        _rows(auditor)
    assert e.value.field == "claims"
    assert e.value.reason.endswith("：待定数值过多")
