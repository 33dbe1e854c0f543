"""Where each part of a map is written: its YAML nodes with their offsets in the text.

Read from libyaml's events, as `cjm/load` reads a map, but keeping what an insertion needs
and the loader drops: where each node ends, whether it is written in flow style (`[...]`,
`{...}`), its anchor, and which anchors aliases repeat. Offsets count characters of the
text (without a byte-order mark): libyaml's marks count characters, not bytes, in PyYAML
6.0.4 whether it is given text or bytes. The text is a map the loader has accepted, so it
is one document, at most 64 levels deep, without alias bombs.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import yaml

try:  # the same parser as the loader: a file means to cjm add what it means to cjm check
    from yaml import CSafeLoader as EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as EventLoader  # type: ignore[assignment]

# Line breaks as libyaml counts them (YAML 1.1): a NEL or a line separator ends a line too.
BREAKS = "\r\n\x85\u2028\u2029"


class Node:
    """One node: a mapping (children: key, value, key, value, ...), a sequence, a scalar or an alias.

    `end` is where its text ends; for a block collection, where its last value ends. `anchor`
    is its own &anchor, or for an alias the anchor it repeats. `style` is a scalar's: "" plain,
    "'", '"', "|", ">". (A plain class with slots: a big map has hundreds of thousands.)
    """

    __slots__ = ("anchor", "children", "end", "flow", "kind", "start", "style", "value")

    def __init__(
        self,
        kind: str,
        start: int,
        end: int = 0,
        flow: bool = False,
        anchor: str | None = None,
        value: str = "",
        style: str = "",
    ) -> None:
        self.kind = kind
        self.start = start
        self.end = end
        self.flow = flow
        self.anchor = anchor
        self.value = value
        self.style = style
        self.children: list[Node] = [] if kind in ("mapping", "sequence") else _NO_CHILDREN

    def pairs(self) -> Iterator[tuple[Node, Node]]:
        return zip(self.children[0::2], self.children[1::2], strict=True)

    def key(self, name: str) -> Node | None:
        """The key node `name` of a mapping, or None."""
        return next((key for key, _ in self.pairs() if key.kind == "scalar" and key.value == name), None)

    def get(self, name: str) -> Node | None:
        """The value of key `name` of a mapping, or None."""
        return next(
            (value for key, value in self.pairs() if key.kind == "scalar" and key.value == name), None
        )


_NO_CHILDREN: list[Node] = []  # shared by every scalar and alias, never written


@dataclass
class Layout:
    """A map's text and its nodes."""

    text: str
    root: Node
    aliased: set[str]  # anchors that some alias repeats


def read_layout(text: str) -> Layout:
    """The nodes of a map's text (without its byte-order mark)."""
    loader = EventLoader(text)
    builder = _Builder(text)
    try:
        while loader.check_event():
            builder.handle(loader.get_event())
    finally:
        loader.dispose()
    if builder.root is None:
        raise ValueError("no YAML document")  # the loader refuses an empty map first
    return Layout(text, builder.root, builder.aliased)


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[Node] = []
        self.root: Node | None = None
        self.aliased: set[str] = set()

    def handle(self, event: yaml.Event) -> None:
        start, end = event.start_mark.index, event.end_mark.index
        kind = type(event)
        if kind is yaml.ScalarEvent:
            style = event.style or ""
            node = Node("scalar", start, end, anchor=event.anchor, value=event.value, style=style)
            if style in ("|", ">"):
                node.end = block_scalar_end(self.text, start, end)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            name = "mapping" if kind is yaml.MappingStartEvent else "sequence"
            self.stack.append(Node(name, start, flow=bool(event.flow_style), anchor=event.anchor))
            return
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node = self.stack.pop()
            node.end = end if node.flow or not node.children else node.children[-1].end
        elif kind is yaml.AliasEvent:
            self.aliased.add(event.anchor)
            node = Node("alias", start, end, anchor=event.anchor)
        else:
            return
        if self.stack:
            self.stack[-1].children.append(node)
        else:
            self.root = node


def block_scalar_end(text: str, start: int, end: int) -> int:
    """Where a `|` or `>` scalar's own text ends.

    libyaml ends it after the blank lines that follow it. Unless it keeps them (`|+`), they
    are not part of its value, so what is inserted goes before them, next to the text above.
    """
    header = text[start : line_end(text, start)].split("#", 1)[0]
    if "+" in header:
        return end
    own_end = offset = next_line(text, start)
    while offset < end:
        if text[offset : line_end(text, offset)].strip(" \t"):
            own_end = next_line(text, offset)
        offset = next_line(text, offset)
    return min(own_end, end)


def line_start(text: str, offset: int) -> int:
    """The offset of the first character of the line `offset` is on."""
    while offset > 0 and text[offset - 1] not in BREAKS:
        offset -= 1
    return offset


def previous_line(text: str, offset: int) -> int:
    """The offset of the line before the one starting at `offset` (CR LF is one break)."""
    end = offset - 1
    if end > 0 and text[end] == "\n" and text[end - 1] == "\r":
        end -= 1
    return line_start(text, end)


def line_end(text: str, offset: int) -> int:
    """The offset of the line break ending the line `offset` is on (len(text) on the last line)."""
    while offset < len(text) and text[offset] not in BREAKS:
        offset += 1
    return offset


def next_line(text: str, offset: int) -> int:
    """The offset of the line after the one `offset` is on (len(text) on the last line)."""
    offset = line_end(text, offset)
    if text.startswith("\r\n", offset):
        return offset + 2
    return min(offset + 1, len(text))


def column(text: str, offset: int) -> int:
    return offset - line_start(text, offset)


def line_number(text: str, offset: int) -> int:
    """1-based, as libyaml counts lines (CR LF is one break)."""
    head = text[:offset].replace("\r\n", "\n")
    return 1 + sum(head.count(character) for character in BREAKS)
