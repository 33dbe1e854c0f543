"""A check run: every map of every target loaded once, the rules run on it, one result each.

`check_targets` is what `cjm check` does; `check_map` is the pure part, a model and a
configuration in, a result out. Nothing here prints or exits.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from cjm.check.config import CheckConfig, CheckOptions, resolve_config
from cjm.errors import LoadError, Problem
from cjm.i18n import gettext as _
from cjm.load.journey import load_map
from cjm.load.project import find_settings, open_project
from cjm.model import JourneyMap
from cjm.rules import RULES, Finding
from cjm.rules.base import Scope
from cjm.vocabulary import LOAD_CODES, MIN_COVERAGE_CODE


@dataclass
class MapResult:
    """The outcome for one map file: findings, coverage pairs judged and held, and the model."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    judged: int = 0
    held: int = 0
    journey: JourneyMap | None = None
    failing: frozenset[str] = frozenset({"error"})
    rules_run: list[str] = field(default_factory=list)
    sources: tuple[Path, ...] = ()  # the files read for it: the map and its cjm.yaml

    @property
    def coverage(self) -> float | None:
        """Percent of (rule, element) pairs that hold; None when the map did not load."""
        if self.journey is None:
            return None
        return percent(self.held, self.judged)

    @property
    def load_failed(self) -> bool:
        return any(finding.rule in LOAD_CODES for finding in self.findings)

    @property
    def failed(self) -> bool:
        return any(finding.severity in self.failing for finding in self.findings)


def percent(held: int, judged: int) -> float:
    """One decimal; a map with nothing to judge is fully covered."""
    return round(100.0 * held / judged, 1) if judged else 100.0


def total_coverage(results: Iterable[MapResult]) -> float | None:
    """Pairs held over pairs judged across all loaded maps (not an average of percentages)."""
    loaded = [result for result in results if result.journey is not None]
    if not loaded:
        return None
    return percent(sum(result.held for result in loaded), sum(result.judged for result in loaded))


def load_failure(path: str, problems: Iterable[Problem]) -> MapResult:
    """A map that did not load: its problems become findings, so every format shows them."""
    findings = [problem_finding(problem) for problem in problems]
    return MapResult(path, findings)


def problem_finding(problem: Problem) -> Finding:
    return Finding(problem.code, "error", problem.message, problem.position, None)


def check_map(journey: JourneyMap, path: str, config: CheckConfig) -> MapResult:
    """Every enabled rule on one map, minus what its ignore lists switch off."""
    result = MapResult(path, journey=journey, failing=config.failing)
    for code, severity in config.severities.items():
        if code in journey.ignore:
            continue
        rule = RULES[code]
        result.rules_run.append(code)
        found = [finding for finding in rule.check(journey, severity) if not ignored(code, finding.scope)]
        result.findings.extend(found)
        if rule.subjects is not None:
            judged = sum(1 for scope in rule.subjects(journey) if not ignored(code, scope))
            result.judged += judged
            result.held += judged - len(found)
    _check_minimum(result, journey, config.min_coverage)
    result.findings.sort(key=lambda finding: (finding.position.line, finding.position.column, finding.rule))
    return result


def ignored(code: str, scope: Scope) -> bool:
    """Whether the element a finding is about, or an element around it, ignores the rule."""
    return any(code in element.ignore for element in scope)  # type: ignore[attr-defined]


def _check_minimum(result: MapResult, journey: JourneyMap, minimum: float) -> None:
    coverage = result.coverage
    if coverage is not None and coverage < minimum:
        message = _(
            "coverage {coverage}% is below the minimum of {minimum}%: fix the CJM101-CJM108 findings above"
        ).format(coverage=f"{coverage:g}", minimum=f"{minimum:g}")

        result.findings.append(Finding(MIN_COVERAGE_CODE, "error", message, journey.position, None))


def check_targets(targets: list[Path], options: CheckOptions) -> list[MapResult]:
    """One result per map of every target, in order; a map named twice is checked once.

    A target or map that cannot be read becomes a result of its own problems, so every
    report format shows them and the others are still checked.
    """
    results: list[MapResult] = []
    seen: set[str] = set()
    for target in targets:
        try:
            project = open_project(target)
            config = resolve_config(project.settings, options)
        except LoadError as error:
            results.append(load_failure(str(target), error.problems))
            settings_path = find_settings(target)
            results[-1].sources = (target, settings_path) if settings_path else (target,)
            continue
        settings = (project.settings_path,) if project.settings_path else ()
        for path in project.maps:
            identity = os.path.realpath(path)  # unlike Path.resolve, never raises on a symlink loop
            if identity not in seen:
                seen.add(identity)
                results.append(check_file(path, config))
                results[-1].sources = (path, *settings)
    return results


def check_file(path: Path, config: CheckConfig) -> MapResult:
    try:
        journey = load_map(path)
    except LoadError as error:
        return load_failure(str(path), error.problems)
    return check_map(journey, str(path), config)


def exit_code(results: list[MapResult]) -> int:
    """2 when any input was bad, 1 when findings or coverage fail the check, else 0."""
    if any(result.load_failed for result in results):
        return 2
    return 1 if any(result.failed for result in results) else 0
