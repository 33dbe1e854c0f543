"""`cjm check`: load maps, run the coverage rules, report in the format CI needs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app
from cjm.i18n import N_
from cjm.i18n import gettext as _

if TYPE_CHECKING:
    from cjm.check.run import MapResult
    from cjm.reports import Report, Style

FORMAT_HELP = N_("text, json, github, sarif, junit, or auto (github under GitHub Actions, else text).")


@app.command(
    short_help=_("Check that every stage and persona has what a usable map needs."),
    help=_("Check that every stage and persona has what a usable map needs."),
)
def check(
    targets: list[Path] = typer.Argument(
        None,
        help=_("Map files or project folders (default: the current folder)."),
        show_default=False,
        metavar="MAP|DIR",
    ),
    output_format: str = typer.Option("auto", "--format", "-f", help=_(FORMAT_HELP), metavar="FORMAT"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help=_("Write the report to this file."), metavar="FILE"
    ),
    strict: bool | None = typer.Option(
        None, "--strict/--no-strict", help=_("Warnings fail the check too."), show_default=False
    ),
    min_coverage: float | None = typer.Option(
        None,
        "--min-coverage",
        min=0,
        max=100,
        metavar="N",
        help=_("Fail when a map's coverage (percent) is lower."),
    ),
    select: list[str] = typer.Option(
        [],
        "--select",
        metavar="CODES",
        help=_("Run only these rules (codes or names, comma-separated or repeated)."),
    ),
    ignore: list[str] = typer.Option(
        [], "--ignore", metavar="CODES", help=_("Do not run these rules (codes or names).")
    ),
    changed: bool = typer.Option(
        False,
        "--changed",
        help=_(
            "The arguments are changed files (as pre-commit passes them): check the maps among "
            "them, and every map of a project whose cjm.yaml is among them; skip the other files."
        ),
    ),
) -> None:
    """Load the maps, run the rules, print or write the report; the exit code says whether it passed."""
    from cjm.check.config import CheckOptions, parse_codes
    from cjm.check.run import check_targets, exit_code
    from cjm.errors import UserError
    from cjm.reports import Report, pick_format
    from cjm.vocabulary import CHECK_FORMATS

    if output_format not in (*CHECK_FORMATS, "auto"):
        choices = ", ".join((*CHECK_FORMATS, "auto"))
        raise UserError(
            _("unknown format '{format}': use one of {formats}").format(format=output_format, formats=choices)
        )
    if min_coverage is not None and min_coverage != min_coverage:  # nan passes click's range
        raise UserError(_("--min-coverage: give a number from 0 to 100"))
    options = CheckOptions(
        strict, min_coverage, parse_codes(select, "--select"), parse_codes(ignore, "--ignore")
    )
    report = Report(check_targets(chosen_targets(targets, changed), options))
    if output is not None:
        refuse_writing_over_an_input(output, report.results)
    code = exit_code(report.results)
    print_load_problems(report.results)
    emit(report, pick_format(output_format), output, failed=code != 0)
    raise typer.Exit(code)


def chosen_targets(targets: list[Path] | None, changed: bool) -> list[Path]:
    """What to check: the targets (default: the current folder), or the maps among changed files."""
    if not changed:
        return targets or [Path(".")]
    from cjm.load.changed import changed_targets

    return changed_targets(targets or [])


def refuse_writing_over_an_input(output: Path, results: list[MapResult]) -> None:
    """A report written over a map or a cjm.yaml it read would lose what the user wrote."""
    from cjm.errors import UserError
    from cjm.load.files import same_file

    clash = same_file(output, [source for result in results for source in result.sources])
    if clash is None:
        return
    if str(clash) == str(output):
        message = _("{output}: the check reads this file; give the report another name (nothing was written)")
    else:
        message = _(
            "{output}: the check reads this file (as {clash}); "
            "give the report another name (nothing was written)"
        )
    raise UserError(message.format(output=output, clash=clash))


def print_load_problems(results: list[MapResult]) -> None:
    """Bad input always reaches stderr as FILE:LINE:COLUMN: message, whatever the format."""
    from cjm.reports.escape import visible
    from cjm.vocabulary import LOAD_CODES

    for result in results:
        for finding in result.findings:
            if finding.rule in LOAD_CODES:
                sys.stderr.write(visible(f"{finding.position}: {finding.message}") + "\n")


def emit(report: Report, output_format: str, output: Path | None, failed: bool) -> None:
    """Print the report, or write it to a file in one atomic step."""
    from cjm.reports import Style, for_encoding, render_report

    style = Style(failed) if output is not None else terminal_style(output_format, failed)
    rendered = render_report(report, output_format, style)
    if output is None:
        sys.stdout.write(for_encoding(rendered, output_format, sys.stdout.encoding))
        return
    from cjm.write import write_atomic

    write_atomic(output, rendered)


def terminal_style(output_format: str, failed: bool) -> Style:
    """Colour for people on a terminal, never with NO_COLOR (no-color.org: no styles at all)."""
    import os
    import shutil

    from cjm.reports import Style

    width = shutil.get_terminal_size((80, 24)).columns
    if output_format != "text" or os.environ.get("NO_COLOR"):
        return Style(failed, None, width)
    from rich.console import Console

    return Style(failed, Console().color_system, width)
