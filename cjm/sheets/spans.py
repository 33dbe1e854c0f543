"""Where each node of a YAML text starts and ends, so that one value can be replaced in place.

The loader keeps where nodes start; an edit also needs where they end, their style (plain,
quoted, block, flow) and the column of a list's dashes. This reads libyaml's event stream
once more, from a text that the loader has already accepted, and keeps character offsets.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

try:  # libyaml is 4-10x faster; fall back to the pure-Python parser where it is missing
    from yaml import CSafeLoader as EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as EventLoader  # type: ignore[assignment]

_TRAILING_SPACE = " \t\r\n\x85\u2028\u2029"


@dataclass
class Node:
    """One node of the document: a scalar, an alias, a mapping or a list."""

    kind: str  # "scalar", "alias", "map" or "seq"
    start: int  # character offset where the node (its anchor, quote or bracket) starts
    end: int = 0  # offset just after its last character of content
    style: str = ""  # scalars: "", "'", '"', "|" or ">"
    flow: bool = False  # written inside [...] or {...}
    anchor: str | None = None
    items: list[Node] = field(default_factory=list)  # of a list
    keys: dict[str, Node] = field(default_factory=dict)  # of a mapping: the key's own node
    values: dict[str, Node] = field(default_factory=dict)  # of a mapping, in the file's order

    def at(self, path: tuple[str | int, ...]) -> Node:
        node = self
        for step in path:
            node = node.items[step] if isinstance(step, int) else node.values[step]
        return node

    def descendants(self) -> Iterator[Node]:
        yield self
        for child in [*self.keys.values(), *self.values.values(), *self.items]:
            yield from child.descendants()


def index_nodes(text: str) -> Node:
    """The node tree of a one-document YAML text (without a byte-order mark)."""
    loader = EventLoader(text)
    builder = _Builder(text)
    try:
        while loader.check_event():
            builder.handle(loader.get_event())
    finally:
        loader.dispose()
    if builder.root is None:  # pragma: no cover - the loader refused empty maps before
        raise ValueError("empty document")
    return builder.root


class _Builder:
    def __init__(self, text: str) -> None:
        self.text = text
        self.stack: list[tuple[Node, list[Any]]] = []  # open collection, pending key
        self.root: Node | None = None

    def handle(self, event: yaml.Event) -> None:
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.add(self.scalar(event))
        elif kind is yaml.AliasEvent:
            self.add(Node("alias", event.start_mark.index, event.end_mark.index, flow=self.in_flow()))
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            flow = bool(event.flow_style) or self.in_flow()
            node = Node("map" if kind is yaml.MappingStartEvent else "seq", event.start_mark.index)
            node.flow, node.anchor = flow, event.anchor
            self.stack.append((node, []))
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            node, _ = self.stack.pop()
            node.end = event.end_mark.index if node.flow else _last_end(node)
            self.add(node)

    def in_flow(self) -> bool:
        return bool(self.stack) and self.stack[-1][0].flow

    def scalar(self, event: yaml.ScalarEvent) -> Node:
        start, end = event.start_mark.index, event.end_mark.index
        style = event.style or ""
        if style in ("|", ">"):  # a block scalar's end mark is past its trailing line breaks
            end = start + len(self.text[start:end].rstrip(_TRAILING_SPACE))
        node = Node("scalar", start, end, style, self.in_flow(), event.anchor)
        node.keys = {}
        return node

    def add(self, node: Node) -> None:
        if not self.stack:
            self.root = node
            return
        parent, pending = self.stack[-1]
        if parent.kind == "seq":
            parent.items.append(node)
        elif not pending:
            pending.append(node)
        else:
            key = pending.pop()
            name = self.text[key.start : key.end] if key.style == "" else _quoted_key(self.text, key)
            parent.keys[name] = key
            parent.values[name] = node


def _quoted_key(text: str, key: Node) -> str:
    return str(yaml.safe_load(text[key.start : key.end]))


def _last_end(node: Node) -> int:
    """Where a block collection's content ends: at its last value, before comments that follow."""
    children = node.items or list(node.values.values())
    return max((child.end for child in children), default=node.start)
