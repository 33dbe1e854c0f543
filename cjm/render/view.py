"""The map as the templates see it: plain, precomputed values, no lookups left to Jinja.

Everything a template needs per stage or per persona is computed here once, in linear time,
so a map of ten thousand touchpoints renders as fast as its templates can loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cjm.model import JourneyMap, PainPoint, Stage, Touchpoint
from cjm.model.emotions import coverage_matrix
from cjm.render.i18n import Labels

# Distinct at a glance, calm on paper, and readable as thin lines on white.
PERSONA_COLORS = ("#2563a6", "#c2410c", "#0f766e", "#7e22ce", "#b91c1c", "#4d7c0f", "#a16207", "#be185d")
EMOTION_COLORS = {-2: "#b42318", -1: "#dc6803", 0: "#667085", 1: "#3b7d4f", 2: "#1f6f43"}


@dataclass(frozen=True)
class PersonaTag:
    name: str
    color: str


@dataclass(frozen=True)
class PersonaView:
    id: str
    name: str
    description: str | None
    goals: list[str]
    needs: list[str]
    frustrations: list[str]
    evidence: list[str]
    color: str
    initials: str

    @property
    def assumption(self) -> bool:
        return not self.evidence


@dataclass(frozen=True)
class DataView:
    name: str
    personal: bool
    purpose: str | None
    touchpoint: str


@dataclass(frozen=True)
class TouchpointView:
    action: str
    channel: str
    channel_kind: str | None
    personas: list[PersonaTag]
    emotion: int | None
    emotion_color: str
    emotion_label: str
    thoughts: str | None
    owner: str | None
    evidence: list[str]
    data: list[DataView]

    @property
    def assumption(self) -> bool:
        return not self.evidence

    @property
    def emotion_text(self) -> str:
        """The score with a real minus sign, so '−1' does not read as a dash."""
        if self.emotion is None:
            return ""
        return f"+{self.emotion}" if self.emotion > 0 else str(self.emotion).replace("-", "−")


@dataclass(frozen=True)
class ThoughtView:
    text: str
    personas: list[PersonaTag]
    emotion_color: str


@dataclass(frozen=True)
class PainPointView:
    description: str
    severity: str
    touchpoint: str | None
    personas: list[PersonaTag]
    evidence: list[str]

    @property
    def assumption(self) -> bool:
        return not self.evidence


@dataclass(frozen=True)
class OpportunityView:
    description: str
    owner: str | None
    priority: str | None
    addresses: list[str]


@dataclass(frozen=True)
class KpiView:
    name: str
    target: str | None
    current: str | None


@dataclass(frozen=True)
class StageView:
    number: int
    id: str
    name: str
    phase: str | None
    description: str | None
    goal: str | None
    duration: str | None
    kpis: list[KpiView]
    content: list[str] | None
    touchpoints: list[TouchpointView]
    thoughts: list[ThoughtView]
    pain_points: list[PainPointView] | None
    opportunities: list[OpportunityView]
    data: list[DataView]


@dataclass(frozen=True)
class ChartPoint:
    x: str  # a percentage of the chart's width: the chart stretches with the grid, the dots stay round
    y: float
    value: float
    text: str
    low: bool


@dataclass(frozen=True)
class ChartSegment:
    x1: str
    y1: float
    x2: str
    y2: float


@dataclass(frozen=True)
class ChartLine:
    name: str
    color: str
    segments: list[ChartSegment]
    points: list[ChartPoint]


@dataclass(frozen=True)
class ChartLevel:
    y: float
    label: str
    value: int


@dataclass(frozen=True)
class EmotionChart:
    """A line chart: one column per stage, one line per persona, -2 (bottom) to 2 (top)."""

    height: int
    lines: list[ChartLine]
    levels: list[ChartLevel]
    stage_edges: list[str]
    stage_labels: list[tuple[str, str]]  # (x, "1 · Name"): the chart also stands alone on paper and phones

    @property
    def empty(self) -> bool:
        return not any(line.points for line in self.lines)


@dataclass(frozen=True)
class MermaidTask:
    action: str
    score: int


@dataclass(frozen=True)
class MermaidSection:
    stage: str
    tasks: list[MermaidTask]


@dataclass(frozen=True)
class PersonaJourney:
    """One persona's path for a Mermaid `journey` diagram (score = emotion + 3)."""

    name: str
    sections: list[MermaidSection]


@dataclass(frozen=True)
class Theme:
    accent: str = "#2f5d8a"
    font: str | None = None
    logo: str | None = None  # a data: URI built from a file inside the project

    @property
    def accent_soft(self) -> str:
        return _mix_with_white(self.accent, 0.9)

    @property
    def accent_mid(self) -> str:
        return _mix_with_white(self.accent, 0.55)


@dataclass(frozen=True)
class MapView:
    title: str
    business: str
    language: str
    value_proposition: str | None
    owner: str | None
    updated: str | None
    personas: list[PersonaView]
    stages: list[StageView]
    chart: EmotionChart
    theme: Theme
    page_size: str
    labels: Labels
    journeys: list[PersonaJourney] = field(default_factory=list)
    filtered_for: str | None = None
    counts: dict[str, int] = field(default_factory=dict)


def _mix_with_white(color: str, share: float) -> str:
    digits = color.lstrip("#")
    if len(digits) == 3:
        digits = "".join(digit * 2 for digit in digits)
    channels = [int(digits[index : index + 2], 16) for index in (0, 2, 4)]
    mixed = [round(channel + (255 - channel) * share) for channel in channels]
    return "#" + "".join(f"{channel:02x}" for channel in mixed)


def _initials(name: str) -> str:
    words = [word for word in name.replace(".", " ").split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "?"


def _persona_views(journey: JourneyMap) -> list[PersonaView]:
    return [
        PersonaView(
            id=persona.id,
            name=persona.name,
            description=persona.description,
            goals=list(persona.goals),
            needs=list(persona.needs),
            frustrations=list(persona.frustrations),
            evidence=list(persona.evidence),
            color=PERSONA_COLORS[index % len(PERSONA_COLORS)],
            initials=_initials(persona.name),
        )
        for index, persona in enumerate(journey.personas)
    ]


class _ViewBuilder:
    """Turns one map (optionally seen by one persona) into a MapView."""

    def __init__(self, journey: JourneyMap, labels: Labels, persona: str | None) -> None:
        self.journey = journey
        self.labels = labels
        self.only = persona
        self.all_personas = _persona_views(journey)
        self.tags = {view.id: PersonaTag(view.name, view.color) for view in self.all_personas}
        self.channels = {channel.id: channel for channel in journey.channels}
        self.touchpoint_actions = {
            touchpoint.id: touchpoint.action for _, touchpoint in journey.touchpoints() if touchpoint.id
        }
        self.pain_descriptions = {pain.id: pain.description for _, pain in journey.pain_points() if pain.id}
        self.kept_pain_ids = {pain.id for _, pain in journey.pain_points() if pain.id and self.concerns(pain)}

    def concerns(self, element: Touchpoint | PainPoint) -> bool:
        return self.only is None or self.only in self.journey.persona_ids_of(element)

    def persona_tags(self, element: Touchpoint | PainPoint) -> list[PersonaTag]:
        """The personas named by the element; none when it concerns everyone (the default)."""
        if element.personas is None or self.only is not None:
            return []
        return [self.tags[persona_id] for persona_id in element.personas if persona_id in self.tags]

    def touchpoint(self, touchpoint: Touchpoint) -> TouchpointView:
        channel = self.channels.get(touchpoint.channel)
        emotion = touchpoint.emotion
        return TouchpointView(
            action=touchpoint.action,
            channel=channel.label if channel else touchpoint.channel,
            channel_kind=channel.kind if channel else None,
            personas=self.persona_tags(touchpoint),
            emotion=emotion,
            emotion_color=EMOTION_COLORS.get(emotion, "#98a2b3") if emotion is not None else "#98a2b3",
            emotion_label=self.labels.text(f"emotion_{emotion}") if emotion is not None else "",
            thoughts=touchpoint.thoughts,
            owner=touchpoint.owner,
            evidence=list(touchpoint.evidence),
            data=[
                DataView(item.name, item.personal, item.purpose, touchpoint.action)
                for item in touchpoint.data
            ],
        )

    def pain_point(self, pain: PainPoint) -> PainPointView:
        return PainPointView(
            description=pain.description,
            severity=pain.severity,
            touchpoint=self.touchpoint_actions.get(pain.touchpoint) if pain.touchpoint else None,
            personas=self.persona_tags(pain),
            evidence=list(pain.evidence),
        )

    def stage(self, number: int, stage: Stage) -> StageView:
        touchpoints = [self.touchpoint(item) for item in stage.touchpoints if self.concerns(item)]
        pains = None
        if stage.pain_points is not None:
            pains = [self.pain_point(pain) for pain in stage.pain_points if self.concerns(pain)]
        return StageView(
            number=number,
            id=stage.id,
            name=stage.name,
            phase=self.labels.text(f"phase_{stage.phase}") if stage.phase else None,
            description=stage.description,
            goal=stage.goal,
            duration=stage.duration,
            kpis=[KpiView(kpi.name, kpi.target, kpi.current) for kpi in stage.kpis],
            content=list(stage.content) if stage.content is not None else None,
            touchpoints=touchpoints,
            thoughts=[
                ThoughtView(item.thoughts, item.personas, item.emotion_color)
                for item in touchpoints
                if item.thoughts
            ],
            pain_points=pains,
            opportunities=self.opportunities(stage),
            data=[item for touchpoint in touchpoints for item in touchpoint.data],
        )

    def opportunities(self, stage: Stage) -> list[OpportunityView]:
        views = []
        for opportunity in stage.opportunities:
            if self.only and opportunity.addresses and not self.kept_pain_ids & set(opportunity.addresses):
                continue
            addressed = [self.pain_descriptions.get(pain_id, pain_id) for pain_id in opportunity.addresses]
            views.append(
                OpportunityView(opportunity.description, opportunity.owner, opportunity.priority, addressed)
            )
        return views


def build_view(
    journey: JourneyMap,
    *,
    persona: str | None = None,
    theme: Theme | None = None,
    page_size: str = "A3 landscape",
) -> MapView:
    """Everything the templates show, for the whole map or as one persona lives it."""
    labels = Labels(journey.language)
    builder = _ViewBuilder(journey, labels, persona)
    stages = [builder.stage(number, stage) for number, stage in enumerate(journey.stages, start=1)]
    personas = [view for view in builder.all_personas if persona is None or view.id == persona]
    return MapView(
        title=journey.title,
        business=labels.text(journey.business),
        language=journey.language,
        value_proposition=journey.value_proposition,
        owner=journey.owner,
        updated=journey.updated.isoformat() if journey.updated else None,
        personas=personas,
        stages=stages,
        chart=emotion_chart(journey, personas, persona),
        theme=theme or Theme(),
        page_size=page_size,
        labels=labels,
        journeys=persona_journeys(journey, personas),
        filtered_for=personas[0].name if persona else None,
        counts=_counts(stages),
    )


def _counts(stages: list[StageView]) -> dict[str, int]:
    return {
        "stages": len(stages),
        "touchpoints": sum(len(stage.touchpoints) for stage in stages),
        "pain_points": sum(len(stage.pain_points or ()) for stage in stages),
        "opportunities": sum(len(stage.opportunities) for stage in stages),
    }


CHART_HEIGHT = 200
CHART_TOP = 22
CHART_BOTTOM = 52


def _chart_y(value: float) -> float:
    usable = CHART_HEIGHT - CHART_TOP - CHART_BOTTOM
    return round(CHART_TOP + (2 - value) / 4 * usable, 1)


def _shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: length - 1].rstrip() + "…"


def _percent(share: float) -> str:
    return f"{share * 100:.3f}".rstrip("0").rstrip(".") + "%"


def _format_score(value: float, labels: Labels) -> str:
    """'+1', '−0.5' ('−0,5' in Spanish and Polish): a real minus sign, the local decimal mark."""
    text = f"{value:+.1f}".removesuffix(".0") if value else "0"
    return text.replace("-", "−").replace(".", labels.text("decimal_separator"))


def _chart_line(persona: PersonaView, values: list[float | None], offset: float, labels: Labels) -> ChartLine:
    """Dots at the stages' centres; a gap where a stage has no emotion for this persona."""
    known = [value for value in values if value is not None]
    lowest = min(known) if known else 0
    count = len(values)
    points: list[ChartPoint] = []
    segments: list[ChartSegment] = []
    previous: ChartPoint | None = None
    for index, value in enumerate(values):
        if value is None:
            previous = None
            continue
        point = ChartPoint(
            _percent((index + 0.5) / count),
            round(_chart_y(value) + offset, 1),
            value,
            _format_score(value, labels),
            value < 0 and value == lowest,
        )
        if previous is not None:
            segments.append(ChartSegment(previous.x, previous.y, point.x, point.y))
        points.append(point)
        previous = point
    return ChartLine(persona.name, persona.color, segments, points)


def emotion_chart(journey: JourneyMap, personas: list[PersonaView], only: str | None) -> EmotionChart:
    matrix = coverage_matrix(journey)
    averages = {
        persona.id: [matrix.cell(stage.id, persona.id).emotion for stage in journey.stages]
        for persona in personas
    }
    # Lines that share values would hide each other: spread them by a hair.
    spread = [(index - (len(personas) - 1) / 2) * 2.5 for index in range(len(personas))]
    labels = Labels(journey.language)
    lines = [
        _chart_line(persona, averages[persona.id], spread[index], labels)
        for index, persona in enumerate(personas)
    ]
    levels = [
        ChartLevel(_chart_y(value), labels.text(f"emotion_{value}"), value) for value in (2, 1, 0, -1, -2)
    ]
    count = len(journey.stages)
    return EmotionChart(
        height=CHART_HEIGHT,
        lines=lines,
        levels=levels,
        stage_edges=[_percent(index / count) for index in range(1, count)],
        stage_labels=[
            (_percent((index + 0.5) / count), _shorten(f"{index + 1} · {stage.name}", 26))
            for index, stage in enumerate(journey.stages)
        ],
    )


def persona_journeys(journey: JourneyMap, personas: list[PersonaView]) -> list[PersonaJourney]:
    """Per persona, the touchpoints with an emotion, stage by stage (stages without any left out)."""
    felt: dict[str, list[MermaidSection]] = {persona.id: [] for persona in personas}
    for stage in journey.stages:
        tasks: dict[str, list[MermaidTask]] = {persona_id: [] for persona_id in felt}
        for touchpoint in stage.touchpoints:
            if touchpoint.emotion is None:
                continue
            for persona_id in journey.persona_ids_of(touchpoint):
                if persona_id in tasks:
                    tasks[persona_id].append(MermaidTask(touchpoint.action, touchpoint.emotion + 3))
        for persona_id, items in tasks.items():
            if items:
                felt[persona_id].append(MermaidSection(stage.name, items))
    return [PersonaJourney(persona.name, felt[persona.id]) for persona in personas if felt[persona.id]]
