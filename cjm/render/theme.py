"""The project's brand (theme in cjm.yaml) and page size, checked before they reach a template."""

from __future__ import annotations

import base64
import re
from dataclasses import dataclass
from pathlib import Path

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.load.files import read_regular, resolved_inside
from cjm.render.colors import TEXT_CONTRAST, readable_accent
from cjm.render.paper import paper
from cjm.render.view import Theme
from cjm.vocabulary import IMAGE_TYPES

MAX_LOGO_BYTES = 2 * 1024 * 1024
_FONT_NAME = re.compile(r"^[\w \-]{1,64}$")


def page_size(value: str) -> str:
    """A CSS @page size such as 'A3 landscape', 'letter' or '420mm 297mm', checked."""
    return paper(value).css


def font_family(value: str | None) -> str | None:
    """A font family name safe to put into CSS between quotes."""
    if value is None:
        return None
    if not _FONT_NAME.match(value.strip()):
        message = _("theme font {font}: use a font family name (letters, digits, spaces, '-')")
        raise UserError(message.format(font=repr(value)))
    return value.strip()


def logo_data_uri(root: Path, logo: str) -> str:
    """The logo file, which must lie inside the project folder, as a data: URI.

    Read as a regular file of at most 2 MB: a named pipe, a device or a sparse file of
    gigabytes is refused before anything is read."""
    path = resolved_inside(root / logo, root)
    if path is None:
        message = _("theme logo {logo} is outside the project folder {folder}")
        raise UserError(message.format(logo=repr(logo), folder=root))
    media_type = IMAGE_TYPES.get(path.suffix.lower())
    if media_type is None:
        message = _("theme logo {logo}: use a {types} file")
        raise UserError(message.format(logo=repr(logo), types=", ".join(sorted(IMAGE_TYPES))))
    if not path.exists():
        raise UserError(_("theme logo {logo}: no such file in {folder}").format(logo=repr(logo), folder=root))
    data = read_regular(path, MAX_LOGO_BYTES, _("theme logo {logo}").format(logo=repr(logo)), "logos")
    return f"data:{media_type};base64,{base64.b64encode(data).decode('ascii')}"


@dataclass(frozen=True)
class ThemeChoice:
    """The theme to draw with, and what cjm changed in the brand to keep it readable."""

    theme: Theme
    warnings: list[str]


def readable_color(color: str | None, where: str) -> tuple[str, list[str]]:
    """The theme colour, or the nearest darker shade of it that text can be read on and in."""
    if color is None:
        return Theme.accent, []
    chosen = readable_accent(color)
    if not chosen.changed:
        return chosen.color, []
    warning = _(
        "{where}: theme colour {color} gives text a contrast of {contrast}:1, "
        "below the {minimum}:1 of WCAG AA; using the darker {darker} instead"
    ).format(
        where=where,
        color=color,
        contrast=f"{chosen.given_contrast:.1f}",
        minimum=TEXT_CONTRAST,
        darker=chosen.color,
    )
    return chosen.color, [warning]


def build_theme(
    root: Path, color: str | None, logo: str | None, font: str | None, where: str = "cjm.yaml"
) -> ThemeChoice:
    accent, warnings = readable_color(color, where)
    theme = Theme(accent=accent, font=font_family(font), logo=logo_data_uri(root, logo) if logo else None)
    return ThemeChoice(theme, warnings)
