"""`cjm diff`: what changed in a journey between two versions, for a review."""

from __future__ import annotations

import sys

import typer
from typer.core import TyperCommand

from cjm.cli.app import app
from cjm.i18n import N_
from cjm.i18n import gettext as _

SEPARATOR_KEY = "cjm_diff_after_separator"
FORMAT_HELP = _("text (default), json, markdown (a pull-request comment or job summary), github.")
# The examples of the help, each command as typed and what it compares in the interface language.
EXAMPLES = (
    ("cjm diff OLD.yaml NEW.yaml", N_("two map files")),
    ("cjm diff main", N_("the project's maps: branch main against the working tree")),
    ("cjm diff main journey.yaml", N_("one map")),
    ("cjm diff v1 v2 [MAP...]", N_("two revisions")),
    ("cjm diff main -- gone.yaml", N_("after --, map files (here one deleted from the working tree)")),
)


def diff_help() -> str:
    """The long help: what the diff shows, the examples (kept as laid out: \\b), the rules."""
    examples = "\n".join(f"  {command:<32}{_(words)}" for command, words in EXAMPLES)
    shows = _(
        "Show what changed in a journey between two versions: elements added, removed, changed "
        "and moved, coverage, findings new and fixed, how each persona's curve moved."
    )
    rules = _(
        "Without --, leading arguments that name git commits are revisions and the rest files; "
        "an argument that is both is refused: put revisions before -- and files after it. "
        "Exit 0 for any diff, 1 with --fail-on-regression when there is a regression, 2 when "
        "an input is bad."
    )
    return f"{shows}\n\n\b\n{examples}\n\n{rules}"


class DiffCommand(TyperCommand):
    """Remembers how many arguments follow `--`, which Click swallows: before it revisions,
    after it map files, as in git."""

    def parse_args(self, ctx: typer.Context, args: list[str]) -> list[str]:
        if "--" in args:
            ctx.meta[SEPARATOR_KEY] = len(args) - args.index("--") - 1
        return super().parse_args(ctx, args)


@app.command(
    cls=DiffCommand, short_help=_("Show what changed in a journey between two versions."), help=diff_help()
)
def diff(
    ctx: typer.Context,
    arguments: list[str] = typer.Argument(
        None,
        metavar="ARGS",
        show_default=False,
        help=_("OLD NEW (two map files), or REV [REV2] [--] [MAP...]: revisions, then maps."),
    ),
    output_format: str = typer.Option("text", "--format", "-f", help=FORMAT_HELP, metavar="FORMAT"),
    fail_on_regression: bool = typer.Option(
        False, "--fail-on-regression", help=_("Exit 1 when coverage fell or a failing finding is new.")
    ),
) -> None:
    from cjm.cli.check_command import terminal_style
    from cjm.diff import render_diff
    from cjm.diff.arguments import read_arguments
    from cjm.diff.run import plan, run
    from cjm.errors import UserError
    from cjm.vocabulary import DIFF_FORMATS

    if output_format not in DIFF_FORMATS:
        raise UserError(
            _("unknown format '{format}': use one of {formats}").format(
                format=output_format, formats=", ".join(DIFF_FORMATS)
            )
        )

    request = read_arguments(list(arguments or ()), ctx.meta.get(SEPARATOR_KEY))
    diffs = run(plan(request))
    sys.stdout.write(render_diff(diffs, output_format, terminal_style(output_format, failed=False)))
    regression = any(found.regression for found in diffs)
    raise typer.Exit(1 if fail_on_regression and regression else 0)
