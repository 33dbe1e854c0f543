"""Where the site goes and what its files are called; a site never replaces or mixes with an input."""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from cjm.build.cache import CACHE_FILE
from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.load.files import resolved_inside

DEFAULT_SITE = "build/site"
MAP_FOLDER = "maps"
_NOT_ID = re.compile(r"[^a-z0-9_-]+")


def project_file(path: Path, root: Path) -> str | None:
    """A file's path relative to the project root, with '/'; None when it lies outside."""
    try:
        return PurePosixPath(path.resolve().relative_to(root.resolve())).as_posix()
    except ValueError:
        return None


def slug_of(file: str) -> str:
    """An id-like name for a map file: `es/Tienda Online.yaml` -> `es-tienda-online`."""
    stem = str(PurePosixPath(file).with_suffix(""))
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    return _NOT_ID.sub("-", ascii_text.lower()).strip("-")[:64] or "map"


def unique_slugs(files: Iterable[str]) -> dict[str, str]:
    """A slug per file, unique also on case-insensitive file systems (`-2`, `-3` on clashes)."""
    slugs: dict[str, str] = {}
    taken: set[str] = set()
    for file in files:
        base = slug = slug_of(file)
        number = 1
        while slug in taken:
            number += 1
            slug = f"{base}-{number}"
        taken.add(slug)
        slugs[file] = slug
    return slugs


def site_folder(root: Path, option: Path | None, configured: str | None, where: str = "cjm.yaml") -> Path:
    """`-o`, else `render.site` (written at `where`; it must stay inside the project), else build/site."""
    if option is not None:
        return option
    if configured:
        folder = root / configured
        if project_file(folder, root) in (None, "."):
            message = _("render.site must name a folder inside the project, not {value}")
            raise UserError(f"{where}: {message.format(value=repr(configured))}")
        return folder
    return root / DEFAULT_SITE


def refuse_inputs(site: Path, root: Path, inputs: Iterable[Path], folders: Iterable[Path] = ()) -> None:
    """The site folder must not be an input, hold one (a map, cjm.yaml) or lie in one (a
    templates folder), nor be the project folder or above it: its files replace what they meet."""
    resolved = site.resolve()
    if resolved.exists() and not resolved.is_dir():
        raise UserError(_("{site}: is a file; give a folder for the site").format(site=site))
    if resolved == root.resolve() or resolved in root.resolve().parents:
        message = _("{site}: is the project folder or above it; give a folder for the site (build/site)")
        raise UserError(message.format(site=site))
    for path in inputs:
        target = path.resolve()
        if target == resolved or resolved in target.parents:
            message = _("{site}: holds {path}, an input of the build; give another folder for the site")
            raise UserError(message.format(site=site, path=path))
    for folder in folders:
        target = folder.resolve()
        if target == resolved or target in resolved.parents or resolved in target.parents:
            message = _("{site}: overlaps the templates folder {folder}; give another folder for the site")
            raise UserError(message.format(site=site, folder=folder))


def refuse_default_site_out(site: Path, root: Path) -> None:
    """The site a project chose (build/site, render.site) stays in the project, symlinks followed:
    `build -> /elsewhere` must not make cjm write there. A site given with -o goes where it says."""
    if resolved_inside(site, root) is None:
        message = _(
            "{site}: leads outside the project folder (through a symlink); remove the link or give -o"
        )
        raise UserError(message.format(site=site))


def refuse_foreign_files(site: Path) -> None:
    """A folder that holds files but no build cache is not a site cjm built: its files are the
    user's (a docs/ folder), and a build would replace index.html and the rest."""
    if not site.is_dir() or (site / CACHE_FILE).is_file():
        return
    found = sorted(item.name for item in itertools.islice(site.iterdir(), 6))
    if found:
        shown = ", ".join(found[:5]) + (", ..." if len(found) > 5 else "")
        message = _(
            "{site}: holds files cjm build did not write ({files}); give a new or empty folder for the site"
        )
        raise UserError(message.format(site=site, files=shown))


def refuse_links_out(site: Path, name: str) -> None:
    """A page is never written through a link: it could lead to a map, or out of the site."""
    path = site / name
    if path.is_symlink():
        message = _("{path}: is a link; cjm build writes no file through a link in the site folder")
        raise UserError(message.format(path=path))
    folder = path.parent.resolve()
    if folder != site.resolve() and site.resolve() not in folder.parents:
        message = _("{folder}: leads out of the site folder {site}; remove the link")
        raise UserError(message.format(folder=path.parent, site=site))
