"""Issue 14 on the deliverable, through the real `cjm render`: a service blueprint's lanes with
a labelled line of visibility, the dashed to-be curve per persona, moments of truth, opportunity
status and effort, resolved pain points, a KPI's source and the map's status, in HTML, Markdown
and the PDF, in each language; a map without these keys renders as it did."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, SAMPLES, run_cjm
from tests.render.pdfs import needs_poppler
from tests.render.test_browser import CHROMIUM, FRAME, chromium

BLUEPRINT = SAMPLES / "tienda-online.yaml"

# One map with every addition, in a language given by `{language}`.
ADDITIONS = """\
cjm: 1
title: Shop
business: b2c
language: {language}
status: draft
personas:
  - {{id: ana, name: Ana}}
  - {{id: bo, name: Bo}}
channels:
  - {{id: web, name: Web}}
stages:
  - id: buy
    name: Buy
    kpis:
      - {{name: Conversion, target: 3 %, current: 2 %, source: Shop analytics}}
    touchpoints:
      - id: pay
        action: Pays by card
        channel: web
        emotion: -2
        target_emotion: 1
        moment_of_truth: true
        evidence: [Session recordings]
        frontstage: [Payment page shows the total]
        backstage: [Fraud check reviews the payment]
        support: [Payment gateway]
        physical_evidence: [Receipt email]
      - action: Reads the confirmation
        channel: web
        emotion: 1
    pain_points:
      - {{id: slow, description: Payment is slow, touchpoint: pay}}
      - {{id: fees, description: Fees appear late}}
    opportunities:
      - {{description: One-click payment, addresses: [slow], status: done, effort: high}}
      - {{description: Show fees early, addresses: [fees], status: planned, effort: low}}
"""

WORDS = {
    "en": ["Frontstage", "Line of visibility", "Backstage", "Support processes", "Physical evidence",
           "Moment of truth", "Resolved", "Planned", "Effort", "Source", "Draft", "to-be"],
    "es": ["Frontstage", "Línea de visibilidad", "Backstage", "Procesos de soporte", "Evidencia física",
           "Momento de la verdad", "Resuelto", "Planificada", "Esfuerzo", "Fuente", "Borrador", "objetivo"],
    "pl": ["Frontstage", "Linia widoczności", "Backstage", "Procesy wspierające", "Dowody fizyczne",
           "Moment prawdy", "Rozwiązany", "Zaplanowana", "Nakład", "Źródło", "Szkic", "docelowo"],
}  # fmt: skip


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("blueprint")
    for language in WORDS:
        (folder / f"shop-{language}.yaml").write_text(ADDITIONS.format(language=language), encoding="utf-8")
    (folder / "plain.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (folder / BLUEPRINT.name).write_bytes(BLUEPRINT.read_bytes())
    result = run_cjm("render", folder, "-f", "html,md,pdf", "-o", folder)
    assert result.returncode == 0, result.stderr
    return folder


def _text(path: Path) -> str:
    return path.read_text(encoding="utf-8")


def _pdf_text(path: Path, first: int = 1, last: int = 99) -> str:
    command = ["pdftotext", "-f", str(first), "-l", str(last), path, "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.mark.parametrize("language", WORDS)
def test_every_addition_is_labelled_in_html_and_markdown_in_the_maps_language(
    rendered: Path, language: str
) -> None:
    html, markdown = _text(rendered / f"shop-{language}.html"), _text(rendered / f"shop-{language}.md")
    for word in WORDS[language]:
        assert word in html, word
    for word in [*WORDS[language][2:4], *WORDS[language][5:11]]:
        assert word in markdown, word
    assert "Payment gateway" in html and "Shop analytics" in html and "Receipt email" in markdown


@needs_poppler
@pytest.mark.parametrize("language", WORDS)
def test_the_pdf_poster_and_detail_pages_show_the_additions(rendered: Path, language: str) -> None:
    pdf = rendered / f"shop-{language}.pdf"
    poster, details = " ".join(_pdf_text(pdf, 1, 1).split()), " ".join(_pdf_text(pdf, 2).split())
    for word in (*WORDS[language][:5], WORDS[language][10]):
        assert word.upper() in poster.upper(), word  # lane names are set in capitals
    assert "★ Pays by card" in poster and "Shop analytics" in poster
    assert "Fraud check reviews the payment" in poster and "Fraud check reviews the payment" in details
    for word in (WORDS[language][5], WORDS[language][6], WORDS[language][7], WORDS[language][8]):
        assert word.upper() in details.upper(), word  # chips are set in capitals


def test_the_lanes_come_in_blueprint_order_with_the_line_between_front_and_backstage(rendered: Path) -> None:
    html = _text(rendered / "shop-en.html")
    heads = re.findall(r'<div class="lane-head lane-(\w+)"', html)
    assert heads[:7] == ["goal", "touchpoints", "frontstage", "backstage", "support", "evidence", "emotion"]
    cells = re.findall(r'<div class="cell lane-(\w+)"', html)
    backstage = html.index('<div class="cell lane-backstage"')
    assert html.index('<p class="visibility-line"><span>Line of visibility</span></p>', backstage) > backstage
    assert cells.index("frontstage") < cells.index("backstage")
    card = re.search(r'<article class="card touchpoint[^"]*is-moment[^"]*">.*?</article>', html, re.S).group()
    assert '<span class="ref">1.1</span>' in card and "Moment of truth" in card
    lane = re.search(r'<div class="cell lane-support".*?</div>\n  </div>', html, re.S).group()
    assert '<span class="ref">1.1</span><span class="sr-only"> Pays by card</span>' in lane


def test_the_to_be_curve_is_dashed_per_persona_and_each_point_says_so(rendered: Path) -> None:
    html = _text(rendered / "shop-en.html")
    chart = re.search(r'<svg class="emotion-chart".*?</svg>', html, re.S).group()
    lines = re.findall(r'<g class="emotion-line( to-be)?">(.*?)</g>', chart, re.S)
    dashed = [line for kind, line in lines if kind]
    assert all('fill="#fff"' not in line for line in dashed), "to-be points are filled, as-is ones hollow"
    titles = re.findall(r"<title>([^<]+)</title>", chart)
    to_be = [title for title in titles if "— to-be: " in title]
    assert sorted(title.split(" · ")[0] for title in to_be) == ["Ana", "Bo"], "one to-be point a persona"
    assert all("Positive (+1)" in title for title in to_be)
    assert any("Pays by card — Very negative (−2) ★ Moment of truth" in title for title in titles)
    assert len(lines) == 4 and len(dashed) == 2, "two as-is lines and two dashed to-be lines"
    assert 'class="moment-star"' in chart
    assert "Dashed: how it should feel (to-be)" in html


def test_resolved_pain_points_and_delivery_status(rendered: Path) -> None:
    html, markdown = _text(rendered / "shop-en.html"), _text(rendered / "shop-en.md")
    resolved = re.search(r'<article class="card pain[^"]*is-resolved[^"]*">.*?</article>', html, re.S).group()
    assert "Payment is slow" in resolved and "Resolved" in resolved
    open_one = "a pain point whose opportunity is only planned stays open"
    assert html[html.index("<body") :].count("is-resolved") == 1, open_one
    assert "| ~~Payment is slow~~ ✓ **Resolved** |" in markdown
    assert "| One-click payment | Done | High |" in markdown or "| One-click payment | Done |" in markdown
    assert re.search(r"\| Conversion \| 3 % \| 2 % \| Shop analytics \|", markdown)
    assert re.search(r"^\| Status \| .*\n.*\n\| Draft \|", markdown, re.M), "the map's status in the header"


def test_a_map_without_the_additions_shows_none_of_them(rendered: Path) -> None:
    html, markdown = _text(rendered / "plain.html"), _text(rendered / "plain.md")
    body = html[html.index("<body") :]
    for word in ("lane-frontstage", "visibility-line", "moment", "to-be", "status-", "Resolved", "Source"):
        assert word not in body, word
    assert "Status" not in markdown and "★" not in markdown and "#" not in markdown.split("## ")[-1][:40]


# --- the lanes as Chromium lays them out ---------------------------------------------------------

LANES_PROBE = """
<script>
(function () {
  function box(selector) {
    return Array.prototype.map.call(document.querySelectorAll(selector), function (element) {
      var r = element.getBoundingClientRect();
      return [r.left, r.top, r.width, r.height, getComputedStyle(element).borderTopStyle];
    });
  }
  parent.postMessage(JSON.stringify({
    viewport: window.innerWidth,
    pageWidth: document.documentElement.scrollWidth,
    front: box(".cell.lane-frontstage"),
    back: box(".cell.lane-backstage"),
    lines: box(".visibility-line"),
    support: box(".cell.lane-support")
  }), "*");
})();
</script>
"""


def _lanes_layout(html: Path, width: int) -> dict:
    probe = html.with_name(f"{html.stem}.lanes.html")
    probe.write_text(_text(html).replace("</body>", LANES_PROBE + "</body>"), encoding="utf-8")
    frame = html.with_name(f"{html.stem}.lanes{width}.html")
    frame.write_text(FRAME % (probe.name, width), encoding="utf-8")
    result = chromium(f"--window-size={max(width, 500) + 40},1300", "--virtual-time-budget=10000",
                      "--dump-dom", frame.as_uri())  # fmt: skip
    found = re.search(r'<pre id="cjm-layout">(.*?)</pre>', result.stdout, re.S)
    assert found, result.stderr[-2000:]
    return json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))


@pytest.mark.browser
@pytest.mark.skipif(CHROMIUM is None, reason="headless Chromium not installed")
@pytest.mark.parametrize("width", [1600, 390])
def test_the_line_of_visibility_is_drawn_and_named_between_the_lanes_in_every_stage(
    rendered: Path, width: int
) -> None:
    measured = _lanes_layout(rendered / "tienda-online.html", width)
    assert measured["pageWidth"] <= measured["viewport"]
    stages = len(measured["front"])
    assert stages == 5 and len(measured["back"]) == len(measured["lines"]) == len(measured["support"]) == 5
    for front, back, line, support in zip(
        measured["front"], measured["back"], measured["lines"], measured["support"], strict=True
    ):
        assert back[4] == "dashed", "the line of visibility is a dashed rule"
        assert front[1] + front[3] <= back[1] + 1 and back[1] + back[3] <= support[1] + 1
        assert line[2] > 0 and line[3] > 0 and back[1] - 1 <= line[1] <= back[1] + 20, "named at the line"
        assert line[0] + line[2] <= width + 1
    if width == 1600:  # one row of lanes across the stages
        assert len({round(box[1]) for box in measured["back"]}) == 1
