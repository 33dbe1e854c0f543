"""How a change reads for people, in every format that people read (text, Markdown, GitHub).

Map text is hostile: `visible` turns control characters, line breaks and direction
overrides into escapes a reader sees, before any format escapes it further.
"""

from __future__ import annotations

import re
from typing import Any

from cjm.diff.compare import Change
from cjm.diff.review import MapDiff
from cjm.diff.sources import WORKING_TREE
from cjm.i18n import N_, ngettext
from cjm.i18n import gettext as _

MAX_SHOWN = 80  # characters of a value shown for people (JSON has it whole)
_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
SIGNS = {
    "added": "+",
    "removed": "-",
    "changed": "~",
    "moved": ">",
    "emotion": "~",
    "opened": "!",
    "resolved": "*",
}
UP, DOWN, SAME = "↑", "↓", "→"
# What happened to an element, in the interface language ("touchpoint 'Pays by card': added").
HAPPENED = {
    "added": N_("added"),
    "removed": N_("removed"),
    "changed": N_("changed"),
    "moved": N_("moved"),
    "opened": N_("opened"),
    "resolved": N_("resolved"),
}
# A move to another parent, by the parent's kind: each phrased whole for translators.
MOVED_FROM = {
    "stage": N_("moved from stage {old} to {new}"),
    "touchpoint": N_("moved from touchpoint {old} to {new}"),
}


def visible(text: str) -> str:
    """Control characters, line breaks and bidirectional overrides as visible escapes."""
    return _INVISIBLE.sub(lambda match: match.group().encode("unicode_escape").decode("ascii"), text)


def shortened(text: str, limit: int = MAX_SHOWN) -> str:
    text = visible(text)
    return text if len(text) <= limit else text[: limit - 3] + "..."


def quoted(text: str) -> str:
    return f"'{shortened(text)}'"


def shown_value(found: Any, field: str | None = None) -> str:
    """A field's value for people: text quoted, emotions signed, absence said."""
    if found is None:
        return _("(none)")
    if isinstance(found, bool):
        return "true" if found else "false"
    if isinstance(found, (int, float)) and field == "emotion":
        return signed(found)
    if isinstance(found, list):
        return shortened("[" + ", ".join(str(item) for item in found) + "]")
    if isinstance(found, str):
        return quoted(found)
    return shortened(str(found))


def signed(number: float) -> str:
    """An emotion as people read it: +1, -0.5, 0."""
    text = f"{number:+.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("+0", "-0") else text


def arrow(old: Any, new: Any) -> str:
    """Which way a number moved: up or down; nothing when one side has no number."""
    if isinstance(old, (int, float)) and isinstance(new, (int, float)) and not isinstance(old, bool):
        return UP if new > old else DOWN if new < old else SAME
    return ""


def subject(change: Change, diff: MapDiff) -> str:
    """What the change is about: 'touchpoint 'Pays by card'', 'the map', 'Lucía at Decision'."""
    if change.change == "emotion":
        stage_id, persona_id = _cell_ids(change.element)
        persona = diff.persona_names.get(persona_id, persona_id)
        stage = diff.stage_names.get(stage_id, stage_id)
        return _("{persona} at {stage}").format(persona=shortened(persona, 40), stage=shortened(stage, 40))
    if not change.kind or change.kind == "map":
        return _("the map")
    kind = _(change.kind)
    return f"{kind} {quoted(change.words)}" if change.words else kind


def _cell_ids(element: str) -> tuple[str, str]:
    stage, _comma, persona = element.partition(", ")
    return _inside(stage), _inside(persona)


def _inside(label: str) -> str:
    return label[label.find("[") + 1 : -1] if "[" in label else label


def detail(change: Change, diff: MapDiff) -> str:
    """What happened to it, in a few words."""
    kind = change.change
    if kind in ("added", "removed", "opened", "resolved"):
        return happened(kind)
    if kind == "moved":
        if change.field == "position":
            return _("moved from position {old} to {new}").format(old=change.old, new=change.new)
        names = diff.stage_names if change.field == "stage" else {}
        before = quoted(names.get(str(change.old), str(change.old)))
        after = quoted(names.get(str(change.new), str(change.new)))
        if change.field in MOVED_FROM:
            return _(MOVED_FROM[change.field]).format(old=before, new=after)
        return _("moved from {field} {old} to {new}").format(field=change.field, old=before, new=after)
    values = f"{shown_value(change.old, change.field)} → {shown_value(change.new, change.field)}"
    if change.field == "emotion":
        emotion = _("emotion {values}").format(values=values)
        return f"{emotion} {arrow(change.old, change.new)}".rstrip()
    return f"{change.field}: {values}"


def happened(change: str) -> str:
    """'added', 'moved': what a change did, in the interface language."""
    return _(HAPPENED[change]) if change in HAPPENED else change


def describe(change: Change, diff: MapDiff) -> str:
    return f"{subject(change, diff)}: {detail(change, diff)}"


def percent(value: float | None) -> str:
    return _("n/a") if value is None else f"{value:g}%"


def side_label(label: str) -> str:
    """A side of the comparison for people: a revision, a file, or the working tree."""
    return _(WORKING_TREE) if label == WORKING_TREE else label


def coverage_line(diff: MapDiff) -> str:
    before, after = diff.coverage(diff.old), diff.coverage(diff.new)
    movement = (
        f" {arrow(before, after)}" if before is not None and after is not None and before != after else ""
    )
    return _("coverage {old} → {new}").format(old=percent(before), new=percent(after)) + movement


def count_line(diffs: list[MapDiff]) -> str:
    """'2 added, 1 removed, 3 changed, 1 moved': the kinds that occur, in a fixed order."""
    counts = {kind: sum(diff.count(kind) for diff in diffs) for kind in SIGNS}
    found = [counted(kind, number) for kind, number in counts.items() if number]
    return ", ".join(found) if found else _("no changes")


def counted(kind: str, count: int) -> str:
    """'3 added', '2 emotion change(s)': each kind with its own plural forms (Polish has three)."""
    forms = {
        "added": lambda: ngettext("{count} added", "{count} added", count),
        "removed": lambda: ngettext("{count} removed", "{count} removed", count),
        "changed": lambda: ngettext("{count} changed", "{count} changed", count),
        "moved": lambda: ngettext("{count} moved", "{count} moved", count),
        "emotion": lambda: ngettext("{count} emotion change(s)", "{count} emotion change(s)", count),
        "opened": lambda: ngettext("{count} pain point(s) opened", "{count} pain point(s) opened", count),
        "resolved": lambda: ngettext(
            "{count} pain point(s) resolved", "{count} pain point(s) resolved", count
        ),
    }
    return forms[kind]().format(count=count)


def maps_count(diffs: list[MapDiff]) -> str:
    return ngettext("{count} map(s)", "{count} map(s)", len(diffs)).format(count=len(diffs))


def verdict(regression: bool) -> str:
    return _("regression") if regression else _("no regression")


def findings_line(diffs: list[MapDiff]) -> str:
    """'2 new finding(s), 1 fixed': each count with its own plural form (Polish has three)."""
    new = sum(len(diff.new_findings) for diff in diffs)
    fixed = sum(len(diff.fixed_findings) for diff in diffs)
    new_words = ngettext("{count} new finding(s)", "{count} new finding(s)", new).format(count=new)
    fixed_words = ngettext("{count} fixed", "{count} fixed", fixed).format(count=fixed)
    return f"{new_words}, {fixed_words}"


def hidden(change: Change, diff: MapDiff) -> bool:
    """A pain point that is new is open: its 'opened' repeats its 'added' for people."""
    return change.change == "opened" and change.old is None


def grouped(diff: MapDiff) -> list[tuple[str | None, list[Change]]]:
    """The changes under the map (None) and under each stage, in reading order."""
    groups: dict[str | None, list[Change]] = {}
    for change in diff.changes:
        if not hidden(change, diff):
            groups.setdefault(change.stage, []).append(change)
    return list(groups.items())


def group_title(stage: str | None, diff: MapDiff) -> str:
    if stage is None:
        return _("Map")
    return _("Stage {stage}").format(stage=quoted(diff.stage_names.get(stage, stage)))
