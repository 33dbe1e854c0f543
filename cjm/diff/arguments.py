"""What `cjm diff ARGUMENTS` compares: two files, a revision and the working tree, or two
revisions; decided as git decides it.

With `--`, what comes before it are revisions and what comes after it map files. Without
it, leading arguments that name commits are revisions (at most two) and the rest must be
files or folders on disk; an argument that is both a commit and a file is refused as
ambiguous, with the two ways to say which one is meant.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from cjm.diff.git import GitError, names_a_commit, refuse_bad_revision, repository_of, shown
from cjm.errors import UserError
from cjm.i18n import N_
from cjm.i18n import gettext as _

USAGE = N_(
    "cjm diff OLD NEW (two map files), cjm diff REV [MAP...] (a revision against the working "
    "tree), or cjm diff REV1 REV2 [MAP...]"
)


def with_usage(message: str) -> str:
    return _("{message}; {usage}").format(message=message, usage=_(USAGE))


@dataclass(frozen=True)
class Request:
    """Revisions: none (two files), one (against the working tree) or two; and the maps."""

    revisions: tuple[str, ...]
    maps: tuple[Path, ...]


def read_arguments(arguments: list[str], after_separator: int | None) -> Request:
    """The request of the command's arguments; `after_separator`: how many came after `--`."""
    if after_separator is None:
        return _guessed(arguments)
    split = len(arguments) - after_separator
    return _separated(arguments[:split], arguments[split:])


def _separated(revisions: list[str], maps: list[str]) -> Request:
    if not revisions and len(maps) != 2:
        raise UserError(with_usage(_("with no revision before '--', give two map files after it (OLD NEW)")))
    if len(revisions) > 2:
        message = _("at most two revisions come before '--', found {count}").format(count=len(revisions))
        raise UserError(with_usage(message))
    for revision in revisions:
        refuse_bad_revision(revision)
    return Request(tuple(revisions), tuple(Path(name) for name in maps))


def _guessed(arguments: list[str]) -> Request:
    if not arguments:
        raise UserError(_("nothing to compare: {usage}").format(usage=_(USAGE)))
    folder = _lookup_folder(arguments)
    revisions: list[str] = []
    for argument in arguments[:2]:
        if not names_a_commit(argument, folder):
            break
        if os.path.lexists(argument):
            raise UserError(_ambiguous(argument))
        revisions.append(argument)
    maps = arguments[len(revisions) :]
    for name in maps:
        if not os.path.lexists(name):
            raise UserError(_neither(name, folder, bool(revisions)))
    if not revisions and len(maps) != 2:
        raise UserError(with_usage(_no_revision(maps, folder)))
    return Request(tuple(revisions), tuple(Path(name) for name in maps))


def _lookup_folder(arguments: list[str]) -> Path:
    """Revisions are looked up in the repository of the maps named (the last one on disk),
    else of the current folder."""
    for argument in reversed(arguments):
        if os.path.lexists(argument):
            path = Path(argument)
            return path if path.is_dir() else path.parent
    return Path(".")


def _ambiguous(argument: str) -> str:
    name = shown(argument)
    return _(
        "'{name}' is both a revision and a file here: say which with '--' (revisions before it, "
        "map files after it): cjm diff {name} -- [MAP...] for the revision, "
        "cjm diff [REV] -- {name} ... for the file"
    ).format(name=name)


def _neither(argument: str, folder: Path, after_revision: bool) -> str:
    name = shown(argument)
    message = _("'{name}' is not a file or folder here, and not a revision{reason}").format(
        name=name, reason=_why_no_revisions(folder)
    )
    if after_revision:
        message += _(
            "; a map that exists only at the revision goes after '--': cjm diff REV -- {name}"
        ).format(name=name)
    return message


def _no_revision(maps: list[str], folder: Path) -> str:
    if not maps:
        return _("nothing to compare")
    listed = ", ".join(f"'{shown(name)}'" for name in maps)
    return _("{names}: no revision among them{reason}, so two map files are needed").format(
        names=listed, reason=_why_no_revisions(folder)
    )


def _why_no_revisions(folder: Path) -> str:
    """Why a name is not a revision, when the reason is that there are none to look up."""
    try:
        repository_of(folder)
    except GitError as error:
        return f" ({error})"
    return ""
