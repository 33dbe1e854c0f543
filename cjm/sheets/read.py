"""Reading a spreadsheet a user gives: bounded, never blocking, never following a link out of the project.

A spreadsheet is hostile input like a map: it may be 1 GB, a FIFO, a link to a secret, a
zip bomb, a million columns or a binary file. Each of these gets a clear message here, and
no reading goes past a known bound.
"""

from __future__ import annotations

import os
import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path
from typing import Any

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.sheets.cells import control_character, restore

MAX_FILE_BYTES = 32 * 1024 * 1024  # as for maps: a table of the biggest map cjm reads fits
MAX_UNPACKED_BYTES = 128 * 1024 * 1024  # what an XLSX file may unpack to: 4 times the biggest map
MAX_ZIP_MEMBERS = 1000
MAX_ROWS = 200_000
MAX_COLUMNS = 64  # a cjm table has at most 15; spreadsheets add a few empty ones at times
MAX_PROBLEMS = 200  # shown; a file with a million bad cells needs only the first ones

XLSX_MAGIC = b"PK\x03\x04"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


@dataclass
class Sheet:
    """One table read from a file: its header and rows as text, and what was wrong with cells."""

    display: str  # how messages name it: 'kpis.csv', or 'book.xlsx[kpis]'
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (row number in the spreadsheet, cells); blank rows left out
    name: str | None = None  # the sheet's own name in a workbook
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)  # rows with a cell that could not be read
    xml: bool = False  # from a workbook, whose XML turns every CR and CRLF into LF

    def normal(self, text: str) -> str:
        """`text` as this kind of file can hold it."""
        return text.replace("\r\n", "\n").replace("\r", "\n") if self.xml else text

    def same(self, cell: str, text: str) -> bool:
        """Whether a cell holds `text`, as far as this kind of file can hold it."""
        return cell == self.normal(text)

    def problem(self, row: int, column: int, message: str) -> None:
        self.problems.append(Problem(Position(self.display, row, column), message))
        self.bad_rows.add(row)


def read_bytes(path: Path, display: str, allowed_root: Path) -> bytes:
    """The bytes of a spreadsheet: a regular file of at most MAX_FILE_BYTES, inside the project
    when it is reached through a symbolic link."""
    _refuse_link_out(path, display, allowed_root)
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a FIFO must not block us
    except FileNotFoundError:
        raise LoadError([Problem(Position(display), _("no such file"))]) from None
    except IsADirectoryError:
        raise LoadError([Problem(Position(display), _(_FOLDER))]) from None
    except OSError as error:
        message = _("cannot read: {reason}").format(reason=error.strerror)
        raise LoadError([Problem(Position(display), message)]) from None
    try:
        _check_regular(os.fstat(descriptor), display)
        return _read_at_most(descriptor, display)
    except OSError as error:
        message = _("cannot read: {reason}").format(reason=error.strerror)
        raise LoadError([Problem(Position(display), message)]) from None
    finally:
        os.close(descriptor)


_FOLDER = N_("is a folder, not a spreadsheet file")


def _check_regular(info: os.stat_result, display: str) -> None:
    if stat.S_ISDIR(info.st_mode):
        raise LoadError([Problem(Position(display), _(_FOLDER))])
    if not stat.S_ISREG(info.st_mode):
        message = _("is not a regular file (a pipe or a device?): save the table to a file first")
        raise LoadError([Problem(Position(display), message)])
    if info.st_size > MAX_FILE_BYTES:
        raise LoadError([Problem(Position(display), _too_big(info.st_size))])


def _read_at_most(descriptor: int, display: str) -> bytes:
    """At most MAX_FILE_BYTES + 1 bytes: the file may grow while it is read."""
    chunks, size = [], 0
    while size <= MAX_FILE_BYTES:
        chunk = os.read(descriptor, min(1 << 20, MAX_FILE_BYTES + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > MAX_FILE_BYTES:
        raise LoadError([Problem(Position(display), _too_big(size))])
    return b"".join(chunks)


def _too_big(size: int) -> str:
    return _(
        "the file is {size} MB; cjm reads tables of at most "
        "{limit} MB (a table of a map is far smaller: is this the right file?)"
    ).format(size=f"{size / 1048576:.1f}", limit=MAX_FILE_BYTES // 1048576)


def _refuse_link_out(path: Path, display: str, allowed_root: Path) -> None:
    """A link (anywhere in the path) must lead to a file inside the project: a repository's
    `kpis.csv -> ~/.ssh/id_rsa` must not end up in the map or in an error message."""
    resolved = Path(os.path.realpath(path))
    if resolved == Path(os.path.abspath(path)) or inside_project(path, allowed_root):
        return
    root = Path(os.path.realpath(allowed_root))
    message = _(
        "is a link to a file outside the project ({target}); copy the file into {root} instead"
    ).format(target=resolved, root=root)
    raise LoadError([Problem(Position(display), message)])


def is_xlsx(data: bytes) -> bool:
    return data.startswith(XLSX_MAGIC)


# --- CSV ----------------------------------------------------------------------------------


def parse_csv(data: bytes, display: str) -> Sheet:
    """An RFC 4180 table (the delimiter may be ',', ';' or a tab, as Excel writes by locale).

    Bytes that are not UTF-8 are kept as lone surrogates while the table is split, so that
    each bad cell is reported at its row and column, all of them at once.
    """
    if data.startswith(_UTF16_BOMS):
        message = _("the file is UTF-16 text; save it as 'CSV UTF-8' (comma delimited)")
        raise LoadError([Problem(Position(display, 1, 1), message)])
    text = data.removeprefix(b"\xef\xbb\xbf").decode("utf-8", "surrogateescape")
    sheet = Sheet(display, [], [])
    records = _records(text, _delimiter(text), sheet)
    for number, cells in records:
        if number == 1:
            sheet.header = cells
        elif any(cell.strip() for cell in cells):
            sheet.rows.append((number, cells))
    if not sheet.header and not sheet.problems:
        raise LoadError([Problem(Position(display), _("the file is empty: the first row names the columns"))])
    _check_cells(sheet, restore)
    return sheet


def _delimiter(text: str) -> str:
    """The delimiter of the header row: the one it holds most (column names hold none)."""
    first = text.split("\n", 1)[0]
    counts = {delimiter: first.count(delimiter) for delimiter in (",", ";", "\t")}
    best = max(counts, key=lambda delimiter: counts[delimiter])
    return best if counts[best] else ","


def _records(text: str, delimiter: str, sheet: Sheet) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of each record; malformed quoting is a problem at its row and column."""
    quoted = re.compile(r'"((?:[^"]|"")*)"')
    plain = re.compile(rf'[^"{re.escape(delimiter)}\r\n][^{re.escape(delimiter)}\r\n]*|')
    end = re.compile(rf"{re.escape(delimiter)}|\r\n|\n|\r|\Z")
    position, number, size = 0, 1, len(text)
    while position < size and number <= MAX_ROWS + 1:
        cells, position = _record(text, position, (quoted, plain, end), delimiter, number, sheet)
        if cells is None:
            return
        yield number, cells
        number += 1
    if position < size:
        sheet.problem(
            number,
            1,
            _("more than {count} rows: a table of a map is never this long").format(count=f"{MAX_ROWS:,}"),
        )


def _record(
    text: str, position: int, patterns: tuple[re.Pattern[str], ...], delimiter: str, number: int, sheet: Sheet
) -> tuple[list[str] | None, int]:
    quoted, plain, end = patterns
    cells: list[str] = []
    column = 0
    while True:
        column += 1
        if text.startswith('"', position):
            found = quoted.match(text, position)
            if found is None:
                sheet.problem(number, column, _("a quote opens this cell and is never closed"))
                return None, len(text)
            value = found.group(1).replace('""', '"')
        else:
            found = plain.match(text, position)
            value = found.group()
        position = found.end()
        separator = end.match(text, position)
        if separator is None:
            sheet.problem(number, column, _('text after the closing quote of a cell (write "" for a quote)'))
            return None, len(text)
        if column <= MAX_COLUMNS:
            cells.append(value)
        elif value and column == MAX_COLUMNS + 1:
            sheet.problem(
                number,
                column,
                _("more than {count} cells in a row: a cjm table has at most 15").format(count=MAX_COLUMNS),
            )
        position = separator.end()
        if separator.group() != delimiter:
            return cells, position


def _check_cells(sheet: Sheet, transform: Any) -> None:
    """Undo the formula guard (CSV), and report cells that are not text a map can hold."""
    sheet.header = [
        _checked(sheet, 1, column, cell, transform) for column, cell in enumerate(sheet.header, 1)
    ]
    for number, cells in sheet.rows:
        cells[:] = [_checked(sheet, number, column, cell, transform) for column, cell in enumerate(cells, 1)]


_SURROGATE = re.compile("[\udc80-\udcff]")


def _checked(sheet: Sheet, row: int, column: int, cell: str, transform: Any) -> str:
    bad = _SURROGATE.search(cell)
    if bad:
        byte = ord(bad.group()) - 0xDC00
        message = _("the cell is not UTF-8 text (byte {byte}); save the file as 'CSV UTF-8'").format(
            byte=f"0x{byte:02x}"
        )
        sheet.problem(row, column, message)
        return ""
    control = control_character(cell)
    if control:
        message = _("the cell holds the control character {control}: is this a text table?")
        sheet.problem(row, column, message.format(control=control))
        return ""
    return transform(cell)


# --- XLSX ---------------------------------------------------------------------------------

XLSX_MISSING = N_(
    "reading and writing XLSX needs openpyxl: pip install 'journeymap[xlsx]' (or save the table as CSV UTF-8)"
)


def parse_xlsx(data: bytes, display: str) -> list[Sheet]:
    """Every worksheet of a workbook, as tables of text; formulas and error cells are problems."""
    _check_zip(data, display)
    workbook = _open_workbook(data, display)
    try:
        return [_worksheet(worksheet, display) for worksheet in workbook.worksheets]
    except Exception as error:  # openpyxl on a hostile file: anything from zipfile, XML or itself
        raise LoadError([Problem(Position(display), _unreadable(error))]) from None
    finally:
        workbook.close()


def _check_zip(data: bytes, display: str) -> None:
    """Bound what the workbook unpacks to before openpyxl opens it (a zip bomb is a few KB)."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception as error:  # BadZipFile, EOFError, NotImplementedError ("zip file version 8.5") ...
        raise LoadError([Problem(Position(display), _unreadable(error))]) from None
    unpacked = sum(member.file_size for member in members)
    if len(members) > MAX_ZIP_MEMBERS or unpacked > MAX_UNPACKED_BYTES:
        message = _(
            "the workbook unpacks to {size} MB in {parts} parts; cjm reads at most {limit} MB (a zip bomb?)"
        ).format(
            size=f"{unpacked / 1048576:,.0f}", parts=f"{len(members):,}", limit=MAX_UNPACKED_BYTES // 1048576
        )
        raise LoadError([Problem(Position(display), message)])


def _open_workbook(data: bytes, display: str) -> Any:
    try:
        import warnings

        import openpyxl
    except ImportError:
        raise LoadError([Problem(Position(display), _(XLSX_MISSING))]) from None
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "no default style" and the like: not the user's business
            return openpyxl.load_workbook(BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl on a hostile file: anything from zipfile, XML or itself
        raise LoadError([Problem(Position(display), _unreadable(error))]) from None


def _unreadable(error: Exception) -> str:
    detail = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return _(
        "not a readable XLSX workbook ({detail}); save it again from the spreadsheet, or as CSV UTF-8"
    ).format(detail=detail)


def _worksheet(worksheet: Any, display: str) -> Sheet:
    sheet = Sheet(f"{display}[{worksheet.title}]", [], [], worksheet.title, xml=True)
    # The bounds matter: openpyxl pads every row to the columns the sheet claims (16,384) and
    # fills in missing rows up to the last one (1,048,576).
    rows = worksheet.iter_rows(max_row=MAX_ROWS + 2, max_col=MAX_COLUMNS + 1)
    blank: Any = None  # openpyxl gives one and the same tuple for every missing row
    for number, row in enumerate(rows, 1):
        if number > MAX_ROWS + 1:
            sheet.problem(
                number,
                1,
                _("more than {count} rows: a table of a map is never this long").format(
                    count=f"{MAX_ROWS:,}"
                ),
            )
            break
        if row is blank:
            continue
        cells = _xlsx_cells(sheet, number, row)
        if number == 1:
            sheet.header = cells
        elif any(cell.strip() for cell in cells):
            sheet.rows.append((number, cells))
        else:
            blank = row
    _check_cells(sheet, lambda cell: cell)
    return sheet


def _xlsx_cells(sheet: Sheet, number: int, row: Any) -> list[str]:
    cells: list[str] = []
    for column, cell in enumerate(row, 1):
        text = _xlsx_text(sheet, number, column, cell)
        if column <= MAX_COLUMNS:
            cells.append(text)
        elif text:
            sheet.problem(
                number,
                column,
                _("more than {count} cells in a row: a cjm table has at most 15").format(count=MAX_COLUMNS),
            )
            break
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _xlsx_text(sheet: Sheet, number: int, column: int, cell: Any) -> str:
    value = getattr(cell, "value", None)
    kind = getattr(cell, "data_type", None)
    if kind == "f" or (isinstance(value, str) and kind != "s" and value.startswith("=")):
        sheet.problem(
            number, column, _("the cell holds a formula: cjm imports values (paste the values instead)")
        )
        return ""
    if kind == "e":
        sheet.problem(number, column, _("the cell holds the spreadsheet error {value}").format(value=value))

        return ""
    return cell_value_text(value)


def cell_value_text(value: Any) -> str:
    """A spreadsheet's typed value as the text a map holds: 2.0 is '2', TRUE is 'true'."""
    import datetime

    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time | datetime.timedelta):
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    return str(value)


def inside_project(path: Path, root: Path) -> bool:
    """Whether `path`, links followed, is inside the folder `root` (links followed too)."""
    resolved, folder = Path(os.path.realpath(path)), Path(os.path.realpath(root))
    return resolved == folder or folder in resolved.parents
