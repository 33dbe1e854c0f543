"""The emotion curve: every touchpoint that has an emotion, in journey order, grouped under its
stage, one line per persona.

An average per stage would hide the dips the curve exists to show, so each touchpoint gets a
slot of its own. Only a stage with more touchpoints than a chart can draw (thousands) is
summarised: consecutive touchpoints share a slot, drawn as their average with a whisker from
their lowest to their highest value, and said so in the point's title.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Protocol

from cjm.render.i18n import Labels

LEVELS = (2, 1, 0, -1, -2)
LOW_COLOR = "#b42318"
# Text is measured by estimate: an average advance of 0.6 em (bold, Latin) errs on the wide side.
BOLD_ADVANCE = 0.6


class Felt(Protocol):
    """What the curve needs of a touchpoint."""

    action: str
    emotion: int | None
    target_emotion: int | None
    moment_of_truth: bool
    persona_ids: tuple[str, ...]


class Staged(Protocol):
    name: str
    number: int
    touchpoints: Sequence[Felt]


class Person(Protocol):
    id: str
    name: str
    color: str


@dataclass(frozen=True)
class Geometry:
    """Where the curve is drawn. Lengths are in one unit: px on screen, mm on the poster.

    `width` is the narrowest the chart is ever drawn, so that labels placed apart there stay
    apart at any width; `percent` writes x as a share of the width (the screen chart
    stretches with its grid) rather than as a length.
    """

    width: float
    height: float
    top: float  # y of +2
    bottom: float  # y of -2
    font: float  # size of the low-point and stage labels
    spread: float  # how far apart lines with the same values are drawn
    percent: bool = True
    stage_labels: bool = True
    max_slots: int = 480


@dataclass(frozen=True)
class ChartPoint:
    x: str
    y: float
    title: str
    whisker: tuple[float, float] | None = None
    moment: bool = False  # a moment of truth: drawn with a star


@dataclass(frozen=True)
class ChartSegment:
    x1: str
    y1: float
    x2: str
    y2: float


@dataclass(frozen=True)
class ChartLine:
    """One persona's curve. `dashed` is for a curve that is not the measured one (a to-be)."""

    name: str
    color: str
    segments: list[ChartSegment]
    points: list[ChartPoint]
    dashed: bool = False

    @property
    def path(self) -> str:
        """The segments as one SVG path (lengths only, not percentages): one element to draw."""
        return " ".join(f"M{item.x1} {item.y1}L{item.x2} {item.y2}" for item in self.segments)

    def dots(self, radius: float) -> str:
        """Every point as a circle of one SVG path."""
        return " ".join(
            f"M{float(point.x) - radius:.2f} {point.y}a{radius} {radius} 0 1 0 {2 * radius:.2f} 0"
            f"a{radius} {radius} 0 1 0 {-2 * radius:.2f} 0"
            for point in self.points
        )


@dataclass(frozen=True)
class ChartLevel:
    y: float
    label: str
    value: int
    score: str


@dataclass(frozen=True)
class LowMark:
    x: str
    y: float
    radius: float


@dataclass(frozen=True)
class ChartLabel:
    x: str
    y: float
    text: str
    anchor: str = "middle"
    lines: tuple[str, ...] = ()  # a stage label on two lines
    backdrop: tuple[float, float, float, float] | None = None  # x, y, width, height, in units


@dataclass(frozen=True)
class EmotionChart:
    """The curve as the templates draw it: every coordinate is computed here."""

    width: float
    height: float
    percent: bool
    lines: list[ChartLine]
    levels: list[ChartLevel]
    stage_edges: list[str]
    stage_labels: list[ChartLabel]
    low_marks: list[LowMark]
    low_labels: list[ChartLabel]
    summary: str
    font: float
    point_radius: float = 4.5
    stroke: float = 2.5
    slots: int = 0

    @property
    def empty(self) -> bool:
        return not any(line.points for line in self.lines)


@dataclass
class _Slot:
    """A place on the x axis: one touchpoint, or a run of them when a stage is crowded."""

    stage: int
    share: float  # of the chart's width
    touchpoints: list[Felt] = field(default_factory=list)


def score_text(value: float, labels: Labels) -> str:
    """'+1', '−0,5': a real minus sign and the language's decimal mark."""
    text = f"{value:+.1f}".removesuffix(".0") if value else "0"
    return text.replace("-", "−").replace(".", labels.text("decimal_separator"))


def shorten(text: str, length: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= length else text[: max(1, length - 1)].rstrip() + "…"


def _runs(items: list[Felt], count: int) -> list[list[Felt]]:
    """`items` cut into `count` consecutive runs of nearly equal length."""
    size, extra = divmod(len(items), count)
    runs, start = [], 0
    for index in range(count):
        end = start + size + (index < extra)
        runs.append(items[start:end])
        start = end
    return runs


def _slots(stages: Sequence[Staged], max_slots: int) -> list[_Slot]:
    """The x axis: each stage gets an equal share, split among its touchpoints with an emotion."""
    count = len(stages)
    per_stage = max(4, max_slots // max(count, 1))
    slots: list[_Slot] = []
    for index, stage in enumerate(stages):
        felt = [touchpoint for touchpoint in stage.touchpoints if touchpoint.emotion is not None]
        runs = _runs(felt, per_stage) if len(felt) > per_stage else [[item] for item in felt]
        for position, run in enumerate(runs):
            slots.append(_Slot(index, (index + (position + 0.5) / len(runs)) / count, run))
    return slots


class _Plot:
    """Turns values and shares into the coordinates of one geometry."""

    def __init__(self, geometry: Geometry) -> None:
        self.geometry = geometry

    def y(self, value: float) -> float:
        span = self.geometry.bottom - self.geometry.top
        return round(self.geometry.top + (2 - value) / 4 * span, 2)

    def x(self, share: float) -> str:
        if self.geometry.percent:
            return f"{share * 100:.3f}".rstrip("0").rstrip(".") + "%"
        return f"{share * self.geometry.width:.2f}"


@dataclass
class _PersonaPoint:
    slot: _Slot
    values: list[int]
    point: ChartPoint


def _point_title(
    person: Person,
    slot: _Slot,
    values: list[int],
    stage_names: list[str],
    labels: Labels,
    to_be: bool = False,
) -> str:
    where = f"{person.name} · {stage_names[slot.stage]}"
    if len(slot.touchpoints) == 1:
        touchpoint = slot.touchpoints[0]
        word = labels.text(f"emotion_{values[0]}")
        kind = f"{labels.text('to_be')}: " if to_be else ""
        star = f" ★ {labels.text('moment_of_truth')}" if touchpoint.moment_of_truth else ""
        return f"{where}: {touchpoint.action} — {kind}{word} ({score_text(values[0], labels)}){star}"
    summary = labels.text("curve_run").format(
        touchpoints=labels.plural(len(values), "touchpoint_count"),
        mean=score_text(round(sum(values) / len(values), 1), labels),
        low=score_text(min(values), labels),
        high=score_text(max(values), labels),
    )
    return f"{where}: {summary}"


def _as_is(touchpoint: Felt) -> int | None:
    return touchpoint.emotion


def _to_be(touchpoint: Felt) -> int | None:
    return touchpoint.target_emotion


def _persona_points(
    person: Person,
    slots: list[_Slot],
    plot: _Plot,
    offset: float,
    describe: Callable[..., str],
    value_of: Callable[[Felt], int | None] = _as_is,
) -> list[_PersonaPoint]:
    found = []
    for slot in slots:
        mine = [tp for tp in slot.touchpoints if value_of(tp) is not None and person.id in tp.persona_ids]
        values: list[int] = [value_of(tp) for tp in mine]  # type: ignore[misc]
        if not values:
            continue
        mean = sum(values) / len(values)
        whisker = None
        if min(values) != max(values):
            whisker = (plot.y(max(values)) + offset, plot.y(min(values)) + offset)
        moment = len(slot.touchpoints) == 1 and mine[0].moment_of_truth and value_of is _as_is
        y = round(plot.y(mean) + offset, 2)
        point = ChartPoint(plot.x(slot.share), y, describe(person, slot, values), whisker, moment)
        found.append(_PersonaPoint(slot, values, point))
    return found


def _segments(points: list[_PersonaPoint]) -> list[ChartSegment]:
    """Lines between neighbours; a gap where a whole stage has nothing for this persona."""
    segments = []
    for before, after in pairwise(points):
        if after.slot.stage - before.slot.stage <= 1:
            segments.append(ChartSegment(before.point.x, before.point.y, after.point.x, after.point.y))
    return segments


def _lows(persona_points: list[list[_PersonaPoint]]) -> dict[int, tuple[_Slot, int]]:
    """Each persona's lowest negative value, keyed by slot: a slot shared by personas is one low."""
    lows: dict[int, tuple[_Slot, int]] = {}
    for points in persona_points:
        values = [value for item in points for value in item.values]
        lowest = min(values, default=0)
        if lowest >= 0:
            continue
        for item in points:
            if lowest in item.values:
                previous = lows.get(id(item.slot))
                lows[id(item.slot)] = (item.slot, min(lowest, previous[1]) if previous else lowest)
    return lows


@dataclass(frozen=True)
class _Box:
    left: float
    top: float
    right: float
    bottom: float

    def overlaps(self, other: _Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )


class _LabelPlacer:
    """Puts each low point's label below or above it, never over another label, else leaves it out."""

    def __init__(self, geometry: Geometry, plot: _Plot, floor: float) -> None:
        self.geometry = geometry
        self.plot = plot
        self.floor = floor  # labels stay above the stage names
        self.placed: list[_Box] = []

    def _box(self, centre: float, baseline: float, width: float) -> tuple[_Box, str]:
        font, chart_width = self.geometry.font, self.geometry.width
        left, anchor = centre - width / 2, "middle"
        if left < 0:
            left, anchor = 0.0, "start"
        elif left + width > chart_width:
            left, anchor = chart_width - width, "end"
        return _Box(left, baseline - font, left + width, baseline + font * 0.25), anchor

    def place(self, slot: _Slot, value: int, radius: float, text: str) -> ChartLabel | None:
        centre = slot.share * self.geometry.width
        y = self.plot.y(value)
        width = len(text) * self.geometry.font * BOLD_ADVANCE
        for baseline in (y + radius + self.geometry.font, y - radius - self.geometry.font * 0.3):
            box, anchor = self._box(centre, baseline, width)
            if box.top < 0 or box.bottom > self.floor or any(box.overlaps(other) for other in self.placed):
                continue
            self.placed.append(box)
            x = {"start": 0.0, "middle": centre, "end": self.geometry.width}[anchor] / self.geometry.width
            backdrop = (
                round(box.left, 2),
                round(box.top, 2),
                round(box.right - box.left, 2),
                round(box.bottom - box.top, 2),
            )
            return ChartLabel(self.plot.x(x), round(baseline, 2), text, anchor, backdrop=backdrop)
        return None


def wrap(text: str, fits: int, lines: int) -> tuple[str, ...]:
    """`text` in at most `lines` lines of `fits` characters, cut with '…' if it needs more."""
    words, result, current = " ".join(text.split()).split(" "), [], ""
    for word in words:
        candidate = f"{current} {word}".strip()
        if len(candidate) <= fits or not current:
            current = candidate
            continue
        result.append(current)
        current = word
    result.append(current)
    kept = [shorten(line, fits) for line in result[:lines]]
    if len(result) > lines:
        kept[-1] = (
            shorten(kept[-1] + " " + result[lines], fits)
            if len(kept[-1]) < fits
            else shorten(kept[-1] + "…", fits)
        )
    return tuple(kept)


def _stage_labels(stages: Sequence[Staged], geometry: Geometry, plot: _Plot) -> list[ChartLabel]:
    """'2 · Consideración', on two lines at most of the width a stage has at the chart's narrowest."""
    count = len(stages)
    room = geometry.width / max(count, 1) - geometry.font
    fits = max(3, int(room / (geometry.font * BOLD_ADVANCE)))
    baseline = round(geometry.height - geometry.font * 1.9, 2)
    labels = []
    for index, stage in enumerate(stages):
        lines = wrap(f"{stage.number} · {stage.name}", fits, 2)
        labels.append(ChartLabel(plot.x((index + 0.5) / count), baseline, " ".join(lines), lines=lines))
    return labels


def _summary(
    persons: Sequence[Person],
    persona_points: list[list[_PersonaPoint]],
    stage_names: list[str],
    labels: Labels,
) -> str:
    """What the curve shows, in words: the text alternative of the chart."""
    parts = []
    for person, points in zip(persons, persona_points, strict=True):
        if not points:
            parts.append(labels.text("curve_persona_empty").format(name=person.name))
            continue
        count = sum(len(item.values) for item in points)
        lowest = min(points, key=lambda item: min(item.values))
        touchpoint = next(tp for tp in lowest.slot.touchpoints if tp.emotion == min(lowest.values))
        parts.append(
            labels.text("curve_persona_summary").format(
                name=person.name,
                touchpoints=labels.plural(count, "touchpoint_count"),
                score=score_text(min(lowest.values), labels),
                action=shorten(touchpoint.action, 90),
                stage=stage_names[lowest.slot.stage],
            )
        )
    return f"{labels.text('emotion_curve')}. " + " ".join(parts)


def _lines(
    persons: Sequence[Person], slots: list[_Slot], plot: _Plot, describe: Callable[..., str]
) -> list[list[_PersonaPoint]]:
    """Each persona's points; personas whose values coincide are drawn a hair apart."""
    spread = plot.geometry.spread
    middle = (len(persons) - 1) / 2
    return [
        _persona_points(person, slots, plot, (index - middle) * spread, describe)
        for index, person in enumerate(persons)
    ]


def _low_points(
    persona_points: list[list[_PersonaPoint]], geometry: Geometry, plot: _Plot, labels: Labels
) -> tuple[list[LowMark], list[ChartLabel]]:
    """A ring on every persona's lowest point and one label per ring where it fits, lowest first."""
    radius = (
        4.5 * geometry.font / 10.5 + geometry.spread * (len(persona_points) - 1) / 2 + geometry.font * 0.3
    )
    floor = geometry.height - (geometry.font * 3.2 if geometry.stage_labels else 0)
    placer = _LabelPlacer(geometry, plot, floor)
    marks, placed = [], []
    for slot, value in sorted(_lows(persona_points).values(), key=lambda pair: (pair[1], pair[0].share)):
        marks.append(LowMark(plot.x(slot.share), plot.y(value), round(radius, 2)))
        label = placer.place(slot, value, radius, f"{labels.text('low_point')} {score_text(value, labels)}")
        if label is not None:
            placed.append(label)
    return marks, placed


def _to_be_lines(
    persons: Sequence[Person], slots: list[_Slot], plot: _Plot, stage_names: list[str], labels: Labels
) -> list[ChartLine]:
    """Each persona's to-be curve (dashed), through the touchpoints that have a target emotion."""

    def describe(person: Person, slot: _Slot, values: list[int]) -> str:
        return _point_title(person, slot, values, stage_names, labels, to_be=True)

    lines = []
    spread = plot.geometry.spread
    for index, person in enumerate(persons):
        offset = (index - (len(persons) - 1) / 2) * spread
        points = _persona_points(person, slots, plot, offset, describe, _to_be)
        if points:
            name = f"{person.name} ({labels.text('to_be')})"
            lines.append(ChartLine(name, person.color, _segments(points), [p.point for p in points], True))
    return lines


def emotion_chart(
    stages: Sequence[Staged], persons: Sequence[Person], geometry: Geometry, labels: Labels
) -> EmotionChart:
    """The curve of these stages as these personas live them, drawn into `geometry`."""
    plot = _Plot(geometry)
    slots = _slots(stages, geometry.max_slots)
    stage_names = [stage.name for stage in stages]

    def describe(person: Person, slot: _Slot, values: list[int]) -> str:
        return _point_title(person, slot, values, stage_names, labels)

    persona_points = _lines(persons, slots, plot, describe)
    marks, low_labels = _low_points(persona_points, geometry, plot, labels)
    count = len(stages)
    to_be = _to_be_lines(persons, slots, plot, stage_names, labels)
    return EmotionChart(
        width=geometry.width,
        height=geometry.height,
        percent=geometry.percent,
        lines=[
            *to_be,  # under the as-is lines, which stay on top
            *(
                ChartLine(person.name, person.color, _segments(points), [item.point for item in points])
                for person, points in zip(persons, persona_points, strict=True)
            ),
        ],
        levels=[
            ChartLevel(plot.y(value), labels.text(f"emotion_{value}"), value, score_text(value, labels))
            for value in LEVELS
        ],
        stage_edges=[plot.x(index / count) for index in range(1, count)],
        stage_labels=_stage_labels(stages, geometry, plot) if geometry.stage_labels else [],
        low_marks=marks,
        low_labels=low_labels,
        summary=_summary(persons, persona_points, stage_names, labels),
        font=geometry.font,
        point_radius=round(4.5 * geometry.font / 10.5, 2),
        stroke=round(geometry.font * 0.24, 3),
        slots=len(slots),
    )
