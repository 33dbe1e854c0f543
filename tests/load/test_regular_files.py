"""Only regular files are read: a named pipe, a device, a socket or a huge sparse file given as a map,
a cjm.yaml or an answers file is refused at once with a message that says what it is.

Today's failures this closes: a FIFO hung every command, `journey.yaml -> /dev/zero` ate memory
past the 32 MB limit. Every command that reads a user's file is run on every kind of file that is
not one; a timeout proves that nothing blocks.
"""

from __future__ import annotations

import os
import socket
import stat
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from cjm.errors import LoadError
from cjm.load.files import MAX_FILE_BYTES, read_regular, read_start, resolved_inside, same_file
from tests.conftest import MINIMAL_MAP, run_cjm

FOLDER = ("is a folder, not a file", lambda path: path.mkdir())
NOT_FILES: dict[str, tuple[str, Callable[[Path], None]]] = {
    "named pipe": ("is a named pipe, not a file", lambda path: os.mkfifo(path)),
    "link to /dev/zero": ("is a device, not a file", lambda path: path.symlink_to("/dev/zero")),
    "link to /dev/urandom": ("is a device, not a file", lambda path: path.symlink_to("/dev/urandom")),
    "link to /dev/null": ("is a device, not a file", lambda path: path.symlink_to("/dev/null")),
    "dangling link": ("is a symlink to a missing file", lambda path: path.symlink_to(path.parent / "gone")),
    "link loop": ("cannot read", lambda path: path.symlink_to(path)),
    "sparse 3 GB file": ("the file is 3072.0 MB; cjm reads", lambda path: _sparse(path, 3 << 30)),
    "one byte too many": ("the file is 32.0 MB; cjm reads", lambda path: _sparse(path, MAX_FILE_BYTES + 1)),
}


MAP_COMMANDS = (
    ("check", "journey.yaml"),
    ("render", "-f", "md", "journey.yaml"),
    ("add", "channel", "journey.yaml", "--id", "shop", "--name", "Shop"),
)


def _sparse(path: Path, size: int) -> None:
    with path.open("wb") as stream:
        stream.truncate(size)


@contextmanager
def _socket_at(path: Path) -> Iterator[None]:
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield
    finally:
        server.close()


def _refused(result, name: str, words: str) -> None:
    assert result.returncode == 2, (result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    assert f"{name}: {words}" in result.stderr, result.stderr


@pytest.mark.parametrize("kind", list(NOT_FILES))
def test_a_map_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    words, make = NOT_FILES[kind]
    make(tmp_path / "journey.yaml")
    _refused(run_cjm(*MAP_COMMANDS[0], cwd=tmp_path, timeout=20), "journey.yaml", words)


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero", "sparse 3 GB file"])
@pytest.mark.parametrize("command", MAP_COMMANDS[1:], ids=["render", "add"])
def test_every_command_that_reads_a_map_refuses_it(tmp_path: Path, kind: str, command: tuple) -> None:
    words, make = NOT_FILES[kind]
    make(tmp_path / "journey.yaml")
    _refused(run_cjm(*command, cwd=tmp_path, timeout=20), "journey.yaml", words)
    assert not (tmp_path / "journey.md").exists()


def test_a_folder_given_to_add_as_its_map_is_refused(tmp_path: Path) -> None:
    """(check and render take a folder as a project, so only `add` is asked to read it as a map.)"""
    FOLDER[1](tmp_path / "journey.yaml")
    _refused(run_cjm(*MAP_COMMANDS[2], cwd=tmp_path), "journey.yaml", FOLDER[0])


def test_a_map_that_is_a_socket_is_refused(tmp_path: Path) -> None:
    with _socket_at(tmp_path / "journey.yaml"):
        result = run_cjm("check", "journey.yaml", cwd=tmp_path, timeout=20)
    _refused(result, "journey.yaml", "is a socket or a device, not a file")


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero", "folder", "dangling link"])
def test_a_cjm_yaml_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    """Found beside the map or in a parent folder, it is read, so it is refused rather than skipped."""
    words, make = FOLDER if kind == "folder" else NOT_FILES[kind]
    (tmp_path / "maps").mkdir()
    (tmp_path / "maps" / "journey.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    make(tmp_path / "cjm.yaml")
    for command in (["check"], ["render", "-f", "md"]):
        result = run_cjm(*command, "maps/journey.yaml", cwd=tmp_path, timeout=20)
        _refused(result, "cjm.yaml", words)


@pytest.mark.parametrize("kind", ["named pipe", "link to /dev/zero", "folder"])
def test_an_answers_file_that_is_not_a_regular_file_is_refused(tmp_path: Path, kind: str) -> None:
    words, make = FOLDER if kind == "folder" else NOT_FILES[kind]
    make(tmp_path / "answers.yaml")
    result = run_cjm("init", "project", "--answers", "answers.yaml", cwd=tmp_path, timeout=20)
    _refused(result, "answers.yaml", words)
    assert not (tmp_path / "project" / "journey.yaml").exists()


def test_a_folder_with_a_pipe_among_its_maps_is_checked_without_blocking(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    os.mkfifo(tmp_path / "b.yaml")
    result = run_cjm("check", "-f", "json", ".", cwd=tmp_path, timeout=20)
    assert result.returncode in (0, 1), result.stderr
    assert '"path": "a.yaml"' in result.stdout


def test_a_symlinked_regular_map_is_still_read(tmp_path: Path) -> None:
    (tmp_path / "shared.yaml").write_text(MINIMAL_MAP, encoding="utf-8")
    (tmp_path / "journey.yaml").symlink_to(tmp_path / "shared.yaml")
    assert run_cjm("check", "journey.yaml", cwd=tmp_path).returncode in (0, 1)


# --- the primitive itself (in process) ---------------------------------------------------------


@pytest.mark.parametrize("limit", [0, 1, 100, 4095, 4096, 65536, 65537, 200_000])
def test_read_regular_reads_at_most_the_limit(tmp_path: Path, limit: int) -> None:
    data = os.urandom(70_000)
    path = tmp_path / "file"
    path.write_bytes(data)
    if len(data) <= limit:
        assert read_regular(path, limit, "file") == data
    else:
        with pytest.raises(LoadError, match="cjm reads files of at most"):
            read_regular(path, limit, "file")


def test_a_file_that_says_it_is_empty_but_never_ends_is_stopped_at_the_limit() -> None:
    """/proc files report size 0 and give their text when read: the limit still holds."""
    status = os.stat("/proc/self/maps")
    assert stat.S_ISREG(status.st_mode) and status.st_size == 0
    with pytest.raises(LoadError, match="is more than"):
        read_regular(Path("/proc/self/maps"), 16, "maps")
    assert read_regular(Path("/proc/self/maps"), 1 << 20, "maps")


def test_read_start_never_blocks_and_reads_only_regular_files(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    (tmp_path / "map.yaml").write_text("cjm: 1\n")
    assert read_start(tmp_path / "pipe", 10) == b""
    assert read_start(Path("/dev/zero"), 10) == b""
    assert read_start(tmp_path / "map.yaml", 3) == b"cjm"


def test_resolved_inside_follows_symlinks(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "project" / "out").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "project" / "real").mkdir()
    project = tmp_path / "project"
    assert resolved_inside(project / "real" / "new" / "deeper", project) is not None
    assert resolved_inside(project / "out", project) is None
    assert resolved_inside(project / "out" / "not-yet", project) is None
    assert resolved_inside(project / ".." / "project" / "real", project) is not None


def test_same_file_sees_through_links_and_spellings(tmp_path: Path) -> None:
    path = tmp_path / "journey.yaml"
    path.write_text(MINIMAL_MAP)
    (tmp_path / "link.yaml").symlink_to(path)
    os.link(path, tmp_path / "hard.yaml")
    for spelling in (tmp_path / "link.yaml", tmp_path / "hard.yaml", tmp_path / "." / "journey.yaml"):
        assert same_file(spelling, [tmp_path / "other.yaml", path]) == path
    assert same_file(tmp_path / "new.json", [path]) is None
