"""A `cjm diff` run: which maps to compare, each version loaded and checked, one MapDiff each.

Both versions of a map are checked with the same settings (the cjm.yaml found from the map
on disk), so a finding that is new or fixed comes from the map's change, not the settings'.
Nothing here prints or exits.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm.check.config import CheckConfig, CheckOptions, resolve_config
from cjm.check.run import check_map
from cjm.diff.arguments import Request
from cjm.diff.review import MapDiff, Version, review
from cjm.diff.sources import Source, at, project_maps, side
from cjm.errors import LoadError, Position, Problem
from cjm.i18n import gettext as _
from cjm.load.journey import load_map_text
from cjm.load.project import open_project
from cjm.vocabulary import LOAD_CODES

JSON_VERSION = 1


@dataclass(frozen=True)
class Job:
    """One map to compare: its path as shown, and where each version is read from."""

    path: str
    old: Source
    new: Source
    required: bool = False  # two files named by the user: both must be there


def plan(request: Request) -> list[Job]:
    """The maps a request compares, each with its two versions."""
    if not request.revisions:
        old, new = request.maps
        return [Job(str(new), Source(old, None, str(old)), Source(new, None, str(new)), required=True)]
    old_side = side(request.revisions[0])
    new_side = side(request.revisions[1] if len(request.revisions) == 2 else None)
    paths: list[Path] = []
    for name in request.maps or (Path("."),):
        paths += project_maps([name], [new_side, old_side]) if name.is_dir() else [name]
    if not paths:
        raise LoadError(
            [Problem(Position("."), _("no journey map here, in the working tree or at the revisions"))]
        )
    return [Job(str(path), at(old_side, path), at(new_side, path)) for path in dict.fromkeys(paths)]


def run(jobs: list[Job]) -> list[MapDiff]:
    """A MapDiff per job; LoadError with every problem of every map that does not load."""
    with _cyclic_gc_paused():
        return _run(jobs)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Two big maps are alive at once and the comparison makes no reference cycles: each
    full collection, triggered by the pairing's allocations, walked both models for nothing
    (about a tenth of a diff of two maps of 10,000 touchpoints)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _run(jobs: list[Job]) -> list[MapDiff]:
    problems: list[Problem] = []
    diffs = []
    configs: dict[Any, CheckConfig] = {}
    for job in jobs:
        config = _config(job.new.path, configs)
        before = len(problems)
        old = _version(job.old, config, job, problems)
        new = _version(job.new, config, job, problems)
        if len(problems) == before and old.result is None and new.result is None:
            message = _("no such map {old}, nor {new}").format(old=_place(job.old), new=_place(job.new))
            problems.append(Problem(Position(job.path), message))
        if not problems:
            diffs.append(review(job.path, old, new, config.failing))
    if problems:
        raise LoadError(problems)
    return diffs


def _place(source: Source) -> str:
    if source.revision is None:
        return _("in the working tree")
    return _("at {revision}").format(revision=source.revision)


def _config(path: Path, configs: dict[Any, CheckConfig]) -> CheckConfig:
    project = open_project(path)
    key = project.settings_path
    if key not in configs:
        configs[key] = resolve_config(project.settings, CheckOptions())
    return configs[key]


def _version(source: Source, config: CheckConfig, job: Job, problems: list[Problem]) -> Version:
    try:
        data = source.read(required=job.required)
        if data is None:
            return Version(source.label)
        journey = load_map_text(data, source.display)
    except LoadError as error:
        problems.extend(error.problems)
        return Version(source.label)
    result = check_map(journey, job.path, config)
    unreadable = [finding for finding in result.findings if finding.rule in LOAD_CODES]
    if unreadable:  # an unknown code in an `ignore` list: bad input for `cjm check` too
        problems.extend(Problem(finding.position, finding.message, finding.rule) for finding in unreadable)
        return Version(source.label)
    return Version(source.label, result)


def summary(diffs: list[MapDiff]) -> dict[str, Any]:
    """FORMAT.md's summary of a `cjm diff` run."""
    return {
        "maps": len(diffs),
        "added": sum(diff.count("added") for diff in diffs),
        "removed": sum(diff.count("removed") for diff in diffs),
        "changed": sum(diff.count("changed") for diff in diffs),
        "new_findings": sum(len(diff.new_findings) for diff in diffs),
        "fixed_findings": sum(len(diff.fixed_findings) for diff in diffs),
        "regression": any(diff.regression for diff in diffs),
    }
