"""Read a YAML file into plain data that remembers where every key and value came from.

PyYAML's own loaders are not safe enough for untrusted maps: they keep the last of two
duplicate keys, expand alias bombs while walking, resolve `no` to False and `3.10` to a
float (YAML 1.1), and libyaml's recursive composer crashes the interpreter on deep
nesting. So we read libyaml's *event* stream (fast, flat, no recursion) and build the
data ourselves, in one pass, with every check of the format's "bad input" list.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import yaml

from cjm.errors import LoadError, Position, Problem
from cjm.i18n import N_
from cjm.i18n import gettext as _
from cjm.load.files import read_text

try:  # libyaml is 4-10x faster; fall back to the pure-Python parser where it is missing
    from yaml import CSafeLoader as _EventLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _EventLoader  # type: ignore[assignment]

# libyaml's words for what is wrong (error.problem), translated where shown; others stay as written.
LIBYAML_PROBLEMS = frozenset(
    (
        N_("found character that cannot start any token"),
        N_("mapping values are not allowed in this context"),
        N_("could not find expected ':'"),
        N_("found unexpected end of stream"),
        N_("found a tab character that violates indentation"),
        N_("found a tab character where an indentation space is expected"),
        N_("found unknown escape character"),
        N_("found unexpected ':'"),
        N_("found unexpected document indicator"),
        N_("found undefined tag handle"),
        N_("found an incorrect leading UTF-8 octet"),
        N_("found an incorrect trailing UTF-8 octet"),
        N_("found invalid Unicode character escape code"),
        N_("did not find expected key"),
        N_("did not find expected node content"),
        N_("did not find expected ',' or ']'"),
        N_("did not find expected ',' or '}'"),
        N_("did not find expected '-' indicator"),
        N_("did not find expected comment or line break"),
        N_("did not find expected alphabetic or numeric character"),
        N_("did not find expected whitespace or line break"),
        N_("block sequence entries are not allowed in this context"),
    )
)
MAX_DEPTH = 64
MAX_ALIAS_EXPANSION = 100_000
# Few nodes can still carry much text: 1 MB anchored once and aliased 2,000 times renders 2 GB.
MAX_ALIAS_TEXT = 10 * 1024 * 1024  # characters of text that aliases may repeat

_STANDARD_TAG = "tag:yaml.org,2002:"
_ALLOWED_TAGS = {_STANDARD_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq")}
_NULLS = {"", "~", "null", "Null", "NULL"}
_TRUE = {"true", "True", "TRUE"}
_FALSE = {"false", "False", "FALSE"}
_INT = re.compile(r"[-+]?[0-9]+$")
_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")

Mark = tuple[int, int]  # 1-based line and column


_NO_MARKS: dict = {}  # shared and never written: what a map without detailed marks holds


class YamlMap(dict):
    """A mapping that remembers the position of itself, each key and (detailed) each value."""

    __slots__ = ("key_marks", "mark", "value_marks")

    def __init__(self, mark: Mark, detailed: bool = True) -> None:
        super().__init__()
        self.mark = mark
        self.key_marks: dict[str, Mark] = {}
        self.value_marks: dict[str, Mark] = {} if detailed else _NO_MARKS


class YamlList(list):
    """A sequence that remembers the position of itself and (detailed) each item."""

    __slots__ = ("item_marks", "mark")

    def __init__(self, mark: Mark, detailed: bool = True) -> None:
        super().__init__()
        self.mark = mark
        self.item_marks: list[Mark] = [] if detailed else _NO_ITEM_MARKS


_NO_ITEM_MARKS: list = []  # shared and never written, like _NO_MARKS


# Python turns at most this many digits into an int (sys.int_info): past it `int()` raises,
# and with the limit lifted it takes quadratic time. No field of a map takes such a number.
MAX_INT_DIGITS = 4300


class LongNumber:
    """A plain integer scalar with more than MAX_INT_DIGITS digits: no field takes it, and
    messages say how long it is rather than print it."""

    __slots__ = ("digits",)

    def __init__(self, digits: int) -> None:
        self.digits = digits

    def __repr__(self) -> str:
        return _("a number of {digits} digits").format(digits=f"{self.digits:,}")

    __str__ = __repr__


def resolve_scalar(raw: str) -> Any:
    """Type a plain scalar by YAML 1.2's core schema: only true/false are booleans.

    `1e400` is a float (infinite); the fields that take numbers say which range they take.
    """
    if raw in _NULLS:
        return None
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    if _INT.match(raw):
        digits = len(raw.lstrip("+-"))
        return int(raw) if digits <= MAX_INT_DIGITS else LongNumber(digits)
    if _FLOAT.match(raw):
        return float(raw)
    return raw


ItemHook = Callable[[tuple[Any, ...], "YamlMap"], Any]


def parse_lenient(
    text: str | bytes,
    display: str,
    typed_keys: Iterable[str] = (),
    detailed: bool = True,
    on_item: ItemHook | None = None,
) -> tuple[Any, list[Problem]]:
    """Like `parse`, but returns the data with the problems that did not stop reading.

    Problems that make the data meaningless (syntax errors, bombs) still raise.
    `on_item(path, mapping)`, if given, is called as each mapping inside a list is read
    (path: the keys from the root, None for list items, e.g. ('stages', None, 'touchpoints'))
    and its result replaces the mapping: the caller can turn data into objects while the
    file is read, so the data of a big file never exists all at once. Mappings under an
    anchor are left as they are, since aliases would share the objects.
    """
    builder = _DataBuilder(display, frozenset(typed_keys), detailed, on_item)
    try:
        builder.run(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        deep = _deep_nesting_before(text, mark)
        if deep is not None:
            builder.problem(deep, _(_TOO_DEEP).format(depth=MAX_DEPTH))
        else:
            builder.problems.append(
                Problem(
                    _position(display, mark),
                    _("YAML syntax error: {problem}").format(problem=_libyaml_words(error.problem)),
                    "syntax",
                )
            )
        builder.fatal = True
    except yaml.reader.ReaderError as error:  # a character YAML forbids, such as NUL or ESC
        where = _offset_position(text, display, error.position)
        code = error.character if isinstance(error.character, int) else ord(error.character)
        escape = f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
        message = _(
            "the character {code} is not allowed in a YAML file; remove it "
            'or write it as an escape inside double quotes ("{escape}")'
        ).format(code=f"U+{code:04X}", escape=escape)
        builder.problems.append(Problem(where, message, "syntax"))
        builder.fatal = True
    except yaml.YAMLError as error:  # pragma: no cover - libyaml reports without a mark
        builder.problems.append(
            Problem(Position(display), _("YAML error: {error}").format(error=error), "syntax")
        )
        builder.fatal = True
    if builder.fatal or (builder.problems and builder.document is None):
        raise LoadError(builder.problems)
    return builder.document, builder.problems


_TOO_DEEP = N_("nesting deeper than {depth} levels: a map is never this deep")
_YAML_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")


def _deep_nesting_before(text: str | bytes, error_mark: Any) -> Mark | None:
    """Where the level past MAX_DEPTH opens, when it opens before a syntax error.

    libyaml 0.2.6 (PyYAML 6.0.4) has a nesting limit of its own: its scanner looks ahead
    over `[[[[...` on one line (each bracket may start a key) and stops at 1,000 levels,
    before the parser has given the events that the builder counts. A reader going event
    by event would have met the 65th level first, so that is what is reported, found by
    reading on from the last event libyaml gave.
    """
    if error_mark is None:
        return None
    source = text.decode("utf-8-sig", "replace") if isinstance(text, bytes) else text.removeprefix("\ufeff")
    line, column, depth = _last_event(source)
    return _flow_level_mark(source, line, column, depth, (error_mark.line, error_mark.column))


def _last_event(source: str) -> tuple[int, int, int]:
    """(line, column) where the last event before the error ends (0-based), and the depth there."""
    loader = _EventLoader(source)
    line = column = depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line, column = event.end_mark.line, event.end_mark.column
            if isinstance(event, yaml.SequenceStartEvent | yaml.MappingStartEvent):
                depth += 1
            elif isinstance(event, yaml.SequenceEndEvent | yaml.MappingEndEvent):
                depth -= 1
    except yaml.YAMLError:
        pass
    finally:
        loader.dispose()
    return line, column, depth


def _flow_level_mark(source: str, line: int, column: int, depth: int, stop: tuple[int, int]) -> Mark | None:
    """Read flow tokens from (line, column) on, counting brackets outside quotes and comments,
    up to `stop`; the 1-based mark of the bracket that opens level MAX_DEPTH + 1, if any."""
    lines = _YAML_BREAK.split(source)
    previous = " "
    quote: str | None = None
    while line < len(lines) and (line, column) <= stop:
        text = lines[line]
        while column < len(text):
            character = text[column]
            if quote is not None:
                if (character == "\\" and quote == '"') or (text.startswith("''", column) and quote == "'"):
                    column += 1  # an escaped character, or '' for ' in single quotes
                elif character == quote:
                    quote = None
            elif character in "'\"" and previous in " \t[{,:":
                quote = character
            elif character == "#" and previous in " \t":
                break
            elif character in "[{":
                depth += 1
                if depth > MAX_DEPTH:
                    return (line + 1, column + 1)
            elif character in "]}":
                depth -= 1
            previous = character
            column += 1
        line, column, previous = line + 1, 0, " "
    return None


def _offset_position(text: str | bytes, display: str, offset: int) -> Position:
    """Line and column of an offset that libyaml counts in UTF-8 bytes (PyYAML in characters)."""
    if _EventLoader.__name__.startswith("C"):
        data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
        text = data[:offset].decode("utf-8-sig", "replace")  # libyaml counts a BOM's bytes too
    else:  # pragma: no cover - depends on how PyYAML was built
        text = (text.decode("utf-8-sig") if isinstance(text, bytes) else text)[:offset]
    line = text.count("\n") + 1
    return Position(display, line, len(text) - (text.rfind("\n") + 1) + 1)


def _position(display: str, mark: Any) -> Position:
    if mark is None:
        return Position(display)
    return Position(display, mark.line + 1, mark.column + 1)


class _Stop(Exception):
    """Raised inside the builder when reading on would be pointless or unsafe."""


class _Frame:
    """An open mapping or list while its events are read."""

    __slots__ = ("anchor", "container", "count", "key", "key_mark", "parent_key", "size")

    def __init__(self, container: Any, anchor: str | None, parent_key: str | None) -> None:
        self.container = container
        self.key: Any = None  # a mapping's key whose value is read next
        self.key_mark: Mark | None = None
        self.anchor = anchor
        self.count = 1  # values inside, for the alias limits
        self.size = 0  # characters of text inside, for the alias limits
        self.parent_key = parent_key  # the key this container is the value of; None in a list


class _DataBuilder:
    """Turns libyaml events into data; one instance per file."""

    def __init__(
        self, display: str, typed_keys: frozenset[str], detailed: bool = True, on_item: ItemHook | None = None
    ) -> None:
        # Without `detailed`, only mappings and keys keep their marks: enough to place every
        # element and finding, at half the memory. Error reports read the file again detailed.
        self.detailed = detailed
        self.on_item = on_item
        self.display = display
        self.typed_keys = typed_keys
        self.problems: list[Problem] = []
        self.fatal = False
        self.document: Any = None
        self.documents = 0
        self.anchors: dict[str, tuple[Any, int, int]] = {}
        # One string object per distinct key: a big map repeats `id`, `action`, ... thousands of times.
        self.keys: dict[str, str] = {}
        self.expanded = 0
        self.expanded_text = 0
        self.stack: list[_Frame] = []

    def problem(self, mark: Mark, message: str) -> None:
        self.problems.append(Problem(Position(self.display, *mark), message))

    def run(self, text: str | bytes) -> None:
        loader = _EventLoader(text)
        try:
            while loader.check_event():
                self.handle(loader.get_event())
        except _Stop:
            self.fatal = True
        finally:
            loader.dispose()

    def handle(self, event: yaml.Event) -> None:
        mark = (event.start_mark.line + 1, event.start_mark.column + 1)
        kind = type(event)
        if kind is yaml.ScalarEvent:
            self.scalar(event, mark)
        elif kind is yaml.MappingStartEvent:
            self.open(YamlMap(mark, self.detailed), event, mark)
        elif kind is yaml.SequenceStartEvent:
            self.open(YamlList(mark, self.detailed), event, mark)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            self.close()
        elif kind is yaml.AliasEvent:
            self.alias(event, mark)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                self.problem(mark, _("a second YAML document ('---'): a map is one document"))
                raise _Stop

    def check_tag(self, tag: str | None, mark: Mark) -> None:
        if tag is None or tag == "!" or tag in _ALLOWED_TAGS:
            return
        shown = tag.replace(_STANDARD_TAG, "!!")
        self.problem(
            mark, _("YAML tag '{tag}' is not allowed: a map holds plain data only").format(tag=shown)
        )

    def scalar(self, event: yaml.ScalarEvent, mark: Mark) -> None:
        self.check_tag(event.tag, mark)
        value: Any = event.value
        plain = not event.style and event.tag != _STANDARD_TAG + "str"  # libyaml says '', PyYAML None
        if plain:
            frame = self.stack[-1] if self.stack else None
            key = frame.key if frame is not None and isinstance(frame.container, YamlMap) else None
            if value in _NULLS:
                value = None
            elif key in self.typed_keys:
                value = resolve_scalar(value)
        self.add(value, mark, 1, event.anchor, len(event.value))

    def open(self, container: Any, event: Any, mark: Mark) -> None:
        self.check_tag(event.tag, mark)
        if len(self.stack) >= MAX_DEPTH:
            self.problem(mark, _(_TOO_DEEP).format(depth=MAX_DEPTH))
            raise _Stop
        parent = self.stack[-1] if self.stack else None
        name = parent.key if parent is not None and isinstance(parent.container, YamlMap) else None
        self.stack.append(_Frame(container, event.anchor, name))

    def close(self) -> None:
        frame = self.stack.pop()
        container = frame.container
        if frame.key is not None:  # pragma: no cover - libyaml always pairs keys with values
            container[frame.key] = None
        mark = container.mark
        if self.on_item is not None and self._hook_applies(container, frame.anchor):
            container = self.on_item(tuple(outer.parent_key for outer in self.stack[1:]), container)
        self.add(container, mark, frame.count, frame.anchor, frame.size)

    def _hook_applies(self, container: Any, anchor: str | None) -> bool:
        if (
            not isinstance(container, YamlMap)
            or not self.stack
            or not isinstance(self.stack[-1].container, YamlList)
        ):
            return False
        return anchor is None and all(frame.anchor is None for frame in self.stack)

    def alias(self, event: yaml.AliasEvent, mark: Mark) -> None:
        if event.anchor not in self.anchors:  # pragma: no cover - libyaml rejects it first
            self.problem(mark, _("unknown alias '*{anchor}'").format(anchor=event.anchor))
            raise _Stop
        value, count, size = self.anchors[event.anchor]
        self.expanded += count
        self.expanded_text += size
        if self.expanded_text > MAX_ALIAS_TEXT:
            message = _(
                "aliases repeat more than {megabytes} MB of text "
                "(an alias bomb?): write the repeated parts out"
            ).format(megabytes=MAX_ALIAS_TEXT // 1048576)
            self.problem(mark, message)
            raise _Stop
        if self.expanded > MAX_ALIAS_EXPANSION:
            message = _(
                "aliases expand to more than {count} values (an alias bomb?): write the repeated parts out"
            ).format(count=f"{MAX_ALIAS_EXPANSION:,}")

            self.problem(mark, message)
            raise _Stop
        self.add(value, mark, count, None, size)

    def add(self, value: Any, mark: Mark, count: int, anchor: str | None, size: int = 0) -> None:
        if anchor is not None:
            self.anchors[anchor] = (value, count, size)
        if not self.stack:
            self.document = value
            return
        frame = self.stack[-1]
        frame.count += count
        frame.size += size
        container = frame.container
        if isinstance(container, YamlList):
            container.append(value)
            if self.detailed:
                container.item_marks.append(mark)
        elif frame.key is None and frame.key_mark is None:
            self.add_key(frame, value, mark)
        else:
            key, frame.key, frame.key_mark = frame.key, None, None
            if key is not _DUPLICATE:
                container[key] = value
                if self.detailed:
                    container.value_marks[key] = mark

    def add_key(self, frame: _Frame, key: Any, mark: Mark) -> None:
        container: YamlMap = frame.container
        if not isinstance(key, str):
            if key is None:
                self.problem(mark, _("a key cannot be empty"))
            else:
                self.problem(mark, _("a key must be plain text, not a list or a mapping"))
            frame.key, frame.key_mark = _DUPLICATE, mark
            return
        key = self.keys.setdefault(key, key)
        if key in container.key_marks:
            first = container.key_marks[key][0]
            self.problem(
                mark, _("duplicate key '{key}' (first defined on line {line})").format(key=key, line=first)
            )
            frame.key, frame.key_mark = _DUPLICATE, mark
            return
        if key == "<<":
            self.problem(mark, _("merge keys ('<<') are not supported: write the keys out"))

        container.key_marks[key] = mark
        frame.key, frame.key_mark = key, mark


_DUPLICATE = object()


def load_yaml_file(
    path: Path, display: str | None = None, typed_keys: Iterable[str] = ()
) -> tuple[Any, list[Problem]]:
    """Read and parse one YAML file: the data and the problems that did not stop reading."""
    shown = display if display is not None else str(path)
    return parse_lenient(read_text(path, shown), shown, typed_keys)


def _libyaml_words(problem: str | None) -> str | None:
    return _(problem) if problem in LIBYAML_PROBLEMS else problem
