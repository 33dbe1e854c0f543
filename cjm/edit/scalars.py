"""YAML text for the values `cjm add` writes: plain where it reads back as the same text, else quoted.

"Reads back" is asked of every reader a map meets, not only of cjm: a value that YAML 1.1
(PyYAML, editors, yaml-language-server) or YAML 1.2 would read as a number, a date, a
boolean (`no`, `on`, `y`) or null is quoted, and so is anything the parser itself would
read as something else. Numbers that are numbers (an emotion) are written as they are.
"""

from __future__ import annotations

import re

import yaml

from cjm.edit.yaml_layout import EventLoader
from cjm.load.yaml_events import resolve_scalar

# Characters that may start a plain scalar with another meaning, or end one.
_INDICATORS = set("-?:,[]{}#&*!|>'\"%@`")
_FLOW_INDICATORS = set(",[]{}")
_YAML_11_BOOLEANS = {"y", "Y", "n", "N"}  # in the YAML 1.1 spec, though PyYAML does not resolve them
_RESOLVER = yaml.resolver.Resolver()
_STR_TAG = "tag:yaml.org,2002:str"
_ESCAPES = {
    "\0": "\\0",
    "\a": "\\a",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\v": "\\v",
    "\f": "\\f",
    "\r": "\\r",
    "\x1b": "\\e",
    '"': '\\"',
    "\\": "\\\\",
    "\x85": "\\N",
    "\u2028": "\\L",
    "\u2029": "\\P",
}
# What YAML allows in a file as it is (its "printable" set); the rest is written as an escape.
_UNPRINTABLE = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# Line breaks and look-alikes that are better written as escapes even inside quotes.
_QUOTE_UNSAFE = re.compile("[\t\n\r\x85\u2028\u2029\ufeff]")


def scalar(value: object, flow: bool = False) -> str:
    """The YAML text of one value: a whole number as it is, text plain if safe, else quoted."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise TypeError(f"cjm add writes text and whole numbers, not {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    if _plain_is_safe(value, flow):
        return value
    if not _UNPRINTABLE.search(value) and not _QUOTE_UNSAFE.search(value):
        return "'" + value.replace("'", "''") + "'"
    return '"' + "".join(_escaped(character) for character in value) + '"'


def _escaped(character: str) -> str:
    if character in _ESCAPES:
        return _ESCAPES[character]
    if not _UNPRINTABLE.match(character) and character != "\ufeff":
        return character
    code = ord(character)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _plain_is_safe(text: str, flow: bool) -> bool:
    if not text or text != text.strip(" ") or text[0] in _INDICATORS or text[-1] == ":":
        return False
    if _UNPRINTABLE.search(text) or _QUOTE_UNSAFE.search(text) or ": " in text or " #" in text:
        return False
    if flow and (_FLOW_INDICATORS.intersection(text) or ":" in text):
        return False
    return _reads_as_text(text) and _parses_back(text, flow)


def _reads_as_text(text: str) -> bool:
    """Text to every reader: not a number, date, boolean or null in YAML 1.1 or 1.2."""
    if text in _YAML_11_BOOLEANS or not isinstance(resolve_scalar(text), str):
        return False
    return _RESOLVER.resolve(yaml.ScalarNode, text, (True, False)) == _STR_TAG


def _parses_back(text: str, flow: bool) -> bool:
    """Whether the parser reads `text`, written plain where it will be written, as one plain scalar."""
    document = f"[{text}]" if flow else f"key: {text}"
    loader = EventLoader(document)
    try:
        scalars = []
        while loader.check_event():
            event = loader.get_event()
            if isinstance(event, yaml.ScalarEvent):
                scalars.append(event)
            elif isinstance(event, yaml.AliasEvent):
                return False
    except yaml.YAMLError:
        return False
    finally:
        loader.dispose()
    value = scalars[-1] if scalars else None
    expected = 1 if flow else 2
    return len(scalars) == expected and value is not None and value.value == text and not value.style


def flow_list(values: list[object]) -> str:
    return "[" + ", ".join(scalar(value, flow=True) for value in values) + "]"


def flow_mapping(item: dict[str, object]) -> str:
    """An element written `{key: value, key: [a, b]}`, for a list written in flow style."""
    parts = [
        f"{key}: {flow_list(value) if isinstance(value, list) else scalar(value, True)}"
        for key, value in item.items()
    ]
    return "{" + ", ".join(parts) + "}"
