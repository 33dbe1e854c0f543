"""One backlog across journeys: every open opportunity of every map that is not archived, ranked.

Ranked by priority (absent counts as medium), then by the highest severity of the pain
points it addresses, then by effort (low first, absent last); ties keep the maps' order.
Written as CSV for an issue tracker's import, JSON, Markdown or plain text (FORMAT.md,
"The portfolio backlog").
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import dataclass

from cjm.build.summary import BacklogEntry, MapSummary, PainEntry
from cjm.build.text import plain, spreadsheet_cell, terminal_line
from cjm.i18n import gettext as _
from cjm.i18n import ngettext

CSV_COLUMNS = (
    "Title",
    "Description",
    "Priority",
    "Status",
    "Effort",
    "Labels",
    "Map",
    "Stage",
    "Addresses",
    "Owner",
)
LIST_SEPARATOR = "; "
TITLE_LIMIT = 255  # Jira's summary field; GitHub's issue titles take 256

_PRIORITY = {"high": 0, "medium": 1, "low": 2}
_SEVERITY = {"high": 0, "medium": 1, "low": 2}
_EFFORT = {"low": 0, "medium": 1, "high": 2}
_ABSENT = 3


@dataclass(frozen=True)
class BacklogItem:
    """An open opportunity in the portfolio's order, with the map it belongs to."""

    rank: int
    entry: BacklogEntry
    map: MapSummary

    @property
    def severity(self) -> str | None:
        """The highest severity of the pain points it addresses."""
        severities = [pain.severity for pain in self.entry.addressed]
        return min(severities, key=_SEVERITY.__getitem__) if severities else None

    @property
    def labels(self) -> list[str]:
        return ["cjm", self.map.slug, self.entry.stage_id]


@dataclass(frozen=True)
class LoosePain:
    """A pain point that no opportunity addresses."""

    pain: PainEntry
    map: MapSummary


def portfolio_maps(summaries: Iterable[MapSummary]) -> list[MapSummary]:
    """The maps the backlog and the data register cover: loaded and not archived."""
    return [summary for summary in summaries if summary.loaded and not summary.archived]


def _order(entry: BacklogEntry) -> tuple[int, int, int]:
    severities = [_SEVERITY[pain.severity] for pain in entry.addressed]
    return (
        _PRIORITY.get(entry.priority or "medium", 1),
        min(severities, default=_ABSENT),
        _EFFORT.get(entry.effort or "", _ABSENT),
    )


def ranked_backlog(summaries: Iterable[MapSummary]) -> list[BacklogItem]:
    """Every open opportunity of the portfolio, best first (a stable sort: ties keep the maps' order)."""
    found = [(entry, summary) for summary in portfolio_maps(summaries) for entry in summary.backlog]
    found.sort(key=lambda pair: _order(pair[0]))
    return [BacklogItem(rank, entry, summary) for rank, (entry, summary) in enumerate(found, start=1)]


def loose_pain_points(summaries: Iterable[MapSummary]) -> list[LoosePain]:
    """Pain points no opportunity addresses, most severe first, then in the maps' order."""
    found = [
        LoosePain(pain, summary) for summary in portfolio_maps(summaries) for pain in summary.unaddressed
    ]
    return sorted(found, key=lambda item: _SEVERITY[item.pain.severity])


def title_of(description: str) -> str:
    """An issue title: the description, cut at a word before the trackers' limit."""
    text = " ".join(plain(description).split())
    if len(text) <= TITLE_LIMIT:
        return text
    cut = text[: TITLE_LIMIT - 1].rsplit(" ", 1)[0] or text[: TITLE_LIMIT - 1]
    return cut + "…"


def issue_body(item: BacklogItem) -> str:
    """The description of the issue: the opportunity, what it solves and where it comes from."""
    entry = item.entry
    lines = [plain(entry.description), ""]
    if entry.addressed:
        lines.append("Addresses:")
        lines += [f"- {plain(pain.description)} (severity {pain.severity})" for pain in entry.addressed]
        lines.append("")
    lines.append(f"Journey: {plain(item.map.name)} ({plain(item.map.file)}), stage: {plain(entry.stage)}")
    if entry.id:
        lines.append(f"Opportunity id: {entry.id}")
    return "\n".join(lines)


def csv_row(item: BacklogItem) -> list[str]:
    entry = item.entry
    cells = [
        title_of(entry.description),
        issue_body(item),
        (entry.priority or "").capitalize(),
        entry.status,
        entry.effort or "",
        LIST_SEPARATOR.join(item.labels),
        item.map.name,
        entry.stage,
        LIST_SEPARATOR.join(entry.addresses),
        entry.owner or "",
    ]
    return [spreadsheet_cell(cell) for cell in cells]


def backlog_csv(items: list[BacklogItem]) -> str:
    """RFC 4180 CSV: a header row, CRLF line ends, quotes where a cell needs them; UTF-8 without a BOM
    (a BOM becomes part of the first column's name in GitLab's and github-csv-tools' importers)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    writer.writerows(csv_row(item) for item in items)
    return out.getvalue()


def _pain_record(pain: PainEntry) -> dict[str, object]:
    return {
        "id": pain.id,
        "description": pain.description,
        "severity": pain.severity,
        "stage": pain.stage_id,
        "touchpoint": pain.touchpoint,
    }


def _item_record(item: BacklogItem) -> dict[str, object]:
    entry = item.entry
    return {
        "rank": item.rank,
        "id": entry.id,
        "description": entry.description,
        "priority": entry.priority,
        "severity": item.severity,
        "effort": entry.effort,
        "status": entry.status,
        "owner": entry.owner,
        "map": item.map.file,
        "title": item.map.name,
        "stage": entry.stage_id,
        "addresses": [_pain_record(pain) for pain in entry.addressed],
        "line": entry.line,
    }


def backlog_json(items: list[BacklogItem], loose: list[LoosePain]) -> str:
    unaddressed = [
        {**_pain_record(item.pain), "map": item.map.file, "line": item.pain.line} for item in loose
    ]
    document = {
        "version": 1,
        "opportunities": [_item_record(item) for item in items],
        "unaddressed": unaddressed,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def backlog_text(items: list[BacklogItem], loose: list[LoosePain]) -> str:
    """For people on a terminal, in the interface language (the values as the maps write them):
    one opportunity a line, then what nothing addresses."""
    count = len(items)
    heading = ngettext("Backlog: {count} open opportunity", "Backlog: {count} open opportunities", count)
    lines = [heading.format(count=count)]
    lines += [_text_line(item) for item in items]
    if loose:
        lines += ["", _("Pain points no opportunity addresses: {count}").format(count=len(loose))]
        lines += [_loose_line(item) for item in loose]
    return "\n".join(lines) + "\n"


def _text_line(item: BacklogItem) -> str:
    entry = item.entry
    facts = [
        _("priority {priority}").format(priority=entry.priority or "medium"),
        _("effort {effort}").format(effort=entry.effort or "-"),
        entry.status,
    ]
    if item.severity:
        facts.insert(1, _("solves {severity}").format(severity=item.severity))
    where = f"{terminal_line(item.map.file)}:{entry.line} {terminal_line(entry.stage)}"
    return f"{item.rank:>4}. {terminal_line(entry.description)}  [{', '.join(facts)}]  {where}"


def _loose_line(item: LoosePain) -> str:
    pain = item.pain
    where = f"{terminal_line(item.map.file)}:{pain.line} {terminal_line(pain.stage)}"
    return f"      {terminal_line(pain.description)}  [{pain.severity}]  {where}"
