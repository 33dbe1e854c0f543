"""What the portfolio keeps of one map: everything its pages show, as plain data that a cache can hold.

A summary is made once when a map is (re)built, in the worker that loads the map; the
portfolio pages are made from summaries alone, so an unchanged map is never loaded again.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from cjm.errors import Problem
from cjm.model import DataItem, JourneyMap, Opportunity, PainPoint, Persona, Stage, Touchpoint
from cjm.model.emotions import PersonaLow, persona_lows
from cjm.vocabulary import LEVELS


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Trouble(_Record):
    """A problem that kept a map from loading, at its place in the map's file."""

    file: str
    line: int = 0
    column: int = 0
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.message}"


class PersonaEntry(_Record):
    id: str
    name: str
    description: str | None = None
    goals: list[str] = []
    needs: list[str] = []
    frustrations: list[str] = []


class StageEntry(_Record):
    id: str
    name: str


class Moment(_Record):
    """A low moment: the touchpoint, its stage, its emotion and who feels it."""

    emotion: int
    stage: str
    touchpoint: str
    personas: list[str] = []  # names
    others: int = 0  # further touchpoints as low as this one


class PersonaMoment(_Record):
    persona: str  # id
    moment: Moment | None = None


class PainEntry(_Record):
    id: str | None
    description: str
    severity: str
    stage_id: str
    stage: str
    touchpoint: str | None = None  # the action
    line: int = 0


class BacklogEntry(_Record):
    """An open opportunity (status not done), with the pain points it addresses."""

    id: str | None
    description: str
    priority: str | None
    status: str
    effort: str | None
    owner: str | None
    stage_id: str
    stage: str
    addresses: list[str]
    addressed: list[PainEntry]
    line: int = 0


class DataEntry(_Record):
    name: str
    personal: bool
    purpose: str | None
    stage: str
    touchpoint: str  # the action
    channel: str  # the channel's name
    personas: list[str]  # names
    owner: str | None
    line: int = 0


class MapSummary(_Record):
    """One map as the portfolio sees it; `loaded` is False for a map that did not load."""

    file: str  # relative to the project root, with '/'
    slug: str  # the map's pages are maps/SLUG.html ...; id-like, unique in the project
    loaded: bool
    troubles: list[Trouble] = []
    title: str = ""
    business: str = ""
    language: str = "en"
    status: str | None = None
    owner: str | None = None
    updated: str | None = None
    coverage: float | None = None
    findings: dict[str, int] = {}
    personas: list[PersonaEntry] = []
    stages: list[StageEntry] = []
    touchpoints: int = 0
    open_pain_points: dict[str, int] = {}  # by severity
    resolved_pain_points: int = 0
    worst: Moment | None = None
    persona_moments: list[PersonaMoment] = []
    backlog: list[BacklogEntry] = []
    unaddressed: list[PainEntry] = []
    data: list[DataEntry] = []

    @property
    def archived(self) -> bool:
        return self.status == "archived"

    @property
    def name(self) -> str:
        """How the portfolio names the map: its title, else its file."""
        return self.title or self.file


def troubles_of(problems: Iterable[Problem]) -> list[Trouble]:
    return [
        Trouble(
            file=problem.position.path,
            line=problem.position.line,
            column=problem.position.column,
            message=problem.message,
        )
        for problem in problems
    ]


def failed_summary(file: str, slug: str, problems: Iterable[Problem]) -> MapSummary:
    """A map that did not load: only its problems, each at FILE:LINE:COLUMN."""
    return MapSummary(file=file, slug=slug, loaded=False, troubles=troubles_of(problems))


def summarize(
    journey: JourneyMap, file: str, slug: str, coverage: float | None, findings: dict[str, int]
) -> MapSummary:
    """Everything the portfolio pages show of one loaded map."""
    names = {persona.id: persona.name for persona in journey.personas}
    lows = persona_lows(journey)
    return MapSummary(
        file=file,
        slug=slug,
        loaded=True,
        title=journey.title,
        business=journey.business,
        language=journey.language,
        status=journey.status,
        owner=journey.owner,
        updated=journey.updated.isoformat() if journey.updated else None,
        coverage=coverage,
        findings=findings,
        personas=[_persona(persona) for persona in journey.personas],
        stages=[StageEntry(id=stage.id, name=stage.name) for stage in journey.stages],
        touchpoints=sum(1 for _ in journey.touchpoints()),
        open_pain_points=_open_by_severity(journey),
        resolved_pain_points=len(journey.resolved_pain_point_ids()),
        worst=_worst_moment(journey, lows, names),
        persona_moments=[_persona_moment(low, names) for low in lows],
        backlog=_backlog(journey),
        unaddressed=_unaddressed(journey),
        data=_data(journey, names),
    )


def _persona(persona: Persona) -> PersonaEntry:
    return PersonaEntry(
        id=persona.id,
        name=persona.name,
        description=persona.description,
        goals=list(persona.goals),
        needs=list(persona.needs),
        frustrations=list(persona.frustrations),
    )


def _open_by_severity(journey: JourneyMap) -> dict[str, int]:
    resolved = journey.resolved_pain_point_ids()
    counts = dict.fromkeys(reversed(LEVELS), 0)
    for _, pain in journey.pain_points():
        if pain.id not in resolved:
            counts[pain.severity] += 1
    return counts


def _worst_moment(journey: JourneyMap, lows: list[PersonaLow], names: dict[str, str]) -> Moment | None:
    """The lowest emotion of the journey, where it is first felt, and by whom."""
    felt = [low for low in lows if low.emotion is not None]
    if not felt:
        return None
    lowest = min(low.emotion for low in felt)  # type: ignore[type-var]
    moments = [(moment, low.persona.id) for low in felt if low.emotion == lowest for moment in low.moments]
    stage_number = {id(stage): number for number, stage in enumerate(journey.stages)}
    moments.sort(key=lambda pair: (stage_number[id(pair[0].stage)], pair[0].number))
    first = moments[0][0]
    who = [names[persona] for moment, persona in moments if moment.touchpoint is first.touchpoint]
    distinct = {id(moment.touchpoint) for moment, _ in moments}
    return Moment(
        emotion=lowest,
        stage=first.stage.name,
        touchpoint=first.touchpoint.action,
        personas=list(dict.fromkeys(who)),
        others=len(distinct) - 1,
    )


def _persona_moment(low: PersonaLow, names: dict[str, str]) -> PersonaMoment:
    if low.emotion is None or not low.moments:
        return PersonaMoment(persona=low.persona.id)
    first = low.moments[0]
    moment = Moment(
        emotion=low.emotion,
        stage=first.stage.name,
        touchpoint=first.touchpoint.action,
        personas=[names[low.persona.id]],
        others=len(low.moments) - 1,
    )
    return PersonaMoment(persona=low.persona.id, moment=moment)


def _pain_entry(stage: Stage, pain: PainPoint, actions: dict[str, str]) -> PainEntry:
    return PainEntry(
        id=pain.id,
        description=pain.description,
        severity=pain.severity,
        stage_id=stage.id,
        stage=stage.name,
        touchpoint=actions.get(pain.touchpoint) if pain.touchpoint else None,
        line=pain.position.line,
    )


def _pain_entries(journey: JourneyMap) -> dict[str, PainEntry]:
    actions = {touchpoint.id: touchpoint.action for _, touchpoint in journey.touchpoints() if touchpoint.id}
    return {pain.id: _pain_entry(stage, pain, actions) for stage, pain in journey.pain_points() if pain.id}


def _backlog(journey: JourneyMap) -> list[BacklogEntry]:
    pains = _pain_entries(journey)
    return [
        _backlog_entry(stage, opportunity, pains)
        for stage, opportunity in journey.opportunities()
        if opportunity.status != "done"
    ]


def _backlog_entry(stage: Stage, opportunity: Opportunity, pains: dict[str, PainEntry]) -> BacklogEntry:
    return BacklogEntry(
        id=opportunity.id,
        description=opportunity.description,
        priority=opportunity.priority,
        status=opportunity.status,
        effort=opportunity.effort,
        owner=opportunity.owner,
        stage_id=stage.id,
        stage=stage.name,
        addresses=list(opportunity.addresses),
        addressed=[pains[pain_id] for pain_id in opportunity.addresses if pain_id in pains],
        line=opportunity.position.line,
    )


def _unaddressed(journey: JourneyMap) -> list[PainEntry]:
    """Pain points that no opportunity addresses, in the map's order."""
    addressed = {pain_id for _, opportunity in journey.opportunities() for pain_id in opportunity.addresses}
    actions = {touchpoint.id: touchpoint.action for _, touchpoint in journey.touchpoints() if touchpoint.id}
    return [
        _pain_entry(stage, pain, actions)
        for stage, pain in journey.pain_points()
        if pain.id is None or pain.id not in addressed
    ]


def _data(journey: JourneyMap, names: dict[str, str]) -> list[DataEntry]:
    channels = {channel.id: channel.label for channel in journey.channels}
    return [
        _data_entry(journey, stage, touchpoint, item, channels, names)
        for stage, touchpoint in journey.touchpoints()
        for item in touchpoint.data
    ]


def _data_entry(
    journey: JourneyMap,
    stage: Stage,
    touchpoint: Touchpoint,
    item: DataItem,
    channels: dict[str, str],
    names: dict[str, str],
) -> DataEntry:
    return DataEntry(
        name=item.name,
        personal=item.personal,
        purpose=item.purpose,
        stage=stage.name,
        touchpoint=touchpoint.action,
        channel=channels.get(touchpoint.channel, touchpoint.channel),
        personas=[names[persona_id] for persona_id in journey.persona_ids_of(touchpoint)],
        owner=touchpoint.owner,
        line=item.position.line,
    )
