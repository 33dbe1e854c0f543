"""`cjm render`: the client deliverable in HTML, Markdown and PDF.

Where files go: `-o FILE` for one map in one format; `-o DIR`, else the project's
`render.output` (relative to its cjm.yaml), else the folder of each map. A file is named
after its map: `journey.yaml` -> `journey.html`, `journey.md`, `journey.pdf`
(`journey.PERSONA.html` with `--persona`).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import typer

from cjm.cli.app import app
from cjm.i18n import gettext as _


def _display(path: Path) -> Path:
    """A written path as the user would type it: relative to the current folder when inside it."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@app.command(
    short_help=_("Render maps to HTML, Markdown or PDF for clients."),
    help=_("Render maps for clients: a self-contained HTML page, Markdown for GitHub, a PDF to print."),
)
def render(
    targets: list[Path] = typer.Argument(
        None, help=_("Map files or project folders (default: the current folder)."), show_default=False
    ),
    formats: list[str] = typer.Option(
        None,
        "--format",
        "-f",
        help=_(
            "html, md or pdf; repeat or separate with commas (default: cjm.yaml render.formats, else html)."
        ),
        show_default=False,
    ),
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help=_(
            "Output folder, or a file name for one map in one format "
            "(default: cjm.yaml render.output, else next to each map)."
        ),
        show_default=False,
    ),
    persona: str = typer.Option(None, "--persona", "-p", help=_("Render the journey of this persona only.")),
    templates: Path = typer.Option(
        None,
        "--templates",
        help=_(
            "Folder of templates that override the built-in ones by file name "
            "(default: cjm.yaml render.templates)."
        ),
        show_default=False,
    ),
    page_size: str = typer.Option(
        None,
        "--page-size",
        help=_("PDF page size: 'A3 landscape' (default), 'A4', 'A2 landscape' for a wall, '420mm 297mm' ..."),
        show_default=False,
    ),
    pdf_variant: str = typer.Option(
        None,
        "--pdf-variant",
        help=_(
            "PDF flavour: pdf/ua-1 (tagged, accessible; the default), pdf/a-3b (archival, tagged) "
            "or none (plain)."
        ),
        show_default=False,
    ),
    timeout: float = typer.Option(
        None,
        "--timeout",
        help=_(
            "Seconds the render may take before it is stopped (default: cjm.yaml render.timeout, else 120)."
        ),
        show_default=False,
    ),
) -> None:
    """Plan every file, then write them one by one, saying each path as it is written."""
    from cjm.render.pdf import PdfWorker

    # Started before the heavy imports below, so that WeasyPrint loads while they do.
    worker = PdfWorker.start() if any("pdf" in value.lower() for value in formats or ()) else None
    try:
        from cjm.render.jobs import plan_render

        options = (persona, templates, page_size, pdf_variant, worker, timeout)
        plan = plan_render(targets or [Path(".")], formats, output, *options)
    except BaseException:
        if worker is not None:
            worker.close()
        raise
    from cjm.render.limits import time_budget
    from cjm.reports.escape import visible

    for warning in plan.warnings:
        sys.stderr.write(f"{visible(warning)}\n")
    with plan, time_budget(plan.timeout), Progress(len(plan.jobs)) as progress:
        for job in plan.jobs:
            progress.start(visible(f"{job.map_path.name} → {job.format}"))
            _write(job.output, plan.content(job))
            sys.stdout.write(f"{visible(str(_display(job.output)))}\n")
            progress.done()
    raise typer.Exit(0)


def _write(path: Path, content: bytes | Iterator[bytes]) -> None:
    from cjm.write import make_folder, write_atomic

    make_folder(path.parent)
    write_atomic(path, content)


class Progress:
    """A progress bar on a terminal when there is more than one file to write; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None
        self.task = None

    def __enter__(self) -> Progress:
        if self.total < 2 or not sys.stderr.isatty():
            return self
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self.bar = Bar(*columns, console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task(_("Rendering"), total=self.total)
        return self

    def start(self, description: str) -> None:
        if self.bar is not None:
            self.bar.update(self.task, description=description)

    def done(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *exc_info: object) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc_info)
