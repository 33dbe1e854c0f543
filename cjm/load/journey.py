"""Load a journey map file into the typed model, or explain every problem at once.

Problems are reported at the offending key or value as FILE:LINE:COLUMN, in plain words;
nothing here prints or exits.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import gettext as _
from cjm.load.files import read_map_bytes
from cjm.load.messages import explain, model_in, shown_value, sorted_problems
from cjm.load.references import check_references
from cjm.load.rule_codes import unknown_ignored_codes
from cjm.load.yaml_events import YamlList, YamlMap, parse_lenient
from cjm.model import Element, JourneyMap
from cjm.model.elements import TYPED_KEYS
from cjm.vocabulary import FORMAT_VERSIONS


def load_map(path: Path | str, display: str | None = None) -> JourneyMap:
    """Read, parse and validate one map file. Raises LoadError with every problem."""
    path = Path(path)
    shown = display if display is not None else str(path)
    return load_map_text(read_map_bytes(path, shown), shown)


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
        journey = JourneyMap.model_validate(data)
    except ValidationError as error:
        raise LoadError(sorted_problems([*found, *explain(JourneyMap, error, data, display)])) from None
    attach_positions(journey, data, display)
    found.extend(check_references(journey))
    found.extend(unknown_ignored_codes(journey))
    if found:
        raise LoadError(sorted_problems(found))
    return journey


def _check_document(data: Any, display: str) -> None:
    start = Position(display, 1, 1)
    if data is None:
        raise LoadError([Problem(start, _("the file is empty: a map starts with 'cjm: 1'"))])
    if not isinstance(data, YamlMap):
        found = _("a list") if isinstance(data, list) else _("plain text")
        message = _("a map must be a YAML mapping of keys (cjm, title, stages, ...), found {found}").format(
            found=found
        )
        raise LoadError([Problem(start, message)])
    if "cjm" not in data:
        message = _("missing 'cjm: 1' (the format version) at the top of the map")
        raise LoadError([Problem(start, message)])
    version = data["cjm"]
    if type(version) is not int or version not in FORMAT_VERSIONS:
        readable = ", ".join(str(number) for number in FORMAT_VERSIONS)
        message = _("unsupported format version {version}: this cjm reads version {readable}").format(
            version=shown_value(version), readable=readable
        )
        if isinstance(version, str) and version.strip() in {str(number) for number in FORMAT_VERSIONS}:
            message += _("; the version is a number: write cjm: {version} (without quotes)").format(
                version=version.strip()
            )

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
                inner = model_in(field.annotation)
                if inner is not None:
                    path = (*prefix, name) if not prefix else (*prefix, None, name)
                    _ELEMENT_PATHS[path] = inner
                    pending.append((path, inner))
    return _ELEMENT_PATHS


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
