"""The Jinja environment: a search path of template folders, sandboxed, escaping by file name."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from cjm.render import escape

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


class _Sandbox(SandboxedEnvironment):
    """Jinja's sandbox, remembering its verdict on each attribute name of each type.

    The verdict depends only on the object's type and the name (jinja2.sandbox's
    is_internal_attribute); asked afresh on every attribute read, it took half the time of
    rendering a map of 10,000 touchpoints.
    """

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        self._verdicts: dict[tuple[type, str], bool] = {}

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
        loader=FileSystemLoader(list(search_path)),
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
    )
    return environment


def environment(user_folders: Sequence[Path] = ()) -> SandboxedEnvironment:
    """User folders first, built-in templates last: the first file of a name wins."""
    search_path = (*(str(folder) for folder in user_folders), str(BUILTIN_TEMPLATES))
    return _environment(search_path)


def builtin_template_files() -> list[Path]:
    """Every built-in template file, relative to the templates folder, in a stable order."""
    return sorted(
        path.relative_to(BUILTIN_TEMPLATES)
        for path in BUILTIN_TEMPLATES.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts and not path.name.startswith(".")
    )
