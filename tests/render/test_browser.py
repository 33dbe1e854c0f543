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
  // Where the names are once the reader has scrolled into the middle of the map.
  function sticky() {
    var scroller = document.querySelector(".map-scroll");
    var heads = document.querySelectorAll(".stage-head");
    if (window.innerWidth <= 760) {  // phones: each stage keeps its name on top while it scrolls by
      var stage = heads[heads.length - 1].parentElement;
      window.scrollTo(0, stage.getBoundingClientRect().top + window.scrollY + 200);
      var found = {mode: "stacked", head: heads[heads.length - 1].getBoundingClientRect().top};
      window.scrollTo(0, 0);
      return found;
    }
    var framed = scroller.scrollHeight > scroller.clientHeight + 1 ||
      scroller.scrollWidth > scroller.clientWidth + 1;
    if (framed) {
      scroller.scrollTop = 500; scroller.scrollLeft = scroller.scrollWidth;
      var box = scroller.getBoundingClientRect();
      var seen = Array.prototype.filter.call(heads, function (head) {
        var r = head.getBoundingClientRect(); return r.right > box.left + 150 && r.left < box.right;
      });
      var found2 = {mode: "framed", headTop: seen[0].getBoundingClientRect().top - box.top,
        laneLeft: document.querySelector(".lane-head").getBoundingClientRect().left - box.left,
        lastRight: heads[heads.length - 1].getBoundingClientRect().right - box.right};
      scroller.scrollTop = 0; scroller.scrollLeft = 0;
      return found2;
    }
    window.scrollTo(0, scroller.getBoundingClientRect().top + window.scrollY + 600);
    var found3 = {mode: "page", headTop: heads[0].getBoundingClientRect().top};
    window.scrollTo(0, 0);
    return found3;
  }
  var overflowing = [];
  document.querySelectorAll(".card, .persona, .stage-head, .thought, .kpi, .data-item, .goal, .masthead")
    .forEach(function (element) {
      if (element.scrollWidth > element.clientWidth + 1) {
        overflowing.push(element.className + ": " + element.textContent.trim().slice(0, 60));
      }
    });
  var result = {
    sticky: sticky(),
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
    assert all(width >= 190 for _, _, width, _ in stages)
    blueprint = "frontstage:" in sample.read_text(encoding="utf-8")
    assert len(measured["laneHeads"]) == (13 if blueprint else 9) and measured["laneHeads"][0][2] > 0
    assert measured["chart"][2] > 1000 and measured["dots"] >= len(stages)
    assert measured["pageWidth"] <= measured["viewport"], "the page itself never scrolls sideways"
    assert measured["overflowing"] == []
    assert measured["sticky"] == {"mode": "page", "headTop": 0}, (
        "the stage names stay at the top of the window"
    )


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


@pytest.mark.parametrize("stages", [1, 7, 12])
def test_any_number_of_stages_fits_or_scrolls_with_the_names_in_view(tmp_path: Path, stages: int) -> None:
    from tests.render.journeys import journey_map

    (tmp_path / "journey.yaml").write_text(
        journey_map(stages=stages, personas=2, touchpoints=stages * 5), encoding="utf-8"
    )
    assert run_cjm("render", "journey.yaml", "-f", "html", cwd=tmp_path).returncode == 0
    wide = layout(tmp_path / "journey.html", 1600)
    assert len(wide["stages"]) == stages and wide["pageWidth"] <= wide["viewport"]
    assert wide["overflowing"] == []
    if stages <= 7:  # they fit the window: no frame, the names stay at the top of the window
        assert wide["sticky"] == {"mode": "page", "headTop": 0}
        assert max(left + width for left, _, width, _ in wide["stages"]) <= 1600
    else:  # the grid scrolls in its frame; scrolled to the end, the last stage is whole
        sticky = wide["sticky"]
        assert sticky["mode"] == "framed" and abs(sticky["headTop"]) <= 1 and abs(sticky["laneLeft"]) <= 1
        assert sticky["lastRight"] <= 1
    phone = layout(tmp_path / "journey.html", 390)
    assert phone["pageWidth"] <= phone["viewport"] and len(phone["stages"]) == stages
    assert phone["sticky"]["mode"] == "stacked" and abs(phone["sticky"]["head"]) <= 1
