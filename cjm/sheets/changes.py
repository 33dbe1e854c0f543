"""A change set: what importing a table does to a map, as operations on elements by their path.

Each operation names the element by its path from the map's root (keys and list indexes of
the map as it is now), so that it can be applied both to the map's data, to know what the
map must become, and to the map's text, at the positions where the loader read each node.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjm.errors import Position
from cjm.i18n import gettext as _
from cjm.i18n import ngettext
from cjm.sheets.tables import Path


class _Absent:
    """A key the map does not write (an empty cell)."""

    def __repr__(self) -> str:
        return "absent"


ABSENT: Any = _Absent()


@dataclass(frozen=True)
class Cell:
    """Where a value comes from: a cell of a spreadsheet (column 0: the whole row)."""

    display: str
    row: int
    column: int = 0
    name: str = ""

    @property
    def position(self) -> Position:
        return Position(self.display, self.row, self.column or 1)

    def __str__(self) -> str:
        return f"{self.display}:{self.row}" + (f":{self.column}" if self.column else "")


@dataclass(frozen=True)
class SetField:
    """Give one key of an element a new value; ABSENT removes the key."""

    element: Path
    key: str
    old: Any
    new: Any
    cell: Cell
    label: str


@dataclass(frozen=True)
class AddElement:
    """Insert a new element into a list, before the item now at `before` (len: at the end)."""

    into: Path
    before: int
    values: dict[str, Any]
    cell: Cell  # the row
    label: str
    cells: dict[str, Cell] = field(default_factory=dict, compare=False)  # of each value


@dataclass(frozen=True)
class RemoveElement:
    """Remove an element that no row names (only with --delete-missing)."""

    element: Path
    label: str
    old: dict[str, Any]


Operation = SetField | AddElement | RemoveElement


@dataclass
class ChangeSet:
    """The operations of one import, in the order of the rows that caused them."""

    operations: list[Operation] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.operations)

    def counts(self) -> dict[str, int]:
        kinds = {SetField: "changed", AddElement: "added", RemoveElement: "removed"}
        found = {"changed": 0, "added": 0, "removed": 0}
        for operation in self.operations:
            found[kinds[type(operation)]] += 1
        return found

    def summary(self) -> str:
        """'2 changed, 1 added', each count with its own plural forms; 'no changes'."""
        counts = self.counts()
        forms = {
            "changed": ngettext("{count} changed", "{count} changed", counts["changed"]),
            "added": ngettext("{count} added", "{count} added", counts["added"]),
            "removed": ngettext("{count} removed", "{count} removed", counts["removed"]),
        }
        found = [forms[kind].format(count=count) for kind, count in counts.items() if count]
        return ", ".join(found) or _("no changes")

    def describe(self) -> list[str]:
        """One line an operation, for people (`--dry-run`)."""
        return [_describe(operation) for operation in self.operations]


def _describe(operation: Operation) -> str:
    # Each line's first word is padded so that the labels line up, in every language.
    if isinstance(operation, SetField):
        return _("changed {label} {key}: {old} -> {new}  ({cell})").format(
            label=operation.label,
            key=operation.key,
            old=_shown(operation.old),
            new=_shown(operation.new),
            cell=operation.cell,
        )
    if isinstance(operation, AddElement):
        return _("added   {label}  ({cell})").format(label=operation.label, cell=operation.cell)
    return _("removed {label}").format(label=operation.label)


def _shown(value: Any) -> str:
    if value is ABSENT:
        return _("(absent)")
    if isinstance(value, list):
        return "[" + ", ".join(_shown(item) for item in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return repr(value if len(value) <= 60 else value[:57] + "...")
    return str(value)


def apply_to_data(data: dict[str, Any], changes: ChangeSet) -> dict[str, Any]:
    """What the map's data (`model_dump(exclude_unset=True)`) becomes: the expected result."""
    for operation in changes.operations:
        if isinstance(operation, SetField):
            element = _at(data, operation.element)
            if operation.new is ABSENT:
                element.pop(operation.key, None)
            else:
                element[operation.key] = operation.new
    lists: dict[Path, list[Operation]] = {}
    for operation in changes.operations:
        if isinstance(operation, AddElement):
            lists.setdefault(operation.into, []).append(operation)
        elif isinstance(operation, RemoveElement):
            lists.setdefault(operation.element[:-1], []).append(operation)
    for path in sorted(lists, key=len, reverse=True):  # inner lists first, while indexes hold
        _rebuild_list(data, path, lists[path])
    return data


def _at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _rebuild_list(data: dict[str, Any], path: Path, operations: list[Operation]) -> None:
    owner = _at(data, path[:-1])
    old = owner.get(path[-1]) or []
    removed = {int(op.element[-1]) for op in operations if isinstance(op, RemoveElement)}
    added: dict[int, list[dict[str, Any]]] = {}
    for op in operations:
        if isinstance(op, AddElement):
            added.setdefault(op.before, []).append(dict(op.values))
    new: list[Any] = []
    for index in range(len(old) + 1):
        new.extend(added.get(index, []))
        if index < len(old) and index not in removed:
            new.append(old[index])
    owner[path[-1]] = new
