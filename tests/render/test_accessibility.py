"""Accessibility of the HTML page: what a screen reader and a keyboard get (checked on every
run), and axe-core's WCAG 2.1 AA audit at 1600 px and 390 px where Node and axe are installed."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.conftest import run_cjm, sample_paths
from tests.render.journeys import journey_map


class _Elements(HTMLParser):
    """Every start tag with its attributes, and the text inside each element of a class."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str]]] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, {name: value or "" for name, value in attrs}))

    def with_class(self, name: str) -> list[dict[str, str]]:
        return [attrs for _, attrs in self.elements if name in attrs.get("class", "").split()]


@pytest.fixture(scope="module")
def page(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("a11y")
    (folder / "journey.yaml").write_text(journey_map(stages=4, personas=3, touchpoints=12), encoding="utf-8")
    assert run_cjm("render", "journey.yaml", "-f", "html", cwd=folder).returncode == 0
    return (folder / "journey.html").read_text(encoding="utf-8")


def test_every_cell_names_its_lane_for_screen_readers(page: str) -> None:
    stages = re.findall(r'<section class="stage".*?</section>', page, re.S)
    assert len(stages) == 4
    for stage in stages:
        labels = re.findall(r'<h4 class="cell-label">([^<]+)</h4>', stage)
        assert labels == [
            "Stage goal",
            "Touchpoints",
            "Thoughts",
            "Pain points",
            "Opportunities",
            "KPIs",
            "Content planned",
            "Data collected",
        ]
    heads = re.findall(r'<div class="lane-head [^"]*"[^>]*>', page)
    assert heads and all('aria-hidden="true"' in head for head in heads), (
        "the grid's column of lane names is not read twice"
    )


def test_the_scrolling_grid_and_chart_can_be_reached_by_keyboard(page: str) -> None:
    elements = _Elements(page)
    scroll = elements.with_class("map-scroll")
    assert scroll == [
        {"class": "map-scroll", "tabindex": "0", "role": "region", "aria-labelledby": "journey-title"}
    ]
    assert elements.with_class("chart")[0]["tabindex"] == "0"


def test_the_curve_speaks_in_words(page: str) -> None:
    svg = re.search(r'<svg class="emotion-chart"[^>]*>', page).group()
    assert 'role="group"' in svg
    summary = re.search(r'aria-label="([^"]+)"', svg).group(1)
    assert summary.startswith("Emotion curve. Priya, head of data: ") and "lowest" in summary
    points = re.findall(r'<circle [^>]*role="img"><title>([^<]+)</title>', page)
    assert len(points) >= 12 and all(" — " in title and re.search(r"\([−+]?\d\)$", title) for title in points)


def test_scores_are_read_with_their_words(page: str) -> None:
    chips = re.findall(
        r'<span class="emotion-chip emotion-(-?\d)"[^>]*>[^<]*<span class="sr-only"> ([^<]+)</span>', page
    )
    words = {"-2": "Very negative", "-1": "Negative", "0": "Neutral", "1": "Positive", "2": "Very positive"}
    assert chips and all(words[value] == word for value, word in chips)


AXE = os.environ.get("CJM_AXE", "/work/tools/axe.js")
needs_axe = pytest.mark.skipif(
    not (Path(AXE).is_file() and shutil.which("node")), reason="axe-core runner not installed (CJM_AXE)"
)
SHAPES = [(1, 1), (2, 6), (3, 3), (5, 2), (7, 6), (10, 4), (10, 1)]


def _axe(html: Path) -> dict:
    result = subprocess.run(["node", AXE, str(html)], capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def _violations(report: dict) -> dict[str, list[str]]:
    return {width: [item["id"] for item in found["violations"]] for width, found in report.items()}


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("axe")
    for stages, personas in SHAPES:
        text = journey_map(stages=stages, personas=personas, touchpoints=stages * 4, language="es")
        (folder / f"map-{stages}-{personas}.yaml").write_text(text, encoding="utf-8")
    for sample in sample_paths():
        shutil.copyfile(sample, folder / sample.name)
    assert run_cjm("render", folder, "-f", "html", "-o", folder).returncode == 0
    return folder


@needs_axe
@pytest.mark.browser
@pytest.mark.parametrize(
    "name",
    [path.stem for path in sample_paths()] + [f"map-{stages}-{personas}" for stages, personas in SHAPES],
)
def test_axe_finds_no_wcag_aa_violation_at_1600_and_390_px(pages: Path, name: str) -> None:
    report = _axe(pages / f"{name}.html")
    assert set(report) == {"1600", "390"}
    assert _violations(report) == {"1600": [], "390": []}


@needs_axe
@pytest.mark.browser
def test_a_brand_colour_too_light_for_text_is_darkened_until_axe_passes(tmp_path: Path) -> None:
    shutil.copyfile(sample_paths()[0], tmp_path / "journey.yaml")
    (tmp_path / "cjm.yaml").write_text('theme:\n  color: "#ffdd00"\n', encoding="utf-8")
    result = run_cjm("render", "journey.yaml", "-f", "html", cwd=tmp_path)
    assert result.returncode == 0 and "theme colour #ffdd00" in result.stderr
    assert _violations(_axe(tmp_path / "journey.html")) == {"1600": [], "390": []}
