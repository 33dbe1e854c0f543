"""How the journey feels: the stage x persona matrix of touchpoints and emotions, and its low points."""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm.model.elements import JourneyMap, Stage


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
