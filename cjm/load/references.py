"""Ids are unique across a map, and every reference names an id of the right kind."""

from __future__ import annotations

from collections.abc import Iterator

from cjm.errors import Problem
from cjm.i18n import gettext as _
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
            yield Problem(
                where, _("duplicate id '{id}' (first used on line {line})").format(id=ident, line=first)
            )
        else:
            kinds[ident] = kind
    for kind, ident, element, key in _references(journey):
        if kinds.get(ident) != kind:
            yield Problem(element.key_position(key), _dangling(kind, ident, kinds))


def _first_line(journey: JourneyMap, ident: str) -> int:
    for _kind, element, other in identified(journey):
        if other == ident:
            return element.key_position("id").line
    return 0  # pragma: no cover - the id was seen before


def _references(journey: JourneyMap) -> Iterator[tuple[str, str, Element, str]]:
    """(kind, id, element, key) of every reference; positions are looked up only on error."""
    for _stage, touchpoint in journey.touchpoints():
        yield "channel", touchpoint.channel, touchpoint, "channel"
        for index, persona in enumerate(touchpoint.personas or ()):
            yield "persona", persona, touchpoint, f"personas[{index}]"
    for _stage, pain_point in journey.pain_points():
        if pain_point.touchpoint is not None:
            yield "touchpoint", pain_point.touchpoint, pain_point, "touchpoint"
        for index, persona in enumerate(pain_point.personas or ()):
            yield "persona", persona, pain_point, f"personas[{index}]"
    for _stage, opportunity in journey.opportunities():
        for index, pain_point_id in enumerate(opportunity.addresses):
            yield "pain point", pain_point_id, opportunity, f"addresses[{index}]"


def _dangling(kind: str, ident: str, kinds: dict[str, str]) -> str:
    if ident in kinds:
        return _("'{id}' is {kind}, not {expected}").format(
            id=ident, kind=article(kinds[ident]), expected=article(kind)
        )
    same_kind = [other for other, other_kind in kinds.items() if other_kind == kind]
    message = _("unknown {kind} '{id}'").format(kind=_(kind), id=ident)
    hint = did_you_mean(ident, same_kind)
    if hint:
        return message + hint
    if same_kind:
        return _("{message}; the {kind}s are: {ids}").format(
            message=message, kind=_(kind), ids=", ".join(same_kind[:8])
        )
    return _("{message}: no {kind} is declared").format(message=message, kind=_(kind))
