"""Helpers of the hardening tests: run `cjm` and measure what it cost, build large maps."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
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


# The child's peak memory is measured by a small Python process between the test and `cjm`:
# Linux carries the exec'ing process's peak (`ru_maxrss`) into the program it execs, so a
# `cjm` started straight from a test worker that grew to 300 MB would report 300 MB itself.
PEAK_WRAPPER = """\
import os, signal, sys
pid = os.fork()
if pid == 0:
    os.execvp(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
with open(os.environ["CJM_TEST_PEAK_FILE"], "w") as peak:
    peak.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
if code < 0:  # killed by a signal: die of the same one, so the test sees what cjm did
    signal.signal(-code, signal.SIG_DFL)
    os.kill(os.getpid(), -code)
sys.exit(code)
"""


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
    with tempfile.TemporaryDirectory() as scratch:
        peak_file = Path(scratch) / "peak"
        environment = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "CJM_TEST_PEAK_FILE": str(peak_file)}
        command = [sys.executable, "-c", PEAK_WRAPPER, *cjm_command(), *map(str, args)]
        measured = _run(command, cwd, environment, timeout, preexec)
        peak = int(peak_file.read_text()) if peak_file.exists() else 0
        return Measured(measured.returncode, measured.stdout, measured.stderr, peak * 1024, measured.seconds)


def _run(
    command: list[str],
    cwd: Path | None,
    environment: dict[str, str],
    timeout: float,
    preexec: Callable[[], None] | None,
) -> Measured:
    """Run the wrapper and its `cjm` as one process group (a timeout kills both)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        process = subprocess.Popen(
            command,
            cwd=cwd,
            env=environment,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            preexec_fn=preexec,
            start_new_session=True,
        )
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
            raise AssertionError(f"{' '.join(command[3:])} ran longer than {timeout} s") from None
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        return Measured(
            process.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            0,
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
