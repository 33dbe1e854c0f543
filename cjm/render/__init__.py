"""Rendering a journey map: pure functions from the model to text (HTML, Markdown) or bytes (PDF).

The CLI reads the map and the theme files and writes the results; nothing here touches
the file system except the template loader reading templates.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from cjm.errors import UserError
from cjm.model import JourneyMap
from cjm.render.view import MapView, Theme, build_view

FORMATS = ("html", "md", "pdf")
HTML_TEMPLATE = "journey.html.j2"
MARKDOWN_TEMPLATE = "journey.md.j2"

__all__ = ["FORMATS", "MapView", "Theme", "build_view", "render_html", "render_markdown"]


def _render(template_name: str, view: MapView, template_folders: Sequence[Path]) -> str:
    from jinja2 import TemplateError, TemplateNotFound
    from jinja2.sandbox import SecurityError

    from cjm.render.environment import environment

    try:
        template = environment(template_folders).get_template(template_name)
        return template.render(map=view, t=view.labels.text, plural=view.labels.plural)
    except TemplateNotFound as error:
        raise UserError(f"template not found: {error.name}") from None
    except SecurityError as error:
        raise UserError(f"template refused by the sandbox: {error}") from None
    except TemplateError as error:
        where = f"{error.filename}:{error.lineno}: " if getattr(error, "lineno", None) else ""
        raise UserError(f"{where}template error: {error}") from None
    except (ArithmeticError, LookupError, RecursionError, TypeError, ValueError) as error:
        # Raised by a template's own expressions ({{ 1/0 }}, the sandbox's range limit): the
        # template's fault, so reported like any template error, never as a traceback.
        raise UserError(f"template error: {type(error).__name__}: {error}") from None


def render_html(view: MapView, template_folders: Sequence[Path] = ()) -> str:
    """One self-contained HTML page: inline CSS and SVG, no script, nothing fetched."""
    return _render(HTML_TEMPLATE, view, template_folders)


def render_markdown(view: MapView, template_folders: Sequence[Path] = ()) -> str:
    """GitHub-flavoured Markdown with a Mermaid journey per persona."""
    return _render(MARKDOWN_TEMPLATE, view, template_folders)


def persona_view(journey: JourneyMap, persona: str | None, **options: object) -> MapView:
    """The view of the whole map, or of one persona's journey (an unknown id is a user error)."""
    known = [item.id for item in journey.personas]
    if persona is not None and persona not in known:
        raise UserError(f"no persona {persona!r} in {journey.title!r}; its personas are: {', '.join(known)}")
    return build_view(journey, persona=persona, **options)  # type: ignore[arg-type]
