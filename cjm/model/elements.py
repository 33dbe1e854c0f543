"""The journey map format, version 1, as typed models (see docs/format.md).

The field descriptions are the user documentation: `cjm schema` puts them in the JSON
Schema, and editors show them through yaml-language-server.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, WithJsonSchema
from pydantic_core import PydanticCustomError

from cjm import vocabulary
from cjm.errors import Position

_NOWHERE = Position("<memory>")

Text = Annotated[
    str,
    StringConstraints(strip_whitespace=True),
    WithJsonSchema({"type": ["string", "number", "boolean"]}),
]
RequiredText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1),
    WithJsonSchema({"type": ["string", "number", "boolean"]}),
]
Id = Annotated[str, StringConstraints(pattern=vocabulary.ID_PATTERN)]
RuleCode = Annotated[str, StringConstraints(pattern=vocabulary.RULE_CODE_PATTERN)]
Level = Literal[vocabulary.LEVELS]  # type: ignore[valid-type]
Phase = Literal[vocabulary.PHASES]  # type: ignore[valid-type]
Language = Literal[tuple(vocabulary.LANGUAGES)]  # type: ignore[valid-type]
Business = Literal[tuple(vocabulary.BUSINESSES)]  # type: ignore[valid-type]
MapStatus = Literal[vocabulary.MAP_STATUSES]  # type: ignore[valid-type]
OpportunityStatus = Literal[vocabulary.OPPORTUNITY_STATUSES]  # type: ignore[valid-type]
Emotion = Annotated[int, Field(ge=-2, le=2, strict=True)]
# Keys whose plain scalars are typed (YAML 1.2 core schema); every other scalar stays text,
# so that `name: No` and `target: 3.10` mean what they say.
TYPED_KEYS = frozenset({"cjm", "emotion", "target_emotion", "personal", "moment_of_truth"})
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _iso_date(value: Any) -> Any:
    """Only YYYY-MM-DD is a date (pydantic alone would take `0` as 1970-01-01)."""
    if isinstance(value, str) and not _ISO_DATE.match(value.strip()):
        raise PydanticCustomError("date_parsing", "a date is written YYYY-MM-DD")
    return value


IsoDate = Annotated[datetime.date, BeforeValidator(_iso_date)]

_ID_HELP = vocabulary.ID_RULE + "; unique across the whole file."
_IGNORE_HELP = "Rule codes (CJM101...) that `cjm check` does not report for this element."
_EVIDENCE_HELP = "The research behind it (interviews, surveys, analytics); none marks it an assumption."


class Element(BaseModel):
    """Any part of a map: it knows the file, line and column it came from."""

    model_config = ConfigDict(extra="forbid")
    # Set by the loader (place). Slots, not pydantic private attributes: those cost a dict
    # per element and a post-init call, a fifth of the load time of a big map.
    __slots__ = ("_key_marks", "_position")

    def place(
        self,
        position: Position,
        key_marks: Mapping[str, tuple[int, int]],
        layouts: dict[tuple[str | int, ...], tuple[str | int, ...]] | None = None,
    ) -> None:
        """Remember where the element and each of its keys (or list items, `key[i]`) are written.

        Key marks are kept flat, (key, line - element line, column, ...): small numbers are
        shared objects in Python, and elements written alike share one tuple from `layouts`,
        so a map of 10,000 touchpoints keeps its marks in well under 1 MB, not 20.
        """
        line = position.line
        packed = tuple(part for key, (at, column) in key_marks.items() for part in (key, at - line, column))
        if layouts is not None:
            packed = layouts.setdefault(packed, packed)
        object.__setattr__(self, "_position", position)
        object.__setattr__(self, "_key_marks", packed)

    @property
    def position(self) -> Position:
        return getattr(self, "_position", _NOWHERE)

    def key_position(self, key: str) -> Position:
        """Where `key` (or the list item `key[i]`) is written; else the element itself."""
        marks: tuple[str | int, ...] = getattr(self, "_key_marks", ())
        if key not in marks and key.endswith("]"):
            key = key.split("[", 1)[0]
        if key not in marks:  # only keys are text, so `in` and `index` never hit a number
            return self.position
        index = marks.index(key)
        line, column = marks[index + 1], marks[index + 2]
        return Position(self.position.path, self.position.line + line, column)  # type: ignore[operator]

    def share_fields_set(self, shared: dict[frozenset[str], frozenset[str]]) -> None:
        """Share one frozen `model_fields_set` with the elements that set the same keys.

        Pydantic gives each element a set of its own (728 bytes: 14 MB for a map of
        10,000 touchpoints); writing to an element gives it its own set again first.
        """
        names = frozenset(self.__pydantic_fields_set__)
        object.__setattr__(self, "__pydantic_fields_set__", shared.setdefault(names, names))

    def _own_fields_set(self) -> None:
        if type(self.__pydantic_fields_set__) is frozenset:
            object.__setattr__(self, "__pydantic_fields_set__", set(self.__pydantic_fields_set__))

    def __setattr__(self, name: str, value: Any) -> None:
        self._own_fields_set()
        super().__setattr__(name, value)

    def __delattr__(self, name: str) -> None:
        self._own_fields_set()
        super().__delattr__(name)

    def __copy__(self) -> Element:
        copied = super().__copy__()
        copied._own_fields_set()
        _copy_place(self, copied)
        return copied

    def __deepcopy__(self, memo: dict[int, Any] | None = None) -> Element:
        copied = super().__deepcopy__(memo)
        copied._own_fields_set()
        _copy_place(self, copied)
        return copied


def _copy_place(source: Element, target: Element) -> None:
    for name in Element.__slots__:
        if hasattr(source, name):
            object.__setattr__(target, name, getattr(source, name))


class Persona(Element):
    """One kind of customer the journey follows."""

    id: Id = Field(description="Identifier. " + _ID_HELP)
    name: RequiredText = Field(description="Name shown on the persona card, e.g. 'Sr. Jiménez'.")
    description: Text | None = Field(None, description="Who they are, in a sentence.")
    goals: list[Text] = Field(default_factory=list, description="What they want to achieve.")
    needs: list[Text] = Field(default_factory=list, description="What they need from the brand.")
    frustrations: list[Text] = Field(default_factory=list, description="What annoys them today.")
    evidence: list[Text] = Field(default_factory=list, description=_EVIDENCE_HELP)
    ignore: list[RuleCode] = Field(default_factory=list, description=_IGNORE_HELP)


class Channel(Element):
    """A channel through which the customer meets the brand: Instagram, the shop, a call."""

    id: Id = Field(description="Identifier that touchpoints refer to. " + _ID_HELP)
    name: Text | None = Field(None, description="Name shown in rendered maps; defaults to the id.")
    kind: Text | None = Field(None, description="Free text: digital, physical, human, ...")
    description: Text | None = Field(None, description="What the channel is.")

    @property
    def label(self) -> str:
        return self.name or self.id


class Kpi(Element):
    """A key performance indicator that measures a stage."""

    id: Id | None = Field(None, description="Identifier, so that `cjm import` can update it. " + _ID_HELP)
    name: RequiredText = Field(description="What is measured, e.g. 'Conversion rate'.")
    target: Text | None = Field(None, description="The value the team aims for, e.g. '3 %'.")
    current: Text | None = Field(None, description="The value measured today.")
    source: Text | None = Field(
        None, description="Where `current` comes from, e.g. 'Google Analytics' (free text)."
    )


class DataItem(Element):
    """A piece of data collected at a touchpoint."""

    name: RequiredText = Field(description="What is collected, e.g. 'email'.")
    personal: bool = Field(False, strict=True, description="Whether it is personal data (GDPR).")
    purpose: Text | None = Field(None, description="Why it is collected; required for personal data.")


class Touchpoint(Element):
    """Something the customer does, on a channel, at one stage."""

    id: Id | None = Field(None, description="Identifier, needed only to be referred to. " + _ID_HELP)
    action: RequiredText = Field(description="What the customer does, e.g. 'Sees an Instagram ad'.")
    channel: Id = Field(description="The id of a channel from `channels`.")
    personas: list[Id] | None = Field(
        None, description="Ids of the personas who do this; default: every persona."
    )
    emotion: Emotion | None = Field(
        None,
        description="How it feels today (as-is): -2 very negative, -1 negative, 0 neutral, "
        "1 positive, 2 very positive.",
    )
    target_emotion: Emotion | None = Field(
        None,
        description="How it should feel once the planned opportunities are done (to-be), -2..2; "
        "drawn as a dashed curve beside the as-is one.",
    )
    moment_of_truth: bool = Field(
        False,
        strict=True,
        description="A moment that decides whether the customer stays or leaves; marked with a star.",
    )
    thoughts: Text | None = Field(None, description="What the customer thinks, in their words.")
    owner: Text | None = Field(None, description="Who in the company owns this touchpoint.")
    evidence: list[Text] = Field(default_factory=list, description=_EVIDENCE_HELP)
    data: list[DataItem] = Field(default_factory=list, description="Data collected here.")
    frontstage: list[Text] = Field(
        default_factory=list,
        description="Service blueprint: what the customer sees the company do here (employees, screens).",
    )
    backstage: list[Text] = Field(
        default_factory=list,
        description="Service blueprint: what the company does behind the line of visibility.",
    )
    support: list[Text] = Field(
        default_factory=list,
        description="Service blueprint: the systems and processes that support it (payment gateway, ERP).",
    )
    physical_evidence: list[Text] = Field(
        default_factory=list,
        description="Service blueprint: what the customer touches or receives (an email, a box, a receipt).",
    )
    ignore: list[RuleCode] = Field(default_factory=list, description=_IGNORE_HELP)


class PainPoint(Element):
    """A problem the customer meets at a stage."""

    id: Id | None = Field(None, description="Identifier that opportunities refer to. " + _ID_HELP)
    description: RequiredText = Field(description="The problem, from the customer's side.")
    touchpoint: Id | None = Field(None, description="The id of the touchpoint where it happens.")
    personas: list[Id] | None = Field(
        None, description="Ids of the personas it hurts; default: every persona."
    )
    severity: Level = Field("medium", description="How much it hurts: low, medium or high.")
    evidence: list[Text] = Field(default_factory=list, description=_EVIDENCE_HELP)
    ignore: list[RuleCode] = Field(default_factory=list, description=_IGNORE_HELP)


class Opportunity(Element):
    """An idea that solves one or more pain points."""

    id: Id | None = Field(None, description="Identifier. " + _ID_HELP)
    description: RequiredText = Field(description="What the company will do.")
    addresses: list[Id] = Field(
        default_factory=list, description="Ids of the pain points it solves, from any stage."
    )
    owner: Text | None = Field(None, description="Who will do it.")
    priority: Level | None = Field(None, description="low, medium or high.")
    status: OpportunityStatus = Field(
        "idea",
        description="idea, planned, in-progress or done. A pain point whose every addressing "
        "opportunity is done is resolved.",
    )
    effort: Level | None = Field(None, description="low, medium or high: for value/effort prioritisation.")


class Stage(Element):
    """A stage of the journey, in order: discovery, consideration, decision, ..."""

    id: Id = Field(description="Identifier. " + _ID_HELP)
    name: RequiredText = Field(description="Name shown as the column title.")
    phase: Phase | None = Field(
        None,
        description="The classic phase it belongs to: discovery, consideration, decision, "
        "retention or advocacy.",
    )
    description: Text | None = Field(None, description="What happens in this stage.")
    goal: Text | None = Field(None, description="What the business wants from this stage.")
    duration: Text | None = Field(None, description="How long it lasts, e.g. 'seconds to days'.")
    kpis: list[Kpi] = Field(default_factory=list, description="How the stage is measured.")
    content: list[Text] | None = Field(None, description="Content planned for this stage.")
    touchpoints: list[Touchpoint] = Field(
        default_factory=list, description="What the customer does in this stage."
    )
    pain_points: list[PainPoint] | None = Field(
        None,
        description="Problems met in this stage. Absent: not reviewed yet; []: reviewed, none found.",
    )
    opportunities: list[Opportunity] = Field(
        default_factory=list, description="Ideas that solve pain points."
    )
    ignore: list[RuleCode] = Field(default_factory=list, description=_IGNORE_HELP)


class JourneyMap(Element):
    """A customer journey map (cjm format version 1)."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"additionalProperties": False},
        title="cjm journey map",
    )

    cjm: Literal[1] = Field(description="Format version of this file; this release reads 1.")
    title: RequiredText = Field(description="Title of the journey.")
    business: Business = Field(description="b2c or b2b: the journeys differ.")
    language: Language = Field("en", description="Language of the labels in rendered output: en, es or pl.")
    status: MapStatus | None = Field(
        None, description="draft, validated or archived (a portfolio lists archived maps apart)."
    )
    value_proposition: Text | None = Field(None, description="What the brand promises.")
    owner: Text | None = Field(None, description="Who keeps this map alive.")
    updated: IsoDate | None = Field(None, description="Date of the last review (YYYY-MM-DD).")
    personas: list[Persona] = Field(min_length=1, description="The customers the journey follows.")
    channels: list[Channel] = Field(
        default_factory=list, description="The catalogue of channels touchpoints refer to."
    )
    stages: list[Stage] = Field(min_length=1, description="The stages of the journey, in order.")
    ignore: list[RuleCode] = Field(
        default_factory=list, description="Rule codes switched off for the whole map."
    )

    def touchpoints(self) -> Iterator[tuple[Stage, Touchpoint]]:
        for stage in self.stages:
            for touchpoint in stage.touchpoints:
                yield stage, touchpoint

    def pain_points(self) -> Iterator[tuple[Stage, PainPoint]]:
        for stage in self.stages:
            for pain_point in stage.pain_points or ():
                yield stage, pain_point

    def opportunities(self) -> Iterator[tuple[Stage, Opportunity]]:
        for stage in self.stages:
            for opportunity in stage.opportunities:
                yield stage, opportunity

    def persona_ids_of(self, element: Touchpoint | PainPoint) -> list[str]:
        """The personas an element concerns: those it names, or every persona."""
        if element.personas is None:
            return [persona.id for persona in self.personas]
        return list(element.personas)

    def channel(self, channel_id: str) -> Channel | None:
        return next((channel for channel in self.channels if channel.id == channel_id), None)

    @property
    def is_blueprint(self) -> bool:
        """Whether any touchpoint has a frontstage, backstage or support lane."""
        return any(
            getattr(touchpoint, lane)
            for _, touchpoint in self.touchpoints()
            for lane in vocabulary.BLUEPRINT_MARKERS
        )

    def resolved_pain_point_ids(self) -> set[str]:
        """Pain points whose every addressing opportunity is done (and that have at least one)."""
        statuses: dict[str, list[str]] = {}
        for _, opportunity in self.opportunities():
            for pain_id in opportunity.addresses:
                statuses.setdefault(pain_id, []).append(opportunity.status)
        return {pain_id for pain_id, found in statuses.items() if all(status == "done" for status in found)}
