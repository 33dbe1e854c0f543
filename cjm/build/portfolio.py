"""What each page of the site shows, as plain data: the templates' input, and what the cache hashes.

Every value is text, a number, a list or a mapping, so that a page's input hashes the same
on every run, and a page is rebuilt exactly when what it shows changed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from cjm.build.backlog import BacklogItem, LoosePain, loose_pain_points, portfolio_maps, ranked_backlog
from cjm.build.paths import MAP_FOLDER
from cjm.build.personas import PortfolioPersona, portfolio_personas
from cjm.build.register import GROUPS, DataRecord, data_records
from cjm.build.summary import MapSummary, Moment, PainEntry
from cjm.vocabulary import LEVELS

Page = dict[str, Any]
FORMAT_NAMES = {"html": "Web page", "md": "Markdown", "pdf": "PDF"}
STATUS_NAMES = {"draft": "Draft", "validated": "Validated", "archived": "Archived", None: "No status"}
BUSINESS_NAMES = {"b2c": "B2C", "b2b": "B2B"}
SEVERITY_ORDER = tuple(reversed(LEVELS))  # high, medium, low


def map_page(summary: MapSummary, format_name: str = "html") -> str:
    """The site-relative address of a map's page (or its PDF, its Markdown)."""
    return f"{MAP_FOLDER}/{summary.slug}.{format_name}"


def _emotion_text(value: int) -> str:
    """A score with a real minus sign, so that '−1' does not read as a dash."""
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


def _moment(moment: Moment | None) -> dict[str, Any] | None:
    if moment is None:
        return None
    return {
        "emotion": moment.emotion,
        "score": _emotion_text(moment.emotion),
        "stage": moment.stage,
        "touchpoint": moment.touchpoint,
        "personas": moment.personas,
        "others": moment.others,
    }


def _links(summary: MapSummary, formats: Sequence[str]) -> list[dict[str, str]]:
    if not summary.loaded:
        return []
    return [
        {"href": map_page(summary, name), "label": FORMAT_NAMES[name], "format": name} for name in formats
    ]


def journey_card(summary: MapSummary, formats: Sequence[str], order: int = 0) -> dict[str, Any]:
    """One journey on the index: what it is, how complete, where it hurts, what is open."""
    open_counts = {level: summary.open_pain_points.get(level, 0) for level in SEVERITY_ORDER}
    persona_names = [persona.name for persona in summary.personas]
    stage_names = [stage.name for stage in summary.stages]
    searchable = " ".join([summary.name, summary.file, *persona_names, *stage_names, summary.owner or ""])
    return {
        "order": order,
        "slug": summary.slug,
        "file": summary.file,
        "title": summary.name,
        "loaded": summary.loaded,
        "language": summary.language,
        "business": summary.business,
        "business_name": BUSINESS_NAMES.get(summary.business, summary.business),
        "status": summary.status or "none",
        "status_name": STATUS_NAMES.get(summary.status, summary.status or ""),
        "owner": summary.owner,
        "updated": summary.updated,
        "personas": persona_names,
        "stages": stage_names,
        "touchpoints": summary.touchpoints,
        "coverage": summary.coverage,
        "findings": summary.findings,
        "worst": _moment(summary.worst),
        "open": open_counts,
        "open_total": sum(open_counts.values()),
        "open_rank": open_counts["high"] * 1_000_000 + open_counts["medium"] * 1_000 + open_counts["low"],
        "resolved": summary.resolved_pain_points,
        "opportunities": len(summary.backlog),
        "troubles": [str(trouble) for trouble in summary.troubles],
        "links": _links(summary, formats),
        "search": searchable.lower(),
    }


def index_page(summaries: Sequence[MapSummary], formats: Sequence[str]) -> Page:
    live = [summary for summary in summaries if summary.loaded and not summary.archived]
    records = data_records(summaries)
    return {
        "journeys": [journey_card(summary, formats, order) for order, summary in enumerate(live, start=1)],
        "archived": [
            journey_card(summary, formats) for summary in summaries if summary.loaded and summary.archived
        ],
        "failed": [journey_card(summary, formats) for summary in summaries if not summary.loaded],
        "statuses": sorted({summary.status or "none" for summary in live}),
        "businesses": sorted({summary.business for summary in live}),
        "totals": {
            "journeys": len(live),
            "opportunities": sum(len(summary.backlog) for summary in live),
            "no_purpose": sum(1 for record in records if record.group == "no-purpose"),
            "personas": len(portfolio_personas(summaries)),
            "failed": sum(1 for summary in summaries if not summary.loaded),
        },
    }


def _pain(pain: PainEntry) -> dict[str, Any]:
    return {
        "description": pain.description,
        "severity": pain.severity,
        "stage": pain.stage,
        "touchpoint": pain.touchpoint,
        "id": pain.id,
    }


def _journey(summary: MapSummary) -> dict[str, str]:
    return {
        "title": summary.name,
        "href": map_page(summary),
        "language": summary.language,
        "file": summary.file,
    }


def _backlog_row(item: BacklogItem) -> dict[str, Any]:
    entry = item.entry
    return {
        "rank": item.rank,
        "description": entry.description,
        "priority": entry.priority,
        "severity": item.severity,
        "effort": entry.effort,
        "status": entry.status,
        "owner": entry.owner,
        "stage": entry.stage,
        "addressed": [_pain(pain) for pain in entry.addressed],
        "journey": _journey(item.map),
    }


def _loose_row(item: LoosePain) -> dict[str, Any]:
    return {**_pain(item.pain), "journey": _journey(item.map)}


def backlog_page(summaries: Sequence[MapSummary]) -> Page:
    items = ranked_backlog(summaries)
    return {
        "rows": [_backlog_row(item) for item in items],
        "loose": [_loose_row(item) for item in loose_pain_points(summaries)],
        "journeys": len(portfolio_maps(summaries)),
        "archived": [summary.name for summary in summaries if summary.loaded and summary.archived],
    }


def _data_row(record: DataRecord) -> dict[str, Any]:
    entry = record.entry
    return {
        "name": entry.name,
        "personal": entry.personal,
        "purpose": entry.purpose,
        "stage": entry.stage,
        "touchpoint": entry.touchpoint,
        "channel": entry.channel,
        "personas": entry.personas,
        "owner": entry.owner,
        "source": record.source,
        "journey": _journey(record.map),
    }


def data_page(summaries: Sequence[MapSummary]) -> Page:
    records = data_records(summaries)
    groups = [
        {"key": key, "title": title, "rows": [_data_row(record) for record in records if record.group == key]}
        for key, title in GROUPS
    ]
    return {
        "groups": groups,
        "total": len(records),
        "archived": [summary.name for summary in summaries if summary.loaded and summary.archived],
    }


def _persona(persona: PortfolioPersona) -> dict[str, Any]:
    names = persona.names
    return {
        "id": persona.id,
        "name": names[0],
        "other_names": names[1:],
        "descriptions": persona.descriptions,
        "goals": persona.merged("goals"),
        "needs": persona.merged("needs"),
        "frustrations": persona.merged("frustrations"),
        "journeys": [
            {
                **_journey(appearance.map),
                "name": appearance.persona.name,
                "archived": appearance.map.archived,
                "moment": _moment(appearance.moment),
            }
            for appearance in persona.appearances
        ],
    }


def personas_page(summaries: Sequence[MapSummary]) -> Page:
    return {"personas": [_persona(persona) for persona in portfolio_personas(summaries)]}


PAGES = {
    "index.html": lambda summaries, formats: index_page(summaries, formats),
    "backlog.html": lambda summaries, formats: backlog_page(summaries),
    "data.html": lambda summaries, formats: data_page(summaries),
    "personas.html": lambda summaries, formats: personas_page(summaries),
}
