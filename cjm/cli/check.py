"""`cjm check`: load maps and check their coverage."""

from __future__ import annotations

from pathlib import Path

import typer

from cjm.cli import app


@app.command(rich_help_panel="Commands")
def check(
    targets: list[Path] = typer.Argument(
        None, help="Map files or project folders (default: the current folder).", show_default=False
    ),
) -> None:
    """Check that every stage and persona has what a usable map needs."""
    from cjm.errors import LoadError, Problem
    from cjm.loader import load_map
    from cjm.project import open_project

    problems: list[Problem] = []
    for target in targets or [Path(".")]:
        try:
            project = open_project(target)
        except LoadError as error:
            problems.extend(error.problems)
            continue
        for path in project.maps:
            try:
                load_map(path)
            except LoadError as error:
                problems.extend(error.problems)
    for problem in problems:
        typer.echo(str(problem), err=True)
    raise typer.Exit(2 if problems else 0)
