"""What the diff knows about the model: each element in its place, its fields, its words.

Everything here reads the model's own field list, so a key the model gains is compared
without a line of code here.
"""

from __future__ import annotations

import datetime
import typing
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any

from cjm.i18n import N_
from cjm.model import Element, JourneyMap

# The words that name an element for people, in order of preference: a touchpoint by its action,
# a stage or persona by its name, a pain point or opportunity by its description.
OWN_WORDS = ("action", "name", "description")

# (N_: translated where people read them; the diff's own logic compares the English words.)
KINDS = {
    "personas": N_("persona"),
    "channels": N_("channel"),
    "stages": N_("stage"),
    "touchpoints": N_("touchpoint"),
    "pain_points": N_("pain point"),
    "opportunities": N_("opportunity"),
    "kpis": N_("KPI"),
    "data": N_("data item"),
}
MAP_KIND = N_("map")


@dataclass(eq=False, slots=True)
class Slot:
    """An element where it stands: its list, its position, its parent and its labels.

    `label` names it as `cjm check` does (`stages[pago].touchpoints[3]`: the id, else the
    1-based position); `position_label` always uses the position, as some rules do.
    """

    element: Element
    field: str
    index: int
    parent: Slot | None
    label: str
    position_label: str
    stage: str | None

    @property
    def kind(self) -> str:
        """For people: 'touchpoint', 'pain point'; the map itself is 'map'."""
        return KINDS.get(self.field, self.field) or MAP_KIND


def root_slot(journey: JourneyMap) -> Slot:
    return Slot(journey, "", 0, None, "", "", None)


def child_slots(parent: Slot, field: str) -> list[Slot]:
    """The slots of the elements in `parent`'s list `field`, in order."""
    items = getattr(parent.element, field, None)
    if not items:
        return []
    prefix = f"{parent.label}.{field}" if parent.label else field
    slots = []
    for index, element in enumerate(items, start=1):
        ident = getattr(element, "id", None)
        at = f"{prefix}[{index}]"
        label = f"{prefix}[{ident}]" if ident else at
        stage = ident if field == "stages" else parent.stage
        slots.append(Slot(element, field, index - 1, parent, label, at, stage))
    return slots


def element_id(element: Element) -> str | None:
    return getattr(element, "id", None)


@cache
def _field_kinds(model: type[Element]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(fields holding values, fields holding lists of elements) of a model, in its order."""
    values, children = [], []
    for name, info in model.model_fields.items():
        (children if _holds_elements(info.annotation) else values).append(name)
    return tuple(values), tuple(children)


def _holds_elements(annotation: Any) -> bool:
    if isinstance(annotation, type) and issubclass(annotation, Element):
        return True
    return any(_holds_elements(argument) for argument in typing.get_args(annotation))


def value_fields(element: Element) -> tuple[str, ...]:
    return _field_kinds(type(element))[0]


@cache
def _reader(model: type[Element]) -> attrgetter[Any]:
    return attrgetter(*_field_kinds(model)[0])


def raw_values(element: Element) -> Any:
    """Every value field as written, in one call: equal raw values, nothing to compare."""
    return _reader(type(element))(element)


def child_fields(element: Element) -> tuple[str, ...]:
    return _field_kinds(type(element))[1]


def value(element: Element, field: str) -> Any:
    """A field's value: what the map writes, or the model's default (`severity: medium`)."""
    return getattr(element, field, None)


def plain(found: Any) -> Any:
    """A value as JSON writes it: dates as ISO text, lists as lists."""
    if isinstance(found, (list, tuple)):
        return [plain(item) for item in found]
    if isinstance(found, (datetime.date, datetime.datetime)):
        return found.isoformat()
    if isinstance(found, Element):
        return own_fields(found)
    return found


def own_fields(element: Element) -> dict[str, Any]:
    """The keys the map writes for this element (not its lists of elements, which are
    reported one by one), as plain values."""
    written = element.model_fields_set
    return {name: plain(getattr(element, name)) for name in value_fields(element) if name in written}


def fingerprint(element: Element) -> tuple[Any, ...]:
    """Every value of an element as written, hashable: equal fingerprints, equal elements
    (their lists of elements aside)."""
    values = raw_values(element)
    values = values if isinstance(values, tuple) else (values,)
    return (type(element), *(tuple(item) if isinstance(item, list) else item for item in values))


def own_words(element: Element) -> str:
    """The element's own text (a touchpoint's action, a persona's name), else its id."""
    for name in OWN_WORDS:
        text = getattr(element, name, None)
        if isinstance(text, str) and text:
            return text
    return element_id(element) or ""
