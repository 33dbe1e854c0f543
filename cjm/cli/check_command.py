"""`cjm check`: load maps, run the coverage rules, report in the format CI needs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app

if TYPE_CHECKING:
    from cjm.check.run import MapResult
    from cjm.reports import Report, Style

FORMAT_HELP = "text, json, github, sarif, junit, or auto (github under GitHub Actions, else text)."


@app.command(short_help="Check that every stage and persona has what a usable map needs.")
def check(
    targets: list[Path] = typer.Argument(
        None,
        help="Map files or project folders (default: the current folder).",
        show_default=False,
        metavar="MAP|DIR",
    ),
    output_format: str = typer.Option("auto", "--format", "-f", help=FORMAT_HELP, metavar="FORMAT"),
    output: Path | None = typer.Option(
        None, "--output", "-o", help="Write the report to this file.", metavar="FILE"
    ),
    strict: bool | None = typer.Option(
        None, "--strict/--no-strict", help="Warnings fail the check too.", show_default=False
    ),
    min_coverage: float | None = typer.Option(
        None,
        "--min-coverage",
        min=0,
        max=100,
        metavar="N",
        help="Fail when a map's coverage (percent) is lower.",
    ),
    select: list[str] = typer.Option(
        [],
        "--select",
        metavar="CODES",
        help="Run only these rules (codes or names, comma-separated or repeated).",
    ),
    ignore: list[str] = typer.Option(
        [], "--ignore", metavar="CODES", help="Do not run these rules (codes or names)."
    ),
) -> None:
    """Check that every stage and persona has what a usable map needs."""
    from cjm.check.config import CheckOptions, parse_codes
    from cjm.check.run import check_targets, exit_code
    from cjm.errors import UserError
    from cjm.reports import Report, pick_format
    from cjm.vocabulary import CHECK_FORMATS

    if output_format not in (*CHECK_FORMATS, "auto"):
        choices = ", ".join((*CHECK_FORMATS, "auto"))
        raise UserError(f"unknown format '{output_format}': use one of {choices}")
    if min_coverage is not None and min_coverage != min_coverage:  # nan passes click's range
        raise UserError("--min-coverage: give a number from 0 to 100")
    options = CheckOptions(
        strict, min_coverage, parse_codes(select, "--select"), parse_codes(ignore, "--ignore")
    )
    report = Report(check_targets(targets or [Path(".")], options))
    if output is not None:
        refuse_writing_over_an_input(output, report.results)
    code = exit_code(report.results)
    print_load_problems(report.results)
    emit(report, pick_format(output_format), output, failed=code != 0)
    raise typer.Exit(code)


def refuse_writing_over_an_input(output: Path, results: list[MapResult]) -> None:
    """A report written over a map or a cjm.yaml it read would lose what the user wrote."""
    from cjm.errors import UserError
    from cjm.load.files import same_file

    clash = same_file(output, [source for result in results for source in result.sources])
    if clash is None:
        return
    which = "this file" if str(clash) == str(output) else f"this file (as {clash})"
    raise UserError(f"{output}: the check reads {which}; give the report another name (nothing was written)")


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
