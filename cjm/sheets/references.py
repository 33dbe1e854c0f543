"""The ids and references of a map after an import: unique ids, and every reference names one.

Checked on the change set, before any text is written, so that a wrong channel id or a
duplicate id is reported at the spreadsheet cell that brought it in.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Any

from cjm.errors import Position, Problem
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.load.lookalikes import did_you_mean_text
from cjm.load.messages import article
from cjm.model import Element, JourneyMap
from cjm.sheets.changes import ABSENT, AddElement, Cell, ChangeSet, RemoveElement, SetField
from cjm.sheets.matching import map_ids
from cjm.sheets.tables import Path

# The key of each list of a stage that holds elements with ids, and the kind of those ids.
# (N_: translated where a message names one; compared here in English.)
KINDS = {
    "touchpoints": N_("touchpoint"),
    "pain_points": N_("pain point"),
    "opportunities": N_("opportunity"),
    "kpis": N_("KPI"),
}
# What each reference key of an element names.
REFERENCES = {
    "channel": N_("channel"),
    "personas": N_("persona"),
    "touchpoint": N_("touchpoint"),
    "addresses": N_("pain point"),
}


def reference_problems(journey: JourneyMap, changes: ChangeSet, display: str) -> list[Problem]:
    """Every duplicate id and dangling reference the change set would bring into the map."""
    removed = _removed_ids(journey, changes)
    existing = {ident: (kind, element) for ident, kind, element in map_ids(journey) if ident not in removed}
    problems = list(_duplicate_ids(changes, existing))
    kinds = {ident: kind for ident, (kind, _element) in existing.items()}
    for operation in changes.operations:
        if isinstance(operation, AddElement) and operation.values.get("id"):
            kinds.setdefault(
                operation.values["id"], KINDS[str(operation.into[-1])] if operation.into[-1] != "data" else ""
            )
    for key, ident, cell in _new_references(changes):
        if kinds.get(ident) != REFERENCES[key]:
            problems.append(Problem(cell.position, f"{key}: {_dangling(REFERENCES[key], ident, kinds)}"))
    problems.extend(_left_dangling(journey, changes, removed, display))
    return problems


def _removed_ids(journey: JourneyMap, changes: ChangeSet) -> dict[str, str]:
    found = {}
    for operation in changes.operations:
        if isinstance(operation, RemoveElement) and operation.old.get("id"):
            found[operation.old["id"]] = KINDS.get(str(operation.element[-2]), "")
    return found


def _duplicate_ids(changes: ChangeSet, existing: dict[str, tuple[str, Element]]) -> Iterator[Problem]:
    for operation in changes.operations:
        ident = operation.values.get("id") if isinstance(operation, AddElement) else None
        if ident in existing:
            kind, element = existing[ident]
            cell = operation.cells.get("id", operation.cell)
            where = element.position
            message = _("id: '{id}' is already the id of {element} ({where})")
            yield Problem(cell.position, message.format(id=ident, element=article(kind), where=where))


def _new_references(changes: ChangeSet) -> Iterator[tuple[str, str, Cell]]:
    """(key, id, cell) of every reference a changed or added cell holds."""
    for operation in changes.operations:
        if isinstance(operation, SetField) and operation.key in REFERENCES and operation.new is not ABSENT:
            for ident in _ids(operation.new):
                yield operation.key, ident, operation.cell
        elif isinstance(operation, AddElement):
            for key, value in operation.values.items():
                if key in REFERENCES:
                    for ident in _ids(value):
                        yield key, ident, operation.cells.get(key, operation.cell)


def _ids(value: Any) -> list[str]:
    return list(value) if isinstance(value, list) else [value]


def _dangling(kind: str, ident: str, kinds: dict[str, str]) -> str:
    if kinds.get(ident):
        return _("'{id}' is {kind}, not {expected}").format(
            id=ident, kind=article(kinds[ident]), expected=article(kind)
        )
    same_kind = [other for other, other_kind in kinds.items() if other_kind == kind]
    message = _("unknown {kind} '{id}'").format(kind=_(kind), id=ident)
    close = difflib.get_close_matches(ident, same_kind, n=1, cutoff=0.6)
    if close:
        return message + did_you_mean_text(f"'{close[0]}'", "")
    if same_kind:
        return _("{message}; the {kind}s are: {ids}").format(
            message=message, kind=_(kind), ids=", ".join(same_kind[:8])
        )
    return _("{message}: the map declares no {kind}").format(message=message, kind=_(kind))


def _left_dangling(
    journey: JourneyMap, changes: ChangeSet, removed: dict[str, str], display: str
) -> Iterator[Problem]:
    """References that stay in the map to elements that --delete-missing removes."""
    if not removed:
        return
    gone = {operation.element for operation in changes.operations if isinstance(operation, RemoveElement)}
    rewritten = {(op.element, op.key) for op in changes.operations if isinstance(op, SetField)}
    for path, element, key, ident in _references(journey):
        if ident in removed and path not in gone and (path, key) not in rewritten:
            kind = _(removed[ident]) if removed[ident] else ""
            message = _(
                "--delete-missing would remove {kind} '{id}', which "
                "{where} still names ('{key}'): remove or change that too"
            ).format(kind=kind, id=ident, where=element.position, key=key)
            yield Problem(Position(display), message)


def _references(journey: JourneyMap) -> Iterator[tuple[Path, Element, str, str]]:
    for stage_index, stage in enumerate(journey.stages):
        for index, pain_point in enumerate(stage.pain_points or ()):
            if pain_point.touchpoint:
                yield (
                    ("stages", stage_index, "pain_points", index),
                    pain_point,
                    "touchpoint",
                    pain_point.touchpoint,
                )
        for index, opportunity in enumerate(stage.opportunities):
            for ident in opportunity.addresses:
                yield ("stages", stage_index, "opportunities", index), opportunity, "addresses", ident
