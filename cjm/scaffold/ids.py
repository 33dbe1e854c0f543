"""Ids from names: `Sr. Jiménez` -> `sr-jimenez`, unique across the whole map."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

from cjm.i18n import gettext as _

ID_PATTERN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MAX_SLUG = 40

# Letters that Unicode does not decompose into a base letter and an accent.
_PLAIN_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "đ": "d"})


def slugify(text: str, fallback: str = "item") -> str:
    """A readable id from free text: lower case ASCII words joined by '-'."""
    plain = unicodedata.normalize("NFKD", text.translate(_PLAIN_LETTERS))
    ascii_text = plain.encode("ascii", "ignore").decode("ascii").lower()
    words = re.findall(r"[a-z0-9]+", ascii_text)
    slug = ""
    for word in words:
        candidate = f"{slug}-{word}" if slug else word
        if len(candidate) > MAX_SLUG:
            break
        slug = candidate
    return slug or fallback


def unique_id(wanted: str, taken: Collection[str]) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`... whichever is not taken yet."""
    if wanted not in taken:
        return wanted
    number = 2
    while f"{wanted}-{number}" in taken:
        number += 1
    return f"{wanted}-{number}"


def id_problem(candidate: str, taken: Collection[str]) -> str | None:
    """Why `candidate` cannot be a new id, in plain words; None when it can."""
    if not ID_PATTERN.match(candidate):
        return _("an id is 1-64 letters, digits, '-' or '_' (no spaces or accents)")
    if candidate in taken:
        return _("the id '{id}' is already used in this map; ids must be unique").format(id=candidate)
    return None
