"""Writing files: atomically, so that a reader only ever sees the old complete file or the new one."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from cjm.errors import UserError


def write_atomic(path: Path | str, data: str | bytes | Iterable[bytes]) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    An interrupted write (Ctrl-C, kill -9, a full disk) leaves the old file intact and
    at most a hidden temporary file, which is removed when Python gets the chance.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise UserError(f"{path}: is a folder; give a file name to write to")
    if path.is_symlink():  # a map or page linked from elsewhere: update the file, keep the link
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():  # /dev/null, /dev/stdout, a pipe: cannot be renamed over
        _write_in_place(path, payload)
        return
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise UserError(f"{path}: the folder {folder} does not exist") from None
    except OSError as error:
        raise UserError(f"{path}: cannot write here: {error.strerror}") from None
    try:
        with os.fdopen(descriptor, "wb") as stream:
            if isinstance(payload, bytes | bytearray):
                stream.write(payload)
            else:  # chunks, written as they come: a big page is never whole in memory
                for chunk in payload:
                    stream.write(chunk)
            stream.flush()
            os.fsync(stream.fileno())
        _keep_mode(path, temporary)
        os.replace(temporary, path)
    except BaseException as error:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(error, OSError):
            raise UserError(f"{path}: cannot write: {error.strerror or error}") from None
        raise


def _write_in_place(path: Path, payload: bytes | bytearray | Iterable[bytes]) -> None:
    try:
        with path.open("wb") as stream:
            for chunk in [payload] if isinstance(payload, bytes | bytearray) else payload:
                stream.write(chunk)
    except OSError as error:
        raise UserError(f"{path}: cannot write: {error.strerror or error}") from None


def _keep_mode(path: Path, temporary: str) -> None:
    """Give the new file the old file's permissions, or the usual ones for a new file."""
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    os.chmod(temporary, mode)


def make_folder(folder: Path) -> None:
    """Create a folder for output, and its parents; a file in the way is a user error."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:  # a file where a folder should be, a read-only file system, ...
        raise UserError(f"{folder}: cannot create the output folder: {error.strerror}") from None
