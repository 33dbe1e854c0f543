"""Turn cjm.yaml's `check:` section and the command-line flags into one CheckConfig.

Precedence: a flag wins over cjm.yaml. `--select` replaces `check.select`; `--ignore`
adds to `check.ignore`; `--strict` and `--min-coverage` override. A rule runs when it is
selected (or nothing is selected), not ignored, and not set to `off` in `check.rules`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cjm.checker import CheckConfig
from cjm.errors import LoadError, Position, Problem, UserError
from cjm.project import CheckSettings, shown_path
from cjm.rules import RULES, find_rule, suggest


@dataclass(frozen=True)
class CheckOptions:
    """What the user said on the command line; None or empty means 'as cjm.yaml says'."""

    strict: bool | None = None
    min_coverage: float | None = None
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)


def parse_codes(values: Iterable[str], flag: str) -> list[str]:
    """Codes or names from repeated and comma-separated flags, as codes; unknown ones are an error."""
    codes: list[str] = []
    for value in values:
        for part in filter(None, (piece.strip() for piece in value.split(","))):
            found = find_rule(part)
            if found is None:
                raise UserError(f"unknown rule '{part}' in {flag}{suggest(part)}; 'cjm rules' lists them")
            codes.append(found.code)
    return codes


def resolve_config(settings: CheckSettings, options: CheckOptions, settings_path: Path | None) -> CheckConfig:
    """The rules to run with their severities, what fails, and the minimum coverage."""
    _refuse_unknown_codes(settings, settings_path)
    selected = set(options.select or settings.select or RULES)
    ignored = set(settings.ignore) | set(options.ignore)
    severities: dict[str, str] = {}
    for code, rule in RULES.items():
        setting = settings.rules.get(code, rule.severity)
        if code in selected and code not in ignored and setting != "off":
            severities[code] = setting
    strict = settings.strict if options.strict is None else options.strict
    failing = frozenset({"error", "warning"} if strict else {"error"})
    minimum = settings.min_coverage if options.min_coverage is None else options.min_coverage
    return CheckConfig(severities, failing, minimum)


def _refuse_unknown_codes(settings: CheckSettings, settings_path: Path | None) -> None:
    unknown = [
        (section, code)
        for section, codes in (
            ("rules", settings.rules),
            ("select", settings.select),
            ("ignore", settings.ignore),
        )
        for code in codes
        if code not in RULES
    ]
    if not unknown:
        return
    where = shown_path(settings_path) if settings_path else "cjm.yaml"
    problems = [
        Problem(_position_of(settings_path, where, section, code), _unknown(section, code), "settings")
        for section, code in unknown
    ]
    raise LoadError(problems)


def _unknown(section: str, code: str) -> str:
    return f"unknown rule code '{code}' in check.{section}{suggest(code)}; 'cjm rules' lists them"


def _position_of(settings_path: Path | None, where: str, section: str, code: str) -> Position:
    """Where cjm.yaml writes `code` under check.<section>; read again only on this error path."""
    if settings_path is None:
        return Position(where)
    from cjm.yamlio import load_yaml_file

    data, _ = load_yaml_file(settings_path, where, frozenset())
    for mark in _marks_of(data, section, code):
        return Position(where, *mark)
    return Position(where, 1, 1)


def _marks_of(data: object, section: str, code: str) -> Iterator[tuple[int, int]]:
    check = data.get("check") if isinstance(data, dict) else None
    container = check.get(section) if isinstance(check, dict) else None
    if isinstance(container, dict) and code in container:
        yield container.key_marks[code]  # type: ignore[attr-defined]
    elif isinstance(container, list):
        for item, mark in zip(container, container.item_marks, strict=False):  # type: ignore[attr-defined]
            if item == code:
                yield mark
