"""The medaid commands."""

from __future__ import annotations

from pathlib import Path

import click

from reasoner.render import print_result, result_json

from .main import console, emit_json, format_option, handle_errors, main

case_argument = click.argument("case", type=click.Path(dir_okay=False, path_type=Path))


@main.command("eval")
@case_argument
@format_option("text", "json")
@handle_errors
def eval_cmd(case: Path, fmt: str) -> None:
    """Evaluate a case file: every program, status and amount, with citations."""
    from reasoner.api import evaluate_file, get_kb

    result = evaluate_file(case)
    if fmt == "json":
        emit_json(result_json(get_kb(), result))
    else:
        print_result(get_kb(), result, console())
