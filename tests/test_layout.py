"""Modules that show the design: no module over 700 lines, no class over 350, no function over 80."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.helpers import ROOT

MODULE_LINES = 700
CLASS_LINES = 350
FUNCTION_LINES = 80
PACKAGES = ("reasoner", "cli", "web")

# Files over a limit today, each with who is splitting it; nothing else may be.
EXEMPT: dict[str, str] = {}


def offenders(path: Path, rel: str) -> list[str]:
    """Every limit the file breaks, as 'file: what (lines)'."""
    text = path.read_text(encoding="utf-8")
    out = []
    n = len(text.splitlines())
    if n > MODULE_LINES:
        out.append(f"{rel}: module ({n} lines > {MODULE_LINES})")

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
                name = prefix + child.name
                length = (child.end_lineno or child.lineno) - child.lineno + 1
                limit = CLASS_LINES if isinstance(child, ast.ClassDef) else FUNCTION_LINES
                if length > limit:
                    kind = "class" if isinstance(child, ast.ClassDef) else "function"
                    out.append(f"{rel}: {kind} {name} ({length} lines > {limit})")
                visit(child, name + ".")
            else:
                visit(child, prefix)

    visit(ast.parse(text), "")
    return out


def sources() -> list[tuple[Path, str]]:
    return [
        (p, p.relative_to(ROOT).as_posix())
        for pkg in PACKAGES
        for p in sorted((ROOT / pkg).rglob("*.py"))
    ]


def test_no_module_class_or_function_over_its_limit() -> None:
    found = [o for p, rel in sources() if rel not in EXEMPT for o in offenders(p, rel)]
    assert found == []


def test_every_exemption_is_still_needed() -> None:
    """An exempt file that meets the limits leaves the list (so the list only shrinks)."""
    files = dict((rel, p) for p, rel in sources())
    stale = [rel for rel in EXEMPT if rel not in files or not offenders(files[rel], rel)]
    assert stale == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = 1\n" * (MODULE_LINES + 1), ["m.py: module (701 lines > 700)"]),
        (
            "class A:\n" + "    x = 1\n" * CLASS_LINES,
            ["m.py: class A (351 lines > 350)"],
        ),
        (
            "class A:\n    def f(self):\n" + "        x = 1\n" * FUNCTION_LINES,
            ["m.py: function A.f (81 lines > 80)"],
        ),
        ("def f():\n" + "    x = 1\n" * (FUNCTION_LINES - 1), []),
    ],
)
def test_the_measure_counts_lines_as_written(
    tmp_path: Path, source: str, expected: list[str]
) -> None:
    path = tmp_path / "m.py"
    path.write_text(source, encoding="utf-8")
    assert offenders(path, "m.py") == expected
