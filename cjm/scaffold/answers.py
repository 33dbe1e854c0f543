"""The answers to `cjm init`'s questions, and the complete draft of a map they lead to.

The wizard and an answers file (`cjm init --answers FILE`) both produce `Answers`;
`resolve()` fills every gap with the --no-input defaults and gives every element its id,
in one fixed order, so the same answers always give the same file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeVar

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.i18n import ngettext
from cjm.model.elements import Business, Id, Language, Level, Phase
from cjm.scaffold.ids import slugify, unique_id
from cjm.scaffold.presets import default_preset, guess_phase, preset_stages
from cjm.scaffold.words import MapWords
from cjm.vocabulary import BLUEPRINT_LANES, STAGE_PRESETS

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Preset = Literal[STAGE_PRESETS]  # type: ignore[valid-type]


def split_list(value: Any) -> Any:
    """'a, b' or 'a\\nb' -> ['a', 'b']: the way a person types a short list."""
    if isinstance(value, str):
        return [item.strip() for item in re.split(r"[,\n]", value) if item.strip()]
    if value is None:
        return []
    return value


TextList = Annotated[list[Text], BeforeValidator(split_list)]


class _Answers(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PersonaAnswers(_Answers):
    name: Text
    id: Id | None = None
    description: Text | None = None
    goals: TextList = Field(default_factory=list)
    needs: TextList = Field(default_factory=list)
    frustrations: TextList = Field(default_factory=list)


class ChannelAnswers(_Answers):
    name: Text
    id: Id | None = None
    kind: Text | None = "digital"


class TouchpointAnswers(_Answers):
    action: Text
    channel: Text  # a channel id or name
    personas: list[Id] | None = None  # None: every persona
    emotion: int | None = Field(None, ge=-2, le=2, strict=True)
    id: Id | None = None
    # Service blueprint lanes; in a blueprint, an empty lane is written as a placeholder.
    frontstage: TextList = Field(default_factory=list)
    backstage: TextList = Field(default_factory=list)
    support: TextList = Field(default_factory=list)
    physical_evidence: TextList = Field(default_factory=list)

    def lanes(self) -> dict[str, list[str]]:
        return {lane: getattr(self, lane) for lane in BLUEPRINT_LANES}


class PainPointAnswers(_Answers):
    description: Text
    severity: Level = "medium"
    touchpoint: int | Id | None = None  # 1-based number of a touchpoint of the stage, or its id
    opportunity: Text | None = None  # what the company will do about it
    id: Id | None = None


class StageAnswers(_Answers):
    touchpoints: list[TouchpointAnswers] | None = None  # None: a placeholder to fill in
    pain_points: list[PainPointAnswers] | None = None  # None: not reviewed yet


class CustomStage(_Answers):
    name: Text
    id: Id | None = None
    phase: Phase | None = None


def _stage_names(value: Any) -> Any:
    if isinstance(value, str):
        value = split_list(value)
    if isinstance(value, list):
        return [{"name": item} if isinstance(item, str) else item for item in value]
    return value


class Answers(_Answers):
    """Every answer `cjm init` can be given; anything left out takes the --no-input default."""

    title: Text | None = None
    business: Business = "b2c"
    language: Language = "en"
    preset: Preset | None = None
    blueprint: bool = False  # a service blueprint: every touchpoint gets the lanes of BLUEPRINT_LANES
    custom_stages: Annotated[list[CustomStage], BeforeValidator(_stage_names)] = Field(default_factory=list)
    personas: list[PersonaAnswers] = Field(default_factory=list)
    channels: list[ChannelAnswers] = Field(default_factory=list)
    stages: dict[str, StageAnswers] = Field(default_factory=dict)  # by stage id


# --- the draft: everything resolved --------------------------------------------------------


@dataclass
class DraftTouchpoint:
    action: str
    channel: str
    personas: list[str] | None = None
    emotion: int | None = None
    id: str | None = None
    placeholder: bool = False
    lanes: dict[str, list[str]] = field(default_factory=dict)  # by lane, in BLUEPRINT_LANES order


@dataclass
class DraftPainPoint:
    id: str
    description: str
    severity: str = "medium"
    touchpoint: str | None = None


@dataclass
class DraftOpportunity:
    description: str
    addresses: list[str]


@dataclass
class DraftStage:
    id: str
    name: str
    phase: str | None = None
    description: str | None = None
    duration: str | None = None
    touchpoints: list[DraftTouchpoint] = field(default_factory=list)
    pain_points: list[DraftPainPoint] | None = None
    opportunities: list[DraftOpportunity] = field(default_factory=list)


@dataclass
class Draft:
    title: str
    business: str
    language: str
    personas: list[PersonaAnswers]
    channels: list[ChannelAnswers]
    stages: list[DraftStage]
    blueprint: bool = False


# --- resolving -----------------------------------------------------------------------------


def chosen_preset(answers: Answers) -> str:
    return answers.preset or default_preset(answers.business)


def draft_stages(answers: Answers) -> list[DraftStage]:
    """The stages the answers choose, in order, with their ids (no touchpoints yet)."""
    preset = chosen_preset(answers)
    if preset != "custom":
        return [
            DraftStage(stage.id, stage.name, stage.phase, stage.description, stage.duration)
            for stage in preset_stages(preset, answers.language)
        ]
    if not answers.custom_stages:
        raise UserError(_("the custom preset needs stage names: give them as 'custom_stages'"))
    stages: list[DraftStage] = []
    count = len(answers.custom_stages)
    fallback = MapWords(answers.language).suggested_id("stage")
    for index, custom in enumerate(answers.custom_stages):
        ident = custom.id or unique_id(slugify(custom.name, fallback), [stage.id for stage in stages])
        stages.append(DraftStage(ident, custom.name, custom.phase or guess_phase(index, count)))
    return stages


NamedT = TypeVar("NamedT", "PersonaAnswers", "ChannelAnswers")


def with_ids(items: list[NamedT], taken: list[str], fallback: str) -> list[NamedT]:
    """Personas or channels with their ids: given ones kept, missing ones made from the name."""
    result: list[NamedT] = []
    for item in items:
        ident = item.id or unique_id(slugify(item.name, fallback), taken)
        taken.append(ident)
        result.append(item.model_copy(update={"id": ident}))
    return result


def resolve(answers: Answers) -> Draft:
    """The complete draft of a map; raises UserError when answers contradict each other."""
    words = MapWords(answers.language)
    stages = draft_stages(answers)
    taken = [stage.id for stage in stages]
    _refuse_unknown_stages(answers, stages)
    personas = with_ids(answers.personas, taken, words.suggested_id("persona"))
    personas = personas or [_placeholder_persona(words, taken)]
    channels = with_ids(answers.channels, taken, words.suggested_id("channel"))
    channels = channels or [_placeholder_channel(words, taken)]
    for stage in stages:
        given = answers.stages.get(stage.id, StageAnswers())
        _fill_stage(stage, given, personas, channels, taken, words)
    _refuse_duplicates(taken)
    blueprint = answers.blueprint or _any_lane_given(answers)
    if blueprint:
        _fill_lanes(stages, words)
    title = answers.title or words.text("title")
    return Draft(title, answers.business, answers.language, personas, channels, stages, blueprint)


def _any_lane_given(answers: Answers) -> bool:
    """Lanes in an answers file make the map a blueprint, as they make a map one (FORMAT.md)."""
    touchpoints = [item for stage in answers.stages.values() for item in stage.touchpoints or ()]
    return any(any(item.lanes().values()) for item in touchpoints)


def _fill_lanes(stages: list[DraftStage], words: MapWords) -> None:
    """Every lane left empty gets its placeholder: a blueprint's gaps must show (CJM212)."""
    for stage in stages:
        for touchpoint in stage.touchpoints:
            lanes = touchpoint.lanes
            touchpoint.lanes = {lane: lanes.get(lane) or [words.text(lane)] for lane in BLUEPRINT_LANES}


def _placeholder_persona(words: MapWords, taken: list[str]) -> PersonaAnswers:
    ident = unique_id(words.suggested_id("customer"), taken)
    taken.append(ident)
    return PersonaAnswers(
        id=ident,
        name=words.text("persona"),
        description=words.text("persona_description"),
        goals=[words.text("goals")],
        needs=[words.text("needs")],
        frustrations=[words.text("frustrations")],
    )


def _placeholder_channel(words: MapWords, taken: list[str]) -> ChannelAnswers:
    ident = unique_id(words.suggested_id("website"), taken)
    taken.append(ident)
    return ChannelAnswers(id=ident, name=words.text("channel"), kind="digital")


def _refuse_unknown_stages(answers: Answers, stages: list[DraftStage]) -> None:
    known = [stage.id for stage in stages]
    for key in answers.stages:
        if key not in known:
            message = _("stages: unknown stage '{stage}'; the stages of this preset are: {stages}")
            raise UserError(message.format(stage=key, stages=", ".join(known)))


def _refuse_duplicates(taken: list[str]) -> None:
    seen: set[str] = set()
    for ident in taken:
        if ident in seen:
            message = _("the id '{id}' is used twice; ids must be unique across the whole map")
            raise UserError(message.format(id=ident))
        seen.add(ident)


def _fill_stage(
    stage: DraftStage,
    given: StageAnswers,
    personas: list[PersonaAnswers],
    channels: list[ChannelAnswers],
    taken: list[str],
    words: MapWords,
) -> None:
    if given.touchpoints is None:
        stage.touchpoints = [DraftTouchpoint(words.text("action"), channels[0].id or "", placeholder=True)]
    else:
        stage.touchpoints = [
            _touchpoint(
                item,
                personas,
                channels,
                _("stages: {stage}: touchpoint {number}").format(stage=stage.id, number=number),
            )
            for number, item in enumerate(given.touchpoints, start=1)
        ]
    taken.extend(touchpoint.id for touchpoint in stage.touchpoints if touchpoint.id)
    if given.pain_points is None:
        return
    stage.pain_points = []
    for number, item in enumerate(given.pain_points, start=1):
        where = _("stages: {stage}: pain point {number}").format(stage=stage.id, number=number)
        pain_point = _pain_point(item, stage, taken, where, words)
        stage.pain_points.append(pain_point)
        if item.opportunity:
            stage.opportunities.append(DraftOpportunity(item.opportunity, [pain_point.id]))


def _touchpoint(
    item: TouchpointAnswers, personas: list[PersonaAnswers], channels: list[ChannelAnswers], where: str
) -> DraftTouchpoint:
    channel = find_channel(item.channel, channels)
    if channel is None:
        known = ", ".join(str(channel.id) for channel in channels)
        message = _("{where}: unknown channel '{channel}'; the channels are: {channels}")
        raise UserError(message.format(where=where, channel=item.channel, channels=known))
    persona_ids_known = [str(persona.id) for persona in personas]
    for persona in item.personas or ():
        if persona not in persona_ids_known:
            known = ", ".join(persona_ids_known)
            message = _("{where}: unknown persona '{persona}'; the personas are: {personas}")
            raise UserError(message.format(where=where, persona=persona, personas=known))
    lanes = {lane: items for lane, items in item.lanes().items() if items}
    return DraftTouchpoint(item.action, channel, item.personas, item.emotion, item.id, lanes=lanes)


def find_channel(wanted: str, channels: list[ChannelAnswers]) -> str | None:
    """The id of the channel named by its id, its name or its number in the list (from 1)."""
    for channel in channels:
        if wanted == channel.id:
            return channel.id
    for channel in channels:
        if wanted.casefold() == channel.name.casefold():
            return channel.id
    if wanted.isdigit() and 1 <= int(wanted) <= len(channels):
        return channels[int(wanted) - 1].id
    return None


def _pain_point(
    item: PainPointAnswers, stage: DraftStage, taken: list[str], where: str, words: MapWords
) -> DraftPainPoint:
    touchpoint_id = None
    if item.touchpoint is not None:
        touchpoint = _find_touchpoint(item.touchpoint, stage, where)
        if touchpoint.id is None:
            touchpoint.id = unique_id(slugify(touchpoint.action, words.suggested_id("touchpoint")), taken)
            taken.append(touchpoint.id)
        touchpoint_id = touchpoint.id
    ident = item.id or unique_id(slugify(item.description, words.suggested_id("pain_point")), taken)
    taken.append(ident)
    return DraftPainPoint(ident, item.description, item.severity, touchpoint_id)


def _find_touchpoint(wanted: int | str, stage: DraftStage, where: str) -> DraftTouchpoint:
    if isinstance(wanted, str) and wanted.isdigit():
        wanted = int(wanted)
    if isinstance(wanted, int):
        if 1 <= wanted <= len(stage.touchpoints):
            return stage.touchpoints[wanted - 1]
        count = len(stage.touchpoints)
        message = ngettext(
            "{where}: touchpoint {number}: the stage has {count} touchpoint(s)",
            "{where}: touchpoint {number}: the stage has {count} touchpoint(s)",
            count,
        )
        raise UserError(message.format(where=where, number=wanted, count=count))
    for touchpoint in stage.touchpoints:
        if touchpoint.id == wanted:
            return touchpoint
    message = _("{where}: no touchpoint with the id '{id}' in this stage")
    raise UserError(message.format(where=where, id=wanted))
