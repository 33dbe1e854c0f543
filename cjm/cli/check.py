"""`cjm check`: load maps, run the coverage rules, report in the format CI needs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cjm.cli import app

if TYPE_CHECKING:
    from cjm.check_config import CheckOptions
    from cjm.checker import CheckConfig, MapResult
    from cjm.reports import Report

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
    from cjm.check_config import CheckOptions, parse_codes
    from cjm.errors import UserError
    from cjm.reports import FORMATS, Report, pick_format

    if output_format not in FORMATS:
        raise UserError(f"unknown format '{output_format}': use one of {', '.join(FORMATS)}")
    options = CheckOptions(
        strict, min_coverage, parse_codes(select, "--select"), parse_codes(ignore, "--ignore")
    )
    report = Report(check_targets(targets or [Path(".")], options))
    exit_code = exit_code_of(report.results)
    print_load_problems(report.results)
    emit(report, pick_format(output_format), output, failed=exit_code != 0)
    raise typer.Exit(exit_code)


def check_targets(targets: list[Path], options: CheckOptions) -> list[MapResult]:
    """One result per map of every target, in order; a map named twice is checked once."""
    from cjm.check_config import resolve_config
    from cjm.checker import load_failure
    from cjm.errors import LoadError
    from cjm.project import open_project

    results: list[MapResult] = []
    seen: set[Path] = set()
    for target in targets:
        try:
            project = open_project(target)
            config = resolve_config(project.settings.check, options, project.settings_path)
        except LoadError as error:
            results.append(load_failure(str(target), error.problems))
            continue
        for path in project.maps:
            if path.resolve() not in seen:
                seen.add(path.resolve())
                results.append(check_one(path, config))
    return results


def check_one(path: Path, config: CheckConfig) -> MapResult:
    from cjm.checker import check_map, load_failure
    from cjm.errors import LoadError
    from cjm.loader import load_map

    try:
        journey = load_map(path)
    except LoadError as error:
        return load_failure(str(path), error.problems)
    return check_map(journey, str(path), config)


def exit_code_of(results: list[MapResult]) -> int:
    """2 when any input was bad, 1 when findings or coverage fail the check, else 0."""
    if any(result.load_failed for result in results):
        return 2
    return 1 if any(result.failed for result in results) else 0


def print_load_problems(results: list[MapResult]) -> None:
    """Bad input always reaches stderr as FILE:LINE:COLUMN: message, whatever the format."""
    from cjm.checker import LOAD_RULES

    for result in results:
        for finding in result.findings:
            if finding.rule in LOAD_RULES:
                sys.stderr.write(f"{finding.position}: {finding.message}\n")


def emit(report: Report, output_format: str, output: Path | None, failed: bool) -> None:
    """Print the report, or write it to a file in one atomic step."""
    if output_format == "text":
        emit_text(report, output, failed)
        return
    from cjm.reports import render_machine

    rendered = render_machine(report, output_format)
    if output is None:
        sys.stdout.write(rendered)
    else:
        from cjm.fsutil import write_atomic

        write_atomic(output, rendered)


def emit_text(report: Report, output: Path | None, failed: bool) -> None:
    import io

    from cjm.reports.text import make_console, print_text

    if output is None:
        print_text(report, make_console(), failed)
        return
    from cjm.fsutil import write_atomic

    buffer = io.StringIO()
    print_text(report, make_console(buffer), failed)
    write_atomic(output, buffer.getvalue())
