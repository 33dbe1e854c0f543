"""Making user text inert in Markdown and Mermaid: text is data, never markup."""

from __future__ import annotations

import re

_MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]|~])")
_LINE_START_MARKERS = re.compile(r"^(\s*)([#>+=-])", re.MULTILINE)
_LINE_START_NUMBERS = re.compile(r"^(\s*\d+)([.)])", re.MULTILINE)
_NEWLINES = re.compile(r"\r\n|\r|\n")
_DANGEROUS_SCHEMES = re.compile(r"\b(javascript|vbscript|data|file)\s*:", re.IGNORECASE)
_MERMAID_UNSAFE = re.compile(r"[:;#\n\r\t<>{}\[\]`\"]")
# Words Mermaid's journey lexer reads as keywords at the start of a line, whatever follows,
# and '%', which starts a comment there. A zero-width space (not whitespace to the lexer)
# before them keeps the text a task's text. '%%' right after a token's first character is a
# comment too ('5%% off'), so no '%%' is left anywhere.
_MERMAID_LINE_START = re.compile(r"^(?=section\b|title\b|journey\b|acctitle|accdescr|%)", re.IGNORECASE)
_MERMAID_DOUBLE_PERCENT = re.compile(r"%(?=%)")
ZERO_WIDTH_SPACE = "\u200b"


def _escape_html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def markdown_inline(value: object) -> str:
    """Text that GitHub shows as written: no HTML, no links, no emphasis, one line."""
    text = _escape_html(str(value))
    text = _MARKDOWN_SPECIALS.sub(r"\\\1", text)
    # `javascript:` cannot become a link once brackets are escaped, but GitHub autolinks
    # some schemes in bare text: break the scheme so nothing ever resolves.
    text = _DANGEROUS_SCHEMES.sub(lambda match: match.group(1) + "&#58;", text)
    text = _LINE_START_MARKERS.sub(r"\1\\\2", text)
    text = _LINE_START_NUMBERS.sub(r"\1\\\2", text)
    return _NEWLINES.sub("<br>", text.strip())


def markdown_cell(value: object) -> str:
    """A table cell that keeps its column count whatever the text holds."""
    if value is None or value == "":
        return " "
    return markdown_inline(value)


def markdown_heading(value: object) -> str:
    return markdown_inline(_NEWLINES.sub(" ", str(value)))


def mermaid_text(value: object) -> str:
    """Text for a Mermaid journey: its syntax uses ':', ';', '#' and new lines, so they go, and a
    line that starts with a keyword ('Section 2 …') or '%' is kept from being read as one."""
    text = _MERMAID_UNSAFE.sub(" ", str(value))
    text = _DANGEROUS_SCHEMES.sub(lambda match: match.group(1) + " ", text)
    text = " ".join(_MERMAID_DOUBLE_PERCENT.sub("% ", text).split()) or "-"
    return _MERMAID_LINE_START.sub(ZERO_WIDTH_SPACE, text)


def mermaid_actor(value: object) -> str:
    """Actors are separated by commas in Mermaid."""
    return mermaid_text(str(value).replace(",", " "))
