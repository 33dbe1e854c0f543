"""Reading maps at a git revision without a checkout, and safely.

git runs without a shell, with a time limit, in the repository found from the map's own
folder; a revision never reaches git where it could be read as an option (one that starts
with `-` is refused), and paths reach it only inside `COMMIT:PATH` object names.
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.load.files import MAX_FILE_BYTES

GIT_TIMEOUT_SECONDS = 30
MAX_REVISION_LENGTH = 256
_QUIET_GIT = {"GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0", "GIT_PAGER": "cat", "LC_ALL": "C"}


class GitError(UserError):
    """git is missing, the folder is not a repository, or git refused: said in plain words."""


def run_git(
    arguments: list[str], folder: Path, stdin: bytes | None = None
) -> subprocess.CompletedProcess[bytes]:
    """One git command in `folder`; GitError when git cannot be run at all."""
    try:
        return subprocess.run(
            ["git", "-C", str(folder), *arguments],
            input=stdin if stdin is not None else b"",
            capture_output=True,
            timeout=GIT_TIMEOUT_SECONDS,
            env={**os.environ, **_QUIET_GIT},
            check=False,
        )
    except FileNotFoundError:
        raise GitError(_("git is not installed: it is needed to read maps at a revision")) from None
    except subprocess.TimeoutExpired:
        message = _("git did not answer within {seconds} s in {folder}")
        raise GitError(message.format(seconds=GIT_TIMEOUT_SECONDS, folder=folder)) from None
    except OSError as error:
        raise GitError(_("cannot run git: {reason}").format(reason=error.strerror)) from None


def refuse_bad_revision(revision: str) -> None:
    """A revision is a name git resolves, never an option or a `REV:PATH` of its own."""
    if not revision or revision.startswith("-"):
        message = _("'{revision}' is not a revision: a revision never starts with '-'")
        raise GitError(message.format(revision=shown(revision)))
    if ":" in revision or len(revision) > MAX_REVISION_LENGTH or not revision.isprintable():
        message = _(
            "'{revision}' is not a revision cjm reads: use a branch, tag or commit "
            "(such as main, v1.2, HEAD~1), without ':' and control characters"
        )
        raise GitError(message.format(revision=shown(revision)))


def shown(text: str, limit: int = 80) -> str:
    """User text inside one of our messages: control characters visible, length bounded."""
    visible = text.encode("unicode_escape").decode("ascii") if not text.isprintable() else text
    return visible if len(visible) <= limit else visible[: limit - 3] + "..."


def _first_line(output: bytes) -> str:
    lines = output.decode("utf-8", errors="replace").strip().splitlines()
    return shown(lines[0], 200) if lines else _("no message")


def existing_folder(start: Path) -> Path:
    """`start`, or its nearest parent, that is a folder on disk (a map's folder may be gone)."""
    folder = start.absolute()
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    return folder


@dataclass
class Repository:
    """A git repository, by its top folder; revisions resolved once each."""

    top: Path
    commits: dict[str, str | None] = field(default_factory=dict)

    def commit(self, revision: str) -> str | None:
        """The commit a revision names, or None when it names none."""
        refuse_bad_revision(revision)
        if revision not in self.commits:
            found = run_git(
                ["rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}"], self.top
            )
            self.commits[revision] = found.stdout.decode("ascii").strip() if found.returncode == 0 else None
        return self.commits[revision]

    def require_commit(self, revision: str) -> str:
        commit = self.commit(revision)
        if commit is None:
            message = _(
                "unknown revision '{revision}' in the repository {top} "
                "(`git branch -a` and `git log --oneline` list what there is)"
            )
            raise GitError(message.format(revision=shown(revision), top=self.top))
        return commit

    def inside(self, path: Path) -> str:
        """`path` as git names it at a revision: relative to the top folder, with '/'."""
        folder = existing_folder(path.parent)
        rest = path.absolute().parent.relative_to(folder)
        try:
            relative = folder.resolve().relative_to(self.top) / rest / path.name
        except ValueError:
            message = _("{path}: not inside the git repository {top}")
            raise GitError(message.format(path=path, top=self.top)) from None
        text = relative.as_posix()
        if "\n" in text or "\r" in text:
            message = _("{path}: cjm cannot read a file whose name holds a line break from git")
            raise GitError(message.format(path=shown(str(path))))
        return text

    def blob(self, commit: str, path: str, display: str) -> bytes | None:
        """The bytes of the file at `path` in `commit`, None when it has no such file."""
        object_id = self._blob_id(commit, path, display)
        if object_id is None:
            return None
        content = run_git(["cat-file", "blob", object_id], self.top)
        if content.returncode != 0:
            message = _("git could not read {file}: {reason}")
            raise GitError(message.format(file=display, reason=_first_line(content.stderr)))
        return content.stdout

    def _blob_id(self, commit: str, path: str, display: str) -> str | None:
        """The file's object (symbolic links followed inside the repository only), once it is
        known to be a file no bigger than a map read from disk may be."""
        request = f"{commit}:{path}\n".encode()
        found = run_git(["cat-file", "--batch-check", "--follow-symlinks"], self.top, request)
        words = found.stdout.decode("utf-8", errors="replace").split("\n", 1)[0].split()
        if found.returncode != 0 or not words:
            message = _("git could not read {file}: {reason}")
            raise GitError(message.format(file=display, reason=_first_line(found.stderr)))
        if words[-1] in ("missing", "dangling", "notdir") or words[0] in ("dangling", "notdir"):
            return None
        if len(words) != 3 or words[1] != "blob":
            if words[1:2] == ["tree"]:
                message = _("{file}: a folder at this revision")
            else:
                message = _("{file}: not a file inside the repository at this revision")
            raise GitError(message.format(file=display))
        if int(words[2]) > MAX_FILE_BYTES:
            size, limit = int(words[2]) / 1048576, MAX_FILE_BYTES // 1048576
            message = _("{file}: the file is {size} MB; cjm reads maps of at most {limit} MB")
            raise GitError(message.format(file=display, size=f"{size:.1f}", limit=limit))
        return words[0]

    def files_in(self, commit: str, folder: str) -> list[tuple[str, int]]:
        """(name, size) of the files directly inside `folder` ('' for the top) in `commit`."""
        found = run_git(["ls-tree", "-l", "-z", f"{commit}:{folder}"], self.top)
        if found.returncode != 0:
            return []  # no such folder at that revision: no maps there
        files = []
        for entry in found.stdout.decode("utf-8", errors="replace").split("\0"):
            info, _tab, name = entry.partition("\t")
            parts = info.split()
            if len(parts) == 4 and parts[1] == "blob" and parts[3].isdigit():
                files.append((name, int(parts[3])))
        return files


_REPOSITORIES: dict[Path, Repository] = {}


def repository_of(start: Path) -> Repository:
    """The repository that holds the folder `start` (or its nearest existing parent)."""
    folder = existing_folder(start)
    if folder not in _REPOSITORIES:
        found = run_git(["rev-parse", "--show-toplevel"], folder)
        if found.returncode != 0:
            message = _first_line(found.stderr)
            if "not a git repository" in message:
                reason = _("{folder} is not inside a git repository, so it has no revisions to compare")
                raise GitError(reason.format(folder=folder))
            raise GitError(_("git: {message}").format(message=message))

        top = Path(found.stdout.decode("utf-8", errors="surrogateescape").strip())
        _REPOSITORIES[folder] = Repository(top.resolve())
    return _REPOSITORIES[folder]


def names_a_commit(text: str, folder: Path) -> bool:
    """Whether `text` names a commit in the repository of `folder` (False without git or one)."""
    try:
        return repository_of(folder).commit(text) is not None
    except GitError:
        return False
