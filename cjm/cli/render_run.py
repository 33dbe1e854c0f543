"""The work behind `cjm render`, kept out of the command module so `cjm --help` stays light."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

from cjm.cli.render import Job, parse_formats, plan_jobs
from cjm.errors import LoadError, Problem, UserError
from cjm.fsutil import write_atomic
from cjm.loader import load_map
from cjm.model import JourneyMap
from cjm.project import Project, open_project
from cjm.render import persona_view, render_html, render_html_utf8, render_markdown_utf8
from cjm.render.theme import build_theme
from cjm.render.theme import page_size as checked_page_size


def _open_projects(targets: list[Path]) -> list[Project]:
    projects: list[Project] = []
    problems: list[Problem] = []
    for target in targets:
        if not target.exists():
            raise UserError(f"{target}: no such file or folder")
        try:
            projects.append(open_project(target))
        except LoadError as error:
            problems.extend(error.problems)
    if problems:
        raise LoadError(problems)
    return projects


def _load_maps(jobs: list[Job]) -> dict[Path, JourneyMap]:
    """Every map once, all problems of all maps reported together."""
    maps: dict[Path, JourneyMap] = {}
    problems: list[Problem] = []
    for job in jobs:
        if job.map_path in maps:
            continue
        try:
            maps[job.map_path] = load_map(job.map_path)
        except LoadError as error:
            problems.extend(error.problems)
    if problems:
        raise LoadError(problems)
    return maps


def _template_folders(project: Project, option: Path | None) -> list[Path]:
    """--templates first, then cjm.yaml's render.templates; the built-in ones come last."""
    folders = [option] if option is not None else []
    if project.settings.render.templates:
        folders.append(project.root / project.settings.render.templates)
    for folder in folders:
        if not folder.is_dir():
            raise UserError(f"{folder}: templates folder not found")
    return folders


class _Renderer:
    """Renders jobs of one project."""

    def __init__(self, project: Project, templates: Path | None, page_size: str | None) -> None:
        theme = project.settings.theme
        self.project = project
        self.theme = build_theme(project.root, theme.color, theme.logo, theme.font)
        self.page_size = checked_page_size(page_size or project.settings.render.page_size)
        self.folders = _template_folders(project, templates)

    def render(self, job: Job, journey: JourneyMap, persona: str | None) -> bytes | Iterator[bytes]:
        """The file of one job: HTML and Markdown as chunks written as they are rendered, so
        that a big map's page is never whole in memory; a PDF as bytes."""
        view = persona_view(journey, persona, theme=self.theme, page_size=self.page_size)
        if job.format == "md":
            return render_markdown_utf8(view, self.folders)
        if job.format == "html":
            return render_html_utf8(view, self.folders)
        from cjm.render.pdf import render_pdf

        allowed = frozenset({self.theme.logo} if self.theme.logo else ())
        return render_pdf(render_html(view, self.folders), self.project.root, allowed)


class _Progress:
    """A progress bar on a terminal when there is more than one file to write; silent otherwise."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.bar = None
        self.task = None

    def __enter__(self) -> _Progress:
        if self.total < 2 or not sys.stderr.isatty():
            return self
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        self.bar = Progress(*columns, console=Console(stderr=True), transient=True)
        self.bar.__enter__()
        self.task = self.bar.add_task("Rendering", total=self.total)
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


def _make_folder(folder: Path) -> None:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a folder should be, a read-only file system, ...
        raise UserError(f"{folder}: cannot create the output folder: {error.strerror}") from None


def run_render(
    targets: list[Path],
    formats: list[str] | None,
    output: Path | None,
    persona: str | None,
    templates: Path | None,
    page_size: str | None,
) -> list[Path]:
    """Render every map of the targets in every format; returns the files written."""
    projects = _open_projects(targets)
    chosen = parse_formats(formats, projects[0].settings.render.formats)
    renderers = {project.root: _Renderer(project, templates, page_size) for project in projects}
    jobs = plan_jobs(projects, chosen, output, persona)
    maps = _load_maps(jobs)
    written: list[Path] = []
    with _Progress(len(jobs)) as progress:
        for job in jobs:
            progress.start(f"{job.map_path.name} → {job.format}")
            content = renderers[job.project_root].render(job, maps[job.map_path], persona)
            _make_folder(job.output.parent)
            write_atomic(job.output, content)
            written.append(job.output)
            progress.done()
    return written
