"""A map's tables as spreadsheet files: CSV (RFC 4180, formulas made inert) or an XLSX workbook."""

from __future__ import annotations

import csv
import io
from typing import Any

from cjm.errors import LoadError, Problem
from cjm.i18n import gettext as _
from cjm.model import JourneyMap
from cjm.sheets.cells import control_character, neutralise
from cjm.sheets.read import XLSX_MISSING
from cjm.sheets.tables import TABLE_DEFINITIONS, Table, field_kind, located, row_texts

_BOM = "\ufeff"


def table_rows(journey: JourneyMap, table: Table) -> list[list[str]]:
    """The rows of a table, in map order; a cell no spreadsheet can hold is a problem at its key."""
    rows, problems = [], []
    for place in located(journey, table):
        texts = row_texts(place, table.columns)
        for column, text in zip(table.columns, texts, strict=True):
            control = control_character(text)
            if control:
                where = place.element.key_position(column)
                message = _(
                    "'{column}' holds the control character {control}, which no spreadsheet cell can hold"
                ).format(column=column, control=control)
                problems.append(Problem(where, message))
        rows.append(texts)
    if problems:
        raise LoadError(problems)
    return rows


def csv_bytes(table: Table, rows: list[list[str]], excel: bool = False) -> bytes:
    """UTF-8 CSV with CRLF line ends and every cell quoted (RFC 4180, OWASP); a BOM for Excel."""
    stream = io.StringIO()
    writer = csv.writer(stream, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(table.columns)
    for row in rows:
        writer.writerow([neutralise(cell) for cell in row])
    return ((_BOM if excel else "") + stream.getvalue()).encode("utf-8")


def xlsx_bytes(tables: list[tuple[Table, list[list[str]]]]) -> bytes:
    """A workbook with one sheet a table: text cells stay text, emotions are numbers."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise LoadError([Problem(_nowhere(), _(XLSX_MISSING))]) from None
    workbook = Workbook()
    workbook.remove(workbook.active)
    for table, rows in tables:
        sheet = workbook.create_sheet(table.name)
        sheet.append(list(table.columns))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        kinds = [
            field_kind(table.model, column) if column in table.model.model_fields else "text"
            for column in table.columns
        ]
        for number, row in enumerate(rows, 2):
            for column, (text, kind) in enumerate(zip(row, kinds, strict=True), 1):
                _write_cell(sheet.cell(number, column), text, kind)
        sheet.freeze_panes = "A2"
        _size_columns(sheet, table, rows)
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()


def _write_cell(cell: Any, text: str, kind: str) -> None:
    if not text:
        return
    if kind == "int" and text.lstrip("-").isdigit():
        cell.value = int(text)
        return
    cell.value = text
    cell.data_type = "s"  # openpyxl takes a string starting with '=' for a formula
    if text.startswith(("=", "+", "-", "@")):
        cell.quotePrefix = True  # and so does Excel, once someone edits the cell


def _size_columns(sheet: Any, table: Table, rows: list[list[str]]) -> None:
    from openpyxl.utils import get_column_letter

    for index, column in enumerate(table.columns):
        longest = max([len(column), *(len(row[index]) for row in rows)])
        sheet.column_dimensions[get_column_letter(index + 1)].width = min(max(longest + 2, 8), 60)


def export(journey: JourneyMap, table_name: str, format_name: str, excel: bool = False) -> bytes:
    """The file of one table (or, for XLSX, of every table with `all`)."""
    names = list(TABLE_DEFINITIONS) if table_name == "all" else [table_name]
    tables = [(TABLE_DEFINITIONS[name], table_rows(journey, TABLE_DEFINITIONS[name])) for name in names]
    if format_name == "xlsx":
        return xlsx_bytes(tables)
    ((table, rows),) = tables
    return csv_bytes(table, rows, excel)


def _nowhere() -> Any:
    from cjm.errors import Position

    return Position("cjm")
