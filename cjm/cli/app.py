"""The Typer application that every command module adds its command to."""

from __future__ import annotations

import sys

import typer

from cjm import __version__

app = typer.Typer(
    name="cjm",
    help="Customer journey maps as code: author them in YAML, check them in CI, render them for clients.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Interrupted(BaseException):
    """Ctrl-C. A BaseException of our own, so that no library turns it into exit code 1."""


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
