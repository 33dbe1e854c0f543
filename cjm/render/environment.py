"""The Jinja environment: a search path of template folders, sandboxed, escaping by file name."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound
from jinja2.defaults import DEFAULT_FILTERS
from jinja2.loaders import split_template_path
from jinja2.sandbox import SandboxedEnvironment, SecurityError
from markupsafe import Markup

from cjm.errors import LoadError, Position, Problem, UserError
from cjm.i18n import gettext as _
from cjm.load.files import decode, read_regular, resolved_inside
from cjm.render import escape
from cjm.render.limits import CHECKED_OPERATORS, bounded_width

BUILTIN_TEMPLATES = Path(__file__).resolve().parent / "templates"

# `journey.html.j2` ends in `.j2`, which Jinja's select_autoescape() would leave unescaped.
_HTML_SUFFIXES = (".html.j2", ".html", ".htm", ".svg.j2", ".svg", ".xml.j2", ".xml")


# YAML's double-quoted escapes ("\0", "\e", "\b") let control characters into map text; in
# an output file they are invalid HTML, or terminal escape sequences for whoever `cat`s it.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def drop_control_characters(value: Any) -> Any:
    """Every value a template prints, without control characters (tab and new lines stay)."""
    if isinstance(value, str) and _CONTROL_CHARACTERS.search(value):
        cleaned = _CONTROL_CHARACTERS.sub("", value)
        return Markup(cleaned) if isinstance(value, Markup) else cleaned
    return value


def autoescape_for(template_name: str | None) -> bool:
    """HTML and SVG templates escape every value; Markdown and CSS templates escape their own way."""
    return bool(template_name) and template_name.lower().endswith(_HTML_SUFFIXES)


MAX_TEMPLATE_BYTES = 4 * 1024 * 1024


class _FolderLoader(FileSystemLoader):
    """Jinja's loader of template folders, reading only regular files that lie inside their
    folder: `brand.txt -> /etc/passwd` in a template folder is refused, not included."""

    def get_source(self, environment: Any, template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            name = posixpath.join(folder, *pieces)
            if os.path.lexists(name) and not os.path.isdir(name):
                return self._read(name, folder)
        raise TemplateNotFound(template)

    def _read(self, name: str, folder: str) -> tuple[str, str, Callable[[], bool]]:
        inside = resolved_inside(Path(name), Path(folder))
        if inside is None:
            message = _(
                "template leads outside its folder {folder} (through a symlink); cjm does not read it"
            )
            message = message.format(folder=folder)
            raise LoadError([Problem(Position(name), message, "settings")])
        text = decode(read_regular(inside, MAX_TEMPLATE_BYTES, name, "templates"), name)
        changed = os.path.getmtime(inside)
        return text, os.path.normpath(name), lambda: _modified(inside) == changed


def _modified(path: Path) -> float | None:
    try:
        return os.path.getmtime(path)
    except OSError:
        return None


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, remembering its verdict on each attribute name of each type.

    The verdict depends only on the object's type and the name (jinja2.sandbox's
    is_internal_attribute); asked afresh on every attribute read, it took half the time of
    rendering a map of 10,000 touchpoints.
    """

    intercepted_binops = frozenset(CHECKED_OPERATORS)

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        """`*` and `**` checked before they build a huge value (the sandbox's range() is
        capped already); the other operators as Jinja does them."""
        checked = CHECKED_OPERATORS.get(operator)
        return checked(left, right) if checked else super().call_binop(context, operator, left, right)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        kind = type(obj)
        if obj.__class__ is not kind:  # an object that lies about its class is judged every time
            return super().is_safe_attribute(obj, attr, value)
        verdict = self._verdicts.get((kind, attr))
        if verdict is None:
            verdict = self._verdicts[kind, attr] = super().is_safe_attribute(obj, attr, value)
        return verdict


@lru_cache(maxsize=8)
def _environment(search_path: tuple[str, ...]) -> SandboxedEnvironment:
    environment = _Sandbox(
        loader=_FolderLoader(list(search_path)),
        autoescape=autoescape_for,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=drop_control_characters,
    )
    environment.filters.update(
        md=escape.markdown_inline,
        md_cell=escape.markdown_cell,
        md_heading=escape.markdown_heading,
        mermaid=escape.mermaid_text,
        mermaid_actor=escape.mermaid_actor,
        indent=bounded_width(DEFAULT_FILTERS["indent"], 1),
        center=bounded_width(DEFAULT_FILTERS["center"], 1),
    )
    return environment


def environment(user_folders: Sequence[Path] = ()) -> SandboxedEnvironment:
    """User folders first, built-in templates last: the first file of a name wins."""
    search_path = (*(str(folder) for folder in user_folders), str(BUILTIN_TEMPLATES))
    return _environment(search_path)


def builtin_template_files(folder: Path = BUILTIN_TEMPLATES) -> list[Path]:
    """Every built-in template file, relative to its templates folder, in a stable order."""
    return sorted(
        path.relative_to(folder)
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )


MAX_WARMED_TEMPLATES = 200  # a bound on what one warm-up follows, whatever the templates include


def warm(environment: SandboxedEnvironment, names: Sequence[str]) -> None:
    """Compile these templates and every template they include or import, before forking: the
    build's workers inherit them compiled instead of each compiling them again. A template
    that fails here is left for the render to report, as it would have been."""
    from jinja2 import meta

    pending, seen = list(names), set()
    while pending and len(seen) < MAX_WARMED_TEMPLATES:
        name = pending.pop()
        if name in seen:
            continue
        seen.add(name)
        try:
            environment.get_template(name)
            assert environment.loader is not None
            source = environment.loader.get_source(environment, name)[0]
            referenced = meta.find_referenced_templates(environment.parse(source))
        except (TemplateError, OSError, RecursionError, MemoryError):
            continue
        pending += [found for found in referenced if isinstance(found, str)]


@contextmanager
def template_errors() -> Iterator[None]:
    """A template's problems become user errors (exit 2), never tracebacks: the map's
    templates and the site's of cjm build alike."""
    try:
        yield
    except TemplateNotFound as error:
        raise UserError(_("template not found: {name}").format(name=error.name)) from None
    except SecurityError as error:
        raise UserError(_("template refused by the sandbox: {error}").format(error=error)) from None
    except TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
        raise UserError(_("{where}template error: {error}").format(where=where, error=error)) from None
    except MemoryError:
        # `'%*s' % (10**10, '')`, a filter asked for a huge result: the template's fault.
        raise UserError(_("template error: it asked for more memory than there is")) from None
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as error:
        # Raised by a template's own expressions ({{ 1/0 }}, the sandbox's range limit): the
        # template's fault, so reported like any template error, never as a traceback.
        message = _("template error: {error}").format(error=f"{type(error).__name__}: {error}")
        raise UserError(message) from None
