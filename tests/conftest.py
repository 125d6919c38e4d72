"""pytest plugin: every tests/cases/**/*.yaml file is a test of `medaid eval`.

A file gives a case and the outcome computed by hand (`expect`), or the input
error it must raise (`error`). Only the keys present under `expect` are compared.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from reasoner.errors import MedaidError

CASES = Path(__file__).parent / "cases"


def pytest_configure(config: pytest.Config) -> None:
    # Property tests draw the same examples on every machine: CI is not a lottery, and a
    # counterexample found once is found again (no example database in a fresh clone).
    from hypothesis import settings

    settings.register_profile("medaid", derandomize=True, database=None)
    settings.load_profile("medaid")

    # Tests never read or write the user's cache: one fresh folder per run.
    import os
    import tempfile

    os.environ["MEDAID_CACHE_DIR"] = tempfile.mkdtemp(prefix="medaid-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    import os
    import shutil

    folder = os.environ.pop("MEDAID_CACHE_DIR", None)
    if folder:
        shutil.rmtree(folder, ignore_errors=True)


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> pytest.Collector | None:
    if file_path.suffix == ".yaml" and CASES in file_path.parents:
        return YamlCaseFile.from_parent(parent, path=file_path)
    return None


class YamlCaseFile(pytest.File):
    def collect(self) -> Any:
        data = yaml.safe_load(self.path.read_text(encoding="utf-8"))
        yield YamlCase.from_parent(self, name=self.path.stem, spec=data)


class CaseMismatch(AssertionError):
    pass


class YamlCase(pytest.Item):
    def __init__(self, *, spec: dict[str, Any], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.spec = spec

    def runtest(self) -> None:
        from reasoner.api import evaluate_data, get_kb
        from reasoner.render import result_json

        spec = self.spec
        if "error" in spec:
            want = spec["error"]
            try:
                evaluate_data(spec["case"])
            except MedaidError as e:
                if "field" in want and e.field != want["field"]:
                    raise CaseMismatch(
                        f"error field {e.field!r}, expected {want['field']!r} ({e})"
                    ) from None
                if "contains" in want and want["contains"] not in str(e):
                    raise CaseMismatch(f"error {str(e)!r} lacks {want['contains']!r}") from None
                return
            raise CaseMismatch(f"expected an input error {want}, got a result")
        out = result_json(get_kb(), evaluate_data(spec["case"]))
        problems = compare(spec.get("expect", {}), out)
        if problems:
            raise CaseMismatch("\n".join(problems))

    def repr_failure(self, excinfo: Any, style: Any = None) -> str:
        if isinstance(excinfo.value, CaseMismatch | MedaidError):
            return f"{self.path}:\n{type(excinfo.value).__name__}: {excinfo.value}"
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int, str]:
        return self.path, 0, f"case: {self.spec.get('description', self.name)}"


def _norm(v: Any) -> Any:
    if isinstance(v, int | float) and not isinstance(v, bool):
        return f"{v:.2f}"
    return v


def _benefit_fields(want: dict[str, Any], got: dict[str, Any] | None, where: str) -> list[str]:
    if got is None:
        return [f"{where}: program missing from output"]
    out = []
    for k, v in want.items():
        g = got.get(k)
        if k in ("amount", "amount_min", "amount_max"):
            v = _norm(v) if v is not None else None
        if g != v:
            out.append(f"{where}.{k}: got {g!r}, expected {v!r}")
    return out


def compare(expect: dict[str, Any], out: dict[str, Any]) -> list[str]:
    problems: list[str] = []
    claims = {c["id"]: c for c in out["claims"]}
    for cid, progs in (expect.get("claims") or {}).items():
        c = claims.get(str(cid))
        if c is None:
            problems.append(f"claim {cid}: missing from output")
            continue
        benefits = {b["program"]: b for b in c["benefits"]}
        for prog, want in (progs or {}).items():
            problems += _benefit_fields(want, benefits.get(prog), f"claims.{cid}.{prog}")
    if "premium_subsidy" in expect:
        prem = out.get("premium_subsidy")
        problems += _benefit_fields(expect["premium_subsidy"], prem, "premium_subsidy")
    for year, want in (expect.get("premium_subsidies") or {}).items():
        problems += _benefit_fields(
            want, out["premium_subsidies"].get(str(year)), f"premium_subsidies.{year}"
        )
    for k, v in (expect.get("totals") or {}).items():
        g = out["totals"].get(k)
        if g != _norm(v):
            problems.append(f"totals.{k}: got {g!r}, expected {_norm(v)!r}")
    if "warnings" in expect:
        got = sorted((w["id"], w["year"]) for w in out["warnings"])
        want = sorted((w["id"], w["year"]) for w in expect["warnings"])
        if got != want:
            problems.append(f"warnings: got {got}, expected {want}")
    return problems
