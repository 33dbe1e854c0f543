"""The work of `cjm add`: gather the new element's fields, check them, edit and write the map."""

from __future__ import annotations

import difflib
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cjm.cli.prompts import Asker, Invalid
from cjm.errors import UserError
from cjm.model import JourneyMap
from cjm.scaffold.answers import split_list
from cjm.scaffold.ids import id_problem, slugify, unique_id

# The flags each kind of element takes, in the order its keys are written.
FIELDS: dict[str, tuple[str, ...]] = {
    "persona": ("id", "name", "description", "goals", "needs", "frustrations"),
    "channel": ("id", "name", "kind", "description"),
    "stage": ("id", "name", "phase", "description", "after"),
    "touchpoint": ("stage", "id", "action", "channel", "personas", "emotion", "owner"),
    "pain-point": ("stage", "id", "description", "touchpoint", "personas", "severity"),
    "opportunity": ("stage", "id", "description", "addresses", "owner", "priority"),
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "persona": ("name",),
    "channel": ("name",),
    "stage": ("name",),
    "touchpoint": ("stage", "action", "channel"),
    "pain-point": ("stage", "description"),
    "opportunity": ("stage", "description"),
}
# Asked as well when the wizard is asking anyway (a terminal, and a required flag missing).
RECOMMENDED: dict[str, tuple[str, ...]] = {
    "persona": ("id", "description", "goals", "needs", "frustrations"),
    "channel": ("id", "kind"),
    "stage": ("id", "phase", "after"),
    "touchpoint": ("personas", "emotion"),
    "pain-point": ("severity", "touchpoint"),
    "opportunity": ("addresses",),
}
LIST_FIELDS = frozenset({"goals", "needs", "frustrations", "personas", "addresses"})
QUESTIONS = {
    "id": "Short id, to refer to it",
    "name": "Name",
    "description": "Description",
    "goals": "Goals: what do they want to achieve?",
    "needs": "Needs: what do they need from you?",
    "frustrations": "Frustrations: what annoys them today?",
    "kind": "Kind (digital, physical, human...)",
    "phase": "Phase (discovery, consideration, decision, retention, advocacy)",
    "after": "After which stage? (id; empty: at the end)",
    "stage": "Stage (id)",
    "action": "What does the customer do?",
    "channel": "Channel (id)",
    "personas": "Who does it? (persona ids separated by commas; empty: every persona)",
    "emotion": "How does it feel? (-2 very negative ... 2 very positive)",
    "severity": "How much does it hurt? (low, medium, high)",
    "touchpoint": "At which touchpoint? (id; empty: none in particular)",
    "addresses": "Which pain points does it solve? (ids separated by commas)",
    "owner": "Owner",
    "priority": "Priority (low, medium, high)",
}


@dataclass
class Facts:
    """What the map already holds: ids by kind, and the line each id is written on."""

    kinds: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, journey: JourneyMap) -> Facts:
        from cjm.loader import _identified

        facts = cls()
        for kind, element, ident in _identified(journey):
            facts.kinds.setdefault(ident, kind)
            facts.lines.setdefault(ident, element.key_position("id").line)
        return facts

    def of_kind(self, kind: str) -> list[str]:
        return [ident for ident, other in self.kinds.items() if other == kind]

    def must_be(self, kind: str, ident: str) -> str:
        if self.kinds.get(ident) == kind:
            return ident
        known = self.of_kind(kind)
        close = difflib.get_close_matches(ident, known, n=1, cutoff=0.6)
        if close:
            raise Invalid(f"no {kind} '{ident}' in the map (did you mean '{close[0]}'?)")
        listed = (
            ", ".join(known[:10]) if known else f"none yet; add one with: cjm add {kind.replace(' ', '-')}"
        )
        raise Invalid(f"no {kind} '{ident}' in the map; the {kind}s are: {listed}")


def add_element(what: str, map_path: Path, given: dict[str, Any]) -> None:
    """Add one element to the map at `map_path`, or raise UserError saying why not."""
    from cjm.loader import load_map

    _refuse_foreign_flags(what, given)
    journey = load_map(map_path)
    facts = Facts.of(journey)
    values = _checked_flags(what, given, facts)
    missing = [name for name in REQUIRED[what] if name not in values and not _implied(what, name, values)]
    if missing:
        values = _ask(what, values, missing, facts, journey)
    if "id" not in values and what in {"persona", "channel", "stage", "pain-point"}:
        source = values.get("name") or values.get("description") or what
        values["id"] = unique_id(slugify(str(source), what.replace("-", "")), facts.kinds)
    _write(what, map_path, values)


def _implied(what: str, name: str, values: dict[str, Any]) -> bool:
    """A channel needs a name or an id (its name defaults to the id)."""
    return what == "channel" and name == "name" and "id" in values


def _refuse_foreign_flags(what: str, given: dict[str, Any]) -> None:
    foreign = [name for name in given if name not in FIELDS[what]]
    if foreign:
        flags = ", ".join(f"--{name}" for name in foreign)
        allowed = ", ".join(f"--{name}" for name in FIELDS[what])
        raise UserError(f"{flags}: not used for a {what.replace('-', ' ')}; it takes {allowed}")


def _checked_flags(what: str, given: dict[str, Any], facts: Facts) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, raw in given.items():
        try:
            values[name] = _check(what, name, raw, facts)
        except Invalid as error:
            raise UserError(f"--{name}: {error}") from None
    return values


def _check(what: str, name: str, raw: Any, facts: Facts) -> Any:
    """The value of a field, checked against the map; raises Invalid in plain words."""
    if name in LIST_FIELDS:
        items = split_list(raw) if isinstance(raw, str) else list(raw)
        if name in {"personas", "addresses"}:
            kind = "persona" if name == "personas" else "pain point"
            return [facts.must_be(kind, item) for item in items]
        return items
    if name == "id":
        problem = id_problem(str(raw), facts.kinds)
        if problem:
            line = facts.lines.get(str(raw))
            raise Invalid(problem + (f" (line {line})" if line else ""))
        return str(raw)
    if name in {"stage", "after"}:
        return facts.must_be("stage", str(raw))
    if name == "channel":
        return facts.must_be("channel", str(raw))
    if name == "touchpoint":
        return facts.must_be("touchpoint", str(raw))
    if name == "emotion":
        return _emotion(raw)
    if name in {"severity", "priority"} and raw not in {"low", "medium", "high"}:
        raise Invalid("type low, medium or high")
    if name == "phase" and raw not in {"discovery", "consideration", "decision", "retention", "advocacy"}:
        raise Invalid("type discovery, consideration, decision, retention or advocacy")
    text = str(raw).strip()
    if not text:
        raise Invalid("cannot be empty")
    return text


def _emotion(raw: Any) -> int:
    try:
        value = int(raw)
    except (TypeError, ValueError):
        value = 99
    if not -2 <= value <= 2:
        raise Invalid("type a whole number from -2 (very negative) to 2 (very positive)")
    return value


# --- asking ----------------------------------------------------------------------------


def _ask(
    what: str, values: dict[str, Any], missing: list[str], facts: Facts, journey: JourneyMap
) -> dict[str, Any]:
    if not sys.stdin.isatty():
        flags = ", ".join(f"--{name}" for name in missing)
        raise UserError(f"cjm add {what}: missing {flags} (no terminal to ask for it; give it as a flag)")
    from rich.console import Console

    asker = Asker(Console(highlight=False))
    asker.heading(f"New {what.replace('-', ' ')}")
    wanted = [name for name in FIELDS[what] if name in missing or name in RECOMMENDED[what]]
    if "id" in wanted:  # suggested from the name, so asked after it
        wanted.remove("id")
        wanted.insert(wanted.index("name") + 1 if "name" in wanted else len(wanted), "id")
    for name in wanted:
        if name not in values:
            answer = _ask_one(asker, what, name, values, facts, journey)
            if answer not in (None, [], ""):
                values[name] = answer
    return values


def _ask_one(
    asker: Asker, what: str, name: str, values: dict[str, Any], facts: Facts, journey: JourneyMap
) -> Any:
    required = name in REQUIRED[what]
    default = _default(what, name, values, facts, journey)
    if name in {"stage", "channel"}:
        kind = name
        asker.note(f"{kind.capitalize()}s in the map: " + ", ".join(facts.of_kind(kind)))
        if len(facts.of_kind(kind)) == 1:
            default = facts.of_kind(kind)[0]

    def parse(answer: str) -> Any:
        if not answer:
            if required:
                raise Invalid("please type an answer")
            return None
        return _check(what, name, answer, facts)

    return asker.ask(QUESTIONS[name], parse, default)


def _default(what: str, name: str, values: dict[str, Any], facts: Facts, journey: JourneyMap) -> str | None:
    if name == "id":
        return unique_id(slugify(str(values.get("name", what)), what), facts.kinds)
    if name == "emotion":
        return "0"
    if name == "severity":
        return "medium"
    if name == "addresses" and "stage" in values:
        stage = next(item for item in journey.stages if item.id == values["stage"])
        addressed = {ident for _, opportunity in journey.opportunities() for ident in opportunity.addresses}
        open_ones = [p.id for p in stage.pain_points or () if p.id and p.id not in addressed]
        return ", ".join(open_ones) or None
    return None


# --- editing and writing ---------------------------------------------------------------


def _item(what: str, values: dict[str, Any]) -> dict[str, Any]:
    """The new element's keys in the order of the format."""
    keys = [name for name in FIELDS[what] if name not in {"stage", "after"} and name in values]
    return {key: values[key] for key in keys}


def _write(what: str, map_path: Path, values: dict[str, Any]) -> None:
    from cjm.edit import MapEditor
    from cjm.fsutil import write_atomic
    from cjm.loader import load_map_text
    from cjm.yamlio import read_text

    editor = MapEditor(read_text(map_path, str(map_path)))
    _insert(editor, what, values)
    text = editor.text()
    load_map_text(text, str(map_path))  # a map that would not load is never written
    write_atomic(map_path, text)
    label = values.get("id") or values.get("action") or values.get("description")
    sys.stdout.write(f"Added {what.replace('-', ' ')} '{label}' to {map_path}.\n")


def _insert(editor: Any, what: str, values: dict[str, Any]) -> None:
    data = editor.data
    item = _item(what, values)
    if what == "persona":
        editor.add_to_list(data, "personas", item, before=("channels", "stages"))
    elif what == "channel":
        editor.add_to_list(data, "channels", item, before=("stages",))
    elif what == "stage":
        stages = data["stages"]
        position = None
        if "after" in values:
            position = 1 + next(i for i, stage in enumerate(stages) if stage.get("id") == values["after"])
        editor.append_item(stages, item, position)
    else:
        stage = next(stage for stage in data["stages"] if stage.get("id") == values["stage"])
        key, before = {
            "touchpoint": ("touchpoints", ("pain_points", "opportunities", "ignore")),
            "pain-point": ("pain_points", ("opportunities", "ignore")),
            "opportunity": ("opportunities", ("ignore",)),
        }[what]
        editor.add_to_list(stage, key, item, before=before)
