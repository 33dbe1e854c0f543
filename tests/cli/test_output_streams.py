"""Whatever stdout and stderr are, every command ends with the exit code the docs promise and never
a traceback: stdout or stderr closed (`>&-`), full (`> /dev/full`), a pipe whose reader went away
(`| head -c 10`), an output encoding that is ASCII only (`PYTHONIOENCODING=ascii`, a C locale
without UTF-8) or Latin-1.

- a closed stream, or a reader that went away: the command's own code (0, 1 or 2), silently;
- output that cannot be written (a full disk): `cjm: cannot write the output ...`, exit 2;
- a narrow encoding: the same code, output in characters the encoding has (JSON and SARIF with
  `\\u` escapes and JUnit with character references, so they stay valid).

Every command is run through the installed `cjm`, the streams set up by a real shell or by a pipe.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.conftest import MINIMAL_MAP, cjm_command
from tests.hardening import HEAD, TOUCHPOINT

POLISH = MINIMAL_MAP.replace("title: Minimal", "title: Zakupy w sklepie – żółć, łódź, 🛒").replace(
    "name: Buyer", "name: Pani Łucja Żółkiewska"
)
FILES = {
    "pass.yaml": POLISH,  # warnings only: exit 0
    "fail.yaml": POLISH + "  - id: empty\n    name: Pusty etap\n",  # CJM101 is an error: exit 1
    "bad.yaml": "cjm: 1\ntitle: [unclosed\n",  # exit 2
}
# name: (arguments, the exit code with ordinary streams); every one of them writes to stdout
COMMANDS: dict[str, tuple[list[str], int]] = {
    "check passes": (["check", "pass.yaml"], 0),
    "check fails": (["check", "fail.yaml"], 1),
    "check bad input": (["check", "bad.yaml"], 2),
    "check json": (["check", "-f", "json", "fail.yaml"], 1),
    "rules": (["rules"], 0),
    "schema": (["schema"], 0),
    "render": (["render", "-f", "md", "-o", "out", "pass.yaml"], 0),
    "init --no-input": (["init", "new", "--no-input"], 0),
    "add": (["add", "channel", "pass.yaml", "--id", "sklep", "--name", "Sklep stacjonarny"], 0),
    "templates copy": (["templates", "copy", "copied"], 0),
    "--version": (["--version"], 0),
    "a wrong flag": (["check", "--format", "nope", "pass.yaml"], 2),
}


def _folder(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def shell(redirections: str, args: list[str], cwd: Path, env: dict[str, str] | None = None, **streams):
    """`cjm ARGS REDIRECTIONS` run by sh, as a user types it."""
    environment = {**os.environ, "NO_COLOR": "1", **(env or {})}
    environment.pop("GITHUB_ACTIONS", None)
    script = f'exec "$@" {redirections}'
    return subprocess.run(
        ["sh", "-c", script, "sh", *cjm_command(), *args], cwd=cwd, env=environment, timeout=120, **streams
    )


def _no_traceback(stderr: bytes | None) -> None:
    assert b"Traceback" not in (stderr or b""), stderr.decode(errors="replace")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_stdout_closed(tmp_path: Path, name: str) -> None:
    args, code = COMMANDS[name]
    result = shell(">&-", args, _folder(tmp_path), stderr=subprocess.PIPE)
    assert result.returncode == code
    _no_traceback(result.stderr)
    if code == 2:
        assert result.stderr.strip(), "bad input without a word"


@pytest.mark.parametrize("name", list(COMMANDS))
def test_stdout_on_a_full_disk(tmp_path: Path, name: str) -> None:
    args, code = COMMANDS[name]
    result = shell("> /dev/full", args, _folder(tmp_path), stderr=subprocess.PIPE)
    _no_traceback(result.stderr)
    assert result.returncode == 2
    if code != 2:
        assert result.stderr.endswith(b"cjm: cannot write the output to stdout: No space left on device\n")


@pytest.mark.parametrize("name", list(COMMANDS))
def test_a_reader_that_went_away_keeps_the_exit_code(tmp_path: Path, name: str) -> None:
    """The pipe's reading end is closed before cjm writes (a `| head` that has had enough);
    stderr is closed at the same time."""
    args, code = COMMANDS[name]
    reading, writing = os.pipe()
    os.close(reading)
    try:
        result = shell("2>&-", args, _folder(tmp_path), stdout=writing)
    finally:
        os.close(writing)
    assert result.returncode == code


@pytest.mark.parametrize("name", ["check fails", "check bad input", "a wrong flag", "render"])
def test_stderr_on_a_full_disk(tmp_path: Path, name: str) -> None:
    args, code = COMMANDS[name]
    result = shell("2> /dev/full", args, _folder(tmp_path), stdout=subprocess.PIPE)
    assert result.returncode == code


@pytest.mark.parametrize(
    ("args", "code"), [(["check", "fail.yaml"], 1), (["init", "new"], 2), (["add", "stage", "pass.yaml"], 2)]
)
def test_stdin_closed(tmp_path: Path, args: list[str], code: int) -> None:
    """Commands that would ask (init, add without flags) say there is no terminal, as with </dev/null."""
    result = shell("<&-", args, _folder(tmp_path), capture_output=True)
    _no_traceback(result.stderr)
    assert result.returncode == code
    if code == 2:
        assert b"terminal" in result.stderr, result.stderr


def _big_map(touchpoints: int) -> str:
    """Warnings only (CJM108: no emotion), so the check passes; the text report is long."""
    text = HEAD.format(title="Big") + TOUCHPOINT.replace("        emotion: 1\n", "") * touchpoints
    return text.replace("{action}", "Looks around")


@pytest.mark.parametrize(("extra", "code"), [("", 0), ("--strict", 1)])
def test_check_piped_into_head(tmp_path: Path, extra: str, code: int) -> None:
    """README: `cjm check ... | head` is exit 0 when the check passed; a failed check stays 1."""
    (tmp_path / "big.yaml").write_text(_big_map(3000), encoding="utf-8")
    command = " ".join(f"'{part}'" for part in cjm_command())
    script = f"{command} check big.yaml {extra} | head -c 10; exit ${{PIPESTATUS[0]}}"
    env = {**os.environ, "NO_COLOR": "1"}
    result = subprocess.run(["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, timeout=120)
    assert len(result.stdout) == 10
    _no_traceback(result.stderr)
    assert result.returncode == code, result.stderr


def test_a_non_blocking_pipe_that_fills_up_is_waited_for(tmp_path: Path) -> None:
    """Some parents (Node.js among them) hand children a non-blocking pipe: a full pipe is then
    EAGAIN, not a wait. The report still arrives whole, and the exit code is the check's."""
    (tmp_path / "big.yaml").write_text(_big_map(3000), encoding="utf-8")
    reading, writing = os.pipe()
    os.set_blocking(writing, False)
    environment = {**os.environ, "NO_COLOR": "1"}
    process = subprocess.Popen(
        [*cjm_command(), "check", "big.yaml"],
        cwd=tmp_path,
        stdout=writing,
        stderr=subprocess.PIPE,
        env=environment,
    )
    os.close(writing)
    time.sleep(1.0)  # let the pipe fill while nobody reads
    with os.fdopen(reading, "rb") as stream:
        output = stream.read()
    _, stderr = process.communicate(timeout=120)
    _no_traceback(stderr)
    assert process.returncode == 0
    assert len(output) > 1 << 17 and output.rstrip().endswith(b"total coverage 0.2%")
