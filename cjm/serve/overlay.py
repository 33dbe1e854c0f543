"""What the preview adds to a rendered page: the problems on top, cjm check's findings in a
panel that folds, the preview's stylesheet and the live script. Every line is escaped."""

from __future__ import annotations

import html
import re

from cjm.i18n import current_language, ngettext
from cjm.i18n import gettext as _
from cjm.reports.escape import visible
from cjm.serve.preview import Shown

LIVE_SCRIPT = "/_cjm/live.js"
STYLESHEET = "/_cjm/serve.css"
EVENTS = "/_cjm/events"
_HEAD_END = re.compile(r"</head\s*>", re.IGNORECASE)
_BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
_BODY_END = re.compile(r"</body\s*>", re.IGNORECASE)


def page_html(shown: Shown) -> str:
    """The page as served: the last good render (or a page of its own) with the preview's parts."""
    panel = problems_panel(shown.problems, bool(shown.html)) + findings_panel(shown.findings)
    script = f'<script src="{LIVE_SCRIPT}" data-generation="{shown.generation}"></script>'
    document = shown.html if shown.html is not None else _empty_page()
    # An empty icon: the browser would otherwise ask for /favicon.ico, which no project has.
    head = f'<link rel="stylesheet" href="{STYLESHEET}">\n<link rel="icon" href="data:,">\n'
    document = _insert(document, _HEAD_END, head, before=True)
    # The preview speaks the interface language inside a page in the map's: each part says which.
    overlay = f'<div class="cjm-serve" id="cjm-serve" lang="{current_language()}">{panel}</div>'
    document = _insert(document, _BODY_START, f"\n{overlay}\n")
    return _insert(document, _BODY_END, script + "\n", before=True, last=True)


def _insert(
    document: str, where: re.Pattern[str], text: str, before: bool = False, last: bool = False
) -> str:
    """`text` before or after the first (or last) match; at the end when nothing matches."""
    matches = (
        list(where.finditer(document)) if last else [found for found in [where.search(document)] if found]
    )
    if not matches:
        return document + text
    found = matches[-1]
    at = found.start() if before else found.end()
    return document[:at] + text + document[at:]


def _empty_page() -> str:
    """A page of the preview's own, in the language of the rest of its words."""
    title = html.escape(_("cjm serve: the map does not load"))
    return (
        f'<!DOCTYPE html>\n<html lang="{current_language()}">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{title}</title>\n</head>\n<body>\n</body>\n</html>\n"
    )


def _lines(lines: list[str]) -> str:
    return "".join(f"<li><code>{html.escape(visible(line))}</code></li>" for line in lines)


def problems_panel(problems: list[str], has_page: bool) -> str:
    if not problems:
        return ""
    lead = (
        _("Below is the last version that could be shown.")
        if has_page
        else _("Nothing to show until they are fixed.")
    )
    heading = _("Fix these problems, then save")
    return (
        '<section class="cjm-serve-problems" role="alert" aria-labelledby="cjm-serve-problems-title">'
        f'<h2 id="cjm-serve-problems-title">{html.escape(heading)}</h2><p>{html.escape(lead)}</p>'
        f"<ul>{_lines(problems)}</ul></section>"
    )


def findings_panel(findings: list[str]) -> str:
    if not findings:
        return ""
    count = ngettext("{count} finding", "{count} findings", len(findings)).format(count=len(findings))
    return (
        f'<details class="cjm-serve-findings"><summary>cjm check: {html.escape(count)}</summary>'
        f"<ul>{_lines(findings)}</ul></details>"
    )
