"""Load a journey map file into the typed model, or explain every problem at once.

This is the only code that reads map files. Problems are reported at the offending key
or value as FILE:LINE:COLUMN, in plain words; nothing here prints or exits.
"""

from __future__ import annotations

import difflib
import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, get_args

from pydantic import BaseModel, ValidationError

from cjm.errors import LoadError, Position, Problem
from cjm.model import (
    FORMAT_VERSIONS,
    Channel,
    DataItem,
    Element,
    JourneyMap,
    Kpi,
    Opportunity,
    PainPoint,
    Persona,
    Stage,
    Touchpoint,
)
from cjm.yamlio import YamlList, YamlMap, parse_lenient, read_utf8

ModelT = TypeVar("ModelT", bound=BaseModel)
TYPED_KEYS = frozenset({"cjm", "emotion", "personal"})

# The model of the items of each list key, and what a user calls one of them.
LIST_ITEMS: dict[str, tuple[type[BaseModel], str]] = {
    "personas": (Persona, "persona"),
    "channels": (Channel, "channel"),
    "stages": (Stage, "stage"),
    "kpis": (Kpi, "KPI"),
    "touchpoints": (Touchpoint, "touchpoint"),
    "data": (DataItem, "data item"),
    "pain_points": (PainPoint, "pain point"),
    "opportunities": (Opportunity, "opportunity"),
}
_ROOT_WORDS: dict[type[BaseModel], str] = {JourneyMap: "the map"}


def load_map(path: Path | str, display: str | None = None) -> JourneyMap:
    """Read, parse and validate one map file. Raises LoadError with every problem."""
    path = Path(path)
    shown = display if display is not None else str(path)
    return load_map_text(read_utf8(path, shown), shown)


def load_map_text(text: str | bytes, display: str = "<text>") -> JourneyMap:
    """Parse and validate a map given as text. Raises LoadError with every problem.

    A valid map is read once, keeping only the marks that place elements; a map with
    problems is read a second time with the mark of every value, to point at each one.
    """
    try:
        build = partial(_build_element, display=display, layouts={})
        with _cyclic_gc_paused():
            data, problems = parse_lenient(text, display, TYPED_KEYS, detailed=False, on_item=build)
        return build_map(data, problems, display)
    except (LoadError, ValidationError):
        data, problems = parse_lenient(text, display, TYPED_KEYS, detailed=True)
        return build_map(data, problems, display)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Reading a map allocates hundreds of thousands of objects and no reference cycles:
    the cyclic collector, run every few hundred allocations, found nothing and cost about
    9% of the load of a map of 10,000 touchpoints."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def build_map(data: Any, problems: Iterable[Problem], display: str) -> JourneyMap:
    """The model of parsed data; raises LoadError with the parse problems and every new one."""
    _check_document(data, display)
    found = list(problems)
    try:
        journey = validate(JourneyMap, data, display)
    except LoadError as error:
        raise LoadError(_sorted([*found, *error.problems])) from None
    attach_positions(journey, data, display)
    found.extend(check_references(journey))
    if found:
        raise LoadError(_sorted(found))
    return journey


def validate(model: type[ModelT], data: Any, display: str) -> ModelT:
    """Validate parsed data against a model; every error becomes a positioned Problem."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [_explain(model, item, data, display) for item in error.errors()]
        raise LoadError(_sorted(problems)) from None


def _sorted(problems: Iterable[Problem]) -> list[Problem]:
    unique = dict.fromkeys(problems)
    return sorted(unique, key=lambda problem: (problem.position.line, problem.position.column))


def _check_document(data: Any, display: str) -> None:
    start = Position(display, 1, 1)
    if data is None:
        raise LoadError([Problem(start, "the file is empty: a map starts with 'cjm: 1'")])
    if not isinstance(data, YamlMap):
        found = "a list" if isinstance(data, list) else "plain text"
        message = f"a map must be a YAML mapping of keys (cjm, title, stages, ...), found {found}"
        raise LoadError([Problem(start, message)])
    if "cjm" not in data:
        message = "missing 'cjm: 1' (the format version) at the top of the map"
        raise LoadError([Problem(start, message)])
    version = data["cjm"]
    if type(version) is not int or version not in FORMAT_VERSIONS:
        readable = ", ".join(str(number) for number in FORMAT_VERSIONS)
        message = f"unsupported format version {version!r}: this cjm reads version {readable}"
        if isinstance(version, str) and version.strip() in {str(number) for number in FORMAT_VERSIONS}:
            message += f"; the version is a number: write cjm: {version.strip()} (without quotes)"
        raise LoadError([Problem(Position(display, *data.value_marks.get("cjm", data.mark)), message)])


def _build_element(path: tuple[Any, ...], data: YamlMap, display: str, layouts: dict) -> Any:
    """The element of a mapping read at `path` of the map, as soon as the parser closes it.

    Its data is then garbage, so a big map never holds its whole data tree and its whole
    model at once (peak memory); pydantic takes finished elements as they are
    (revalidate_instances='never'). Raises ValidationError; the caller then reads the
    file again with every mark, to explain each problem.
    """
    model = _element_paths().get(path)
    if model is None:
        return data
    element = model.model_validate(data)
    attach_positions(element, data, display, layouts)
    element.share_fields_set(_FIELDS_SETS)
    return element


_FIELDS_SETS: dict[frozenset[str], frozenset[str]] = {}


_ELEMENT_PATHS: dict[tuple[Any, ...], type[BaseModel]] = {}


def _element_paths() -> dict[tuple[Any, ...], type[BaseModel]]:
    """The model of the mappings at each path of a map: ('stages',): Stage, ..."""
    if not _ELEMENT_PATHS:
        pending: list[tuple[tuple[Any, ...], type[BaseModel]]] = [((), JourneyMap)]
        while pending:
            prefix, model = pending.pop()
            for name, field in model.model_fields.items():
                inner = _model_in(field.annotation)
                if inner is not None:
                    path = (*prefix, name) if not prefix else (*prefix, None, name)
                    _ELEMENT_PATHS[path] = inner
                    pending.append((path, inner))
    return _ELEMENT_PATHS


# --- positions -------------------------------------------------------------------------


def attach_positions(element: Element, data: YamlMap, display: str, layouts: dict | None = None) -> None:
    """Give every element of the model the position of the mapping it was built from.

    Items of lists of ids, where known, are marked too (`personas[1]`), so a dangling
    reference points at the id.
    """
    for name, items in data.items():  # every key of valid data is a field
        if not isinstance(items, YamlList):
            continue
        value = getattr(element, name)
        for index, (item, item_data) in enumerate(zip(value, items, strict=False)):
            if isinstance(item_data, YamlMap):
                if isinstance(item, Element):
                    attach_positions(item, item_data, display, layouts)
            elif items.item_marks:
                data.key_marks[f"{name}[{index}]"] = items.item_marks[index]
    element.place(Position(display, *data.mark), data.key_marks, layouts)


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
        inner = _model_in(field.annotation) if field else None
        if inner is None:
            break
        model, kind = inner, LIST_ITEMS.get(step, (inner, f"'{step}'"))[1]
    return model, kind


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """The model class inside an annotation such as `list[Stage] | None`."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for argument in get_args(annotation):
        found = _model_in(argument)
        if found is not None:
            return found
    return None


# --- messages --------------------------------------------------------------------------


def _explain(root: type[BaseModel], error: Any, data: Any, display: str) -> Problem:
    loc = _data_loc(tuple(error["loc"]), data)
    mark, path = _locate(data, loc)
    key = next((step for step in reversed(loc) if isinstance(step, str)), "")
    kind = error["type"]
    if kind == "extra_forbidden":
        container = _container(data, path[:-1]) if path else None
        if isinstance(container, YamlMap) and key in container.key_marks:
            mark = container.key_marks[key]
        return Problem(Position(display, *mark), _unknown_key(root, loc, key))
    if kind == "missing":
        container = _container(data, path)
        mark = getattr(container, "mark", mark)
        owner_kind = _owner(root, loc)[1]
        return Problem(Position(display, *mark), f"{_article(owner_kind)} needs '{key}'")
    return Problem(Position(display, *mark), _message(kind, key, error))


def _container(data: Any, path: list[Any]) -> Any:
    current = data
    for step in path:
        current = current[step]
    return current


def _article(kind: str) -> str:
    if kind.startswith(("the ", "'")):
        return kind
    return ("an " if kind[0] in "aeiouAEIOU" else "a ") + kind


def _unknown_key(root: type[BaseModel], loc: tuple[Any, ...], key: str) -> str:
    model, kind = _owner(root, loc)
    known = list(model.model_fields)
    message = f"unknown key '{key}' in {_article(kind)}"
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return f"{message} (did you mean '{close[0]}'?)"
    return f"{message}; known keys: {', '.join(known)}"


def _shown(value: Any) -> str:
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if value is None:
        return "nothing"
    if not isinstance(value, str):
        return str(value)
    return repr(value if len(value) <= 40 else value[:37] + "...")


_TYPE_WORDS = {
    "string_type": "text",
    "list_type": "a list (e.g. [a, b] or one '- item' per line)",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
    "dict_type": "a mapping of keys and values",
    "bool_type": "true or false",
    "date_type": "a date like 2026-11-20",
    "date_from_datetime_parsing": "a date like 2026-11-20",
    "date_parsing": "a date like 2026-11-20",
}


def _message(kind: str, key: str, error: Any) -> str:
    value = error.get("input")
    got = _shown(value)
    if key == "emotion" and kind in {"int_type", "greater_than_equal", "less_than_equal"}:
        return f"emotion must be a whole number from -2 (very negative) to 2 (very positive), got {got}"
    if kind in _TYPE_WORDS:
        return f"'{key}' must be {_TYPE_WORDS[kind]}, got {got}"
    if kind == "literal_error":
        return f"'{key}' must be {error['ctx']['expected']}, got {got}"
    if kind == "string_pattern_mismatch":
        if "CJM" in error["ctx"]["pattern"]:
            return f"{got} is not a rule code like CJM101"
        return f"{got} is not a valid id: use 1-64 letters, digits, '-' or '_' (no spaces)"
    if kind == "string_too_short":
        return f"'{key}' cannot be empty"
    if kind == "too_short":
        noun = LIST_ITEMS.get(key, (None, key))[1]
        return f"'{key}' needs at least one {noun}"
    return f"'{key}': {error['msg']}"


# --- references ------------------------------------------------------------------------


def _identified(journey: JourneyMap) -> Iterator[tuple[str, Element, str]]:
    """Every element that carries an id, with the user's word for its kind."""
    for persona in journey.personas:
        yield "persona", persona, persona.id
    for channel in journey.channels:
        yield "channel", channel, channel.id
    for stage in journey.stages:
        yield "stage", stage, stage.id
        for touchpoint in stage.touchpoints:
            if touchpoint.id:
                yield "touchpoint", touchpoint, touchpoint.id
        for pain_point in stage.pain_points or ():
            if pain_point.id:
                yield "pain point", pain_point, pain_point.id
        for opportunity in stage.opportunities:
            if opportunity.id:
                yield "opportunity", opportunity, opportunity.id


def check_references(journey: JourneyMap) -> Iterator[Problem]:
    """Ids are unique across the file, and every reference names an id of the right kind."""
    kinds: dict[str, str] = {}
    for kind, element, ident in _identified(journey):
        if ident in kinds:
            where = element.key_position("id")
            first = _first_line(journey, ident)
            yield Problem(where, f"duplicate id '{ident}' (first used on line {first})")
        else:
            kinds[ident] = kind
    for kind, ident, element, key in _references(journey):
        if kinds.get(ident) != kind:
            yield Problem(element.key_position(key), _dangling(kind, ident, kinds))


def _first_line(journey: JourneyMap, ident: str) -> int:
    for _, element, other in _identified(journey):
        if other == ident:
            return element.key_position("id").line
    return 0  # pragma: no cover - the id was seen before


def _references(journey: JourneyMap) -> Iterator[tuple[str, str, Element, str]]:
    """(kind, id, element, key) of every reference; positions are looked up only on error."""
    for _, touchpoint in journey.touchpoints():
        yield "channel", touchpoint.channel, touchpoint, "channel"
        for index, persona in enumerate(touchpoint.personas or ()):
            yield "persona", persona, touchpoint, f"personas[{index}]"
    for _, pain_point in journey.pain_points():
        if pain_point.touchpoint is not None:
            yield "touchpoint", pain_point.touchpoint, pain_point, "touchpoint"
        for index, persona in enumerate(pain_point.personas or ()):
            yield "persona", persona, pain_point, f"personas[{index}]"
    for _, opportunity in journey.opportunities():
        for index, pain_point_id in enumerate(opportunity.addresses):
            yield "pain point", pain_point_id, opportunity, f"addresses[{index}]"


def _dangling(kind: str, ident: str, kinds: dict[str, str]) -> str:
    if ident in kinds:
        return f"'{ident}' is {_article(kinds[ident])}, not {_article(kind)}"
    same_kind = [other for other, other_kind in kinds.items() if other_kind == kind]
    message = f"unknown {kind} '{ident}'"
    close = difflib.get_close_matches(ident, same_kind, n=1, cutoff=0.6)
    if close:
        return f"{message} (did you mean '{close[0]}'?)"
    if same_kind:
        return f"{message}; the {kind}s are: {', '.join(same_kind[:8])}"
    return f"{message}: no {kind} is declared"
