"""Rendering a journey map: pure functions from the model to text (HTML, Markdown) or bytes (PDF).

The CLI reads the map and the theme files and writes the results; nothing here touches
the file system except the template loader reading templates.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from cjm.errors import UserError
from cjm.i18n import gettext as _
from cjm.render.limits import MAX_OUTPUT_BYTES, cap_combining_marks, capped_chunks, too_large

if TYPE_CHECKING:
    from jinja2 import Template

    from cjm.model import JourneyMap
    from cjm.render.paper import Paper
    from cjm.render.view import MapView

# The model (pydantic) is imported only when a view is built: importing this package stays
# cheap, so that `cjm render -f pdf` forks its PDF worker (cjm.render.pdf) before paying for it.

HTML_TEMPLATE = "journey.html.j2"
MARKDOWN_TEMPLATE = "journey.md.j2"
PDF_TEMPLATE = "pdf.html.j2"  # the HTML WeasyPrint turns into the PDF

__all__ = [
    "MapView",
    "Theme",
    "build_view",
    "render_html",
    "render_html_utf8",
    "render_markdown_utf8",
    "render_pdf_html",
]


FORMAT_TEMPLATES = {"html": HTML_TEMPLATE, "md": MARKDOWN_TEMPLATE, "pdf": PDF_TEMPLATE}


def warm_templates(formats: Sequence[str], template_folders: Sequence[Path]) -> None:
    """Compile the templates of these formats now (see `environment.warm`)."""
    from cjm.render.environment import environment, warm

    warm(
        environment(template_folders),
        [FORMAT_TEMPLATES[name] for name in formats if name in FORMAT_TEMPLATES],
    )


def _template(template_name: str, template_folders: Sequence[Path]) -> Template:
    from cjm.render.environment import environment

    return environment(template_folders).get_template(template_name)


def _render(template_name: str, view: MapView, template_folders: Sequence[Path]) -> str:
    from cjm.render.environment import template_errors

    with template_errors():
        template = _template(template_name, template_folders)
        text = template.render(map=view, t=view.labels.text, plural=view.labels.plural)
    if len(text) > MAX_OUTPUT_BYTES:  # characters: a lower bound of the bytes
        raise too_large(len(text), "page", template_name)
    return text


def _render_utf8(template_name: str, view: MapView, template_folders: Sequence[Path]) -> Iterator[bytes]:
    """The page in chunks of UTF-8, encoded as Jinja produces it.

    Template.render() holds every fragment of a page and then the whole page as a str: for
    a map of 10,000 touchpoints, 30 MB of small strings and a 20 MB str (two bytes a
    character once one is beyond Latin-1) for a 10 MB file. Chunks can go straight to disk.
    """
    from cjm.render.environment import template_errors

    with template_errors():
        template = _template(template_name, template_folders)
        fragments = template.generate(map=view, t=view.labels.text, plural=view.labels.plural)
        while batch := list(islice(fragments, 4096)):
            yield "".join(batch).encode("utf-8")


def render_html_utf8(view: MapView, template_folders: Sequence[Path] = ()) -> Iterator[bytes]:
    """render_html() as chunks of the UTF-8 file, for writing a big page in little memory;
    a page past MAX_OUTPUT_BYTES stops with a user error."""
    return capped_chunks(_render_utf8(HTML_TEMPLATE, view, template_folders), "html")


def render_markdown_utf8(view: MapView, template_folders: Sequence[Path] = ()) -> Iterator[bytes]:
    """GitHub-flavoured Markdown with a Mermaid journey per persona, as chunks of the UTF-8 file."""
    return capped_chunks(_render_utf8(MARKDOWN_TEMPLATE, view, template_folders), "md")


def render_html(view: MapView, template_folders: Sequence[Path] = ()) -> str:
    """One self-contained HTML page: inline CSS and SVG, no script, nothing fetched."""
    return _render(HTML_TEMPLATE, view, template_folders)


def render_pdf_html(view: MapView, paper: Paper, template_folders: Sequence[Path] = ()) -> str:
    """The HTML of the PDF: the poster sized for `paper`, then personas and stages in full,
    with no more combining marks in a row than text layout can take in linear time."""
    from cjm.render.poster import build_poster

    html = _render(PDF_TEMPLATE, replace(view, poster=build_poster(view, paper)), template_folders)
    return cap_combining_marks(html)


def persona_view(journey: JourneyMap, persona: str | None, **options: object) -> MapView:
    """The view of the whole map, or of one persona's journey (an unknown id is a user error)."""
    known = [item.id for item in journey.personas]
    if persona is not None and persona not in known:
        message = _("no persona {persona} in {title}; its personas are: {personas}")
        raise UserError(
            message.format(persona=repr(persona), title=repr(journey.title), personas=", ".join(known))
        )
    from cjm.render.view import build_view

    return build_view(journey, persona=persona, **options)  # type: ignore[arg-type]


def __getattr__(name: str) -> object:
    """`MapView`, `Theme` and `build_view` of cjm.render.view, imported when first asked for."""
    if name in ("MapView", "Theme", "build_view"):
        from cjm.render import view

        return getattr(view, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
