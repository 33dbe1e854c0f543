"""The poster: the whole journey on the first page of the PDF, stages as columns, lanes as rows.

It must fit one sheet whatever the map holds, and stay legible on that sheet. Every size is
decided here, in millimetres, before WeasyPrint sees the page: the text of each item is
measured by estimate (a width per kind of character, on the wide side), each lane gets the
height its tallest cell needs, and each item is clamped (CSS line-clamp) to the lines it was
given, so a cell can never grow past its lane. When the map holds more than the sheet, the
poster gives up, in this order: lines of long texts beyond two, type size down to the
legible minimum, lines beyond one, and then items (a cell says "+3 more"). A cell with room
to spare in its lane then takes back lines and items. The detail pages that follow hold
everything in full.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import islice

from cjm.render.chart import EmotionChart, Geometry, emotion_chart, shorten
from cjm.render.i18n import Labels
from cjm.render.lanes import BLUEPRINT_LANES
from cjm.render.paper import Paper

BLUEPRINT_KEYS = tuple(key for key, _ in BLUEPRINT_LANES)

MM_PER_PT = 25.4 / 72
LINE_HEIGHT = 1.22  # of the type size
ITEM_GAP = 0.3  # em between items
CELL_PAD = 0.45  # em around a cell's items
LABEL_SIZE = 0.76  # of the type size: lane names, in capitals
MOST_ITEMS = 120  # per cell: more than any sheet shows, so a huge stage costs no more
LONGEST_TEXT = 700  # characters of an item that can reach a poster at all
FILL_LINES = 6  # lines an item may take back when its cell has room (pdf.css clamps up to 8)
COLUMN_EM = 11  # the narrowest text of a stage's column: a word of 18 letters fits its line
CARD_WIDTH_MM = 88  # the narrowest card of a detail page
PERSONA_WIDTH_MM = 120
POSTER_LANES = (
    "goal",
    "touchpoints",
    *BLUEPRINT_KEYS,
    "emotion",
    "thoughts",
    "pains",
    "opportunities",
    "kpis",
)
DETAIL_LANES = (
    ("touchpoints", "touchpoints"),
    ("pains", "pain_points"),
    ("opportunities", "opportunities"),
    ("kpis", "kpis"),
)


@dataclass(frozen=True)
class PosterItem:
    """One entry of a cell: a badge (score, severity), a lead (the channel) and the text, with
    an optional note on a line of its own (a KPI's values)."""

    text: str
    lines: int
    badge: str | None = None
    badge_class: str = ""
    lead: str | None = None
    dots: tuple[str, ...] = ()
    assumption: bool = False
    kind: str = "text"
    note: str | None = None
    note_lines: int = 0


@dataclass(frozen=True)
class PosterCell:
    items: list[PosterItem]
    more: int = 0
    empty: str | None = None


@dataclass(frozen=True)
class PosterLane:
    key: str
    label: str
    height: float  # mm
    cells: list[PosterCell] = field(default_factory=list)
    chart: EmotionChart | None = None


@dataclass(frozen=True)
class PosterStage:
    number: int
    name: str
    phase: str | None


@dataclass(frozen=True)
class PosterBand:
    """A row of stages: the stages of a long journey wrap into bands on narrow paper."""

    stages: list[PosterStage]
    head_height: float
    lanes: list[PosterLane]


@dataclass(frozen=True)
class DetailLane:
    """A lane of a stage's detail page: its name and how many card widths of the row it takes."""

    key: str
    label: str
    slots: int


@dataclass(frozen=True)
class Poster:
    """What the PDF needs beyond the view: the poster sized for one sheet, and the grid of
    the pages that follow."""

    margin: float
    margin_bottom: float
    font_pt: float
    label_width: float
    column_width: float
    header_height: float
    legend_height: float
    bands: list[PosterBand]
    truncated: bool
    page_margin: float
    detail_font_pt: float
    card_columns: int
    persona_columns: int
    details: list[list[list[DetailLane]]]  # per stage, its rows of lanes

    @property
    def width(self) -> float:
        return round(self.label_width + self.column_width * max(len(band.stages) for band in self.bands), 2)


# --- measuring text --------------------------------------------------------------------------

_NARROW = frozenset("iljtfr.,:;'!|()[]·’‘")
_WIDE = frozenset("mwMW@%—")


@lru_cache(maxsize=4096)
def _advance(character: str) -> float:
    """The width of a character in em, a little wider than Noto Sans and DejaVu Sans draw it."""
    if character == " ":
        return 0.32
    if character in _NARROW:
        return 0.36
    if character in _WIDE:
        return 0.95
    if unicodedata.combining(character):
        return 0.0
    if unicodedata.east_asian_width(character) in "WF" or unicodedata.category(character) == "So":
        return 1.1
    if character.isupper():
        return 0.7
    return 0.6 if character.isdigit() else 0.58


def text_width(text: str) -> float:
    return sum(_advance(character) for character in text)


def taller(text: str) -> float:
    """How much taller than Latin text a line of this text may be: emoji and other symbols
    come from fallback fonts with larger ascents, which push their line boxes apart."""
    sample = text[:LONGEST_TEXT]
    if any(
        unicodedata.category(character) == "So" or unicodedata.east_asian_width(character) in "WF"
        for character in sample
    ):
        return 0.16
    return 0.04 if any(ord(character) > 0x58F for character in sample) else 0.0


def words(text: str | None, weight: float = 1.0) -> tuple[float, ...]:
    """A text as the widths of its words (em); `weight` widens bold or spaced capitals."""
    return tuple(text_width(word) * weight for word in (text or "")[:LONGEST_TEXT].split()) or (0.0,)


def line_count(widths: Sequence[float], line: float, first_line_taken: float = 0.0) -> int:
    """Lines a text needs at `line` em a line, words given as widths, breaking as browsers do:
    at spaces, and inside a word only when the word alone is wider than a line."""
    line = max(line, 1.0)
    lines, used = 1, first_line_taken
    space = _advance(" ")
    for width in widths:
        if used and used + space + width <= line:
            used += space + width
        elif not used and width <= line:
            used = width
        elif width <= line:
            lines, used = lines + 1, width
        else:
            pieces = math.ceil(width / line)
            lines += pieces - (0 if used else 1)
            used = width - (pieces - 1) * line
    return lines


@dataclass(frozen=True)
class _Measured:
    """An item before sizing: its words, what sits before them on line one, and its note."""

    item: PosterItem
    words: tuple[float, ...]
    prefix: float  # em taken on the first line by the badge and the lead
    most: int  # lines the text may have before its cell asks for more
    note: tuple[float, ...] = ()
    tall: float = 0.0  # extra height a line of it may take (see taller)
    _natural: dict[float, tuple[int, int]] = field(default_factory=dict, compare=False)

    def natural(self, line: float) -> tuple[int, int]:
        """(text, note) lines at `line` em a line without any limit; remembered per width."""
        found = self._natural.get(line)
        if found is None:
            note = line_count(self.note, line) if self.note else 0
            found = self._natural[line] = (line_count(self.words, line, self.prefix), note)
        return found

    def split(self, line: float, limit: int, most: int | None = None) -> tuple[int, int]:
        """(text, note) lines within `limit` lines for the whole item."""
        text, note = self.natural(line)
        note = min(note, 1 if limit <= 2 else 2)
        return min(text, most or self.most, max(1, limit - note)), note

    def lines(self, line: float, limit: int) -> float:
        """The item's height in lines of Latin text, within `limit` lines."""
        return sum(self.split(line, limit)) * (1 + self.tall)


def _measure(item: PosterItem, most: int, prefix: float = 0.0, weight: float = 1.0) -> _Measured:
    note = words(item.note) if item.note else ()
    return _Measured(
        item, words(item.text, weight), prefix, most, note, taller(item.text + (item.note or ""))
    )


def _badge_width(text: str | None) -> float:
    """A chip in capitals at 0.84 em, with its padding."""
    return text_width(text.upper()) * 0.84 * 1.05 + 1.0 if text else 0.0


# --- the lanes' items -----------------------------------------------------------------------


@dataclass(frozen=True)
class _CellSource:
    items: list[_Measured]
    total: int
    empty: str | None


@dataclass(frozen=True)
class _LaneSource:
    key: str
    label: str
    cells: list[_CellSource]


def _touchpoint_item(touchpoint) -> _Measured:  # type: ignore[no-untyped-def]
    item = PosterItem(
        text=("★ " if touchpoint.moment_of_truth else "") + touchpoint.action,
        lines=3,
        badge=touchpoint.emotion_text or None,
        badge_class=f"emotion-{touchpoint.emotion}" if touchpoint.emotion is not None else "",
        lead=shorten(touchpoint.channel, 28),
        dots=tuple(persona.color for persona in touchpoint.personas),
        assumption=touchpoint.assumption,
    )
    lead = text_width((item.lead or "").upper()) * 0.72 * 1.08 + 0.4
    return _measure(item, 3, (2.0 if item.badge else 0) + lead + 0.8 * len(item.dots))


def _blueprint_item(touchpoint, key: str) -> _Measured:  # type: ignore[no-untyped-def]
    """A touchpoint's entries in a blueprint lane, led by its number ("2.3")."""
    item = PosterItem("; ".join(touchpoint.lane_items(key)), 2, lead=touchpoint.reference)
    return _measure(item, 2, text_width(touchpoint.reference) * 0.72 + 0.4)


def _level_item(
    text: str, level: str | None, label: str, assumption: bool = False, lead: str | None = None
) -> _Measured:
    badge = label if level else None
    item = PosterItem(text, 3, badge, f"level-{level}" if level else "", lead=lead, assumption=assumption)
    prefix = text_width((lead or "").upper()) * 0.72 * 1.08 + 0.4 if lead else 0.0
    return _measure(item, 3, _badge_width(badge) + prefix)


def _kpi_item(kpi, labels: Labels) -> _Measured:  # type: ignore[no-untyped-def]
    none = labels.text("none")
    values = f"{labels.text('current')} {kpi.current or none} · {labels.text('target')} {kpi.target or none}"
    if kpi.source:
        values += f" · {labels.text('source')}: {kpi.source}"
    return _measure(PosterItem(kpi.name, 2, kind="kpi", note=values, note_lines=1), 2, weight=1.06)


def _thought_item(thought) -> _Measured:  # type: ignore[no-untyped-def]
    item = PosterItem(
        f"“{thought.text}”", 2, dots=tuple(persona.color for persona in thought.personas), kind="quote"
    )
    return _measure(item, 2, 0.8 * len(item.dots))


def _makers(stage, labels: Labels) -> dict[str, tuple[Iterable, Callable[..., _Measured]]]:  # type: ignore[no-untyped-def,type-arg]
    """Per lane: the stage's elements and how each becomes an item."""
    return {
        "touchpoints": (stage.touchpoints, _touchpoint_item),
        "thoughts": (stage.thoughts, _thought_item),
        "pains": (
            stage.pain_points or (),
            lambda pain: _level_item(
                pain.description,
                pain.severity,
                labels.text(pain.severity),
                pain.assumption,
                f"✓ {labels.text('resolved')}" if pain.resolved else None,
            ),
        ),
        "opportunities": (
            stage.opportunities,
            lambda idea: _level_item(
                idea.description,
                idea.priority,
                labels.text(idea.priority) if idea.priority else "",
                lead=labels.text(f"status_{idea.status}") if idea.status != "idea" else None,
            ),
        ),
        "kpis": (stage.kpis, lambda kpi: _kpi_item(kpi, labels)),
        **{
            key: (
                [item for item in stage.touchpoints if item.lane_items(key)],
                lambda touchpoint, key=key: _blueprint_item(touchpoint, key),
            )
            for key in BLUEPRINT_KEYS
        },
    }


def _stage_items(stage, key: str, labels: Labels) -> _CellSource:  # type: ignore[no-untyped-def]
    """The items of one stage in one lane (at most MOST_ITEMS of them measured)."""
    if key == "goal":
        found = [_measure(PosterItem(stage.goal, 4, kind="goal"), 4, weight=1.04)] if stage.goal else []
        return _CellSource(found, len(found), labels.text("none"))
    if key == "pains" and stage.pain_points is None:
        return _CellSource([], 0, labels.text("not_reviewed"))
    source, make = _makers(stage, labels)[key]
    items = [make(element) for element in islice(source, MOST_ITEMS)]
    empty = labels.text("none_found") if key == "pains" else labels.text("none")
    return _CellSource(items, len(source), empty)  # type: ignore[arg-type]


def _lane_sources(stages: Sequence, lanes: Sequence, labels: Labels) -> list[_LaneSource]:  # type: ignore[type-arg]
    """The poster's lanes in the map's lane order: those of POSTER_LANES."""
    return [
        _LaneSource(
            lane.key,
            lane.label,
            [] if lane.key == "emotion" else [_stage_items(s, lane.key, labels) for s in stages],
        )
        for lane in lanes
        if lane.key in POSTER_LANES
    ]


# --- the sheet -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Frame:
    """The sheet's geometry at one type size; lengths in mm."""

    paper: Paper
    font_pt: float
    stages_per_band: int

    @property
    def font(self) -> float:
        return self.font_pt * MM_PER_PT

    @property
    def line(self) -> float:
        return self.font * LINE_HEIGHT

    @property
    def margin(self) -> float:
        return round(min(12.0, max(6.0, self.paper.short_side * 0.027)), 2)

    @property
    def width(self) -> float:
        return self.paper.width - 2 * self.margin

    @property
    def height(self) -> float:
        """What the poster may fill: the sheet less its margins and the page number, with
        1.5 % kept free so that rounding and hairline borders never push a row overleaf."""
        return (self.paper.height - 2 * self.margin - self.line * 1.6) * 0.985

    @property
    def label_width(self) -> float:
        return round(min(45.0, max(15.0, 8.2 * self.font)), 2)

    @property
    def column_width(self) -> float:
        return round((self.width - self.label_width) / self.stages_per_band - 0.01, 2)

    @property
    def column_em(self) -> float:
        """The width of a cell's text, in em."""
        return round(self.column_width / self.font - 2 * CELL_PAD, 3)

    def legend_height(self) -> float:
        return round(self.line * 2.3, 2)

    def stage_head_height(self) -> float:
        return round(self.font * (0.85 + 2 * 1.08) * LINE_HEIGHT + 2 * CELL_PAD * self.font, 2)

    def curve_height(self) -> float:
        return round(max(16.0, 6.5 * self.line), 2)

    def stack_height(self, lines: Sequence[float], extra_line: bool) -> float:
        """A cell holding items of these many lines (and a '+3 more' or '—' line)."""
        gaps = max(len(lines) - 1, 0) * ITEM_GAP
        return (((sum(lines) + extra_line) * LINE_HEIGHT) + gaps + 2 * CELL_PAD) * self.font


def legible_font(paper: Paper) -> tuple[float, float]:
    """(smallest, usual) type size in pt: about 6.8 pt on A4 up to 13.6 pt on A0."""
    usual = 6.8 * math.sqrt(paper.short_side / 210)
    return round(max(6.0, usual * 0.87), 2), round(usual, 2)


def _frame(paper: Paper, font_pt: float, count: int, usual_pt: float) -> _Frame:
    """Stages wrap into bands when a column would be narrower than COLUMN_EM of the usual size."""
    probe = _Frame(paper, usual_pt, count)
    fits = max(1, int((probe.width - probe.label_width) / ((COLUMN_EM + 2 * CELL_PAD) * probe.font)))
    bands = math.ceil(count / fits)
    return _Frame(paper, font_pt, math.ceil(count / bands))


def _bands(count: int, per_band: int) -> list[range]:
    return [range(start, min(start + per_band, count)) for start in range(0, count, per_band)]


@dataclass(frozen=True)
class _Header:
    """What the poster's header holds, measured: it sizes the header."""

    title: tuple[float, ...]
    proposition: tuple[float, ...]
    facts: int
    logo: bool
    filtered: bool

    def height(self, frame: _Frame) -> float:
        """Eyebrow, title (two lines at most), proposition (two) and filter note beside the
        logo and the facts."""
        room = frame.width * 0.66 / frame.font
        title = min(2, line_count(self.title, room / 1.9)) * 1.9 * 1.05
        proposition = (
            min(2, line_count(self.proposition, room, 9.0)) * LINE_HEIGHT + 0.2 if self.proposition else 0
        )
        left = 0.8 * LINE_HEIGHT + title + proposition + (LINE_HEIGHT + 0.2 if self.filtered else 0)
        right = self.facts * 0.92 * LINE_HEIGHT + (3.4 if self.logo else 0)
        return round((max(left, right) + 0.6) * frame.font + 0.4, 2)


def _header(view) -> _Header:  # type: ignore[no-untyped-def]
    proposition = words(view.value_proposition) if view.value_proposition else ()
    return _Header(
        words(view.title, 1.06), proposition, len(view.facts), bool(view.theme.logo), bool(view.filtered_for)
    )


# --- fitting ---------------------------------------------------------------------------------


@dataclass
class _Limits:
    """What the poster may show, per lane: lines per item and items per cell."""

    lines: dict[str, int]
    items: dict[str, int]


class _Sizer:
    """The heights of lanes and of the whole poster, for one map on one sheet."""

    def __init__(self, lanes: list[_LaneSource], count: int, header: _Header) -> None:
        self.lanes = lanes
        self.count = count
        self.header = header

    def cell_height(self, cell: _CellSource, lane: str, frame: _Frame, limits: _Limits) -> float:
        shown = cell.items[: limits.items[lane]]
        lines = [item.lines(frame.column_em, limits.lines[lane]) for item in shown]
        return frame.stack_height(lines, len(shown) < cell.total or not shown)

    def label_height(self, lane: _LaneSource, frame: _Frame) -> float:
        """A lane's name must fit its row header, however short the lane's cells are."""
        room = frame.label_width / frame.font / LABEL_SIZE - 2 * CELL_PAD
        lines = _label_lines(lane.label, round(room * (0.68 if lane.key == "emotion" else 1.0), 3))
        return (lines * LABEL_SIZE * LINE_HEIGHT + 2 * CELL_PAD * LABEL_SIZE) * frame.font

    def lane_height(self, lane: _LaneSource, band: range, frame: _Frame, limits: _Limits) -> float:
        if lane.key == "emotion":
            return frame.curve_height()
        tallest = max(self.cell_height(lane.cells[index], lane.key, frame, limits) for index in band)
        return max(tallest, self.label_height(lane, frame))

    def band_height(self, band: range, frame: _Frame, limits: _Limits) -> float:
        """A band: its stage names, its lanes, the grid's top margin and hairlines."""
        lanes = sum(self.lane_height(lane, band, frame, limits) for lane in self.lanes)
        return frame.stage_head_height() + lanes + 0.6 * frame.font + (len(self.lanes) + 1) * 0.15

    def needed(self, frame: _Frame, limits: _Limits) -> float:
        bands = _bands(self.count, frame.stages_per_band)
        body = sum(self.band_height(band, frame, limits) for band in bands)
        return self.header.height(frame) + frame.legend_height() + body

    def fits(self, frame: _Frame, limits: _Limits) -> bool:
        return self.needed(frame, limits) <= frame.height


@lru_cache(maxsize=256)
def _label_lines(label: str, room: float) -> int:
    return line_count([text_width(word.upper()) * 1.07 for word in label.split()], room)


def _text_lanes(sizer: _Sizer) -> list[_LaneSource]:
    return [lane for lane in sizer.lanes if lane.key != "emotion"]


def _tallest(sizer: _Sizer, frame: _Frame, limits: _Limits, allowed: Callable[[str], bool]) -> str | None:
    """The text lane, among those `allowed`, that takes the most height in any band."""
    bands = _bands(sizer.count, frame.stages_per_band)
    heights = {
        lane.key: max(sizer.lane_height(lane, band, frame, limits) for band in bands)
        for lane in _text_lanes(sizer)
        if allowed(lane.key)
    }
    return max(heights, key=heights.__getitem__) if heights else None


def _fewer_lines(sizer: _Sizer, frame: _Frame, limits: _Limits, floor: int) -> bool:
    """The tallest lane gives up a line per item (down to `floor`); False when none can."""
    key = _tallest(sizer, frame, limits, lambda name: limits.lines[name] > floor)
    if key is not None:
        limits.lines[key] -= 1
    return key is not None


def _fewer_items(sizer: _Sizer, frame: _Frame, limits: _Limits) -> bool:
    """The tallest lane shows a tenth fewer items a cell (one at least); False at one each."""

    def shown(lane: _LaneSource) -> int:
        return min(limits.items[lane.key], max((len(cell.items) for cell in lane.cells), default=0))

    counts = {lane.key: shown(lane) for lane in _text_lanes(sizer)}
    key = _tallest(sizer, frame, limits, lambda name: counts[name] > 1)
    if key is not None:
        limits.items[key] = counts[key] - max(1, counts[key] // 10)
    return key is not None


def _fit(sizer: _Sizer, paper: Paper) -> tuple[_Frame, _Limits]:
    """The largest type that shows everything; else the usual type, abbreviated as needed."""
    smallest, usual = legible_font(paper)
    full = _Limits({lane.key: 4 for lane in sizer.lanes}, {lane.key: MOST_ITEMS for lane in sizer.lanes})
    for scale in (1.6, 1.4, 1.25, 1.12, 1.0):  # a small map gets larger type, up to 1.6x
        frame = _frame(paper, round(usual * scale, 2), sizer.count, usual)
        if (scale == 1.0 or frame.column_em >= COLUMN_EM) and sizer.fits(frame, full):
            return frame, full
    limits = _Limits(dict(full.lines), dict(full.items))
    frame = _frame(paper, usual, sizer.count, usual)
    while not sizer.fits(frame, limits) and _fewer_lines(sizer, frame, limits, 2):
        pass
    while not sizer.fits(frame, limits) and frame.font_pt > smallest:
        frame = _frame(paper, max(smallest, round(frame.font_pt - 0.25, 2)), sizer.count, usual)
    while not sizer.fits(frame, limits) and (
        _fewer_lines(sizer, frame, limits, 1) or _fewer_items(sizer, frame, limits)
    ):
        pass
    return frame, limits


# --- building the poster --------------------------------------------------------------------


def _fill(cell: _CellSource, lane: str, frame: _Frame, limits: _Limits, height: float) -> PosterCell:
    """The cell's items within its lane's `height`: those the limits allow, then, while room
    is left, more lines for clamped items and more of the hidden items."""
    line = frame.column_em
    parts = [list(item.split(line, limits.lines[lane])) for item in cell.items[: limits.items[lane]]]

    def fits(candidate: list[list[int]]) -> bool:
        lines = [sum(part) * (1 + item.tall) for part, item in zip(candidate, cell.items, strict=False)]
        return frame.stack_height(lines, len(candidate) < cell.total or not candidate) <= height

    grown = True
    while grown:
        grown = False
        for index, item in enumerate(cell.items[: len(parts)]):
            if parts[index][0] < min(item.natural(line)[0], FILL_LINES):
                trial = [*parts[:index], [parts[index][0] + 1, parts[index][1]], *parts[index + 1 :]]
                if fits(trial):
                    parts, grown = trial, True
        if len(parts) < len(cell.items) and fits([*parts, list(cell.items[len(parts)].split(line, 1))]):
            parts, grown = [*parts, list(cell.items[len(parts)].split(line, 1))], True
    shown = [
        replace(item.item, lines=text, note_lines=note)
        for item, (text, note) in zip(cell.items, parts, strict=False)
    ]
    return PosterCell(shown, cell.total - len(shown), None if shown else cell.empty)


def _curve(
    stages: Sequence, personas: Sequence, frame: _Frame, height: float, labels: Labels
) -> EmotionChart:  # type: ignore[type-arg]
    width = frame.column_width * len(stages)
    font = frame.font * 0.82
    geometry = Geometry(
        width=width,
        height=height,
        top=font * 1.1,
        bottom=height - font * 2.2,
        font=font,
        spread=frame.font * 0.16,
        percent=False,
        stage_labels=False,
        max_slots=max(24, int(width / (frame.font * 0.9))),
    )
    return emotion_chart(stages, personas, geometry, labels)


def _band(view, sizer: _Sizer, band: range, frame: _Frame, limits: _Limits, spare: float) -> PosterBand:  # type: ignore[no-untyped-def]
    """One band of the poster; the sheet's spare height goes to the curve and the lanes."""
    stages = [view.stages[index] for index in band]
    lanes = []
    for lane in sizer.lanes:
        height = sizer.lane_height(lane, band, frame, limits)
        if lane.key == "emotion":
            height = round(height + spare * 0.4, 2)
            lanes.append(
                PosterLane(
                    lane.key,
                    lane.label,
                    height,
                    chart=_curve(stages, view.personas, frame, height, view.labels),
                )
            )
            continue
        height = round(height + spare * 0.6 / max(len(sizer.lanes) - 1, 1), 2)
        cells = [_fill(lane.cells[index], lane.key, frame, limits, height) for index in band]
        lanes.append(PosterLane(lane.key, lane.label, height, cells))
    heads = [PosterStage(stage.number, stage.name, stage.phase) for stage in stages]
    return PosterBand(heads, frame.stage_head_height(), lanes)


def detail_rows(stage, columns: int, labels: Labels) -> list[list[DetailLane]]:  # type: ignore[no-untyped-def]
    """The stage's lanes packed into rows of `columns` cards: a lane with many cards fills
    rows of its own, lanes with few share a row, every card has the same width."""
    counts = {
        "touchpoints": len(stage.touchpoints),
        "pains": len(stage.pain_points or ()) or 1,  # "none found" or "not reviewed yet"
        "opportunities": len(stage.opportunities),
        "kpis": len(stage.kpis),
    }
    rows: list[list[DetailLane]] = []
    used = columns
    for key, label in DETAIL_LANES:
        slots = min(counts[key], columns)
        if not slots:
            continue
        if used + slots > columns:
            rows.append([])
            used = 0
        rows[-1].append(DetailLane(key, labels.text(label), slots))
        used += slots
    return rows


def build_poster(view, paper: Paper) -> Poster:  # type: ignore[no-untyped-def]
    """The poster of a MapView on a sheet of `paper`, and the grid of the pages after it."""
    sizer = _Sizer(_lane_sources(view.stages, view.lanes, view.labels), len(view.stages), _header(view))
    frame, limits = _fit(sizer, paper)
    bands = _bands(sizer.count, frame.stages_per_band)
    spare = max(0.0, frame.height - sizer.needed(frame, limits)) / len(bands)
    built = [_band(view, sizer, band, frame, limits, spare) for band in bands]
    page_margin = round(min(14.0, max(8.0, paper.short_side * 0.04)), 2)
    columns = max(1, int((paper.width - 2 * page_margin) // CARD_WIDTH_MM))
    return Poster(
        margin=frame.margin,
        margin_bottom=round(frame.margin + frame.line * 1.6, 2),
        font_pt=frame.font_pt,
        label_width=frame.label_width,
        column_width=frame.column_width,
        header_height=sizer.header.height(frame),
        legend_height=frame.legend_height(),
        bands=built,
        truncated=any(cell.more for band in built for lane in band.lanes for cell in lane.cells),
        page_margin=page_margin,
        detail_font_pt=round(min(11.0, max(8.0, 8.2 * math.sqrt(paper.short_side / 297))), 2),
        card_columns=columns,
        persona_columns=max(1, int((paper.width - 2 * page_margin) // PERSONA_WIDTH_MM)),
        details=[detail_rows(stage, columns, view.labels) for stage in view.stages],
    )
