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

USAGE = (
    "cjm diff OLD NEW (two map files), cjm diff REV [MAP...] (a revision against the working "
    "tree), or cjm diff REV1 REV2 [MAP...]"
)


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
        raise UserError(f"with no revision before '--', give two map files after it (OLD NEW); {USAGE}")
    if len(revisions) > 2:
        raise UserError(f"at most two revisions come before '--', found {len(revisions)}; {USAGE}")
    for revision in revisions:
        refuse_bad_revision(revision)
    return Request(tuple(revisions), tuple(Path(name) for name in maps))


def _guessed(arguments: list[str]) -> Request:
    if not arguments:
        raise UserError(f"nothing to compare: {USAGE}")
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
        raise UserError(f"{_no_revision(maps, folder)}; {USAGE}")
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
    return (
        f"'{name}' is both a revision and a file here: say which with '--' (revisions before it, "
        f"map files after it): cjm diff {name} -- [MAP...] for the revision, "
        f"cjm diff [REV] -- {name} ... for the file"
    )


def _neither(argument: str, folder: Path, after_revision: bool) -> str:
    name = shown(argument)
    message = f"'{name}' is not a file or folder here, and not a revision{_why_no_revisions(folder)}"
    if after_revision:
        message += f"; a map that exists only at the revision goes after '--': cjm diff REV -- {name}"
    return message


def _no_revision(maps: list[str], folder: Path) -> str:
    if not maps:
        return "nothing to compare"
    listed = ", ".join(f"'{shown(name)}'" for name in maps)
    return f"{listed}: no revision among them{_why_no_revisions(folder)}, so two map files are needed"


def _why_no_revisions(folder: Path) -> str:
    """Why a name is not a revision, when the reason is that there are none to look up."""
    try:
        repository_of(folder)
    except GitError as error:
        return f" ({error})"
    return ""
