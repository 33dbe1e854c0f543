"""The poster and the pages after it, as WeasyPrint lays them out, on any paper and for maps of
1 to 12 stages and 1 to 6 personas: one sheet for the whole journey, nothing clipped, no word
broken in the middle, no pill split, no card cut across pages, legible type."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from cjm.load.journey import load_map_text
from cjm.render import render_pdf_html
from cjm.render.paper import paper
from cjm.render.poster import build_poster, legible_font
from cjm.render.view import build_view
from tests.conftest import sample_paths
from tests.render.journeys import journey_map

weasyprint = pytest.importorskip("weasyprint")

PAPERS = [f"{size} {side}" for size in ("A4", "A3", "A2") for side in ("portrait", "landscape")]
MM = 25.4 / 96  # CSS px in millimetres: WeasyPrint's boxes are measured in px


def _classes(box) -> set[str]:  # type: ignore[no-untyped-def]
    element = getattr(box, "element", None)
    return set((element.get("class") or "").split()) if element is not None and box.element_tag else set()


@dataclass
class Laid:
    """A rendered document and the boxes of interest on each page."""

    pages: list  # type: ignore[type-arg]

    def boxes(self, page: int, name: str) -> list:  # type: ignore[type-arg]
        """The boxes of elements of class `name` (not their text, which carries their class too)."""
        found = self.pages[page]._page_box.descendants()
        return [box for box in found if name in _classes(box) and type(box).__name__ != "TextBox"]

    def first_page_with(self, name: str) -> int:
        return next(index for index in range(len(self.pages)) if self.boxes(index, name))


def _lay_out(map_text: str, size: str, poster_only: bool = False) -> Laid:
    view = build_view(load_map_text(map_text, "journey.yaml"), page_size=paper(size).css)
    html = render_pdf_html(view, paper(size))
    if poster_only:  # the pages after the poster are checked on fewer papers: they cost more
        html = html[: html.index('<section class="personas"')] + "</body></html>"
    return Laid(weasyprint.HTML(string=html).render().pages)


def _bottom(box) -> float:  # type: ignore[no-untyped-def]
    return box.position_y + box.margin_height()


def _assert_nothing_overflows_its_cell(laid: Laid) -> None:
    for cell in laid.boxes(0, "pc"):
        limit = cell.border_box_y() + cell.border_height() + 0.5
        for inner in cell.descendants():
            if inner is not cell and type(inner).__name__ == "LineBox":
                assert inner.position_y + inner.height <= limit, (
                    f"a line below its cell: {_line_texts(inner)}"
                )


def _line_texts(block) -> list[str]:  # type: ignore[no-untyped-def]
    lines = [child for child in block.descendants() if type(child).__name__ == "LineBox"]
    return [
        "".join(text.text for text in line.descendants() if type(text).__name__ == "TextBox")
        for line in lines
    ]


def _words(text: str) -> list[str]:
    """Words as a line may break them: at spaces and after hyphens; in capitals (text-transform)."""
    return re.sub(r"-(?=\w)", "- ", text.upper()).split()


def _assert_items_keep_their_lines_and_words(laid: Laid, whole_words: bool) -> None:
    for item in laid.boxes(0, "pi"):
        clamp = next(
            (int(name[1:]) for name in _classes(item) if name[:1] == "l" and name[1:].isdigit()), None
        )
        lines = _line_texts(item)
        if clamp is not None:
            assert len(lines) <= clamp, (lines, clamp)
        if not whole_words:
            continue
        source = _words("".join(item.element.itertext()))
        for index, line in enumerate(lines):
            words = _words(line)
            if index == len(lines) - 1 and line.rstrip().endswith("…"):
                words = words[:-1]  # the clamp's ellipsis may end the last line anywhere
            assert all(word in set(source) for word in words), f"a word broken across lines: {line!r}"


def _assert_pills_are_whole(laid: Laid) -> None:
    for page in range(len(laid.pages)):
        pieces = Counter(id(box.element) for box in laid.boxes(page, "chip"))
        assert all(count == 1 for count in pieces.values()), "a pill split across two lines"


def _assert_header_parts_apart(laid: Laid) -> None:
    rectangles = []
    for name in ("masthead-text", "facts", "logo"):
        for box in laid.boxes(0, name):
            rectangles.append(
                (name, box.border_box_x(), box.border_box_y(), box.border_width(), box.border_height())
            )
    for index, (name, x, y, w, h) in enumerate(rectangles):
        for other, x2, y2, w2, h2 in rectangles[index + 1 :]:
            apart = x + w <= x2 or x2 + w2 <= x or y + h <= y2 or y2 + h2 <= y
            assert apart, f"{name} overlaps {other}"


SHAPES = {
    "1 stage, 1 persona": dict(stages=1, personas=1, touchpoints=3),
    "5 stages, 2 personas": dict(stages=5, personas=2, touchpoints=18, language="es"),
    "8 stages, 4 personas, 60 touchpoints": dict(stages=8, personas=4, touchpoints=60, language="pl"),
    "12 stages, 6 personas": dict(stages=12, personas=6, touchpoints=80),
}


@pytest.mark.parametrize("size", PAPERS)
@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_the_poster_is_one_legible_sheet_on_any_paper(size: str, shape: str) -> None:
    text = journey_map(**SHAPES[shape])
    laid = _lay_out(text, size, poster_only=True)
    assert len(laid.pages) == 1, "the whole journey on one sheet"
    assert laid.boxes(0, "poster-legend"), "the legend is on the sheet"
    stages = SHAPES[shape]["stages"]
    assert len(laid.boxes(0, "poster-stage")) == stages, "no stage is cut off"
    _assert_nothing_overflows_its_cell(laid)
    _assert_items_keep_their_lines_and_words(laid, whole_words=True)
    _assert_pills_are_whole(laid)
    _assert_header_parts_apart(laid)
    view = build_view(load_map_text(text, "journey.yaml"))
    smallest, _ = legible_font(paper(size))
    assert build_poster(view, paper(size)).font_pt >= smallest


@pytest.mark.parametrize("size", ["A4 portrait", "A3 landscape"])
def test_hostile_text_stays_inside_the_poster(size: str) -> None:
    """600-character words, right-to-left text, combining marks and emoji in every field."""
    laid = _lay_out(journey_map(stages=6, personas=3, touchpoints=30, hostile=True), size, poster_only=True)
    assert len(laid.pages) == 1
    _assert_nothing_overflows_its_cell(laid)
    _assert_items_keep_their_lines_and_words(laid, whole_words=False)
    _assert_pills_are_whole(laid)


def test_a_journey_too_big_for_a_sheet_is_abbreviated_and_says_so() -> None:
    view = build_view(load_map_text(journey_map(stages=8, personas=4, touchpoints=1200), "journey.yaml"))
    poster = build_poster(view, paper("A4 landscape"))
    assert poster.truncated
    mores = [cell.more for band in poster.bands for lane in band.lanes for cell in lane.cells if cell.more]
    shown = sum(
        len(cell.items)
        for band in poster.bands
        for lane in band.lanes
        if lane.key == "touchpoints"
        for cell in lane.cells
    )
    assert (
        mores
        and shown
        + sum(
            cell.more
            for band in poster.bands
            for lane in band.lanes
            if lane.key == "touchpoints"
            for cell in lane.cells
        )
        == 1200
    )
    assert poster.font_pt >= legible_font(paper("A4 landscape"))[0]


def test_a_small_journey_gets_larger_type_than_a_big_one() -> None:
    small = build_view(load_map_text(journey_map(stages=2, personas=1, touchpoints=4), "journey.yaml"))
    big = build_view(load_map_text(journey_map(stages=8, personas=4, touchpoints=60), "journey.yaml"))
    assert (
        build_poster(small, paper("A3 landscape")).font_pt > build_poster(big, paper("A3 landscape")).font_pt
    )


DETAILS = {
    "samples": [path for path in sample_paths()],
    "generated": [
        journey_map(stages=8, personas=4, touchpoints=60),
        journey_map(stages=3, personas=6, touchpoints=40, hostile=True),
    ],
}


def _maps() -> list[tuple[str, str]]:
    found = [(path.stem, path.read_text(encoding="utf-8")) for path in DETAILS["samples"]]
    return found + [(f"generated-{index}", text) for index, text in enumerate(DETAILS["generated"])]


@pytest.mark.parametrize(("name", "text"), _maps(), ids=[name for name, _ in _maps()])
@pytest.mark.parametrize("size", ["A4 portrait", "A3 landscape"])
def test_the_pages_after_the_poster_cut_no_card_and_keep_lanes_with_their_cards(
    name: str, text: str, size: str
) -> None:
    laid = _lay_out(text, size)
    assert laid.first_page_with("personas") == 1, "personas follow the poster"
    for index, page in enumerate(laid.pages):
        content_bottom = page._page_box.content_box_y() + page._page_box.height + 0.5
        for card in [*laid.boxes(index, "card"), *laid.boxes(index, "persona")]:
            assert _bottom(card) <= content_bottom, f"a card runs off page {index + 1}"
        for lane in laid.boxes(index, "lane-block"):  # where a lane's heading is, its first card is
            inside = [_classes(box) for box in lane.descendants() if box is not lane]
            if any("lane-title" in names for names in inside):
                assert any("card" in names or "empty" in names for names in inside), (
                    f"{name}: a heading alone"
                )
    _assert_pills_are_whole(laid)
    cards = Counter(
        id(card.element) for index in range(len(laid.pages)) for card in laid.boxes(index, "card")
    )
    assert all(count == 1 for count in cards.values()), "a card split across two pages"


def test_user_templates_folder_is_optional_for_the_pdf(tmp_path: Path) -> None:
    """render_pdf_html works with the built-in templates alone (no template folder given)."""
    view = build_view(load_map_text(journey_map(stages=2, personas=1, touchpoints=2), "journey.yaml"))
    assert render_pdf_html(view, paper("A3 landscape")).startswith("<!DOCTYPE html>")
