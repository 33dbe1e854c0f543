"""`--format json`: the schema of FORMAT.md, version 1, and the per-map `emotion` key (docs/check.md)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from cjm.model.emotions import Moment, PersonaLow, persona_lows
from cjm.reports import Record, safe_record
from cjm.reports.escape import visible
from cjm.rules.base import stage_label, touchpoint_label

if TYPE_CHECKING:
    from cjm.model import Element, JourneyMap
    from cjm.reports import Report, Style

JSON_VERSION = 1


def render_json(report: Report, style: Style | None = None) -> str:
    maps = [
        {
            "path": visible(result.path),
            "coverage": result.coverage,
            "findings": [safe_record(finding) for finding in result.findings],
            "emotion": None if result.journey is None else emotion_record(result.journey),
        }
        for result in report.results
    ]
    document = {"version": JSON_VERSION, "maps": maps, "summary": report.summary()}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def emotion_record(journey: JourneyMap) -> Record:
    """Where each persona feels worst: every tied touchpoint and stage, labelled as findings are."""
    return {"personas": [_persona_record(low) for low in persona_lows(journey)]}


def _persona_record(low: PersonaLow) -> Record:
    moment = None
    if low.emotion is not None:
        moment = {"emotion": low.emotion, "touchpoints": [_moment_record(item) for item in low.moments]}
    stage = None
    if low.stage_average is not None:
        stages = [
            {"element": visible(stage_label(item)), "name": visible(item.name), **_place(item)}
            for item in low.stages
        ]
        stage = {"average": round(low.stage_average, 2), "stages": stages}
    return {
        "persona": low.persona.id,
        "name": visible(low.persona.name),
        "touchpoints": low.touchpoints,
        "worst_moment": moment,
        "worst_stage": stage,
    }


def _moment_record(moment: Moment) -> Record:
    touchpoint = moment.touchpoint
    return {
        "element": visible(touchpoint_label(moment.stage, touchpoint, moment.number)),
        "stage": moment.stage.id,
        "action": visible(touchpoint.action),
        "target_emotion": touchpoint.target_emotion,
        "moment_of_truth": touchpoint.moment_of_truth,
        **_place(touchpoint),
    }


def _place(element: Element) -> Record:
    return {"line": element.position.line, "column": element.position.column}
