"""The site's own pages (index, backlog, data register, personas) and the backlog in Markdown.

Templates come from cjm.render's sandboxed environment with this folder's templates added
to its search path, so a user's template folder overrides them by file name
(`site/index.html.j2`) as it overrides the map's. Each page's stylesheet and script are
inline and named by their hash in the page's Content-Security-Policy: nothing else runs or
loads, whatever a map or a template holds.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cjm import __version__

SITE_TEMPLATES = Path(__file__).resolve().parent / "templates"
PAGE_TEMPLATES = {
    "index.html": "site/index.html.j2",
    "backlog.html": "site/backlog.html.j2",
    "data.html": "site/data.html.j2",
    "personas.html": "site/personas.html.j2",
}
STYLE_TEMPLATE = "site/site.css"
SCRIPT_TEMPLATES = {"index.html": "site/index.js"}
BACKLOG_MARKDOWN = "site/backlog.md.j2"
NAVIGATION = (
    ("index.html", "Journeys"),
    ("backlog.html", "Backlog"),
    ("data.html", "Data register"),
    ("personas.html", "Personas"),
)


@dataclass(frozen=True)
class SiteTheme:
    """The project's brand, as cjm.render checked it: an accent colour, a font, a logo as data: URI."""

    accent: str = "#2f5d8a"
    font: str | None = None
    logo: str | None = None


def search_path(user_folders: Sequence[Path]) -> list[Path]:
    """The user's folders first, then the site's templates; cjm.render adds its own last."""
    return [*user_folders, SITE_TEMPLATES]


def _environment(user_folders: Sequence[Path]) -> Any:
    from cjm.render.environment import environment

    return environment(search_path(user_folders))


def warm_site_templates(user_folders: Sequence[Path]) -> None:
    from cjm.render.environment import warm

    warm(_environment(user_folders), [STYLE_TEMPLATE, *SCRIPT_TEMPLATES.values(), *PAGE_TEMPLATES.values()])


def source_hash(text: str) -> str:
    """The CSP source expression that allows exactly this inline script or stylesheet."""
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def content_security_policy(style: str, script: str) -> str:
    """Nothing loads or runs but this page's own stylesheet and script (and data: images: the logo)."""
    scripts = source_hash(script) if script else "'none'"
    return (
        f"default-src 'none'; style-src {source_hash(style)}; script-src {scripts}; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )


def render_page(name: str, page: dict[str, Any], user_folders: Sequence[Path], theme: SiteTheme) -> str:
    """One page of the site as HTML text."""
    from markupsafe import Markup

    from cjm.render.environment import template_errors

    with template_errors():
        environment = _environment(user_folders)
        style = environment.get_template(STYLE_TEMPLATE).render(theme=theme)
        script_name = SCRIPT_TEMPLATES.get(name)
        script = environment.get_template(script_name).render() if script_name else ""
        return environment.get_template(PAGE_TEMPLATES[name]).render(
            page=page,
            style=Markup(style),
            script=Markup(script),
            policy=content_security_policy(style, script),
            navigation=NAVIGATION,
            current=name,
            theme=theme,
            version=__version__,
        )


def render_backlog_markdown(page: dict[str, Any], user_folders: Sequence[Path] = ()) -> str:
    """The backlog as GitHub-flavoured Markdown: a ranked table, then what nothing addresses."""
    from cjm.render.environment import template_errors

    with template_errors():
        return _environment(user_folders).get_template(BACKLOG_MARKDOWN).render(page=page)
