"""The HTML as a browser lays it out: headless Chromium at desktop and phone widths.

The deliverable needs no script; the test injects one into a copy of the page to measure
the layout and write the measurements into the DOM, which Chromium's --dump-dom prints."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tests.conftest import run_cjm, sample_paths

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed"),
]

MEASURE = """
<script>
(function () {
  function box(element) {
    var r = element.getBoundingClientRect();
    return [r.left, r.top, r.width, r.height];
  }
  var overflowing = [];
  document.querySelectorAll(".card, .persona, .stage-head, .thought, .kpi, .data-item, .goal, .masthead")
    .forEach(function (element) {
      if (element.scrollWidth > element.clientWidth + 1) {
        overflowing.push(element.className + ": " + element.textContent.trim().slice(0, 60));
      }
    });
  var result = {
    viewport: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    stages: Array.prototype.map.call(document.querySelectorAll(".stage-head"), box),
    laneHeads: Array.prototype.map.call(document.querySelectorAll(".lane-head"), box),
    chart: box(document.querySelector(".emotion-chart")),
    dots: document.querySelectorAll(".emotion-chart circle").length,
    overflowing: overflowing
  };
  parent.postMessage(JSON.stringify(result), "*");
})();
</script>
"""


def chromium(*arguments: str) -> subprocess.CompletedProcess[str]:
    with tempfile.TemporaryDirectory() as profile:
        return subprocess.run(
            [
                CHROMIUM,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={profile}",
                *arguments,
            ],
            capture_output=True,
            text=True,
            timeout=90,
        )


# Headless Chromium will not make a window narrower than 500 px: a phone is emulated by an
# iframe of the phone's width, which posts its measurements to the page around it.
FRAME = """<!DOCTYPE html><html><body style="margin:0">
<script>window.addEventListener("message", function (event) {
  var out = document.createElement("pre"); out.id = "cjm-layout"; out.textContent = event.data;
  document.body.appendChild(out); });</script>
<iframe src="%s" style="border:0;width:%dpx;height:1200px"></iframe></body></html>"""


def layout(html: Path, width: int) -> dict:
    probe = html.with_name(html.stem + ".probe.html")
    page = html.read_text(encoding="utf-8").replace("</body>", MEASURE + "</body>")
    probe.write_text(page, encoding="utf-8")
    frame = html.with_name(f"{html.stem}.frame{width}.html")
    frame.write_text(FRAME % (probe.name, width), encoding="utf-8")
    window = f"--window-size={max(width, 500) + 40},1300"
    result = chromium(window, "--virtual-time-budget=10000", "--dump-dom", frame.as_uri())
    found = re.search(r'<pre id="cjm-layout">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("browser")
    result = run_cjm("render", *sample_paths(), "-f", "html", "-o", folder)
    assert result.returncode == 0, result.stderr
    return folder


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda path: path.stem)
def test_desktop_lays_the_stages_out_as_columns_of_one_grid(pages: Path, sample: Path) -> None:
    measured = layout(pages / f"{sample.stem}.html", 1600)
    stages = measured["stages"]
    assert len(stages) >= 5
    assert len({round(top) for _, top, _, _ in stages}) == 1, "stage headers share one row"
    lefts = [left for left, _, _, _ in stages]
    assert lefts == sorted(lefts) and len(set(lefts)) == len(lefts), "stages run left to right"
    assert all(width >= 200 for _, _, width, _ in stages)
    assert len(measured["laneHeads"]) == 9 and measured["laneHeads"][0][2] > 0
    assert measured["chart"][2] > 1000 and measured["dots"] >= len(stages)
    assert measured["pageWidth"] <= measured["viewport"], "the page itself never scrolls sideways"
    assert measured["overflowing"] == []


@pytest.mark.parametrize("sample", sample_paths(), ids=lambda path: path.stem)
def test_phone_stacks_the_stages(pages: Path, sample: Path) -> None:
    measured = layout(pages / f"{sample.stem}.html", 390)
    stages = measured["stages"]
    tops = [top for _, top, _, _ in stages]
    assert tops == sorted(tops) and len(set(tops)) == len(tops), "stages stack top to bottom"
    assert len({round(left) for left, _, _, _ in stages}) == 1
    assert all(width <= 390 for _, _, width, _ in stages)
    assert all(head[2] == 0 for head in measured["laneHeads"]), "lane labels move into the stages"
    assert measured["pageWidth"] <= measured["viewport"]
    assert measured["overflowing"] == []


def test_screenshots_are_not_blank(pages: Path, tmp_path: Path) -> None:
    image_module = pytest.importorskip("PIL.Image")
    html = pages / f"{sample_paths()[0].stem}.html"
    for width in (1600, 500):
        shot = tmp_path / f"shot-{width}.png"
        chromium(f"--window-size={width},1400", f"--screenshot={shot}", html.as_uri())
        with image_module.open(shot) as image:
            assert image.size == (width, 1400)
            colours = image.convert("RGB").getcolors(maxcolors=1 << 16) or []
            assert len(colours) > 200, "the page rendered as a near-blank image"
