"""`cjm render` through the real command: every sample in every format, golden files,
the PDF's text, pages, bookmarks and metadata, themes, templates and options."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, run_cjm, sample_paths
from tests.render import pdfs
from tests.render.pdfs import needs_poppler

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE_GOLDEN = os.environ.get("CJM_UPDATE_GOLDEN") == "1"
SAMPLES = sample_paths()


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All samples in all formats, rendered once by one run of the real command."""
    folder = tmp_path_factory.mktemp("rendered")
    result = run_cjm("render", *SAMPLES, "--format", "html,md", "-f", "pdf", "-o", folder)
    assert result.returncode == 0, result.stderr
    expected = [folder / f"{sample.stem}.{ext}" for sample in SAMPLES for ext in ("html", "md", "pdf")]
    assert result.stdout.splitlines() == [str(path) for path in expected]
    return folder


def test_there_are_samples_in_three_languages() -> None:
    languages = {re.search(r"^language: (\w+)", path.read_text(), re.M) for path in SAMPLES}
    assert {match.group(1) if match else "en" for match in languages} >= {"es", "pl"}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
@pytest.mark.parametrize("extension", ["html", "md"])
def test_html_and_markdown_match_the_golden_files(rendered: Path, sample: Path, extension: str) -> None:
    output = (rendered / f"{sample.stem}.{extension}").read_text(encoding="utf-8")
    golden = GOLDEN / f"{sample.stem}.{extension}"
    if UPDATE_GOLDEN or not golden.exists():
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(output, encoding="utf-8")
        if not UPDATE_GOLDEN:
            pytest.fail(f"{golden} was missing and has been written; check it in")
    assert output == golden.read_text(encoding="utf-8"), (
        f"{golden.name} differs; if the change is intended, run CJM_UPDATE_GOLDEN=1 pytest"
    )


def _stage_names(sample: Path) -> list[str]:
    from cjm.load.journey import load_map

    return [stage.name for stage in load_map(sample).stages]


def _one_line(text: str) -> str:
    return " ".join(text.split())


@needs_poppler
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_pdf_opens_with_the_poster_then_personas_and_stages(rendered: Path, sample: Path) -> None:
    from cjm.load.journey import load_map
    from cjm.render.i18n import Labels

    journey = load_map(sample)
    labels = Labels(journey.language)
    pdf = rendered / f"{sample.stem}.pdf"
    poster = _one_line(pdfs.text(pdf, 1, 1))
    for stage in journey.stages:
        assert _one_line(stage.name) in poster
    for label in (
        "stage_goal",
        "touchpoints",
        "emotion_curve",
        "thoughts",
        "pain_points",
        "opportunities",
        "kpis",
    ):
        assert labels.text(label).upper() in poster.upper(), label
    for _, touchpoint in journey.touchpoints():  # every touchpoint, at least its first words
        assert _one_line(touchpoint.action)[:18] in poster, touchpoint.action
    assert labels.text("assumption_help") in poster, "the legend ends the poster page"
    assert pdfs.text(pdf, 2, 2).startswith(labels.text("personas"))


@needs_poppler
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_pdf_metadata_tags_and_nested_bookmarks(rendered: Path, sample: Path) -> None:
    from cjm.load.journey import load_map
    from cjm.render.i18n import Labels

    journey = load_map(sample)
    pdf = rendered / f"{sample.stem}.pdf"
    info = pdfs.info(pdf)
    assert re.search(r"^Tagged:\s+yes$", info, re.M), "PDF/UA-1 is tagged"
    assert re.search(r"^Page size:\s+1190\.\d+ x 841\.\d+ pts \(A3\)", info, re.M)  # A3 landscape
    assert re.search(rf"^Title:\s+{re.escape(journey.title)}$", info, re.M)
    assert re.search(rf"^Author:\s+{re.escape(journey.owner)}$", info, re.M)
    assert 'pdfuaid:part="1"' in pdfs.info(pdf, "-meta")
    assert _pdf_languages(pdf.read_bytes()) == [journey.language]
    labels = Labels(journey.language)
    outline = pdfs.bookmarks(pdf)
    assert [item.title for item in outline] == [
        journey.title,
        labels.text("personas"),
        labels.text("stage_by_stage"),
    ]
    assert [item.title for item in outline[1].children] == [_one_line(p.name) for p in journey.personas]
    assert [item.title for item in outline[2].children] == [_one_line(name) for name in _stage_names(sample)]
    pages = [item.page for item in outline[2].children]
    assert pages == sorted(pages) and pages[0] >= 2 and outline[0].page == 1
    assert re.search(r"(Page|Página|Strona) \d+ (of|de|z) \d+", pdfs.text(pdf))


@needs_poppler
@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_pdf_pages_are_dense(rendered: Path, sample: Path) -> None:
    """No page but the last is mostly empty: the old layout left 30-88 % of stage pages blank."""
    fills = pdfs.fill(rendered / f"{sample.stem}.pdf")
    assert len(fills) <= len(_stage_names(sample)), "fewer pages than stages: the stages share pages"
    assert fills[0].empty < 0.1, "the poster fills its page"
    assert all(page.empty < 0.4 for page in fills[:-1]), fills


def _pdf_languages(data: bytes) -> list[str]:
    """The /Lang entries of a PDF, looking into its compressed object streams too."""
    found = re.findall(rb"/Lang\s*\(([^)]*)\)", data)
    for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
        try:
            found += re.findall(rb"/Lang\s*\(([^)]*)\)", zlib.decompress(stream.group(1)))
        except zlib.error:
            continue
    return [value.decode() for value in found]


@needs_poppler
def test_pdf_keeps_polish_and_spanish_characters(rendered: Path) -> None:
    texts = {path.stem: _one_line(pdfs.text(path)) for path in rendered.glob("*.pdf")}
    polish = next(text for text in texts.values() if "punkty bólu" in text.lower())
    for word in ("Podróż", "właściciel", "krzywa emocji", "szanse", "etapów"):
        assert word.lower() in polish.lower()
    assert set("ąćęłńóśźż") & set(polish) >= set("ąęłóśż")
    spanish = next(text for text in texts.values() if "puntos de dolor" in text.lower())
    for word in ("Oportunidades", "Emoción", "Curva emocional", "Responsable", "etapas"):
        assert word.lower() in spanish.lower()
    assert set("áéíóúñ¿") & set(spanish) >= set("áéíóñ")


def test_html_is_self_contained(rendered: Path) -> None:
    for path in rendered.glob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert "<script" not in html
        assert not re.search(r"""(src|href)\s*=\s*["']?(https?:|//|file:)""", html)
        assert "@import" not in html
        assert re.search(r"<svg class=\"emotion-chart\"", html)
        assert html.count('<section class="stage"') >= 5


def test_markdown_draws_every_felt_touchpoint_in_mermaid_blocks_of_at_most_15(rendered: Path) -> None:
    from cjm.load.journey import load_map
    from cjm.render.escape import markdown_heading, mermaid_text

    for sample in SAMPLES:
        markdown = (rendered / f"{sample.stem}.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```mermaid\njourney\n(.*?)```", markdown, re.S)
        journey = load_map(sample)
        tasks = [re.findall(r"^      .*: ([1-5])(?:: .*)?$", block, re.M) for block in blocks]
        assert all(1 <= len(found) <= 15 for found in tasks)
        felt = [item for _, item in journey.touchpoints() if item.emotion is not None]
        assert [int(score) for found in tasks for score in found] == [item.emotion + 3 for item in felt]
        sections = [name for block in blocks for name in re.findall(r"^    section (.*)$", block, re.M)]
        assert list(dict.fromkeys(sections)) == [mermaid_text(stage.name) for stage in journey.stages]
        for number, stage in enumerate(journey.stages, start=1):
            assert f"\n### {number}. {markdown_heading(stage.name)}\n" in markdown


def test_labels_follow_the_language_of_the_map(rendered: Path) -> None:
    polish = (rendered / "sklep-internetowy.html").read_text(encoding="utf-8")
    assert 'lang="pl"' in polish
    for label in ("Punkty bólu", "Szanse", "Emocje", "Persony", "Cel etapu"):
        assert label in polish
    assert re.search(r"\d+ punktów styku|\d+ punkty styku", polish)
    spanish = (rendered / "tienda-online.html").read_text(encoding="utf-8")
    for label in ("Puntos de dolor", "Oportunidades", "Emoción", "Objetivo de la etapa"):
        assert label in spanish


# --- the command's options -------------------------------------------------------------------

EXAMPLE = """\
cjm: 1
title: Ejemplo
business: b2c
language: pl
owner: Zespół
personas:
  - id: anna
    name: Anna
  - id: jan
    name: Jan
channels:
  - id: web
    name: Strona
stages:
  - id: odkrycie
    name: Odkrycie
    touchpoints:
      - action: Anna czyta blog
        channel: web
        personas: [anna]
        emotion: -2
      - action: Jan ogląda reklamę
        channel: web
        personas: [jan]
        emotion: 2
    pain_points:
      - id: nuda
        description: Blog jest nudny
        personas: [anna]
    opportunities:
      - description: Lepszy blog
        addresses: [nuda]
"""


def test_default_output_is_next_to_the_map_and_a_single_file_can_be_named(tree) -> None:
    folder = tree({"maps/journey.yaml": EXAMPLE})
    result = run_cjm("render", "maps/journey.yaml", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "maps/journey.html\n"
    assert (folder / "maps" / "journey.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run_cjm("render", "maps/journey.yaml", "-f", "md", "-o", "out/deliverable.md", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "out" / "deliverable.md").read_text(encoding="utf-8").startswith("# Ejemplo")
    assert not list(folder.rglob(".*.tmp"))


def test_project_settings_choose_formats_output_and_page_size(tree) -> None:
    folder = tree(
        {
            "journey.yaml": EXAMPLE,
            "cjm.yaml": "render:\n  formats: [md, html]\n  output: build\n  page_size: A4 portrait\n",
        }
    )
    result = run_cjm("render", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [str(Path("build/journey.md")), str(Path("build/journey.html"))]
    assert "@page { size: A4 portrait; }" in (folder / "build" / "journey.html").read_text()
    result = run_cjm("render", "-f", "html", "--page-size", "letter landscape", cwd=folder)
    assert "@page { size: letter landscape; }" in (folder / "build" / "journey.html").read_text()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["-f", "docx"], "unknown format 'docx'; choose from html, md, pdf"),
        (["--page-size", "A3; } body { color: red"], "page size"),
        (["--persona", "nobody"], "no persona 'nobody'"),
        (["--templates", "missing"], "templates folder not found"),
        (["missing.yaml"], "missing.yaml: no such file or folder"),
    ],
)
def test_bad_options_exit_2_with_a_message(tree, arguments: list[str], message: str) -> None:
    folder = tree({"journey.yaml": EXAMPLE})
    result = run_cjm("render", *arguments, cwd=folder)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (folder / "journey.html").exists()


def test_a_broken_map_reports_file_line_column(tree) -> None:
    folder = tree({"journey.yaml": MINIMAL_MAP.replace("channel: web", "channel: mail")})
    result = run_cjm("render", "journey.yaml", cwd=folder)
    assert result.returncode == 2
    assert re.match(r"journey\.yaml:\d+:\d+: ", result.stderr)


def test_persona_filter_keeps_only_that_persona(tree) -> None:
    folder = tree({"journey.yaml": EXAMPLE})
    result = run_cjm("render", "journey.yaml", "--persona", "anna", "-f", "html,md", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["journey.anna.html", "journey.anna.md"]
    for name in ("journey.anna.html", "journey.anna.md"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "Anna czyta blog" in text and "Blog jest nudny" in text and "Lepszy blog" in text
        assert "Jan ogląda reklamę" not in text
    assert "Widok dla" in (folder / "journey.anna.html").read_text(encoding="utf-8")


def test_theme_changes_colour_font_and_logo(tree) -> None:
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000002000000020802000000fdd49a73000000164944415478"
        "9c633c2167c3c0c0c0c4c0c0c0c0c000000e4e0126476849220000000049454e44ae426082"
    )
    folder = tree(
        {
            "journey.yaml": EXAMPLE,
            "brand/logo.png": png,
            "cjm.yaml": "theme:\n  color: '#aa3355'\n  logo: brand/logo.png\n  font: Fira Sans\n",
        }
    )
    result = run_cjm("render", "-f", "html", cwd=folder)
    assert result.returncode == 0, result.stderr
    html = (folder / "journey.html").read_text(encoding="utf-8")
    assert "--accent: #aa3355;" in html
    assert '--font: "Fira Sans",' in html
    assert 'class="logo" src="data:image/png;base64,iVBORw0KGgo' in html


@pytest.mark.parametrize(
    ("logo", "message"),
    [
        ("../outside.png", "outside the project folder"),
        ("/etc/passwd", "outside the project folder"),
        ("logo.txt", "use a .gif, .jpeg, .jpg, .png, .svg, .webp file"),
        ("http://127.0.0.1:9/x.png", "no such file"),
    ],
)
def test_theme_logo_must_be_an_image_inside_the_project(tree, logo: str, message: str) -> None:
    folder = tree({"project/journey.yaml": EXAMPLE, "outside.png": b"\x89PNG", "project/logo.txt": "x"})
    (folder / "project" / "cjm.yaml").write_text(f"theme:\n  logo: '{logo}'\n")
    result = run_cjm("render", "project", "-o", folder / "out", cwd=folder)
    assert result.returncode == 2
    assert message in result.stderr


def test_user_templates_override_by_name_and_run_in_the_sandbox(tree) -> None:
    folder = tree(
        {
            "journey.yaml": EXAMPLE,
            "mine/journey.md.j2": "Custom {{ map.title | md }}: {{ map.stages | length }}\n",
            "evil/journey.md.j2": "{{ map.__class__.__init__.__globals__ }}\n",
            "cjm.yaml": "render:\n  templates: mine\n",
        }
    )
    result = run_cjm("render", "-f", "md,html", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert (folder / "journey.md").read_text(encoding="utf-8") == "Custom Ejemplo: 1\n"
    assert "<!DOCTYPE html>" in (folder / "journey.html").read_text(encoding="utf-8")  # built-in kept
    result = run_cjm("render", "-f", "md", "--templates", "evil", cwd=folder)
    assert result.returncode == 2
    assert "sandbox" in result.stderr or "unsafe" in result.stderr


def test_templates_copy_never_overwrites_without_force(tmp_path: Path) -> None:
    result = run_cjm("templates", "copy", "mine", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    copied = sorted(str(path.relative_to(tmp_path / "mine")) for path in (tmp_path / "mine").rglob("*.*"))
    assert {"journey.html.j2", "journey.md.j2", "style.css", "print.css"} <= set(copied)
    (tmp_path / "mine" / "style.css").write_text("/* mine */")
    result = run_cjm("templates", "copy", "mine", cwd=tmp_path)
    assert result.returncode == 2
    assert "use --force" in result.stderr
    assert (tmp_path / "mine" / "style.css").read_text() == "/* mine */"
    result = run_cjm("templates", "copy", "mine", "--force", cwd=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "mine" / "style.css").read_text() != "/* mine */"


def test_two_maps_with_the_same_name_do_not_overwrite_each_other(tree) -> None:
    folder = tree({"a/journey.yaml": EXAMPLE, "b/journey.yaml": EXAMPLE})
    result = run_cjm("render", "a/journey.yaml", "b/journey.yaml", "-o", "out", cwd=folder)
    assert result.returncode == 2
    assert "would both be rendered to" in result.stderr


def test_html_and_markdown_do_not_import_weasyprint(tree) -> None:
    """WeasyPrint costs most of a second to import: only the PDF path may pay for it."""
    folder = tree({"journey.yaml": EXAMPLE})
    code = (
        "import sys; from pathlib import Path; from cjm.render.jobs import plan_render; "
        "plan = plan_render([Path('journey.yaml')], ['html,md'], None, None, None, None); "
        "[b''.join(plan.content(job)) for job in plan.jobs]; "
        "print('weasyprint' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=folder, capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


@pytest.mark.parametrize(
    ("count", "expected"),
    [
        (1, "1 etap"),
        (2, "2 etapy"),
        (4, "4 etapy"),
        (5, "5 etapów"),
        (12, "12 etapów"),
        (14, "14 etapów"),
        (22, "22 etapy"),
        (25, "25 etapów"),
        (112, "112 etapów"),
        (0, "0 etapów"),
    ],
)
def test_polish_has_three_plural_forms(count: int, expected: str) -> None:
    from cjm.render.i18n import Labels

    assert Labels("pl").plural(count, "stages") == expected


def test_spanish_and_english_plurals() -> None:
    from cjm.render.i18n import Labels

    assert Labels("es").plural(1, "pain_point_count") == "1 punto de dolor"
    assert Labels("es").plural(3, "pain_point_count") == "3 puntos de dolor"
    assert Labels("en").plural(0, "opportunity_count") == "0 opportunities"


# --- the PDF's variant and paper ------------------------------------------------------------


@needs_poppler
@pytest.mark.parametrize(
    ("variant", "tagged", "metadata"),
    [(None, "yes", 'pdfuaid:part="1"'), ("pdf/a-3b", "yes", 'pdfaid:part="3"'), ("none", "no", None)],
)
def test_pdf_variant_chooses_tags_and_conformance(
    tree, variant: str | None, tagged: str, metadata: str | None
) -> None:
    folder = tree({"journey.yaml": EXAMPLE})
    result = run_cjm("render", "-f", "pdf", *(["--pdf-variant", variant] if variant else []), cwd=folder)
    assert result.returncode == 0, result.stderr
    pdf = folder / "journey.pdf"
    assert re.search(rf"^Tagged:\s+{tagged}$", pdfs.info(pdf), re.M)
    meta = pdfs.info(pdf, "-meta")
    if metadata:
        assert metadata in meta
    else:
        assert "pdfuaid" not in meta and "pdfaid" not in meta
    assert "Anna czyta blog" in pdfs.text(pdf)


def test_an_unknown_pdf_variant_is_a_usage_error(tree) -> None:
    folder = tree({"journey.yaml": EXAMPLE})
    result = run_cjm("render", "-f", "pdf", "--pdf-variant", "pdf/x-4", cwd=folder)
    assert result.returncode == 2
    assert result.stderr == "cjm: unknown PDF variant 'pdf/x-4'; choose from pdf/ua-1, pdf/a-3b, none\n"
    assert not (folder / "journey.pdf").exists()


@needs_poppler
def test_cjm_yaml_chooses_the_pdf_variant(tree) -> None:
    folder = tree({"journey.yaml": EXAMPLE, "cjm.yaml": "render:\n  pdf_variant: none\n"})
    assert run_cjm("render", "-f", "pdf", cwd=folder).returncode == 0
    assert re.search(r"^Tagged:\s+no$", pdfs.info(folder / "journey.pdf"), re.M)
    assert run_cjm("render", "-f", "pdf", "--pdf-variant", "pdf/ua-1", cwd=folder).returncode == 0
    assert re.search(r"^Tagged:\s+yes$", pdfs.info(folder / "journey.pdf"), re.M), "the flag wins"


def test_an_unknown_pdf_variant_in_cjm_yaml_is_refused_at_its_place(tree) -> None:
    folder = tree({"journey.yaml": EXAMPLE, "cjm.yaml": "render:\n  pdf_variant: pdf/x-4\n"})
    result = run_cjm("render", "-f", "pdf", cwd=folder)
    assert result.returncode == 2
    assert result.stderr.startswith("cjm.yaml:2:16: 'pdf_variant' must be 'pdf/ua-1', 'pdf/a-3b' or 'none'")
    assert not (folder / "journey.pdf").exists()


@needs_poppler
@pytest.mark.parametrize(
    ("size", "points"), [("A4 portrait", "595.\\d+ x 841.\\d+"), ("A2 landscape", "1683.\\d+ x 1190.\\d+")]
)
def test_any_paper_gets_a_one_page_poster(tree, size: str, points: str) -> None:
    folder = tree({"journey.yaml": EXAMPLE})
    assert run_cjm("render", "-f", "pdf", "--page-size", size, cwd=folder).returncode == 0
    pdf = folder / "journey.pdf"
    assert re.search(rf"^Page size:\s+{points} pts", pdfs.info(pdf), re.M)
    assert "Anna czyta blog" in pdfs.text(pdf, 1, 1) and pdfs.text(pdf, 2, 2).startswith("Persony")


@pytest.mark.parametrize("size", ["50mm 50mm", "3000mm 2000mm", "1in"])
def test_a_page_size_no_printer_takes_is_refused(tree, size: str) -> None:
    folder = tree({"journey.yaml": EXAMPLE})
    result = run_cjm("render", "-f", "pdf", "--page-size", size, cwd=folder)
    assert result.returncode == 2
    assert f"page size '{size}': each side must be between 100 mm and 2 m" in result.stderr
