"""Edit a map's text without losing the user's comments, key order or layout (`cjm add`).

ruamel.yaml's round-trip mode keeps comments, but it hangs the comments that follow a
list on the list's last item; appending after that item would leave a section heading
such as `# CHANNELS: ...` between the old last item and the new one. `append_item` moves
the part of that comment which is not the item's own to the new item.
"""

from __future__ import annotations

import copy
import io
import itertools
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

_ITEM = re.compile(r"^( *)- ")
_KEY = re.compile(r"^( *)[A-Za-z_][\w-]*:(\s|$)")


def detect_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as ruamel.yaml counts them, read from the file's layout."""
    lines = text.splitlines()
    mapping, offset = 2, 2
    for before, line in itertools.pairwise(lines):
        parent, item = _KEY.match(before), _ITEM.match(line)
        if parent and item and before.rstrip().endswith(":"):
            offset = len(item.group(1)) - len(parent.group(1))
            break
    for before, line in itertools.pairwise(lines):
        parent, child = _KEY.match(before), _KEY.match(line)
        if parent and child and before.rstrip().endswith(":") and not _ITEM.match(before):
            step = len(child.group(1)) - len(parent.group(1))
            if step > 0:
                mapping = step
                break
    return mapping, max(offset, 0) + 2, max(offset, 0)


class MapEditor:
    """A map's text, parsed for round-trip editing; `text()` gives it back, edited."""

    def __init__(self, text: str) -> None:
        self.yaml = YAML(typ="rt")
        self.yaml.preserve_quotes = True
        self.yaml.width = 1_000_000  # never wrap a long line the user wrote on one line
        mapping, sequence, offset = detect_indent(text)
        self.yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
        self.data: CommentedMap = self.yaml.load(text)

    def text(self) -> str:
        stream = io.StringIO()
        self.yaml.dump(self.data, stream)
        return stream.getvalue()

    def add_to_list(
        self,
        owner: CommentedMap,
        key: str,
        item: dict[str, Any],
        before: tuple[str, ...] = (),
        position: int | None = None,
    ) -> None:
        """Add `item` to the list under `key`, creating the list (before the first of `before`)."""
        items = owner.get(key)
        if isinstance(items, CommentedSeq):
            self.append_item(items, item, position)
            return
        new_list = CommentedSeq([_commented(item)])
        if key in owner:
            owner[key] = new_list  # `key:` with no value yet
            return
        keys = list(owner)
        index = next((keys.index(name) for name in before if name in owner), len(keys))
        if index < len(keys):
            owner.insert(index, key, new_list)
            return
        source = _tail_slot(owner)
        owner[key] = new_list
        if source is not None:
            _move_tail_comment(source, new_list, _column(owner), spaced=False)

    def append_item(self, items: CommentedSeq, item: dict[str, Any], position: int | None = None) -> None:
        """Add `item` to a list, at the end or at `position`, keeping the comments in place."""
        new = _commented(item)
        if position is not None and position < len(items):
            items.insert(position, new)
            return
        if not items or _is_flow(items):
            items.append(new)
            return
        blank_lines = _keep_own_end_comments(items)
        source = _tail_slot(items[-1])
        items.append(new)
        if blank_lines and source is not None:
            _blank_lines_after(new, source[0][source[1]], blank_lines)
        if source is not None:
            _move_tail_comment(source, new, _column(items[-2]), _spaced(items))


def _commented(value: Any) -> Any:
    """Plain data as ruamel nodes; lists of ids are written inline as `[a, b]`."""
    if isinstance(value, dict):
        node = CommentedMap()
        for key, item in value.items():
            node[key] = _commented(item)
        return node
    if isinstance(value, list):
        node = CommentedSeq(_commented(item) for item in value)
        if all(isinstance(item, str) and re.fullmatch(r"[\w-]+", item) for item in value):
            node.fa.set_flow_style()
        return node
    return value


def _is_flow(node: Any) -> bool:
    return bool(getattr(node, "fa", None) and node.fa.flow_style())


def _spaced(items: CommentedSeq) -> bool:
    """Whether the items of a list are separated by blank lines."""
    if len(items) < 2:
        return False
    slot = _tail_slot(items[0])
    token = slot[0][slot[1]] if slot else None
    return bool(token is not None and token.value.endswith("\n\n"))


def _tail_slot(node: Any) -> tuple[list[Any], int] | None:
    """Where ruamel keeps the comment that follows a node: (list, index), or None."""
    if isinstance(node, CommentedMap) and node:
        last = list(node)[-1]
        value = node[last]
        if isinstance(value, (CommentedMap, CommentedSeq)) and value and not _is_flow(value):
            return _tail_slot(value)
        slot = node.ca.items.setdefault(last, [None, None, None, None])
        return slot, 2
    if isinstance(node, CommentedSeq) and node:
        last = len(node) - 1
        value = node[last]
        if isinstance(value, (CommentedMap, CommentedSeq)) and value and not _is_flow(value):
            return _tail_slot(value)
        slot = node.ca.items.setdefault(last, [None, None, None, None])
        return slot, 0
    return None


def _keep_own_end_comments(items: CommentedSeq) -> int:
    """Comments ruamel keeps after the whole list, but indented as the last item's own, go with it.

    (ruamel puts them there when the last item ends with a flow value such as `[a, b]`.)
    Returns the number of blank lines that followed them, which belong after the list.
    """
    end = getattr(items.ca, "end", None)
    column = _column(items[-1])
    own = []
    while end and end[0] is not None and end[0].column >= column:
        own.append(end.pop(0))
    slot = _tail_slot(items[-1])
    if not own or slot is None or slot[0][slot[1]] is not None:
        end[0:0] = own
        return 0
    token = copy.copy(own[0])
    text = "\n" + "".join(" " * item.column + item.value for item in own)
    token.value = text.rstrip("\n") + "\n"
    slot[0][slot[1]] = token
    return len(text) - len(text.rstrip("\n")) - 1


def _blank_lines_after(node: Any, model: Any, count: int) -> None:
    slot = _tail_slot(node)
    if slot is not None and slot[0][slot[1]] is None:
        token = copy.copy(model)
        token.value = "\n" * (count + 1)
        slot[0][slot[1]] = token


def _column(node: Any) -> int:
    """The column of a mapping's keys: comment lines indented this far belong to it."""
    try:
        return int(node.lc.col)
    except (AttributeError, TypeError):
        return 1_000_000


def _move_tail_comment(source: tuple[list[Any], int], new: Any, own_column: int, spaced: bool) -> None:
    """Give `new` the comment lines after the old last node that are not that node's own."""
    token = source[0][source[1]]
    target = _tail_slot(new)
    if token is None or target is None:
        return
    own, rest = _split_comment(token.value, own_column)
    if not rest and not spaced:
        return
    token.value = own + ("\n" if spaced and not own.endswith("\n\n") else "")
    moved = copy.copy(token)
    moved.value = "\n" + rest
    target[0][target[1]] = moved


def _split_comment(value: str, column: int) -> tuple[str, str]:
    """Split a trailing comment into the lines that belong to the item and the rest."""
    first, _, following = value.partition("\n")
    own = [first]
    lines = following.split("\n")
    index = 0
    while index < len(lines) and lines[index].strip().startswith("#") and _indent(lines[index]) >= column:
        own.append(lines[index])
        index += 1
    rest = "\n".join(lines[index:])
    return "\n".join(own) + "\n", rest


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))
