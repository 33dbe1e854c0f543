"""The project's brand (theme in cjm.yaml) and page size, checked before they reach a template."""

from __future__ import annotations

import base64
import re
from pathlib import Path

from cjm.errors import UserError
from cjm.render.view import Theme

LOGO_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
    ".svg": "image/svg+xml",
}
MAX_LOGO_BYTES = 2 * 1024 * 1024
_PAGE_NAMES = r"(a[0-6]|b[4-5]|letter|legal|ledger)"
_LENGTH = r"\d+(\.\d+)?(mm|cm|in|pt|px)"
_PAGE_SIZE = re.compile(
    rf"^(({_PAGE_NAMES})(\s+(landscape|portrait))?|(landscape|portrait)\s+{_PAGE_NAMES}|{_LENGTH}(\s+{_LENGTH})?)$",
    re.IGNORECASE,
)
_FONT_NAME = re.compile(r"^[\w \-]{1,64}$")


def page_size(value: str) -> str:
    """A CSS @page size such as 'A3 landscape', 'letter' or '420mm 297mm'."""
    normalized = " ".join(value.split())
    if not _PAGE_SIZE.match(normalized):
        raise UserError(
            f"page size {value!r} is not one of A0-A6, B4, B5, letter, legal, ledger "
            "(optionally 'landscape' or 'portrait') or 'WIDTH HEIGHT' like '420mm 297mm'"
        )
    return normalized


def font_family(value: str | None) -> str | None:
    """A font family name safe to put into CSS between quotes."""
    if value is None:
        return None
    if not _FONT_NAME.match(value.strip()):
        raise UserError(f"theme font {value!r}: use a font family name (letters, digits, spaces, '-')")
    return value.strip()


def logo_data_uri(root: Path, logo: str) -> str:
    """The logo file, which must lie inside the project folder, as a data: URI."""
    path = (root / logo).resolve()
    if not path.is_relative_to(root.resolve()):
        raise UserError(f"theme logo {logo!r} is outside the project folder {root}")
    media_type = LOGO_TYPES.get(path.suffix.lower())
    if media_type is None:
        raise UserError(f"theme logo {logo!r}: use a {', '.join(sorted(LOGO_TYPES))} file")
    if not path.is_file():
        raise UserError(f"theme logo {logo!r}: no such file in {root}")
    data = path.read_bytes()
    if len(data) > MAX_LOGO_BYTES:
        raise UserError(f"theme logo {logo!r} is larger than 2 MB")
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


def build_theme(root: Path, color: str | None, logo: str | None, font: str | None) -> Theme:
    return Theme(
        accent=color or Theme.accent,
        font=font_family(font),
        logo=logo_data_uri(root, logo) if logo else None,
    )
