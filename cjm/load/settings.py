"""A project's `cjm.yaml`: its settings, read once, remembering where each value is written."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from cjm.errors import LoadError, Position, Problem
from cjm.load.yaml_events import YamlList, YamlMap, load_yaml_file
from cjm.model import RuleCode
from cjm.vocabulary import RENDER_FORMATS, SEVERITIES

SETTINGS_FILE = "cjm.yaml"
SETTINGS_TYPED_KEYS = frozenset({"min_coverage", "strict"})

RuleSetting = Literal[(*SEVERITIES, "off")]  # type: ignore[valid-type]
Color = Annotated[str, StringConstraints(pattern=r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")]
OutputFormat = Literal[RENDER_FORMATS]  # type: ignore[valid-type]


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


class ThemeSettings(_Section):
    """Brand of the rendered deliverable."""

    color: Color | None = Field(None, description="Brand colour, as #rrggbb.")
    logo: str | None = Field(None, description="Logo image file inside the project folder.")
    font: str | None = Field(None, description="Font family name for headings and text.")


class Settings(_Section):
    """The project's `cjm.yaml`."""

    maps: list[str] = Field(default_factory=list, description="Map files of the project, relative to it.")
    check: CheckSettings = Field(default_factory=CheckSettings)
    render: RenderSettings = Field(default_factory=RenderSettings)
    theme: ThemeSettings = Field(default_factory=ThemeSettings)
    _source: Any = PrivateAttr(None)  # the parsed file, with the marks of its keys and values
    _display: str = PrivateAttr(SETTINGS_FILE)

    def position_of(self, *keys: str, item: object = None) -> Position:
        """Where cjm.yaml writes `keys` (`check`, `rules`, `CJM999`), or the `item` of the list
        at `keys`; the file itself when the settings were not read from one."""
        data, mark = self._source, (1, 1)
        for key in keys:
            if not isinstance(data, YamlMap) or key not in data:
                break
            mark = data.key_marks[key]
            data = data[key]
        if isinstance(data, YamlList) and item is not None and item in data:
            mark = data.item_marks[data.index(item)]
        return Position(self._display, *mark) if self._source is not None else Position(self._display)


def shown_path(path: Path) -> str:
    """How a settings file is named in messages: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def load_settings(path: Path) -> Settings:
    """The settings of a cjm.yaml; raises LoadError with every problem found in it."""
    from cjm.load.messages import validate

    shown = shown_path(path)
    data, problems = load_yaml_file(path, shown, SETTINGS_TYPED_KEYS)
    if problems:
        raise LoadError(_as_settings_problems(problems))
    if data is None:
        settings = Settings()
    elif not isinstance(data, dict):
        raise LoadError(
            [Problem(Position(shown, 1, 1), "cjm.yaml must be a mapping of settings", "settings")]
        )
    else:
        try:
            settings = validate(Settings, data, shown)
        except LoadError as error:
            raise LoadError(_as_settings_problems(error.problems)) from None
    settings._source, settings._display = data, shown
    return settings


def _as_settings_problems(problems: list[Problem]) -> list[Problem]:
    """Problems of a cjm.yaml carry the `settings` code (YAML syntax keeps `syntax`)."""
    return [Problem(p.position, p.message, p.code if p.code == "syntax" else "settings") for p in problems]
