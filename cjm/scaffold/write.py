"""Writing a new project's files all at once, and taking them back if that fails.

Everything is written at the end, after the last question, so Ctrl-C during the wizard
leaves nothing behind; a failure (or Ctrl-C) while writing undoes what was written.
Every path is checked before the first file is written: nothing is written through a
symlink to outside the folder, and a file where a folder should be stops it at once.
A file that is replaced must still hold what it held when the command started (an editor
may save it while the wizard asks): else nothing is written.

A project made inside a git repository gets its workflow and pre-commit config at the
repository's root, where GitHub and pre-commit read them (and only there does cjm write
outside the project folder): a user's pre-commit config gets the hook added to it.
"""

from __future__ import annotations

import contextlib
import errno
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cjm.errors import UserError
from cjm.i18n import DEFAULT_LANGUAGE
from cjm.i18n import gettext as _
from cjm.scaffold import MAP_NAME, OWN_FILES
from cjm.scaffold.project_files import PRE_COMMIT_CONFIG, WORKFLOW, ProjectFiles, ci_files, safe_folder
from cjm.write import Snapshot, read_snapshot, replace_if_unchanged

GITIGNORE = ".gitignore"
CI_FILES = (WORKFLOW, PRE_COMMIT_CONFIG)
Plan = dict[str, tuple[Snapshot, bytes]]


def refuse_overwrite(directory: Path, force: bool) -> dict[str, Snapshot]:
    """Stop before any question when the project would replace a map without --force.

    Returns the map and settings as they are now: they are replaced only if they still are.
    """
    if directory.exists() and not directory.is_dir():
        raise UserError(
            _("{directory}: is a file; give a folder for the new project").format(directory=directory)
        )
    found = {}
    for name in (MAP_NAME, "cjm.yaml"):
        check_target(directory, name)
        found[name] = read_snapshot(directory / name)
        if found[name].exists and not force:
            message = _("{file} already exists; use --force to replace it")
            raise UserError(message.format(file=directory / name))
    return found


def write_project(
    directory: Path, contents: dict[str, str], force: bool, start: dict[str, Snapshot] | None = None
) -> tuple[list[str], list[tuple[str, str]]]:
    """Write the files; returns (written, kept with the reason). Files of other tools that exist are kept.

    `start`: the map and settings as `refuse_overwrite` read them before the questions.
    `contents`: `scaffold.files()`, whose language the CI files at a repository's root follow.
    """
    start = start if start is not None else refuse_overwrite(directory, force)
    plan: Plan = {}
    kept: list[tuple[str, str]] = []
    for place in placed(directory, contents):
        planned = _plan_file(place, start.get(place.name))
        if isinstance(planned, str):
            kept.append((place.shown, planned))
        else:
            plan[place.shown] = planned
    _write_all(plan)
    return list(plan), kept


@dataclass(frozen=True)
class Place:
    """Where one file goes: its folder (the project's, or the repository's root for CI files),
    its name there, its text, and how the summary names it (relative to the project folder)."""

    base: Path
    name: str
    text: str
    shown: str
    folder: str = ""  # the project's path in its repository, for the CI files at its root


def placed(directory: Path, contents: dict[str, str]) -> list[Place]:
    """The files where their tools read them: the CI files of a project in a folder of a git
    repository go to the repository's root, pointing into the folder; the rest stay in it."""
    root = repository_root(directory)
    folder = _relative_folder(directory, root) if root is not None else ""
    language = contents.language if isinstance(contents, ProjectFiles) else DEFAULT_LANGUAGE
    places = [
        Place(directory, name, text, name)
        for name, text in contents.items()
        if not (folder and name in CI_FILES)
    ]
    if root is not None and folder:
        real = os.path.realpath(directory)
        places += [
            Place(root, name, text, os.path.relpath(root / name, real), folder)
            for name, text in ci_files(folder, language).items()
        ]
    return places


def repository_root(directory: Path) -> Path | None:
    """The root of the git repository the folder is (or will be) in: the nearest folder above
    it, or itself, that holds `.git` (a folder, or a file in a worktree or submodule)."""
    start = Path(os.path.realpath(directory))
    for folder in [start, *start.parents]:
        if os.path.lexists(folder / ".git"):
            return folder
    return None


def _relative_folder(directory: Path, root: Path) -> str:
    relative = Path(os.path.realpath(directory)).relative_to(root).as_posix()
    return "" if relative == "." else relative


def _plan_file(place: Place, snapshot: Snapshot | None) -> tuple[Snapshot, bytes] | str:
    """What to write for one file (its snapshot and bytes), or why it is kept as it is."""
    base, name = place.base, place.name
    target = base / name
    if place.folder and not safe_folder(place.folder):
        return _(
            "the folder's name has characters that GitHub or pre-commit would read as their own; "
            "docs/ci.md shows what to write by hand"
        )
    mergeable = (GITIGNORE, PRE_COMMIT_CONFIG)
    if name not in OWN_FILES and target.exists() and (name not in mergeable or not target.is_file()):
        return _("it was already there")
    outside = outside_target(base, name) if name not in OWN_FILES else None
    if outside is not None:
        if place.folder:
            return _("it is a symlink to {target}, outside the repository, where cjm does not write").format(
                target=outside
            )
        return _("it is a symlink to {target}, outside the folder, where cjm does not write").format(
            target=outside
        )
    check_target(base, name)
    snapshot = snapshot or read_snapshot(target)
    if name in mergeable and snapshot.exists:
        merged, reason = _merged(name, snapshot.data or b"", place)
        return reason if merged is None else (snapshot, merged)
    return snapshot, place.text.encode("utf-8")


def _merged(name: str, existing: bytes, place: Place) -> tuple[bytes | None, str]:
    if name == GITIGNORE:
        return merged_gitignore(existing, place.text)
    from cjm.scaffold.pre_commit import merged_config

    return merged_config(existing, place.folder, place.text)


def merged_gitignore(existing: bytes, ours: str) -> tuple[bytes | None, str]:
    """The user's .gitignore with the lines cjm needs added, or (None, why it is kept as it is).

    Merged as bytes, so a Latin-1 or UTF-8 file stays as it was with ASCII lines added, in its
    own line ending. A UTF-16 file (PowerShell's `echo > .gitignore`) is kept untouched: git
    reads .gitignore as bytes and ignores nothing that such a file lists, so lines added in
    UTF-16 would not work either, and UTF-8 lines would make a file of two encodings.
    """
    needed = [line for line in ours.splitlines() if line and not line.startswith("#")]
    if existing.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\0" in existing:
        message = _("it is UTF-16 text, which git does not read: save it as UTF-8 and add the line {lines}")
        return None, message.format(lines=", ".join(needed))
    present = {line.rstrip(b"\r") for line in existing.removeprefix(b"\xef\xbb\xbf").split(b"\n")}
    missing = [line for line in ours.splitlines() if line and line.encode("utf-8") not in present]
    if not [line for line in missing if not line.startswith("#")]:
        return None, _("it already ignores {lines}").format(lines=", ".join(needed))
    newline = b"\r\n" if b"\r\n" in existing else b"\n"
    separator = b"" if not existing or existing.endswith(b"\n") else newline
    added = newline.join(line.encode("utf-8") for line in missing)
    return existing + separator + newline + added + newline, ""


def check_target(directory: Path, name: str) -> None:
    """Refuse, before anything is written, a file that would land outside `directory` (through a
    symlink, of the file or of a folder on its way) or that a file in the way makes impossible."""
    path = directory / name
    outside = outside_target(directory, name)
    if outside is not None:
        message = _(
            "{file}: leads to {target}, outside {folder}, through a symlink; cjm writes only "
            "inside the project folder: remove the link, or choose another folder"
        )
        raise UserError(message.format(file=path, target=outside, folder=directory))
    real = Path(os.path.realpath(path))
    for folder in reversed(real.parents):
        if folder.exists() and not folder.is_dir():
            message = _("{file}: cannot write it: {folder} is a file, not a folder")
            raise UserError(message.format(file=path, folder=folder))
    if real.is_dir():
        raise UserError(_("{file}: is a folder, not a file").format(file=path))


def outside_target(directory: Path, name: str) -> Path | None:
    """Where `directory / name` really leads, if that is outside `directory`; else None."""
    path = directory / name
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise UserError(
                _("{file}: a symlink that leads to itself; remove it").format(file=path)
            ) from None
    real = Path(os.path.realpath(path))
    return None if Path(os.path.realpath(directory)) in real.parents else real


def _write_all(plan: Plan) -> None:
    created_folders: list[Path] = []
    written: list[Snapshot] = []
    try:
        for snapshot, data in plan.values():
            created_folders += _make_folders(snapshot.target.parent)
            replace_if_unchanged(snapshot, data)
            written.append(snapshot)
    except BaseException:
        _undo(written, created_folders)
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Create a folder and its missing parents; returns those created, outermost first."""
    missing = [parent for parent in [folder, *folder.parents] if not parent.exists()][::-1]
    for path in missing:
        try:
            path.mkdir()
        except OSError as error:
            message = _("{folder}: cannot create the folder: {reason}")
            raise UserError(message.format(folder=path, reason=error.strerror)) from None
    return missing


def _undo(written: list[Snapshot], created_folders: list[Path]) -> None:
    for snapshot in written:
        with contextlib.suppress(OSError):
            if snapshot.data is None:
                snapshot.target.unlink(missing_ok=True)
            else:
                snapshot.target.write_bytes(snapshot.data)  # _undo: the file as it was
    for folder in reversed(created_folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def copy_builtin_templates(
    folder: Path, force: bool, extra: Sequence[tuple[Path, Sequence[str]]] = ()
) -> list[Path]:
    """Copy the built-in templates into `folder` (to override them); returns the files written.

    `extra` adds other built-in templates, each (their folder, their names in it): the site's of
    `cjm build`, which look them up in the same folders. Every path is checked first: a file in
    the way stops the copy before anything is written.
    """
    from cjm.render.environment import BUILTIN_TEMPLATES, builtin_template_files

    if folder.exists() and not folder.is_dir():
        raise UserError(_("{folder}: is a file, not a folder").format(folder=folder))
    sources = {str(name): BUILTIN_TEMPLATES / name for name in builtin_template_files()}
    for root, found in extra:
        sources.update({name: root / name for name in found})
    names = list(sources)
    for name in names:
        check_target(folder, name)
    existing = [name for name in names if (folder / name).exists()]
    if existing and not force:
        listed = ", ".join(existing[:5]) + (" ..." if len(existing) > 5 else "")
        message = _("{folder} already has {files}; use --force to overwrite")
        raise UserError(message.format(folder=folder, files=listed))
    plan = {name: (read_snapshot(folder / name), sources[name].read_bytes()) for name in names}
    _write_all(plan)
    return [folder / name for name in names]
