"""Did you mean ...?: the closest known word, seen through letters that only look alike.

A Cyrillic `е`, a Greek `ο` or a full-width `ｅ` looks like the Latin letter in an editor,
so `nаme` (Cyrillic `а`) is an unknown key its writer cannot see. Words are compared by
their *skeleton*, in the spirit of Unicode TR39: NFKC first (full-width and styled letters,
ligatures), then the Cyrillic, Greek and other letters that are drawn like Latin ones are
read as those. The table is small on purpose: the look-alikes of the Latin letters that
keys, ids and rule codes are written in, not TR39's whole confusables list.
"""

from __future__ import annotations

import difflib
import unicodedata
from collections.abc import Iterable

from cjm.i18n import gettext as _

LATIN_LOOKALIKES = {
    # Cyrillic
    "а": "a", "е": "e", "һ": "h", "і": "i", "ј": "j", "ӏ": "l", "о": "o", "р": "p", "с": "c",
    "ѕ": "s", "у": "y", "х": "x", "ԁ": "d", "ԛ": "q", "ԝ": "w", "ɡ": "g",
    "А": "A", "В": "B", "Е": "E", "Ѕ": "S", "І": "I", "Ј": "J", "К": "K", "М": "M", "Н": "H",
    "О": "O", "Р": "P", "С": "C", "Т": "T", "У": "Y", "Х": "X", "Ԛ": "Q", "Ԝ": "W", "Ӏ": "l",
    # Greek
    "α": "a", "ϲ": "c", "ι": "i", "ϳ": "j", "κ": "k", "ν": "v", "ο": "o", "ρ": "p", "υ": "u",
    "χ": "x", "γ": "y",
    "Α": "A", "Β": "B", "Ε": "E", "Ζ": "Z", "Η": "H", "Ι": "I", "Κ": "K", "Μ": "M", "Ν": "N",
    "Ο": "O", "Ρ": "P", "Τ": "T", "Υ": "Y", "Χ": "X", "Ϲ": "C",
    # Armenian, and Latin letters that lose their dot or hook
    "օ": "o", "ս": "u", "հ": "h", "ո": "n", "ı": "i", "ȷ": "j", "ɑ": "a", "ɩ": "i", "ʏ": "y",
    # dashes and underscores that ids are written with
    "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "−": "-", "＿": "_",
}  # fmt: skip
_SKELETON = str.maketrans(LATIN_LOOKALIKES)


def skeleton(text: str) -> str:
    """What the text looks like, in Latin letters: 'nаme' (Cyrillic а) and 'ｎａｍｅ' are 'name'."""
    if text.isascii():
        return text
    # The table before NFKC too: NFKC turns some look-alikes (Greek lunate sigma) into letters
    # that look like no Latin one.
    return unicodedata.normalize("NFKC", text.translate(_SKELETON)).translate(_SKELETON)


def closest(word: str, known: Iterable[str], cutoff: float = 0.6) -> str | None:
    """The known word that `word` (not one of them) was most likely meant to be: one drawn
    the same, else the nearest by difflib's ratio (compared by how they look), else None."""
    by_look: dict[str, str] = {}
    for candidate in known:
        by_look.setdefault(skeleton(candidate), candidate)
    look = skeleton(word)
    if look in by_look:
        return by_look[look]
    scored = [(_likeness(look, other), other) for other in by_look]
    best = max((entry for entry in scored if entry[0][0] >= cutoff), default=None)
    return by_look[best[1]] if best else None


def _likeness(word: str, other: str) -> tuple[float, int]:
    """difflib's ratio; words equally close by spelling are told apart by number, so that
    CJM109 is nearer to CJM108 than to CJM210 (0 when either has no number)."""
    ratio = difflib.SequenceMatcher(None, word, other).ratio()
    digits = "".join(character for character in word if character.isdigit())[:6]
    others = "".join(character for character in other if character.isdigit())[:6]
    return ratio, -abs(int(digits) - int(others)) if digits and others else 0


def lookalike_note(word: str) -> str:
    """ "the 'а' is CYRILLIC SMALL LETTER A" for the first letter of `word` that only looks
    Latin, or '' when there is none: the part of a message that makes the invisible visible."""
    for character in word:
        if not character.isascii() and skeleton(character).isascii():
            name = unicodedata.name(character, f"U+{ord(character):04X}")
            return _("the '{character}' is {name}").format(character=character, name=name)
    return ""


def did_you_mean(word: str, known: Iterable[str], quote: str = "'") -> str:
    """' (did you mean 'name'? the 'а' is CYRILLIC SMALL LETTER A)', or '' without a near miss."""
    close = closest(word, known)
    if close is None:
        return ""
    note = lookalike_note(word) if skeleton(word) == skeleton(close) else ""
    return did_you_mean_text(f"{quote}{close}{quote}", note)


def did_you_mean_text(suggestion: str, note: str) -> str:
    """' (did you mean 'web'? the 'е' is ...)': the end of a message, in the interface language."""
    if note:
        return _(" (did you mean {suggestion}? {note})").format(suggestion=suggestion, note=note)
    return _(" (did you mean {suggestion}?)").format(suggestion=suggestion)
