"""What a preview shows: every page of a map or a project rendered once, with its problems.

This runs in the render worker (`worker.py`): it loads pydantic and Jinja, reads the project's
files through cjm.load and returns plain, picklable records. A map is rendered as `cjm render`
renders it; a project's index and pages as `cjm build` draws them.
"""

from __future__ import annotations

import html as html_text
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.errors import LoadError, Problem, UserError
from cjm.i18n import gettext as _

if TYPE_CHECKING:
    from cjm.build.site import MapInput
    from cjm.build.summary import MapSummary
    from cjm.check.config import CheckConfig
    from cjm.load.project import Project
    from cjm.model import JourneyMap
    from cjm.render.jobs import ProjectRenderer
    from cjm.rules import Finding

# The portfolio's own pages, as cjm build names them (the index is served at `/`).
PROJECT_PAGES = {"/": "index.html", "/backlog.html": "backlog.html", "/data.html": "data.html"}
PROJECT_PAGES["/personas.html"] = "personas.html"
_BUILD_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', re.IGNORECASE)
_SCRIPT_HASH = re.compile(r"'sha256-[A-Za-z0-9+/=]+'")


@dataclass
class Page:
    """One page: its HTML (None when it could not be rendered), why not, and cjm check's findings."""

    html: str | None
    problems: list[str] = field(default_factory=list)
    findings: list[str] = field(default_factory=list)
    script_hashes: list[str] = field(default_factory=list)  # the page's own inline scripts, for the CSP


@dataclass
class Rendering:
    """Every page of one render, the problems of the project as a whole, and the files it read."""

    pages: dict[str, Page]
    problems: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # a change to one of these renders again
    folders: list[str] = field(default_factory=list)  # a change inside one of these too (templates)
    map_folder: str | None = None  # a new map here (a project without a maps: list) too
    root: str = ""


def render_target(target: Path, announce: Callable[[Rendering], None] = lambda _files: None) -> Rendering:
    """Render a map file (its page at `/`) or a project folder (an index and a page per map).

    `announce` is told which files the render reads before the slow part starts: a render
    stopped by its timeout still leaves them watched, so that saving the fix renders again.
    """
    try:
        project = _open(target)
    except UserError as error:
        return Rendering({}, _lines(error), files=_settings_near(target), root=str(_root_guess(target)))
    rendering = Rendering({}, files=_inputs(project), root=str(project.root))
    rendering.map_folder = str(target) if target.is_dir() else None
    try:
        renderer = _renderer(project)
        rendering.folders = [str(folder) for folder in renderer.folders]
        _forget_changed_templates(renderer.folders)
        config = _config(project)
    except UserError as error:
        rendering.problems = _lines(error)
        return rendering
    announce(rendering)
    if target.is_dir():
        rendering.pages = _project_pages(project, renderer, config)
    else:
        rendering.pages = {"/": _map_page(target, str(target), renderer, config)}
    return rendering


def _open(target: Path) -> Project:
    from cjm.load.project import open_project

    if not target.exists():
        raise UserError(_("{target}: no such file or folder").format(target=target))
    return open_project(target)


def _lines(error: UserError) -> list[str]:
    """A user error as FILE:LINE:COLUMN: message lines."""
    if error.problems:
        return [str(problem) for problem in error.problems]
    return [str(error)]


def _root_guess(target: Path) -> Path:
    return target if target.is_dir() else target.parent


def _settings_near(target: Path) -> list[str]:
    """What to watch when the project itself does not open: the target and a cjm.yaml beside it."""
    from cjm.load.project import find_settings

    settings = find_settings(target) if target.exists() else None
    return [str(target), *([str(settings)] if settings else []), str(_root_guess(target) / "cjm.yaml")]


def _inputs(project: Project) -> list[str]:
    files = [str(path) for path in project.maps]
    if project.settings_path is not None:
        files.append(str(project.settings_path))
    theme = project.settings.theme
    files += [str(project.root / name) for name in (theme.logo, theme.font) if name]
    return files


def _renderer(project: Project) -> ProjectRenderer:
    from cjm.build.site import template_folders
    from cjm.render.jobs import ProjectRenderer

    renderer = ProjectRenderer(project, None, None)
    renderer.folders = template_folders(project, None)  # only folders inside the project
    return renderer


_template_state: dict[tuple[str, ...], str] = {}  # the worker's last look at each set of template folders


def _forget_changed_templates(folders: list[Path]) -> None:
    """Jinja reloads a template whose file changed, but not one that a new file in a user's
    folder now overrides: when any file of the folders changed, the compiled templates go."""
    from cjm.build.cache import folders_fingerprint
    from cjm.build.pages import search_path
    from cjm.render.environment import environment

    key = tuple(str(folder) for folder in folders)
    fingerprint = folders_fingerprint(folders)
    if _template_state.setdefault(key, fingerprint) == fingerprint:
        return
    _template_state[key] = fingerprint
    for search in (folders, search_path(folders)):
        cache = environment(search).cache
        if cache is not None:
            cache.clear()


def _config(project: Project) -> CheckConfig:
    from cjm.check.config import CheckOptions, resolve_config

    return resolve_config(project.settings, CheckOptions())


def _load(path: Path, display: str, data: bytes | None) -> JourneyMap | list[Problem]:
    """The map, or every problem that keeps it from loading."""
    from cjm.load.journey import load_map, load_map_text

    try:
        return load_map(path, display) if data is None else load_map_text(data, display)
    except LoadError as error:
        return list(error.problems)


def _map_page(path: Path, display: str, renderer: ProjectRenderer, config: CheckConfig) -> Page:
    """A map's page as cjm render makes it, with cjm check's findings; its problems if it does not load."""
    loaded = _load(path, display, None)
    if isinstance(loaded, list):
        return Page(None, [str(problem) for problem in loaded])
    return _rendered(path, loaded, renderer, _findings(loaded, display, config))


def _rendered(path: Path, journey: JourneyMap, renderer: ProjectRenderer, findings: list[Finding]) -> Page:
    shown = [f"{item.position}: {item.severity} {item.rule}: {item.message}" for item in findings]
    try:
        return Page(_html(renderer, path, journey), findings=shown)
    except UserError as error:
        return Page(None, _lines(error), shown)


def _html(renderer: ProjectRenderer, path: Path, journey: JourneyMap) -> str:
    from cjm.render.jobs import Job

    job = Job(path, "html", path, renderer.project.root)
    return b"".join(renderer.render(job, journey, None)).decode("utf-8")  # type: ignore[arg-type]


def _findings(journey: JourneyMap, display: str, config: CheckConfig) -> list[Finding]:
    from cjm.check.run import check_map

    return check_map(journey, display, config).findings


# --- a project: the portfolio's pages and every map's page -------------------------------------


def _project_pages(project: Project, renderer: ProjectRenderer, config: CheckConfig) -> dict[str, Page]:
    from cjm.build.site import read_inputs

    pages: dict[str, Page] = {}
    summaries = []
    for item in read_inputs(project):
        page, summary = _project_map(item, renderer, config)
        pages[f"/maps/{item.slug}.html"] = page
        summaries.append(summary)
    problems = [line for page in pages.values() for line in page.problems]
    for address, name in PROJECT_PAGES.items():
        pages[address] = _portfolio_page(name, summaries, renderer, problems)
    return pages


def _project_map(item: MapInput, renderer: ProjectRenderer, config: CheckConfig) -> tuple[Page, MapSummary]:
    """A map's page and its card on the index, as cjm build makes them."""
    from cjm.build.summary import failed_summary, summarize

    shown = str(item.path)
    loaded = _load(item.path, shown, item.data) if item.data is not None else list(item.problems)
    if isinstance(loaded, list):
        return Page(None, [str(problem) for problem in loaded]), failed_summary(shown, item.slug, loaded)
    findings = _findings(loaded, shown, config)
    page = _rendered(item.path, loaded, renderer, findings)
    return page, summarize(loaded, shown, item.slug, None, _counts(findings))


def _counts(findings: list[Finding]) -> dict[str, int]:
    """Findings by severity, as the index shows them (cjm build counts them the same way)."""
    from cjm.vocabulary import LOAD_CODES, SEVERITIES

    counts = {severity: 0 for severity in SEVERITIES}
    for finding in findings:
        if finding.rule not in LOAD_CODES and finding.severity in counts:
            counts[finding.severity] += 1
    return counts


def _portfolio_page(
    name: str, summaries: list[MapSummary], renderer: ProjectRenderer, problems: list[str]
) -> Page:
    """A page of the portfolio as cjm build draws it, its inline script allowed by its hash."""
    from cjm.build import portfolio
    from cjm.build.pages import SiteTheme, render_page

    makers = {"index.html": lambda: portfolio.index_page(summaries, ("html",))}
    makers |= {"backlog.html": lambda: portfolio.backlog_page(summaries)}
    makers |= {
        "data.html": lambda: portfolio.data_page(summaries),
        "personas.html": lambda: portfolio.personas_page(summaries),
    }
    theme = renderer.theme
    try:
        html = render_page(
            name, makers[name](), renderer.folders, SiteTheme(theme.accent, theme.font, theme.logo)
        )
    except UserError as error:
        return Page(None, _lines(error))
    return _without_build_policy(html, problems)


def _without_build_policy(html: str, problems: list[str]) -> Page:
    """The page with cjm build's own CSP taken out: it allows no live script, so the server's
    header carries the policy, with the hashes of the page's inline scripts added."""
    found = _BUILD_POLICY.search(html)
    if found is None:
        return Page(html, problems)
    policy = html_text.unescape(found.group(1))
    script_sources = next((part for part in policy.split(";") if part.strip().startswith("script-src")), "")
    hashes = _SCRIPT_HASH.findall(script_sources)
    return Page(html[: found.start()] + html[found.end() :], problems, script_hashes=hashes)
