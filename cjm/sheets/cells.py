"""The text of one spreadsheet cell: lists, booleans, and formulas made inert (OWASP).

A spreadsheet runs a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
as a formula (OWASP, "CSV Injection"): `=HYPERLINK(...)` in a pain point would reach
whoever opens the export. OWASP's remedy is a leading single quote, which spreadsheets
read as "this is text" and do not show. To restore the value exactly, the quote must be
recognisable: it is added to every cell that starts with any number of quotes followed
by one of those characters, and taken from exactly those cells on import. So `-x` is
written `'-x`, a value that really is `'=x` is written `''=x`, and `'hello` stays as it
is. A negative number such as `-1` (an emotion) is left alone: a spreadsheet reads it as
a number, never as a formula.
"""

from __future__ import annotations

import re

from cjm.vocabulary import LIST_SEPARATOR

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NEEDS_QUOTE = re.compile(r"'*[=+\-@\t\r]")
_NEGATIVE_NUMBER = re.compile(r"-[0-9]+(\.[0-9]+)?")
# Characters that no spreadsheet cell holds (XML 1.0 forbids them in XLSX) and that mean a
# binary file when they turn up in a CSV: the C0 controls but tab, line feed and return.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def neutralise(text: str) -> str:
    """The cell to write for `text`: inert in a spreadsheet, and restorable by `restore`."""
    if _NEEDS_QUOTE.match(text) and not _NEGATIVE_NUMBER.fullmatch(text):
        return "'" + text
    return text


def restore(cell: str) -> str:
    """The value of a cell written by `neutralise` (or by hand in the same way)."""
    if cell.startswith("'") and _NEEDS_QUOTE.match(cell, 1) and not _NEGATIVE_NUMBER.fullmatch(cell, 1):
        return cell[1:]
    return cell


def join_items(items: list[str]) -> str:
    return LIST_SEPARATOR.join(items)


def split_items(cell: str) -> list[str]:
    """A list cell's items: separated by `;`, spaces around them dropped, empty items skipped."""
    return [item.strip() for item in cell.split(LIST_SEPARATOR.strip()) if item.strip()]


def control_character(text: str) -> str | None:
    """The first character of `text` that a spreadsheet cell cannot hold, as U+XXXX."""
    found = CONTROL.search(text)
    return f"U+{ord(found.group()):04X}" if found else None
