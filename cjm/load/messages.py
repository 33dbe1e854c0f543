"""Problems in plain words: pydantic's validation errors turned into FILE:LINE:COLUMN messages.

A map, a cjm.yaml and an answers file are all validated here, so that every kind of file
explains a wrong type, an unknown key ("did you mean ...?") or a missing key the same way.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.load.lookalikes import did_you_mean, lookalike_note, skeleton
from cjm.load.rule_codes import suggest_rule
from cjm.load.yaml_events import YamlList, YamlMap
from cjm.model import Channel, DataItem, JourneyMap, Kpi, Opportunity, PainPoint, Persona, Stage, Touchpoint
from cjm.vocabulary import COLOR_PATTERN, COLOR_RULE, EMOTION_HELP, ID_PATTERN, ID_RULE, RULE_CODE_PATTERN

ModelT = TypeVar("ModelT", bound=BaseModel)

# The model of the items of each list key, and what a user calls one of them.
# (N_: the words are also translated where a message names one, "unknown persona 'x'".)
LIST_ITEMS: dict[str, tuple[type[BaseModel], str]] = {
    "personas": (Persona, N_("persona")),
    "channels": (Channel, N_("channel")),
    "stages": (Stage, N_("stage")),
    "kpis": (Kpi, N_("KPI")),
    "touchpoints": (Touchpoint, N_("touchpoint")),
    "data": (DataItem, N_("data item")),
    "pain_points": (PainPoint, N_("pain point")),
    "opportunities": (Opportunity, N_("opportunity")),
}


_ROOT_WORDS: dict[type[BaseModel], str] = {JourneyMap: "the map"}
# An element as a message names it ("a stage needs 'name'"), for each translation to phrase.
ARTICLE_WORDS = {
    "the map": N_("the map"),
    "the file": N_("the file"),
    "persona": N_("a persona"),
    "channel": N_("a channel"),
    "stage": N_("a stage"),
    "KPI": N_("a KPI"),
    "touchpoint": N_("a touchpoint"),
    "data item": N_("a data item"),
    "pain point": N_("a pain point"),
    "opportunity": N_("an opportunity"),
}


def validate(model: type[ModelT], data: Any, display: str) -> ModelT:
    """Validate parsed data against a model; every error becomes a positioned Problem."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise LoadError(explain(model, error, data, display)) from None


def explain(model: type[BaseModel], error: ValidationError, data: Any, display: str) -> list[Problem]:
    """Every error of a validation, as problems at the keys and values of the parsed data."""
    return sorted_problems(_explain(model, item, data, display) for item in error.errors())


def sorted_problems(problems: Iterable[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda problem: (problem.position.line, problem.position.column))


def _locate(data: Any, loc: tuple[Any, ...]) -> tuple[tuple[int, int], list[Any]]:
    """Follow a pydantic error location through the data: (mark, path that exists)."""
    mark = getattr(data, "mark", (1, 1))
    path: list[Any] = []
    current = data
    for step in loc:
        if isinstance(current, YamlMap) and isinstance(step, str) and step in current:
            mark = current.value_marks.get(step, mark)
            current = current[step]
        elif isinstance(current, YamlList) and isinstance(step, int) and step < len(current):
            mark = current.item_marks[step] if step < len(current.item_marks) else mark
            current = current[step]
        else:
            continue  # a union member label, or a key that is absent
        path.append(step)
    return mark, path


def _data_loc(loc: tuple[Any, ...], data: Any) -> tuple[Any, ...]:
    """Drop union member labels ('list[...]', 'function-after[...]') from a location."""
    kept: list[Any] = []
    for step in loc:
        if isinstance(step, int) or (isinstance(step, str) and not step.endswith("]")):
            kept.append(step)
    return tuple(kept)


def _owner(root: type[BaseModel], loc: tuple[Any, ...]) -> tuple[type[BaseModel], str]:
    """The model and the user's word for the element that holds the last key of `loc`."""
    model, kind = root, _ROOT_WORDS.get(root, "the file")
    for step in loc[:-1]:
        if not isinstance(step, str):
            continue
        field = model.model_fields.get(step)
        inner = model_in(field.annotation) if field else None
        if inner is None:
            break
        model, kind = inner, LIST_ITEMS.get(step, (inner, f"'{step}'"))[1]
    return model, kind


def model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `list[Stage] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = model_in(argument)
        if found is not None:
            return found
    return None


def _explain(root: type[BaseModel], error: Any, data: Any, display: str) -> Problem:
    loc = _data_loc(tuple(error["loc"]), data)
    mark, path = _locate(data, loc)
    kind = error["type"]
    key = next((step for step in reversed(loc) if isinstance(step, str)), "")
    if kind != "missing":  # the key as written, not a union's member label ('int', 'str')
        key = next((step for step in reversed(path) if isinstance(step, str)), key)
    if kind == "extra_forbidden":
        container = _container(data, path[:-1]) if path else None
        if isinstance(container, YamlMap) and key in container.key_marks:
            mark = container.key_marks[key]
        return Problem(Position(display, *mark), _unknown_key(root, loc, key))
    if kind == "missing":
        container = _container(data, path)
        mark = getattr(container, "mark", mark)
        owner_kind = _owner(root, loc)[1]
        message = _("{element} needs '{key}'").format(element=article(owner_kind), key=key)
        return Problem(Position(display, *mark), message)
    return Problem(Position(display, *mark), value_message(kind, key, error))


def _container(data: Any, path: list[Any]) -> Any:
    current = data
    for step in path:
        current = current[step]
    return current


def article(kind: str) -> str:
    """'a stage', 'an opportunity', 'the map', in the interface language."""
    if kind in ARTICLE_WORDS:
        return _(ARTICLE_WORDS[kind])
    if kind.startswith(("the ", "'")):
        return kind
    return ("an " if kind[0] in "aeiouAEIOU" else "a ") + kind


def _unknown_key(root: type[BaseModel], loc: tuple[Any, ...], key: str) -> str:
    model, kind = _owner(root, loc)
    known = list(model.model_fields)
    message = _("unknown key '{key}' in {element}").format(key=key, element=article(kind))
    hint = did_you_mean(key, known)
    if hint:
        return message + hint
    return _("{message}; known keys: {keys}").format(message=message, keys=", ".join(known))


def shown_value(value: Any) -> str:
    """A value as a message quotes it: short, and text in quotes."""
    if isinstance(value, dict):
        return _("a mapping")
    if isinstance(value, list):
        return _("a list")
    if value is None:
        return _("nothing")
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**40:
        return _("a number of {digits} digits").format(digits=f"{len(str(abs(value))):,}")
    if not isinstance(value, str):
        return str(value)
    return repr(value if len(value) <= 40 else value[:37] + "...")


# What a value must be, as the end of "'key' must be ..." (translations put them in the case
# their sentence needs).
_NUMBER = N_("a number")
_MAPPING = N_("a mapping of keys and values")
_WHOLE_NUMBER = N_("a whole number")
_BOOLEAN = N_("true or false")
_DATE = N_("a date like 2026-11-20")
_TYPE_WORDS = {
    "string_type": N_("text"),
    "list_type": N_("a list (e.g. [a, b] or one '- item' per line)"),
    "model_type": _MAPPING,
    "model_attributes_type": _MAPPING,
    "dict_type": _MAPPING,
    "bool_type": _BOOLEAN,
    "bool_parsing": _BOOLEAN,
    "int_type": _WHOLE_NUMBER,
    "int_parsing": _WHOLE_NUMBER,
    "int_from_float": _WHOLE_NUMBER,
    "int_parsing_size": N_("a number of a sensible size"),
    "float_type": _NUMBER,
    "float_parsing": _NUMBER,
    "finite_number": N_("a finite number"),
    "date_type": _DATE,
    "date_from_datetime_parsing": _DATE,
    "date_parsing": _DATE,
}
_BOUND_WORDS = {
    "greater_than_equal": (N_("'{key}' must be at least {bound}, got {got}"), "ge"),
    "greater_than": (N_("'{key}' must be more than {bound}, got {got}"), "gt"),
    "less_than_equal": (N_("'{key}' must be at most {bound}, got {got}"), "le"),
    "less_than": (N_("'{key}' must be less than {bound}, got {got}"), "lt"),
}
_EMOTION_KINDS = {"int_type", "int_parsing", "int_from_float", "greater_than_equal", "less_than_equal"}


def value_message(kind: str, key: str, error: Any) -> str:
    """What is wrong with one value, in plain words."""
    value = error.get("input")
    got = shown_value(value)
    if key in ("emotion", "target_emotion") and kind in _EMOTION_KINDS:
        return _("{key} must be {expected}, got {got}").format(key=key, expected=_(EMOTION_HELP), got=got)
    if kind in _TYPE_WORDS:
        return _("'{key}' must be {expected}, got {got}").format(
            key=key, expected=_(_TYPE_WORDS[kind]), got=got
        )
    if kind in _BOUND_WORDS:
        sentence, name = _BOUND_WORDS[kind]
        return _(sentence).format(key=key, bound=error["ctx"][name], got=got)
    if kind == "literal_error":
        return _("'{key}' must be {expected}, got {got}").format(
            key=key, expected=literal_choices(error["ctx"]["expected"]), got=got
        )
    if kind == "string_pattern_mismatch":
        return pattern_message(error["ctx"]["pattern"], key, value)
    if kind == "string_too_short":
        return _("'{key}' cannot be empty").format(key=key)
    if kind == "too_short":
        noun = LIST_ITEMS.get(key, (None, key))[1]
        return _("'{key}' needs at least one {noun}").format(key=key, noun=_(noun))
    return f"'{key}': {error['msg']}"


def literal_choices(expected: str) -> str:
    """Pydantic's "'a', 'b' or 'c'" with the 'or' in the interface language (the values stay)."""
    head, separator, last = expected.rpartition(" or ")
    return _("{items} or {last}").format(items=head, last=last) if separator else expected


def pattern_message(pattern: str, key: str, value: str) -> str:
    """Why text does not have the form a key takes, in that form's own words."""
    got = shown_value(value)
    if pattern == RULE_CODE_PATTERN:
        return _("{got} is not a rule code like CJM101").format(got=got) + suggest_rule(value)
    if pattern == COLOR_PATTERN:
        return _("{got} is not a colour: write {form}").format(got=got, form=_(COLOR_RULE))
    if pattern == ID_PATTERN:
        message = _("{got} is not a valid id: use {form} (no spaces)").format(got=got, form=_(ID_RULE))
        return message + _meant_id(value)
    return _("'{key}' does not have the form it takes: {got}").format(key=key, got=got)


def _meant_id(value: str) -> str:
    """'; did you mean 'web'? the 'е' is CYRILLIC SMALL LETTER IE' when the id only looks valid."""
    look = skeleton(value)
    if look == value or not re.match(ID_PATTERN, look):
        return ""
    note = lookalike_note(value) or _("it has letters that only look Latin")
    return _(" (did you mean '{look}'? {note})").format(look=look, note=note)
