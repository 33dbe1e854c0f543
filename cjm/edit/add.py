"""What `cjm add` adds: a new element's keys, checked against the model and the map, then inserted.

The keys an element takes, which are required and what each value may be all come from the
model (`cjm.model`); this module adds only what the model cannot know: which ids the map
already holds, what to suggest, and where in the file the new element goes.
"""

from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Annotated, Any, get_args, get_origin

from pydantic import TypeAdapter, ValidationError

from cjm.errors import InvalidValue, UserError
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.load.references import identified
from cjm.model import Channel, Element, JourneyMap, Opportunity, PainPoint, Persona, Stage, Touchpoint
from cjm.scaffold.answers import split_list
from cjm.scaffold.ids import id_problem, slugify, unique_id
from cjm.vocabulary import parse_emotion

MODELS: dict[str, type[Element]] = {
    "persona": Persona,
    "channel": Channel,
    "stage": Stage,
    "touchpoint": Touchpoint,
    "pain-point": PainPoint,
    "opportunity": Opportunity,
}
# Keys `cjm add` takes as flags; the model decides which of them an element has, in its order.
FLAG_KEYS = frozenset(
    {
        "id", "name", "description", "goals", "needs", "frustrations", "kind", "phase", "action",
        "channel", "personas", "emotion", "severity", "touchpoint", "addresses", "priority", "owner",
        "target_emotion", "moment_of_truth", "frontstage", "backstage", "support", "physical_evidence",
        "status", "effort",
    }
)  # fmt: skip
# Flags that place the new element instead of being one of its keys.
PLACEMENT: dict[str, tuple[str, ...]] = {
    "stage": ("after",),
    "touchpoint": ("stage",),
    "pain-point": ("stage",),
    "opportunity": ("stage",),
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
REFERENCES = {
    "personas": "persona",
    "addresses": "pain point",
    "channel": "channel",
    "touchpoint": "touchpoint",
}
# What a message calls each kind, and an element of it ("not used for a stage").
KIND_WORDS = {
    "persona": N_("persona"),
    "channel": N_("channel"),
    "stage": N_("stage"),
    "touchpoint": N_("touchpoint"),
    "pain point": N_("pain point"),
    "pain-point": N_("pain point"),
    "opportunity": N_("opportunity"),
}
ELEMENT_WORDS = {
    "persona": N_("a persona"),
    "channel": N_("a channel"),
    "stage": N_("a stage"),
    "touchpoint": N_("a touchpoint"),
    "pain-point": N_("a pain point"),
    "opportunity": N_("an opportunity"),
}


def fields(kind: str) -> tuple[str, ...]:
    """The flags an element of `kind` takes, in the order its keys are written."""
    keys = tuple(name for name in MODELS[kind].model_fields if name in FLAG_KEYS)
    placement = PLACEMENT.get(kind, ())
    return (*placement, *keys) if "stage" in placement else (*keys, *placement)


def required(kind: str, values: dict[str, Any]) -> list[str]:
    """The flags still missing: the model's required keys (an id is made from the name), and the stage."""
    model = MODELS[kind]
    needed = [name for name in PLACEMENT.get(kind, ()) if name == "stage"]
    needed += [name for name, info in model.model_fields.items() if info.is_required() and name != "id"]
    if model.model_fields["id"].is_required() and "name" in model.model_fields and "name" not in needed:
        needed.append("name")  # the id is made from it, unless an id is given
    if "id" in values and kind == "channel":
        needed.remove("name")  # a channel's name defaults to its id
    return [name for name in needed if name not in values]


@dataclass
class Facts:
    """What the map already holds: ids by kind, and the line each id is written on."""

    kinds: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)

    @classmethod
    def of(cls, journey: JourneyMap) -> Facts:
        facts = cls()
        for kind, element, ident in identified(journey):
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
        message = _("no {kind} '{id}' in the map").format(kind=_(KIND_WORDS[kind]), id=ident)
        if close:
            raise InvalidValue(
                message + _(" (did you mean {suggestion}?)").format(suggestion=f"'{close[0]}'")
            )
        command = f"cjm add {kind.replace(' ', '-')}"
        listed = (
            ", ".join(known[:10]) if known else _("none yet; add one with: {command}").format(command=command)
        )
        raise InvalidValue(
            _("{message}; the {kind}s are: {ids}").format(
                message=message, kind=_(KIND_WORDS[kind]), ids=listed
            )
        )


def check_flags(kind: str, given: dict[str, Any], facts: Facts) -> dict[str, Any]:
    """The flags' values, checked; a UserError names the flag and what to give instead."""
    foreign = [name for name in given if name not in fields(kind)]
    if foreign:
        flags = ", ".join(flag(name) for name in foreign)
        allowed = ", ".join(flag(name) for name in fields(kind))
        message = _("{flags}: not used for {element}; it takes {allowed}")
        raise UserError(message.format(flags=flags, element=_(ELEMENT_WORDS[kind]), allowed=allowed))
    values: dict[str, Any] = {}
    for name, raw in given.items():
        try:
            values[name] = check_value(kind, name, raw, facts)
        except InvalidValue as error:
            raise UserError(f"{flag(name)}: {error}") from None
    return values


def flag(name: str) -> str:
    """The command-line flag of a key: `physical_evidence` is given as `--physical-evidence`."""
    return "--" + name.replace("_", "-")


def check_value(kind: str, name: str, raw: Any, facts: Facts) -> Any:
    """One value, as the model takes it and the map allows it; raises InvalidValue in plain words."""
    problem = text_problem(raw) if isinstance(raw, str) else None
    if problem:
        raise InvalidValue(problem)
    if name in ("emotion", "target_emotion"):
        return parse_emotion(str(raw)) if not isinstance(raw, int) else _model_value(kind, name, raw)
    if name == "moment_of_truth":
        return _yes_or_no(raw)
    if name in ("stage", "after"):
        return facts.must_be("stage", str(raw).strip())
    if not _is_list(kind, name) and not str(raw).strip():
        raise InvalidValue(_("cannot be empty"))
    if name == "id":
        problem = id_problem(str(raw), facts.kinds)
        if problem:
            line = facts.lines.get(str(raw))
            raise InvalidValue(
                _("{problem} (line {line})").format(problem=problem, line=line) if line else problem
            )
    value = _model_value(kind, name, split_list(raw) if _is_list(kind, name) else str(raw).strip())
    if value == [] and not isinstance(raw, list):
        raise InvalidValue(_("no item given: type at least one, separated by commas"))
    if name in REFERENCES:
        kind_of_id = REFERENCES[name]
        return (
            [facts.must_be(kind_of_id, item) for item in value]
            if isinstance(value, list)
            else (facts.must_be(kind_of_id, value))
        )
    return value


def _yes_or_no(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    word = str(raw).strip().lower()
    if word in ("true", "yes", "y"):
        return True
    if word in ("false", "no", "n"):
        return False
    raise InvalidValue(_("answer yes or no, got {word}").format(word=repr(word)))


def text_problem(text: str) -> str | None:
    """Why typed text cannot go into a map: bytes that are not UTF-8, or an invisible control character."""
    for character in text:
        if "\ud800" <= character <= "\udfff":
            return _("is not UTF-8 text (the terminal or script passed other bytes); type it again as UTF-8")
        if unicodedata.category(character) == "Cc" and character not in "\t\n":
            message = _("contains the control character {code}, which nobody can see; remove it")
            return message.format(code=f"U+{ord(character):04X}")
    return None


def _is_list(kind: str, name: str) -> bool:
    annotation = MODELS[kind].model_fields[name].annotation
    return any(get_origin(part) is list for part in (annotation, *get_args(annotation)))


def _model_value(kind: str, name: str, value: Any) -> Any:
    """The value validated by the model's own field type (pattern, choices, range, non-empty)."""
    try:
        return _adapter(kind, name).validate_python(value)
    except ValidationError as error:
        raise InvalidValue(_plain(error, name)) from None


@cache
def _adapter(kind: str, name: str) -> TypeAdapter[Any]:
    info = MODELS[kind].model_fields[name]
    return TypeAdapter(Annotated[info.annotation, info])


def _plain(error: ValidationError, name: str) -> str:
    from cjm.load.messages import value_message

    problem = error.errors()[0]
    return value_message(problem["type"], name, problem)


def suggestion(kind: str, name: str, values: dict[str, Any], facts: Facts, journey: JourneyMap) -> str | None:
    """What to offer as the answer to a question about `name`."""
    if name == "id":
        return unique_id(slugify(str(values.get("name", kind)), kind), facts.kinds)
    if name in ("stage", "channel") and len(facts.of_kind(name)) == 1:
        return facts.of_kind(name)[0]
    if name == "emotion":
        return "0"
    if name == "severity":
        return "medium"
    if name == "addresses" and "stage" in values:
        stage = next(item for item in journey.stages if item.id == values["stage"])
        addressed = {ident for _, opportunity in journey.opportunities() for ident in opportunity.addresses}
        open_ones = [pain.id for pain in stage.pain_points or () if pain.id and pain.id not in addressed]
        return ", ".join(open_ones) or None
    return None


def new_element(kind: str, values: dict[str, Any], facts: Facts) -> dict[str, Any]:
    """The new element's keys in the order of the format, with an id made from its name if needed.

    A pain point gets an id too, although the format does not require one: opportunities
    name the pain points they solve by id.
    """
    values = dict(values)
    needs_id = MODELS[kind].model_fields["id"].is_required() or kind == "pain-point"
    if needs_id and "id" not in values:
        source = values.get("name") or values.get("description") or kind
        values["id"] = unique_id(slugify(str(source), kind.replace("-", "")), facts.kinds)
    keys = [name for name in fields(kind) if name not in PLACEMENT.get(kind, ()) and name in values]
    return {key: values[key] for key in keys}


def add_element(kind: str, map_path: Path, values: dict[str, Any], read: tuple[bytes, JourneyMap]) -> dict:
    """Insert the element into the map's text and write it; returns the element written.

    `read` is the map the flags were checked against (its bytes and model). The map is read
    again under the lock: if another command added to it meanwhile, the values are checked
    again against what it holds now, and the element goes into the current text.
    """
    from cjm.load.journey import load_map_text
    from cjm.write import locked_update

    display = str(map_path)
    with locked_update(map_path) as update:
        if update.data is None:
            raise UserError(
                _("{file}: no such file (it was removed while cjm add was working)").format(file=display)
            )
        journey = read[1] if update.data == read[0] else load_map_text(update.data, display)
        facts = Facts.of(journey)
        if update.data != read[0]:
            values = {name: _recheck(kind, name, value, facts) for name, value in values.items()}
        item = new_element(kind, values, facts)
        place = Place(kind, values.get("stage"), _after_index(journey, values))
        new_data = edited_map(update.data, display, place, item)
        check_meaning(new_data, display, journey, place, item)
        update.replace(new_data)
    return item


def _recheck(kind: str, name: str, value: Any, facts: Facts) -> Any:
    try:
        return check_value(kind, name, value, facts)
    except InvalidValue as error:
        message = _("{flag}: {error} (the map changed while cjm add was working)")
        raise UserError(message.format(flag=flag(name), error=error)) from None


def _after_index(journey: JourneyMap, values: dict[str, Any]) -> int | None:
    if "after" not in values:
        return None
    return next(index for index, stage in enumerate(journey.stages) if stage.id == values["after"])


# Where each kind of element goes: (the list's key, the keys it is created before).
_LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "persona": ("personas", ("channels", "stages")),
    "channel": ("channels", ("stages",)),
    "stage": ("stages", ()),
    "touchpoint": ("touchpoints", ("pain_points", "opportunities", "ignore")),
    "pain-point": ("pain_points", ("opportunities", "ignore")),
    "opportunity": ("opportunities", ("ignore",)),
}


@dataclass(frozen=True)
class Place:
    """Where a new element goes: its kind's list, in the map or in `stage`, after an item or at the end."""

    kind: str
    stage: str | None = None
    after: int | None = None

    @property
    def key(self) -> str:
        return _LISTS[self.kind][0]

    @property
    def before(self) -> tuple[str, ...]:
        return _LISTS[self.kind][1]


def edited_map(data: bytes, display: str, place: Place, item: dict[str, Any]) -> bytes:
    """The map's bytes with the element inserted and nothing else changed (a byte-order mark kept)."""
    from cjm.edit.yaml_text import MapText

    text = data.decode("utf-8")
    mark = "\ufeff" if text.startswith("\ufeff") else ""
    body = text[len(mark) :]
    editor = MapText(body, display)
    chain = editor.owner(place.stage)
    insertion = editor.add_to_list(chain, place.key, item, place.before, place.after)
    return (mark + insertion.applied_to(body)).encode("utf-8")


def check_meaning(data: bytes, display: str, journey: JourneyMap, place: Place, item: dict[str, Any]) -> None:
    """The edited map must load and hold exactly the old map plus the new element, or nothing is written."""
    from cjm.load.journey import load_map_text

    try:
        edited = load_map_text(data, display)
    except UserError:
        edited = None
    if edited is None or edited.model_dump() != expected_dump(journey, place, item):
        message = _(
            "{file}: cjm add could not insert the {kind} without changing the rest of the map "
            "(please report this, with the map); the map was left as it is"
        )
        raise UserError(message.format(file=display, kind=_(KIND_WORDS[place.kind])))


def expected_dump(journey: JourneyMap, place: Place, item: dict[str, Any]) -> dict[str, Any]:
    """The model of the old map with the new element in its place, as plain data."""
    data = journey.model_dump()
    element = MODELS[place.kind].model_validate(item).model_dump()
    owner = data
    if place.stage is not None:
        owner = next(stage for stage in data["stages"] if stage["id"] == place.stage)
    items = list(owner.get(place.key) or [])
    items.insert(len(items) if place.after is None else place.after + 1, element)
    owner[place.key] = items
    return data
