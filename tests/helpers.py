"""Shared helpers for the test suite."""

from __future__ import annotations

import copy
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "cangzhou" / "dibao_edge_inpatient.yaml"


def example() -> dict[str, Any]:
    return copy.deepcopy(yaml.safe_load(EXAMPLE.read_text(encoding="utf-8")))


def write_case(tmp_path: Path, data: dict[str, Any], name: str = "case.yaml") -> Path:
    p = tmp_path / name
    p.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return p


def bench_gen() -> Any:
    """bench/gen.py, the claim-file generator, loaded once as a module."""
    name = "medaid_bench_gen"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / "bench" / "gen.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    sys.modules[name] = mod
    spec.loader.exec_module(mod)
    return mod


def probe_in_kb(kb: Path, cache: Path, call: str) -> dict[str, Any]:
    """Run `call` (Python, printing JSON last) in a fresh process reading the kb folder `kb`:
    a modified kb must not meet the session's loaded one or its cache."""
    env = {**os.environ, "MEDAID_KB": str(kb), "MEDAID_CACHE_DIR": str(cache)}
    run = subprocess.run(
        [sys.executable, "-c", call],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    out: dict[str, Any] = json.loads(run.stdout.strip().splitlines()[-1])
    return out
