"""The Typer application that every command module adds its command to."""

from __future__ import annotations

import os
import sys

import typer

from cjm import __version__
from cjm.i18n import DEFAULT_LANGUAGE, LANGUAGE_OPTION, choose_language, current_language, use_language
from cjm.i18n import gettext as _

# Before any command is declared: their help texts are translated as they are written.
use_language(choose_language(sys.argv[1:], os.environ))
if current_language() != DEFAULT_LANGUAGE:
    from cjm.cli import click_words

    click_words.speak()  # Typer's own words too: "Usage:", "Options", its usage errors

app = typer.Typer(
    name="cjm",
    help=_("Customer journey maps as code: author them in YAML, check them in CI, render them for clients."),
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Interrupted(BaseException):
    """Ctrl-C. A BaseException of our own, so that no library turns it into exit code 1."""

    EXIT_CODE = 130

    @staticmethod
    def say() -> None:
        """What the terminal shows after Ctrl-C, on a line of its own."""
        sys.stderr.write("\n" + _("Interrupted.") + "\n")


def _print_version(value: bool) -> None:
    if value:
        sys.stdout.write(f"cjm {__version__}\n")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", "-V", callback=_print_version, is_eager=True, help=_("Show the version and exit.")
    ),
    language: str = typer.Option(
        "",
        LANGUAGE_OPTION,
        metavar="LANG",
        show_default=False,
        help=_(
            "The language cjm speaks: en, es or pl (default: CJM_LANG, then LANGUAGE, LC_ALL, "
            "LC_MESSAGES, LANG). The output of `cjm render` follows each map's language."
        ),
    ),
) -> None:
    """Customer journey maps as code: author them in YAML, check them in CI, render them for clients."""
    # `--lang` took effect when this module was imported (see above); declared here for --help
    # and so that Click accepts it.
