"""`cjm export`: one table of a map (touchpoints, pain points, KPIs...) as a CSV or XLSX file."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from cjm.cli.app import app
from cjm.cli.choices import choice
from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.vocabulary import ALL_TABLES, SHEET_FORMATS, TABLES

TableName = choice("TableName", (*TABLES, ALL_TABLES))
SheetFormat = choice("SheetFormat", SHEET_FORMATS)


@app.command(
    short_help=_("Write a table of a map as CSV or XLSX, for a spreadsheet."),
    help=_(
        "Write one table of a map (stage, id and the element's keys, in map order) as CSV or XLSX."
        "\n\n"
        "Cells that a spreadsheet would run as a formula get a leading ' (cjm import takes it off)."
    ),
)
def export(
    map_path: Path = typer.Argument(..., metavar="MAP", help=_("The map to read."), show_default=False),
    table: TableName = typer.Option(  # type: ignore[valid-type]
        ...,
        "--table",
        "-t",
        help=_("Which table; 'all' writes a workbook with a sheet per table."),
        show_default=False,
    ),
    format_name: SheetFormat = typer.Option(  # type: ignore[valid-type]
        None,
        "--format",
        "-f",
        help=_("csv or xlsx (default: from the -o file's suffix, else csv)."),
        show_default=False,
    ),
    output: Path = typer.Option(
        None, "--output", "-o", help=_("The file to write (default: standard output)."), show_default=False
    ),
    excel: bool = typer.Option(
        False, "--excel", help=_("Start the CSV with a byte-order mark, so Excel reads accents.")
    ),
) -> None:
    from cjm.load.journey import load_map
    from cjm.sheets.export import export as export_table

    chosen = (
        format_name.value
        if format_name
        else ("xlsx" if output and output.suffix.lower() == ".xlsx" else "csv")
    )
    if table.value == ALL_TABLES and chosen != "xlsx":
        raise UserError(_("--table all writes a workbook with a sheet per table: add --format xlsx"))
    content = export_table(load_map(map_path), table.value, chosen, excel)
    if output is None or str(output) == "-":
        _to_stdout(content, chosen)
    else:
        _to_file(content, output, map_path)
    raise typer.Exit(0)


def _to_stdout(content: bytes, chosen: str) -> None:
    if chosen == "xlsx" and sys.stdout.isatty():
        raise UserError(_("an XLSX workbook is not text: give -o FILE.xlsx"))
    sys.stdout.flush()
    sys.stdout.buffer.write(content)
    sys.stdout.buffer.flush()


def _to_file(content: bytes, output: Path, map_path: Path) -> None:
    from cjm.load.project import find_settings
    from cjm.reports.escape import visible
    from cjm.sheets.read import inside_project
    from cjm.write import write_atomic

    settings = find_settings(map_path)
    root = settings.parent if settings else map_path.resolve().parent
    _refuse_inputs(output, map_path, settings)
    if output.is_symlink() and not inside_project(output, root):
        raise UserError(
            _("{file}: is a link to a file outside the project; write to another file").format(file=output)
        )

    write_atomic(output, content)
    sys.stdout.write(f"{visible(str(output))}\n")


def _refuse_inputs(output: Path, map_path: Path, settings: Path | None) -> None:
    """A table never replaces what a user wrote for cjm: the map, another map of the project,
    its cjm.yaml, or any YAML file (a typo of `-o journey.yaml` for `journey.csv`)."""
    from cjm.load.files import same_file
    from cjm.load.project import open_project

    if not output.exists():
        return
    if same_file(output, [map_path]):
        raise UserError(_("{file}: is the map itself; write the table to another file").format(file=output))
    others = list(filter(None, [settings]))
    if settings is not None:
        others += open_project(settings.parent).maps
    if same_file(output, others) or output.suffix.lower() in (".yaml", ".yml"):
        message = _("{file}: is a map or settings file of the project; write the table to a .csv or .xlsx")
        raise UserError(message.format(file=output))
