"""The `cjm` command line: the only code that prints and exits.

Each command lives in a module of its own and imports what it needs inside its body,
so `cjm --help` loads Typer and Rich and nothing heavier.
"""

from __future__ import annotations

import signal
import sys

import typer

from cjm import __version__
from cjm.errors import UserError

app = typer.Typer(
    name="cjm",
    help="Customer journey maps as code: author them in YAML, check them in CI, render them for clients.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cjm {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_print_version, is_eager=True, help="Show the version and exit."
    ),
) -> None:
    """Customer journey maps as code: author them in YAML, check them in CI, render them for clients."""


def report_error(error: UserError) -> None:
    """Print a user error to stderr in plain words, one problem a line."""
    text = str(error)
    plain = error.problems or "\n" in text or text.startswith("cjm")
    sys.stderr.write(f"{text}\n" if plain else f"cjm: {text}\n")


class Interrupted(BaseException):
    """Ctrl-C. A BaseException of our own, so that no library turns it into exit code 1."""


def _interrupt(signum: int, frame: object) -> None:
    raise Interrupted


def main() -> None:
    """Entry point of the `cjm` command: maps every outcome to an exit code."""
    signal.signal(signal.SIGINT, _interrupt)
    try:
        app(prog_name="cjm")
    except Interrupted:
        sys.stderr.write("\nInterrupted.\n")
        sys.exit(130)
    except UserError as error:
        report_error(error)
        sys.exit(error.exit_code)
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (cjm ... | head): nothing left to say
        sys.exit(0)


# Importing a command module registers its command; the order is the order of `cjm --help`.
from cjm.cli import init, add, check, rules, render, templates, schema  # noqa: E402, I001

__all__ = ["add", "app", "check", "init", "main", "render", "rules", "schema", "templates"]
