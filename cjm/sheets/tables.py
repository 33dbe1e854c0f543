"""The tables of a map: which elements each one lists, in map order, and the text of each cell."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, get_args, get_origin

from pydantic import BaseModel

from cjm.i18n import N_
from cjm.model import DataItem, Element, JourneyMap, Kpi, Opportunity, PainPoint, Stage, Touchpoint
from cjm.sheets.cells import join_items
from cjm.vocabulary import TABLES

Path = tuple[str | int, ...]  # keys and list indexes from the map's root: ('stages', 0, 'kpis', 1)


@dataclass(frozen=True)
class Table:
    """One kind of element as a table: its columns and where its elements live in a stage."""

    name: str
    columns: tuple[str, ...]
    model: type[Element]
    list_key: str  # the stage's list ('kpis'), or the touchpoint's ('data') for the data table
    key_column: str  # what names an element that has no id: its action, description or name
    noun: str  # what a user calls one element

    @property
    def has_ids(self) -> bool:
        return "id" in self.columns

    @property
    def scope_columns(self) -> tuple[str, ...]:
        """The columns that say which list a row's element is in."""
        return ("stage",) if self.has_ids else ("stage", "touchpoint")

    @property
    def match_columns(self) -> tuple[str, ...]:
        """The columns a row is matched by; a file must have them."""
        return ("stage", "id") if self.has_ids else ("stage", "touchpoint", "name")


# (N_: the nouns are translated where a message names an element.)
_DEFINITIONS: dict[str, tuple[type[Element], str, str, str]] = {
    "touchpoints": (Touchpoint, "touchpoints", "action", N_("touchpoint")),
    "pain_points": (PainPoint, "pain_points", "description", N_("pain point")),
    "opportunities": (Opportunity, "opportunities", "description", N_("opportunity")),
    "kpis": (Kpi, "kpis", "name", N_("KPI")),
    "data": (DataItem, "data", "name", N_("data item")),
}
TABLE_DEFINITIONS: dict[str, Table] = {
    name: Table(name, TABLES[name], *_DEFINITIONS[name]) for name in TABLES
}


@dataclass(frozen=True)
class Located:
    """An element of a table, where it is in the map, and the stage (and touchpoint) it is in."""

    path: Path
    stage: Stage
    element: Element
    touchpoint: Touchpoint | None = None  # the data table's items belong to one

    @property
    def index(self) -> int:
        return int(self.path[-1])


def located(journey: JourneyMap, table: Table) -> Iterator[Located]:
    """Every element a table lists, in map order."""
    for stage_index, stage in enumerate(journey.stages):
        if table.name == "data":
            for touchpoint_index, touchpoint in enumerate(stage.touchpoints):
                for index, item in enumerate(touchpoint.data):
                    path = ("stages", stage_index, "touchpoints", touchpoint_index, "data", index)
                    yield Located(path, stage, item, touchpoint)
            continue
        for index, element in enumerate(getattr(stage, table.list_key) or ()):
            yield Located(("stages", stage_index, table.list_key, index), stage, element)


def touchpoint_reference(touchpoint: Touchpoint) -> str:
    """How a data row names its touchpoint: by id, or by its action when it has none."""
    return touchpoint.id or touchpoint.action


def is_set(element: Element, column: str) -> bool:
    """Whether the map writes this key (a default the model fills in is not written)."""
    return column in element.model_fields_set


def cell_text(place: Located, column: str) -> str:
    """The text of one cell: the value as the map writes it, empty when the key is absent."""
    if column == "stage":
        return place.stage.id
    if column == "touchpoint" and place.touchpoint is not None:
        return touchpoint_reference(place.touchpoint)
    if not is_set(place.element, column):
        return ""
    return value_text(getattr(place.element, column))


def value_text(value: Any) -> str:
    """A value of the model as cell text: lists joined by '; ', booleans as true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return join_items([str(item) for item in value])
    return str(value)


def row_texts(place: Located, columns: tuple[str, ...]) -> list[str]:
    return [cell_text(place, column) for column in columns]


def field_kind(model: type[BaseModel], name: str) -> str:
    """'list', 'int', 'bool' or 'text': how a cell of this column is read."""
    annotation = model.model_fields[name].annotation
    for kind, wanted in (("list", list), ("bool", bool), ("int", int)):
        if _holds(annotation, wanted):
            return kind
    return "text"


def _holds(annotation: Any, wanted: type) -> bool:
    if annotation is wanted or get_origin(annotation) is wanted:
        return True
    return any(_holds(argument, wanted) for argument in get_args(annotation))


def element_data(element: BaseModel) -> dict[str, Any]:
    """The keys an element writes, as plain data, in the format's order (nested elements too).

    The loader shares one frozen fields set between elements written alike, which pydantic's
    own `model_dump(exclude_unset=True)` does not take; this reads the same keys.
    """
    return {
        name: _plain(getattr(element, name))
        for name in type(element).model_fields
        if name in element.model_fields_set
    }


def _plain(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return element_data(value)
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value
