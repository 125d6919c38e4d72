"""The file side of `medaid audit`: inputs, outputs and the decision-table cache."""

from __future__ import annotations

import csv
import importlib.util
import sys
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from reasoner.cli.main import main

ROOT = Path(__file__).resolve().parent.parent


def _gen() -> Any:
    spec = importlib.util.spec_from_file_location("medaid_bench_gen_io", ROOT / "bench" / "gen.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod
    spec.loader.exec_module(mod)
    return mod


gen = _gen()


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """`bench/gen.py --persons 5 --claims 20 --seed 1` as CSV."""
    out = tmp_path_factory.mktemp("small")
    return dict(gen.write(gen.generate(5, 20, 1), out, "csv"))


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
