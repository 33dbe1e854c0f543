"""`--format markdown`: a pull-request comment or a GitHub job summary.

A summary line, then per map a table per stage. Every piece of map text goes through
`visible` and then Markdown escaping (no HTML, links, emphasis or table breaks), and the
whole stays under GitHub's comment limit: rows that do not fit become "... and N more".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cjm.diff.words import (
    SIGNS,
    count_line,
    coverage_line,
    detail,
    findings_line,
    group_title,
    grouped,
    shortened,
    side_label,
    subject,
    verdict,
    visible,
)
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.render.escape import markdown_cell, markdown_inline

if TYPE_CHECKING:
    from cjm.diff.review import MapDiff
    from cjm.reports import Style
    from cjm.rules import Finding

MAX_CHARACTERS = 65_000  # GitHub refuses comments over 65,536 characters
# The header rows, whole, for translators (each keeps its four columns).
TABLE_HEAD = N_("| line | | element | change |")
FINDINGS_HEAD = N_("| | rule | where | message |")
TABLE_RULE = "|---:|:-:|---|---|\n"
FINDINGS_RULE = "|:-:|---|---|---|\n"


class Page:
    """Markdown written block by block until the budget is spent, then only counted."""

    def __init__(self, budget: int) -> None:
        self.parts: list[str] = []
        self.left = budget
        self.left_out = 0

    def add(self, text: str, rows: int = 0) -> bool:
        """Add `text` if it fits (and nothing was left out before it, to keep the order)."""
        if self.left_out or len(text) > self.left:
            self.left_out += rows
            return False
        self.parts.append(text)
        self.left -= len(text)
        return True

    def text(self) -> str:
        more = _("... and {count} more (run `cjm diff` locally to see them all)")
        tail = f"\n{more.format(count=self.left_out)}\n" if self.left_out else ""
        return "".join(self.parts) + tail


def render_markdown(diffs: list[MapDiff], style: Style | None = None) -> str:
    page = Page(MAX_CHARACTERS - 200)  # room for the tail
    regression = any(diff.regression for diff in diffs)
    said = f"**{verdict(True)}**" if regression else verdict(False)
    page.add(f"### cjm diff\n\n{count_line(diffs)}; {findings_line(diffs)}; {said}\n")
    for diff in diffs:
        _map_section(page, diff)
    return page.text()


def _map_section(page: Page, diff: MapDiff) -> None:
    title = f"\n#### {markdown_inline(shortened(diff.path, 200))}\n\n"
    old, new = (markdown_inline(shortened(side_label(side.label))) for side in (diff.old, diff.new))
    sides = f"{old} → {new}"
    if not diff.changes:
        nothing = _("no changes")
        page.add(f"{title}{sides}: {nothing}\n")
        return
    page.add(f"{title}{sides} · {coverage_line(diff)} · {findings_line([diff])}\n")
    for stage, changes in grouped(diff):
        if page.add(f"\n**{markdown_inline(group_title(stage, diff))}**\n\n{_(TABLE_HEAD)}\n{TABLE_RULE}"):
            for change in changes:
                sign = markdown_cell(SIGNS[change.change])
                cells = [
                    str(change.line or ""),
                    sign,
                    _cell(subject(change, diff)),
                    _cell(detail(change, diff)),
                ]
                page.add(f"| {' | '.join(cells)} |\n", rows=1)
        else:
            page.left_out += len(changes)
    _findings(page, _("New findings"), "+", diff.new_findings)
    _findings(page, _("Fixed findings"), "-", diff.fixed_findings)


def _findings(page: Page, title: str, sign: str, findings: list[Finding]) -> None:
    head = f"\n**{title}**\n\n{_(FINDINGS_HEAD)}\n{FINDINGS_RULE}"
    if not findings or not page.add(head, rows=len(findings)):
        return
    for finding in findings:
        cells = [markdown_cell(sign), finding.rule, _cell(str(finding.position)), _cell(finding.message)]
        page.add(f"| {' | '.join(cells)} |\n", rows=1)


def _cell(text: str) -> str:
    return markdown_cell(visible(text))
