"""`cjm check -o FILE` never writes its report over a file it reads: one of its maps or the cjm.yaml
of their project, however the name is spelt (another relative spelling, an absolute path, a
symlink, a hard link). It exits 2 before writing anything, and the file stays byte for byte.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, run_cjm

SETTINGS = "check:\n  strict: false\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "maps" / "broken.yaml").write_text("cjm: 1\ntitle: [\n", encoding="utf-8")
    (tmp_path / "cjm.yaml").write_text(SETTINGS, encoding="utf-8")
    os.symlink("maps/journey.yaml", tmp_path / "link.yaml")
    os.link(tmp_path / "maps" / "journey.yaml", tmp_path / "hard.yaml")
    return tmp_path


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()
    }


@pytest.mark.parametrize(
    ("targets", "output"),
    [
        (["maps/journey.yaml"], "maps/journey.yaml"),
        (["maps/journey.yaml"], "./maps/../maps/journey.yaml"),
        (["maps/journey.yaml"], "{root}/maps/journey.yaml"),
        (["maps/journey.yaml"], "link.yaml"),
        (["maps/journey.yaml"], "hard.yaml"),
        (["link.yaml"], "maps/journey.yaml"),
        (["maps/journey.yaml"], "cjm.yaml"),  # the settings of the map, found in a parent folder
        (["maps/broken.yaml"], "maps/broken.yaml"),  # a map that does not load is still an input
        (["maps"], "maps/journey.yaml"),  # a folder's maps
        (["maps/journey.yaml", "maps/broken.yaml"], "maps/broken.yaml"),
    ],
)
def test_a_report_over_an_input_is_refused(project: Path, targets: list[str], output: str) -> None:
    before = _files(project)
    fmt = "junit" if output.endswith("broken.yaml") else "json"
    result = run_cjm("check", *targets, "-f", fmt, "-o", output.format(root=project), cwd=project)
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert "the check reads this file" in result.stderr and "nothing was written" in result.stderr
    assert _files(project) == before
    assert not [path for path in project.rglob("*.tmp")]


def test_a_report_next_to_the_maps_is_written(project: Path) -> None:
    result = run_cjm("check", "maps/journey.yaml", "-f", "json", "-o", "maps/report.json", cwd=project)
    assert result.returncode in (0, 1), result.stderr
    assert (project / "maps" / "report.json").read_text().startswith("{")
    # a map of the folder that this run did not read is not an input
    result = run_cjm("check", "maps/journey.yaml", "-f", "json", "-o", "maps/broken.yaml", cwd=project)
    assert result.returncode in (0, 1), result.stderr
