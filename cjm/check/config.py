"""Turn cjm.yaml's `check:` section and the command-line flags into one CheckConfig.

Precedence: a flag wins over cjm.yaml. `--select` replaces `check.select`; `--ignore`
adds to `check.ignore`; `--strict` and `--min-coverage` override. A rule runs when it is
selected (or nothing is selected), not ignored, and not set to `off` in `check.rules`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.load.rule_codes import suggest_rule
from cjm.load.settings import Settings
from cjm.rules import RULES, find_rule


@dataclass(frozen=True)
class CheckConfig:
    """What one run checks: the rules that run with their severity, what fails, the minimum."""

    severities: dict[str, str]
    failing: frozenset[str] = frozenset({"error"})
    min_coverage: float = 0.0


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
                hint = suggest_rule(part)
                raise UserError(
                    _("unknown rule '{code}' in {flag}{suggestion}; 'cjm rules' lists them").format(
                        code=part, flag=flag, suggestion=hint
                    )
                )

            codes.append(found.code)
    return codes


def resolve_config(settings: Settings, options: CheckOptions) -> CheckConfig:
    """The rules to run with their severities, what fails, and the minimum coverage.

    The settings' rule codes are known ones: cjm.yaml is refused at load otherwise.
    """
    check = settings.check
    selected = set(options.select or check.select or RULES)
    ignored = set(check.ignore) | set(options.ignore)
    severities: dict[str, str] = {}
    for code, rule in RULES.items():
        setting = check.rules.get(code, rule.severity)
        if code in selected and code not in ignored and setting != "off":
            severities[code] = setting
    strict = check.strict if options.strict is None else options.strict
    failing = frozenset({"error", "warning"} if strict else {"error"})
    minimum = check.min_coverage if options.min_coverage is None else options.min_coverage
    return CheckConfig(severities, failing, minimum)
