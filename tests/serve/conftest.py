"""A served project per test: the real command on a free port, stopped with Ctrl-C afterwards."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, SAMPLES
from tests.serve.served import Served


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "project"
    folder.mkdir()
    (folder / "journey.yaml").write_text((SAMPLES / "tienda-online.yaml").read_text("utf-8"), "utf-8")
    return folder


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    folder = tmp_path / "minimal"
    folder.mkdir()
    (folder / "journey.yaml").write_text(MINIMAL_MAP, "utf-8")
    return folder


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    """`serve(ARGS..., cwd=FOLDER)` starts `cjm serve`; every server started is stopped at the end."""
    started: list[Served] = []

    def start(*args: str | Path, cwd: Path, env: dict[str, str] | None = None) -> Served:
        served = Served(*args, cwd=cwd, env=env)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()
