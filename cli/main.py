"""medaid: one click group; errors print `Error: …` on stderr.

Exit codes: 0 success; 1 invalid input, a missing parameter, a failed lint or
`--fail-on` finding; 2 usage error (click).
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from typing import Any

import click
from rich.console import Console

from reasoner import __version__
from reasoner.errors import MedaidError


def console() -> Console:
    # Off a terminal (pipes, CI logs) rich would assume 80 columns and cut the Chinese table.
    width = None if sys.stdout.isatty() else 200
    return Console(highlight=False, width=width)


def emit_json(data: Any) -> None:
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def format_option(*choices: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    return click.option(
        "--format",
        "fmt",
        type=click.Choice(choices or ("text", "json")),
        default=(choices or ("text",))[0],
        show_default=True,
        help="Output format.",
    )


def handle_errors(f: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(f)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return f(*args, **kwargs)
        except MedaidError as e:
            click.echo(f"Error: {e}", err=True)
            sys.exit(1)

    return wrapper


@click.group(
    context_settings={
        "help_option_names": ["-h", "--help"],
        "max_content_width": 120,
        "terminal_width": 120,
    }
)
@click.version_option(__version__, prog_name="medaid")
def main() -> None:
    """medaid — 重特大疾病医疗保险和救助 policy reasoner with clause-level explanations."""


from . import audit, commands  # noqa: E402,F401  (registers the commands on `main`)
