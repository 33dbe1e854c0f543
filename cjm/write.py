"""Writing files: atomically, so that a reader only ever sees the old complete file or the new one.

Two kinds of file are written. Outputs (pages, reports) are simply replaced: `write_atomic`.
A user's own files (a map, `cjm.yaml`, `.gitignore`) are rewritten from what was read, so a
change made by someone else in between must never be lost: read them with `read_snapshot`
or `locked_update`, and write them with `Update.replace` or `replace_if_unchanged`, which
replace the file only if it still holds the bytes that were read.

Other cjm commands wait for each other through an advisory lock (`fcntl.flock`) on the file
itself, not on a lock file beside it: nothing is left behind, nothing needs to be ignored
by git, and a read-only folder needs no lock file. The lock follows the file's inode, and
a rename gives the file a new inode, so a waiting command checks, once it holds the lock,
that the name still leads to the file it locked. Editors take no such lock: for them, the
content is compared again just before the rename.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import stat
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.load.files import MAX_FILE_BYTES

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows: no advisory locks, the content check remains
    fcntl = None  # type: ignore[assignment]

# How long a command waits for another cjm command that is changing the same file.
LOCK_WAIT_SECONDS = 60.0
LOCK_POLL_SECONDS = 0.02
# A user's file bigger than the loader reads is not read for an update either.
MAX_UPDATE_BYTES = MAX_FILE_BYTES


class FileChanged(UserError):
    """The file changed after it was read: replacing it now would lose that change."""


def write_atomic(path: Path | str, data: str | bytes | Iterable[bytes]) -> None:
    """Write `data` to `path` through a temporary file in the same folder, then rename.

    An interrupted write (Ctrl-C, kill -9, a full disk) leaves the old file intact and
    at most a hidden temporary file, which is removed when Python gets the chance.
    """
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise UserError(_("{file}: is a folder; give a file name to write to").format(file=path))
    if path.is_symlink():  # a map or page linked from elsewhere: update the file, keep the link
        path = Path(os.path.realpath(path))
    if path.exists() and not path.is_file():  # /dev/null, /dev/stdout, a pipe: cannot be renamed over
        _write_in_place(path, payload)
        return
    temporary = _temporary_copy(path, payload)
    _commit(path, temporary, lambda: os.replace(temporary, path))


def _temporary_copy(path: Path, payload: bytes | bytearray | Iterable[bytes]) -> str:
    """A hidden temporary file beside `path` holding `payload`, synced, with the mode `path` has."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        descriptor, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise UserError(
            _("{file}: the folder {folder} does not exist").format(file=path, folder=folder)
        ) from None
    except OSError as error:
        raise UserError(
            _("{file}: cannot write here: {reason}").format(file=path, reason=error.strerror)
        ) from None
    try:
        _fill(descriptor, payload)
        _keep_mode(path, temporary)
    except BaseException as error:
        _remove(temporary)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise
    return temporary


def _fill(descriptor: int, payload: bytes | bytearray | Iterable[bytes]) -> None:
    with os.fdopen(descriptor, "wb") as stream:
        if isinstance(payload, bytes | bytearray):
            stream.write(payload)
        else:  # chunks, written as they come: a big page is never whole in memory
            for chunk in payload:
                stream.write(chunk)
        stream.flush()
        os.fsync(stream.fileno())


def _commit(path: Path, temporary: str, rename: Callable[[], None]) -> None:
    """Run `rename` (which puts the temporary file in place); on any failure remove it."""
    try:
        rename()
    except BaseException as error:
        _remove(temporary)
        if isinstance(error, OSError):
            raise _cannot_write(path, error) from None
        raise


def _cannot_write(path: Path, error: OSError) -> UserError:
    return UserError(_("{file}: cannot write: {reason}").format(file=path, reason=error.strerror or error))


def _remove(temporary: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(temporary)


def _write_in_place(path: Path, payload: bytes | bytearray | Iterable[bytes]) -> None:
    try:
        with path.open("wb") as stream:
            for chunk in [payload] if isinstance(payload, bytes | bytearray) else payload:
                stream.write(chunk)
    except OSError as error:
        raise _cannot_write(path, error) from None


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
        message = _("{folder}: cannot create the output folder: {reason}")
        raise UserError(message.format(folder=folder, reason=error.strerror)) from None


# --- a user's own files: replaced only over the version that was read ----------------------


@dataclass(frozen=True)
class Snapshot:
    """A file as it was read: its bytes (None: there was no file) and where it really lives.

    `target` is the file behind any symlink: a linked map is updated, the link kept.
    """

    path: Path
    target: Path
    data: bytes | None
    digest: bytes | None

    @property
    def exists(self) -> bool:
        return self.data is not None


def read_snapshot(path: Path) -> Snapshot:
    """Read a user's file to replace it later (`replace_if_unchanged`), without waiting for a lock."""
    target = Path(os.path.realpath(path))
    try:
        descriptor = _open_regular(path, target)
    except FileNotFoundError:
        return Snapshot(path, target, None, None)
    try:
        return _snapshot_of(path, target, descriptor)
    finally:
        os.close(descriptor)


def replace_if_unchanged(snapshot: Snapshot, data: str | bytes) -> None:
    """Replace the file of `snapshot` with `data`, unless it changed since it was read.

    Raises FileChanged (exit 2) and leaves the file as it is when it changed, or when a
    file appeared where there was none.
    """
    with locked_update(snapshot.path, expected=snapshot) as update:
        update.replace(data)


class Update:
    """A user's file read under the lock; `replace` writes it if it still holds what was read."""

    def __init__(self, snapshot: Snapshot) -> None:
        self.snapshot = snapshot

    @property
    def data(self) -> bytes | None:
        return self.snapshot.data

    def replace(self, data: str | bytes) -> None:
        payload = data.encode("utf-8") if isinstance(data, str) else data
        target = self.snapshot.target
        temporary = _temporary_copy(target, payload)
        if self.snapshot.exists:
            _commit(target, temporary, lambda: self._rename_if_unchanged(temporary))
        else:
            _commit(target, temporary, lambda: self._create_if_absent(temporary))

    def _rename_if_unchanged(self, temporary: str) -> None:
        """The last look before the rename: the same bytes as read, or no rename at all."""
        if _current_digest(self.snapshot.target) != self.snapshot.digest:
            raise _changed(self.snapshot.path)
        os.replace(temporary, self.snapshot.target)

    def _create_if_absent(self, temporary: str) -> None:
        """A hard link fails when the name exists: no file that appeared meanwhile is replaced."""
        target = self.snapshot.target
        try:
            os.link(temporary, target)
        except FileExistsError:
            raise _appeared(self.snapshot.path) from None
        except OSError as error:
            if error.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(target):  # no hard links here (FAT, some network shares)
                raise _appeared(self.snapshot.path) from None
            os.replace(temporary, target)
            return
        os.unlink(temporary)


@contextlib.contextmanager
def locked_update(path: Path, expected: Snapshot | None = None) -> Iterator[Update]:
    """Lock a user's file against other cjm commands, read it, and yield it to be replaced.

    With `expected` (a snapshot read earlier, for instance before a wizard's questions),
    the file must still hold that snapshot's bytes, or FileChanged is raised at once.
    """
    target = Path(os.path.realpath(path))
    descriptor = _locked_descriptor(path, target)
    try:
        if descriptor is None:
            snapshot = Snapshot(path, target, None, None)
        else:
            snapshot = _snapshot_of(path, target, descriptor)
        if expected is not None and snapshot.digest != expected.digest:
            raise _appeared(path) if expected.data is None else _changed(path)
        yield Update(snapshot)
    finally:
        if descriptor is not None:
            os.close(descriptor)  # closing the descriptor releases the lock


def _locked_descriptor(path: Path, target: Path) -> int | None:
    """An open descriptor of `target` holding its lock; None when there is no file to lock."""
    deadline = time.monotonic() + LOCK_WAIT_SECONDS
    while True:
        try:
            descriptor = _open_regular(path, target)
        except FileNotFoundError:
            return None
        if _try_lock(descriptor) and _still_named(descriptor, target):
            return descriptor
        os.close(descriptor)
        if time.monotonic() > deadline:
            message = _(
                "{file}: another cjm command has been changing this file for {seconds} s; "
                "try again when it is done"
            )
            raise UserError(message.format(file=path, seconds=f"{LOCK_WAIT_SECONDS:.0f}"))
        time.sleep(LOCK_POLL_SECONDS)


def _try_lock(descriptor: int) -> bool:
    """Take the exclusive lock if it is free. Where locks are not supported, go on without one:
    the content check before the rename still refuses to lose a change."""
    if fcntl is None:  # pragma: no cover - Windows
        return True
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    except OSError:  # ENOLCK, EOPNOTSUPP: a file system without flock
        return True
    return True


def _still_named(descriptor: int, target: Path) -> bool:
    """Whether `target` still names the locked file (another command may have renamed a new one in)."""
    try:
        named = os.stat(target)
    except OSError:
        return False
    locked = os.fstat(descriptor)
    return (named.st_dev, named.st_ino) == (locked.st_dev, locked.st_ino)


def _open_regular(path: Path, target: Path) -> int:
    """Open a regular file for reading; a folder, pipe or device is a user error. FileNotFoundError passes."""
    try:
        descriptor = os.open(target, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise UserError(_("{file}: is a folder, not a file").format(file=path)) from None
    except OSError as error:
        raise _cannot_read(path, error) from None
    status = os.fstat(descriptor)
    if not stat.S_ISREG(status.st_mode):
        os.close(descriptor)
        raise UserError(_("{file}: is not a regular file; cjm only rewrites regular files").format(file=path))
    return descriptor


def _snapshot_of(path: Path, target: Path, descriptor: int) -> Snapshot:
    data = _read_bounded(path, descriptor)
    return Snapshot(path, target, data, hashlib.sha256(data).digest())


def _read_bounded(path: Path, descriptor: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    try:
        while size <= MAX_UPDATE_BYTES:
            chunk = os.read(descriptor, min(1 << 20, MAX_UPDATE_BYTES + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as error:
        raise _cannot_read(path, error) from None
    if size > MAX_UPDATE_BYTES:
        message = _("{file}: bigger than {size} MB; cjm does not rewrite it")
        raise UserError(message.format(file=path, size=MAX_UPDATE_BYTES // 1048576))
    return b"".join(chunks)


def _cannot_read(path: Path, error: OSError) -> UserError:
    return UserError(_("{file}: cannot read: {reason}").format(file=path, reason=error.strerror or error))


def _current_digest(target: Path) -> bytes | None:
    try:
        descriptor = _open_regular(target, target)
    except (FileNotFoundError, UserError):
        return None
    try:
        return hashlib.sha256(_read_bounded(target, descriptor)).digest()
    except UserError:
        return None
    finally:
        os.close(descriptor)


def _changed(path: Path) -> FileChanged:
    message = _(
        "{file}: the file changed while cjm was working on it (saved in an editor?); "
        "it was left as it is: run the command again"
    )
    return FileChanged(message.format(file=path))


def _appeared(path: Path) -> FileChanged:
    message = _(
        "{file}: the file was created while cjm was working; it was left as it is: "
        "look at it, then run the command again"
    )
    return FileChanged(message.format(file=path))
