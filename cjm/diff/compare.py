"""Two versions of a map, element by element: what was added, removed, changed and moved.

The walk goes level by level (the map; its personas, channels and stages; each stage's
lists; each touchpoint's data), pairing the elements of each level across all their
parents at once, so an element with an id is found in whichever stage it moved to.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cjm.diff.elements import (
    Slot,
    child_fields,
    child_slots,
    element_id,
    own_fields,
    own_words,
    plain,
    raw_values,
    root_slot,
    value,
    value_fields,
)
from cjm.diff.match import Pair, match, out_of_order
from cjm.model import JourneyMap

# The order of change kinds within a line, and the kinds the diff reports.
CHANGE_KINDS = ("removed", "added", "moved", "changed", "emotion", "opened", "resolved")


@dataclass(frozen=True, slots=True)
class Change:
    """One difference, in the shape of FORMAT.md's `cjm diff --format json` change.

    `stage` (the id of the stage it is shown under, None for the map itself), `kind` and
    `words` (the element's own text) are for the printers that write for people.
    """

    change: str
    element: str
    field: str | None
    old: Any
    new: Any
    line: int
    stage: str | None = None
    kind: str = ""
    words: str = ""

    def record(self) -> dict[str, Any]:
        return {
            "change": self.change,
            "element": self.element,
            "field": self.field,
            "old": self.old,
            "new": self.new,
            "line": self.line,
        }


@dataclass
class Comparison:
    """The changes between two maps, and the pairs behind them (findings and the journey's
    movement are read off the same pairing)."""

    changes: list[Change] = field(default_factory=list)
    pairs: dict[str, list[Pair]] = field(default_factory=dict)  # by list name: "touchpoints"

    def paired(self, kind: str) -> list[Pair]:
        return [pair for pair in self.pairs.get(kind, ()) if pair.old and pair.new]


def compare(old: JourneyMap, new: JourneyMap) -> Comparison:
    """Every added, removed, changed and moved element, and every changed field."""
    comparison = Comparison()
    roots = Pair(root_slot(old), root_slot(new))
    _compare_fields(roots, comparison.changes)
    pending = [[roots]]  # groups of pairs of elements of one kind (all stages, all touchpoints)
    while pending:
        pending += _compare_children(pending.pop(0), comparison)
    return comparison


def _compare_children(parents: list[Pair], comparison: Comparison) -> list[list[Pair]]:
    """Pair and compare the elements of every list of these parents; the pairs of each list."""
    groups: list[list[Pair]] = []
    sample = next((slot for pair in parents for slot in (pair.new, pair.old) if slot), None)
    counterpart = {id(pair.old): pair.new for pair in parents if pair.old and pair.new}
    for name in child_fields(sample.element) if sample else ():
        old = [slot for pair in parents if pair.old for slot in child_slots(pair.old, name)]
        new = [slot for pair in parents if pair.new for slot in child_slots(pair.new, name)]
        pairs = match(old, new, counterpart)
        _report(pairs, counterpart, comparison.changes)
        _report_reviews(parents, name, comparison.changes)
        comparison.pairs[name] = pairs
        if pairs:
            groups.append(pairs)
    return groups


def _report(pairs: list[Pair], counterpart: dict[int, Slot], changes: list[Change]) -> None:
    in_place: dict[int, list[Pair]] = {}
    for pair in pairs:
        if pair.old is None or pair.new is None:
            changes.append(_whole(pair))
            continue
        if counterpart.get(id(pair.old.parent)) is not pair.new.parent:
            changes.append(_moved_to_another_parent(pair))
        else:
            in_place.setdefault(id(pair.new.parent), []).append(pair)
        _compare_fields(pair, changes)
    for group in in_place.values():
        changes.extend(_moved_within(pair) for pair in out_of_order(group))


def _about(slot: Slot) -> dict[str, Any]:
    return {"stage": slot.stage, "kind": slot.kind, "words": own_words(slot.element)}


def _whole(pair: Pair) -> Change:
    """An element that is on one side only: reported with its own keys (its lists follow
    as elements of their own)."""
    if pair.new is not None:
        slot = pair.new
        return Change("added", slot.label, None, None, own_fields(slot.element), _line(slot), **_about(slot))
    slot = pair.old  # type: ignore[assignment]
    return Change("removed", slot.label, None, own_fields(slot.element), None, _line(slot), **_about(slot))


def _line(slot: Slot, key: str | None = None) -> int:
    return (slot.element.key_position(key) if key else slot.element.position).line


def _moved_to_another_parent(pair: Pair) -> Change:
    old, new = pair.old, pair.new
    assert old is not None and new is not None and old.parent and new.parent
    parent_kind = new.parent.kind.replace(" ", "_")
    before = element_id(old.parent.element) or old.parent.label
    after = element_id(new.parent.element) or new.parent.label
    return Change("moved", new.label, parent_kind, before, after, _line(new), **_about(new))


def _moved_within(pair: Pair) -> Change:
    old, new = pair.old, pair.new
    assert old is not None and new is not None
    return Change("moved", new.label, "position", old.index + 1, new.index + 1, _line(new), **_about(new))


def _compare_fields(pair: Pair, changes: list[Change]) -> None:
    """Every field of the model whose meaning differs (`language: en` written out or left to
    its default is the same map)."""
    old, new = pair.old, pair.new
    assert old is not None and new is not None
    if type(old.element) is type(new.element) and raw_values(old.element) == raw_values(new.element):
        return  # most elements of a big map did not change: one comparison in C says so
    for name in value_fields(new.element):
        before, after = value(old.element, name), value(new.element, name)
        if before != after:
            changes.append(_field_change(new, name, before, after))


def _field_change(slot: Slot, name: str, before: Any, after: Any) -> Change:
    line = _line(slot, name)
    return Change("changed", slot.label or "map", name, plain(before), plain(after), line, **_about(slot))


def _report_reviews(parents: list[Pair], name: str, changes: list[Change]) -> None:
    """A list that is absent means 'not reviewed', an empty one 'reviewed, none found'
    (`pain_points`): going from one to the other is a change of its own."""
    for pair in parents:
        if pair.old is None or pair.new is None:
            continue
        before, after = getattr(pair.old.element, name, None), getattr(pair.new.element, name, None)
        if (before is None) != (after is None) and not (before or after):
            changes.append(_field_change(pair.new, name, before, after))
