"""The build cache: what the last build made, so that a second build redoes only what changed.

A map's key is a hash of its bytes, its place in the project and everything else its pages
depend on: cjm.yaml, the theme's logo, every template file, the options, cjm's version and
code. A map whose key is unchanged is not loaded again: its summary comes from the cache.
A page is trusted only while its file is as the last build left it (size and mtime).

The cache lives in the site folder (`.cjm-cache.json`): deleting the site deletes it too,
so it never vouches for pages that are gone. A cache that does not read back is ignored.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable
from pathlib import Path

from pydantic import BaseModel, ConfigDict, ValidationError

from cjm import __version__
from cjm.build.summary import MapSummary, Trouble
from cjm.errors import UserError
from cjm.i18n import gettext as _

CACHE_FILE = ".cjm-cache.json"
CACHE_VERSION = 2
MAX_CACHE_BYTES = 256 * 1024 * 1024
MAX_TEMPLATE_FILES = 2000
MAX_TEMPLATE_BYTES = 64 * 1024 * 1024
PACKAGE = Path(__file__).resolve().parents[1]
# The only files a build writes, and so the only ones it may remove again.
_SITE_FILE = re.compile(
    r"^(maps/[a-z0-9_-]{1,80}\.(html|md|pdf)|(index|backlog|data|personas)\.html|(backlog|data)\.csv)$"
)


class Stamp(BaseModel):
    """A file of the site as the build left it."""

    model_config = ConfigDict(extra="forbid")

    file: str  # relative to the site folder
    size: int
    mtime_ns: int
    digest: str = ""  # for the portfolio pages: the hash of what they were made from


class MapEntry(BaseModel):
    """One map as the last build left it. Its summary stays JSON text until a page needs it:
    a build that finds nothing changed reads only keys, stamps and problems."""

    model_config = ConfigDict(extra="forbid")

    key: str
    slug: str
    loaded: bool
    troubles: list[Trouble] = []
    summary: str  # MapSummary as JSON
    outputs: dict[str, Stamp] = {}  # by format

    def read_summary(self) -> MapSummary | None:
        """The summary, or None when it does not read back (then the map is built again)."""
        try:
            summary = MapSummary.model_validate_json(self.summary)
        except ValueError:
            return None
        return summary if (summary.slug, summary.loaded) == (self.slug, self.loaded) else None


class Cache(BaseModel):
    model_config = ConfigDict(extra="forbid")

    cache: int = CACHE_VERSION
    portfolio: str = ""  # the key of the portfolio pages: every map's key, in order
    maps: dict[str, MapEntry] = {}  # by map file
    pages: dict[str, Stamp] = {}  # by file name


def digest(*parts: bytes | str) -> str:
    """A hash of the parts, each length-prefixed, so that ('ab', 'c') and ('a', 'bc') differ."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def code_fingerprint() -> str:
    """cjm's version and the size and time of its own files: a new release, or a changed
    install, never reuses pages made by other code."""
    stats = [__version__]
    for path in sorted(PACKAGE.rglob("*.py")):
        status = path.stat()
        stats.append(f"{path.relative_to(PACKAGE)}:{status.st_size}:{status.st_mtime_ns}")
    return digest(*stats)


def folders_fingerprint(folders: Iterable[Path]) -> str:
    """A hash of every file in the template folders (names and bytes), bounded in count and size.

    A link that leads out of its folder is hashed by where it points, never read: nothing
    outside the project is read on a template folder's say-so.
    """
    parts: list[bytes | str] = []
    count = total = 0
    for folder in folders:
        root = folder.resolve()
        for path in sorted(item for item in folder.rglob("*") if item.is_file()):
            count += 1
            if count > MAX_TEMPLATE_FILES:
                message = _("{folder}: more than {count} files in the template folders")
                raise UserError(message.format(folder=folder, count=MAX_TEMPLATE_FILES))
            parts.append(str(path.relative_to(folder)))
            resolved = path.resolve()
            if root not in resolved.parents:
                parts.append(f"link to {resolved}")
                continue
            data = resolved.read_bytes()
            total += len(data)
            if total > MAX_TEMPLATE_BYTES:
                message = _("{folder}: the template folders hold more than {size} MB")
                raise UserError(message.format(folder=folder, size=MAX_TEMPLATE_BYTES >> 20))
            parts.append(data)
    return digest(*parts)


def site_file(name: str) -> bool:
    """Whether a name is one the build writes (so a cache can never make it remove another file)."""
    return bool(_SITE_FILE.match(name))


def load_cache(site: Path) -> Cache:
    """The last build's cache, or an empty one when there is none or it does not read back."""
    path = site / CACHE_FILE
    try:
        if not path.is_file() or path.is_symlink() or path.stat().st_size > MAX_CACHE_BYTES:
            return Cache()
        cache = Cache.model_validate_json(path.read_bytes())
    except (OSError, ValidationError, ValueError):
        return Cache()
    if cache.cache != CACHE_VERSION:
        return Cache()
    return cache


def cache_text(cache: Cache) -> str:
    return cache.model_dump_json(exclude_defaults=False) + "\n"


def stamp(site: Path, name: str, page_digest: str = "") -> Stamp:
    status = (site / name).stat()
    return Stamp(file=name, size=status.st_size, mtime_ns=status.st_mtime_ns, digest=page_digest)


def intact(site: Path, recorded: Stamp | None) -> bool:
    """Whether a file is still as the build left it: the same size and time, and a regular file."""
    if recorded is None or not site_file(recorded.file):
        return False
    try:
        status = os.lstat(site / recorded.file)
    except OSError:
        return False
    unchanged = (status.st_size, status.st_mtime_ns) == (recorded.size, recorded.mtime_ns)
    return unchanged and stat.S_ISREG(status.st_mode)


def json_digest(value: object) -> str:
    """A hash of what a portfolio page is made from (plain data, in a stable order)."""
    return digest(json.dumps(value, sort_keys=True, ensure_ascii=False, default=_plain))


def _plain(value: object) -> object:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if hasattr(value, "__dataclass_fields__"):
        return {name: getattr(value, name) for name in value.__dataclass_fields__}  # type: ignore[attr-defined]
    raise TypeError(f"cannot hash {type(value).__name__}")
