"""Where each version of a map is read from: a file, or a path at a git revision; and which
maps a project has at a revision (as `cjm check` finds them on disk)."""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cjm.diff.git import repository_of
from cjm.errors import LoadError
from cjm.i18n import N_
from cjm.load.files import MAX_FILE_BYTES, decode, read_map_bytes
from cjm.load.project import DEFAULT_MAP, open_project
from cjm.load.settings import SETTINGS_FILE
from cjm.load.yaml_events import YamlMap, parse_lenient

WORKING_TREE = N_("working tree")  # a label in JSON too: translated only where people read it
MAX_CANDIDATES = 200  # YAML files of one folder looked into for a map at a revision
HEAD_BYTES = 4096


@dataclass(frozen=True)
class Source:
    """One version of one map: a file on disk (revision None), or a path at a revision."""

    path: Path
    revision: str | None = None
    label: str = WORKING_TREE

    @property
    def display(self) -> str:
        """How messages name it: `journey.yaml`, or `journey.yaml@main`."""
        return str(self.path) if self.revision is None else f"{self.path}@{self.revision}"

    def read(self, required: bool = False) -> bytes | None:
        """The map's bytes, checked to be UTF-8; None when this version has no such file."""
        if self.revision is None:
            if not required and not os.path.lexists(self.path):
                return None
            return read_map_bytes(self.path, self.display)
        repository = repository_of(self.path.parent)
        commit = repository.require_commit(self.revision)
        data = repository.blob(commit, repository.inside(self.path), self.display)
        if data is not None:
            decode(data, self.display)
        return data


def side(revision: str | None) -> Source:
    """A template Source for one side of a comparison (its path is set per map)."""
    return Source(Path(), revision, WORKING_TREE if revision is None else revision)


def at(template: Source, path: Path) -> Source:
    return Source(path, template.revision, template.label)


def project_maps(folders: Iterable[Path], sides: Iterable[Source]) -> list[Path]:
    """The maps of these project folders on every side, once each, the working tree's first."""
    found: dict[str, Path] = {}
    for folder in folders:
        for template in sides:
            for path in _maps_on(template, folder):
                found.setdefault(os.path.normpath(path), path)
    return list(found.values())


def _maps_on(template: Source, folder: Path) -> list[Path]:
    if template.revision is None:
        try:
            return open_project(folder).maps
        except LoadError:
            return []  # no map on disk: the other side may still have some
    return maps_at_revision(template.revision, folder)


def maps_at_revision(revision: str, folder: Path) -> list[Path]:
    """The maps `cjm check` would have found in `folder` at `revision`: those its cjm.yaml
    lists, else its journey.yaml, else its YAML files that start like a map."""
    settings = at(side(revision), folder / SETTINGS_FILE).read()
    listed = listed_maps(settings, f"{folder / SETTINGS_FILE}@{revision}") if settings else []
    if listed:
        return [folder / name for name in listed]
    if at(side(revision), folder / DEFAULT_MAP).read() is not None:
        return [folder / DEFAULT_MAP]
    return _yaml_maps_at(revision, folder)


def listed_maps(settings: bytes, display: str) -> list[str]:
    """The `maps` of a cjm.yaml's text; none when it does not read (the working tree's
    settings are the ones that judge the maps: these only say which maps there were)."""
    try:
        data, _ = parse_lenient(settings, display)
    except LoadError:
        return []
    maps = data.get("maps") if isinstance(data, YamlMap) else None
    return [name for name in maps if isinstance(name, str)] if isinstance(maps, list) else []


def _yaml_maps_at(revision: str, folder: Path) -> list[Path]:
    repository = repository_of(folder)
    commit = repository.require_commit(revision)
    inside = repository.inside(folder / SETTINGS_FILE).rpartition("/")[0]
    names = [
        name
        for name, size in repository.files_in(commit, inside)
        if name.endswith((".yaml", ".yml")) and name != SETTINGS_FILE and size <= MAX_FILE_BYTES
    ]
    found = []
    for name in sorted(names)[:MAX_CANDIDATES]:
        data = repository.blob(commit, f"{inside}/{name}" if inside else name, f"{folder / name}@{revision}")
        head = (data or b"")[:HEAD_BYTES].decode("utf-8-sig", errors="replace")
        if any(line.startswith("cjm:") for line in head.splitlines()):
            found.append(folder / name)
    return found
