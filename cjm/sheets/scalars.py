"""One value as YAML text: in the style the map already uses for it, and read back to check.

Rather than re-implement YAML's rules for plain scalars, each candidate is parsed in the
context it will sit in; the first that reads back as exactly the value is used, and a
double-quoted scalar (with escapes) always does.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

from cjm.sheets.spans import EventLoader

_NULLS = {"", "~", "null", "Null", "NULL"}
# What a double-quoted scalar must escape: YAML's non-printable characters and its line breaks.
_ESCAPE = re.compile('[\x00-\x1f\x7f-\x9f\u2028\u2029\ufeff\ud800-\udfff\ufffe\uffff"\\\\]')
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\", "\x00": "\\0"}


def double_quoted(text: str) -> str:
    return '"' + _ESCAPE.sub(lambda found: _escape(found.group()), text) + '"'


def _escape(character: str) -> str:
    return _NAMED.get(character) or f"\\u{ord(character):04x}"


def single_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def literal_block(text: str, indent: int, newline: str) -> str:
    lines = text.split("\n")
    return "|-" + "".join(newline + (" " * indent + line if line else "") for line in lines)


def typed(value: Any) -> str | None:
    """The plain text of a number or a boolean; None for text."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return None


def render(
    value: Any, style: str | None, flow: bool, rest_of_line: str = "", indent: int = 2, newline: str = "\n"
) -> str:
    """`value` as a scalar: in `style` ('', "'", '"', '|', '>'; None for a new key) when it reads back."""
    plain = typed(value)
    if plain is not None:
        return plain
    text = str(value)
    candidates = {
        None: [text],
        "": [text, single_quoted(text)],
        "'": [single_quoted(text)],
        '"': [],
        "|": [literal_block(text, indent, newline)],
        ">": [literal_block(text, indent, newline)],
    }[style]
    for candidate in candidates:
        if reads_back(candidate, text, flow, rest_of_line):
            return candidate
    return double_quoted(text)


def reads_back(candidate: str, text: str, flow: bool, rest_of_line: str = "") -> bool:
    """Whether `candidate` is one scalar whose value is `text`, in a block or flow context."""
    document = f"[{candidate}]" if flow else f"k: {candidate}{rest_of_line}"
    loader = EventLoader(document)
    scalars = []
    try:
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent):
                scalars.append(event)
            elif isinstance(event, yaml.AliasEvent | yaml.MappingStartEvent) and (flow or scalars):
                return False
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    wanted = 1 if flow else 2
    if len(scalars) != wanted:
        return False
    found = scalars[-1]
    if found.anchor or found.tag:
        return False
    return found.value == text and (found.style or found.value not in _NULLS)


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(render(item, None, flow=True) for item in items) + "]"
