"""The emotion curve: every touchpoint with an emotion, in journey order, one line per persona,
low points labelled once and never over another label, stage names fitted to their room."""

from __future__ import annotations

import re
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.load.journey import load_map_text
from cjm.render.chart import BOLD_ADVANCE, Geometry, emotion_chart, wrap
from cjm.render.i18n import Labels
from cjm.render.view import build_view
from tests.render.journeys import journey_map


def _map(stages: list[list[tuple[int, list[str] | None]]], personas: int = 2, language: str = "en") -> str:
    """A map whose stages hold touchpoints given as (emotion, personas or None for everyone)."""
    lines = ["cjm: 1", "title: Curve", "business: b2c", f"language: {language}", "personas:"]
    lines += [f"  - {{id: p{index}, name: Persona {index}}}" for index in range(personas)]
    lines += ["channels:", "  - {id: web}", "stages:"]
    for number, touchpoints in enumerate(stages):
        lines += [f"  - id: s{number}", f"    name: Stage number {number}", "    touchpoints:"]
        lines += ["      []"] if not touchpoints else []
        for index, (emotion, who) in enumerate(touchpoints):
            lines += [
                f"      - action: Step {number}.{index}",
                "        channel: web",
                f"        emotion: {emotion}",
            ]
            if who is not None:
                lines.append(f"        personas: [{', '.join(who)}]")
    return "\n".join(lines) + "\n"


def _view(text: str, persona: str | None = None):  # type: ignore[no-untyped-def]
    return build_view(load_map_text(text, "journey.yaml"), persona=persona)


def _values(chart, line: int) -> list[int]:  # type: ignore[no-untyped-def]
    """The scores a line's points are drawn at, read back from their y coordinates (lines that
    share values are drawn a few pixels apart, never as far as the next level)."""
    return [
        min(chart.levels, key=lambda level: abs(level.y - point.y)).value
        for point in chart.lines[line].points
    ]


def test_every_touchpoint_is_a_point_and_nothing_is_averaged_away() -> None:
    """25 touchpoints from -2 to +2 in one stage: the old chart drew one flat 0."""
    swings = [(value, None) for value in [-2, -1, 0, 1, 2] * 5]
    chart = _view(_map([swings], personas=1)).chart
    assert len(chart.lines[0].points) == 25
    assert _values(chart, 0) == [value for value, _ in swings]


def test_each_persona_has_its_own_line_through_its_own_touchpoints_in_order() -> None:
    stages = [[(1, None), (-1, ["p1"])], [(2, ["p0"]), (0, None)]]
    chart = _view(_map(stages)).chart
    assert [line.name for line in chart.lines] == ["Persona 0", "Persona 1"]
    assert _values(chart, 0) == [1, 2, 0]
    assert _values(chart, 1) == [1, -1, 0], "a persona's -1 is drawn, not averaged with the others"
    xs = [float(point.x.rstrip("%")) for point in chart.lines[0].points]
    assert xs == sorted(xs) and xs[0] < 50 < xs[1], "grouped under their stages, in journey order"


def test_each_point_has_a_title_with_the_touchpoint_and_its_emotion() -> None:
    chart = _view(_map([[(-2, None)]], personas=1, language="es")).chart
    assert chart.lines[0].points[0].title == "Persona 0 · Stage number 0: Step 0.0 — Muy negativa (−2)"


def test_the_page_gives_every_point_its_title_and_the_chart_a_text_alternative() -> None:
    from cjm.render import render_html

    view = _view(_map([[(1, None), (-1, None)], [(2, None)]]))
    html = render_html(view)
    svg = re.search(r'<svg class="emotion-chart".*?</svg>', html, re.S).group()
    assert len(re.findall(r'<circle [^>]*role="img"><title>[^<]+</title></circle>', svg)) == 6
    assert (
        'aria-label="Emotion curve. Persona 0: 3 touchpoints; lowest −1 at “Step 0.1” (Stage number 0).'
        in svg
    )


def test_a_low_point_shared_by_personas_is_labelled_once() -> None:
    chart = _view(_map([[(1, None), (-2, None)], [(0, None)]], personas=3)).chart
    assert len(chart.low_marks) == 1 and len(chart.low_labels) == 1
    assert chart.low_labels[0].text == "Low point −2"


def test_each_persona_s_own_low_point_is_marked() -> None:
    chart = _view(_map([[(-1, ["p0"]), (-2, ["p1"])], [(0, None)]])).chart
    assert len(chart.low_marks) == 2
    assert sorted(label.text for label in chart.low_labels) == ["Low point −1", "Low point −2"]


@settings(max_examples=60, deadline=None)
@given(
    values=st.lists(st.lists(st.integers(-2, 2), min_size=0, max_size=12), min_size=1, max_size=12),
    personas=st.integers(1, 6),
)
def test_low_point_labels_never_overlap_and_stay_inside_the_chart(
    values: list[list[int]], personas: int
) -> None:
    stages = [
        [(value, [f"p{index % personas}"] if index % 3 else None) for index, value in enumerate(stage)]
        for stage in values
    ]
    view = _view(_map(stages, personas))
    for geometry in (
        Geometry(width=144 * len(stages), height=216, top=34, bottom=150, font=10.5, spread=2.5),
        Geometry(
            width=380, height=30, top=2, bottom=26, font=2.2, spread=0.4, percent=False, stage_labels=False
        ),
    ):
        chart = emotion_chart(view.stages, view.personas, geometry, Labels("en"))
        boxes = [label.backdrop for label in chart.low_labels]
        for (x1, y1, w1, h1), (x2, y2, w2, h2) in combinations(boxes, 2):
            assert x1 + w1 <= x2 or x2 + w2 <= x1 or y1 + h1 <= y2 or y2 + h2 <= y1, "two labels overlap"
        for x, y, w, h in boxes:
            assert x >= 0 and x + w <= geometry.width + 0.01 and y >= 0 and y + h <= geometry.height


def test_stage_labels_fit_the_room_a_stage_has() -> None:
    names = ["Evaluation and shortlist of the vendors the committee invited", "Research"]
    text = (
        _map([[(1, None)], [(0, None)]])
        .replace("Stage number 0", names[0])
        .replace("Stage number 1", names[1])
    )
    chart = _view(text).chart
    room = 144 - 10.5
    for label in chart.stage_labels:
        assert 1 <= len(label.lines) <= 2
        assert all(len(line) * 10.5 * BOLD_ADVANCE <= room for line in label.lines)
    assert chart.stage_labels[0].lines[-1].endswith("…") and chart.stage_labels[1].lines == ("2 · Research",)


def test_wrap_cuts_only_what_does_not_fit() -> None:
    assert wrap("1 · Descubrimiento", 20, 2) == ("1 · Descubrimiento",)
    assert wrap("1 · Problem recognition", 16, 2) == ("1 · Problem", "recognition")
    assert wrap("x" * 40, 10, 2) == ("xxxxxxxxx…",)


def test_a_crowded_stage_is_summarised_in_runs_that_say_so() -> None:
    view = _view(journey_map(stages=2, personas=1, touchpoints=3000))
    chart = view.chart
    assert chart.slots <= 480 and len(chart.lines[0].points) <= 480
    titles = [point.title for point in chart.lines[0].points]
    assert all(re.search(r": \d+ touchpoints, average [−+]?\d", title) for title in titles)
    assert any(point.whisker for point in chart.lines[0].points), "a run shows its lowest and highest value"


def test_the_persona_view_draws_only_that_persona() -> None:
    chart = _view(_map([[(1, ["p0"]), (-1, ["p1"])]]), persona="p1").chart
    assert [line.name for line in chart.lines] == ["Persona 1"] and _values(chart, 0) == [-1]
