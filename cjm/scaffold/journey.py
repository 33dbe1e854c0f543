"""Write a draft as journey.yaml text, with comments that teach a newcomer the format.

The text is emitted by hand rather than by a YAML library so that every comment sits
exactly where a reader needs it; `scaffold.files()` loads the result before anyone
writes it, so a slip here can never reach a user's disk.
"""

from __future__ import annotations

import json

import yaml

from cjm.scaffold.answers import Draft, DraftPainPoint, DraftStage, DraftTouchpoint, PersonaAnswers
from cjm.vocabulary import BLUEPRINT_LANES, emotion_word

SCHEMA_MODELINE = "# yaml-language-server: $schema=.cjm/journey.schema.json"
COMMENT_COLUMN = 28

HEADER = f"""\
{SCHEMA_MODELINE}
#
# A customer journey map, written for cjm. Lines that start with "#" are comments:
# cjm skips them, so write notes wherever you like. Indentation matters: a line that
# starts further right belongs to the line above it, so keep the spaces as they are.
#   cjm check       tells you what the map is missing
#   cjm render      turns it into a document for your team or client
"""

PERSONAS_INTRO = """\
# PERSONAS: the kinds of customer this journey follows. Each one has an id (short,
# no spaces) that the stages below use to refer to it, and a name shown on its card.
"""

CHANNELS_INTRO = """\
# CHANNELS: where the customer meets the brand. Every touchpoint names one of these ids.
"""

STAGES_INTRO = """\
# STAGES: the steps of the journey, in order. In each stage:
#   touchpoints     what the customer does, on which channel, and how it feels:
#                   emotion -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive
#   pain_points     what goes wrong for the customer; "pain_points: []" means reviewed, none found
#   opportunities   what the company will do about a pain point (addresses: the pain point's id)
# A stage can also say what the business wants from it, how it is measured and what
# content is planned for it (cjm check asks for these), like this:
#   goal: Be found by people who need us
#   kpis:
#     - name: Visits from search
#       target: 10,000 a month
#   content: [blog articles, short videos]
"""

BLUEPRINT_INTRO = """\
# This map is a SERVICE BLUEPRINT: each touchpoint also says what makes it happen.
#   frontstage          what the customer sees the company do (a person, a screen)
#   ---- line of visibility: the customer sees nothing below it ----
#   backstage           what the team does behind the scenes
#   support             the systems and processes that support it (ERP, payment gateway)
#   physical_evidence   what the customer sees or keeps (an email, a receipt, the parcel)
# Each is a list; replace every TODO with your own words, or delete the lines you do not need.
"""

PAIN_POINTS_TODO = ("# pain_points: not reviewed yet; list what goes wrong here, or write []",)
PAIN_POINTS_EXAMPLE = (
    "# pain_points: not reviewed yet. List what goes wrong here, like this (or write []):",
    "#   pain_points:",
    "#     - id: slow-reply",
    "#       description: Nobody answers the contact form for days",
    "#       severity: high",
    "#   opportunities:",
    "#     - description: Answer every message within one working day",
    "#       addresses: [slow-reply]",
)


def scalar(text: str) -> str:
    """A YAML scalar that reads back as exactly `text`: plain when safe, quoted otherwise."""
    if "\n" in text or "\t" in text or not text.isprintable():
        return json.dumps(text, ensure_ascii=False)
    dumped = yaml.safe_dump(text, allow_unicode=True, width=1_000_000)
    return dumped.removesuffix("\n...\n").removesuffix("\n")


def line(indent: int, text: str, comment: str | None = None) -> str:
    """One line, with an optional comment aligned at COMMENT_COLUMN."""
    body = " " * indent + text
    if comment is None:
        return body
    return f"{body.ljust(COMMENT_COLUMN - 1)} # {comment}"


def journey_yaml(draft: Draft) -> str:
    """The whole map as text."""
    lines = [*HEADER.splitlines(), ""]
    lines += _top(draft)
    lines += ["", *PERSONAS_INTRO.splitlines(), "personas:"]
    for index, persona in enumerate(draft.personas):
        lines += _persona(persona, first=index == 0)
    lines += ["", *CHANNELS_INTRO.splitlines(), "channels:"]
    for index, channel in enumerate(draft.channels):
        lines.append(line(2, f"- id: {channel.id}"))
        lines.append(line(4, f"name: {scalar(channel.name)}"))
        if channel.kind:
            lines.append(
                line(
                    4,
                    f"kind: {scalar(channel.kind)}",
                    "digital, physical, human, ..." if index == 0 else None,
                )
            )
    lines += ["", *STAGES_INTRO.splitlines()]
    if draft.blueprint:
        lines += BLUEPRINT_INTRO.splitlines()
    lines.append("stages:")
    for index, stage in enumerate(draft.stages):
        lines += _stage(stage, draft.language, first=index == 0)
    return "\n".join(lines) + "\n"


def _top(draft: Draft) -> list[str]:
    return [
        line(0, "cjm: 1", "version of the file format; leave it as it is"),
        line(0, f"title: {scalar(draft.title)}"),
        line(0, f"business: {draft.business}", "b2c: you sell to consumers; b2b: to businesses"),
        line(0, f"language: {draft.language}", "language of rendered labels: en, es or pl"),
        "# value_proposition: what the brand promises, in one sentence",
        "# owner: who keeps this map up to date",
    ]


def _text_list(indent: int, key: str, items: list[str], comment: str | None) -> list[str]:
    if not items:
        return []
    return [line(indent, f"{key}:", comment), *(line(indent + 2, f"- {scalar(item)}") for item in items)]


def _persona(persona: PersonaAnswers, first: bool) -> list[str]:
    lines = [line(2, f"- id: {persona.id}"), line(4, f"name: {scalar(persona.name)}")]
    if persona.description:
        lines.append(line(4, f"description: {scalar(persona.description)}"))
    lines += _text_list(4, "goals", persona.goals, "what they want to achieve" if first else None)
    lines += _text_list(4, "needs", persona.needs, "what they need from us" if first else None)
    lines += _text_list(4, "frustrations", persona.frustrations, "what annoys them today" if first else None)
    if first:
        lines.append(line(4, "# evidence: [Interviews, May 2026]  <- the research behind this persona"))
    return lines


def _stage(stage: DraftStage, language: str, first: bool) -> list[str]:
    lines = [] if first else [""]
    lines += [line(2, f"- id: {stage.id}"), line(4, f"name: {scalar(stage.name)}")]
    if stage.phase:
        lines.append(
            line(
                4,
                f"phase: {stage.phase}",
                "discovery, consideration, decision, retention or advocacy" if first else None,
            )
        )
    if stage.description:
        lines.append(line(4, f"description: {scalar(stage.description)}"))
    if stage.duration:
        lines.append(line(4, f"duration: {scalar(stage.duration)}"))
    lines.append(line(4, "touchpoints:"))
    for index, touchpoint in enumerate(stage.touchpoints):
        lines += _touchpoint(touchpoint, language, first=first and index == 0)
    lines += _pain_points(stage.pain_points, first)
    if stage.opportunities:
        lines.append(line(4, "opportunities:"))
        for opportunity in stage.opportunities:
            lines.append(line(6, f"- description: {scalar(opportunity.description)}"))
            lines.append(line(8, f"addresses: [{', '.join(opportunity.addresses)}]"))
    return lines


def _touchpoint(touchpoint: DraftTouchpoint, language: str, first: bool) -> list[str]:
    lines = []
    if touchpoint.id:
        lines.append(line(6, f"- id: {touchpoint.id}"))
        lines.append(line(8, f"action: {scalar(touchpoint.action)}"))
    else:
        lines.append(line(6, f"- action: {scalar(touchpoint.action)}"))
    lines.append(line(8, f"channel: {touchpoint.channel}", "an id from channels" if first else None))
    if touchpoint.personas is not None:
        lines.append(line(8, f"personas: [{', '.join(touchpoint.personas)}]"))
    elif first:
        lines.append(line(8, "# personas: [id, ...]  <- who does this; leave out for every persona"))
    if touchpoint.emotion is not None:
        lines.append(line(8, f"emotion: {touchpoint.emotion}", emotion_word(touchpoint.emotion, language)))
    elif first or touchpoint.placeholder:
        lines.append(line(8, "# emotion: 0  <- how it feels, from -2 (very negative) to 2 (very positive)"))
    for lane in BLUEPRINT_LANES:
        lines += _text_list(8, lane, touchpoint.lanes.get(lane, []), None)
    return lines


def _pain_points(pain_points: list[DraftPainPoint] | None, first: bool) -> list[str]:
    if pain_points is None:
        return [line(4, text) for text in (PAIN_POINTS_EXAMPLE if first else PAIN_POINTS_TODO)]
    if not pain_points:
        return [line(4, "pain_points: []", "reviewed: none found")]
    lines = [line(4, "pain_points:")]
    for index, pain_point in enumerate(pain_points):
        lines.append(line(6, f"- id: {pain_point.id}"))
        lines.append(line(8, f"description: {scalar(pain_point.description)}"))
        if pain_point.touchpoint:
            lines.append(
                line(
                    8,
                    f"touchpoint: {pain_point.touchpoint}",
                    "where it happens" if first and index == 0 else None,
                )
            )
        lines.append(
            line(
                8, f"severity: {pain_point.severity}", "low, medium or high" if first and index == 0 else None
            )
        )
    return lines
