"""`cjm templates`: start your own templates from the built-in ones."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjm.cli.app import app
from cjm.i18n import gettext as _

templates_app = typer.Typer(help=_("Work with the templates `cjm render` uses."), no_args_is_help=True)
app.add_typer(templates_app, name="templates")


@templates_app.command(
    "copy",
    short_help=_("Copy the built-in templates into a folder, to override them."),
    help=_("Copy the built-in templates into FOLDER; edit them and render with --templates FOLDER."),
)
def copy(
    folder: Path = typer.Argument(..., help=_("Folder to copy the built-in templates into.")),
    force: bool = typer.Option(False, "--force", help=_("Overwrite files that already exist there.")),
) -> None:
    from cjm.build.pages import SITE_TEMPLATES
    from cjm.render.environment import builtin_template_files
    from cjm.reports.escape import visible
    from cjm.scaffold.write import copy_builtin_templates

    site = [str(name) for name in builtin_template_files(SITE_TEMPLATES)]  # site/...: cjm build's pages
    for path in copy_builtin_templates(folder, force, [(SITE_TEMPLATES, site)]):
        sys.stdout.write(f"{visible(str(path))}\n")
    raise typer.Exit(0)
