"""`--format github`: a notice on each changed line of the new version, for GitHub Actions.

Workflow commands are escaped as `cjm check --format github` escapes them, after `visible`
has made control characters harmless in the log. A removal points at its stage's line in
the new version (its own line is in the old one), or at the file.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjm.diff.words import (
    count_line,
    coverage_line,
    describe,
    findings_line,
    maps_count,
    verdict,
    visible,
)
from cjm.i18n import ngettext
from cjm.reports.github import escape_data, escape_property

if TYPE_CHECKING:
    from cjm.diff.compare import Change
    from cjm.diff.review import MapDiff
    from cjm.reports import Style


def render_github(diffs: list[MapDiff], style: Style | None = None) -> str:
    lines = []
    for diff in diffs:
        lines += [_notice(diff, change) for change in diff.changes]
        if diff.regression:
            lines.append(_regression(diff))
    said = verdict(any(diff.regression for diff in diffs))
    lines.append(f"cjm diff: {maps_count(diffs)}, {count_line(diffs)}; {findings_line(diffs)}; {said}")
    return "\n".join(lines) + "\n"


def _notice(diff: MapDiff, change: Change) -> str:
    line = change.line
    if change.change == "removed":
        line = diff.new_stage_lines.get(change.stage or "", 0)
    # The title is the stable part of an annotation, as the rule code is for cjm check: in
    # English whatever the interface speaks, so that a workflow can filter on it.
    title = (
        "cjm diff: the curve moved"
        if change.change == "emotion"
        else f"cjm diff: {change.kind} {change.change}"
    )
    return _command("notice", diff, line, title, describe(change, diff))


def _regression(diff: MapDiff) -> str:
    reasons = []
    if diff.coverage_fell:
        reasons.append(coverage_line(diff))
    failing = diff.new_failing
    if failing:
        rules = ", ".join(sorted({finding.rule for finding in failing}))
        count = len(failing)
        words = ngettext(
            "{count} new failing finding(s) ({rules})", "{count} new failing finding(s) ({rules})", count
        )
        reasons.append(words.format(count=count, rules=rules))
    return _command("warning", diff, 0, "cjm diff: regression", "; ".join(reasons))


def _command(level: str, diff: MapDiff, line: int, title: str, message: str) -> str:
    properties = [f"file={escape_property(visible(diff.path))}"] if diff.new.journey is not None else []
    if line and properties:
        properties.append(f"line={line}")
    properties.append(f"title={escape_property(visible(title))}")
    return f"::{level} {','.join(properties)}::{escape_data(visible(message))}"
