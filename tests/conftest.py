"""Shared helpers: run the real `cjm` command on real files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from collections.abc import Mapping
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"


def cjm_command() -> list[str]:
    """The installed `cjm` entry point of the interpreter running the tests."""
    script = Path(sys.executable).parent / "cjm"
    if script.exists():
        return [str(script)]
    found = shutil.which("cjm")  # pragma: no cover - a venv always has its script
    return [found] if found else [sys.executable, "-m", "cjm"]


LANGUAGE_VARIABLES = ("CJM_LANG", "LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def run_cjm(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    input: str | None = None,
    env: Mapping[str, str] | None = None,
    timeout: float = 120,
) -> subprocess.CompletedProcess[str]:
    """Run `cjm ARGS` as a user would, and return its exit code, stdout and stderr."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    environment.pop("GITHUB_ACTIONS", None)
    for name in LANGUAGE_VARIABLES:  # English unless a test asks: a developer's LANG=es_ES is not
        environment.pop(name, None)
    environment.update(env or {})
    return subprocess.run(
        [*cjm_command(), *map(str, args)],
        cwd=cwd,
        input=input,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def write_tree(root: Path, files: Mapping[str, str | bytes]) -> Path:
    """Create files under root from {relative path: content}; text is dedented."""
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(textwrap.dedent(content), encoding="utf-8")
    return root


@pytest.fixture
def tree(tmp_path: Path):
    """`tree({"journey.yaml": "..."})` writes files into a fresh folder and returns it."""

    def make(files: Mapping[str, str | bytes]) -> Path:
        return write_tree(tmp_path, files)

    return make


def sample_paths() -> list[Path]:
    return sorted(SAMPLES.glob("*.yaml"))


MINIMAL_MAP = """\
cjm: 1
title: Minimal
business: b2c
personas:
  - id: buyer
    name: Buyer
channels:
  - id: web
    name: Website
stages:
  - id: discovery
    name: Discovery
    touchpoints:
      - action: Finds the shop
        channel: web
"""


def without_messages(value: object) -> object:
    """A machine report with every human `message` blanked: what must not change with the language."""
    if isinstance(value, dict):
        return {key: "" if key == "message" else without_messages(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_messages(item) for item in value]
    return value
