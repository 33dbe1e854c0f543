"""Writing a new project's files all at once, and taking them back if that fails.

Everything is written at the end, after the last question, so Ctrl-C during the wizard
leaves nothing behind; a failure (or Ctrl-C) while writing undoes what was written.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from cjm.errors import UserError
from cjm.scaffold import MAP_NAME, OWN_FILES
from cjm.write import write_atomic

GITIGNORE = ".gitignore"


def refuse_overwrite(directory: Path, force: bool) -> None:
    """Stop before any question when the project would replace a map without --force."""
    if directory.exists() and not directory.is_dir():
        raise UserError(f"{directory}: is a file; give a folder for the new project")
    if force:
        return
    for name in (MAP_NAME, "cjm.yaml"):
        if (directory / name).exists():
            raise UserError(f"{directory / name} already exists; use --force to replace it")


def write_project(directory: Path, contents: dict[str, str], force: bool) -> tuple[list[str], list[str]]:
    """Write the files; returns (written, kept). Files of other tools that exist are kept."""
    refuse_overwrite(directory, force)
    plan: dict[str, str | bytes] = {}
    kept: list[str] = []
    for name, text in contents.items():
        target = directory / name
        if name == GITIGNORE and target.is_file():
            text = _merged_gitignore(target.read_text(encoding="utf-8"), text)
        elif name not in OWN_FILES and target.exists():
            kept.append(name)
            continue
        plan[name] = text
    _write_all(directory, plan)
    return list(plan), kept


def _merged_gitignore(existing: str, ours: str) -> str:
    missing = [line for line in ours.splitlines() if line and line not in existing.splitlines()]
    if not [line for line in missing if not line.startswith("#")]:
        return existing
    separator = "" if not existing or existing.endswith("\n") else "\n"
    return existing + separator + "\n" + "\n".join(missing) + "\n"


def _write_all(directory: Path, plan: dict[str, str | bytes]) -> None:
    created_folders: list[Path] = []
    previous: dict[Path, bytes | None] = {}
    try:
        for name, text in plan.items():
            target = directory / name
            created_folders += _make_folders(target.parent)
            previous[target] = target.read_bytes() if target.is_file() else None
            write_atomic(target, text)
    except BaseException:
        _undo(previous, created_folders)
        raise


def _make_folders(folder: Path) -> list[Path]:
    """Create a folder and its missing parents; returns those created, outermost first."""
    missing = [parent for parent in [folder, *folder.parents] if not parent.exists()][::-1]
    for path in missing:
        try:
            path.mkdir()
        except OSError as error:
            raise UserError(f"{path}: cannot create the folder: {error.strerror}") from None
    return missing


def _undo(previous: dict[Path, bytes | None], created_folders: list[Path]) -> None:
    for path, data in previous.items():
        with contextlib.suppress(OSError):
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
    for folder in reversed(created_folders):
        with contextlib.suppress(OSError):
            folder.rmdir()


def copy_builtin_templates(folder: Path, force: bool) -> list[Path]:
    """Copy the built-in templates into `folder` (to override them); returns the files written."""
    from cjm.render.environment import BUILTIN_TEMPLATES, builtin_template_files

    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: is a file, not a folder")
    names = builtin_template_files()
    existing = [name for name in names if (folder / name).exists()]
    if existing and not force:
        listed = ", ".join(str(name) for name in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise UserError(f"{folder} already has {listed}; use --force to overwrite")
    plan = {str(name): (BUILTIN_TEMPLATES / name).read_bytes() for name in names}
    _write_all(folder, plan)
    return [folder / name for name in names]
