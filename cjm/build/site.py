"""`cjm build`: every map of a project as one static site, rebuilding only what changed.

The steps: open the project as `cjm check` does; decide where the site goes and refuse a
folder that would replace or mix with an input; read and hash every map; ask the cache
which maps are unchanged (those are not loaded); build the others in parallel; make the
portfolio pages from the summaries, writing only those whose content changed; remove the
files the last build wrote that this one no longer makes; record the cache.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from cjm.build import cache as site_cache
from cjm.build.paths import (
    MAP_FOLDER,
    project_file,
    refuse_default_site_out,
    refuse_foreign_files,
    refuse_inputs,
    refuse_links_out,
    site_folder,
    unique_slugs,
)
from cjm.build.summary import MapSummary, Trouble, failed_summary
from cjm.errors import LoadError, Position, Problem, UserError
from cjm.i18n import current_language
from cjm.i18n import gettext as _
from cjm.load.project import Project, open_project
from cjm.load.settings import SETTINGS_FILE
from cjm.vocabulary import RENDER_FORMATS

if TYPE_CHECKING:
    from cjm.build.pages import SiteTheme
    from cjm.build.tasks import MapOutcome, MapTask
    from cjm.render.jobs import ProjectRenderer


class Progress(Protocol):
    """What the command line shows while maps are built."""

    def start(self, total: int) -> None: ...

    def advance(self, description: str) -> None: ...


@dataclass(frozen=True)
class BuildRequest:
    """What the user asked for; None means 'as cjm.yaml says, else the default'."""

    target: Path
    output: Path | None = None
    formats: tuple[str, ...] = ("html",)
    jobs: int = 0  # 0: every core
    templates: Path | None = None
    page_size: str | None = None


@dataclass
class BuildReport:
    """What a build did: the files it wrote and removed, what it reused, and every problem."""

    site: Path
    maps: int = 0
    rebuilt: int = 0
    written: list[Path] = field(default_factory=list)
    removed: list[Path] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # FILE:LINE:COLUMN: message, as cjm check shows them

    @property
    def exit_code(self) -> int:
        return 2 if self.problems else 0


@dataclass(frozen=True)
class MapInput:
    """A map of the project: its file relative to the project, how cjm check names it, its bytes."""

    file: str
    path: Path
    slug: str
    data: bytes | None = None
    problems: tuple[Problem, ...] = ()


def parse_formats(values: Sequence[str] | None) -> tuple[str, ...]:
    """`-f pdf -f md` or `-f pdf,md`; the web page is always built, the index links to it."""
    formats = ["html"]
    for value in values or ():
        for name in value.split(","):
            name = name.strip().lower()
            if name not in RENDER_FORMATS:
                message = _("unknown format {name}; choose from {formats}")
                raise UserError(message.format(name=repr(name), formats=", ".join(RENDER_FORMATS)))
            if name not in formats:
                formats.append(name)
    return tuple(formats)


def configured_site(project: Project) -> str | None:
    """cjm.yaml's `render.site`, every symlink followed (it must stay inside the project)."""
    site = project.settings_path_inside("render", "site")
    return None if site is None else str(site)


def template_folders(project: Project, option: Path | None) -> list[Path]:
    """--templates first, then cjm.yaml's render.templates, which must lie inside the project."""
    folders = [option] if option is not None else []
    configured = project.settings.render.templates
    if configured:
        folder = project.root / configured
        if project_file(folder, project.root) is None:
            where = project.settings.position_of("render", "templates")
            message = _("render.templates must name a folder inside the project, not {value}")
            raise UserError(f"{where}: {message.format(value=repr(configured))}")
        folders.append(folder)
    for folder in folders:
        if not folder.is_dir():
            raise UserError(_("{folder}: templates folder not found").format(folder=folder))
    return folders


def _map_paths(project: Project) -> list[Path]:
    """The project's maps as cjm check finds them, each once."""
    seen: set[Path] = set()
    paths = []
    for path in project.maps:
        if path.resolve() not in seen:
            seen.add(path.resolve())
            paths.append(path)
    return paths


def read_inputs(project: Project) -> list[MapInput]:
    """Every map's bytes, or why they cannot be read; a map outside the project is not read."""
    from cjm.load.files import read_map_bytes

    paths = _map_paths(project)
    files = [project_file(path, project.root) or str(path) for path in paths]
    slugs = unique_slugs(files)
    inputs = []
    for path, file in zip(paths, files, strict=True):
        if project_file(path, project.root) is None:
            problem = Problem(
                Position(str(path)), _("is outside the project folder; cjm reads only the maps inside it")
            )
            inputs.append(MapInput(file, path, slugs[file], problems=(problem,)))
            continue
        try:
            inputs.append(MapInput(file, path, slugs[file], read_map_bytes(path, file)))
        except LoadError as error:
            inputs.append(MapInput(file, path, slugs[file], problems=tuple(error.problems)))
    return inputs


def _stat_of(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        status = path.stat()
    except OSError:
        return "missing"
    return f"{status.st_size}:{status.st_mtime_ns}"


def base_key(project: Project, folders: Sequence[Path], request: BuildRequest) -> str:
    """Everything every page depends on besides its own map: a change here rebuilds them all."""
    settings = project.settings_path.read_bytes() if project.settings_path else b""
    logo = project.settings.theme.logo
    return site_cache.digest(
        str(site_cache.CACHE_VERSION),
        site_cache.code_fingerprint(),
        settings,
        _stat_of(project.root / logo if logo else None),
        site_cache.folders_fingerprint(folders),
        request.page_size or "",
        # The problems of a map that does not load are kept in the cache and shown on the index
        # in the interface language: a build in another language says them again in its own.
        current_language(),
    )


class Builder:
    """One build of one project's site."""

    def __init__(self, request: BuildRequest, progress: Progress | None = None) -> None:
        if not request.target.exists():
            raise UserError(_("{target}: no such file or folder").format(target=request.target))
        self.request = request
        self.progress = progress
        self.project = open_project(request.target)
        self.folders = template_folders(self.project, request.templates)
        root = self.project.root
        where = str(self.project.settings.position_of("render", "site"))
        self.site = site_folder(root, request.output, configured_site(self.project), where)
        self.inputs = read_inputs(self.project)
        inputs = [item.path for item in self.inputs]
        settings = self.project.settings_path or root / SETTINGS_FILE  # to be: no folder of that name
        refuse_inputs(self.site, root, [*inputs, settings], self.folders)
        if request.output is None:
            refuse_default_site_out(self.site, root)
        refuse_foreign_files(self.site)
        self.key = base_key(self.project, self.folders, request)
        self.cache = site_cache.load_cache(self.site)
        self.report = BuildReport(self.site, maps=len(self.inputs))
        self._renderer: ProjectRenderer | None = None
        self._keys: dict[str, str] = {}

    @property
    def renderer(self) -> ProjectRenderer:
        """The project's renderer (theme, page size, templates checked), made when first needed."""
        if self._renderer is None:
            from cjm.render.jobs import ProjectRenderer

            self._renderer = ProjectRenderer(self.project, self.request.templates, self.request.page_size)
        return self._renderer

    def map_key(self, item: MapInput) -> str:
        """The key of one map's pages: its bytes, its place and everything in the base key."""
        if item.file not in self._keys:
            self._keys[item.file] = site_cache.digest(self.key, item.file, item.slug, item.data or b"")
        return self._keys[item.file]

    def portfolio_key(self) -> str:
        """What the portfolio pages are made of: every map's key (or problem), in order, and the formats."""
        parts = [self.key, *self.request.formats]
        for item in self.inputs:
            parts += [item.file, self.map_key(item) if item.data is not None else repr(item.problems)]
        return site_cache.digest(*parts)

    def plan(self) -> tuple[dict[str, site_cache.MapEntry], list[MapTask]]:
        """The maps the cache vouches for (their pages intact), and the tasks to build the others."""
        from cjm.build.tasks import MapTask

        reused: dict[str, site_cache.MapEntry] = {}
        tasks: list[MapTask] = []
        for item in self.inputs:
            if item.data is None:
                continue
            entry = self.cache.maps.get(item.file)
            wanted = self.request.formats
            if entry is not None and (entry.key, entry.slug) == (self.map_key(item), item.slug):
                missing = tuple(
                    name for name in wanted if not site_cache.intact(self.site, entry.outputs.get(name))
                )
                if not missing or not entry.loaded:
                    reused[item.file] = entry
                    continue
                wanted = missing
            tasks.append(MapTask(item.file, item.path, item.slug, item.data, wanted))
        return reused, tasks

    def unchanged(self, tasks: list[MapTask]) -> bool:
        """Nothing to build and every portfolio page as the last build left it: nothing to do."""
        if tasks or self.portfolio_key() != self.cache.portfolio:
            return False
        return all(site_cache.intact(self.site, stamp) for stamp in self.cache.pages.values())

    def cached_summaries(self, reused: dict[str, site_cache.MapEntry], tasks: list[MapTask]) -> None:
        """Check the reused maps' summaries read back; a map whose summary does not is built again."""
        from cjm.build.tasks import MapTask

        for item in self.inputs:
            entry = reused.get(item.file)
            if entry is not None and entry.read_summary() is None:
                del reused[item.file]
                tasks.append(MapTask(item.file, item.path, item.slug, item.data or b"", self.request.formats))

    def run(self, tasks: list[MapTask]) -> dict[str, MapOutcome]:
        """Build the maps that changed, in parallel; a template's problem stops the build."""
        if not tasks:
            return {}
        from cjm.build.tasks import WorkerSetup
        from cjm.build.workers import build_maps, prepare
        from cjm.check.config import CheckOptions, resolve_config
        from cjm.write import make_folder

        make_folder(self.site / MAP_FOLDER)
        refuse_links_out(self.site, MAP_FOLDER)
        setup = WorkerSetup(
            self.request.target,
            self.request.templates,
            self.request.page_size,
            self.site.resolve(),
            resolve_config(self.project.settings, CheckOptions()),
            current_language(),
        )
        prepare(setup, self.renderer)
        if self.progress is not None:
            self.progress.start(len(tasks))
        from cjm.render import warm_templates

        # Compiled once here before forking, the workers inherit them.
        warm = partial(warm_templates, self.request.formats, self.renderer.folders)
        outcomes = build_maps(tasks, self.jobs, setup, self._done, warm)
        for outcome in outcomes:
            if outcome.error:
                raise UserError(outcome.error)
        return {outcome.file: outcome for outcome in outcomes}

    @property
    def jobs(self) -> int:
        from cjm.build.workers import default_jobs

        return self.request.jobs or default_jobs()

    def _done(self, outcome: MapOutcome) -> None:
        if self.progress is not None:
            self.progress.advance(outcome.file)

    def build(self) -> BuildReport:
        reused, tasks = self.plan()
        if self.unchanged(tasks):
            self.report.problems = self._problems(self._cached_troubles(reused))
            return self.report
        self.cached_summaries(reused, tasks)
        outcomes = self.run(tasks)
        self.report.rebuilt = len(outcomes)
        entries, summaries = self._entries(reused, outcomes)
        new_cache = site_cache.Cache(
            portfolio=self.portfolio_key(), maps=entries, pages=self.publish(summaries)
        )
        self._remove_stale(new_cache)
        if new_cache != self.cache:
            from cjm.build.publish import write_page

            write_page(self.site, site_cache.CACHE_FILE, site_cache.cache_text(new_cache))
        troubles = [
            entries[item.file].troubles if item.file in entries else self._unread(item).troubles
            for item in self.inputs
        ]
        self.report.problems = self._problems(troubles)
        return self.report

    def _unread(self, item: MapInput) -> MapSummary:
        return failed_summary(item.file, item.slug, item.problems)

    def _cached_troubles(self, reused: dict[str, site_cache.MapEntry]) -> list[list[Trouble]]:
        return [
            reused[item.file].troubles if item.file in reused else self._unread(item).troubles
            for item in self.inputs
        ]

    def _entries(
        self, reused: dict[str, site_cache.MapEntry], outcomes: dict[str, MapOutcome]
    ) -> tuple[dict[str, site_cache.MapEntry], list[str]]:
        """The cache entry of every map, and every map's summary as JSON, in the project's order."""
        entries: dict[str, site_cache.MapEntry] = {}
        summaries: list[str] = []
        for item in self.inputs:
            if item.file in outcomes:
                previous = reused.get(item.file) or self.cache.maps.get(item.file)
                entries[item.file] = self._entry(item, outcomes[item.file], previous)
            elif item.file in reused:
                entries[item.file] = reused[item.file]
            else:  # could not be read: nothing to cache, read again next time
                summaries.append(self._unread(item).model_dump_json())
                continue
            summaries.append(entries[item.file].summary)
        return entries, summaries

    def _entry(
        self, item: MapInput, outcome: MapOutcome, previous: site_cache.MapEntry | None
    ) -> site_cache.MapEntry:
        outputs: dict[str, site_cache.Stamp] = {}
        if previous is not None and previous.key == self.map_key(item):
            outputs.update(
                {name: stamp for name, stamp in previous.outputs.items() if name in self.request.formats}
            )
        for name, file in outcome.written.items():
            outputs[name] = site_cache.stamp(self.site, file)
            self.report.written.append(self.site / file)
        return site_cache.MapEntry(
            key=self.map_key(item),
            slug=item.slug,
            loaded=outcome.loaded,
            troubles=outcome.troubles,
            summary=outcome.summary,
            outputs=outputs,
        )

    def publish(self, summaries: list[str]) -> dict[str, site_cache.Stamp]:
        """Make the portfolio files side by side; each is written only when what it shows changed."""
        from cjm.build import publish
        from cjm.build.workers import run_all

        page_input = publish.PageInput(
            tuple(summaries),
            self.request.formats,
            self.key,
            tuple(self.folders),
            self.site_theme(),
            self.site,
            dict(self.cache.pages),
            current_language(),
        )
        publish.prepare(page_input)
        warm = partial(publish.warm, page_input)
        outcomes = run_all(
            publish.publish, publish.SCHEDULE, self.jobs, publish.adopt, page_input, before_fork=warm
        )
        stamps: dict[str, site_cache.Stamp] = {}
        for outcome in sorted(outcomes, key=lambda outcome: publish.PORTFOLIO_FILES.index(outcome.name)):
            if outcome.error or outcome.stamp is None:
                raise UserError(outcome.error or _("{file}: not written").format(file=outcome.name))
            stamps[outcome.name] = outcome.stamp
            if outcome.written:
                self.report.written.append(self.site / outcome.name)
        return stamps

    def site_theme(self) -> SiteTheme:
        from cjm.build.pages import SiteTheme

        theme = self.renderer.theme
        return SiteTheme(theme.accent, theme.font, theme.logo)

    def _remove_stale(self, new_cache: site_cache.Cache) -> None:
        """Files the last build wrote that this one does not make (a map gone, a format not asked)."""
        kept = {stamp.file for entry in new_cache.maps.values() for stamp in entry.outputs.values()}
        kept |= {stamp.file for stamp in new_cache.pages.values()}
        before = {stamp.file for entry in self.cache.maps.values() for stamp in entry.outputs.values()}
        before |= {stamp.file for stamp in self.cache.pages.values()}
        for name in sorted(before - kept):
            path = self.site / name
            if site_cache.site_file(name) and (path.is_file() or path.is_symlink()):
                with contextlib.suppress(OSError):
                    os.unlink(path)
                    self.report.removed.append(path)

    def _problems(self, troubles: list[list[Trouble]]) -> list[str]:
        """Every map's problems as cjm check prints them (the map named as the user named it)."""
        return shown_problems(self.inputs, [item for found in troubles for item in found])


def build_site(request: BuildRequest, progress: Progress | None = None) -> BuildReport:
    """Build the site of the project at `request.target`; see the module's docstring."""
    return Builder(request, progress).build()


@dataclass
class Portfolio:
    """Every map of a project summarised, without a site: what `cjm backlog` prints."""

    summaries: list[MapSummary]
    problems: list[str]


def load_portfolio(target: Path) -> Portfolio:
    """Load and summarise every map of the project at `target`, as `cjm check` finds them."""
    from cjm.build.summary import summarize
    from cjm.load.journey import load_map_text

    if not target.exists():
        raise UserError(_("{target}: no such file or folder").format(target=target))
    summaries: list[MapSummary] = []
    inputs = read_inputs(open_project(target))
    for item in inputs:
        try:
            if item.data is None:
                raise LoadError(list(item.problems))
            journey = load_map_text(item.data, item.file)
        except LoadError as error:
            summaries.append(failed_summary(item.file, item.slug, error.problems))
            continue
        summaries.append(summarize(journey, item.file, item.slug, None, {}))
    return Portfolio(
        summaries, shown_problems(inputs, [trouble for summary in summaries for trouble in summary.troubles])
    )


def shown_problems(inputs: Sequence[MapInput], troubles: Sequence[Trouble]) -> list[str]:
    """Problems as cjm check prints them: each map named as the user named it."""
    shown = {item.file: str(item.path) for item in inputs}
    return [
        str(trouble.model_copy(update={"file": shown.get(trouble.file, trouble.file)}))
        for trouble in troubles
    ]
