"""Apply a change set to a map's text, touching only the bytes of what changes.

Every edit is a replacement of a span of the original text (an insertion is an empty
span), found from the node tree of `spans`: a value replaced in its own style, a key added
after the key that precedes it in the format's order, a list item added or removed as
whole lines. Comments, blank lines, quoting, key order and line endings elsewhere stay
exactly as they were.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Any

from cjm.errors import Position, UserError
from cjm.i18n import gettext as _
from cjm.model import JourneyMap
from cjm.sheets.changes import ABSENT, AddElement, ChangeSet, RemoveElement, SetField
from cjm.sheets.scalars import flow_list, render
from cjm.sheets.spans import Node, index_nodes
from cjm.sheets.tables import Path

_BOM = "\ufeff"


class CannotEdit(UserError):
    """A change that cannot be written without changing more than it should."""


@dataclass(frozen=True, order=True)
class Edit:
    start: int
    end: int
    text: str


def apply_to_text(text: str, changes: ChangeSet, journey: JourneyMap, display: str) -> str:
    """The map's text with the change set applied; everything else byte for byte as it was."""
    bom = _BOM if text.startswith(_BOM) else ""
    editor = TextEditor(text[len(bom) :], display)
    editor.apply(changes, journey)
    return bom + editor.result()


class TextEditor:
    """Collects edits at offsets of the original text, then makes the new text in one pass."""

    def __init__(self, text: str, display: str) -> None:
        self.text, self.display = text, display
        self.root = index_nodes(text)
        self.newline = "\r\n" if "\r\n" in text else "\r" if "\r" in text and "\n" not in text else "\n"
        self.edits: list[tuple[int, int, int, str]] = []  # start, end, order, text

    def result(self) -> str:
        pieces, cursor = [], 0
        for start, end, _order, text in sorted(self.edits):
            if start < cursor:  # pragma: no cover - the change set never edits one span twice
                message = _("{map}: two changes overlap at offset {offset}")
                raise CannotEdit(message.format(map=self.display, offset=start))
            pieces += [self.text[cursor:start], text]
            cursor = end
        return "".join([*pieces, self.text[cursor:]])

    def edit(self, start: int, end: int, text: str) -> None:
        self.edits.append((start, end, len(self.edits), text))

    # --- positions ----------------------------------------------------------------------

    def line_start(self, offset: int) -> int:
        return max(self.text.rfind("\n", 0, offset), self.text.rfind("\r", 0, offset)) + 1

    def line_end(self, offset: int) -> int:
        """The offset just past the line break that ends the line holding `offset`."""
        found = [
            index for index in (self.text.find("\n", offset), self.text.find("\r", offset)) if index >= 0
        ]
        if not found:
            return len(self.text)
        index = min(found)
        return index + (2 if self.text.startswith("\r\n", index) else 1)

    def column(self, offset: int) -> int:
        return offset - self.line_start(offset)

    def rest_of_line(self, offset: int) -> str:
        return self.text[offset : self.line_end(offset)].rstrip("\r\n")

    def position(self, offset: int) -> Position:
        line = self.text.count("\n", 0, offset) + 1
        return Position(self.display, line, self.column(offset) + 1)

    def insert_lines(self, offset: int, lines: list[str]) -> None:
        lead = self.newline if offset == len(self.text) and self.text and self.text[-1] not in "\r\n" else ""
        self.edit(offset, offset, lead + "".join(line + self.newline for line in lines))

    # --- the operations -----------------------------------------------------------------

    def apply(self, changes: ChangeSet, journey: JourneyMap) -> None:
        lists: dict[Path, list[Any]] = {}
        for operation in changes.operations:
            if isinstance(operation, SetField):
                self.set_field(operation, _model_at(journey, operation.element))
            elif isinstance(operation, AddElement):
                lists.setdefault(operation.into, []).append(operation)
            else:
                lists.setdefault(operation.element[:-1], []).append(operation)
        for path, operations in lists.items():
            self.edit_list(path, operations)

    def node(self, path: Path) -> Node:
        node = self.root
        for step in path:
            self.refuse_shared(node)
            node = node.items[step] if isinstance(step, int) else node.values[step]
        self.refuse_shared(node)
        return node

    def refuse_shared(self, node: Node) -> None:
        if node.anchor or node.kind == "alias":
            message = _(
                "this part of the map is an anchor or an alias (&name, *name) that other places "
                "share: cjm import would change them all; write it out, or edit it in the map"
            )
            raise CannotEdit("", [_problem(self.position(node.start), message)])

    def set_field(self, operation: SetField, element: Any) -> None:
        mapping = self.node(operation.element)
        if operation.key not in mapping.values:
            self.add_key(mapping, operation.key, operation.new, type(element))
        elif operation.new is ABSENT:
            self.remove_key(mapping, operation.key)
        else:
            node = self.node((*operation.element, operation.key))
            if node.kind == "seq" and isinstance(operation.new, list):
                old = operation.old if isinstance(operation.old, list) else []
                self.set_list(node, old, operation.new)
            else:
                self.replace_value(node, operation.key, operation.new)

    def replace_value(self, node: Node, key: str, value: Any) -> None:
        if isinstance(value, list):
            text = flow_list(value)
        else:
            style = node.style if node.kind == "scalar" and node.end > node.start else None
            indent = self.content_indent(node) if style in ("|", ">") else 2
            text = render(value, style, node.flow, self.rest_of_line(node.end), indent, self.newline)
        lead = " " if node.end == node.start and not node.flow else ""  # `owner:` had no value
        self.edit(node.start, node.end, lead + text)

    def content_indent(self, node: Node) -> int:
        body = self.text[self.line_end(node.start) : node.end]
        lines = [line for line in body.splitlines() if line.strip()]
        return min((len(line) - len(line.lstrip(" ")) for line in lines), default=2)

    def add_key(self, mapping: Node, key: str, value: Any, model: type) -> None:
        order = list(model.model_fields)
        present = [name for name in order[: order.index(key)] if name in mapping.values]
        rendered = flow_list(value) if isinstance(value, list) else render(value, None, mapping.flow)
        first = next(iter(mapping.keys.values()))
        if mapping.flow:
            if present:
                self.edit(
                    mapping.values[present[-1]].end, mapping.values[present[-1]].end, f", {key}: {rendered}"
                )
            else:
                self.edit(first.start, first.start, f"{key}: {rendered}, ")
            return
        column = self.column(first.start)
        if present:
            self.insert_lines(
                self.line_end(mapping.values[present[-1]].end), [" " * column + f"{key}: {rendered}"]
            )
        else:
            self.edit(first.start, first.start, f"{key}: {rendered}{self.newline}" + " " * column)

    def remove_key(self, mapping: Node, key: str) -> None:
        names = list(mapping.values)
        index = names.index(key)
        key_node, value = mapping.keys[key], mapping.values[key]
        following = mapping.keys[names[index + 1]] if index + 1 < len(names) else None
        if mapping.flow:
            if following is not None:
                self.edit(key_node.start, following.start, "")
            else:
                self.edit(mapping.values[names[index - 1]].end, value.end, "")
        elif not self.text[self.line_start(key_node.start) : key_node.start].strip():
            self.edit(self.line_start(key_node.start), self.line_end(value.end), "")
        elif following is not None:  # the first key of a list item, after its dash
            self.edit(key_node.start, following.start, "")
        else:  # pragma: no cover - an element always keeps a required key
            message = _("cannot remove '{key}' here").format(key=key)
            raise CannotEdit("", [_problem(self.position(key_node.start), message)])

    def set_list(self, node: Node, old: list[Any], new: list[Any]) -> None:
        if node.flow or len(node.items) != len(old):
            self.edit(node.start, node.end, self.flow_items(node, old, new))
            return
        dash = self.column(node.start)
        gap = node.items[0].start - node.start
        for tag, first, last, new_first, new_last in difflib.SequenceMatcher(None, old, new).get_opcodes():
            if tag in ("delete", "replace"):
                start = self.line_start(node.items[first].start)
                self.edit(start, self.line_end(node.items[last - 1].end), "")
            if tag in ("insert", "replace"):
                lines = [
                    " " * dash + "-" + " " * (gap - 1) + render(item, None, False)
                    for item in new[new_first:new_last]
                ]
                at = (
                    self.line_end(node.items[first - 1].end)
                    if first > 0
                    else self.line_start(node.items[0].start)
                )
                self.insert_lines(at, lines)

    def flow_items(self, node: Node, old: list[Any], new: list[Any]) -> str:
        kept = {value: self.text[item.start : item.end] for value, item in zip(old, node.items, strict=False)}
        return "[" + ", ".join(kept.get(item) or render(item, None, True) for item in new) + "]"

    # --- lists of elements --------------------------------------------------------------

    def edit_list(self, path: Path, operations: list[Any]) -> None:
        owner = self.node(path[:-1])
        key = str(path[-1])
        node = owner.values.get(key)
        if node is not None and node.kind == "seq" and node.items:
            self.edit_items(owner, key, node, operations)
            return
        additions = [op for op in operations if isinstance(op, AddElement)]
        if node is None:
            self.add_list_key(owner, key, additions)
        else:  # `key:`, `key: ~` or `key: []`: the items go on the lines below the key
            self.fill_empty_list(owner, key, node, additions)

    def edit_items(self, owner: Node, key: str, node: Node, operations: list[Any]) -> None:
        removed = {int(op.element[-1]) for op in operations if isinstance(op, RemoveElement)}
        additions = [op for op in operations if isinstance(op, AddElement)]
        for index in sorted(removed):
            self.refuse_anchors_in(node.items[index])
        if len(removed) == len(node.items) and not additions and node.flow:
            self.edit(node.start, node.end, "[]")
            return
        if len(removed) == len(node.items) and not additions:
            colon = self.text.index(":", owner.keys[key].end) + 1
            self.edit(colon, self.line_end(node.end) - len(self.line_break_at(node.end)), " []")
            return
        if node.flow:
            self.edit_flow_items(node, removed, additions)
            return
        for index in sorted(removed):
            item = node.items[index]
            self.edit(self.line_start(item.start), self.line_end(item.end), "")
        dash, column = self.column(node.start), self.column(node.items[0].start)
        for addition in additions:
            if addition.before > 0:
                at = self.line_end(node.items[addition.before - 1].end)
            else:  # before the comments above the first item, which are about it
                at = self.line_end(owner.keys[key].end)
            self.insert_lines(at, self.block_item(addition.values, dash, column))

    def line_break_at(self, offset: int) -> str:
        end = self.line_end(offset)
        rest = self.text[offset:end]
        return rest[len(rest.rstrip("\r\n")) :]

    def refuse_anchors_in(self, node: Node) -> None:
        for inner in node.descendants():
            self.refuse_shared(inner)

    def edit_flow_items(self, node: Node, removed: set[int], additions: list[AddElement]) -> None:
        pieces: list[str] = []
        for index in range(len(node.items) + 1):
            pieces += [self.flow_item(addition.values) for addition in additions if addition.before == index]
            if index < len(node.items) and index not in removed:
                pieces.append(self.text[node.items[index].start : node.items[index].end])
        self.edit(node.start, node.end, "[" + ", ".join(pieces) + "]")

    def add_list_key(self, owner: Node, key: str, additions: list[AddElement]) -> None:
        order = list(_model_of_mapping(key))
        present = [name for name in order[: order.index(key)] if name in owner.values]
        first = next(iter(owner.keys.values()))
        if owner.flow:
            items = ", ".join(self.flow_item(addition.values) for addition in additions)
            anchor = owner.values[present[-1]].end if present else None
            if anchor is None:
                self.edit(first.start, first.start, f"{key}: [{items}], ")
            else:
                self.edit(anchor, anchor, f", {key}: [{items}]")
            return
        column = self.column(first.start)
        lines = [" " * column + f"{key}:"]
        dash = column + self.sequence_offset()
        for addition in additions:
            lines += self.block_item(addition.values, dash, dash + self.item_gap())
        at = self.line_end(owner.values[present[-1]].end) if present else self.line_start(first.start)
        if not present and self.text[self.line_start(first.start) : first.start].strip():
            message = _("cannot add '{key}' before this key").format(key=key)
            raise CannotEdit("", [_problem(self.position(first.start), message)])
        self.insert_lines(at, lines)

    def fill_empty_list(self, owner: Node, key: str, node: Node, additions: list[AddElement]) -> None:
        if owner.flow:
            items = ", ".join(self.flow_item(addition.values) for addition in additions)
            self.edit(node.start, node.end, f"[{items}]")
            return
        column = self.column(owner.keys[key].start)
        start = node.start
        if not self.rest_of_line(node.end).strip():  # no comment after it: drop the space before too
            while start > 0 and self.text[start - 1] in " \t":
                start -= 1
        self.edit(start, node.end, "")
        dash = column + self.sequence_offset()
        lines = [
            line
            for addition in additions
            for line in self.block_item(addition.values, dash, dash + self.item_gap())
        ]
        self.insert_lines(self.line_end(node.end), lines)

    def block_item(self, values: dict[str, Any], dash: int, column: int) -> list[str]:
        lines = []
        for index, (key, value) in enumerate(values.items()):
            rendered = flow_list(value) if isinstance(value, list) else render(value, None, False)
            lead = " " * dash + "-" + " " * (column - dash - 1) if index == 0 else " " * column
            lines.append(f"{lead}{key}: {rendered}")
        return lines

    def flow_item(self, values: dict[str, Any]) -> str:
        parts = [
            f"{key}: {flow_list(value) if isinstance(value, list) else render(value, None, True)}"
            for key, value in values.items()
        ]
        return "{" + ", ".join(parts) + "}"

    def sequence_offset(self) -> int:
        """How far this file indents a list's dashes past its key (0 or 2, usually)."""
        for node in self.root.descendants():
            if node.kind == "map" and not node.flow:
                for name, value in node.values.items():
                    if value.kind == "seq" and not value.flow:
                        return max(self.column(value.start) - self.column(node.keys[name].start), 0)
        return 2

    def item_gap(self) -> int:
        """How far this file puts an item's first key past its dash (2 for '- ')."""
        for node in self.root.descendants():
            if node.kind == "seq" and not node.flow and node.items and node.items[0].kind == "map":
                return max(self.column(node.items[0].start) - self.column(node.start), 2)
        return 2


def _model_at(journey: JourneyMap, path: Path) -> Any:
    element: Any = journey
    for step in path:
        element = element[step] if isinstance(step, int) else getattr(element, step)
    return element


def _model_of_mapping(key: str) -> dict[str, Any]:
    from cjm.model import Stage, Touchpoint

    return Touchpoint.model_fields if key == "data" else Stage.model_fields


def _problem(position: Position, message: str) -> Any:
    from cjm.errors import Problem

    return Problem(position, message)
