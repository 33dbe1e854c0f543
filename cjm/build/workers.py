"""Building maps in parallel: each worker loads a map, checks it, summarises it and writes its pages.

Workers are forked where the platform allows it, after the parent has imported everything
and checked the project's theme and templates: a worker starts in milliseconds and imports
nothing. Elsewhere (spawn) each worker sets itself up once from a small picklable setup.
A worker never raises to its parent: a template's problem comes back as text.
"""

from __future__ import annotations

import gc
import importlib
import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_EXCEPTION, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from cjm.build.paths import MAP_FOLDER, refuse_links_out
from cjm.build.summary import failed_summary, summarize, troubles_of
from cjm.build.tasks import MapOutcome, MapTask, WorkerSetup
from cjm.check.config import CheckConfig
from cjm.check.run import check_map
from cjm.errors import LoadError, Problem, UserError
from cjm.i18n import use_language
from cjm.load.journey import load_map_text
from cjm.load.project import open_project
from cjm.model import JourneyMap
from cjm.render.jobs import Job, ProjectRenderer
from cjm.vocabulary import LOAD_CODES, SEVERITIES
from cjm.write import write_atomic


@dataclass
class _Worker:
    renderer: ProjectRenderer
    config: CheckConfig
    site: Path


_worker: _Worker | None = None


def prepare(setup: WorkerSetup, renderer: ProjectRenderer | None = None) -> None:
    """Set up this process to build maps (in the parent before forking, or in a spawned worker)."""
    global _worker
    if renderer is None:
        renderer = ProjectRenderer(open_project(setup.target), setup.templates, setup.page_size)
    # Jinja is imported on a page's first render; imported here, forked workers inherit it.
    importlib.import_module("cjm.render.environment")
    _worker = _Worker(renderer, setup.config, setup.site)


def adopt(setup: WorkerSetup) -> None:
    """A worker's start: Ctrl-C is the parent's to handle; set up unless forked ready."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if _worker is None:
        use_language(setup.language)
        prepare(setup)


def build_map(task: MapTask) -> MapOutcome:
    """Load, check and summarise one map, and write its pages."""
    assert _worker is not None, "prepare() first"
    try:
        journey = load_map_text(task.data, task.file)
    except LoadError as error:
        return MapOutcome.of(failed_summary(task.file, task.slug, error.problems))
    result = check_map(journey, task.file, _worker.config)
    counts = {severity: 0 for severity in SEVERITIES}
    for finding in result.findings:
        if finding.rule not in LOAD_CODES and finding.severity in counts:
            counts[finding.severity] += 1
    summary = summarize(journey, task.file, task.slug, result.coverage, counts)
    # An unknown code in an `ignore` list fails `cjm check` as bad input: the build says so too.
    problems = [Problem(item.position, item.message) for item in result.findings if item.rule in LOAD_CODES]
    if problems:
        summary = summary.model_copy(update={"troubles": troubles_of(problems)})
    try:
        written = {name: _write_page(task, journey, name) for name in task.formats}
    except UserError as error:
        return MapOutcome.of(summary, error=str(error))
    return MapOutcome.of(summary, written)


def _write_page(task: MapTask, journey: JourneyMap, format_name: str) -> str:
    assert _worker is not None
    name = f"{MAP_FOLDER}/{task.slug}.{format_name}"
    output = _worker.site / name
    refuse_links_out(_worker.site, name)
    job = Job(task.path, format_name, output, _worker.renderer.project.root)
    # The build's workers are processes already: each makes its PDFs itself, in process.
    write_atomic(output, _worker.renderer.render(job, journey, None))
    return name


def default_jobs() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext | None:
    return multiprocessing.get_context("fork") if "fork" in multiprocessing.get_all_start_methods() else None


Item = TypeVar("Item")
Outcome = TypeVar("Outcome")
Setup = TypeVar("Setup")


def run_all(
    function: Callable[[Item], Outcome],
    items: Sequence[Item],
    jobs: int,
    adopt: Callable[[Setup], None],
    setup: Setup,
    done: Callable[[Outcome], None] = lambda outcome: None,
    before_fork: Callable[[], None] = lambda: None,
) -> list[Outcome]:
    """`function` on every item, in up to `jobs` worker processes (in this one for one job or one item).

    `adopt(setup)` starts each worker; the items go in the order given (put the biggest first).
    `before_fork()` runs only when there will be workers: what it prepares, they inherit.
    """
    if jobs <= 1 or len(items) <= 1:
        outcomes = [function(item) for item in items]
        for outcome in outcomes:
            done(outcome)
        return outcomes
    before_fork()
    gc.freeze()  # what the workers inherit stays shared: their collector never touches it
    pool = ProcessPoolExecutor(
        max_workers=min(jobs, len(items)), mp_context=_context(), initializer=adopt, initargs=(setup,)
    )
    outcomes: list[Outcome] = []
    try:
        pending: set[Future[Outcome]] = {pool.submit(function, item) for item in items}
        while pending:
            finished, pending = wait(pending, return_when=FIRST_EXCEPTION)
            for future in finished:
                outcomes.append(future.result())
                done(outcomes[-1])
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        gc.unfreeze()
    return outcomes


def build_maps(
    tasks: Sequence[MapTask],
    jobs: int,
    setup: WorkerSetup,
    done: Callable[[MapOutcome], None],
    before_fork: Callable[[], None] = lambda: None,
) -> list[MapOutcome]:
    """Every map task, the biggest maps first."""
    ordered = sorted(tasks, key=lambda task: -len(task.data))
    return run_all(build_map, ordered, jobs, adopt, setup, done, before_fork)
