"""Map text made safe where the portfolio puts it outside HTML: spreadsheet cells and terminals."""

from __future__ import annotations

import re

# C0 controls but tab and new lines, DEL and C1: invalid in CSV cells and HTML, and escape
# sequences for whoever prints them on a terminal.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Bidirectional overrides and isolates reorder what a terminal shows ("Trojan Source").
_BIDI_CONTROLS = re.compile(r"[\u202a-\u202e\u2066-\u2069]")
_NEW_LINES = re.compile(r"\r\n|\r|\n")
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def plain(value: object) -> str:
    """Text without control characters; None is the empty text."""
    if value is None:
        return ""
    return _CONTROL_CHARACTERS.sub("", str(value))


def spreadsheet_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading `'` where it would start a formula."""
    text = plain(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def terminal_line(value: object) -> str:
    """Text for one line of a terminal: no controls, no reordering, new lines as spaces."""
    text = _BIDI_CONTROLS.sub("", plain(value))
    return " ".join(_NEW_LINES.sub(" ", text).split())
