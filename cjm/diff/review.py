"""What a change means for the journey: coverage, findings new and fixed, how each persona's
curve moved, which pain points opened or were resolved. One MapDiff per map."""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from cjm.check.run import MapResult
from cjm.diff.compare import CHANGE_KINDS, Change, Comparison, compare
from cjm.diff.elements import Slot, own_fields, own_words
from cjm.model import JourneyMap
from cjm.model.emotions import coverage_matrix
from cjm.rules import Finding

FindingKey = tuple[str, str, str]  # rule, element, message
EMOTION_DIGITS = 2  # averages of -2..2 scores: two decimals tell every change apart


@dataclass
class Version:
    """One side of a map: what it is called ("main", "working tree"), its model and check."""

    label: str
    result: MapResult | None = None

    @property
    def journey(self) -> JourneyMap | None:
        return self.result.journey if self.result else None


@dataclass
class MapDiff:
    """The review of one map: every change, the coverage and findings on both sides."""

    path: str
    old: Version
    new: Version
    changes: list[Change] = field(default_factory=list)
    new_findings: list[Finding] = field(default_factory=list)
    fixed_findings: list[Finding] = field(default_factory=list)
    failing: frozenset[str] = frozenset({"error"})
    stage_names: dict[str, str] = field(default_factory=dict)  # id: name, new names first
    persona_names: dict[str, str] = field(default_factory=dict)
    new_stage_lines: dict[str, int] = field(default_factory=dict)  # id: line in the new version

    def coverage(self, version: Version) -> float | None:
        return version.result.coverage if version.result else None

    @property
    def coverage_fell(self) -> bool:
        before, after = self.coverage(self.old), self.coverage(self.new)
        return before is not None and after is not None and after < before

    @property
    def new_failing(self) -> list[Finding]:
        return [finding for finding in self.new_findings if finding.severity in self.failing]

    @property
    def regression(self) -> bool:
        """FORMAT.md: coverage fell, or a finding at the failing severity is new."""
        return self.coverage_fell or bool(self.new_failing)

    def count(self, change: str) -> int:
        return sum(item.change == change for item in self.changes)

    def record(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "old": self.old.label,
            "new": self.new.label,
            "coverage": {"old": self.coverage(self.old), "new": self.coverage(self.new)},
            "changes": [change.record() for change in self.changes],
            "findings": {
                "new": [finding.record() for finding in self.new_findings],
                "fixed": [finding.record() for finding in self.fixed_findings],
            },
        }


def review(path: str, old: Version, new: Version, failing: frozenset[str]) -> MapDiff:
    """The MapDiff of two versions of a map; a version without a model is a missing map."""
    found = MapDiff(path, old, new, failing=failing)
    if old.journey is None or new.journey is None:
        _whole_map(found)
        return found
    comparison = compare(old.journey, new.journey)
    found.changes = comparison.changes + emotion_changes(comparison, old.journey, new.journey)
    found.changes += pain_point_changes(comparison, old.journey, new.journey)
    assert old.result is not None and new.result is not None
    found.new_findings, found.fixed_findings = finding_changes(comparison, old.result, new.result)
    _name_stages_and_personas(found, old.journey, new.journey)
    found.changes.sort(key=_reading_order(new.journey, old.journey))
    return found


def _whole_map(found: MapDiff) -> None:
    """A map on one side only is added or removed as a whole."""
    journey = found.new.journey or found.old.journey
    if journey is None:
        return
    content, line = own_fields(journey), journey.position.line
    if found.new.result is not None:
        found.changes = [Change("added", "map", None, None, content, line, kind="map")]
        found.new_findings = list(found.new.result.findings)
    elif found.old.result is not None:
        found.changes = [Change("removed", "map", None, content, None, line, kind="map")]
        found.fixed_findings = list(found.old.result.findings)
    _name_stages_and_personas(found, journey, journey)


def _name_stages_and_personas(found: MapDiff, old: JourneyMap, new: JourneyMap) -> None:
    for journey in (old, new):  # the new names win
        found.stage_names.update((stage.id, stage.name) for stage in journey.stages)
        found.persona_names.update((persona.id, persona.name) for persona in journey.personas)
    found.new_stage_lines = {stage.id: stage.position.line for stage in new.stages}


def _reading_order(new: JourneyMap, old: JourneyMap) -> Callable[[Change], tuple[Any, ...]]:
    """The map's own changes first, then stage by stage in the new order (removed stages
    last), each by line (removals carry the old version's line), the curve's movement last."""
    stages = [stage.id for stage in new.stages] + [stage.id for stage in old.stages]
    rank = {stage_id: index for index, stage_id in enumerate(dict.fromkeys(stages))}

    def key(change: Change) -> tuple[Any, ...]:
        group = -1 if change.stage is None else rank.get(change.stage, len(rank))
        kind = CHANGE_KINDS.index(change.change)
        return (group, change.change == "emotion", change.line, kind, change.element, change.field or "")

    return key


# --- the curve -----------------------------------------------------------------------------


def emotion_changes(comparison: Comparison, old: JourneyMap, new: JourneyMap) -> list[Change]:
    """How each persona's curve moved at each stage: the average emotion of its touchpoints
    there, before and after (None where it had none)."""
    stage_ids = _renamed(comparison, "stages")
    persona_ids = _renamed(comparison, "personas")
    before = {
        (stage_ids.get(stage, stage), persona_ids.get(persona, persona)): cell.emotion
        for (stage, persona), cell in coverage_matrix(old).cells.items()
    }
    after = {key: cell.emotion for key, cell in coverage_matrix(new).cells.items()}
    lines = {stage.id: stage.position.line for stage in old.stages}
    lines.update((stage.id, stage.position.line) for stage in new.stages)
    changes = []
    for stage, persona in dict.fromkeys([*after, *before]):
        was, now = _rounded(before.get((stage, persona))), _rounded(after.get((stage, persona)))
        if was != now:
            element = f"stages[{stage}], personas[{persona}]"
            changes.append(
                Change("emotion", element, "emotion", was, now, lines.get(stage, 0), stage, "emotion")
            )
    return changes


def _renamed(comparison: Comparison, kind: str) -> dict[str, str]:
    """Old id: new id, for the elements of a list paired under another id."""
    return {
        pair.old.element.id: pair.new.element.id  # type: ignore[union-attr, attr-defined]
        for pair in comparison.paired(kind)
        if pair.old.element.id != pair.new.element.id  # type: ignore[union-attr, attr-defined]
    }


def _rounded(emotion: float | None) -> float | None:
    return None if emotion is None else round(emotion, EMOTION_DIGITS)


# --- pain points ----------------------------------------------------------------------------


def pain_point_changes(comparison: Comparison, old: JourneyMap, new: JourneyMap) -> list[Change]:
    """Opened: open now and not open before (new, or no longer resolved). Resolved: open
    before, and every opportunity that addresses it is done now."""
    was_resolved, is_resolved = old.resolved_pain_point_ids(), new.resolved_pain_point_ids()
    changes = []
    for pair in comparison.pairs.get("pain_points", ()):
        if pair.new is None:
            continue
        now = _resolved(pair.new, is_resolved)
        before = None if pair.old is None else _resolved(pair.old, was_resolved)
        if not now and before is not False:
            changes.append(_pain_point_change("opened", pair.new, before, now))
        elif now and before is False:
            changes.append(_pain_point_change("resolved", pair.new, before, now))
    return changes


def _resolved(slot: Slot, resolved: set[str]) -> bool:
    return getattr(slot.element, "id", None) in resolved


def _pain_point_change(change: str, slot: Slot, before: bool | None, now: bool) -> Change:
    line = slot.element.position.line
    return Change(
        change, slot.label, "resolved", before, now, line, slot.stage, slot.kind, own_words(slot.element)
    )


# --- findings -------------------------------------------------------------------------------


def finding_changes(
    comparison: Comparison, old: MapResult, new: MapResult
) -> tuple[list[Finding], list[Finding]]:
    """(new, fixed) findings, matched by rule and element, never by line: an element's label
    on the old side is read through the pairing (a touchpoint that is 3rd here and 4th there
    is one element)."""
    old_names, new_names = _element_tokens(comparison, _labels_in(old.findings), _labels_in(new.findings))
    old_keys = [_finding_key(finding, old_names) for finding in old.findings]
    new_keys = [_finding_key(finding, new_names) for finding in new.findings]
    fixed_at, new_at = _unmatched(old_keys, new_keys)
    return [new.findings[index] for index in new_at], [old.findings[index] for index in fixed_at]


def _labels_in(findings: list[Finding]) -> set[str]:
    """The element labels findings name ('stages[a], personas[b]' names two)."""
    return {part for finding in findings for part in (finding.element or "").split(", ")}


def _element_tokens(
    comparison: Comparison, old_wanted: set[str], new_wanted: set[str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Each label findings use (by id or by position) to one token per pair of elements."""
    names: tuple[dict[str, str], dict[str, str]] = ({}, {})
    for number, pair in enumerate(pair for pairs in comparison.pairs.values() for pair in pairs):
        for slot, found, wanted in ((pair.old, names[0], old_wanted), (pair.new, names[1], new_wanted)):
            if slot is None:
                continue
            for label in (slot.label, slot.position_label):
                if label in wanted:
                    found.setdefault(label, f"#{number}")
    return names


def _finding_key(finding: Finding, names: dict[str, str]) -> FindingKey:
    """(rule, element, message); a part of a label that names no element ('stages') is
    kept as written, one that names an element on one side only stays that side's."""
    parts = (finding.element or "").split(", ")
    element = ", ".join(names.get(part, part) for part in parts)
    return finding.rule, element, finding.message


def _unmatched(old: list[FindingKey], new: list[FindingKey]) -> tuple[list[int], list[int]]:
    """Indexes of the old and new keys left once equal keys are paired off: first on the
    whole key, then on rule and element alone (a message quotes text that may change)."""
    old_left, new_left = list(range(len(old))), list(range(len(new)))
    for width in (3, 2):
        old_left, new_left = _pair_off(old, old_left, new, new_left, width)
    return old_left, new_left


def _pair_off(
    old: list[FindingKey], old_left: list[int], new: list[FindingKey], new_left: list[int], width: int
) -> tuple[list[int], list[int]]:
    waiting: dict[tuple[str, ...], deque[int]] = defaultdict(deque)
    for index in old_left:
        waiting[old[index][:width]].append(index)
    paired: set[int] = set()
    rest_new = []
    for index in new_left:
        queue = waiting.get(new[index][:width])
        if queue:
            paired.add(queue.popleft())
        else:
            rest_new.append(index)
    return [index for index in old_left if index not in paired], rest_new
