"""The map as the templates see it: plain, precomputed values, no lookups left to Jinja.

Everything a template needs per stage or per persona is computed here once, in linear time,
so a map of ten thousand touchpoints renders as fast as its templates can loop. The poster
page of the PDF has a layout of its own (poster.py), computed only when a PDF is made.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cjm.model import JourneyMap, PainPoint, Stage, Touchpoint
from cjm.render.chart import EmotionChart, Geometry, emotion_chart, score_text, shorten
from cjm.render.colors import SOFT_SHARE, mix_with_white
from cjm.render.i18n import Labels
from cjm.render.lanes import BLUEPRINT_LANES, LANES

if TYPE_CHECKING:
    from cjm.render.poster import Poster

# Distinct at a glance, calm on paper, readable as thin lines, and white initials on each
# of them pass WCAG AA (4.9:1 or more).
PERSONA_COLORS = ("#2563a6", "#c2410c", "#0f766e", "#7e22ce", "#b91c1c", "#4d7c0f", "#a16207", "#be185d")
# White text on each passes 4.5:1 (the chips print the score on them).
EMOTION_COLORS = {-2: "#b42318", -1: "#b54708", 0: "#667085", 1: "#3b7d4f", 2: "#1f6f43"}
NO_EMOTION_COLOR = "#98a2b3"

# The screen chart at its narrowest: a phone shows each stage at least this wide (px).
SCREEN_STAGE_WIDTH = 144
SCREEN_CHART = {"height": 216, "top": 34, "bottom": 150, "font": 10.5, "spread": 2.5}
MERMAID_TASKS_PER_BLOCK = 15
MERMAID_MAX_TASKS = 300  # beyond, runs of touchpoints become one task each (their average)
MERMAID_TASK_LENGTH = 30  # what a Mermaid task box shows on its two lines


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
    persona_ids: tuple[str, ...]
    emotion: int | None
    emotion_color: str
    emotion_label: str
    thoughts: str | None
    owner: str | None
    evidence: list[str]
    data: list[DataView]
    reference: str = ""  # "2.3": the stage's number and the touchpoint's place in it
    target_emotion: int | None = None
    target_label: str = ""
    moment_of_truth: bool = False
    frontstage: list[str] = field(default_factory=list)
    backstage: list[str] = field(default_factory=list)
    support: list[str] = field(default_factory=list)
    physical_evidence: list[str] = field(default_factory=list)

    @property
    def assumption(self) -> bool:
        return not self.evidence

    @property
    def emotion_text(self) -> str:
        """The score with a real minus sign, so '−1' does not read as a dash."""
        return signed(self.emotion)

    @property
    def target_text(self) -> str:
        return signed(self.target_emotion)

    def lane_items(self, key: str) -> list[str]:
        """The touchpoint's entries in a blueprint lane (`frontstage`, ..., `evidence`)."""
        return self.physical_evidence if key == "evidence" else getattr(self, key)

    def filled_lanes(self) -> list[str]:
        """The blueprint lanes this touchpoint has entries in."""
        return [key for key, _ in BLUEPRINT_LANES if self.lane_items(key)]


def signed(value: int | None) -> str:
    """'+1', '0', '−1' (a real minus sign); '' for no value."""
    if value is None:
        return ""
    return f"+{value}" if value > 0 else str(value).replace("-", "−")


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
    resolved: bool = False  # every opportunity that addresses it is done

    @property
    def assumption(self) -> bool:
        return not self.evidence


@dataclass(frozen=True)
class OpportunityView:
    description: str
    owner: str | None
    priority: str | None
    addresses: list[str]
    status: str = "idea"
    effort: str | None = None


@dataclass(frozen=True)
class KpiView:
    name: str
    target: str | None
    current: str | None
    source: str | None = None


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

    def blueprint_lanes(self) -> list[tuple[str, str]]:
        """The blueprint lanes (key, label key) that some touchpoint of the stage fills."""
        filled = {key for item in self.touchpoints for key in item.filled_lanes()}
        return [(key, label) for key, label in BLUEPRINT_LANES if key in filled]


@dataclass(frozen=True)
class Lane:
    """A row of the map: its key (the partial that draws it), its label and its grid row."""

    key: str
    label: str
    row: int


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    datetime: str | None = None


@dataclass(frozen=True)
class MermaidTask:
    action: str
    score: int
    actors: list[str]


@dataclass(frozen=True)
class MermaidSection:
    stage: str
    tasks: list[MermaidTask]


@dataclass(frozen=True)
class MermaidBlock:
    """One `journey` diagram: a group of consecutive stages with at most about 15 tasks."""

    title: str
    sections: list[MermaidSection]


@dataclass(frozen=True)
class Theme:
    accent: str = "#2f5d8a"
    font: str | None = None
    logo: str | None = None  # a data: URI built from a file inside the project

    @property
    def accent_soft(self) -> str:
        return mix_with_white(self.accent, SOFT_SHARE)

    @property
    def accent_mid(self) -> str:
        return mix_with_white(self.accent, 0.55)


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
    lanes: list[Lane] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    diagrams: list[MermaidBlock] = field(default_factory=list)
    filtered_for: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    poster: Poster | None = None  # set for the PDF only (render_pdf_html)
    blueprint: bool = False  # a service blueprint: the lanes behind the line of visibility
    to_be: bool = False  # some touchpoint has a target emotion: the dashed curves
    moments: bool = False  # some touchpoint is a moment of truth

    @property
    def grid_width(self) -> int:
        """The narrowest window (px) that shows every stage without scrolling the grid: the
        lane names (9.5rem), 12rem a stage, the page's padding (2 x 3rem) and the frame."""
        return max(761, 152 + 192 * len(self.stages) + 98)


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
        self.everyone = tuple(view.id for view in self.all_personas)  # shared by most touchpoints
        self.tags = {view.id: PersonaTag(view.name, view.color) for view in self.all_personas}
        self.channels = {channel.id: channel for channel in journey.channels}
        self.touchpoint_actions = {
            touchpoint.id: touchpoint.action for _, touchpoint in journey.touchpoints() if touchpoint.id
        }
        self.pain_descriptions = {pain.id: pain.description for _, pain in journey.pain_points() if pain.id}
        self.kept_pain_ids = {pain.id for _, pain in journey.pain_points() if pain.id and self.concerns(pain)}
        self.resolved = journey.resolved_pain_point_ids()

    def concerns(self, element: Touchpoint | PainPoint) -> bool:
        return self.only is None or self.only in self.journey.persona_ids_of(element)

    def persona_tags(self, element: Touchpoint | PainPoint) -> list[PersonaTag]:
        """The personas named by the element; none when it concerns everyone (the default)."""
        if element.personas is None or self.only is not None:
            return []
        return [self.tags[persona_id] for persona_id in element.personas if persona_id in self.tags]

    def touchpoint(self, touchpoint: Touchpoint, reference: str = "") -> TouchpointView:
        channel = self.channels.get(touchpoint.channel)
        emotion, target = touchpoint.emotion, touchpoint.target_emotion
        return TouchpointView(
            action=touchpoint.action,
            channel=channel.label if channel else touchpoint.channel,
            channel_kind=channel.kind if channel else None,
            personas=self.persona_tags(touchpoint),
            persona_ids=self.everyone if touchpoint.personas is None else tuple(touchpoint.personas),
            emotion=emotion,
            emotion_color=EMOTION_COLORS.get(emotion, NO_EMOTION_COLOR)
            if emotion is not None
            else NO_EMOTION_COLOR,
            emotion_label=self.labels.text(f"emotion_{emotion}") if emotion is not None else "",
            thoughts=touchpoint.thoughts,
            owner=touchpoint.owner,
            evidence=list(touchpoint.evidence),
            data=[
                DataView(item.name, item.personal, item.purpose, touchpoint.action)
                for item in touchpoint.data
            ],
            reference=reference,
            target_emotion=target,
            target_label=self.labels.text(f"emotion_{target}") if target is not None else "",
            moment_of_truth=touchpoint.moment_of_truth,
            frontstage=list(touchpoint.frontstage),
            backstage=list(touchpoint.backstage),
            support=list(touchpoint.support),
            physical_evidence=list(touchpoint.physical_evidence),
        )

    def pain_point(self, pain: PainPoint) -> PainPointView:
        return PainPointView(
            description=pain.description,
            severity=pain.severity,
            touchpoint=self.touchpoint_actions.get(pain.touchpoint) if pain.touchpoint else None,
            personas=self.persona_tags(pain),
            evidence=list(pain.evidence),
            resolved=pain.id in self.resolved if pain.id else False,
        )

    def stage(self, number: int, stage: Stage) -> StageView:
        kept = [item for item in stage.touchpoints if self.concerns(item)]
        touchpoints = [self.touchpoint(item, f"{number}.{place}") for place, item in enumerate(kept, start=1)]
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
            kpis=[KpiView(kpi.name, kpi.target, kpi.current, kpi.source) for kpi in stage.kpis],
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
                OpportunityView(
                    opportunity.description,
                    opportunity.owner,
                    opportunity.priority,
                    addressed,
                    opportunity.status,
                    opportunity.effort,
                )
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
    counts = _counts(stages)
    touchpoints = [item for stage in stages for item in stage.touchpoints]
    blueprint = journey.is_blueprint
    return MapView(
        title=journey.title,
        business=labels.text(journey.business),
        language=journey.language,
        value_proposition=journey.value_proposition,
        owner=journey.owner,
        updated=journey.updated.isoformat() if journey.updated else None,
        personas=personas,
        stages=stages,
        chart=screen_chart(stages, personas, labels),
        theme=theme or Theme(),
        page_size=page_size,
        labels=labels,
        lanes=[Lane(key, labels.text(text), row) for row, (key, text) in enumerate(lanes_of(blueprint), 2)],
        facts=_facts(journey, counts, labels),
        diagrams=mermaid_blocks(stages, personas, labels),
        filtered_for=personas[0].name if persona else None,
        counts=counts,
        blueprint=blueprint,
        to_be=any(item.target_emotion is not None for item in touchpoints),
        moments=any(item.moment_of_truth for item in touchpoints),
    )


def lanes_of(blueprint: bool) -> tuple[tuple[str, str], ...]:
    """The map's lanes: a service blueprint's come right under the customer's actions."""
    if not blueprint:
        return LANES
    return (*LANES[:2], *BLUEPRINT_LANES, *LANES[2:])


def _counts(stages: list[StageView]) -> dict[str, int]:
    return {
        "stages": len(stages),
        "touchpoints": sum(len(stage.touchpoints) for stage in stages),
        "pain_points": sum(len(stage.pain_points or ()) for stage in stages),
        "opportunities": sum(len(stage.opportunities) for stage in stages),
    }


def _facts(journey: JourneyMap, counts: dict[str, int], labels: Labels) -> list[Fact]:
    """The header's facts: only those the map states, so no label stands over an empty value."""
    facts = []
    if journey.status:
        facts.append(Fact(labels.text("map_status"), labels.text(f"map_status_{journey.status}")))
    if journey.owner:
        facts.append(Fact(labels.text("owner"), journey.owner))
    if journey.updated:
        facts.append(Fact(labels.text("updated"), journey.updated.isoformat(), journey.updated.isoformat()))
    stages, touchpoints = (
        labels.plural(counts["stages"], "stages"),
        labels.plural(counts["touchpoints"], "touchpoint_count"),
    )
    facts.append(Fact(labels.text("journey"), f"{stages} · {touchpoints}"))
    pains = labels.plural(counts["pain_points"], "pain_point_count")
    ideas = labels.plural(counts["opportunities"], "opportunity_count")
    facts.append(Fact(labels.text("pain_points"), f"{pains} · {ideas}"))
    return facts


def screen_chart(stages: list[StageView], personas: list[PersonaView], labels: Labels) -> EmotionChart:
    """The curve of the HTML page: it stretches with the grid, so x is a share of its width."""
    geometry = Geometry(width=SCREEN_STAGE_WIDTH * max(len(stages), 1), **SCREEN_CHART)
    return emotion_chart(stages, personas, geometry, labels)


def _mermaid_tasks(
    stage: StageView, personas: list[PersonaView], cap: int, labels: Labels
) -> list[MermaidTask]:
    """The stage's touchpoints with an emotion as tasks; a crowded stage as runs of them."""
    names = {persona.id: persona.name for persona in personas}
    felt = [item for item in stage.touchpoints if item.emotion is not None]
    if len(felt) <= cap:
        return [
            MermaidTask(
                shorten(item.action, MERMAID_TASK_LENGTH),
                item.emotion + 3,
                [names[i] for i in item.persona_ids if i in names],
            )
            for item in felt
            if item.emotion is not None
        ]
    tasks = []
    size = -(-len(felt) // cap)
    for start in range(0, len(felt), size):
        run = felt[start : start + size]
        mean = sum(item.emotion or 0 for item in run) / len(run)
        text = labels.text("curve_run_short").format(
            touchpoints=labels.plural(len(run), "touchpoint_count"), mean=score_text(round(mean, 1), labels)
        )
        tasks.append(MermaidTask(text, round(mean) + 3, [persona.name for persona in personas]))
    return tasks


def _block_title(sections: list[tuple[StageView, list[MermaidTask]]], labels: Labels) -> str:
    first, last = sections[0][0], sections[-1][0]
    stages = f"{first.number}. {first.name}"
    if last is not first:
        stages += f" – {last.number}. {last.name}"
    return shorten(f"{labels.text('emotion_curve')} · {stages}", 120)


def mermaid_blocks(
    stages: list[StageView], personas: list[PersonaView], labels: Labels
) -> list[MermaidBlock]:
    """Consecutive stages grouped into diagrams of at most MERMAID_TASKS_PER_BLOCK tasks, of
    about equal size (18 tasks: 11 and 7, not 15 and 3).

    A stage with more tasks than a block holds is split across blocks; a map with more than
    MERMAID_MAX_TASKS is summarised so the Markdown stays readable (and bounded).
    """
    total = sum(1 for stage in stages for item in stage.touchpoints if item.emotion is not None)
    cap = max(1, MERMAID_MAX_TASKS // max(len(stages), 1)) if total > MERMAID_MAX_TASKS else max(total, 1)
    pieces = [
        (stage, tasks[start : start + MERMAID_TASKS_PER_BLOCK])
        for stage in stages
        for tasks in [_mermaid_tasks(stage, personas, cap, labels)]
        for start in range(0, len(tasks), MERMAID_TASKS_PER_BLOCK)
    ]
    count = sum(len(tasks) for _, tasks in pieces)
    target = -(-count // max(1, -(-count // MERMAID_TASKS_PER_BLOCK)))
    groups: list[list[tuple[StageView, list[MermaidTask]]]] = [[]]
    for stage, tasks in pieces:
        filled = sum(len(item) for _, item in groups[-1])
        if groups[-1] and (filled >= target or filled + len(tasks) > MERMAID_TASKS_PER_BLOCK):
            groups.append([])
        groups[-1].append((stage, tasks))
    return [
        MermaidBlock(
            _block_title(group, labels), [MermaidSection(stage.name, tasks) for stage, tasks in group]
        )
        for group in groups
        if group
    ]
