"""A journey project: a folder with an optional `cjm.yaml` and one or more maps."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from cjm.errors import LoadError, Position, Problem
from cjm.model import RuleCode
from cjm.yamlio import load_yaml_file

SETTINGS_FILE = "cjm.yaml"
DEFAULT_MAP = "journey.yaml"
SETTINGS_TYPED_KEYS = frozenset({"min_coverage", "strict"})

Severity = Literal["error", "warning", "info"]
RuleSetting = Literal["error", "warning", "info", "off"]
Color = Annotated[str, StringConstraints(pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
OutputFormat = Literal["html", "md", "pdf"]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckSettings(_Section):
    """How `cjm check` judges the maps of this project."""

    rules: dict[RuleCode, RuleSetting] = Field(
        default_factory=dict,
        description="Severity per rule code (error, warning, info) or 'off' to switch it off.",
    )
    min_coverage: float = Field(
        0, ge=0, le=100, description="Coverage (percent) below which the check fails."
    )
    strict: bool = Field(False, description="Warnings fail the check too.")
    select: list[RuleCode] = Field(default_factory=list, description="Run only these rules.")
    ignore: list[RuleCode] = Field(default_factory=list, description="Do not run these rules.")


class RenderSettings(_Section):
    """Defaults of `cjm render` for this project."""

    formats: list[OutputFormat] = Field(default_factory=lambda: ["html"], description="Formats to render.")
    output: str | None = Field(None, description="Folder for rendered files, relative to the project.")
    templates: str | None = Field(None, description="Folder of templates that override the built-in ones.")
    page_size: str = Field("A3 landscape", description="PDF page size, as CSS @page size.")


class Theme(_Section):
    """Brand of the rendered deliverable."""

    color: Color | None = Field(None, description="Brand colour, as #rrggbb.")
    logo: str | None = Field(None, description="Logo image file inside the project folder.")
    font: str | None = Field(None, description="Font family name for headings and text.")


class Settings(_Section):
    """The project's `cjm.yaml`."""

    maps: list[str] = Field(default_factory=list, description="Map files of the project, relative to it.")
    check: CheckSettings = Field(default_factory=CheckSettings)
    render: RenderSettings = Field(default_factory=RenderSettings)
    theme: Theme = Field(default_factory=Theme)


@dataclass
class Project:
    """Where a project lives, its settings and the maps a command should read."""

    root: Path
    settings: Settings
    settings_path: Path | None = None
    maps: list[Path] = field(default_factory=list)


def shown_path(path: Path) -> str:
    """How a settings file is named in messages: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_settings(path: Path) -> Settings:
    from cjm.loader import validate

    shown = shown_path(path)
    data, problems = load_yaml_file(path, shown, SETTINGS_TYPED_KEYS)
    if problems:
        raise LoadError(problems)
    if data is None:
        return Settings()
    if not isinstance(data, dict):
        raise LoadError([Problem(Position(shown, 1, 1), "cjm.yaml must be a mapping of settings")])
    return validate(Settings, data, shown)


def find_settings(start: Path) -> Path | None:
    """The cjm.yaml of the folder holding `start`, or of its nearest parent inside the repository."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder.resolve(), *folder.resolve().parents]:
        if (candidate / SETTINGS_FILE).is_file():
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
    if (target / DEFAULT_MAP).exists():
        return Project(root, settings, settings_path, [target / DEFAULT_MAP])
    maps = maps_in(target)
    if not maps:
        message = f"no {DEFAULT_MAP} here, no {SETTINGS_FILE} that lists the maps, and no other map"
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
    try:
        with path.open("rb") as stream:
            head = stream.read(4096).decode("utf-8-sig", errors="replace")
    except OSError:
        return False
    return any(line.startswith("cjm:") for line in head.splitlines())
