"""The site never replaces an input, never writes through a link, and takes templates as hostile."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, run_cjm, write_tree


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(path.relative_to(folder)): path.read_bytes() for path in folder.rglob("*") if path.is_file()}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return write_tree(
        tmp_path / "project",
        {
            "cjm.yaml": "maps: [journey.yaml, maps/second.yaml]\n",
            "journey.yaml": MINIMAL_MAP,
            "maps/second.yaml": MINIMAL_MAP.replace("title: Minimal", "title: Second"),
            "templates/site/.keep": "",
        },
    )


@pytest.mark.parametrize(
    ("output", "message"),
    [
        (".", "is the project folder or above it"),
        ("..", "is the project folder or above it"),
        ("journey.yaml", "is a file"),
        ("maps", "holds maps/second.yaml, an input of the build"),
        ("templates", "overlaps the templates folder"),
        ("templates/site/out", "overlaps the templates folder"),
    ],
)
def test_the_site_folder_cannot_replace_or_hold_an_input(project: Path, output: str, message: str) -> None:
    before = files_of(project.parent)
    result = run_cjm("build", "-o", output, "--templates", "templates", cwd=project)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert files_of(project.parent) == before


def test_the_default_site_is_build_site_in_the_project_wherever_it_runs(project: Path) -> None:
    result = run_cjm("build", "project", cwd=project.parent)
    assert result.returncode == 0, result.stderr
    assert "project/build/site/index.html" in result.stdout.splitlines()
    assert (project / "build" / "site" / "maps" / "maps-second.html").is_file()


def test_a_page_is_never_written_through_a_link(project: Path) -> None:
    site = project / "build" / "site"
    assert run_cjm("build", cwd=project).returncode == 0  # a site cjm built, then a link planted
    (site / "index.html").unlink()
    os.symlink(project / "journey.yaml", site / "index.html")
    before = (project / "journey.yaml").read_bytes()
    result = run_cjm("build", cwd=project)
    assert result.returncode == 2 and "is a link" in result.stderr, result.stderr
    assert (project / "journey.yaml").read_bytes() == before
    os.unlink(site / "index.html")
    shutil.rmtree(site / "maps")
    os.symlink(project, site / "maps")
    result = run_cjm("build", cwd=project)
    assert result.returncode == 2 and "maps: is a link" in result.stderr, result.stderr
    assert not (project / "journey.html").exists() and (project / "journey.yaml").read_bytes() == before


def test_a_map_outside_the_project_is_not_read(tmp_path: Path) -> None:
    write_tree(tmp_path, {"secret.yaml": MINIMAL_MAP.replace("Minimal", "SECRET-TITLE")})
    project = write_tree(tmp_path / "project", {"cjm.yaml": "maps: [../secret.yaml]\n"})
    result = run_cjm("build", cwd=project)
    assert result.returncode == 2 and "is outside the project folder" in result.stderr
    assert "SECRET-TITLE" not in "".join(
        path.read_text(encoding="utf-8") for path in (project / "build" / "site").glob("*.html")
    )
    backlog = run_cjm("backlog", cwd=project)
    assert backlog.returncode == 2 and "is outside the project folder" in backlog.stderr
    assert "SECRET-TITLE" not in backlog.stdout + backlog.stderr


def test_templates_from_cjm_yaml_must_stay_inside_the_project(tmp_path: Path) -> None:
    write_tree(tmp_path, {"elsewhere/site/index.html.j2": "stolen"})
    project = write_tree(
        tmp_path / "project",
        {"journey.yaml": MINIMAL_MAP, "cjm.yaml": "render:\n  templates: ../elsewhere\n"},
    )
    result = run_cjm("build", cwd=project)
    assert result.returncode == 2
    assert "cjm.yaml:2:3: render.templates: '../elsewhere' is outside the project folder" in result.stderr


def test_a_site_template_overrides_the_built_in_one_and_a_change_rebuilds(project: Path) -> None:
    index = project / "templates" / "site" / "index.html.j2"
    index.write_text(
        '{% extends "site/base.html.j2" %}{% block title %}Our own{% endblock %}'
        "{% block content %}<p>{{ page.totals.journeys }} journeys</p>{% endblock %}\n",
        encoding="utf-8",
    )
    result = run_cjm("build", "--templates", "templates", cwd=project)
    assert result.returncode == 0, result.stderr
    page = (project / "build" / "site" / "index.html").read_text(encoding="utf-8")
    assert "<title>Our own · Journey portfolio</title>" in page and "<p>2 journeys</p>" in page
    index.write_text(index.read_text(encoding="utf-8").replace("Our own", "Ours"), encoding="utf-8")
    again = run_cjm("build", "--templates", "templates", cwd=project)
    assert "build/site/maps/journey.html" in again.stdout.splitlines()  # templates are part of every key


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "template refused by the sandbox"),
        ("{% include '../../journey.yaml' %}", "template not found"),
        ("{{ 1 / 0 }}", "template error: ZeroDivisionError"),
        ("{% for x in %}", "template error"),
    ],
)
def test_a_hostile_site_template_stops_the_build_with_a_message(
    project: Path, template: str, message: str
) -> None:
    (project / "templates" / "site" / "backlog.html.j2").write_text(template, encoding="utf-8")
    # Two workers: the templates are compiled before they fork, and a bad one is still reported.
    result = run_cjm("build", "--templates", "templates", "--jobs", "2", cwd=project)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("template", "message"),
    [
        ("{% include 'partials/nowhere.html.j2' %}", "template not found"),
        ("{% include 'partials/header.html.j2' %}{{ 1 / 0 }}", "template error: ZeroDivisionError"),
        ("{% for x in %}", "template error"),
    ],
)
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_bad_map_template_stops_the_build_with_a_message(
    project: Path, template: str, message: str, jobs: str
) -> None:
    (project / "templates" / "journey.html.j2").write_text(template, encoding="utf-8")
    result = run_cjm("build", "--templates", "templates", "--jobs", jobs, cwd=project)
    assert result.returncode == 2 and message in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


def test_no_map_no_project_and_bad_flags_are_usage_errors(tmp_path: Path) -> None:
    assert "no such file or folder" in run_cjm("build", "missing", cwd=tmp_path).stderr
    empty = run_cjm("build", cwd=tmp_path)
    assert empty.returncode == 2 and "no journey.yaml here" in empty.stderr
    write_tree(tmp_path, {"journey.yaml": MINIMAL_MAP})
    bad = run_cjm("build", "--format", "docx", cwd=tmp_path)
    assert bad.returncode == 2 and "unknown format 'docx'" in bad.stderr
    assert run_cjm("build", "--jobs", "-1", cwd=tmp_path).returncode == 2


def test_render_site_in_cjm_yaml_names_the_site_folder_inside_the_project(project: Path) -> None:
    (project / "cjm.yaml").write_text(
        "maps: [journey.yaml]\nrender:\n  site: public/portfolio\n", encoding="utf-8"
    )
    result = run_cjm("build", cwd=project)
    assert result.returncode == 0, result.stderr
    assert (project / "public" / "portfolio" / "index.html").is_file()
    (project / "cjm.yaml").write_text(
        "maps: [journey.yaml]\nrender:\n  site: ../../outside\n", encoding="utf-8"
    )
    result = run_cjm("build", cwd=project)
    assert result.returncode == 2
    assert "cjm.yaml:3:3: render.site: '../../outside' is outside the project folder" in result.stderr


def test_a_missing_map_and_a_map_that_does_not_load_are_listed_and_the_rest_is_built(tmp_path: Path) -> None:
    bad_ignore = MINIMAL_MAP.replace("title: Minimal", "title: Ignores a typo\nignore: [CJM999]")
    project = write_tree(
        tmp_path,
        {
            "cjm.yaml": "maps: [missing.yaml, typo.yaml, journey.yaml]\n",
            "typo.yaml": bad_ignore,
            "journey.yaml": MINIMAL_MAP,
        },
    )
    result = run_cjm("build", cwd=project)
    assert result.returncode == 2
    assert "missing.yaml: no such file" in result.stderr
    check = run_cjm("check", "typo.yaml", cwd=project).stderr.splitlines()
    assert check and check[0].startswith("typo.yaml:3:") and check[0] in result.stderr.splitlines()
    site = project / "build" / "site"
    assert sorted(path.name for path in (site / "maps").iterdir()) == ["journey.html"]
    index = (site / "index.html").read_text(encoding="utf-8")
    assert "missing.yaml: no such file" in index and "unknown rule code &#39;CJM999&#39;" in index


def test_the_default_site_never_follows_a_link_out_of_the_project(tmp_path: Path) -> None:
    outside = write_tree(tmp_path / "precious", {"site/index.html": "PRECIOUS", "notes/site/a": "x"})
    project = write_tree(tmp_path / "project", {"journey.yaml": MINIMAL_MAP})
    before = files_of(outside)
    for link, target in (("build", outside), ("build", outside / "notes")):
        (project / link).symlink_to(target, target_is_directory=True)
        result = run_cjm("build", cwd=project)
        assert result.returncode == 2
        assert "build/site: leads outside the project folder (through a symlink)" in result.stderr
        (project / link).unlink()
    assert files_of(outside) == before


def test_a_folder_of_files_cjm_did_not_write_is_never_built_over(tmp_path: Path) -> None:
    project = write_tree(
        tmp_path / "project",
        {"journey.yaml": MINIMAL_MAP, "docs/index.html": "my page", "docs/data.csv": "my notes"},
    )
    result = run_cjm("build", "-o", "docs", cwd=project)
    assert result.returncode == 2
    assert "docs: holds files cjm build did not write (data.csv, index.html)" in result.stderr
    assert files_of(project / "docs") == {"index.html": b"my page", "data.csv": b"my notes"}
    (project / "site").mkdir()  # an empty folder, or one cjm built before, is the site's
    assert run_cjm("build", "-o", "site", cwd=project).returncode == 0
    assert run_cjm("build", "-o", "site", cwd=project).returncode == 0


def test_no_site_folder_takes_the_name_of_the_settings_file(tmp_path: Path) -> None:
    project = write_tree(tmp_path / "project", {"journey.yaml": MINIMAL_MAP})
    result = run_cjm("build", "-o", "cjm.yaml", cwd=project)
    assert result.returncode == 2 and not (project / "cjm.yaml").exists()
    assert run_cjm("check", cwd=project).returncode == 0
