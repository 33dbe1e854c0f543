"""Paper: a CSS @page size ('A3 landscape', 'letter', '420mm 297mm') as millimetres."""

from __future__ import annotations

import re
from dataclasses import dataclass

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.vocabulary import PAPER_SIZES_MM

_NAMES = "|".join(PAPER_SIZES_MM)
_LENGTH = r"\d{1,5}(?:\.\d{1,3})?(?:mm|cm|in|pt|px)"
_NAMED = re.compile(
    rf"^(?:(?P<name>{_NAMES})(?:\s+(?P<after>landscape|portrait))?|(?P<before>landscape|portrait)\s+(?P<name2>{_NAMES}))$",
    re.IGNORECASE,
)
_LENGTHS = re.compile(rf"^(?P<width>{_LENGTH})(?:\s+(?P<height>{_LENGTH}))?$", re.IGNORECASE)
MM_PER_UNIT = {"mm": 1.0, "cm": 10.0, "in": 25.4, "pt": 25.4 / 72, "px": 25.4 / 96}
# A poster needs room for its columns; a sheet beyond two metres is no sheet a printer takes.
SMALLEST_SIDE_MM = 100
LARGEST_SIDE_MM = 2000


@dataclass(frozen=True)
class Paper:
    """A sheet: its CSS size as written and its width and height in millimetres."""

    css: str
    width: float
    height: float

    @property
    def short_side(self) -> float:
        return min(self.width, self.height)


def _millimetres(length: str) -> float:
    number = re.match(r"[\d.]+", length)
    assert number is not None  # the pattern above only lets lengths through
    return float(number.group()) * MM_PER_UNIT[length[number.end() :].lower()]


def _named(match: re.Match[str]) -> tuple[float, float]:
    width, height = PAPER_SIZES_MM[(match["name"] or match["name2"]).lower()]
    if (match["after"] or match["before"] or "portrait").lower() == "landscape":
        return height, width
    return width, height


def _size(normalized: str) -> tuple[float, float] | None:
    if named := _NAMED.match(normalized):
        return _named(named)
    if lengths := _LENGTHS.match(normalized):
        width = _millimetres(lengths["width"])
        return width, _millimetres(lengths["height"]) if lengths["height"] else width
    return None


def paper(value: str) -> Paper:
    """The paper of a page size; a size cjm cannot print on is a user error."""
    normalized = " ".join(value.split())
    size = _size(normalized)
    if size is None:
        message = _(
            "page size {value} is not one of A0-A6, B4, B5, letter, legal, ledger "
            "(optionally 'landscape' or 'portrait') or 'WIDTH HEIGHT' like '420mm 297mm'"
        )
        raise UserError(message.format(value=repr(value)))
    if min(size) < SMALLEST_SIDE_MM or max(size) > LARGEST_SIDE_MM:
        message = _("page size {value}: each side must be between {smallest} mm and {largest} m")
        raise UserError(
            message.format(value=repr(value), smallest=SMALLEST_SIDE_MM, largest=LARGEST_SIDE_MM // 1000)
        )
    return Paper(normalized, round(size[0], 2), round(size[1], 2))
