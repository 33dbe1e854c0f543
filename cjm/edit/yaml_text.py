"""Insert a new element into a map's text and touch nothing else: the edit of `cjm add`.

The map is never parsed into data and dumped again (a dump rewrites `+5`, `1e400`, `~`, CRLF,
a BOM, `---`, escapes and indentation); the element's text is inserted at one offset taken
from the parser's marks, so every character of the file stays as it was, in order:

- in a block list (`- ` items), the element is whole new lines after the last item (or after
  the one it follows), indented as the items are, with the file's own line ending, after the
  comments indented as that item's own and before those of the next section;
- a list that does not exist yet is new lines too: `key:` and the element, before the keys
  it precedes (and their heading comments), or at the end of the mapping;
- in a flow list (`[...]`, `{...}`), the element goes inside the brackets, in flow style.

Where no such insertion is possible (a list shared through an alias, a value written `~`),
EditRefused says why and where, and nothing is written.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from cjm.edit.scalars import flow_list, flow_mapping, scalar
from cjm.edit.yaml_layout import (
    BREAKS,
    Layout,
    Node,
    column,
    line_end,
    line_number,
    line_start,
    next_line,
    previous_line,
    read_layout,
)
from cjm.errors import UserError
from cjm.i18n import gettext as _

DEFAULT_STEP = 2  # indentation of a list under its key, and of an item's keys after its "- "
_WORD = re.compile(r"[\w-]+")


class EditRefused(UserError):
    """The element cannot be inserted without changing what the user wrote.

    `reason`: why, without the FILE:LINE:COLUMN of the message, for a sentence of its own."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = message if reason is None else reason


@dataclass(frozen=True)
class Insertion:
    """Text to insert at an offset of the map's text."""

    offset: int
    text: str

    def applied_to(self, text: str) -> str:
        return text[: self.offset] + self.text + text[self.offset :]


class MapText:
    """A map's text (without its byte-order mark) and where its parts are written."""

    def __init__(self, text: str, display: str) -> None:
        self.text = text
        self.display = display
        self.layout: Layout = read_layout(text)
        self.newline = _newline(text)
        self._offsets: tuple[int, int] | None = None

    def owner(self, stage: str | None) -> list[Node]:
        """The nodes from the document to the mapping that gets the new list item: the map, or a stage."""
        root = self.layout.root
        if stage is None:
            return [root]
        stages = root.get("stages")
        if stages is not None:
            self._refuse_shared([root, stages], _("the stage '{stage}'").format(stage=stage))
        for item in stages.children if stages is not None else ():
            if item.kind == "mapping" and _text_of(item.get("id")) == stage:
                return [root, stages, item]
        message = _("{file}: the stage '{stage}' is not written as a mapping of its own")
        raise EditRefused(message.format(file=self.display, stage=stage))

    def add_to_list(
        self, chain: list[Node], key: str, item: dict, before: tuple[str, ...] = (), after: int | None = None
    ) -> Insertion:
        """Insert `item` into the list under `key` of the last node of `chain`, creating the list if needed.

        `after`: the index of the item it follows (default: at the end).
        """
        owner = chain[-1]
        key_node, items = owner.key(key), owner.get(key)
        self._refuse_shared([*chain, *([items] if items is not None else [])], f"'{key}'")
        if items is None:
            return self._new_key(owner, key, item, before)
        if items.kind == "scalar":
            return self._fill_empty(owner, key_node, items, key, item)
        if items.kind != "sequence":
            raise self._refusal(items, _("'{key}' is not a list").format(key=key))
        if items.flow:
            return self._into_flow_list(items, item, after)
        return self._into_block_list(items, item, after)

    # --- where an insertion is impossible ----------------------------------------------------

    def _refuse_shared(self, chain: list[Node], what: str) -> None:
        for node in chain:
            if node.kind == "alias":
                message = _(
                    "this is an alias (*{anchor}) of something written elsewhere; adding to {what} here "
                    "would add to every copy. Write it out in full, then run cjm add again"
                )
                raise self._refusal(node, message.format(anchor=node.anchor, what=what))
            if node.anchor is not None and node.anchor in self.layout.aliased:
                message = _(
                    "this is anchored as &{anchor} and repeated by *{anchor} elsewhere; adding to {what} "
                    "here would add to every copy. Write the copies out, then run cjm add again"
                )
                raise self._refusal(node, message.format(anchor=node.anchor, what=what))

    def _refusal(self, node: Node, why: str) -> EditRefused:
        position = f"{self.display}:{line_number(self.text, node.start)}:{column(self.text, node.start) + 1}"
        return EditRefused(_("{position}: cannot add here: {why}").format(position=position, why=why), why)

    # --- block lists ---------------------------------------------------------------------------

    def _into_block_list(self, items: Node, item: dict, after: int | None) -> Insertion:
        previous = items.children[-1 if after is None else after]
        dash = self._dash_column(items, previous)
        content = self._item_column(items, previous, dash)
        point, broken = self._after(previous, own_column=content)
        if _single_line_flow_mapping(self.text, previous):
            lines = [" " * dash + "- " + flow_mapping(item)]
        else:
            lines = self._block_item(item, dash, content)
        if self._spaced(items):
            lines.insert(0, "")
        return Insertion(point, self._lines(lines, broken))

    def _dash_column(self, items: Node, item: Node) -> int:
        """The column of the `-` before `item`."""
        offset = item.start - 1
        while offset >= 0 and self.text[offset] in " \t":
            offset -= 1
        if offset >= 0 and self.text[offset] == "-":
            return column(self.text, offset)
        if self.text[items.start] == "-":
            return column(self.text, items.start)
        raise self._refusal(item, _("cannot tell how the items of this list are indented"))

    def _item_column(self, items: Node, item: Node, dash: int) -> int:
        """The column of an item's keys: as in `item`, else as in the file, else two after the dash."""
        if item.kind == "mapping" and not item.flow and column(self.text, item.start) > dash + 1:
            return column(self.text, item.start)
        return dash + max(self._conventions()[1], 2)

    def _spaced(self, items: Node) -> bool:
        """Whether the last two items of a list are separated by a blank line."""
        if len(items.children) < 2:
            return False
        offset = next_line(self.text, items.children[-2].end)
        last = line_start(self.text, items.children[-1].start)
        while offset < last:
            if not self.text[offset : line_end(self.text, offset)].strip(" \t"):
                return True
            offset = next_line(self.text, offset)
        return False

    def _block_item(self, item: dict, dash: int, content: int) -> list[str]:
        """The lines of a new list item: `- key: value` at `dash`, its other keys at `content`."""
        step = max(self._conventions()[0], 0)
        lines = []
        for index, (key, value) in enumerate(item.items()):
            indent = " " * dash + "-" + " " * (content - dash - 1) if index == 0 else " " * content
            if isinstance(value, list) and value and not _inline(value):
                lines.append(f"{indent}{key}:")
                lines += [" " * (content + step) + "- " + scalar(text) for text in value]
            elif isinstance(value, list):
                lines.append(f"{indent}{key}: {flow_list(value)}")
            else:
                lines.append(f"{indent}{key}: {scalar(value)}")
        return lines

    def _after(self, node: Node, own_column: int) -> tuple[int, bool]:
        """Where lines go after `node`: past the rest of its last line and the comments that follow
        it indented at least `own_column` (its own); not past a less indented comment (the next
        section's). Also whether the file ends there without a line break."""
        text = self.text
        point = offset = self._end_of_line(node)
        while offset < len(text):
            line = text[offset : line_end(text, offset)]
            stripped = line.lstrip(" \t")
            if stripped.startswith("#") and len(line) - len(stripped) >= own_column:
                point = next_line(text, offset)
            elif stripped:
                break
            offset = next_line(text, offset)
        return point, point == len(text) and (not text or text[-1] not in BREAKS)

    def _end_of_line(self, node: Node) -> int:
        """The start of the line after the one `node` ends on; only a comment may follow it there."""
        end = node.end
        if end == line_start(self.text, end):  # a block scalar ends at the start of a line
            return end
        rest = self.text[end : line_end(self.text, end)].lstrip(" \t")
        if rest and not rest.startswith("#"):
            raise self._refusal(node, _("something else is written on the same line after it"))
        return next_line(self.text, end)

    def _lines(self, lines: list[str], broken: bool) -> str:
        """The lines as text to insert at a line start, or after a last line without a line break."""
        joined = self.newline.join(lines)
        return self.newline + joined if broken else joined + self.newline

    # --- a new key, or an empty one --------------------------------------------------------------

    def _new_key(self, owner: Node, key: str, item: dict, before: tuple[str, ...]) -> Insertion:
        if owner.flow:
            return self._into_flow_mapping(owner, key, item)
        key_column = column(self.text, owner.children[0].start)
        lines = [" " * key_column + key + ":", *self._list_under(owner, key_column, item)]
        heading = self._heading_of_first(owner, before, key_column)
        if heading is not None:
            return Insertion(heading, self._lines(lines, broken=False))
        point, broken = self._after(owner.children[-1], own_column=key_column)
        return Insertion(point, self._lines(lines, broken))

    def _list_under(self, owner: Node, key_column: int, item: dict) -> list[str]:
        """A new block list's first item, indented under its key as the owner's other lists are."""
        step = self._sibling_step(owner)
        dash = key_column + step
        return self._block_item(item, dash, dash + max(self._conventions()[1], 2))

    def _sibling_step(self, owner: Node) -> int:
        for key, value in owner.pairs():
            if value.kind == "sequence" and not value.flow and value.children:
                return max(self._dash_column(value, value.children[0]) - column(self.text, key.start), 0)
        return max(self._conventions()[0], 0)

    def _heading_of_first(self, owner: Node, before: tuple[str, ...], key_column: int) -> int | None:
        """The line start where the first key of `before` (with the comments heading it) begins;
        None when there is none, or it is not alone at the start of its line."""
        keys = [key for key, _ in owner.pairs()]
        for name in before:
            found = owner.key(name)
            if found is None:
                continue
            position = keys.index(found)
            start = line_start(self.text, found.start)
            if position == 0 or self.text[start : found.start].strip(" "):
                return None
            return self._heading_start(start, owner.children[2 * position - 1], key_column)
        return None

    def _heading_start(self, start: int, previous: Node, key_column: int) -> int:
        """Go up over the comment lines right above a key, indented no deeper than it."""
        text = self.text
        floor = (
            previous.end if previous.end == line_start(text, previous.end) else next_line(text, previous.end)
        )
        while start > floor:
            above = previous_line(text, start)
            if above < floor:
                break
            line = text[above : line_end(text, above)]
            stripped = line.lstrip(" \t")
            if not stripped.startswith("#") or len(line) - len(stripped) > key_column:
                break
            start = above
        return start

    def _fill_empty(self, owner: Node, key_node: Node | None, value: Node, key: str, item: dict) -> Insertion:
        """`key:` with nothing after it: the list goes on the lines below."""
        if value.value or value.style or value.start != value.end or key_node is None:
            written = self.text[value.start : value.end] or value.value
            message = _(
                "'{key}' is written as '{written}' (empty). cjm add only adds lines and never changes "
                "yours: write [] or nothing after '{key}:', then run cjm add again"
            )
            raise self._refusal(value, message.format(key=key, written=written))
        if owner.flow:
            message = _("'{key}' has no value inside {{...}}: write '{key}: []', then run cjm add again")
            raise self._refusal(value, message.format(key=key))
        key_column = column(self.text, key_node.start)
        point, broken = self._after(value, own_column=len(self.text) + 1)
        return Insertion(point, self._lines(self._list_under(owner, key_column, item), broken))

    # --- flow style ------------------------------------------------------------------------------

    def _into_flow_list(self, items: Node, item: dict, after: int | None) -> Insertion:
        text = flow_mapping(item)
        if not items.children:
            return Insertion(self.text.index("[", items.start) + 1, text)
        previous = items.children[-1 if after is None else after]
        return Insertion(previous.end, ", " + text)

    def _into_flow_mapping(self, owner: Node, key: str, item: dict) -> Insertion:
        text = f"{key}: [{flow_mapping(item)}]"
        if not owner.children:
            return Insertion(self.text.index("{", owner.start) + 1, text)
        return Insertion(owner.children[-1].end, ", " + text)

    # --- the file's conventions --------------------------------------------------------------------

    def _conventions(self) -> tuple[int, int]:
        """(how far a list is indented under its key, how far an item's keys are after its "- "),
        the most common in the file; 2 and 2 where it has no such list."""
        if self._offsets is None:
            steps: Counter[int] = Counter()
            gaps: Counter[int] = Counter()
            self._count_conventions(self.layout.root, steps, gaps)
            self._offsets = (_most_common(steps), _most_common(gaps))
        return self._offsets

    def _count_conventions(self, node: Node, steps: Counter[int], gaps: Counter[int]) -> None:
        pending = [node]
        while pending:
            node = pending.pop()
            if node.flow or node.kind not in ("mapping", "sequence"):
                continue
            if node.kind == "mapping":
                for key, value in node.pairs():
                    if value.kind == "sequence" and not value.flow:
                        steps[column(self.text, value.start) - column(self.text, key.start)] += 1
            else:
                for item in node.children:
                    if item.kind == "mapping" and not item.flow:
                        gaps[column(self.text, item.start) - column(self.text, node.start)] += 1
            pending.extend(node.children)


def _most_common(counts: Counter[int]) -> int:
    sensible = Counter({value: count for value, count in counts.items() if 0 <= value <= 16})
    return sensible.most_common(1)[0][0] if sensible else DEFAULT_STEP


def _newline(text: str) -> str:
    """The file's line ending: the most common of CR LF, LF and CR."""
    crlf = text.count("\r\n")
    counts = {"\r\n": crlf, "\n": text.count("\n") - crlf, "\r": text.count("\r") - crlf}
    best = max(counts, key=lambda ending: counts[ending])
    return best if counts[best] else "\n"


def _inline(values: list) -> bool:
    """Lists of ids, and of single words, are written `[a, b]`; lists of sentences one item a line."""
    return all(isinstance(value, str) and _WORD.fullmatch(value) for value in values)


def _single_line_flow_mapping(text: str, node: Node) -> bool:
    return node.kind == "mapping" and node.flow and line_start(text, node.start) == line_start(text, node.end)


def _text_of(node: Node | None) -> str | None:
    return node.value if node is not None and node.kind == "scalar" else None
