"""`medaid audit --engine spark` (local mode) writes exactly the rows `--engine duckdb` writes.

A generated year of 2,000 claims over the five regions, with the claims file in GBK under
Chinese headers, a persons file with a BOM, and appended claim rows that are bad (a byte GBK
cannot decode, a negative amount, an amount in another spelling). Both engines run through
the CLI on the same files, Spark reading them itself; results, rejected rows (with their row
numbers), discrepancies, the exported case and the printed explanation are compared. One
Spark session serves the module: each Spark audit costs seconds per statement, not per row.
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

EXPORTED = "C00000001"


@pytest.fixture(scope="module")
def spark() -> Any:
    from reasoner.audit_spark import spark_session

    s = spark_session("local[2]", **{"spark.driver.memory": "1g"})
    yield s
    s.stop()


def _inputs(folder: Path) -> dict[str, Path]:
    gen = bench_gen()
    data = gen.generate(500, 2000, seed=11)
    paths: dict[str, Path] = gen.write(data, folder, "csv")
    p = paths["persons"]
    p.write_text("\ufeff" + p.read_text(encoding="utf-8"), encoding="utf-8")
    c = paths["claims"]
    lines = c.read_text(encoding="utf-8").splitlines()
    head = lines[0].replace('"claim_id"', '"结算编号"').replace('"person_id"', '"人员编号"')
    cols = next(csv.reader([lines[0]]))
    first = next(csv.reader([lines[1]]))

    def row(**kw: str) -> str:
        r = dict(zip(cols, first, strict=True)) | kw
        return ",".join(f'"{r[k]}"' for k in cols)

    extra = [
        row(claim_id="X1", disease="肺炎"),
        row(claim_id="X2", basic_insurance_paid="-5"),
        row(
            claim_id="X3",
            policy_scope_cost="1,000.00",
            basic_insurance_paid="0",
            paid_assistance="",
        ),
        row(claim_id="X4", disease="BAD"),
    ]
    body = "\n".join([head, *lines[1:], *extra]) + "\n"
    # a byte no GBK text holds, deep in the file: that row is rejected, not the file
    c.write_bytes(body.encode("gb18030").replace(b'"BAD"', b'"\xff\xfe"'))
    return paths


@pytest.fixture(scope="module")
def runs(spark: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    from reasoner import audit_spark

    folder = tmp_path_factory.mktemp("spark")
    paths = _inputs(folder / "in")
    made: list[Any] = []

    class Recorded(audit_spark.SparkAuditor):
        def __init__(self, *a: Any, **kw: Any) -> None:
            super().__init__(*a, **kw)
            made.append(self)

    out: dict[str, Any] = {"folder": folder}
    for eng in ("duckdb", "spark"):
        args = ["audit", "--out", str(folder / eng / "results.csv"), "--engine", eng]
        for k in ("persons", "identities", "claims"):
            args += [f"--{k}", str(paths[k])]
        args += ["--parameters", str(paths["params"]), "--explain", EXPORTED]
        args += ["--export-case", EXPORTED, str(folder / eng / "case.yaml")]
        args += ["--report", str(folder / eng / "report.html")]
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(audit_spark, "SparkAuditor", Recorded)
            res = CliRunner().invoke(
                main, args, env={"MEDAID_CACHE_DIR": os.environ["MEDAID_CACHE_DIR"]}
            )
        assert res.exit_code == 0, res.output
        out[eng] = (folder / eng, res.output)
    out["auditor"] = made[0]
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
    assert (spark / "case.yaml").read_text() == (duck / "case.yaml").read_text()
    assert "<html" in (spark / "report.html").read_text(encoding="utf-8")


def test_spark_reads_gbk_and_names_the_bad_rows_as_duckdb(runs: dict[str, Any]) -> None:
    errors = _rows(runs["spark"][0] / "results.errors.csv")
    by_row = {r[1]: r for r in errors[1:] if r[0] == "claims.csv"}
    # the appended rows follow the generator's 2,000
    assert by_row["2004"][2:] == [
        "disease",
        "含无法按 gb18030 解码的字节（用 --encoding 指定文件的编码）",
    ]
    assert by_row["2002"][2:] == ["basic_insurance_paid", "金额不能为负数"]
    # the odd money spelling was read by parse_money on the driver, with its reason
    assert by_row["2003"][2:] == ["policy_scope_cost", "不是金额：'1,000.00'（不接受千位分隔符）"]
    assert "2001" not in by_row  # 肺炎 in GBK is read
    results = _rows(runs["spark"][0] / "results.csv")
    assert "X1" in {r[0] for r in results}


def test_the_python_ledger_ran_on_executors(runs: dict[str, Any]) -> None:
    ledger = runs["auditor"].con.python_ledger
    assert "MapInArrow" in ledger.plan
    # rows the kernel produced in Python worker processes, not in the driver
    py_rows = sum(1 for r in _rows(runs["duckdb"][0] / "results.csv")[1:])
    assert 0 < ledger.rows_on_executors < py_rows


def test_the_year_covers_five_regions_and_both_ledgers(runs: dict[str, Any]) -> None:
    # the summary line names both ledgers; the Python ledger must have had person-years
    def years(eng: str) -> str:
        line = next(x for x in runs[eng][1].splitlines() if x.startswith("人年："))
        return line.split("；用时")[0]

    line = years("spark")
    assert line == years("duckdb")
    python_years = int(line.split("SQL 账本计算，")[1].split(" 个")[0])
    assert python_years > 0


def test_explain_prints_the_same_tree(runs: dict[str, Any]) -> None:
    def tree(eng: str) -> str:
        text = runs[eng][1]
        return text[text.index("案例文件：") :].split("\n", 1)[1]

    assert tree("spark") == tree("duckdb")
    assert tree("duckdb").strip()


def test_xlsx_input_is_refused_on_spark(runs: dict[str, Any]) -> None:
    folder = runs["folder"]
    book = folder / "claims.xlsx"
    book.write_bytes(b"PK\x03\x04")
    paths = {k: folder / "in" / f"{k}.csv" for k in ("persons", "identities")}
    res = CliRunner().invoke(
        main,
        [
            "audit",
            "--persons",
            str(paths["persons"]),
            "--identities",
            str(paths["identities"]),
            "--claims",
            str(book),
            "--out",
            str(folder / "x" / "r.csv"),
            "--engine",
            "spark",
        ],
        env={"MEDAID_CACHE_DIR": os.environ["MEDAID_CACHE_DIR"]},
    )
    assert res.exit_code == 1
    assert "Error: --claims: xlsx 仅支持 --engine duckdb" in res.output
    assert "Traceback" not in res.output
