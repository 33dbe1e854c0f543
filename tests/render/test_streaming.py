"""HTML and Markdown are written as they are rendered: a template that fails halfway must
still leave the previous file whole and no temporary file behind."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import run_cjm, sample_paths

FAILS_HALFWAY = "{% for i in range(20000) %}line {{ i }}\n{% endfor %}{{ 1 // 0 }}\n"


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_template_failing_halfway_keeps_the_old_file(tmp_path: Path, fmt: str) -> None:
    shutil.copyfile(sample_paths()[0], tmp_path / "journey.yaml")
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / f"journey.{fmt}.j2").write_text(FAILS_HALFWAY)
    (tmp_path / f"journey.{fmt}").write_text("the old page\n")
    result = run_cjm("render", "journey.yaml", "--templates", "mine", "-f", fmt, cwd=tmp_path)
    assert result.returncode == 2
    assert "ZeroDivisionError" in result.stderr
    assert (tmp_path / f"journey.{fmt}").read_text() == "the old page\n"
    left = sorted(path.name for path in tmp_path.iterdir())
    assert left == sorted(["journey.yaml", f"journey.{fmt}", "mine"])
