"""Paths in a cjm.yaml stay inside the folder of that cjm.yaml: `render.output`, `render.templates`,
`theme.logo` and `maps`. An absolute path or a `..` that leaves the folder is refused when the file
is read, at its line and column, by every command; nothing is written anywhere.

A cjm.yaml in a parent folder of the map is used (as ruff and yamllint find theirs), within the
same limits. Where a symlink inside the project leads out, `Project.settings_path_inside` (the
helper the render uses) refuses it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cjm.errors import LoadError
from cjm.load.project import open_project
from cjm.load.settings import path_problem
from tests.conftest import MINIMAL_MAP, run_cjm

ESCAPES = [
    "/tmp/cjm-escape",
    "//server/share",
    "..",
    "../build",
    "../../../../etc",
    "a/../../build",
    "./../build",
    "build/../../x",
    "C:\\\\Windows",  # a drive, as cjm.yaml would be read on Windows (the YAML escapes the backslash)
    "a\\0b",  # NUL, which no file name can hold
]
INSIDE = ["build", "./build", "a/../build", "out/html/", "build/..", ".cjm/out", "...", "..build"]
SETTINGS = {
    "render.output": 'render:\n  output: "{value}"\n',
    "render.templates": 'render:\n  templates: "{value}"\n',
    "theme.logo": 'theme:\n  logo: "{value}"\n',
    "maps": 'maps:\n  - journey.yaml\n  - "{value}"\n',
}
POSITIONS = {"render.output": (2, 3), "render.templates": (2, 3), "theme.logo": (2, 3), "maps": (3, 5)}


def _project(root: Path, setting: str, value: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (root / "cjm.yaml").write_text(SETTINGS[setting].format(value=value), encoding="utf-8")
    return root


@pytest.mark.parametrize(("setting", "value"), list(zip(SETTINGS, ESCAPES[1:5], strict=False)))
def test_a_path_out_of_the_project_is_refused_by_each_command(
    tmp_path: Path, setting: str, value: str
) -> None:
    root = _project(tmp_path / "project", setting, value)
    line, column = POSITIONS[setting]
    for command in (("check",), ("render", "-f", "md")):
        result = run_cjm(*command, cwd=root)
        assert result.returncode == 2, (command, result.stdout, result.stderr)
        assert result.stderr.startswith(f"cjm.yaml:{line}:{column}: {setting}: "), result.stderr
        assert "outside the project folder" in result.stderr or "U+0000" in result.stderr
    assert sorted(path.name for path in tmp_path.rglob("*")) == ["cjm.yaml", "journey.yaml", "project"]


@pytest.mark.parametrize("value", ESCAPES)
def test_every_escape_is_refused_when_the_settings_load(tmp_path: Path, value: str) -> None:
    for setting in SETTINGS:
        root = _project(tmp_path / setting, setting, value)
        with pytest.raises(LoadError) as raised:
            open_project(root)
        [problem] = raised.value.problems
        assert (problem.position.line, problem.position.column) == POSITIONS[setting]
        assert problem.code == "settings" and problem.message.startswith(f"{setting}: ")


@pytest.mark.parametrize("value", INSIDE)
def test_paths_inside_the_project_are_taken(tmp_path: Path, value: str) -> None:
    root = _project(tmp_path, "render.output", value)
    assert open_project(root).settings.render.output == value


def test_a_cjm_yaml_in_a_parent_folder_is_used_within_the_same_limits(tmp_path: Path) -> None:
    (tmp_path / "team" / "maps").mkdir(parents=True)
    (tmp_path / "team" / "maps" / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "team" / "cjm.yaml").write_text("render:\n  output: build\n", encoding="utf-8")
    result = run_cjm("render", "-f", "md", "team/maps/journey.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "team" / "build" / "journey.md").is_file()  # relative to the cjm.yaml's folder
    (tmp_path / "team" / "cjm.yaml").write_text("render:\n  output: ../../build\n", encoding="utf-8")
    result = run_cjm("render", "-f", "md", "team/maps/journey.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("team/cjm.yaml:2:3: render.output: '../../build' is outside")
    assert not (tmp_path.parent / "build").exists()


def test_settings_path_inside_follows_symlinks_out_of_the_project(tmp_path: Path) -> None:
    """The helper the render uses where it writes and reads: the path as the file system sees it."""
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    root = _project(tmp_path / "project", "render.output", "out")
    (root / "out").symlink_to(outside)
    project = open_project(root)
    with pytest.raises(LoadError) as raised:
        project.settings_path_inside("render", "output")
    [problem] = raised.value.problems
    assert str(problem) == (
        f"{project.settings._display}:2:3: render.output: 'out' leads outside the project folder "
        "(through a symlink)"
    )
    (root / "out").unlink()
    (root / "out").mkdir()
    assert open_project(root).settings_path_inside("render", "output") == (root / "out").resolve()
    assert open_project(root).settings_path_inside("render", "templates") is None


# Relative paths built from names, '.' and '..': refused exactly when they leave the folder.
_PARTS = st.lists(st.sampled_from(["a", "b", ".", "..", "c.d", "...", "..x"]), min_size=1, max_size=8)


def _leaves(parts: list[str]) -> bool:
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else 0 if part == "." else 1
        if depth < 0:
            return True
    return False


@settings(max_examples=400, deadline=None)
@given(_PARTS)
def test_exactly_the_relative_paths_that_leave_the_folder_are_refused(parts: list[str]) -> None:
    assert (path_problem("/".join(parts)) is not None) == _leaves(parts)
