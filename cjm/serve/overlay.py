"""What the preview adds to a rendered page: the problems on top, cjm check's findings in a
panel that folds, the preview's stylesheet and the live script. Every line is escaped."""

from __future__ import annotations

import html
import re

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
    document = _insert(document, _BODY_START, f'\n<div class="cjm-serve" id="cjm-serve">{panel}</div>\n')
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
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        "<title>cjm serve: the map does not load</title>\n</head>\n<body>\n</body>\n</html>\n"
    )


def _lines(lines: list[str]) -> str:
    return "".join(f"<li><code>{html.escape(visible(line))}</code></li>" for line in lines)


def problems_panel(problems: list[str], has_page: bool) -> str:
    if not problems:
        return ""
    lead = (
        "Below is the last version that could be shown."
        if has_page
        else "Nothing to show until they are fixed."
    )
    return (
        '<section class="cjm-serve-problems" role="alert" aria-labelledby="cjm-serve-problems-title">'
        f'<h2 id="cjm-serve-problems-title">Fix these problems, then save</h2><p>{lead}</p>'
        f"<ul>{_lines(problems)}</ul></section>"
    )


def findings_panel(findings: list[str]) -> str:
    if not findings:
        return ""
    count = f"{len(findings)} finding" + ("" if len(findings) == 1 else "s")
    return (
        f'<details class="cjm-serve-findings"><summary>cjm check: {count}</summary>'
        f"<ul>{_lines(findings)}</ul></details>"
    )
