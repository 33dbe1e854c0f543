"""`cjm render`: the client deliverable in HTML, Markdown and PDF.

Where files go: `-o FILE` for one map in one format; `-o DIR`, else the project's
`render.output` (relative to its cjm.yaml), else the folder of each map. A file is named
after its map: `journey.yaml` -> `journey.html`, `journey.md`, `journey.pdf`
(`journey.PERSONA.html` with `--persona`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import typer

from cjm.cli import app

FORMAT_NAMES = ("html", "md", "pdf")


@dataclass(frozen=True)
class Job:
    """One file to write: a map in one format."""

    map_path: Path
    format: str
    output: Path
    project_root: Path


def parse_formats(values: list[str] | None, default: list[str]) -> list[str]:
    """`-f html -f pdf` or `-f html,pdf`, in the order given, each once."""
    from cjm.errors import UserError

    formats: list[str] = []
    for value in values or default:
        for name in value.split(","):
            name = name.strip().lower()
            if name not in FORMAT_NAMES:
                raise UserError(f"unknown format {name!r}; choose from {', '.join(FORMAT_NAMES)}")
            if name not in formats:
                formats.append(name)
    return formats


def _output_folder(map_path: Path, root: Path, configured: str | None, option: Path | None) -> Path:
    if option is not None:
        return option
    if configured:
        return root / configured
    return map_path.parent


def plan_jobs(projects: list, formats: list[str], output: Path | None, persona: str | None) -> list[Job]:
    """Every (map, format) pair with its output path; one map in one format may go to a FILE."""
    from cjm.errors import UserError

    pairs = [(project, map_path) for project in projects for map_path in project.maps]
    single_file = output is not None and len(pairs) * len(formats) == 1 and not output.is_dir()
    single_file = single_file and output.suffix != ""
    if output is not None and not single_file and output.exists() and not output.is_dir():
        raise UserError(f"{output}: is a file; give a folder when rendering several maps or formats")
    jobs: list[Job] = []
    for project, map_path in pairs:
        folder = _output_folder(map_path, project.root, project.settings.render.output, output)
        stem = map_path.stem + (f".{persona}" if persona else "")
        for name in formats:
            target = output if single_file else folder / f"{stem}.{name}"
            jobs.append(Job(map_path, name, target, project.root))
    seen: dict[Path, Path] = {}
    for job in jobs:
        other = seen.setdefault(job.output.resolve(), job.map_path)
        if other != job.map_path:
            raise UserError(f"{other} and {job.map_path} would both be rendered to {job.output}; use -o")
    return jobs


def _display(path: Path) -> Path:
    """A written path as the user would type it: relative to the current folder when inside it."""
    if not path.is_absolute():
        return path
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


@app.command(short_help="Render maps to HTML, Markdown or PDF for clients.")
def render(
    targets: list[Path] = typer.Argument(
        None, help="Map files or project folders (default: the current folder).", show_default=False
    ),
    formats: list[str] = typer.Option(
        None,
        "--format",
        "-f",
        help="html, md or pdf; repeat or separate with commas (default: cjm.yaml render.formats, else html).",
        show_default=False,
    ),
    output: Path = typer.Option(
        None,
        "--output",
        "-o",
        help="Output folder, or a file name for one map in one format "
        "(default: cjm.yaml render.output, else next to each map).",
        show_default=False,
    ),
    persona: str = typer.Option(None, "--persona", "-p", help="Render the journey of this persona only."),
    templates: Path = typer.Option(
        None,
        "--templates",
        help="Folder of templates that override the built-in ones by file name "
        "(default: cjm.yaml render.templates).",
        show_default=False,
    ),
    page_size: str = typer.Option(
        None,
        "--page-size",
        help="PDF page size: 'A3 landscape' (default), 'A4', 'letter landscape', '420mm 297mm' ...",
        show_default=False,
    ),
) -> None:
    """Render maps for clients: a self-contained HTML page, Markdown for GitHub, a PDF to print."""
    from cjm.cli.render_run import run_render

    written = run_render(targets or [Path(".")], formats, output, persona, templates, page_size)
    for path in written:
        sys.stdout.write(f"{_display(path)}\n")
    raise typer.Exit(0)
