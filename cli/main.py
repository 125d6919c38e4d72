"""medaid: one click group; errors print `Error: …` on stderr, never a traceback.

Exit codes: 0 success; 1 invalid input (`Error: field: reason`), a missing parameter,
a failed lint or `--fail-on` finding, an internal error (`Error: internal: …`; the
traceback only with MEDAID_DEBUG=1); 2 usage error (click), including an id option
that is not plain text (control characters, over 100 characters).
"""

from __future__ import annotations

import errno
import functools
import json
import os
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import click

from reasoner import __version__
from reasoner.errors import MedaidError
from reasoner.loader import bad_character

if TYPE_CHECKING:
    # rich only for output that is printed as a table (JSON output never needs it)
    from rich.console import Console

MAX_ID = 100


def console() -> Console:
    # Off a terminal (pipes, CI logs) rich would assume 80 columns and cut the Chinese table.
    from rich.console import Console

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
            fail(e)

    return wrapper


def fail(e: MedaidError) -> None:
    click.echo(f"Error: {e}", err=True)
    sys.exit(1)


class IdText(click.ParamType):
    """An id given on the command line: printable text of at most MAX_ID characters."""

    name = "text"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        text = str(value)
        bad = bad_character(text)
        if bad is not None:
            self.fail(f"含控制字符 {bad}", param, ctx)
        if len(text) > MAX_ID:
            self.fail(f"过长（{len(text)} 个字符，上限 {MAX_ID}）", param, ctx)
        return text


ID_TEXT = IdText()


class MedaidGroup(click.Group):
    """The top-level group: whatever a command raises ends as one `Error:` line."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except MedaidError as e:
            fail(e)
        except Exception as e:
            # click itself ends a broken pipe (`| head`) quietly with exit 1.
            if os.environ.get("MEDAID_DEBUG") == "1" or (
                isinstance(e, OSError) and e.errno == errno.EPIPE
            ):
                raise
            first = (str(e).splitlines() or [""])[0][:300]
            shown = repr(first)[1:-1] if bad_character(first) else first
            click.echo(
                f"Error: internal: {type(e).__name__}: {shown}（设 MEDAID_DEBUG=1 可查看调用栈）",
                err=True,
            )
            sys.exit(1)


@click.group(
    cls=MedaidGroup,
    context_settings={
        "help_option_names": ["-h", "--help"],
        "max_content_width": 120,
        "terminal_width": 120,
    },
)
@click.version_option(__version__, prog_name="medaid")
def main() -> None:
    """medaid — 重特大疾病医疗保险和救助 policy reasoner with clause-level explanations."""


from . import audit, commands, serve, simulate, warnings  # noqa: E402,F401  (register the commands)
