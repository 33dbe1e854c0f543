"""The planning of a render: which map goes to which file in which format, and each file's content.

`plan_render` opens the projects, decides every output path and loads every map once;
`RenderPlan.content(job)` renders one file. Writing the files is the caller's step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cjm.errors import LoadError, Problem, UserError
from cjm.i18n import gettext as _
from cjm.load.files import same_file
from cjm.load.journey import load_map
from cjm.load.project import Project, open_project
from cjm.model import JourneyMap
from cjm.render import persona_view, render_html_utf8, render_markdown_utf8, render_pdf_html
from cjm.render.limits import MAX_OUTPUT_BYTES, timeout_seconds, too_large
from cjm.render.paper import paper
from cjm.render.pdf import PdfWorker
from cjm.render.pdf import pdf_variant as checked_pdf_variant
from cjm.render.theme import build_theme
from cjm.vocabulary import RENDER_FORMATS


@dataclass(frozen=True)
class Job:
    """One file to write: a map in one format."""

    map_path: Path
    format: str
    output: Path
    project_root: Path


def parse_formats(values: list[str] | None, default: list[str]) -> list[str]:
    """`-f html -f pdf` or `-f html,pdf`, in the order given, each once."""
    formats: list[str] = []
    for value in values or default:
        for name in value.split(","):
            name = name.strip().lower()
            if name not in RENDER_FORMATS:
                message = _("unknown format {format}; choose from {formats}")
                raise UserError(message.format(format=repr(name), formats=", ".join(RENDER_FORMATS)))
            if name not in formats:
                formats.append(name)
    return formats


def _output_folder(map_path: Path, project: Project, option: Path | None) -> Path:
    if option is not None:
        return option
    configured = project.settings.render.output
    if configured:
        project.settings_path_inside("render", "output")  # `out -> /etc`: refused at the setting
        return project.root / configured
    return map_path.parent


def _refuse_writing_over_maps(jobs: list[Job]) -> None:
    """No output may be one of the maps being read: `-o journey.yaml`, a map named `journey.md`."""
    maps = list(dict.fromkeys(job.map_path for job in jobs))
    for job in jobs:
        found = same_file(job.output, maps)
        if found is not None:
            message = _(
                "{output}: is the map {map}; give the {format} file another name (nothing was written)"
            )
            raise UserError(message.format(output=job.output, map=found, format=job.format))


def plan_jobs(
    projects: list[Project], formats: list[str], output: Path | None, persona: str | None
) -> list[Job]:
    """Every (map, format) pair with its output path; one map in one format may go to a FILE."""
    pairs = [(project, map_path) for project in projects for map_path in project.maps]
    single_file = output is not None and len(pairs) * len(formats) == 1 and not output.is_dir()
    single_file = single_file and output.suffix != ""
    if output is not None and not single_file and output.exists() and not output.is_dir():
        message = _("{output}: is a file; give a folder when rendering several maps or formats")
        raise UserError(message.format(output=output))
    jobs: list[Job] = []
    for project, map_path in pairs:
        folder = _output_folder(map_path, project, output)
        stem = map_path.stem + (f".{persona}" if persona else "")
        for name in formats:
            target = output if single_file else folder / f"{stem}.{name}"
            jobs.append(Job(map_path, name, target, project.root))
    seen: dict[Path, Path] = {}
    for job in jobs:
        other = seen.setdefault(job.output.resolve(), job.map_path)
        if other != job.map_path:
            message = _("{first} and {second} would both be rendered to {output}; use -o")
            raise UserError(message.format(first=other, second=job.map_path, output=job.output))
    _refuse_writing_over_maps(jobs)
    return jobs


def _open_projects(targets: list[Path]) -> list[Project]:
    projects: list[Project] = []
    problems: list[Problem] = []
    for target in targets:
        if not target.exists():
            raise UserError(_("{target}: no such file or folder").format(target=target))
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
        project.settings_path_inside("render", "templates")  # `mine -> /etc`: refused at the setting
        folders.append(project.root / project.settings.render.templates)
    for folder in folders:
        if not folder.is_dir():
            raise UserError(_("{folder}: templates folder not found").format(folder=folder))
    return folders


def _settings_position(project: Project, *keys: str) -> str:
    """Where cjm.yaml writes a setting, for messages: 'cjm.yaml:4:10', else the file's name."""
    return str(project.settings.position_of(*keys))


class ProjectRenderer:
    """Renders the files of one project: its theme, paper, PDF variant and template folders,
    checked once; `warnings` says what cjm changed to keep the deliverable readable."""

    def __init__(
        self, project: Project, templates: Path | None, page_size: str | None, variant: str | None = None
    ) -> None:
        theme = project.settings.theme
        render = project.settings.render
        self.project = project
        where = _settings_position(project, "theme", "color")
        choice = build_theme(project.root, theme.color, theme.logo, theme.font, where)
        self.theme, self.warnings = choice.theme, choice.warnings
        self.paper = paper(page_size or render.page_size)
        self.pdf_variant = checked_pdf_variant(variant or render.pdf_variant)
        self.folders = _template_folders(project, templates)

    def render(
        self, job: Job, journey: JourneyMap, persona: str | None, worker: PdfWorker | None = None
    ) -> bytes | Iterator[bytes]:
        """The file of one job: HTML and Markdown as chunks written as they are rendered, so
        that a big map's page is never whole in memory; a PDF as bytes, made by `worker`
        (without one, in this process)."""
        view = persona_view(journey, persona, theme=self.theme, page_size=self.paper.css)
        if job.format == "md":
            return render_markdown_utf8(view, self.folders)
        if job.format == "html":
            return render_html_utf8(view, self.folders)
        allowed = frozenset({self.theme.logo} if self.theme.logo else ())
        html = render_pdf_html(view, self.paper, self.folders)
        pdf = (worker or PdfWorker()).render(html, self.project.root, allowed, self.pdf_variant)
        if len(pdf) > MAX_OUTPUT_BYTES:
            raise too_large(len(pdf), "pdf")
        return pdf


@dataclass
class RenderPlan:
    """Every file a render writes, with the maps loaded and the projects' renderers ready.

    A context manager: leaving it ends the PDF worker, if one was started."""

    jobs: list[Job]
    maps: dict[Path, JourneyMap]
    renderers: dict[Path, ProjectRenderer]
    persona: str | None
    worker: PdfWorker = field(default_factory=PdfWorker)
    timeout: float = field(default_factory=lambda: timeout_seconds(None))

    def __enter__(self) -> RenderPlan:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.worker.close()

    @property
    def warnings(self) -> list[str]:
        """What cjm changed in the projects' brand so that the deliverable stays readable."""
        return [warning for renderer in self.renderers.values() for warning in renderer.warnings]

    def content(self, job: Job) -> bytes | Iterator[bytes]:
        return self.renderers[job.project_root].render(
            job, self.maps[job.map_path], self.persona, self.worker
        )


def plan_render(
    targets: list[Path],
    formats: list[str] | None,
    output: Path | None,
    persona: str | None,
    templates: Path | None,
    page_size: str | None,
    variant: str | None = None,
    worker: PdfWorker | None = None,
    timeout: float | None = None,
) -> RenderPlan:
    """Open the projects, check their settings, plan every file and load every map once.

    A PDF worker (given by the command line, which starts it before importing this module,
    else started here) warms up WeasyPrint while the maps load; it is ended on any error."""
    worker = worker or PdfWorker()
    try:
        projects = _open_projects(targets)
        chosen = parse_formats(formats, projects[0].settings.render.formats)
        if "pdf" in chosen and worker.pid is None:
            worker = PdfWorker.start()
        renderers = {
            project.root: ProjectRenderer(project, templates, page_size, variant) for project in projects
        }
        budget = timeout_seconds(timeout if timeout is not None else projects[0].settings.render.timeout)
        jobs = plan_jobs(projects, chosen, output, persona)
        return RenderPlan(jobs, _load_maps(jobs), renderers, persona, worker, budget)
    except BaseException:
        worker.close()
        raise
