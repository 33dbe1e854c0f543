"""Helpers of the hardening tests: run `cjm` and measure what it cost, build large maps."""

from __future__ import annotations

import os
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import cjm_command

HEAD = """\
cjm: 1
title: {title}
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
    goal: Be found
    content: [ads]
    kpis:
      - name: Reach
        target: 1000
    pain_points: []
    touchpoints:
"""
TOUCHPOINT = "      - action: {action}\n        channel: web\n        emotion: 1\n"


@dataclass
class Measured:
    returncode: int
    stdout: str
    stderr: str
    peak_bytes: int  # the child's maximum resident set size
    seconds: float


def run_measured(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    timeout: float = 110,
    preexec: Callable[[], None] | None = None,
) -> Measured:
    """Run `cjm ARGS`; its exit code, output, peak memory (os.wait4) and wall time."""
    environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            [*cjm_command(), *map(str, args)],
            cwd=cwd,
            env=environment,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            preexec_fn=preexec,
        )
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            if time.monotonic() - started > timeout:
                process.kill()
                _, status, usage = os.wait4(process.pid, 0)
                raise AssertionError(f"cjm {' '.join(map(str, args))} ran longer than {timeout} s")
            time.sleep(0.02)
        process.returncode = os.waitstatus_to_exitcode(status)
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Measured(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            usage.ru_maxrss * 1024,  # kilobytes on Linux
            seconds,
        )


def write_big_map(path: Path, touchpoints: int = 1, title: str = "Big", action: str = "Step {}") -> Path:
    """A valid, fully covered map with one stage of `touchpoints` touchpoints."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write(HEAD.format(title=title))
        for number in range(touchpoints):
            stream.write(TOUCHPOINT.format(action=action.format(number)))
    return path


def ignore_sigxfsz() -> None:
    """In the child: a write past RLIMIT_FSIZE fails with EFBIG instead of killing the process."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
