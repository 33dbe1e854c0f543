"""docs/ci.md: every file it shows works when copied, and says what `cjm init` really writes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from cjm.scaffold.project_files import pre_commit_hook, workflow_yaml
from tests.conftest import ROOT
from tests.scaffold.test_project_files import actionlint, needs_actionlint

BLOCK = re.compile(r"```yaml\n# (\S+)\n(.*?)```", re.DOTALL)


def files_shown() -> list[tuple[str, str]]:
    """(the file a block is, its text) for every block of docs/ci.md that starts with its name."""
    text = (ROOT / "docs/ci.md").read_text(encoding="utf-8")
    return [(name, body) for name, body in BLOCK.findall(text)]


def shown(name: str) -> list[str]:
    return [body for found, body in files_shown() if found == name]


def test_the_page_shows_every_kind_of_file() -> None:
    names = [name for name, _ in files_shown()]
    assert sorted(set(names)) == [
        ".github/workflows/cjm-code-scanning.yml",
        ".github/workflows/cjm.yml",
        ".gitlab-ci.yml",
        ".pre-commit-config.yaml",
    ]


@needs_actionlint
def test_the_workflows_pass_actionlint(tmp_path: Path) -> None:
    paths = []
    for name, body in files_shown():
        if name.startswith(".github/workflows/"):
            paths.append(tmp_path / Path(name).name)
            paths[-1].write_text(body, encoding="utf-8")
    linted = actionlint(*paths)
    assert linted.returncode == 0 and len(paths) == 2, linted.stdout


def test_the_workflow_shown_is_the_one_init_writes() -> None:
    [body] = shown(".github/workflows/cjm.yml")
    page, written = yaml.safe_load(body), yaml.safe_load(workflow_yaml("", "0.1.0"))
    assert (
        page[True] == written[True] and page["permissions"] == written["permissions"]
    )  # `on:` reads as True
    page_steps, written_steps = page["jobs"]["check"]["steps"], written["jobs"]["check"]["steps"]
    assert [step.get("name") for step in page_steps] == [step.get("name") for step in written_steps]
    assert [step.get("uses") for step in page_steps] == [step.get("uses") for step in written_steps]
    assert page_steps[-2:] == written_steps[-2:]  # the diff summary and the check, as they are


def test_the_sarif_upload_can_upload() -> None:
    [body] = shown(".github/workflows/cjm-code-scanning.yml")
    job = yaml.safe_load(body)["jobs"]["sarif"]
    assert job["permissions"]["security-events"] == "write"
    check, upload = job["steps"][-2:]
    output = check["run"].split("--output ")[1].split()[0]
    assert upload["with"]["sarif_file"] == output and upload["if"] == "always()"


def test_the_gitlab_job_reports_the_junit_it_writes() -> None:
    [body] = shown(".gitlab-ci.yml")
    job = yaml.safe_load(body)["cjm"]
    written = re.search(r"--format junit --output (\S+)", " ".join(job["script"]))
    assert written is not None and job["artifacts"]["reports"]["junit"] == written[1]
    assert job["artifacts"]["when"] == "always" and job["script"][-1].startswith("cjm check")


@pytest.mark.parametrize("number", [0, 1])
def test_the_pre_commit_configs_are_valid(tmp_path: Path, number: int) -> None:
    config = tmp_path / ".pre-commit-config.yaml"
    config.write_text(shown(".pre-commit-config.yaml")[number], encoding="utf-8")
    command = [sys.executable, "-m", "pre_commit", "validate-config", str(config)]
    checked = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_the_local_hook_shown_is_the_one_init_writes() -> None:
    local = yaml.safe_load(shown(".pre-commit-config.yaml")[0])
    assert local["repos"] == [{"repo": "local", "hooks": [pre_commit_hook("")]}]
