"""What a render reads, writes and spends, whatever the project holds (issue 11), through the
real `cjm render`: template files and logos only inside the project and only regular files, no
output over a map, output paths of cjm.yaml inside the project, a time budget, a size cap,
bounded template arithmetic, combining marks capped in the PDF, and inert printed paths."""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, run_cjm
from tests.render.journeys import journey_map
from tests.render.pdfs import needs_poppler

SECRET = "root:x:0:0:the-secret-outside"


def _project(tmp_path: Path, files: dict[str, str] | None = None) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    (project / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    for name, text in (files or {}).items():
        (project / name).parent.mkdir(parents=True, exist_ok=True)
        (project / name).write_text(text, encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    return project


def _refused(result: subprocess.CompletedProcess[str], project: Path, *words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr and SECRET not in result.stdout + result.stderr
    for word in words:
        assert word in result.stderr, result.stderr
    outputs = [path for path in project.glob("journey.*") if path.name != "journey.yaml"]
    assert not [path for path in outputs if path.is_file() and SECRET in path.read_text(errors="replace")]


# --- template folders ----------------------------------------------------------------------------

INCLUDING = "{% include 'brand.txt' %}\n"


@pytest.mark.parametrize("fmt", ["md", "html", "pdf"])
def test_a_template_symlinked_out_of_its_folder_is_refused(tmp_path: Path, fmt: str) -> None:
    template = {"md": "journey.md.j2", "html": "journey.html.j2", "pdf": "pdf.html.j2"}[fmt]
    project = _project(tmp_path, {f"mine/{template}": INCLUDING})
    (project / "mine" / "brand.txt").symlink_to(tmp_path / "secret.txt")
    result = run_cjm("render", "-f", fmt, "--templates", "mine", cwd=project)
    _refused(result, project, "brand.txt", "outside its folder")
    assert not (project / f"journey.{fmt}").exists()


def test_a_template_itself_a_symlink_out_is_refused_from_cjm_yaml_too(tmp_path: Path) -> None:
    project = _project(tmp_path, {"cjm.yaml": "render:\n  templates: mine\n"})
    (project / "mine").mkdir()
    (project / "mine" / "journey.md.j2").symlink_to(tmp_path / "secret.txt")
    _refused(run_cjm("render", "-f", "md", cwd=project), project, "journey.md.j2", "outside its folder")


def test_a_symlink_inside_the_template_folder_is_followed(tmp_path: Path) -> None:
    project = _project(tmp_path, {"mine/journey.md.j2": INCLUDING, "mine/parts/brand.md": "Brand line\n"})
    (project / "mine" / "brand.txt").symlink_to(project / "mine" / "parts" / "brand.md")
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "journey.md").read_text(encoding="utf-8") == "Brand line\n"


def test_a_template_that_is_a_named_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    project = _project(tmp_path, {"mine/journey.md.j2": INCLUDING})
    os.mkfifo(project / "mine" / "brand.txt")
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project, timeout=30)
    _refused(result, project, "brand.txt", "named pipe")


def test_a_templates_setting_symlinked_out_of_the_project_is_refused_at_its_place(tmp_path: Path) -> None:
    project = _project(tmp_path, {"cjm.yaml": "render:\n  templates: mine\n"})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "journey.md.j2").write_text(SECRET, encoding="utf-8")
    (project / "mine").symlink_to(outside)
    result = run_cjm("render", "-f", "md", cwd=project)
    _refused(result, project, "cjm.yaml:2:3: render.templates: 'mine' leads outside the project folder")
    assert not (project / "journey.md").exists()


def test_an_output_setting_symlinked_out_of_the_project_is_refused_at_its_place(tmp_path: Path) -> None:
    project = _project(tmp_path, {"cjm.yaml": "render:\n  output: build\n"})
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (project / "build").symlink_to(outside)
    result = run_cjm("render", "-f", "md,html", cwd=project)
    _refused(result, project, "cjm.yaml:2:3: render.output: 'build' leads outside the project folder")
    assert list(outside.iterdir()) == []


# --- logos ---------------------------------------------------------------------------------------


def _sparse(path: Path) -> None:
    with path.open("wb") as stream:
        stream.truncate(3 << 30)


LOGOS = {
    "named pipe": (lambda path: os.mkfifo(path), "named pipe"),
    "link to /dev/zero": (lambda path: path.symlink_to("/dev/zero"), "outside the project folder"),
    "sparse 3 GB file": (_sparse, "cjm reads files of at most 2 MB"),
    "a folder": (lambda path: path.mkdir(), "folder"),
}


@pytest.mark.parametrize("name", LOGOS)
def test_a_logo_that_is_no_small_regular_file_is_refused_unread(tmp_path: Path, name: str) -> None:
    project = _project(tmp_path, {"cjm.yaml": "theme:\n  logo: logo.png\n"})
    make, words = LOGOS[name]
    make(project / "logo.png")
    result = run_cjm("render", "-f", "html", cwd=project, timeout=30)
    _refused(result, project, "logo", words)
    assert not (project / "journey.html").exists()


# --- outputs over inputs ---------------------------------------------------------------------------


def _map_output_cases(project: Path) -> dict[str, list[str]]:
    (project / "hard.yaml").hardlink_to(project / "journey.yaml")
    (project / "soft.html").symlink_to(project / "journey.yaml")
    return {
        "-o the map": ["journey.yaml", "-f", "md", "-o", "journey.yaml"],
        "-o another spelling": ["journey.yaml", "-f", "html", "-o", "./sub/../journey.yaml"],
        "-o a hard link": ["journey.yaml", "-f", "pdf", "-o", "hard.yaml"],
        "-o a symlink to it": ["journey.yaml", "-f", "html", "-o", "soft.html"],
    }


OVER_THE_MAP = ["-o the map", "-o another spelling", "-o a hard link", "-o a symlink to it"]


@pytest.mark.parametrize("case", OVER_THE_MAP)
def test_render_never_writes_over_the_map_it_reads(tmp_path: Path, case: str) -> None:
    project = _project(tmp_path)
    (project / "sub").mkdir()
    args = _map_output_cases(project)[case]
    result = run_cjm("render", *args, cwd=project)
    assert result.returncode == 2, result.stderr
    assert "is the map journey.yaml" in result.stderr and "nothing was written" in result.stderr
    assert (project / "journey.yaml").read_text(encoding="utf-8") == MINIMAL_MAP


def test_a_map_named_like_its_markdown_is_not_rendered_over_itself(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "journey.yaml").rename(project / "journey.md")
    result = run_cjm("render", "journey.md", "-f", "md,html", cwd=project)
    assert result.returncode == 2 and "is the map journey.md" in result.stderr
    assert (project / "journey.md").read_text(encoding="utf-8") == MINIMAL_MAP
    assert not (project / "journey.html").exists(), "refused before anything is written"


# --- time and size -------------------------------------------------------------------------------

ENDLESS = "{% for a in range(100000) %}{% for b in range(100000) %}{{ b }}{% endfor %}{% endfor %}"


@pytest.mark.parametrize(
    ("how", "files", "flags"),
    [
        ("flag", {}, ["--timeout", "1.5"]),
        ("cjm.yaml", {"cjm.yaml": "render:\n  timeout: 1.5\n"}, []),
    ],
)
def test_an_endless_template_stops_at_the_time_budget(tmp_path: Path, how: str, files, flags) -> None:
    project = _project(tmp_path, {**files, "mine/journey.md.j2": ENDLESS})
    result = run_cjm("render", "-f", "md", "--templates", "mine", *flags, cwd=project, timeout=60)
    _refused(result, project, "the render took longer than 1.5 s and was stopped", "--timeout")
    assert not (project / "journey.md").exists()
    assert [path.name for path in project.iterdir() if path.name.startswith(".")] == [], "no temporary file"


@needs_poppler
def test_a_pdf_past_the_time_budget_is_stopped_and_not_written(tmp_path: Path) -> None:
    project = _project(tmp_path)
    (project / "journey.yaml").write_text(journey_map(8, 4, 400), encoding="utf-8")
    result = run_cjm("render", "-f", "pdf", "--timeout", "0.2", cwd=project, timeout=60)
    _refused(result, project, "the render took longer than 0.2 s")
    assert not (project / "journey.pdf").exists()


@pytest.mark.parametrize("value", ["0", "-3", "nan", "100000"])
def test_a_timeout_that_is_no_budget_is_refused(tmp_path: Path, value: str) -> None:
    project = _project(tmp_path)
    result = run_cjm("render", "-f", "md", "--timeout", value, cwd=project)
    assert result.returncode == 2 and "--timeout: give a number of seconds" in result.stderr


def test_a_bad_timeout_in_cjm_yaml_is_refused_at_its_place(tmp_path: Path) -> None:
    project = _project(tmp_path, {"cjm.yaml": "render:\n  timeout: -1\n"})
    result = run_cjm("render", "-f", "md", cwd=project)
    assert result.returncode == 2 and result.stderr.startswith("cjm.yaml:2:12: 'timeout' must be")


HUGE = {
    "repetition": ("{{ 'x' * 10**11 }}", "may not build a value"),
    "repetition, reversed": ("{{ 10**11 * ['x'] }}", "may not build a value"),
    "power": ("{{ 9 ** 99999999 }}", "may not compute a number that large"),
    "indent": ("{{ 'a\nb' | indent(10**9) }}", "more than a page can show"),
    "center": ("{{ 'a' | center(10**10) }}", "more than a page can show"),
}


@pytest.mark.parametrize("name", HUGE)
def test_a_template_asking_for_a_huge_value_is_a_template_error(tmp_path: Path, name: str) -> None:
    template, words = HUGE[name]
    project = _project(tmp_path, {"mine/journey.md.j2": template})
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project, timeout=60)
    _refused(result, project, "template error", words)
    assert not (project / "journey.md").exists()


def test_a_file_past_the_size_cap_is_not_written(tmp_path: Path) -> None:
    big = "{% for i in range(90000) %}{{ 'x' * 3000 }}{% endfor %}"  # 270 MB, in chunks
    project = _project(tmp_path, {"mine/journey.md.j2": big})
    result = run_cjm("render", "-f", "md", "--templates", "mine", cwd=project, timeout=120)
    _refused(result, project, "the Markdown file would be larger than 256 MB", "was not written")
    assert not (project / "journey.md").exists()
    assert [path.name for path in project.iterdir() if path.name.startswith(".")] == []


# --- combining marks -----------------------------------------------------------------------------

MARKS = "\u0301\u0302\u0303\u0308"


@needs_poppler
def test_the_pdf_gets_at_most_30_combining_marks_in_a_row(tmp_path: Path) -> None:
    stacked = "a" + MARKS * 5000  # 20,000 marks on one letter: quadratic in text layout
    text = MINIMAL_MAP.replace("title: Minimal", f'title: "Stack {stacked} end"')
    project = _project(tmp_path)
    (project / "journey.yaml").write_text(text, encoding="utf-8")
    result = run_cjm("render", "-f", "pdf,html", cwd=project, timeout=120)
    assert result.returncode == 0, result.stderr
    pdf_text = subprocess.run(
        ["pdftotext", project / "journey.pdf", "-"], capture_output=True, text=True, check=True
    ).stdout
    runs = [len(run) for run in re.findall(f"[{MARKS}]+", pdf_text)]
    assert runs and max(runs) <= 30 and "end" in pdf_text
    assert stacked in (project / "journey.html").read_text(encoding="utf-8"), "the HTML keeps the text"


# --- what render prints ---------------------------------------------------------------------------


def test_printed_paths_show_control_characters_as_escapes(tmp_path: Path) -> None:
    project = _project(tmp_path)
    name = "evil\x1b[31m\u202e.yaml"
    (project / "journey.yaml").rename(project / name)
    result = run_cjm("render", name, "-f", "md", cwd=project)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "evil\\x1b[31m\\u202e.md\n"
    assert "\x1b" not in result.stdout + result.stderr
