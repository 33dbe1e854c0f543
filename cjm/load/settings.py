"""A project's `cjm.yaml`: its settings, read once, remembering where each value is written."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, StringConstraints

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import gettext as _
from cjm.load.rule_codes import unknown_rule_message
from cjm.load.yaml_events import YamlList, YamlMap, load_yaml_file
from cjm.model import RuleCode
from cjm.rules import RULES
from cjm.vocabulary import COLOR_PATTERN, DEFAULT_PDF_VARIANT, PDF_VARIANTS, RENDER_FORMATS, SEVERITIES

SETTINGS_FILE = "cjm.yaml"
SETTINGS_TYPED_KEYS = frozenset({"min_coverage", "strict"})

RuleSetting = Literal[(*SEVERITIES, "off")]  # type: ignore[valid-type]
Color = Annotated[str, StringConstraints(pattern=COLOR_PATTERN)]
OutputFormat = Literal[RENDER_FORMATS]  # type: ignore[valid-type]
PdfVariant = Literal[PDF_VARIANTS]  # type: ignore[valid-type]


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CheckSettings(_Section):
    """How `cjm check` judges the maps of this project."""

    rules: dict[RuleCode, RuleSetting] = Field(
        default_factory=dict,
        description="Severity per rule code (error, warning, info) or 'off' to switch it off.",
    )
    min_coverage: float = Field(
        0,
        ge=0,
        le=100,
        allow_inf_nan=False,  # `nan` would compare false with every coverage: a silent no-op
        description="Coverage (percent) below which the check fails.",
    )
    strict: bool = Field(False, description="Warnings fail the check too.")
    select: list[RuleCode] = Field(default_factory=list, description="Run only these rules.")
    ignore: list[RuleCode] = Field(default_factory=list, description="Do not run these rules.")


class RenderSettings(_Section):
    """Defaults of `cjm render` for this project."""

    formats: list[OutputFormat] = Field(default_factory=lambda: ["html"], description="Formats to render.")
    output: str | None = Field(None, description="Folder for rendered files, relative to the project.")
    templates: str | None = Field(None, description="Folder of templates that override the built-in ones.")
    site: str | None = Field(None, description="Folder of the `cjm build` site (build/site).")
    page_size: str = Field("A3 landscape", description="PDF page size, as CSS @page size.")
    pdf_variant: PdfVariant = Field(
        DEFAULT_PDF_VARIANT, description="PDF flavour: tagged PDF/UA-1, archival PDF/A-3b, or none (plain)."
    )
    timeout: float = Field(
        120,
        gt=0,
        le=24 * 3600,
        allow_inf_nan=False,
        description="Seconds a render may take before it is stopped (nothing more is written).",
    )


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
    try:  # the folder resolved, not the file: a cjm.yaml that is a symlink keeps its name
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
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
            [Problem(Position(shown, 1, 1), _("cjm.yaml must be a mapping of settings"), "settings")]
        )
    else:
        try:
            settings = validate(Settings, data, shown)
        except LoadError as error:
            raise LoadError(_as_settings_problems(error.problems)) from None
    settings._source, settings._display = data, shown
    problems = [*_paths_outside(settings), *_unknown_codes(settings)]
    if problems:
        raise LoadError(problems)
    return settings


# The settings that name a file or folder: each stays inside the folder of its cjm.yaml.
_PATH_SETTINGS = (("render", "output"), ("render", "templates"), ("render", "site"), ("theme", "logo"))


def _paths_outside(settings: Settings) -> Iterator[Problem]:
    """A problem at every path setting that reaches outside the project, as written.

    Symlinks are followed where the path is used (`Project.settings_path_inside`): what
    matters there is where the files really land; here, what the file says.
    """
    for section, key in _PATH_SETTINGS:
        value = getattr(getattr(settings, section), key)
        problem = path_problem(value) if value is not None else None
        if problem:
            yield Problem(settings.position_of(section, key), f"{section}.{key}: {problem}", "settings")
    for name in settings.maps:
        problem = path_problem(name)
        if problem:
            yield Problem(settings.position_of("maps", item=name), f"maps: {problem}", "settings")


def path_problem(value: str) -> str | None:
    """Why a path written in cjm.yaml may not be used (absolute, `..` out of the folder), or None."""
    if "\0" in value:
        return _("a path cannot hold the character U+0000")
    if os.path.isabs(value) or PureWindowsPath(value).drive:
        return _(
            "'{value}' is outside the project folder: write a path relative to the folder of cjm.yaml"
        ).format(value=value)
    normal = os.path.normpath(value)
    if normal == os.pardir or normal.startswith(os.pardir + os.sep):
        return _("'{value}' is outside the project folder: '..' leaves the folder of cjm.yaml").format(
            value=value
        )

    return None


def _unknown_codes(settings: Settings) -> Iterator[Problem]:
    """A problem at every rule code of check.rules, check.select and check.ignore that no rule has."""
    check = settings.check
    for section, codes in (("rules", check.rules), ("select", check.select), ("ignore", check.ignore)):
        for code in codes:
            if code not in RULES:
                where = (
                    settings.position_of("check", "rules", code)
                    if section == "rules"
                    else settings.position_of("check", section, item=code)
                )
                yield Problem(where, unknown_rule_message(code, f"check.{section}"), "settings")


def _as_settings_problems(problems: list[Problem]) -> list[Problem]:
    """Problems of a cjm.yaml carry the `settings` code (YAML syntax keeps `syntax`)."""
    return [Problem(p.position, p.message, p.code if p.code == "syntax" else "settings") for p in problems]
