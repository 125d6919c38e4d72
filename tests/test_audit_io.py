"""The file side of `medaid audit`: inputs, outputs and the decision-table cache."""

from __future__ import annotations

import csv
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import pytest
from click.testing import CliRunner

from reasoner.cli.main import main
from tests.helpers import bench_gen

ROOT = Path(__file__).resolve().parent.parent


gen = bench_gen()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`bench/gen.py --persons 5 --claims 20 --seed 2` as CSV: no person-year needs the
    Python ledger (seed 1 has a 江苏 year of several claims under open figures, which does)."""
    out = tmp_path_factory.mktemp("small")
    return dict(gen.write(gen.generate(5, 20, 2), out, "csv"))


def audit(paths: dict[str, Path], *extra: str) -> Any:
    args = [
        "audit",
        "--persons",
        str(paths["persons"]),
        "--identities",
        str(paths["identities"]),
        "--claims",
        str(paths["claims"]),
        "--parameters",
        str(paths["params"]),
        *extra,
    ]
    return CliRunner().invoke(main, args)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_small_input_with_no_python_ledger_year_audits(
    small: dict[str, Path], tmp_path: Path
) -> None:
    # Every person-year of this input goes through the SQL ledger; registering the (empty)
    # Python ledger rows used to fail on a half-read DuckDB result.
    out = tmp_path / "r.csv"
    r = audit(small, "--out", str(out))
    assert r.exit_code == 0, r.output
    claims = read_csv(small["claims"])
    errors = read_csv(tmp_path / "r.errors.csv")
    rows = read_csv(out)
    rejected = {e["row"] for e in errors if e["source"] == "claims.csv"}
    evaluated = {row["claim_id"] for row in rows if not row["claim_id"].startswith("premium:")}
    # rows in = rows evaluated + rows rejected
    assert len(claims) == 20
    assert len(evaluated) + len(rejected) == len(claims)


def test_small_input_really_has_no_python_ledger_year(small: dict[str, Path]) -> None:
    from reasoner.api import get_kb
    from reasoner.audit import audit_files
    from reasoner.engine import engine

    result, auditor, _ = audit_files(
        get_kb(),
        engine(),
        small["persons"],
        small["identities"],
        small["claims"],
        small["params"],
    )
    auditor.close()
    assert result.stats.person_years_python == 0
    assert result.stats.person_years_sql > 0


@pytest.mark.parametrize("option", ["--out", "--errors"])
@pytest.mark.parametrize("name", ["r.xls", "r.txt", "r", "r.json"])
def test_unknown_output_extension_is_refused_before_any_work(
    small: dict[str, Path], tmp_path: Path, option: str, name: str
) -> None:
    args = ["--out", str(tmp_path / "r.csv")]
    if option == "--errors":
        args += ["--errors", str(tmp_path / name)]
    else:
        args = ["--out", str(tmp_path / name)]
    r = audit(small, *args)
    assert r.exit_code == 1
    assert f"Error: {option}: 不支持的输出格式" in r.output
    assert list(tmp_path.iterdir()) == []  # nothing computed, nothing written


def test_cache_key_follows_every_module_the_tables_depend_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from reasoner import decision, knowledge

    deps = {p.name for p in decision._module_closure(Path(decision.__file__).resolve())}
    # compile_tables asks the engine, reads the kb view and the evaluator's Params and cases
    assert {"decision.py", "engine.py", "knowledge.py", "evaluate.py", "case.py"} <= deps
    before = decision.cache_key()
    engine_copy = tmp_path / "engine.pl"
    engine_copy.write_bytes(knowledge.engine_file().read_bytes() + b"\n% changed\n")
    monkeypatch.setattr(knowledge, "engine_file", lambda: engine_copy)
    assert decision.cache_key() != before


def test_module_closure_sees_function_level_and_relative_imports(tmp_path: Path) -> None:
    from reasoner import decision

    pkg = tmp_path / "reasoner"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "a.py").write_text(
        "from reasoner.b import x\n\ndef f():\n    from . import c\n    import reasoner.sub\n"
    )
    (pkg / "b.py").write_text("import reasoner.d\nx = 1\n")
    (pkg / "c.py").write_text("")
    (pkg / "d.py").write_text("")
    (pkg / "e.py").write_text("")  # imported by nobody
    (pkg / "sub" / "__init__.py").write_text("")
    (pkg / "sub" / "m.py").write_text("")
    got = {str(p.relative_to(pkg)) for p in decision._module_closure(pkg / "a.py")}
    assert got == {"a.py", "b.py", "c.py", "d.py", "sub/__init__.py", "sub/m.py"}


# ---------------------------------------------------------------------------
# Outputs: never over an input, all or nothing, one run recognisable
# ---------------------------------------------------------------------------


def _snapshot(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("target", ["claims", "persons", "params"])
def test_out_over_an_input_is_refused(small: dict[str, Path], target: str) -> None:
    before = small[target].read_bytes()
    r = audit(small, "--out", str(small[target].with_suffix(".csv")))
    if small[target].suffix != ".csv":  # params.yaml: same stem but not the same file
        assert r.exit_code == 0 or "Error:" in r.output
        return
    assert r.exit_code == 1
    assert f"Error: --out: {small[target]} 与输入 --{target} 是同一个文件" in r.output
    assert small[target].read_bytes() == before


def test_errors_over_an_input_or_equal_to_out_is_refused(
    small: dict[str, Path], tmp_path: Path
) -> None:
    before = small["identities"].read_bytes()
    r = audit(small, "--out", str(tmp_path / "r.csv"), "--errors", str(small["identities"]))
    assert r.exit_code == 1
    assert "Error: --errors: " in r.output and "与输入 --identities 是同一个文件" in r.output
    assert small["identities"].read_bytes() == before
    r = audit(small, "--out", str(tmp_path / "r.csv"), "--errors", str(tmp_path / "r.csv"))
    assert r.exit_code == 1
    assert "Error: --errors: " in r.output and "与 --out 是同一个文件" in r.output
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_out_linking_to_an_input_is_refused(
    small: dict[str, Path], tmp_path: Path, link: str
) -> None:
    out = tmp_path / "r.csv"
    if link == "symlink":
        out.symlink_to(small["claims"])
    else:
        out.hardlink_to(small["claims"])
    before = small["claims"].read_bytes()
    r = audit(small, "--out", str(out))
    assert r.exit_code == 1
    assert "与输入 --claims 是同一个文件" in r.output
    assert small["claims"].read_bytes() == before


def test_unwritable_out_is_refused_before_the_run(small: dict[str, Path], tmp_path: Path) -> None:
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    r = audit(small, "--out", str(blocker / "sub" / "r.csv"))
    assert r.exit_code == 1
    assert f"Error: --out: 无法创建 {blocker / 'sub' / 'r.csv'}：{blocker} 不是文件夹" in r.output
    assert "Traceback" not in r.output


def _run_ids(folder: Path, stem: str) -> set[str]:
    ids = set()
    for p in folder.glob(f"{stem}*.csv"):
        ids |= {row["run_id"] for row in read_csv(p)}
    return ids


def test_outputs_carry_the_run_id_of_the_manifest_written_last(
    small: dict[str, Path], tmp_path: Path
) -> None:
    import hashlib
    import json

    r = audit(small, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 0, r.output
    m = json.loads((tmp_path / "r.manifest.json").read_text(encoding="utf-8"))
    assert set(m["outputs"]) == {"results", "errors", "discrepancies"}
    for info in m["outputs"].values():
        data = (tmp_path / info["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == info["sha256"]
        assert data.startswith(b"\xef\xbb\xbf")  # Excel needs the BOM for UTF-8
    # the errors file is empty here: its header still carries the run_id column
    assert _run_ids(tmp_path, "r") == {m["run_id"]}
    assert m["rows"]["claims_in"] == 20
    assert m["rows"]["claims_in"] == m["rows"]["claims_evaluated"] + m["rows"]["claims_rejected"]
    assert not list(tmp_path.glob(".*tmp*"))


def test_a_later_run_without_discrepancies_removes_the_older_file(
    small: dict[str, Path], tmp_path: Path
) -> None:
    import json

    r = audit(small, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 0 and (tmp_path / "r.discrepancies.csv").exists()
    rows = read_csv(small["claims"])
    no_paid = tmp_path / "claims_np.csv"
    with no_paid.open("w", encoding="utf-8", newline="") as fh:
        cols = [c for c in rows[0] if c != "paid_assistance"]
        w = csv.DictWriter(fh, cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    r = audit({**small, "claims": no_paid}, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 0, r.output
    assert not (tmp_path / "r.discrepancies.csv").exists()
    m = json.loads((tmp_path / "r.manifest.json").read_text(encoding="utf-8"))
    assert _run_ids(tmp_path, "r") == {m["run_id"]}


def test_interrupted_write_leaves_the_previous_complete_files(
    small: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    from reasoner import audit_output as audit_io

    out = tmp_path / "out"
    r = audit(small, "--out", str(out / "r.csv"))
    assert r.exit_code == 0
    before = _snapshot(out)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(scratch))
    real = audit_io.write_table
    calls = []

    def write_then_interrupt(table: Any, path: Path, run_id: str | None = None) -> None:
        calls.append(path)
        if len(calls) == 2:  # the results are staged; Ctrl-C while writing the errors
            path.write_bytes(b"trunc")
            raise KeyboardInterrupt
        real(table, path, run_id)

    monkeypatch.setattr(audit_io, "write_table", write_then_interrupt)
    r = audit(small, "--out", str(out / "r.csv"))
    assert r.exit_code == 130
    assert "Error: 已中断" in r.output
    assert _snapshot(out) == before  # no temporary file left, nothing replaced
    assert list(scratch.iterdir()) == []  # the DuckDB spill folder is gone too


def test_sigterm_during_the_run_leaves_no_trace(small: dict[str, Path], tmp_path: Path) -> None:
    import os
    import signal
    import subprocess
    import time

    scratch = tmp_path / "scratch"
    scratch.mkdir()
    out = tmp_path / "out"
    env = {**os.environ, "TMPDIR": str(scratch)}
    args = [
        str(Path(sys.executable).with_name("medaid")),
        "audit",
        "--persons",
        str(small["persons"]),
        "--identities",
        str(small["identities"]),
        "--claims",
        str(small["claims"]),
        "--out",
        str(out / "r.csv"),
    ]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    while not list(scratch.glob("medaid-audit-*")) and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.01)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    if proc.returncode == 0:  # finished before the signal: then the outputs are complete
        assert (out / "r.manifest.json").exists()
    else:
        assert proc.returncode == 130, err.decode()
        assert "Error: 已中断" in err.decode()
        assert not out.exists() or not [p for p in out.iterdir()]
    assert list(scratch.iterdir()) == []


# ---------------------------------------------------------------------------
# Spreadsheet formulas are never executed
# ---------------------------------------------------------------------------


def test_neutralise_touches_text_only() -> None:

    import pyarrow as pa

    from reasoner.audit_output import neutralise

    t = pa.table(
        {
            "id": ['=HYPERLINK("x")', "+1", "-2", "@SUM(A1)", "ok", None, "\tx"],
            "difference": pa.array(
                [Decimal("-12.50"), None, Decimal("3"), None, None, None, None],
                pa.decimal128(18, 2),
            ),
        }
    )
    got = neutralise(t)
    assert got.column("id").to_pylist() == [
        '\'=HYPERLINK("x")',
        "'+1",
        "'-2",
        "'@SUM(A1)",
        "ok",
        None,
        "'\tx",
    ]
    assert got.column("difference").equals(t.column("difference"))  # -12.50 stays a number


def _tiny(folder: Path, claim_id: str = "c1", cost: str = "10000", **person: str) -> dict:
    folder.mkdir(parents=True, exist_ok=True)
    p = {"person_id": "p1", "region": "cangzhou", "scheme": "resident_tier1", **person}
    (folder / "persons.csv").write_text(
        ",".join(p) + "\n" + ",".join(p.values()) + "\n", encoding="utf-8"
    )
    (folder / "identities.csv").write_text(
        f"person_id,category\n{p['person_id']},dibao\n", encoding="utf-8"
    )
    (folder / "claims.csv").write_text(
        "claim_id,person_id,type,date,hospital_level,scope,referral,policy_scope_cost,"
        "basic_insurance_paid,paid_assistance\n"
        f'"{claim_id}",{p["person_id"]},inpatient,2025-03-01,2,in_city,referred,{cost},'
        "5000,0\n",
        encoding="utf-8",
    )
    import yaml

    (folder / "params.yaml").write_text(yaml.safe_dump(gen.parameters()), encoding="utf-8")
    return {k: folder / f"{k}.csv" for k in ("persons", "identities", "claims")} | {
        "params": folder / "params.yaml"
    }


def test_formula_ids_are_neutralised_in_csv_and_xlsx(tmp_path: Path) -> None:
    from python_calamine import CalamineWorkbook

    paths = _tiny(tmp_path / "in", claim_id="=1+1")
    r = audit(paths, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 0, r.output
    rows = read_csv(tmp_path / "r.csv")
    assert {row["claim_id"] for row in rows} >= {"'=1+1"}
    assert "=1+1" not in {row["claim_id"] for row in rows}
    r = audit(paths, "--out", str(tmp_path / "r.xlsx"))
    assert r.exit_code == 0, r.output
    sheet = CalamineWorkbook.from_path(str(tmp_path / "r.xlsx")).get_sheet_by_name("结果")
    cells = {row[0] for row in sheet.to_python()[1:]}
    assert "'=1+1" in cells and "=1+1" not in cells


# ---------------------------------------------------------------------------
# Input bounded
# ---------------------------------------------------------------------------


def test_duplicate_header_columns_are_an_error(tmp_path: Path) -> None:
    paths = _tiny(tmp_path / "in")
    text = paths["persons"].read_text(encoding="utf-8").splitlines()
    paths["persons"].write_text(
        text[0] + ",region\n" + text[1] + ",yubei\n", encoding="utf-8"
    )  # the last would silently win
    r = audit(paths, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 1
    assert f"Error: {paths['persons']}: 列名重复：'region'（都是 region）" in r.output
    paths["persons"].write_text("person_id,人员编号,region\np1,p2,cangzhou\n", encoding="utf-8")
    r = audit(paths, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 1
    assert "列名重复：'person_id' 与 '人员编号'（都是 person_id）" in r.output


MONEY_SAMPLES = [" 12.5 ", "1e5", "1.", ".5", "12.500", "12.345", "-5", "+5", "1,000", "¥12", "nan"]


def test_audit_accepts_exactly_the_money_text_eval_accepts(tmp_path: Path) -> None:
    from reasoner.api import get_kb
    from reasoner.audit import audit_files
    from reasoner.audit_io import _parse_money_text
    from reasoner.engine import engine
    from reasoner.errors import InputError

    paths = _tiny(tmp_path / "in")
    lines = ["claim_id,person_id,type,date,hospital_level,scope,referral,policy_scope_cost"]
    for k, v in enumerate(MONEY_SAMPLES):
        lines.append(f'c{k},p1,inpatient,2025-03-0{1 + k % 9},2,in_city,referred,"{v}"')
    paths["claims"].write_text("\n".join(lines) + "\n", encoding="utf-8")
    result, auditor, _ = audit_files(
        get_kb(), engine(), paths["persons"], paths["identities"], paths["claims"]
    )
    auditor.close()
    rejected = {
        row["row"]: row["reason"]
        for row in result.errors.to_pylist()
        if row["column"] == "policy_scope_cost"
    }
    for k, v in enumerate(MONEY_SAMPLES):
        try:
            _parse_money_text(v, "policy_scope_cost")
        except InputError as e:
            assert rejected.get(k + 1) == e.reason, v
        else:
            assert k + 1 not in rejected, (v, rejected.get(k + 1))


def _claims_typed(folder: Path) -> tuple[Path, Path]:
    """The same claims as a typed Parquet file and as its text (what a CSV export holds)."""
    import datetime as dt

    import pyarrow as pa
    import pyarrow.parquet as pq

    d = dt.date
    dates = [d(2025, 3, 1), None, d(2025, 3, 2), d(2023, 1, 1), d(2025, 3, 3), d(2025, 3, 4)]
    dates += [d(2025, 3, 5), d(2025, 3, 6), d(2025, 3, 7), d(2025, 3, 1), d(2025, 3, 8)]
    n = len(dates)
    cents = [1000000, 500, None, 100, 0, 99999999999, 100000000000, 100000000001, 400, 500, 700]
    level = [2, 0, 1, 2, None, 2, 2, 2, 4, 2, -1]
    discharge = [d(2025, 3, 9), None, None, None, None, None, None, None, None, d(2025, 2, 1), None]
    t = pa.table(
        {
            "claim_id": [f"c{k}" for k in range(n - 1)] + ["c0"],
            "person_id": ["p1"] * n,
            "type": ["inpatient"] * n,
            "date": pa.array(dates, pa.date32()),
            "discharge": pa.array(discharge, pa.date32()),
            "hospital_level": pa.array(level, pa.int8()),
            "scope": ["in_city"] * n,
            "referral": ["referred"] * n,
            "policy_scope_cost": pa.array(
                [None if c is None else Decimal(c) / 100 for c in cents], pa.decimal128(12, 2)
            ),
            "basic_insurance_paid": pa.array(
                [Decimal("12.30")] * (n - 1) + [Decimal("99999.99")], pa.decimal128(12, 2)
            ),
        }
    )
    typed, text = folder / "typed.parquet", folder / "text.parquet"
    pq.write_table(t, typed)
    pq.write_table(t.cast(pa.schema([(f.name, pa.string()) for f in t.schema])), text)
    return typed, text


def test_typed_parquet_claims_give_the_text_path_rows_and_reasons(tmp_path: Path) -> None:
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    from reasoner.api import get_kb
    from reasoner.audit import audit_files
    from reasoner.audit_io import CLAIM_COLUMNS, read_input
    from reasoner.engine import engine

    paths = _tiny(tmp_path / "in")
    typed, text = _claims_typed(tmp_path)
    kb = get_kb()
    got = read_input(typed, CLAIM_COLUMNS, "claims", kb=kb)
    # in range: kept as read; the amount of 10亿 and more goes the text way
    assert got.schema.field("date").type == pa.date32()
    assert got.schema.field("hospital_level").type == pa.int8()
    assert got.schema.field("basic_insurance_paid").type == pa.decimal128(12, 2)
    assert got.schema.field("policy_scope_cost").type == pa.string()
    seen = []
    for claims in (typed, text):
        result, auditor, _ = audit_files(
            kb, engine(), paths["persons"], paths["identities"], claims, paths["params"]
        )
        claims_rows = auditor.con.sql("SELECT * FROM claims ORDER BY crow").fetchall()
        auditor.close()
        errors = [{k: v for k, v in e.items() if k != "source"} for e in result.errors.to_pylist()]
        seen.append((errors, claims_rows, result.results.to_pylist()))
    assert seen[0] == seen[1]
    reasons = {(e["row"], e["column"], e["reason"]) for e in seen[0][0]}
    assert {r[1:] for r in reasons} >= {
        ("date", "必填字段缺失"),
        ("hospital_level", "不是 1—3 的整数"),
        ("policy_scope_cost", "金额超出合理范围（10亿元）"),
        ("claim_id", "理赔编号重复（首次出现于第 1 行）"),
        ("discharge", "出院日期早于入院日期"),
    }, reasons
    # a single out-of-range value keeps the whole column text, with the same reasons
    t = pq.read_table(typed)
    t = t.set_column(3, "date", pa.array([None] * (t.num_rows - 1) + [-800000], pa.date32()))
    pq.write_table(t, typed)
    got = read_input(typed, CLAIM_COLUMNS, "claims", kb=kb)
    assert got.schema.field("date").type == pa.string()
    assert got.column("date")[-1].as_py() == pc.cast(t.column("date"), pa.string())[-1].as_py()


@pytest.mark.parametrize(
    ("opt", "value", "code", "message"),
    [
        ("--threads", "0", 2, "Invalid value for '--threads'"),
        ("--threads", "x", 2, "Invalid value for '--threads'"),
        ("--memory-limit", "lots", 1, "Error: --memory-limit: 应为如 2.5GB"),
        ("--memory-limit", "-1GB", 1, "Error: --memory-limit: 应为如 2.5GB"),
    ],
)
def test_threads_and_memory_limit_are_validated(
    small: dict[str, Path], tmp_path: Path, opt: str, value: str, code: int, message: str
) -> None:
    r = audit(small, "--out", str(tmp_path / "r.csv"), opt, value)
    assert r.exit_code == code
    assert message in r.output
    assert list(tmp_path.iterdir()) == []


def _damage(kind: str, folder: Path, small: dict[str, Path]) -> tuple[Path, str]:
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq

    good = pacsv.read_csv(small["claims"])
    if kind == "empty":
        p = folder / "claims.csv"
        p.write_bytes(b"")
        return p, "文件为空"
    if kind == "header-only":
        p = folder / "claims.csv"
        p.write_text(small["claims"].read_text(encoding="utf-8").splitlines()[0] + "\n")
        return p, "只有表头，没有数据行"
    if kind == "ragged":
        p = folder / "claims.csv"
        lines = small["claims"].read_text(encoding="utf-8").splitlines()
        lines[3] += ',"extra"'
        p.write_text("\n".join(lines) + "\n")
        return p, "第 3 行有 15 列，表头有 14 列"
    if kind == "truncated-csv":
        p = folder / "claims.csv"
        data = small["claims"].read_bytes()
        p.write_bytes(data[: len(data) // 2])
        return p, "列，表头有 14 列"
    pq.write_table(good, folder / "good.parquet")
    data = (folder / "good.parquet").read_bytes()
    p = folder / "claims.parquet"
    if kind == "truncated-parquet":
        p.write_bytes(data[: len(data) // 2])
    elif kind == "4-byte-parquet":
        p.write_bytes(b"PAR1")
    else:  # corrupt
        p.write_bytes(b"PAR1" + bytes(range(256)) * 4 + b"PAR1")
    return p, "不是有效的 Parquet 文件"


@pytest.mark.parametrize(
    "kind",
    [
        "empty",
        "header-only",
        "ragged",
        "truncated-csv",
        "truncated-parquet",
        "4-byte-parquet",
        "corrupt-parquet",
    ],
)
def test_damaged_inputs_end_in_a_file_error(
    small: dict[str, Path], tmp_path: Path, kind: str
) -> None:
    bad, reason = _damage(kind, tmp_path, small)
    r = audit({**small, "claims": bad}, "--out", str(tmp_path / "out" / "r.csv"))
    assert r.exit_code == 1, r.output
    assert r.output.startswith(f"Error: {bad}: ")
    assert reason in r.output
    assert "Traceback" not in r.output
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------------
# The decision-table cache cannot lie
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fresh_tables() -> Any:
    from reasoner import decision
    from reasoner.api import get_kb
    from reasoner.engine import engine

    return decision.load_or_compile(get_kb(), engine())  # the session's cache


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch, fresh_tables: Any, tmp_path: Path) -> list[int]:
    """A private cache whose compilations are counted (and served from one compilation)."""
    from reasoner import decision

    calls: list[int] = []

    def compile_tables(kb: Any, eng: Any) -> Any:
        calls.append(1)
        return fresh_tables

    monkeypatch.setattr(decision, "compile_tables", compile_tables)
    monkeypatch.setenv("MEDAID_CACHE_DIR", str(tmp_path / "cache"))
    decision._WARNED.clear()
    return calls


def _entry(tmp_path: Path) -> Path:
    (entry,) = (tmp_path / "cache").glob("decision-*")
    return entry


def _equal(a: Any, b: Any) -> bool:
    from reasoner import decision

    return all(getattr(a, n).equals(getattr(b, n)) for n in decision.TABLE_NAMES) and all(
        getattr(a, k) == getattr(b, k) for k in decision._THRESHOLDS
    )


@pytest.mark.parametrize("damage", ["flip", "truncate", "manifest"])
def test_a_damaged_cache_is_rebuilt_replaced_and_reported_once(
    counted: list[int],
    fresh_tables: Any,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    damage: str,
) -> None:
    from reasoner import decision
    from reasoner.api import get_kb
    from reasoner.engine import engine

    decision.load_or_compile(get_kb(), engine())
    assert counted == [1]
    entry = _entry(tmp_path)
    target = entry / ("manifest.json" if damage == "manifest" else "applicable.arrow")
    data = bytearray(target.read_bytes())
    if damage == "flip":
        data[len(data) // 2] ^= 0x01  # one bit: a status could silently change
    else:
        del data[len(data) // 2 :]
    target.write_bytes(bytes(data))
    for _ in range(2):
        got = decision.load_or_compile(get_kb(), engine())
        assert _equal(got, fresh_tables)
    assert counted == [1, 1]  # rebuilt once, then the repaired entry is used
    err = capsys.readouterr().err
    assert err.count("决策表缓存已损坏") == 1
    reason = "manifest.json 缺失或损坏" if damage == "manifest" else "applicable.arrow 校验和不符"
    assert f"（{reason}），已重新编译并替换" in err
    assert [
        p.name for p in (tmp_path / "cache").iterdir() if "tmp" in p.name or "old" in p.name
    ] == []


def test_concurrent_rebuilds_compile_once_and_leave_a_valid_entry(
    counted: list[int], fresh_tables: Any, tmp_path: Path
) -> None:
    import threading

    from reasoner import decision
    from reasoner.api import get_kb
    from reasoner.engine import engine

    kb, eng = get_kb(), engine()
    start = threading.Barrier(3)
    got: list[Any] = []

    def run() -> None:
        start.wait()
        got.append(decision.load_or_compile(kb, eng))

    threads = [threading.Thread(target=run) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert len(got) == 3 and all(_equal(g, fresh_tables) for g in got)
    assert counted == [1]  # the others waited for the lock and loaded what it wrote
    tables, problem = decision._load(_entry(tmp_path))
    assert tables is not None and problem is None
    assert sorted(
        p.name for p in (tmp_path / "cache").iterdir() if not p.name.endswith(".lock")
    ) == [_entry(tmp_path).name]


def test_an_interrupted_cache_write_leaves_no_temporary_folder(
    counted: list[int], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pyarrow.ipc as ipc

    from reasoner import decision
    from reasoner.api import get_kb
    from reasoner.engine import engine

    def interrupted(*a: Any, **k: Any) -> Any:
        raise KeyboardInterrupt

    monkeypatch.setattr(ipc, "new_file", interrupted)
    with pytest.raises(KeyboardInterrupt):
        decision.load_or_compile(get_kb(), engine())
    assert [p.name for p in (tmp_path / "cache").iterdir() if not p.name.endswith(".lock")] == []


# ---------------------------------------------------------------------------
# The files auditors have: GB18030 with Chinese headers and values, xlsx
# ---------------------------------------------------------------------------

ZH_VALUES = {
    "type": {"outpatient": "普通门诊", "chronic_outpatient": "门诊慢特病", "inpatient": "住院"},
    "scope": {
        "in_district": "区县内",
        "in_city": "市内",
        "in_province": "省内",
        "out_of_province": "省外",
    },
    "referral": {"primary_care": "基层首诊转诊", "referred": "规范转诊", "none": "未转诊"},
    "scheme": {"resident_tier1": "一档", "resident_tier2": "二档", "employee": "职工医保"},
    "needs_maintenance_treatment": {"true": "是", "": "否"},
    "hospital_level": {"1": "一级", "2": "二级", "3": "三级"},
}
NUMBER_COLUMNS = ("hospital_level", "disability_grade")
MONEY = (
    "policy_scope_cost",
    "basic_insurance_paid",
    "critical_illness_paid",
    "supplementary_paid",
    "paid_assistance",
)


def _zh_header(kb: Any, col: str) -> str:
    return next(zh for zh, cid in kb.column_names.items() if cid == col)


def _zh_value(kb: Any, col: str, v: str) -> str:
    if col == "region":
        return kb.region_name(v)
    if col == "category":
        return str(kb.categories[v])
    return ZH_VALUES.get(col, {}).get(v, v)


@pytest.fixture(scope="module")
def year_forms(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, Path]]:
    """One generated year as UTF-8 CSV, GB18030 CSV (Chinese headers and values) and xlsx."""
    import datetime as dt

    import xlsxwriter

    from reasoner.api import get_kb

    kb = get_kb()
    root = tmp_path_factory.mktemp("forms")
    data = gen.generate(30, 120, 3)
    forms = {"utf8": dict(gen.write(data, root / "utf8", "csv"))}
    gb = root / "gb"
    gb.mkdir()
    forms["gb18030"] = {"params": forms["utf8"]["params"]}
    for name, cols in data.items():
        p = gb / f"{name}.csv"
        with p.open("w", encoding="gb18030", newline="") as fh:
            w = csv.writer(fh)
            w.writerow([_zh_header(kb, c) for c in cols])
            for row in zip(*cols.values(), strict=True):
                w.writerow([_zh_value(kb, c, v) for c, v in zip(cols, row, strict=True)])
        forms["gb18030"][name] = p
    xl = root / "xlsx"
    xl.mkdir()
    forms["xlsx"] = {"params": forms["utf8"]["params"]}
    for name, cols in data.items():
        p = xl / f"{name}.xlsx"
        wb = xlsxwriter.Workbook(str(p))
        ws = wb.add_worksheet("导出")
        datefmt = wb.add_format({"num_format": "yyyy-mm-dd"})
        for k, c in enumerate(cols):
            ws.write_string(0, k, _zh_header(kb, c))
        for r, row in enumerate(zip(*cols.values(), strict=True), start=1):
            for k, (c, v) in enumerate(zip(cols, row, strict=True)):
                if v == "" and c != "needs_maintenance_treatment":
                    continue
                if c in MONEY or c in NUMBER_COLUMNS:  # Excel numbers
                    ws.write_number(r, k, float(v))
                elif c in ("birth_date", "since", "until", "date", "discharge"):
                    ws.write_datetime(r, k, dt.datetime.fromisoformat(v), datefmt)
                else:
                    ws.write_string(r, k, _zh_value(kb, c, v))
        wb.close()
        forms["xlsx"][name] = p
    return forms


_AUDITED: dict[tuple[Path, ...], Any] = {}


def _audit_rows(paths: dict[str, Path]) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    key = tuple(paths[k] for k in ("persons", "identities", "claims", "params"))
    if key not in _AUDITED:  # files of a module fixture do not change: audit each set once
        _AUDITED[key] = _audit_rows_uncached(paths)
    return cast(Any, _AUDITED[key])


def _audit_rows_uncached(
    paths: dict[str, Path],
) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    from reasoner.api import get_kb
    from reasoner.audit import audit_files
    from reasoner.engine import engine

    result, auditor, _ = audit_files(
        get_kb(),
        engine(),
        paths["persons"],
        paths["identities"],
        paths["claims"],
        paths["params"],
    )
    auditor.close()
    errors = [(e["row"], e["column"], e["reason"]) for e in result.errors.to_pylist()]
    return result.results.to_pylist(), errors


def test_the_same_year_as_utf8_gb18030_with_chinese_headers_and_xlsx_audits_identically(
    year_forms: dict[str, dict[str, Path]],
) -> None:
    rows, errors = _audit_rows(year_forms["utf8"])
    assert len(rows) > 300 and any(r["status"] == "paid" for r in rows)
    assert _audit_rows(year_forms["gb18030"]) == (rows, errors)
    assert _audit_rows(year_forms["xlsx"]) == (rows, errors)


def test_gb18030_is_detected_and_utf8_with_bom_read(
    year_forms: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    from reasoner.audit_io import _encoding

    gb = year_forms["gb18030"]["claims"]
    assert _encoding(gb, None) == "gb18030"
    assert gb.read_bytes().decode("gb18030").startswith("结算编号")
    bom = tmp_path / "claims.csv"
    bom.write_bytes(b"\xef\xbb\xbf" + year_forms["utf8"]["claims"].read_bytes())
    rows, errors = _audit_rows({**year_forms["utf8"], "claims": bom})
    assert (rows, errors) == _audit_rows(year_forms["utf8"])


def test_undecodable_bytes_are_a_row_error_naming_the_row(
    year_forms: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    src = year_forms["gb18030"]["claims"].read_bytes().split(b"\r\n")
    # data row 4 (file line 5): its disease text gets a byte GB18030 cannot decode
    src[4] = src[4].replace(b",", b",\xff", 1)
    bad = tmp_path / "claims.csv"
    bad.write_bytes(b"\r\n".join(src))
    from reasoner.api import get_kb
    from reasoner.audit import audit_files
    from reasoner.engine import engine

    p = year_forms["gb18030"]
    result, auditor, _ = audit_files(
        get_kb(), engine(), p["persons"], p["identities"], bad, p["params"]
    )
    auditor.close()
    errs = [e for e in result.errors.to_pylist() if e["source"] == "claims.csv"]
    assert errs[0]["row"] == 4
    assert errs[0]["column"] == "person_id"
    assert errs[0]["reason"].startswith("含无法按 gb18030 解码的字节")
    st = result.stats
    assert st.claims_in == 120 == st.claims_evaluated + st.claims_rejected
    evaluated = {r["claim_id"] for r in result.results.to_pylist()}
    assert len({c for c in evaluated if not c.startswith("premium:")}) == st.claims_evaluated


def test_xlsx_sheet_option_and_unknown_sheet(
    year_forms: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    p = year_forms["xlsx"]
    r = audit(p, "--out", str(tmp_path / "r.csv"), "--sheet", "结果")
    assert r.exit_code == 1
    assert "Error: --sheet: persons.xlsx 中没有工作表 '结果'；有：导出" in r.output
    r = audit(p, "--out", str(tmp_path / "r.csv"), "--sheet", "导出")
    assert r.exit_code == 0, r.output


def test_utf8_with_a_bad_byte_stays_utf8_and_names_the_row(tmp_path: Path) -> None:
    paths = _tiny(tmp_path / "in")
    head = "claim_id,person_id,type,date,hospital_level,scope,referral,disease,policy_scope_cost\n"
    rows = [
        "c1,p1,inpatient,2025-03-01,2,in_city,referred,肺炎,10000\n".encode(),
        b"c2,p1,inpatient,2025-04-01,2,in_city,referred,\xe8\x82\xba\xff,10000\n",
        "c3,p1,inpatient,2025-05-01,2,in_city,referred,肺癌,10000\n".encode(),
    ]
    paths["claims"].write_bytes(head.encode() + b"".join(rows))
    r = audit(paths, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 0, r.output
    errs = [e for e in read_csv(tmp_path / "r.errors.csv") if e["source"] == "claims.csv"]
    assert [(e["row"], e["column"]) for e in errs] == [("2", "disease")]
    assert errs[0]["reason"].startswith("含无法按 utf-8 解码的字节")
    claims = {row["claim_id"] for row in read_csv(tmp_path / "r.csv")}
    assert {"c1", "c3"} <= claims and "c2" not in claims


def test_encoding_option_names_the_codec(
    year_forms: dict[str, dict[str, Path]], tmp_path: Path
) -> None:
    p = year_forms["gb18030"]
    r = audit(p, "--out", str(tmp_path / "r.csv"), "--encoding", "gbk")
    assert r.exit_code == 0, r.output
    assert len(read_csv(tmp_path / "r.csv")) == len(_audit_rows(p)[0])
    r = audit(p, "--out", str(tmp_path / "r2.csv"), "--encoding", "klingon")
    assert r.exit_code == 1
    assert "Error: --encoding: 未知编码 'klingon'" in r.output


@pytest.mark.parametrize(
    ("text", "message"),
    [
        # The last of two equal keys silently winning would change every amount of the region.
        (
            "cangzhou:\n  per_capita_disposable_income: 27000\n"
            "  per_capita_disposable_income: 30000\n",
            "键重复",
        ),
        (
            "a: &a [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]\n"
            + "".join(
                f"{k}: &{k} [{', '.join(['*' + p] * 10)}]\n"
                for p, k in zip("abcdefgh", "bcdefghi", strict=True)
            ),
            "展开",
        ),
    ],
    ids=["duplicate-key", "alias-bomb"],
)
def test_parameters_file_loads_with_the_case_file_limits(
    small: dict[str, Path], tmp_path: Path, text: str, message: str
) -> None:
    params = tmp_path / "params.yaml"
    params.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    r = audit({**small, "params": params}, "--out", str(out / "r.csv"))
    assert r.exit_code == 1
    assert r.output.startswith("Error: --parameters:"), r.output
    assert message in r.output
    assert not out.exists()


def test_a_category_the_region_does_not_name_is_a_row_error(tmp_path: Path) -> None:
    # 困境儿童 is a 江苏 category (四（六）); 沧政办规〔2022〕7号 names no such group, so eval
    # refuses it and the audit must reject the row rather than call every program not_eligible.
    paths = _tiny(tmp_path)
    (tmp_path / "identities.csv").write_text(
        "person_id,category,since,until\np1,困境儿童,2022-01-01,2022-12-31\n", encoding="utf-8"
    )
    r = audit(paths, "--out", str(tmp_path / "r.csv"))
    assert r.exit_code == 0, r.output
    errors = read_csv(tmp_path / "r.errors.csv")
    assert [(e["source"], e["row"], e["column"]) for e in errors] == [
        ("identities.csv", "1", "category"),
        ("claims.csv", "1", "person_id"),
    ]
    assert errors[0]["reason"].startswith(
        "沧州市（沧政办规〔2022〕7号）不认定救助对象类别 distressed_child（困境儿童）；可用：dibao（低保对象）"
    )
    assert read_csv(tmp_path / "r.csv") == []
