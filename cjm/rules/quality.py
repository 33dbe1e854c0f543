"""Quality rules CJM201-CJM208: signs that a map is thin, inconsistent or unfounded."""

from __future__ import annotations

from collections.abc import Iterator

from cjm.i18n import gettext as _
from cjm.model import JourneyMap
from cjm.rules.base import (
    Gap,
    item_label,
    pain_point_label,
    persona_label,
    quoted,
    rule,
    stage_label,
    touchpoint_label,
)

AFTER_PURCHASE_PHASES = frozenset({"retention", "advocacy"})


@rule("CJM201", "negative-emotion-has-pain-point", "warning")
def negative_emotion_has_pain_point(journey: JourneyMap) -> Iterator[Gap]:
    """A touchpoint with emotion -2 or -1 has a pain point that names it.

    A bad moment with no pain point behind it is a problem nobody will work on. Give
    the touchpoint an `id` and add a pain point with `touchpoint:` set to it.

    Fails:

        touchpoints:
          - id: checkout
            action: Pays at checkout
            channel: web
            emotion: -2
        pain_points: []

    Passes:

        touchpoints:
          - id: checkout
            action: Pays at checkout
            channel: web
            emotion: -2
        pain_points:
          - description: The card form rejects valid cards
            touchpoint: checkout
    """
    named = {pain_point.touchpoint for _, pain_point in journey.pain_points() if pain_point.touchpoint}
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints, start=1):
            if touchpoint.emotion is None or touchpoint.emotion >= 0:
                continue
            if touchpoint.id and touchpoint.id in named:
                continue
            if touchpoint.id:
                fix = _("add a pain point with 'touchpoint: {id}' that says what goes wrong").format(
                    id=touchpoint.id
                )
            else:
                fix = _("give it an 'id' and add a pain point whose 'touchpoint' names it")
            message = _(
                "touchpoint {touchpoint} feels negative (emotion {emotion}) but no pain point names it: {fix}"
            ).format(touchpoint=quoted(touchpoint.action), emotion=touchpoint.emotion, fix=fix)
            label = touchpoint_label(stage, touchpoint, index)
            yield Gap(label, touchpoint.key_position("emotion"), message, (stage, touchpoint))


@rule("CJM202", "journey-continues-after-purchase", "warning")
def journey_continues_after_purchase(journey: JourneyMap) -> Iterator[Gap]:
    """The journey goes on after the purchase: a `retention` or `advocacy` stage exists.

    Maps that stop at the sale miss the customers the business already has: use,
    support, repeat purchases and recommendations. Checked only when at least one stage
    has a `phase`. Add a stage with `phase: retention` or `phase: advocacy`.

    Fails:

        stages:
          - {id: discovery, name: Discovery, phase: discovery}
          - {id: purchase, name: Purchase, phase: decision}

    Passes:

        stages:
          - {id: discovery, name: Discovery, phase: discovery}
          - {id: purchase, name: Purchase, phase: decision}
          - {id: use, name: First weeks of use, phase: retention}
    """
    phases = {stage.phase for stage in journey.stages if stage.phase}
    if phases and not phases & AFTER_PURCHASE_PHASES:
        message = _(
            "the journey ends at the purchase: add a stage with 'phase: retention' or "
            "'phase: advocacy' (use, support, repeat purchase, recommendation)"
        )
        yield Gap("stages", journey.key_position("stages"), message)


@rule("CJM203", "channel-is-used", "info")
def channel_is_used(journey: JourneyMap) -> Iterator[Gap]:
    """Every declared channel is used by a touchpoint.

    A channel in the catalogue that no touchpoint uses is either forgotten in the
    journey or left over from an earlier version. Use it in a touchpoint, or remove it
    from `channels`.

    Fails:

        channels:
          - {id: web, name: Website}
          - {id: fax, name: Fax}
        stages:
          - id: discovery
            name: Discovery
            touchpoints: [{action: Finds the shop, channel: web}]

    Passes:

        channels:
          - {id: web, name: Website}
        stages:
          - id: discovery
            name: Discovery
            touchpoints: [{action: Finds the shop, channel: web}]
    """
    used = {touchpoint.channel for _, touchpoint in journey.touchpoints()}
    for channel in journey.channels:
        if channel.id not in used:
            message = _(
                "channel {channel} is not used by any touchpoint: "
                "use it in a touchpoint or remove it from 'channels'"
            ).format(channel=quoted(channel.label))
            yield Gap(f"channels[{channel.id}]", channel.position, message)


@rule("CJM204", "persona-is-described", "warning")
def persona_is_described(journey: JourneyMap) -> Iterator[Gap]:
    """Every persona has goals, needs and frustrations.

    A persona is only useful when the team knows what the customer wants, needs and
    hates; a name alone is a stereotype. Fill in `goals`, `needs` and `frustrations`.

    Fails:

        personas:
          - id: new
            name: New customer

    Passes:

        personas:
          - id: new
            name: New customer
            goals: [Find a fast laptop]
            needs: [Compare prices]
            frustrations: [Hidden costs]
    """
    for persona in journey.personas:
        missing = [key for key in ("goals", "needs", "frustrations") if not getattr(persona, key)]
        if missing:
            message = _("persona {persona} has no {keys}: add what research says").format(
                persona=quoted(persona.name), keys=_words(missing)
            )
            yield Gap(persona_label(persona), persona.position, message, (persona,))


def _words(items: list[str]) -> str:
    """The keys as a list a person reads: 'goals, needs or frustrations' (the keys stay English)."""
    if len(items) == 1:
        return items[0]
    return _("{items} or {last}").format(items=", ".join(items[:-1]), last=items[-1])


@rule("CJM205", "personal-data-has-purpose", "warning")
def personal_data_has_purpose(journey: JourneyMap) -> Iterator[Gap]:
    """Personal data collected at a touchpoint states its `purpose`.

    Data protection law (GDPR) asks for a purpose for every piece of personal data
    collected. Add a `purpose` to each data item with `personal: true`.

    Fails:

        data:
          - name: email
            personal: true

    Passes:

        data:
          - name: email
            personal: true
            purpose: order confirmation
    """
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints, start=1):
            for number, item in enumerate(touchpoint.data, start=1):
                if item.personal and not item.purpose:
                    message = _(
                        "personal data {name} is collected without a purpose: "
                        "add 'purpose:' saying why it is needed"
                    ).format(name=quoted(item.name))
                    label = item_label(touchpoint_label(stage, touchpoint, index), "data", None, number)
                    yield Gap(label, item.position, message, (stage, touchpoint))


@rule("CJM206", "kpi-has-target", "info")
def kpi_has_target(journey: JourneyMap) -> Iterator[Gap]:
    """Every KPI has a `target`.

    A KPI without a target is a number nobody can call good or bad. Add `target:`.

    Fails:

        kpis:
          - name: Conversion rate

    Passes:

        kpis:
          - name: Conversion rate
            target: 3 %
    """
    for stage in journey.stages:
        for index, kpi in enumerate(stage.kpis, start=1):
            if not kpi.target:
                message = _("KPI {kpi} has no target: add 'target:' with the value you aim for").format(
                    kpi=quoted(kpi.name)
                )
                label = item_label(stage_label(stage), "kpis", None, index)
                yield Gap(label, kpi.position, message, (stage,))


@rule("CJM207", "opportunity-addresses-pain-point", "warning")
def opportunity_addresses_pain_point(journey: JourneyMap) -> Iterator[Gap]:
    """Every opportunity addresses at least one pain point.

    An idea that solves no known problem is a guess. List the ids of the pain points it
    solves in `addresses`, or record the pain point first.

    Fails:

        opportunities:
          - description: Launch a mobile app

    Passes:

        opportunities:
          - description: Free shipping from 30 EUR
            addresses: [costly-shipping]
    """
    for stage in journey.stages:
        for index, opportunity in enumerate(stage.opportunities, start=1):
            if not opportunity.addresses:
                message = _(
                    "opportunity {opportunity} addresses no pain point: "
                    "list the pain point ids it solves in 'addresses'"
                ).format(opportunity=quoted(opportunity.description))
                label = item_label(stage_label(stage), "opportunities", opportunity.id, index)
                yield Gap(label, opportunity.position, message, (stage,))


@rule("CJM208", "pain-point-has-evidence", "info")
def pain_point_has_evidence(journey: JourneyMap) -> Iterator[Gap]:
    """Every pain point cites `evidence` (otherwise it is an assumption).

    Pain points drive what the company spends money on; one without research behind it
    is a hypothesis. Cite the interviews, tickets or analytics under `evidence`.

    Fails:

        pain_points:
          - description: Shipping looks expensive

    Passes:

        pain_points:
          - description: Shipping looks expensive
            evidence: [Support tickets 2026-Q3]
    """
    for stage in journey.stages:
        for index, pain_point in enumerate(stage.pain_points or (), start=1):
            if not pain_point.evidence:
                message = _(
                    "pain point {pain_point} cites no evidence, so it is an "
                    "assumption: add the research behind it under 'evidence'"
                ).format(pain_point=quoted(pain_point.description))

                label = pain_point_label(stage, pain_point, index)
                yield Gap(label, pain_point.position, message, (stage, pain_point))
