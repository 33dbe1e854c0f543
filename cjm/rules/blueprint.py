"""Rules CJM209-CJM212 of the format additions: moments of truth, to-be emotions, service
blueprints and the placeholders `cjm init` leaves."""

from __future__ import annotations

from collections.abc import Iterator

from cjm.i18n import gettext as _
from cjm.model import Element, JourneyMap, Stage
from cjm.rules.base import Gap, item_label, persona_label, quoted, rule, stage_label, touchpoint_label
from cjm.vocabulary import PLACEHOLDER_PREFIX


@rule("CJM209", "moment-of-truth-has-evidence", "warning")
def moment_of_truth_has_evidence(journey: JourneyMap) -> Iterator[Gap]:
    """Every moment of truth cites `evidence`.

    A moment of truth decides whether the customer stays or leaves: the moments that
    matter most must not rest on assumptions. List the research behind it (interviews,
    surveys, analytics) under the touchpoint's `evidence`, or take away `moment_of_truth`.

    Fails:

        touchpoints:
          - action: Pays with a card
            channel: web
            moment_of_truth: true

    Passes:

        touchpoints:
          - action: Pays with a card
            channel: web
            moment_of_truth: true
            evidence: [Checkout analytics, 2026-Q3]
    """
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints, start=1):
            if touchpoint.moment_of_truth and not touchpoint.evidence:
                message = _(
                    "moment of truth {touchpoint} cites no evidence: "
                    "add the research behind it under 'evidence'"
                ).format(touchpoint=quoted(touchpoint.action))
                where = touchpoint.key_position("moment_of_truth")
                yield Gap(touchpoint_label(stage, touchpoint, index), where, message, (stage, touchpoint))


@rule("CJM210", "to-be-emotion-has-a-plan", "warning")
def to_be_emotion_has_a_plan(journey: JourneyMap) -> Iterator[Gap]:
    """A touchpoint whose `target_emotion` is above its `emotion` has an addressed pain point.

    A to-be claim needs a plan: the curve may only rise where a pain point says what
    hurts today and an opportunity says what will be done about it. Give the touchpoint
    an `id`, name it in a pain point's `touchpoint`, and address that pain point.

    Fails:

        touchpoints:
          - id: payment
            action: Pays with a card
            channel: web
            emotion: -1
            target_emotion: 1
        pain_points: []

    Passes:

        touchpoints:
          - id: payment
            action: Pays with a card
            channel: web
            emotion: -1
            target_emotion: 1
        pain_points:
          - id: slow-payment
            description: The card form is slow
            touchpoint: payment
        opportunities:
          - description: One-click payment
            addresses: [slow-payment]
    """
    addressed = {pain_id for _, opportunity in journey.opportunities() for pain_id in opportunity.addresses}
    planned = {
        pain_point.touchpoint
        for _, pain_point in journey.pain_points()
        if pain_point.touchpoint and pain_point.id in addressed
    }
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints, start=1):
            if not _rises(touchpoint.emotion, touchpoint.target_emotion) or touchpoint.id in planned:
                continue
            fix = (
                _("name '{id}' in a pain point's 'touchpoint' and address it with an opportunity").format(
                    id=touchpoint.id
                )
                if touchpoint.id
                else _("give it an 'id', name it in a pain point, and address that pain point")
            )
            message = _(
                "touchpoint {touchpoint} should rise from {emotion} to {target} with no plan behind it: {fix}"
            ).format(
                touchpoint=quoted(touchpoint.action),
                emotion=touchpoint.emotion,
                target=touchpoint.target_emotion,
                fix=fix,
            )
            where = touchpoint.key_position("target_emotion")
            yield Gap(touchpoint_label(stage, touchpoint, index), where, message, (stage, touchpoint))


def _rises(emotion: int | None, target: int | None) -> bool:
    return emotion is not None and target is not None and target > emotion


@rule("CJM211", "blueprint-has-backstage", "warning")
def blueprint_has_backstage(journey: JourneyMap) -> Iterator[Gap]:
    """In a service blueprint, every touchpoint has `backstage` or `support`.

    A map is a service blueprint once any touchpoint has `frontstage`, `backstage` or
    `support`. Then every touchpoint should say what makes it happen behind the line of
    visibility: the work of the team (`backstage`) or the systems and processes that
    support it (`support`).

    Fails:

        touchpoints:
          - action: Pays with a card
            channel: web
            backstage: [Fraud check]
          - action: Gets a confirmation email
            channel: email

    Passes:

        touchpoints:
          - action: Pays with a card
            channel: web
            backstage: [Fraud check]
          - action: Gets a confirmation email
            channel: email
            support: [Email service]
    """
    if not journey.is_blueprint:
        return
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints, start=1):
            if not touchpoint.backstage and not touchpoint.support:
                message = _(
                    "touchpoint {touchpoint} shows nothing behind the line of visibility: "
                    "add what the team does ('backstage') or the systems that support it ('support')"
                ).format(touchpoint=quoted(touchpoint.action))
                yield Gap(
                    touchpoint_label(stage, touchpoint, index),
                    touchpoint.position,
                    message,
                    (stage, touchpoint),
                )


@rule("CJM212", "no-placeholders", "warning")
def no_placeholders(journey: JourneyMap) -> Iterator[Gap]:
    """No placeholder text left by `cjm init` (values that start with `TODO`).

    `cjm init --no-input` writes a skeleton whose every placeholder starts with TODO,
    so that a map is never shared with them by mistake. Replace each one with your own
    words.

    Fails:

        personas:
          - id: customer
            name: "TODO: name of a kind of customer"

    Passes:

        personas:
          - id: customer
            name: First-time buyer
    """
    for scope, element, label in _elements(journey):
        for key, value in element:
            for index, text in enumerate(value if isinstance(value, list) else [value]):
                if isinstance(text, str) and text.startswith(PLACEHOLDER_PREFIX):
                    where = element.key_position(f"{key}[{index}]" if isinstance(value, list) else key)
                    message = _("'{key}' still holds the placeholder {text}: write your own words").format(
                        key=key, text=quoted(text)
                    )

                    yield Gap(label, where, message, _ignoring(*scope, element))


Scoped = tuple[tuple[Element, ...], Element, str]


def _ignoring(*elements: Element) -> tuple[Element, ...]:
    """The elements that may carry an `ignore` list (KPIs, channels, data items ... cannot)."""
    return tuple(element for element in elements if "ignore" in type(element).model_fields)


def _elements(journey: JourneyMap) -> Iterator[Scoped]:
    """Every element with the elements around it (outermost first) and its label, in file order."""
    yield (), journey, "map"
    for persona in journey.personas:
        yield (), persona, persona_label(persona)
    for channel in journey.channels:
        yield (), channel, f"channels[{channel.id}]"
    for stage in journey.stages:
        yield (), stage, stage_label(stage)
        yield from _stage_elements(stage)


def _stage_elements(stage: Stage) -> Iterator[Scoped]:
    parent = stage_label(stage)
    lists = (("kpis", stage.kpis), ("touchpoints", stage.touchpoints))
    lists += (("pain_points", stage.pain_points or []), ("opportunities", stage.opportunities))
    for key, items in lists:
        for index, item in enumerate(items, start=1):
            label = item_label(parent, key, getattr(item, "id", None), index)
            yield (stage,), item, label
            for number, data in enumerate(getattr(item, "data", ()), start=1):
                yield (stage, item), data, f"{label}.data[{number}]"
