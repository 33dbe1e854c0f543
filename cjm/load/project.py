"""A journey project: a folder with an optional `cjm.yaml` and the maps a command should read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import gettext as _
from cjm.load.files import read_start, resolved_inside
from cjm.load.settings import SETTINGS_FILE, Settings, load_settings

DEFAULT_MAP = "journey.yaml"


@dataclass
class Project:
    """Where a project lives, its settings and the maps a command should read."""

    root: Path
    settings: Settings
    settings_path: Path | None = None
    maps: list[Path] = field(default_factory=list)

    def settings_path_inside(self, section: str, key: str) -> Path | None:
        """The path a cjm.yaml setting names (`render`, `output`), with every symlink followed;
        None when the setting is absent. LoadError at the setting when the path lands outside
        the project folder: `out -> /etc` in the project, then `output: out`.
        """
        value = getattr(getattr(self.settings, section), key)
        if value is None:
            return None
        inside = resolved_inside(self.root / value, self.root)
        if inside is None:
            where = self.settings.position_of(section, key)
            message = _("{setting}: '{value}' leads outside the project folder (through a symlink)").format(
                setting=f"{section}.{key}", value=value
            )
            raise LoadError([Problem(where, message, "settings")])
        return inside


def find_settings(start: Path) -> Path | None:
    """The cjm.yaml of the folder holding `start`, or of its nearest parent inside the repository."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        if os.path.lexists(candidate / SETTINGS_FILE):  # read even when not a file, to say so
            return candidate / SETTINGS_FILE
        if (candidate / ".git").exists():
            return None
    return None


def open_project(target: Path) -> Project:
    """A project from one map file, or from a folder: the maps its cjm.yaml lists, else its
    journey.yaml, else every YAML file in it that starts like a map (`cjm:`)."""
    settings_path = find_settings(target)
    settings = load_settings(settings_path) if settings_path else Settings()
    root = settings_path.parent if settings_path else (target if target.is_dir() else target.parent)
    if not target.is_dir():
        return Project(root, settings, settings_path, [target])
    if settings_path and settings_path.parent == target.resolve() and settings.maps:
        return Project(root, settings, settings_path, [target / name for name in settings.maps])
    if os.path.lexists(target / DEFAULT_MAP):
        return Project(root, settings, settings_path, [target / DEFAULT_MAP])
    maps = maps_in(target)
    if not maps:
        message = _("no {map} here, no {settings} that lists the maps, and no other map").format(
            map=DEFAULT_MAP, settings=SETTINGS_FILE
        )

        raise LoadError([Problem(Position(str(target)), message)])
    return Project(root, settings, settings_path, maps)


def maps_in(folder: Path) -> list[Path]:
    """The journey maps of a folder: its YAML files whose first key is `cjm:`."""
    found = []
    for path in sorted([*folder.glob("*.yaml"), *folder.glob("*.yml")]):
        if path.name != SETTINGS_FILE and path.is_file() and _starts_like_a_map(path):
            found.append(path)
    return found


def _starts_like_a_map(path: Path) -> bool:
    head = read_start(path, 4096).decode("utf-8-sig", errors="replace")
    return any(line.startswith("cjm:") for line in head.splitlines())
