"""Write a draft as journey.yaml text, with comments that teach a newcomer the format.

The text is emitted by hand rather than by a YAML library so that every comment sits
exactly where a reader needs it; `scaffold.files()` loads the result before anyone
writes it, so a slip here can never reach a user's disk.
"""

from __future__ import annotations

import json

import yaml

from cjm.i18n import N_, translation
from cjm.scaffold.answers import Draft, DraftPainPoint, DraftStage, DraftTouchpoint, PersonaAnswers
from cjm.vocabulary import BLUEPRINT_LANES, emotion_word

SCHEMA_MODELINE = "# yaml-language-server: $schema=.cjm/journey.schema.json"
COMMENT_COLUMN = 28

# The comments, as messages of the catalogs (`comments()` makes them comment lines): the
# English text is the msgid, and a map gets them in its own language.
HEADER = N_("""\
A customer journey map, written for cjm. Lines that start with "#" are comments:
cjm skips them, so write notes wherever you like. Indentation matters: a line that
starts further right belongs to the line above it, so keep the spaces as they are.
  cjm check       tells you what the map is missing
  cjm render      turns it into a document for your team or client""")

PERSONAS_INTRO = N_("""\
PERSONAS: the kinds of customer this journey follows. Each one has an id (short,
no spaces) that the stages below use to refer to it, and a name shown on its card.""")

CHANNELS_INTRO = N_("CHANNELS: where the customer meets the brand. Every touchpoint names one of these ids.")

STAGES_INTRO = N_("""\
STAGES: the steps of the journey, in order. In each stage:
  touchpoints     what the customer does, on which channel, and how it feels:
                  emotion -2 very negative, -1 negative, 0 neutral, 1 positive, 2 very positive
  pain_points     what goes wrong for the customer; "pain_points: []" means reviewed, none found
  opportunities   what the company will do about a pain point (addresses: the pain point's id)
A stage can also say what the business wants from it, how it is measured and what
content is planned for it (cjm check asks for these), like this:
  goal: Be found by people who need us
  kpis:
    - name: Visits from search
      target: 10,000 a month
  content: [blog articles, short videos]""")

BLUEPRINT_INTRO = N_("""\
This map is a SERVICE BLUEPRINT: each touchpoint also says what makes it happen.
  frontstage          what the customer sees the company do (a person, a screen)
  ---- line of visibility: the customer sees nothing below it ----
  backstage           what the team does behind the scenes
  support             the systems and processes that support it (ERP, payment gateway)
  physical_evidence   what the customer sees or keeps (an email, a receipt, the parcel)
Each is a list; replace every TODO with your own words, or delete the lines you do not need.""")

PAIN_POINTS_TODO = N_("pain_points: not reviewed yet; list what goes wrong here, or write []")
PAIN_POINTS_EXAMPLE = N_("""\
pain_points: not reviewed yet. List what goes wrong here, like this (or write []):
  pain_points:
    - id: slow-reply
      description: Nobody answers the contact form for days
      severity: high
  opportunities:
    - description: Answer every message within one working day
      addresses: [slow-reply]""")


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


def comments(text: str, indent: int = 0) -> list[str]:
    """Each line of a text as a comment line ('#' alone for an empty one)."""
    return [line(indent, f"# {row}" if row else "#") for row in text.splitlines()]


def journey_yaml(draft: Draft) -> str:
    """The whole map as text, its comments in the map's language."""
    words = translation(draft.language)
    lines = [SCHEMA_MODELINE, "#", *comments(words.gettext(HEADER)), ""]
    lines += _top(draft)
    lines += ["", *comments(words.gettext(PERSONAS_INTRO)), "personas:"]
    for index, persona in enumerate(draft.personas):
        lines += _persona(persona, draft.language, first=index == 0)
    lines += ["", *comments(words.gettext(CHANNELS_INTRO)), "channels:"]
    for index, channel in enumerate(draft.channels):
        lines.append(line(2, f"- id: {channel.id}"))
        lines.append(line(4, f"name: {scalar(channel.name)}"))
        if channel.kind:
            comment = words.gettext("digital, physical, human, ...") if index == 0 else None
            lines.append(line(4, f"kind: {scalar(channel.kind)}", comment))
    lines += ["", *comments(words.gettext(STAGES_INTRO))]
    if draft.blueprint:
        lines += comments(words.gettext(BLUEPRINT_INTRO))
    lines.append("stages:")
    for index, stage in enumerate(draft.stages):
        lines += _stage(stage, draft.language, first=index == 0)
    return "\n".join(lines) + "\n"


def _top(draft: Draft) -> list[str]:
    words = translation(draft.language)
    business = words.gettext("b2c: you sell to consumers; b2b: to businesses")
    return [
        line(0, "cjm: 1", words.gettext("version of the file format; leave it as it is")),
        line(0, f"title: {scalar(draft.title)}"),
        line(0, f"business: {draft.business}", business),
        line(0, f"language: {draft.language}", words.gettext("language of rendered labels: en, es or pl")),
        *comments(words.gettext("value_proposition: what the brand promises, in one sentence")),
        *comments(words.gettext("owner: who keeps this map up to date")),
    ]


def _text_list(indent: int, key: str, items: list[str], comment: str | None) -> list[str]:
    if not items:
        return []
    return [line(indent, f"{key}:", comment), *(line(indent + 2, f"- {scalar(item)}") for item in items)]


def _persona(persona: PersonaAnswers, language: str, first: bool) -> list[str]:
    words = translation(language)
    lines = [line(2, f"- id: {persona.id}"), line(4, f"name: {scalar(persona.name)}")]
    if persona.description:
        lines.append(line(4, f"description: {scalar(persona.description)}"))
    notes = {
        "goals": words.gettext("what they want to achieve"),
        "needs": words.gettext("what they need from us"),
        "frustrations": words.gettext("what annoys them today"),
    }
    for key, note in notes.items():
        lines += _text_list(4, key, getattr(persona, key), note if first else None)
    if first:
        evidence = words.gettext("evidence: [Interviews, May 2026]  <- the research behind this persona")
        lines += comments(evidence, 4)
    return lines


def _stage(stage: DraftStage, language: str, first: bool) -> list[str]:
    words = translation(language)
    lines = [] if first else [""]
    lines += [line(2, f"- id: {stage.id}"), line(4, f"name: {scalar(stage.name)}")]
    if stage.phase:
        phases = words.gettext("discovery, consideration, decision, retention or advocacy")
        lines.append(line(4, f"phase: {stage.phase}", phases if first else None))
    if stage.description:
        lines.append(line(4, f"description: {scalar(stage.description)}"))
    if stage.duration:
        lines.append(line(4, f"duration: {scalar(stage.duration)}"))
    lines.append(line(4, "touchpoints:"))
    for index, touchpoint in enumerate(stage.touchpoints):
        lines += _touchpoint(touchpoint, language, first=first and index == 0)
    lines += _pain_points(stage.pain_points, language, first)
    if stage.opportunities:
        lines.append(line(4, "opportunities:"))
        for opportunity in stage.opportunities:
            lines.append(line(6, f"- description: {scalar(opportunity.description)}"))
            lines.append(line(8, f"addresses: [{', '.join(opportunity.addresses)}]"))
    return lines


def _touchpoint(touchpoint: DraftTouchpoint, language: str, first: bool) -> list[str]:
    words = translation(language)
    lines = []
    if touchpoint.id:
        lines.append(line(6, f"- id: {touchpoint.id}"))
        lines.append(line(8, f"action: {scalar(touchpoint.action)}"))
    else:
        lines.append(line(6, f"- action: {scalar(touchpoint.action)}"))
    channel_note = words.gettext("an id from channels") if first else None
    lines.append(line(8, f"channel: {touchpoint.channel}", channel_note))
    if touchpoint.personas is not None:
        lines.append(line(8, f"personas: [{', '.join(touchpoint.personas)}]"))
    elif first:
        who = words.gettext("personas: [id, ...]  <- who does this; leave out for every persona")
        lines += comments(who, 8)
    if touchpoint.emotion is not None:
        lines.append(line(8, f"emotion: {touchpoint.emotion}", emotion_word(touchpoint.emotion, language)))
    elif first or touchpoint.placeholder:
        scale = words.gettext("emotion: 0  <- how it feels, from -2 (very negative) to 2 (very positive)")
        lines += comments(scale, 8)
    for lane in BLUEPRINT_LANES:
        lines += _text_list(8, lane, touchpoint.lanes.get(lane, []), None)
    return lines


def _pain_points(pain_points: list[DraftPainPoint] | None, language: str, first: bool) -> list[str]:
    words = translation(language)
    if pain_points is None:
        return comments(words.gettext(PAIN_POINTS_EXAMPLE if first else PAIN_POINTS_TODO), 4)
    if not pain_points:
        return [line(4, "pain_points: []", words.gettext("reviewed: none found"))]
    lines = [line(4, "pain_points:")]
    for index, pain_point in enumerate(pain_points):
        first_one = first and index == 0
        lines.append(line(6, f"- id: {pain_point.id}"))
        lines.append(line(8, f"description: {scalar(pain_point.description)}"))
        if pain_point.touchpoint:
            where = words.gettext("where it happens") if first_one else None
            lines.append(line(8, f"touchpoint: {pain_point.touchpoint}", where))
        levels = words.gettext("low, medium or high") if first_one else None
        lines.append(line(8, f"severity: {pain_point.severity}", levels))
    return lines
