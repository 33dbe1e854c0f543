"""Which of the files a change touched are journey maps: what `cjm check --changed` checks.

A git hook (pre-commit) or a CI job passes every file it changed, maps or not. A file is a
map when its project's cjm.yaml lists it, when it is named as `cjm init` names maps
(`journey.yaml`, `NAME.journey.yaml`), or when it is a YAML file that starts like a map
(a line `cjm:` in its first 4 KB, what `cjm check DIR` looks for). A changed cjm.yaml
changes how every map of its project is judged, so its whole project is checked. A map's
result depends only on the map and its project's cjm.yaml, so nothing else needs checking.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

from cjm.errors import LoadError
from cjm.load.files import read_start
from cjm.load.project import find_settings
from cjm.load.settings import SETTINGS_FILE, load_settings

YAML_SUFFIXES = (".yaml", ".yml")
MAP_NAME = re.compile(r"([^/\\]+\.)?journey\.ya?ml", re.IGNORECASE)
_HEAD_BYTES = 4096  # as much of a file as the folder discovery reads to tell a map


def changed_targets(paths: list[Path]) -> list[Path]:
    """The maps among `paths`, and the folder of each cjm.yaml among them, in the order given."""
    listed = _ListedMaps()
    targets: list[Path] = []
    for path in paths:
        if path.is_dir() or (path.name == SETTINGS_FILE and path.is_file()):
            targets.append(path if path.is_dir() else path.parent)
        elif is_map_file(path) or listed.lists(path):
            targets.append(path)
    return targets


def is_map_file(path: Path) -> bool:
    """Named as a map, or a YAML file that starts like one."""
    if path.name == SETTINGS_FILE or not path.name.lower().endswith(YAML_SUFFIXES):
        return False
    return bool(MAP_NAME.fullmatch(path.name)) or starts_like_a_map(path)


def starts_like_a_map(path: Path) -> bool:
    # The test of `cjm.load.project`'s folder discovery, so both agree on what a map is.
    head = read_start(path, _HEAD_BYTES).decode("utf-8-sig", errors="replace")
    return any(line.startswith("cjm:") for line in head.splitlines())


class _ListedMaps:
    """The maps each cjm.yaml lists, each cjm.yaml read once."""

    def __init__(self) -> None:
        self.by_settings: dict[Path, set[str]] = {}

    def lists(self, path: Path) -> bool:
        settings = find_settings(path)
        if settings is None:
            return False
        if settings not in self.by_settings:
            self.by_settings[settings] = self._read(settings)
        return os.path.realpath(path) in self.by_settings[settings]

    @staticmethod
    def _read(settings: Path) -> set[str]:
        try:
            names = load_settings(settings).maps
        except LoadError:
            return set()  # a broken cjm.yaml is reported when the project or its maps are checked
        return {os.path.realpath(settings.parent / name) for name in names}
