"""`cjm build`: the portfolio site of a project (every map, one backlog, one data register)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from cjm.cli.app import app
from cjm.i18n import gettext as _
from cjm.i18n import ngettext

if TYPE_CHECKING:
    from cjm.build.site import BuildReport


@app.command(
    short_help=_("Build a site of every map, one backlog and one data register."),
    help=_(
        "Build a static site of every map of a project: an index of the journeys, each map's page, "
        "the backlog of open opportunities and the register of the data collected. A second build "
        "rebuilds only what changed."
    ),
)
def build(
    target: Path = typer.Argument(
        Path("."), help=_("Project folder (default: the current folder)."), show_default=False, metavar="DIR"
    ),
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help=_("Site folder (default: cjm.yaml render.site, else build/site in the project)."),
        show_default=False,
        metavar="SITE",
    ),
    formats: list[str] = typer.Option(
        None,
        "--format",
        "-f",
        help=_(
            "Also md or pdf files of every map; repeat or separate with commas "
            "(the web page is always built)."
        ),
        show_default=False,
        metavar="FORMATS",
    ),
    jobs: int = typer.Option(
        0,
        "--jobs",
        "-j",
        min=0,
        help=_("Processes that build maps (default: every core)."),
        show_default=False,
        metavar="N",
    ),
    templates: Path = typer.Option(
        None,
        "--templates",
        help=_(
            "Folder of templates that override the built-in ones by file name "
            "(default: cjm.yaml render.templates)."
        ),
        show_default=False,
        metavar="DIR",
    ),
    page_size: str = typer.Option(
        None,
        "--page-size",
        help=_("PDF page size (default: A3 landscape)."),
        show_default=False,
        metavar="SIZE",
    ),
) -> None:
    from cjm.build.site import BuildRequest, build_site, parse_formats

    request = BuildRequest(target, output, parse_formats(formats), jobs, templates, page_size)
    with BuildProgress() as progress:
        report = build_site(request, progress)
    for path in report.written:
        sys.stdout.write(f"{_display(path)}\n")
    for problem in report.problems:
        sys.stderr.write(f"{problem}\n")
    sys.stderr.write(summary_line(report))
    raise typer.Exit(report.exit_code)


def _display(path: Path) -> Path:
    """A path as the user would type it: relative to the current folder when inside it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        return path


def summary_line(report: BuildReport) -> str:
    site = _display(report.site)
    if not report.written and not report.removed:
        return ngettext(
            "{site}: up to date ({count} map).\n", "{site}: up to date ({count} maps).\n", report.maps
        ).format(site=site, count=report.maps)
    rebuilt = ngettext(
        "{site}: {rebuilt} of {count} map rebuilt", "{site}: {rebuilt} of {count} maps rebuilt", report.maps
    ).format(site=site, rebuilt=report.rebuilt, count=report.maps)
    written = ngettext("{count} file(s) written", "{count} file(s) written", len(report.written))
    parts = [rebuilt, written.format(count=len(report.written))]
    if report.removed:
        removed = ngettext(
            "{count} stale file(s) removed", "{count} stale file(s) removed", len(report.removed)
        )
        parts.append(removed.format(count=len(report.removed)))
    return ", ".join(parts) + ".\n"


class BuildProgress:
    """A progress bar on a terminal while maps are built; silent otherwise."""

    def __init__(self) -> None:
        self.bar = None
        self.task = None

    def __enter__(self) -> BuildProgress:
        return self

    def start(self, total: int) -> None:
        if total < 2 or not sys.stderr.isatty():
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self.bar = Progress(*columns, console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task(_("Building"), total=total)

    def advance(self, description: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=description, advance=1)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
