"""`--format text`: the changes of each map, grouped by stage, for a terminal.

Colour only when the style asks for a colour system (a terminal without NO_COLOR); the
signs (+ - ~ >) and words carry everything without it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from cjm.diff.words import (
    SIGNS,
    count_line,
    coverage_line,
    describe,
    findings_line,
    group_title,
    grouped,
    maps_count,
    shortened,
    side_label,
    verdict,
    visible,
)
from cjm.i18n import gettext as _

if TYPE_CHECKING:
    from cjm.diff.review import MapDiff
    from cjm.reports import Style
    from cjm.rules import Finding

Line = list[tuple[str, str]]  # (text, Rich style) pieces of one line
STYLES = {"+": "green", "-": "red", "~": "yellow", ">": "cyan", "!": "bold red", "*": "bold green"}


def render_text(diffs: list[MapDiff], style: Style) -> str:
    lines: list[Line] = []
    for diff in diffs:
        lines += map_lines(diff)
    lines.append(summary_line(diffs))
    return _draw(lines, style)


def map_lines(diff: MapDiff) -> list[Line]:
    head: Line = [
        (visible(diff.path), "bold underline"),
        (f"  {visible(side_label(diff.old.label))} → {visible(side_label(diff.new.label))}", ""),
    ]
    if not diff.changes:
        return [head, [("  " + _("no changes"), "green")], []]
    lines = [head, [(f"  {coverage_line(diff)}; {findings_line([diff])}", "")]]
    width = len(str(max(change.line for change in diff.changes)))
    for stage, changes in grouped(diff):
        lines.append([(f"  {group_title(stage, diff)}", "bold")])
        for change in changes:
            sign = SIGNS[change.change]
            where = str(change.line).rjust(width) if change.line else " " * width
            lines.append(
                [(f"    {where}  ", "dim"), (sign, STYLES[sign]), (f" {describe(change, diff)}", "")]
            )
    lines += _findings(_("New findings"), diff.new_findings, "bold red")
    lines += _findings(_("Fixed findings"), diff.fixed_findings, "green")
    lines.append([])
    return lines


def _findings(title: str, findings: list[Finding], style: str) -> list[Line]:
    if not findings:
        return []
    lines: list[Line] = [[(f"  {title}", style)]]
    for finding in findings:
        where = visible(str(finding.position))
        text = f"  {finding.rule}  {finding.severity}  {shortened(finding.message, 200)}"
        lines.append([(f"    {where}", "bold"), (text, "")])
    return lines


def summary_line(diffs: list[MapDiff]) -> Line:
    regression = any(diff.regression for diff in diffs)
    said = (verdict(regression), "bold red" if regression else "green")
    return [(f"cjm diff: {maps_count(diffs)}, {count_line(diffs)}; {findings_line(diffs)}; ", ""), said]


def _draw(lines: list[Line], style: Style) -> str:
    if style.color is None:
        return "".join("".join(text for text, _style in line) + "\n" for line in lines)
    from rich.console import Console
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, color_system=style.color, force_terminal=True, width=style.width)  # type: ignore[arg-type]
    for line in lines:
        console.print(Text.assemble(*line), soft_wrap=True, highlight=False, emoji=False, markup=False)
    return buffer.getvalue()
