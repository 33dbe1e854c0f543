"""Ids are unique across a map, and every reference names an id of the right kind."""

from __future__ import annotations

from collections.abc import Iterator

from cjm.errors import Problem
from cjm.load.lookalikes import did_you_mean
from cjm.load.messages import article
from cjm.model import Element, JourneyMap


def identified(journey: JourneyMap) -> Iterator[tuple[str, Element, str]]:
    """Every element that carries an id, with the user's word for its kind."""
    for persona in journey.personas:
        yield "persona", persona, persona.id
    for channel in journey.channels:
        yield "channel", channel, channel.id
    for stage in journey.stages:
        yield "stage", stage, stage.id
        for touchpoint in stage.touchpoints:
            if touchpoint.id:
                yield "touchpoint", touchpoint, touchpoint.id
        for pain_point in stage.pain_points or ():
            if pain_point.id:
                yield "pain point", pain_point, pain_point.id
        for opportunity in stage.opportunities:
            if opportunity.id:
                yield "opportunity", opportunity, opportunity.id


def check_references(journey: JourneyMap) -> Iterator[Problem]:
    """Ids are unique across the file, and every reference names an id of the right kind."""
    kinds: dict[str, str] = {}
    for kind, element, ident in identified(journey):
        if ident in kinds:
            where = element.key_position("id")
            first = _first_line(journey, ident)
            yield Problem(where, f"duplicate id '{ident}' (first used on line {first})")
        else:
            kinds[ident] = kind
    for kind, ident, element, key in _references(journey):
        if kinds.get(ident) != kind:
            yield Problem(element.key_position(key), _dangling(kind, ident, kinds))


def _first_line(journey: JourneyMap, ident: str) -> int:
    for _, element, other in identified(journey):
        if other == ident:
            return element.key_position("id").line
    return 0  # pragma: no cover - the id was seen before


def _references(journey: JourneyMap) -> Iterator[tuple[str, str, Element, str]]:
    """(kind, id, element, key) of every reference; positions are looked up only on error."""
    for _, touchpoint in journey.touchpoints():
        yield "channel", touchpoint.channel, touchpoint, "channel"
        for index, persona in enumerate(touchpoint.personas or ()):
            yield "persona", persona, touchpoint, f"personas[{index}]"
    for _, pain_point in journey.pain_points():
        if pain_point.touchpoint is not None:
            yield "touchpoint", pain_point.touchpoint, pain_point, "touchpoint"
        for index, persona in enumerate(pain_point.personas or ()):
            yield "persona", persona, pain_point, f"personas[{index}]"
    for _, opportunity in journey.opportunities():
        for index, pain_point_id in enumerate(opportunity.addresses):
            yield "pain point", pain_point_id, opportunity, f"addresses[{index}]"


def _dangling(kind: str, ident: str, kinds: dict[str, str]) -> str:
    if ident in kinds:
        return f"'{ident}' is {article(kinds[ident])}, not {article(kind)}"
    same_kind = [other for other, other_kind in kinds.items() if other_kind == kind]
    message = f"unknown {kind} '{ident}'"
    hint = did_you_mean(ident, same_kind)
    if hint:
        return message + hint
    if same_kind:
        return f"{message}; the {kind}s are: {', '.join(same_kind[:8])}"
    return f"{message}: no {kind} is declared"
