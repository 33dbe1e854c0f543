"""Reading a user's file: a regular file, at most a known size, as UTF-8 text.

Every file cjm reads on a user's behalf (maps, cjm.yaml, answers files) comes through here.
"""

from __future__ import annotations

from pathlib import Path

from cjm.errors import LoadError, Position, Problem

MAX_FILE_BYTES = 32 * 1024 * 1024


def read_text(path: Path, display: str) -> str:
    """Read a file as UTF-8 text (a byte-order mark allowed), or explain why it cannot be."""
    return decode(read_map_bytes(path, display), display)


def read_map_bytes(path: Path, display: str) -> bytes:
    """Read a file's bytes once they are known to be UTF-8 text (a byte-order mark allowed).

    libyaml reads the bytes as they are: a str of the file would cost up to four times
    their size (and libyaml would encode it back to UTF-8 to read it).
    """
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise LoadError([Problem(Position(display), _too_big(size))])
        data = path.read_bytes()
    except IsADirectoryError:
        raise LoadError([Problem(Position(display), "is a folder, not a file")]) from None
    except FileNotFoundError:
        raise LoadError([Problem(Position(display), "no such file")]) from None
    except OSError as error:
        raise LoadError([Problem(Position(display), f"cannot read: {error.strerror}")]) from None
    decode(data, display)  # raises unless UTF-8; the text itself is not needed
    return data


def _too_big(size: int) -> str:
    return (
        f"the file is {size / 1048576:.1f} MB; cjm reads maps of at most "
        f"{MAX_FILE_BYTES // 1048576} MB (split the journey into several maps)"
    )


def decode(data: bytes, display: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        message = f"the file is not UTF-8 text (byte 0x{data[error.start]:02x}); save it as UTF-8"
        raise LoadError([Problem(Position(display, line, column), message)]) from None
