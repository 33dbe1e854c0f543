"""`cjm import`: a table edited in a spreadsheet, back into the map, changing only what differs."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjm.cli.app import app
from cjm.cli.export_command import TableName
from cjm.errors import UserError


@app.command("import", short_help="Read a CSV or XLSX table back into a map, keeping its comments.")
def import_table(
    map_path: Path = typer.Argument(..., metavar="MAP", help="The map to update.", show_default=False),
    table_file: Path = typer.Argument(..., metavar="FILE", help="The CSV or XLSX file.", show_default=False),
    table: TableName = typer.Option(  # type: ignore[valid-type]
        None,
        "--table",
        "-t",
        help="Which table the file holds (default: read from its header).",
        show_default=False,
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help="Print what would change; write nothing."),
    delete_missing: bool = typer.Option(
        False, "--delete-missing", help="Remove the elements of the table that no row names."
    ),
) -> None:
    """Update a map from a table: rows are matched by stage + id, rows without an id are added,
    and only the cells that differ are changed; comments and layout stay as they were.
    """
    from cjm.load.project import find_settings
    from cjm.sheets.importer import plan_import

    settings = find_settings(map_path)
    root = settings.parent if settings else map_path.resolve().parent
    plan = plan_import(map_path, table_file, table.value if table else None, delete_missing, root)
    counts = plan.changes.counts()
    summary = ", ".join(f"{count} {kind}" for kind, count in counts.items() if count) or "no changes"
    if not plan.changes:
        sys.stdout.write(f"{map_path}: no changes from {table_file} (the map already says the same).\n")
    elif dry_run:
        sys.stdout.write(f"{map_path}: {summary} from {table_file} (dry run: nothing written)\n")
        sys.stdout.write("".join(f"  {line}\n" for line in plan.changes.describe()))
    else:
        _write(plan)
        sys.stdout.write(f"{map_path}: {summary} from {table_file}.\n")
    raise typer.Exit(0)


def _write(plan: object) -> None:
    """Replace the map under cjm's lock, only if it still holds the bytes the import was planned
    on, with the last look just before the rename (cjm.write): a change made meanwhile, by an
    editor or another cjm command, is never lost."""
    from cjm.sheets.importer import ImportPlan
    from cjm.write import locked_update

    assert isinstance(plan, ImportPlan) and plan.new_bytes is not None
    changed = f"{plan.display}: the map changed on disk during the import; nothing written: run it again"
    with locked_update(plan.map_path) as update:
        if update.data != plan.old_bytes:
            raise UserError(changed)
        update.replace(plan.new_bytes)
