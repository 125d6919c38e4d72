"""`medaid audit --engine spark` (local mode) writes exactly the rows `--engine duckdb` writes.

A generated year of 2,000 claims over the five regions; both engines run through the CLI on
the same files; results, rejected rows and discrepancies are compared byte for byte.
"""

from __future__ import annotations

import csv
import os
import shutil
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reasoner.cli.main import main
from tests.helpers import bench_gen

ROOT = Path(__file__).resolve().parent.parent

if shutil.which("java") is None:
    pytest.skip("Spark needs Java 17 (make setup installs it as root)", allow_module_level=True)
pytest.importorskip("pyspark", reason="pyspark is installed by make setup (the spark extra)")


@pytest.fixture(scope="module")
def spark() -> Any:
    from reasoner.audit_spark import spark_session

    s = spark_session("local[2]", **{"spark.driver.memory": "1g"})
    yield s
    s.stop()


@pytest.fixture(scope="module")
def runs(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    gen = bench_gen()
    folder = tmp_path_factory.mktemp("spark")
    data = gen.generate(500, 2000, seed=11)
    paths = gen.write(data, folder / "in", "csv")
    out: dict[str, Any] = {"data": data}
    for eng in ("duckdb", "spark"):
        res = CliRunner().invoke(
            main,
            [
                "audit",
                "--persons",
                str(paths["persons"]),
                "--identities",
                str(paths["identities"]),
                "--claims",
                str(paths["claims"]),
                "--parameters",
                str(paths["params"]),
                "--out",
                str(folder / eng / "results.csv"),
                "--engine",
                eng,
            ],
            env={"MEDAID_CACHE_DIR": os.environ["MEDAID_CACHE_DIR"]},
        )
        assert res.exit_code == 0, res.output
        out[eng] = (folder / eng, res.output)
    return out


def _rows(path: Path) -> list[list[str]]:
    """The file's rows without its run_id column (each run names itself)."""
    rows = list(csv.reader(path.read_text(encoding="utf-8-sig").splitlines()))
    if "run_id" in rows[0]:
        i = rows[0].index("run_id")
        rows = [r[:i] + r[i + 1 :] for r in rows]
    return rows


def test_spark_writes_the_rows_duckdb_writes(runs: dict[str, Any]) -> None:
    duck, spark = runs["duckdb"][0], runs["spark"][0]
    for name in ("results.csv", "results.errors.csv", "results.discrepancies.csv"):
        assert _rows(spark / name) == _rows(duck / name), name
    lines = _rows(duck / "results.csv")
    # one row per claim and program plus premium rows: far more rows than claims
    assert len(lines) > 2000


def test_the_year_covers_five_regions_and_both_ledgers(runs: dict[str, Any]) -> None:
    regions = set(runs["data"]["persons"]["region"])
    assert len(regions) == 5
    assert len(runs["data"]["claims"]["claim_id"]) >= 2000

    # the summary line names both ledgers; the Python ledger must have had person-years
    def years(eng: str) -> str:
        line = next(x for x in runs[eng][1].splitlines() if x.startswith("人年："))
        return line.split("；用时")[0]

    line = years("spark")
    assert line == years("duckdb")
    python_years = int(line.split("SQL 账本计算，")[1].split(" 个")[0])
    assert python_years > 0
