"""Coverage rules CJM101-CJM108: what every stage, persona and touchpoint of a usable map has.

Each rule also names the elements it judges (`subjects`), so that the coverage figure is
the share of (rule, element) pairs that hold.
"""

from __future__ import annotations

from collections.abc import Iterator

from cjm.i18n import gettext as _
from cjm.model import JourneyMap
from cjm.rules.base import (
    Gap,
    each_pain_point,
    each_stage,
    each_stage_and_persona,
    each_touchpoint,
    pain_point_label,
    persona_label,
    quoted,
    rule,
    stage_label,
    touchpoint_label,
)


@rule("CJM101", "stage-has-touchpoints", "error", subjects=each_stage)
def stage_has_touchpoints(journey: JourneyMap) -> Iterator[Gap]:
    """Every stage has at least one touchpoint.

    A stage without touchpoints says nothing about what the customer does there, on
    which channel: the map has a hole. Add at least one touchpoint (`action` and
    `channel`) under the stage's `touchpoints`.

    Fails:

        stages:
          - id: decision
            name: Decision

    Passes:

        stages:
          - id: decision
            name: Decision
            touchpoints:
              - action: Compares delivery costs
                channel: web
    """
    for stage in journey.stages:
        if not stage.touchpoints:
            message = _(
                "stage {stage} has no touchpoints: add what the customer does here "
                "under 'touchpoints' (an action and a channel)"
            ).format(stage=quoted(stage.name))
            yield Gap(stage_label(stage), stage.key_position("touchpoints"), message, (stage,))


@rule("CJM102", "persona-in-every-stage", "error", subjects=each_stage_and_persona)
def persona_in_every_stage(journey: JourneyMap) -> Iterator[Gap]:
    """Every persona has at least one touchpoint in every stage.

    A persona who vanishes from a stage is a customer the team forgot there. A
    touchpoint without `personas` concerns every persona; one with `personas` concerns
    only those. Stages with no touchpoints at all are left to CJM101. Add a touchpoint
    for the persona, or name the persona in an existing touchpoint's `personas`.

    Fails:

        personas:
          - {id: new, name: New customer}
          - {id: loyal, name: Loyal customer}
        stages:
          - id: decision
            name: Decision
            touchpoints:
              - {action: Uses a discount code, channel: web, personas: [loyal]}

    Passes:

        stages:
          - id: decision
            name: Decision
            touchpoints:
              - {action: Uses a discount code, channel: web, personas: [loyal]}
              - {action: Reads the returns policy, channel: web, personas: [new]}
    """
    every_persona = [persona.id for persona in journey.personas]
    for stage in journey.stages:
        if not stage.touchpoints:
            continue
        present: set[str] = set()
        for touchpoint in stage.touchpoints:
            present.update(touchpoint.personas if touchpoint.personas is not None else every_persona)
        for persona in journey.personas:
            if persona.id not in present:
                message = _(
                    "persona {persona} has no touchpoint in stage {stage}: "
                    "add one for them, or add '{id}' to a touchpoint's 'personas'"
                ).format(persona=quoted(persona.name), stage=quoted(stage.name), id=persona.id)
                element = f"{stage_label(stage)}, {persona_label(persona)}"
                yield Gap(element, stage.key_position("touchpoints"), message, (stage, persona))


@rule("CJM103", "stage-reviews-pain-points", "warning", subjects=each_stage)
def stage_reviews_pain_points(journey: JourneyMap) -> Iterator[Gap]:
    """Every stage has reviewed its pain points.

    `pain_points` absent means nobody has looked for problems in this stage yet;
    `pain_points: []` records that the team looked and found none. Research the stage
    and list its pain points, or write `pain_points: []`.

    Fails:

        stages:
          - id: delivery
            name: Delivery
            touchpoints: [{action: Receives the parcel, channel: courier}]

    Passes:

        stages:
          - id: delivery
            name: Delivery
            touchpoints: [{action: Receives the parcel, channel: courier}]
            pain_points: []
    """
    for stage in journey.stages:
        if stage.pain_points is None:
            message = _(
                "stage {stage} has not reviewed its pain points: list them under "
                "'pain_points', or write 'pain_points: []' if you looked and found none"
            ).format(stage=quoted(stage.name))
            yield Gap(stage_label(stage), stage.position, message, (stage,))


@rule("CJM104", "pain-point-addressed", "error", subjects=each_pain_point)
def pain_point_addressed(journey: JourneyMap) -> Iterator[Gap]:
    """Every pain point is addressed by at least one opportunity.

    A pain point nobody plans to solve is a complaint, not a plan. Give the pain point
    an `id` and add an opportunity, in any stage, that lists it in `addresses`.

    Fails:

        pain_points:
          - id: costly-shipping
            description: Shipping looks expensive

    Passes:

        pain_points:
          - id: costly-shipping
            description: Shipping looks expensive
        opportunities:
          - description: Free shipping from 30 EUR
            addresses: [costly-shipping]
    """
    addressed = {ident for _, opportunity in journey.opportunities() for ident in opportunity.addresses}
    for stage in journey.stages:
        for index, pain_point in enumerate(stage.pain_points or (), start=1):
            if pain_point.id and pain_point.id in addressed:
                continue
            if pain_point.id:
                fix = _("add an opportunity with 'addresses: [{id}]'").format(id=pain_point.id)
            else:
                fix = _("give it an 'id' and add an opportunity that lists it in 'addresses'")
            message = _("pain point {pain_point} is not addressed by any opportunity: {fix}").format(
                pain_point=quoted(pain_point.description), fix=fix
            )
            label = pain_point_label(stage, pain_point, index)
            yield Gap(label, pain_point.position, message, (stage, pain_point))


@rule("CJM105", "stage-has-goal", "warning", subjects=each_stage)
def stage_has_goal(journey: JourneyMap) -> Iterator[Gap]:
    """Every stage has a `goal`.

    The goal says what the business wants from the stage; without it nobody can tell
    whether the stage works. Add a one-line `goal`.

    Fails:

        stages:
          - id: discovery
            name: Discovery

    Passes:

        stages:
          - id: discovery
            name: Discovery
            goal: People hear of us
    """
    for stage in journey.stages:
        if not stage.goal:
            message = _("stage {stage} has no goal: add 'goal:' with what the business wants here").format(
                stage=quoted(stage.name)
            )
            yield Gap(stage_label(stage), stage.key_position("goal"), message, (stage,))


@rule("CJM106", "stage-has-kpi", "warning", subjects=each_stage)
def stage_has_kpi(journey: JourneyMap) -> Iterator[Gap]:
    """Every stage has at least one KPI.

    A stage that is not measured cannot be improved on purpose. Add a KPI under
    `kpis` (a `name`, ideally a `target`).

    Fails:

        stages:
          - id: discovery
            name: Discovery

    Passes:

        stages:
          - id: discovery
            name: Discovery
            kpis:
              - name: Reach
                target: 10000 a month
    """
    for stage in journey.stages:
        if not stage.kpis:
            message = _(
                "stage {stage} has no KPI: add one under 'kpis' (a name and a target) to measure it"
            ).format(stage=quoted(stage.name))
            yield Gap(stage_label(stage), stage.key_position("kpis"), message, (stage,))


@rule("CJM107", "stage-has-content", "warning", subjects=each_stage)
def stage_has_content(journey: JourneyMap) -> Iterator[Gap]:
    """Every stage has `content` planned.

    Content (articles, videos, e-mails, scripts) is what the brand puts in front of the
    customer at each stage. List what is planned under `content`.

    Fails:

        stages:
          - id: consideration
            name: Consideration

    Passes:

        stages:
          - id: consideration
            name: Consideration
            content: [comparison guide, customer reviews]
    """
    for stage in journey.stages:
        if not stage.content:
            message = _(
                "stage {stage} has no content planned: list it under 'content' (e.g. [articles, videos])"
            ).format(stage=quoted(stage.name))
            yield Gap(stage_label(stage), stage.key_position("content"), message, (stage,))


@rule("CJM108", "touchpoint-has-emotion", "warning", subjects=each_touchpoint)
def touchpoint_has_emotion(journey: JourneyMap) -> Iterator[Gap]:
    """Every touchpoint has an `emotion`.

    The emotion curve is the heart of a journey map; a touchpoint without an emotion
    leaves a gap in it. Add `emotion:` from -2 (very negative) to 2 (very positive).

    Fails:

        touchpoints:
          - action: Sees an Instagram ad
            channel: instagram

    Passes:

        touchpoints:
          - action: Sees an Instagram ad
            channel: instagram
            emotion: 1
    """
    for stage in journey.stages:
        for index, touchpoint in enumerate(stage.touchpoints, start=1):
            if touchpoint.emotion is None:
                message = _(
                    "touchpoint {touchpoint} has no emotion: add 'emotion:' "
                    "from -2 (very negative) to 2 (very positive)"
                ).format(touchpoint=quoted(touchpoint.action))

                label = touchpoint_label(stage, touchpoint, index)
                yield Gap(label, touchpoint.position, message, (stage, touchpoint))
