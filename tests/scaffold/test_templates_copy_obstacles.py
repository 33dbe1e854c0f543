"""`cjm templates copy DIR` with a file in the way, anywhere along the copied paths: exit 2,
before anything is written. Every folder the copy needs is tried, and a folder where a
template file should be, and a file where DIR or one of its parents should be.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cjm.build.pages import SITE_TEMPLATES
from cjm.render.environment import builtin_template_files
from tests.conftest import run_cjm

FOLDERS = sorted(
    {str(parent) for name in builtin_template_files() for parent in name.parents if str(parent) != "."}
)
# The map templates, then the site's of cjm build (site/...), which the same folders override.
FILES = [str(name) for name in builtin_template_files()] + [
    str(name) for name in builtin_template_files(SITE_TEMPLATES)
]


def _tree(folder: Path) -> dict[str, bytes | None]:
    return {
        str(path.relative_to(folder)): path.read_bytes() if path.is_file() else None
        for path in sorted(folder.rglob("*"))
    }


def test_the_copy_needs_folders() -> None:
    assert FOLDERS, "the built-in templates have sub-folders; this test must try each of them"


@pytest.mark.parametrize("force", [False, True], ids=["", "force"])
@pytest.mark.parametrize("blocked", FOLDERS)
def test_a_file_where_a_folder_should_be(tmp_path: Path, blocked: str, force: bool) -> None:
    folder = tmp_path / "mine"
    (folder / blocked).parent.mkdir(parents=True, exist_ok=True)
    (folder / blocked).write_text("a file, not a folder")
    before = _tree(tmp_path)
    result = run_cjm("templates", "copy", folder, *(["--force"] if force else []))
    assert result.returncode == 2, result.stdout + result.stderr
    assert f"{folder / blocked} is a file, not a folder" in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("blocked", [FILES[0], FILES[-1]])
def test_a_folder_where_a_template_file_should_be(tmp_path: Path, blocked: str) -> None:
    folder = tmp_path / "mine"
    (folder / blocked).mkdir(parents=True)
    before = _tree(tmp_path)
    result = run_cjm("templates", "copy", folder, "--force")
    assert result.returncode == 2 and "is a folder, not a file" in result.stderr
    assert _tree(tmp_path) == before


@pytest.mark.parametrize("where", ["mine", "parent/mine"])
def test_a_file_where_the_folder_or_its_parent_should_be(tmp_path: Path, where: str) -> None:
    (tmp_path / where.split("/")[0]).write_text("a file")
    before = _tree(tmp_path)
    result = run_cjm("templates", "copy", tmp_path / where)
    assert result.returncode == 2 and "is a file" in result.stderr and "Traceback" not in result.stderr
    assert _tree(tmp_path) == before


def test_a_clear_copy_writes_every_template(tmp_path: Path) -> None:
    result = run_cjm("templates", "copy", tmp_path / "mine")
    assert result.returncode == 0, result.stderr
    assert sorted(
        str(path.relative_to(tmp_path / "mine")) for path in (tmp_path / "mine").rglob("*") if path.is_file()
    ) == sorted(FILES)
