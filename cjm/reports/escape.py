"""Text from a map or a file name, made inert before it reaches a terminal or a report.

A key holding a newline would start a line of its own (`::error ...` on stderr is a
workflow command to GitHub Actions), ESC drives the terminal, a right-to-left override
turns `'evil.yaml'` around on the screen, and NUL makes JUnit XML unreadable. So every
printer shows such characters as escapes: `\\n`, `\\x1b`, `\\u202e`.

Shown as escapes: the C0 and C1 controls and DEL (NEL, U+0085, among them), the line and
paragraph separators U+2028 and U+2029, the format characters (bidi embeddings, overrides
and isolates, marks, zero-width spaces, tags, the BOM), lone surrogates (from file names
that are not UTF-8) and the noncharacters (U+FFFE, U+FFFF, ...), which XML forbids. The
zero-width joiner and non-joiner stay: emoji and several scripts need them.
"""

from __future__ import annotations

import re

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}

# The characters above, as code point ranges (Unicode 14, Python 3.11's unicodedata;
# tests/reports/test_forgery.py checks them against the running Python's). U+200C and
# U+200D, the zero-width non-joiner and joiner, are left out: words and emoji need them.
_HIDDEN_RANGES = (
    (0x0000, 0x001F), (0x007F, 0x009F), (0x00AD, 0x00AD), (0x0600, 0x0605), (0x061C, 0x061C),
    (0x06DD, 0x06DD), (0x070F, 0x070F), (0x0890, 0x0891), (0x08E2, 0x08E2), (0x180E, 0x180E),
    (0x200B, 0x200B), (0x200E, 0x200F), (0x2028, 0x202E), (0x2060, 0x2064), (0x2066, 0x206F),
    (0xD800, 0xDFFF), (0xFDD0, 0xFDEF), (0xFEFF, 0xFEFF), (0xFFF9, 0xFFFB), (0xFFFE, 0xFFFF),
    (0x110BD, 0x110BD), (0x110CD, 0x110CD), (0x13430, 0x13438), (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A), (0xE0001, 0xE0001), (0xE0020, 0xE007F),
    *((plane + 0xFFFE, plane + 0xFFFF) for plane in range(0x10000, 0x110000, 0x10000)),
)  # fmt: skip
_HIDDEN = re.compile("[" + "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in _HIDDEN_RANGES) + "]")


def _escape(match: re.Match[str]) -> str:
    character = match.group()
    if character in _NAMED:
        return _NAMED[character]
    point = ord(character)
    if point < 0x100:
        return f"\\x{point:02x}"
    return f"\\u{point:04x}" if point < 0x10000 else f"\\U{point:08x}"


def visible(text: str) -> str:
    """`text` with every control, format or separator character written as an escape."""
    if text.isascii() and text.isprintable():
        return text  # the common case, without a regex
    return _HIDDEN.sub(_escape, text)
