"""Property tests: a map compared with itself has no changes, however it is written; and
random edits of a sample are each explained by the diff, and nothing else is reported."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cjm.diff.compare import compare
from cjm.diff.elements import Slot, child_fields, child_slots, root_slot
from cjm.load.journey import load_map, load_map_text
from cjm.model import JourneyMap, Touchpoint
from cjm.vocabulary import DIFF_FORMATS, EMOTIONS, LEVELS
from tests.conftest import sample_paths
from tests.fuzzing import mutated_sample_document, run_in_process, unicode_sample_document

MAPS = [
    *sample_paths(),
    Path(__file__).parent / "maps" / "base.yaml",
    Path(__file__).parent / "maps" / "edited.yaml",
]
JOURNEYS = {path.name: load_map(path) for path in MAPS}
TEXT_FIELDS = {
    "personas": ("name", "description"),
    "channels": ("name", "kind", "description"),
    "stages": ("name", "goal", "description", "duration"),
    "touchpoints": ("action", "thoughts", "owner"),
    "pain_points": ("description",),
    "opportunities": ("description", "owner"),
    "kpis": ("target", "current"),
}
TEXT = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=30)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def slots(journey: JourneyMap) -> list[Slot]:
    """Every element of the map in its place, outermost first."""
    found, pending = [], [root_slot(journey)]
    while pending:
        slot = pending.pop(0)
        for name in child_fields(slot.element):
            children = child_slots(slot, name)
            found += children
            pending += children
    return found


def observed(journey: JourneyMap, edited: JourneyMap) -> set[tuple]:
    """The changes, minus what follows from them (the curve, pain points opened)."""
    return {
        (change.change, change.element, change.field, _frozen(change.old), _frozen(change.new))
        for change in compare(journey, edited).changes
    }


def _frozen(value: object) -> object:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    if isinstance(value, dict):
        return frozenset((key, _frozen(item)) for key, item in value.items())
    return value


@st.composite
def written_differently(draw: st.DrawFn) -> tuple[str, str]:
    """A sample and its text as PyYAML writes the model: other quoting, styles, key order."""
    name = draw(st.sampled_from(sorted(JOURNEYS)))
    data = JOURNEYS[name].model_dump(mode="json", exclude_none=True)  # every default written out
    flow = draw(st.sampled_from([False, True, None]))
    text = yaml.safe_dump(
        data, allow_unicode=draw(st.booleans()), sort_keys=draw(st.booleans()), default_flow_style=flow
    )
    return name, "# written again by PyYAML\n" + text


@SETTINGS
@given(written_differently())
def test_a_map_against_itself_has_no_changes(case: tuple[str, str]) -> None:
    name, text = case
    journey = JOURNEYS[name]
    assert compare(journey, copy.deepcopy(journey)).changes == []
    assert compare(journey, load_map_text(text, "again.yaml")).changes == []


@dataclass
class Edits:
    """A copy of a sample, edited, and the change each edit must show in the diff."""

    journey: JourneyMap
    expected: set[tuple] = field(default_factory=set)
    touched: set[int] = field(default_factory=set)  # id() of elements already edited
    changed: list[tuple] = field(default_factory=list)  # (element, field, old, new)

    def all_expected(self) -> set[tuple]:
        """What the diff must show; a changed element is named by its place in the end."""
        labels = {id(slot.element): slot.label for slot in slots(self.journey)}
        changes = {
            ("changed", labels[id(element)], name, old, new) for element, name, old, new in self.changed
        }
        return self.expected | changes


def _untouched(edits: Edits, found: list[Slot]) -> list[Slot]:
    return [slot for slot in found if id(slot.element) not in edits.touched]


@st.composite
def edited(draw: st.DrawFn) -> tuple[JourneyMap, Edits]:
    name = draw(st.sampled_from(sorted(JOURNEYS)))
    original = JOURNEYS[name]
    edits = Edits(copy.deepcopy(original))
    for _ in range(draw(st.integers(1, 6))):
        draw(st.sampled_from([_edit_text, _edit_emotion, _edit_level, _add_evidence, _remove, _add, _move]))(
            draw, edits
        )
    return original, edits


def _pick(draw: st.DrawFn, edits: Edits, wanted: object) -> Slot | None:
    candidates = [slot for slot in _untouched(edits, slots(edits.journey)) if wanted(slot)]  # type: ignore[operator]
    if not candidates:
        return None
    slot = draw(st.sampled_from(candidates))
    edits.touched.add(id(slot.element))
    return slot


def _set(edits: Edits, slot: Slot, name: str, new: object) -> None:
    old = getattr(slot.element, name)
    setattr(slot.element, name, new)
    if old != new:
        edits.changed.append((slot.element, name, _frozen(old), _frozen(new)))


def _edit_text(draw: st.DrawFn, edits: Edits) -> None:
    """A text field of any element; by id, or for KPIs without one by their position (their
    name stays, so they are still found)."""
    slot = _pick(
        draw, edits, lambda slot: slot.field in TEXT_FIELDS and (slot.field == "kpis" or _has_id(slot))
    )
    if slot is not None:
        _set(edits, slot, draw(st.sampled_from(TEXT_FIELDS[slot.field])), draw(TEXT))


def _edit_emotion(draw: st.DrawFn, edits: Edits) -> None:
    """Any touchpoint's emotion, with or without an id (its action stays)."""
    slot = _pick(draw, edits, lambda slot: slot.field == "touchpoints")
    if slot is not None:
        _set(edits, slot, "emotion", draw(st.sampled_from([*EMOTIONS, None])))


def _edit_level(draw: st.DrawFn, edits: Edits) -> None:
    slot = _pick(draw, edits, lambda slot: slot.field == "pain_points" and _has_id(slot))
    if slot is not None:
        _set(edits, slot, "severity", draw(st.sampled_from(LEVELS)))


def _add_evidence(draw: st.DrawFn, edits: Edits) -> None:
    slot = _pick(draw, edits, lambda slot: slot.field in ("personas", "touchpoints") and _has_id(slot))
    if slot is not None:
        _set(edits, slot, "evidence", [*slot.element.evidence, draw(TEXT)])  # type: ignore[attr-defined]


def _remove(draw: st.DrawFn, edits: Edits) -> None:
    slot = _pick(draw, edits, lambda slot: slot.field == "touchpoints" and _has_id(slot))
    if slot is not None and slot.parent is not None:  # its id names it, whatever moved before it
        slot.parent.element.touchpoints.remove(slot.element)  # type: ignore[attr-defined]
        edits.expected.add(("removed", slot.label, None, None, None))
        for number, _ in enumerate(slot.element.data, start=1):  # type: ignore[attr-defined]
            edits.expected.add(("removed", f"{slot.label}.data[{number}]", None, None, None))


def _add(draw: st.DrawFn, edits: Edits) -> None:
    stage = draw(st.sampled_from(edits.journey.stages))
    ident = f"added-{len(edits.expected)}-{draw(st.integers(0, 10**6))}"
    action = draw(TEXT.filter(str.strip))  # the model strips text, and an action is required
    touchpoint = Touchpoint(id=ident, action=action, channel=edits.journey.channels[0].id)
    stage.touchpoints.append(touchpoint)
    edits.touched.add(id(touchpoint))
    edits.expected.add(("added", f"stages[{stage.id}].touchpoints[{ident}]", None, None, None))


def _move(draw: st.DrawFn, edits: Edits) -> None:
    """A touchpoint with an id to the end of another stage."""
    slot = _pick(draw, edits, lambda slot: slot.field == "touchpoints" and _has_id(slot))
    others = [stage for stage in edits.journey.stages if slot and stage is not slot.parent.element]  # type: ignore[union-attr]
    if slot is None or slot.parent is None or not others:
        return
    target = draw(st.sampled_from(others))
    slot.parent.element.touchpoints.remove(slot.element)  # type: ignore[attr-defined]
    target.touchpoints.append(slot.element)  # type: ignore[arg-type]
    label = f"stages[{target.id}].touchpoints[{slot.element.id}]"  # type: ignore[attr-defined]
    edits.expected.add(("moved", label, "stage", slot.parent.element.id, target.id))  # type: ignore[attr-defined]


def _has_id(slot: Slot) -> bool:
    return getattr(slot.element, "id", None) is not None


def _comparable(found: set[tuple]) -> set[tuple]:
    """Additions and removals are checked by element (their content is the element's own)."""
    return {
        (kind, element, name, *((None, None) if kind in ("added", "removed") else (old, new)))
        for kind, element, name, old, new in found
    }


@SETTINGS
@given(edited())
def test_every_edit_is_explained_and_nothing_else_is_reported(case: tuple[JourneyMap, Edits]) -> None:
    original, edits = case
    assert _comparable(observed(original, edits.journey)) == edits.all_expected()


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.sampled_from(sample_paths()),
    mutated_sample_document() | unicode_sample_document(),
    st.sampled_from(DIFF_FORMATS),
)
def test_any_edit_of_a_sample_diffs_without_a_crash(
    tmp_path: Path, sample: Path, edited: str, fmt: str
) -> None:
    """Through the real entry point: exit 0 with a review, or 2 naming the file; never a traceback."""
    path = tmp_path / "edited.yaml"
    path.write_text(edited, encoding="utf-8", errors="surrogatepass")
    outcome = run_in_process("diff", "--format", fmt, str(sample), str(path))
    assert not outcome.crashed, outcome.output
    assert outcome.code == 0 or (outcome.code == 2 and "edited.yaml" in outcome.output), outcome.output
