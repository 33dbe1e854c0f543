"""Reading a user's file: a regular file, at most a known size, as UTF-8 text.

Every file cjm reads on a user's behalf (maps, cjm.yaml, answers files, and the render's
logos and templates) comes through `read_regular`: a named pipe would block the command
forever, `/dev/zero` or `/dev/urandom` never end, and a sparse file can claim gigabytes.
So the file is opened without blocking, its type and size are asked of the open file
(not of its name, which could change in between), and at most the limit plus one byte is
ever read.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import N_
from cjm.i18n import gettext as _

MAX_FILE_BYTES = 32 * 1024 * 1024  # a map, a cjm.yaml or an answers file
_CHUNK = 1 << 16

# What a file that is not a regular file is, in a user's words.
_KINDS = (
    (stat.S_ISDIR, N_("is a folder, not a file")),
    (stat.S_ISFIFO, N_("is a named pipe, not a file")),
    (stat.S_ISCHR, N_("is a device, not a file")),
    (stat.S_ISBLK, N_("is a device, not a file")),
    (stat.S_ISSOCK, N_("is a socket, not a file")),
)


def read_regular(path: Path, limit: int, display: str, kind: str = "files") -> bytes:
    """The bytes of a regular file of at most `limit` bytes; else LoadError at `display`.

    `kind` names the files in the size message ("cjm reads maps of at most 32 MB").
    Symlinks are followed: where the file may live is the caller's decision.
    """
    descriptor = _open_without_blocking(path, display)
    try:
        status = os.fstat(descriptor)
        _refuse_irregular(status.st_mode, display)
        if status.st_size > limit:
            raise _refusal(display, _too_big(status.st_size, limit, kind))
        return _read_at_most(descriptor, limit, status.st_size, display, kind)
    finally:
        os.close(descriptor)


def _open_without_blocking(path: Path, display: str) -> int:
    """An open descriptor; O_NONBLOCK so that opening a named pipe returns at once."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        return os.open(path, flags)
    except OSError as error:
        raise _refusal(display, _open_failure(path, error)) from None


def _open_failure(path: Path, error: OSError) -> str:
    if error.errno == errno.ENOENT:
        return _("is a symlink to a missing file") if os.path.islink(path) else _("no such file")
    if error.errno == errno.ENXIO:  # a socket, or a device without a driver
        return _("is a socket or a device, not a file")
    if error.errno == errno.ENOTDIR:
        return _("no such file (a part of the path is a file, not a folder)")
    return _("cannot read: {reason}").format(reason=error.strerror or error)


def _refuse_irregular(mode: int, display: str) -> None:
    if stat.S_ISREG(mode):
        return
    words = next((words for test, words in _KINDS if test(mode)), N_("is not a regular file, not a file"))
    raise _refusal(display, _(words))


def _read_at_most(descriptor: int, limit: int, size: int, display: str, kind: str) -> bytes:
    """Read to the end, never more than limit + 1 bytes: a file may grow, or (in /proc) say 0."""
    chunks: list[bytes] = []
    total = 0
    try:
        while True:
            chunk = os.read(descriptor, min(limit + 1 - total, max(size + 1 - total, _CHUNK)))
            if not chunk:
                return b"".join(chunks)  # one chunk is returned as it is, without a copy
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise _refusal(display, _too_big(None, limit, kind))
    except OSError as error:
        raise _refusal(display, _("cannot read: {reason}").format(reason=error.strerror or error)) from None


def _too_big(size: int | None, limit: int, kind: str) -> str:
    """`size` None: a file that said it was smaller and kept giving bytes (/proc, a growing file)."""
    megabytes = f"{limit / 1048576:g} MB"
    actual = f"{size / 1048576:.1f} MB" if size is not None else _("more than {size}").format(size=megabytes)
    if kind == "maps":
        sentence = _(
            "the file is {size}; cjm reads maps of at most {limit} (split the journey into several maps)"
        )
    else:
        sentence = _("the file is {size}; cjm reads files of at most {limit}")
    return sentence.format(size=actual, limit=megabytes)


def _refusal(display: str, message: str) -> LoadError:
    return LoadError([Problem(Position(display), message)])


def read_start(path: Path, size: int) -> bytes:
    """The first `size` bytes of a regular file, or b'' for anything else or any failure:
    enough to tell whether a file looks like a map, without ever blocking."""
    try:
        descriptor = _open_without_blocking(path, str(path))
    except LoadError:
        return b""
    try:
        return os.read(descriptor, size) if stat.S_ISREG(os.fstat(descriptor).st_mode) else b""
    except OSError:
        return b""
    finally:
        os.close(descriptor)


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text (a byte-order mark allowed), or explain why it cannot be."""
    return decode(read_map_bytes(path, display), display)


def read_map_bytes(path: Path, display: str) -> bytes:
    """Read a file's bytes once they are known to be UTF-8 text (a byte-order mark allowed).

    libyaml reads the bytes as they are: a str of the file would cost up to four times
    their size (and libyaml would encode it back to UTF-8 to read it).
    """
    data = read_regular(path, MAX_FILE_BYTES, display, "maps")
    decode(data, display)  # raises unless UTF-8; the text itself is not needed
    return data


def decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = _("the file is not UTF-8 text (byte {byte}); save it as UTF-8").format(
            byte=f"0x{data[error.start]:02x}"
        )

        raise LoadError([Problem(Position(display, line, column), message)]) from None


# --- where a path lands ----------------------------------------------------------------------


def resolved_inside(path: Path, folder: Path) -> Path | None:
    """`path` with every symlink followed, when it lands inside `folder` (resolved too); else None.

    The path need not exist yet (an output folder to be made): the part that exists is
    resolved, the rest is taken as written, so `out -> /tmp` followed by `out/x` is outside.
    """
    resolved = Path(os.path.realpath(path))
    return resolved if resolved.is_relative_to(os.path.realpath(folder)) else None


def same_file(path: Path, others: list[Path]) -> Path | None:
    """The first of `others` that `path` is (through a symlink, a hard link or another spelling)."""
    try:
        target = os.stat(path)
    except OSError:
        return None  # a file that does not exist is none of the others
    for other in others:
        try:
            found = os.stat(other)
        except OSError:
            continue
        if (found.st_dev, found.st_ino) == (target.st_dev, target.st_ino):
            return other
    return None
