"""From the rows of a table to a change set: match each row to its element, keep what differs.

A row names its element by `stage` + `id`. A row without an id names the element without
an id of that stage whose cells are all the same, else the first whose action,
description or name is the same; any other row is a new element. Only cells that differ
from what the map writes become changes; every problem is reported at its row and column.
"""

from __future__ import annotations

import dataclasses
import difflib
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from cjm.errors import Problem
from cjm.i18n import gettext as _
from cjm.load.lookalikes import did_you_mean_text
from cjm.load.messages import article, value_message
from cjm.load.references import identified
from cjm.model import Element, JourneyMap, Stage, Touchpoint
from cjm.sheets.changes import ABSENT, AddElement, Cell, ChangeSet, RemoveElement, SetField
from cjm.sheets.read import Sheet
from cjm.sheets.tables import (
    Located,
    Path,
    Table,
    cell_text,
    element_data,
    field_kind,
    is_set,
    located,
    touchpoint_reference,
)
from cjm.vocabulary import ID_PATTERN, ID_RULE

_ID = re.compile(ID_PATTERN)
_INTEGER = re.compile(r"[-+]?[0-9]+")


@dataclass
class Columns:
    """Which column of the file holds which key of the table (1-based, as messages count)."""

    table: Table
    index: dict[str, int] = field(default_factory=dict)  # column name -> 0-based position

    def cell(self, sheet: Sheet, number: int, name: str) -> Cell:
        return Cell(sheet.display, number, self.index[name] + 1, name)

    def text(self, cells: list[str], name: str) -> str:
        position = self.index.get(name)
        if position is None or position >= len(cells):
            return ""
        return cells[position]


@dataclass
class _Scope:
    """The elements a row may name: of one stage (or one touchpoint, for the data table)."""

    path: Path  # of the list that holds them
    size: int
    # Elements without an id not matched yet, by their whole row and by their key column's
    # text, in map order: a map of 10,000 touchpoints without ids is matched in one pass.
    by_row: dict[tuple[str, ...], list[Located]] = field(default_factory=dict)
    by_key: dict[str, list[Located]] = field(default_factory=dict)
    rows: list[tuple[int | None, AddElement | None]] = field(default_factory=list)  # file order

    def take(self, place: Located, row: tuple[str, ...], key: str) -> Located:
        self.by_row[row].remove(place)
        self.by_key[key].remove(place)
        return place


class Matcher:
    """Turns the rows of one table into operations on one map, with every problem found."""

    def __init__(self, journey: JourneyMap, table: Table, columns: Columns, sheet: Sheet) -> None:
        self.journey, self.table, self.columns, self.sheet = journey, table, columns, sheet
        self.problems: list[Problem] = []
        self.changes = ChangeSet()
        self.places = list(located(journey, table))
        self.places_in: dict[Path, list[Located]] = {}
        for place in self.places:
            self.places_in.setdefault(place.path[:-1], []).append(place)
        self.matched: set[Path] = set()
        self.by_id: dict[str, list[Located]] = {}
        for place in self.places:
            ident = getattr(place.element, "id", None)
            if ident:
                self.by_id.setdefault(ident, []).append(place)
        self.stages = {stage.id: (index, stage) for index, stage in enumerate(journey.stages)}
        self.scopes: dict[Path, _Scope] = {}
        self.new_ids: dict[str, Cell] = {}

    def problem(self, cell: Cell, message: str) -> None:
        self.problems.append(Problem(cell.position, message))

    def run(self, delete_missing: bool) -> ChangeSet:
        for number, cells in self.sheet.rows:
            if number not in self.sheet.bad_rows:
                self.row(number, cells)
        self.place_additions()
        if delete_missing:
            for place in self.places:
                if place.path not in self.matched:
                    old = element_data(place.element)
                    self.changes.operations.append(RemoveElement(place.path, label_of(place), old))
        return self.changes

    # --- one row ------------------------------------------------------------------------

    def row(self, number: int, cells: list[str]) -> None:
        if len(cells) > len(self.sheet.header) and any(cells[len(self.sheet.header) :]):
            column = len(self.sheet.header) + 1
            self.problem(
                Cell(self.sheet.display, number, column), _("a cell outside the columns of the header")
            )
        scope = self.scope_of(number, cells)
        if scope is None:
            return
        place = self.find(number, cells, scope)
        if place is False:
            return
        if place is None:
            addition = self.addition(number, cells, scope)
            scope.rows.append((None, addition))
        else:
            self.matched.add(place.path)
            scope.rows.append((place.index, None))
            self.compare(number, cells, place)

    def scope_of(self, number: int, cells: list[str]) -> _Scope | None:
        stage_id = self.columns.text(cells, "stage").strip()
        stage_cell = self.columns.cell(self.sheet, number, "stage")
        if stage_id not in self.stages:
            self.problem(stage_cell, _unknown_stage(stage_id, list(self.stages)))
            return None
        stage_index, stage = self.stages[stage_id]
        if self.table.name != "data":
            path = ("stages", stage_index, self.table.list_key)
            return self._scope(path, stage, getattr(stage, self.table.list_key) or [])
        touchpoint = self.touchpoint_of(number, cells, stage)
        if touchpoint is None:
            return None
        touchpoint_index, found = touchpoint
        path = ("stages", stage_index, "touchpoints", touchpoint_index, "data")
        return self._scope(path, stage, found.data)

    def _scope(self, path: Path, stage: Stage, items: list[Any]) -> _Scope:
        if path not in self.scopes:
            scope = _Scope(path, len(items))
            for place in self.places_in.get(path, []):
                if not _has_id(place, self.table):
                    scope.by_row.setdefault(self.row_key(place), []).append(place)
                    scope.by_key.setdefault(self.key_text(place), []).append(place)
            self.scopes[path] = scope
        return self.scopes[path]

    def compared_columns(self) -> list[str]:
        return [name for name in self.columns.index if name not in self.table.scope_columns]

    def row_key(self, place: Located) -> tuple[str, ...]:
        return tuple(self.sheet.normal(cell_text(place, name)) for name in self.compared_columns())

    def key_text(self, place: Located) -> str:
        return self.sheet.normal(cell_text(place, self.table.key_column))

    def touchpoint_of(self, number: int, cells: list[str], stage: Stage) -> tuple[int, Touchpoint] | None:
        """The touchpoint a data row belongs to: by id, else by action (when it has no id)."""
        wanted = self.columns.text(cells, "touchpoint").strip()
        for index, touchpoint in enumerate(stage.touchpoints):
            if touchpoint.id == wanted:
                return index, touchpoint
        for index, touchpoint in enumerate(stage.touchpoints):
            if touchpoint.id is None and touchpoint.action == wanted:
                return index, touchpoint
        known = [touchpoint_reference(touchpoint) for touchpoint in stage.touchpoints]
        cell = self.columns.cell(self.sheet, number, "touchpoint")
        self.problem(cell, _unknown_touchpoint(stage.id, wanted, known))
        return None

    def find(self, number: int, cells: list[str], scope: _Scope) -> Located | bool | None:
        """The element a row names; None for a new one; False when the row is wrong."""
        if not self.table.has_ids:
            return self.find_without_id(cells, scope)
        ident = self.columns.text(cells, "id").strip()
        if not ident:
            return self.find_without_id(cells, scope)
        cell = self.columns.cell(self.sheet, number, "id")
        if not _ID.match(ident):
            message = _("id: {id} is not a valid id: use {rule} (no spaces)")
            self.problem(cell, message.format(id=repr(ident), rule=_(ID_RULE)))
            return False
        for place in self.by_id.get(ident, []):
            if place.path[:-1] == scope.path:
                if place.path in self.matched:
                    message = _("id: a second row for {kind} '{id}'")
                    self.problem(cell, message.format(kind=_(self.table.noun), id=ident))
                    return False
                return place
        return self.new_id(ident, cell)

    def new_id(self, ident: str, cell: Cell) -> bool | None:
        elsewhere = self.by_id.get(ident)
        if elsewhere:
            message = _(
                "id: {kind} '{id}' is in stage '{stage}': "
                "cjm import does not move elements between stages (change the stage in the map)"
            )
            self.problem(cell, message.format(kind=_(self.table.noun), id=ident, stage=elsewhere[0].stage.id))
            return False
        if ident in self.new_ids:
            message = _("id: '{id}' is already the id of row {row}")
            self.problem(cell, message.format(id=ident, row=self.new_ids[ident].row))
            return False
        self.new_ids[ident] = cell
        return None

    def find_without_id(self, cells: list[str], scope: _Scope) -> Located | None:
        """The first unmatched element without an id whose row is this one, else whose key is."""
        row = tuple(self.sheet.normal(self.columns.text(cells, name)) for name in self.compared_columns())
        same = scope.by_row.get(row)
        if not same and self.table.key_column in self.columns.index:
            same = scope.by_key.get(
                self.sheet.normal(self.columns.text(cells, self.table.key_column).strip())
            )
        if not same:
            return None
        place = same[0]
        return scope.take(place, self.row_key(place), self.key_text(place))

    # --- what a row changes -------------------------------------------------------------

    def compare(self, number: int, cells: list[str], place: Located) -> None:
        """A SetField for every cell that differs from what the map writes."""
        wanted: dict[str, Any] = {}
        for name in self.columns.index:
            if name in self.table.match_columns:
                continue
            text = self.columns.text(cells, name)
            if self.sheet.same(text, cell_text(place, name)):
                continue
            value = read_cell(self.table, name, text)
            current = getattr(place.element, name) if is_set(place.element, name) else ABSENT
            if value != current:
                wanted[name] = value
        if not wanted:
            return
        validated = self.validate(number, element_data(place.element), wanted)
        if validated is None:
            return
        for name in wanted:
            old = getattr(place.element, name) if is_set(place.element, name) else ABSENT
            new = getattr(validated, name) if is_set(validated, name) else ABSENT
            if new != old:
                cell = self.columns.cell(self.sheet, number, name)
                self.changes.operations.append(SetField(place.path, name, old, new, cell, label_of(place)))

    def addition(self, number: int, cells: list[str], scope: _Scope) -> AddElement | None:
        wanted: dict[str, Any] = {}
        for name in self.columns.index:
            if name == "stage" or (name == "touchpoint" and self.table.name == "data"):
                continue
            value = read_cell(self.table, name, self.columns.text(cells, name))
            if value is not ABSENT:
                wanted[name] = value
        validated = self.validate(number, {}, wanted)
        if validated is None:
            return None
        values = element_data(validated)
        cell = Cell(self.sheet.display, number)
        label = _label(
            self.journey, scope.path, values.get("id") or _short(values.get(self.table.key_column))
        )
        cells = {name: self.columns.cell(self.sheet, number, name) for name in values}
        addition = AddElement(scope.path, scope.size, values, cell, label, cells)
        self.changes.operations.append(addition)
        return addition

    def validate(self, number: int, data: dict[str, Any], wanted: dict[str, Any]) -> Element | None:
        """The element with the wanted values, or None after reporting why it cannot be."""
        for name, value in wanted.items():
            if value is ABSENT:
                data.pop(name, None)
            else:
                data[name] = value
        try:
            return self.table.model.model_validate(data)
        except ValidationError as error:
            for item in error.errors():
                self.report(number, item)
            return None

    def report(self, number: int, error: Any) -> None:
        key = next((step for step in error["loc"] if isinstance(step, str)), "")
        if error["type"] == "missing":
            message = _("{element} needs '{key}'").format(element=article(self.table.noun), key=key)
        else:
            message = value_message(error["type"], key, error)
            if f"'{key}'" not in message and not message.startswith(key):
                message = f"{key}: {message}"
        column = self.columns.index.get(key)
        cell = Cell(self.sheet.display, number, column + 1 if column is not None else 0, key)
        self.problem(cell, message)

    def place_additions(self) -> None:
        """Each new element goes after the element of the row above it (in the same list)."""
        changed: dict[int, AddElement] = {}
        for scope in self.scopes.values():
            before = None
            pending: list[AddElement] = []
            for index, addition in scope.rows:
                if addition is None and index is not None:
                    for waiting in pending:  # new rows above the first known one go before it
                        changed[id(waiting)] = _moved(waiting, index)
                    pending, before = [], index + 1
                elif addition is not None:
                    if before is None:
                        pending.append(addition)
                    else:
                        changed[id(addition)] = _moved(addition, before)
        operations = self.changes.operations
        operations[:] = [changed.get(id(operation), operation) for operation in operations]


def _moved(addition: AddElement, before: int) -> AddElement:
    return dataclasses.replace(addition, before=before)


def _has_id(place: Located, table: Table) -> bool:
    return table.has_ids and bool(getattr(place.element, "id", None))


def read_cell(table: Table, name: str, text: str) -> Any:
    """A cell's value for the model: ABSENT when empty; a list, a number or true/false by key."""
    text = text.strip()
    if not text:
        return ABSENT
    kind = field_kind(table.model, name)
    if kind == "list":
        from cjm.sheets.cells import split_items

        return split_items(text) or ABSENT
    if kind == "int" and _INTEGER.fullmatch(text):
        return int(text)
    if kind == "bool" and text.lower() in ("true", "false"):
        return text.lower() == "true"
    return text


def label_of(place: Located) -> str:
    ident = getattr(place.element, "id", None)
    return _label_path(place.stage, place.path, ident or str(place.index), place.touchpoint)


def _label(journey: JourneyMap, path: Path, name: str) -> str:
    stage = journey.stages[int(path[1])]
    touchpoint = stage.touchpoints[int(path[3])] if len(path) > 3 else None
    return _label_path(stage, (*path, 0), name, touchpoint)


def _label_path(stage: Stage, path: Path, name: str, touchpoint: Touchpoint | None) -> str:
    if touchpoint is not None:
        return f"stages[{stage.id}].touchpoints[{touchpoint.id or path[3]}].data[{name}]"
    return f"stages[{stage.id}].{path[2]}[{name}]"


def _short(text: Any) -> str:
    text = str(text or "")
    return repr(text if len(text) <= 30 else text[:27] + "...")


def _unknown_stage(value: str, known: list[str]) -> str:
    if not value:
        return _("stage: empty; give the id of a stage")
    message = _("stage: unknown stage '{value}'").format(value=value)
    listed = _("{message}; the stages are: {ids}")
    return _with_known(message, value, known, listed)


def _unknown_touchpoint(stage: str, value: str, known: list[str]) -> str:
    if not value:
        return _("touchpoint: empty; give the id of a touchpoint of stage '{stage}'").format(stage=stage)
    message = _("touchpoint: unknown touchpoint of stage '{stage}' '{value}'").format(
        stage=stage, value=value
    )
    listed = _("{message}; the touchpoints are: {ids}")
    return _with_known(message, value, known, listed)


def _with_known(message: str, value: str, known: list[str], listed: str) -> str:
    """The message, with the closest known id, else the first known ones, else as it is."""
    close = difflib.get_close_matches(value, known, n=1, cutoff=0.6)
    if close:
        return message + did_you_mean_text(f"'{close[0]}'", "")
    return listed.format(message=message, ids=", ".join(known[:8])) if known else message


def map_ids(journey: JourneyMap) -> Iterator[tuple[str, str, Element]]:
    """(id, kind, element) of every element with an id, KPIs included."""
    for kind, element, ident in identified(journey):
        yield ident, kind, element
    for stage in journey.stages:
        for kpi in stage.kpis:
            if kpi.id:
                yield kpi.id, "KPI", kpi
