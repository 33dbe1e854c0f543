"""`cjm import`: a table edited in a spreadsheet, back into the map, changing only what differs."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjm.cli.app import app
from cjm.cli.export_command import TableName
from cjm.errors import UserError
from cjm.i18n import gettext as _


@app.command(
    "import",
    short_help=_("Read a CSV or XLSX table back into a map, keeping its comments."),
    help=_(
        "Update a map from a table: rows are matched by stage + id, rows without an id are added, "
        "and only the cells that differ are changed; comments and layout stay as they were."
    ),
)
def import_table(
    map_path: Path = typer.Argument(..., metavar="MAP", help=_("The map to update."), show_default=False),
    table_file: Path = typer.Argument(
        ..., metavar="FILE", help=_("The CSV or XLSX file."), show_default=False
    ),
    table: TableName = typer.Option(  # type: ignore[valid-type]
        None,
        "--table",
        "-t",
        help=_("Which table the file holds (default: read from its header)."),
        show_default=False,
    ),
    dry_run: bool = typer.Option(False, "--dry-run", "-n", help=_("Print what would change; write nothing.")),
    delete_missing: bool = typer.Option(
        False, "--delete-missing", help=_("Remove the elements of the table that no row names.")
    ),
) -> None:
    from cjm.load.project import find_settings
    from cjm.sheets.importer import plan_import

    settings = find_settings(map_path)
    root = settings.parent if settings else map_path.resolve().parent
    plan = plan_import(map_path, table_file, table.value if table else None, delete_missing, root)
    summary = plan.changes.summary()
    if not plan.changes:
        message = _("{map}: no changes from {file} (the map already says the same).")
    elif dry_run:
        message = _("{map}: {summary} from {file} (dry run: nothing written)")
    else:
        _write(plan)
        message = _("{map}: {summary} from {file}.")
    sys.stdout.write(message.format(map=map_path, summary=summary, file=table_file) + "\n")
    if plan.changes and dry_run:
        sys.stdout.write("".join(f"  {line}\n" for line in plan.changes.describe()))
    raise typer.Exit(0)


def _write(plan: object) -> None:
    """Replace the map under cjm's lock, only if it still holds the bytes the import was planned
    on, with the last look just before the rename (cjm.write): a change made meanwhile, by an
    editor or another cjm command, is never lost."""
    from cjm.sheets.importer import ImportPlan
    from cjm.write import locked_update

    assert isinstance(plan, ImportPlan) and plan.new_bytes is not None
    changed = _("{map}: the map changed on disk during the import; nothing written: run it again").format(
        map=plan.display
    )
    with locked_update(plan.map_path) as update:
        if update.data != plan.old_bytes:
            raise UserError(changed)
        update.replace(plan.new_bytes)
