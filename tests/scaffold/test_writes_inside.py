"""`cjm init` and `cjm templates copy` never write through a symlink to outside the target folder.

A link of one of cjm's own files (the map, cjm.yaml, the schema) that leads outside stops the
command before anything is written; a link of another tool's file (.gitignore, the workflow)
that leads outside is kept as it is, and the summary says why. Links inside the folder are
followed, as a user who links files within a project expects.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cjm


def _tree(folder: Path) -> dict[str, bytes | None]:
    """Every path under `folder` (links not followed) with a file's bytes, to compare before and after."""
    return {
        str(path.relative_to(folder)): (
            path.read_bytes() if path.is_file() and not path.is_symlink() else None
        )
        for path in sorted(folder.rglob("*"))
    }


@pytest.fixture
def places(tmp_path: Path) -> tuple[Path, Path]:
    project, outside = tmp_path / "project", tmp_path / "outside"
    project.mkdir()
    outside.mkdir()
    return project, outside


OWN_LINKS = {
    "a dangling journey.yaml": ("journey.yaml", "outside/new-map.yaml"),
    "a journey.yaml linked to a file outside": ("journey.yaml", "outside/map.yaml"),
    "cjm.yaml linked to a file outside": ("cjm.yaml", "outside/settings.yaml"),
    "the .cjm folder linked outside": (".cjm", "outside"),
    "the schema linked outside, dangling": (".cjm/journey.schema.json", "outside/schema.json"),
}


@pytest.mark.parametrize("name", list(OWN_LINKS))
def test_an_own_file_leading_outside_stops_init_before_writing(places, name: str) -> None:
    project, outside = places
    link, target = OWN_LINKS[name]
    (outside / "map.yaml").write_text("someone else's map\n")
    (outside / "settings.yaml").write_text("someone else's settings\n")
    (project / link).parent.mkdir(parents=True, exist_ok=True)
    (project / link).symlink_to(project.parent / target)
    before_project, before_outside = _tree(project), _tree(outside)
    result = run_cjm("init", project, "--no-input", "--force")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "outside" in result.stderr and "through a symlink" in result.stderr
    assert "Traceback" not in result.stderr
    assert _tree(project) == before_project and _tree(outside) == before_outside


def test_another_tools_file_leading_outside_is_kept_as_it_is(places) -> None:
    project, outside = places
    (outside / "global-gitignore").write_text("*.swp\n")
    (project / ".gitignore").symlink_to(outside / "global-gitignore")
    (project / ".github").symlink_to(outside)  # the workflow would land in outside/workflows/
    result = run_cjm("init", project, "--no-input")
    assert result.returncode == 0, result.stderr
    assert (outside / "global-gitignore").read_text() == "*.swp\n"
    assert sorted(path.name for path in outside.iterdir()) == ["global-gitignore"]
    summary = " ".join(result.stdout.split())
    assert "kept" in summary and "outside the folder, where cjm does not write" in summary
    assert (project / "journey.yaml").is_file() and (project / ".gitignore").is_symlink()


def test_links_inside_the_folder_are_followed(places) -> None:
    project, _ = places
    (project / "maps").mkdir()
    (project / "journey.yaml").symlink_to(project / "maps" / "main.yaml")  # dangling, but inside
    (project / "config").mkdir()
    (project / "config" / "gitignore").write_text("*.log\n")
    (project / ".gitignore").symlink_to(Path("config") / "gitignore")
    result = run_cjm("init", project, "--no-input")
    assert result.returncode == 0, result.stderr
    assert (project / "journey.yaml").is_symlink() and (project / "maps" / "main.yaml").is_file()
    assert (project / "config" / "gitignore").read_text().startswith("*.log\n\n# Rendered journey maps")
    assert run_cjm("check", project / "journey.yaml").returncode == 0


def test_a_project_folder_that_is_itself_a_link_is_fine(places) -> None:
    project, outside = places
    (project / "here").symlink_to(outside, target_is_directory=True)
    result = run_cjm("init", project / "here", "--no-input")
    assert result.returncode == 0, result.stderr
    assert (outside / "journey.yaml").is_file()


@pytest.mark.parametrize(
    ("link", "target"),
    [
        ("partials", "outside"),
        ("journey.html.j2", "outside/page.j2"),
        ("partials/stage.html.j2", "outside/s.j2"),
    ],
)
def test_templates_copy_never_writes_through_a_link_outside(places, link: str, target: str) -> None:
    project, outside = places
    folder = project / "templates"
    (folder / link).parent.mkdir(parents=True, exist_ok=True)
    (folder / link).symlink_to(project.parent / target)
    before_project, before_outside = _tree(project), _tree(outside)
    result = run_cjm("templates", "copy", folder, "--force")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "through a symlink" in result.stderr and "Traceback" not in result.stderr
    assert _tree(project) == before_project and _tree(outside) == before_outside
