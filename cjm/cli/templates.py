"""`cjm templates`: start your own templates from the built-in ones."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjm.cli import app

templates_app = typer.Typer(help="Work with the templates `cjm render` uses.", no_args_is_help=True)
app.add_typer(templates_app, name="templates")


def builtin_template_files() -> list[Path]:
    """Every built-in template file, relative to the templates folder, in a stable order."""
    from cjm.paths import builtin_templates

    root = builtin_templates()
    return sorted(
        path.relative_to(root)
        for path in root.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


@templates_app.command("copy", short_help="Copy the built-in templates into a folder, to override them.")
def copy(
    folder: Path = typer.Argument(..., help="Folder to copy the built-in templates into."),
    force: bool = typer.Option(False, "--force", help="Overwrite files that already exist there."),
) -> None:
    """Copy the built-in templates into FOLDER; edit them and render with --templates FOLDER."""
    from cjm.errors import UserError
    from cjm.fsutil import write_atomic
    from cjm.paths import builtin_templates

    if folder.exists() and not folder.is_dir():
        raise UserError(f"{folder}: is a file, not a folder")
    names = builtin_template_files()
    existing = [name for name in names if (folder / name).exists()]
    if existing and not force:
        listed = ", ".join(str(name) for name in existing[:5]) + (" ..." if len(existing) > 5 else "")
        raise UserError(f"{folder} already has {listed}; use --force to overwrite")
    root = builtin_templates()
    for name in names:
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        write_atomic(folder / name, (root / name).read_bytes())
        sys.stdout.write(f"{folder / name}\n")
    raise typer.Exit(0)
