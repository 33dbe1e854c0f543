"""How the journey feels: the stage x persona matrix of touchpoints and emotions, and its low points."""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm.model.elements import JourneyMap, Persona, Stage, Touchpoint


@dataclass
class Cell:
    """The touchpoints one persona has in one stage, and the emotions recorded for them."""

    touchpoints: int = 0
    emotion_total: int = 0
    emotions: int = 0

    @property
    def emotion(self) -> float | None:
        """Average emotion (-2..2) of the touchpoints that have one."""
        return self.emotion_total / self.emotions if self.emotions else None


@dataclass
class Matrix:
    """A cell per (stage id, persona id) that has touchpoints."""

    cells: dict[tuple[str, str], Cell] = field(default_factory=dict)

    def cell(self, stage_id: str, persona_id: str) -> Cell:
        return self.cells.get((stage_id, persona_id)) or Cell()


def coverage_matrix(journey: JourneyMap) -> Matrix:
    """One pass over the touchpoints: linear in their number times the personas each concerns."""
    every_persona = [persona.id for persona in journey.personas]
    matrix = Matrix()
    for stage, touchpoint in journey.touchpoints():
        for persona_id in touchpoint.personas if touchpoint.personas is not None else every_persona:
            cell = matrix.cells.setdefault((stage.id, persona_id), Cell())
            cell.touchpoints += 1
            if touchpoint.emotion is not None:
                cell.emotion_total += touchpoint.emotion
                cell.emotions += 1
    return matrix


def stage_emotion(stage: Stage) -> float | None:
    """Average emotion of the stage's touchpoints that have one."""
    emotions = [touchpoint.emotion for touchpoint in stage.touchpoints if touchpoint.emotion is not None]
    return sum(emotions) / len(emotions) if emotions else None


def worst_stage(journey: JourneyMap) -> tuple[Stage, float] | None:
    """The stage with the lowest average emotion: where customers see the brand worst."""
    scored = [
        (emotion, index)
        for index, stage in enumerate(journey.stages)
        if (emotion := stage_emotion(stage)) is not None
    ]
    if not scored:
        return None
    emotion, index = min(scored)
    return journey.stages[index], emotion


@dataclass(frozen=True)
class Moment:
    """A touchpoint where a persona feels something, with its place in the journey."""

    stage: Stage
    touchpoint: Touchpoint
    number: int  # 1-based, within its stage


@dataclass(frozen=True)
class PersonaLow:
    """Where one persona sees the brand worst: the lowest moments (ties all listed) and the
    stages with the lowest average emotion (ties all listed)."""

    persona: Persona
    emotion: int | None = None
    moments: tuple[Moment, ...] = ()
    stage_average: float | None = None
    stages: tuple[Stage, ...] = ()


def persona_lows(journey: JourneyMap) -> list[PersonaLow]:
    """Per persona, in the map's order, its worst moments and worst stages (none without emotions)."""
    matrix = coverage_matrix(journey)
    felt: dict[str, list[Moment]] = {persona.id: [] for persona in journey.personas}
    for stage in journey.stages:
        for number, touchpoint in enumerate(stage.touchpoints, start=1):
            if touchpoint.emotion is not None:
                for persona_id in journey.persona_ids_of(touchpoint):
                    felt[persona_id].append(Moment(stage, touchpoint, number))
    return [_low(journey, matrix, persona, felt[persona.id]) for persona in journey.personas]


def _low(journey: JourneyMap, matrix: Matrix, persona: Persona, moments: list[Moment]) -> PersonaLow:
    if not moments:
        return PersonaLow(persona)
    lowest = min(moment.touchpoint.emotion for moment in moments)  # type: ignore[type-var]
    averages = [(matrix.cell(stage.id, persona.id).emotion, stage) for stage in journey.stages]
    known = [(average, stage) for average, stage in averages if average is not None]
    worst = min(average for average, _ in known)
    return PersonaLow(
        persona,
        lowest,
        tuple(moment for moment in moments if moment.touchpoint.emotion == lowest),
        worst,
        tuple(stage for average, stage in known if average == worst),
    )
